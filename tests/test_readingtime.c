/* test_readingtime.c - each page of a slide shows for the reading time of its own characters
 * (issue 26): a long first page gets more time than a short last one, `duration: auto` is
 * capped per page and not per slide, and the duration `check` advises is the one under which
 * every page gets its reading time on the board. Measured on the prepared pages the screen
 * shows (prepare_page) and on what `check` prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "model/content.h"
#include "page/prepare.h"

#define D "build/test-readingtime"

/* A story of `paras` paragraphs of 60 characters, then one short one (25). */
static char *story(int paras, const char *duration)
{
    struct strbuf b = {0};
    sb_printf(&b,
              "honorboard: 1\ntitle: 先进事迹\nslides:\n  - type: text\n    title: 哪里需要\n"
              "    duration: %s\n    text: |\n",
              duration);
    for (int i = 0; i < paras; i++) {
        sb_puts(&b, "      ");
        for (int k = 0; k < 6; k++)
            sb_puts(&b, "民警杨建桥在后勤一干十年");
        sb_puts(&b, "\n");
    }
    sb_puts(&b, "      他总是笑笑说，这是分内的事，大家都是这样做的，没什么。\n");
    return b.s;
}

/* How long each page of the first slide stays up, as the screen prepares it. */
struct pages {
    int n;
    double secs[16];
};

static struct pages prepared_pages(const char *yaml)
{
    sh("rm -rf " D " && mkdir -p " D);
    FILE *f = fopen(D "/a.yaml", "w");
    assert_non_null(f);
    fputs(yaml, f);
    fclose(f);
    struct diag d = {0};
    struct content *c = content_load(D "/a.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct pages out = {0};
    struct prepared *p = prepare_page(c, 0, 0, 1920, 1080);
    out.n = p->npages;
    prepared_free(p);
    assert_true(out.n >= 2 && out.n <= 16);
    for (int i = 0; i < out.n; i++) {
        p = prepare_page(c, 0, i, 1920, 1080);
        out.secs[i] = p->duration;
        prepared_free(p);
    }
    content_unref(c);
    diag_free(&d);
    prepare_cleanup();
    return out;
}

/* duration: auto: every page its own reading time (300 a minute, 8 s .. 2 min a page); a story
 * of 4 pages is not cut to 2 minutes in all, and its short last page is not held as long as a
 * full one. */
static void test_auto_per_page(void **state)
{
    (void)state;
    char *yaml = story(24, "auto");
    struct pages pg = prepared_pages(yaml);
    free(yaml);
    double total = 0;
    for (int i = 0; i < pg.n; i++) {
        total += pg.secs[i];
        print_message("page %d: %.1f s\n", i + 1, pg.secs[i]);
        assert_true(pg.secs[i] >= 8 && pg.secs[i] <= 120);
    }
    /* 24 x 72 + 25 characters = 1753: about 351 s to read, far over one 2-minute cap */
    assert_true(total > 300);
    assert_true(pg.secs[pg.n - 1] < pg.secs[0]); /* the short last page */
}

/* A fixed duration is shared by the pages in proportion to what each takes to read. */
static void test_fixed_shared_by_reading(void **state)
{
    (void)state;
    char *yaml = story(11, "195s");
    struct pages pg = prepared_pages(yaml);
    free(yaml);
    double total = 0;
    for (int i = 0; i < pg.n; i++) {
        total += pg.secs[i];
        print_message("page %d: %.1f s\n", i + 1, pg.secs[i]);
    }
    assert_true(fabs(total - 195) < 0.5);
    /* the shorter last page gets less than a full one, not 195 / n like every other page (the
     * pages are balanced, so the difference is a few lines' reading, not half a page's) */
    assert_true(pg.secs[0] - pg.secs[pg.n - 1] > 5);
}

/* `check` advises a duration; with it, every page gets its reading time and `check` is quiet;
 * `auto` on a long story is quiet too (the board gives each page its time). */
static void test_advice_agrees(void **state)
{
    (void)state;
    sh("rm -rf " D "-c && mkdir -p " D "-c");
    char *yaml = story(10, "60s");
    FILE *f = fopen(D "-c/a.yaml", "w");
    fputs(yaml, f);
    fclose(f);
    free(yaml);
    run("%s check " D "-c/a.yaml > " D "-c/out.txt 2>&1", bin());
    char *out = slurp(D "-c/out.txt");
    const char *adv = strstr(out, "'duration: ");
    if (!adv)
        fail_msg("no advice in:\n%s", out);
    int secs = atoi(adv + strlen("'duration: "));
    free(out);
    assert_true(secs > 60);
    char dur[32];
    snprintf(dur, sizeof dur, "%ds", secs);
    yaml = story(10, dur);
    f = fopen(D "-c/a.yaml", "w");
    fputs(yaml, f);
    fclose(f);
    free(yaml);
    run("%s check " D "-c/a.yaml > " D "-c/out.txt 2>&1", bin());
    out = slurp(D "-c/out.txt");
    if (strstr(out, "warning:"))
        fail_msg("the advised duration %s still warns:\n%s", dur, out);
    free(out);

    yaml = story(24, "auto");
    f = fopen(D "-c/a.yaml", "w");
    fputs(yaml, f);
    fclose(f);
    free(yaml);
    run("%s check " D "-c/a.yaml > " D "-c/out.txt 2>&1", bin());
    out = slurp(D "-c/out.txt");
    if (strstr(out, "warning:"))
        fail_msg("duration: auto warns on a long story:\n%s", out);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_auto_per_page),
        cmocka_unit_test(test_fixed_shared_by_reading),
        cmocka_unit_test(test_advice_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
