/* test_author.c - what the content author (a Chinese office worker with Notepad, WPS and a
 * phone) meets: text pasted from Word, rosters kept line by line; checked on the laid-out
 * lines and on the painted pixels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "fonts.h"
#include "layout.h"
#include "playlist.h"
#include "util.h"

static struct fonts *fonts;

static int setup(void **state)
{
    (void)state;
    char err[256];
    fonts = fonts_create(NULL, err, sizeof err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fonts_destroy(fonts);
    return 0;
}

/* Pixels in the rectangle clearly unlike the background colour bg. */
static long ink_px(SDL_Surface *s, double x, double y, double w, double h, struct color bg)
{
    int x0 = (int)fmax(0, x), y0 = (int)fmax(0, y);
    int x1 = (int)fmin(s->w, x + w), y1 = (int)fmin(s->h, y + h);
    long hit = 0;
    const uint32_t *px = s->pixels;
    for (int yy = y0; yy < y1; yy++)
        for (int xx = x0; xx < x1; xx++) {
            uint32_t p = px[yy * (s->pitch / 4) + xx];
            int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            if (abs(r - bg.r) + abs(g - bg.g) + abs(b - bg.b) > 90)
                hit++;
        }
    return hit;
}

static const struct element *body_of(const struct slide_layout *l)
{
    for (size_t i = 0; i < l->pages[0].n; i++)
        if (l->pages[0].els[i].kind == EL_TEXT && strcmp(l->pages[0].els[i].role, "body") == 0)
            return &l->pages[0].els[i];
    return NULL;
}

/* Lays out the text slide (a `text` body) and checks every paragraph: `want` paragraphs, each
 * first line starting at `indent_em` em, painted with ink there and none in the indent. */
static void check_paragraphs(const char *yaml, int want, double indent_em, int w, int h)
{
    struct diag d = {0};
    struct playlist *pl = playlist_parse("pasted.yaml", yaml, strlen(yaml), &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%s\n", d.msgs[i].text);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], w, h, &env);
    const struct element *body = body_of(l);
    assert_non_null(body);
    const struct tl_result *r = body->tl;
    assert_int_equal(l->npages, 1);
    int paras = 0;
    char err[256];
    SDL_Surface *s = draw_page(l, 0, fonts, err, sizeof err);
    assert_non_null(s);
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *ln = &r->lines[i];
        bool first = i == 0 || r->lines[i - 1].para != ln->para;
        if (!first)
            continue;
        assert_int_equal(ln->para, paras);
        paras++;
        /* indented exactly once: never the author's U+3000 on top of the standard indent */
        if (fabs(ln->x - indent_em * r->px) > 0.5 && ln->width < r->box_w - indent_em * r->px)
            fail_msg("paragraph %d starts at %.1f px, want %.1f (%.0f em at %.1f px)", paras,
                     ln->x, indent_em * r->px, indent_em, r->px);
        double y = body->y + ln->y;
        if (indent_em > 0) /* nothing painted in the indent */
            assert_int_equal(ink_px(s, body->x + 2, y, indent_em * r->px - 4, r->line_h,
                                    pl->theme.background), 0);
        assert_true(ink_px(s, body->x + ln->x, y, r->px * 2, r->line_h, pl->theme.background) > 20);
    }
    assert_int_equal(paras, want);
    SDL_FreeSurface(s);
    layout_free(l);
    playlist_free(pl);
    diag_free(&d);
}

/* A story pasted from Word: one paragraph a line, each starting with two U+3000, no blank
 * lines. Every line is its own paragraph, indented once (2 em), at 1920x1080 and 1080x1920. */
static void test_word_pasted_story(void **state)
{
    (void)state;
    const char *yaml =
        "honorboard: 1\ntitle: 测试\nslides:\n  - type: text\n    title: 哪里需要，哪里就有老杨\n"
        "    text: |\n"
        "      　　民警杨建桥是二分监狱的一名普通民警，在后勤保障岗位上一干就是十年。\n"
        "      　　疏通管道、搬运水桶、维修设备，平日里办公室很少能看到老杨。\n"
        "      　　同事们都说：“哪里需要，哪里就有老杨。”\n"
        "        他总是笑笑说，这是分内的事。\n";
    check_paragraphs(yaml, 4, 2, 1920, 1080);
    check_paragraphs(yaml, 4, 2, 1080, 1920);
}

/* A duty roster with `lines: true`: each entry its own line, no indent, never run together. */
static void test_roster_lines(void **state)
{
    (void)state;
    const char *yaml =
        "honorboard: 1\ntitle: 测试\nslides:\n  - type: text\n    title: 本周值班表\n"
        "    lines: true\n"
        "    text: |\n"
        "      周一：张伟\n      周二：李娜\n      周三：王强\n      周四：赵敏\n"
        "      周五：刘洋\n";
    check_paragraphs(yaml, 5, 0, 1920, 1080);
    struct diag d = {0};
    struct playlist *pl = playlist_parse("roster.yaml", yaml, strlen(yaml), &d);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], 1920, 1080, &env);
    const struct element *body = body_of(l);
    assert_non_null(body);
    assert_int_equal(body->nlines, 5);
    assert_string_equal(body->lines[0].text, "周一：张伟");
    assert_string_equal(body->lines[4].text, "周五：刘洋");
    layout_free(l);
    playlist_free(pl);
    diag_free(&d);
}

/* `lines` takes true or false, nothing else. */
static void test_lines_value(void **state)
{
    (void)state;
    const char *yaml = "honorboard: 1\nslides:\n  - type: text\n    title: a\n    text: b\n"
                       "    lines: 是\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("l.yaml", yaml, strlen(yaml), &d);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.msgs[0].line, 6);
    assert_non_null(strstr(d.msgs[0].text, "'lines' is true"));
    playlist_free(pl);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_pasted_story),
        cmocka_unit_test(test_roster_lines),
        cmocka_unit_test(test_lines_value),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
