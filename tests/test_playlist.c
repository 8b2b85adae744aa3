/* test_playlist.c - the playlist format: value parsers, the sample playlists' model, and every
 * bad playlist under tests/data/ giving exactly the errors its "# expect:" lines name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cmd/check.h"
#include "base/i18n.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "page/policy.h"
#include "base/util.h"

static void test_durations(void **state)
{
    (void)state;
    double v = 0;
    assert_int_equal(playlist_parse_duration("12s", &v), 0);
    assert_true(v == 12.0);
    assert_int_equal(playlist_parse_duration("1.5s", &v), 0);
    assert_true(v == 1.5);
    assert_int_equal(playlist_parse_duration("500ms", &v), 0);
    assert_true(v == 0.5);
    assert_int_equal(playlist_parse_duration("2m", &v), 0);
    assert_true(v == 120.0);
    assert_int_equal(playlist_parse_duration("7", &v), 0);
    assert_true(v == 7.0);
    assert_int_equal(playlist_parse_duration("12 seconds", &v), -1);
    assert_int_equal(playlist_parse_duration("-3s", &v), -1);
    assert_int_equal(playlist_parse_duration("", &v), -1);
    assert_int_equal(playlist_parse_duration("s", &v), -1);
}

static void test_colors(void **state)
{
    (void)state;
    struct color c;
    assert_int_equal(playlist_parse_color("#8E1B1B", &c), 0);
    assert_int_equal(c.r, 0x8E);
    assert_int_equal(c.g, 0x1B);
    assert_int_equal(c.a, 255);
    assert_int_equal(playlist_parse_color("#11223380", &c), 0);
    assert_int_equal(c.b, 0x33);
    assert_int_equal(c.a, 0x80);
    assert_int_equal(playlist_parse_color("#12345", &c), -1);
    assert_int_equal(playlist_parse_color("red", &c), -1);
    assert_int_equal(playlist_parse_color("#GG0000", &c), -1);
}

static void test_transitions(void **state)
{
    (void)state;
    for (int i = 0; i < TRANS_COUNT; i++)
        assert_int_equal(playlist_transition_by_name(transition_names[i]), i);
    assert_int_equal(playlist_transition_by_name("slide-left"), TRANS_SLIDE_LEFT);
    assert_int_equal(playlist_transition_by_name("dissolve"), -1);
}

static void test_sample_model(void **state)
{
    (void)state;
    struct diag d = {0};
    struct playlist *pl = playlist_load("playlists/01-xianjin-fengcai.yaml", &d);
    assert_non_null(pl);
    assert_int_equal(d.errors, 0);
    assert_int_equal(pl->version, 1);
    assert_string_equal(pl->title, "省乔司监狱 · 先进风采");
    assert_true(pl->duration == 12.0);
    assert_int_equal(pl->transition, TRANS_FADE);
    assert_true(pl->nslides >= 6);
    const struct slide *story = NULL, *roll = NULL;
    for (size_t i = 0; i < pl->nslides; i++) {
        if (!story && pl->slides[i].type == SLIDE_STORY)
            story = &pl->slides[i];
        if (!roll && pl->slides[i].type == SLIDE_ROLL)
            roll = &pl->slides[i];
    }
    assert_non_null(story);
    assert_string_equal(story->name, "杨建桥");
    assert_true(story->duration_auto);
    assert_string_equal(story->photo.resolved, "playlists/photos/yang-jianqiao.jpg");
    assert_true(story->photo.pos.line > 1);
    assert_non_null(roll);
    assert_true(roll->npeople >= 4);
    assert_int_equal(roll->transition, TRANS_SLIDE_LEFT);
    assert_true(roll->duration == 20.0);
    /* duration: auto is the reading time of the text, at least 8 s */
    double t = policy_slide_duration(pl, story);
    assert_true(t >= 8 && t <= 120);
    assert_true(t > policy_reading_time(10));
    playlist_free(pl);
    diag_free(&d);
}

static void test_reading_time(void **state)
{
    (void)state;
    assert_true(policy_reading_time(0) == 8);        /* clamped low */
    assert_true(policy_reading_time(300) == 60);     /* 300 characters a minute */
    assert_true(policy_reading_time(100000) == 120); /* clamped high */
}

static char *slurp_file(const char *path)
{
    char *s = file_read_all(path, NULL);
    return s ? s : xstrdup("");
}

static char *run_check(const char *path, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char *paths[] = {(char *)path};
    *rc = check_paths(paths, 1, f);
    fclose(f);
    return buf;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Every "# expect: ..." line must appear in check's output, and nothing else may be an error;
 * when the file also has "# expect-zh: ..." lines, the same in Chinese. */
static void check_expectations_in(const char *path, const char *lang)
{
    bool zh = strcmp(lang, "zh") == 0;
    const char *tag = zh ? "# expect-zh: " : "# expect: ";
    size_t len;
    char *text = file_read_all(path, &len);
    assert_non_null(text);
    i18n_set_language(lang);
    int rc;
    char *out = run_check(path, &rc);
    i18n_set_language("en");
    int expected = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, tag, strlen(tag)) != 0)
            continue;
        expected++;
        if (!strstr(out, line + strlen(tag)))
            fail_msg("%s: expected\n  %s\nin\n%s", path, line + strlen(tag), out);
    }
    if (zh && expected == 0) { /* no Chinese expectations written for this file */
        free(out);
        free(text);
        return;
    }
    assert_true(expected > 0);
    assert_int_equal(count(out, zh ? ": 错误: " : ": error: "), expected);
    assert_int_equal(rc, 1);
    /* summary line */
    char want[64];
    if (zh)
        snprintf(want, sizeof want, "%d 个错误", expected);
    else
        snprintf(want, sizeof want, "%d error%s", expected, expected == 1 ? "" : "s");
    assert_non_null(strstr(out, want));
    free(out);
    free(text);
}

static void check_expectations(const char *path)
{
    check_expectations_in(path, "en");
    check_expectations_in(path, "zh");
}

/* Every slip of a Chinese keyboard has its test file, with its message in both languages. */
static void test_slips_have_both_languages(void **state)
{
    (void)state;
    static const char *const slips[] = {
        "fullwidth-colon", "no-space",       "ideographic-indent", "chinese-key", "chinese-colon",
        "chinese-words",   "fullwidth-dash", "dash-no-space",      "colour",      "backslash"};
    for (size_t i = 0; i < sizeof slips / sizeof *slips; i++) {
        char *p = xasprintf("tests/data/bad/slip-%s.yaml", slips[i]);
        char *text = slurp_file(p);
        assert_non_null(strstr(text, "# expect: "));
        assert_non_null(strstr(text, "# expect-zh: "));
        free(text);
        free(p);
    }
}

static void test_bad_playlists(void **state)
{
    (void)state;
    DIR *d = opendir("tests/data/bad");
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (!strstr(e->d_name, ".yaml"))
            continue;
        char *p = path_join("tests/data/bad", e->d_name);
        check_expectations(p);
        free(p);
        n++;
    }
    closedir(d);
    assert_true(n >= 8);
    check_expectations("tests/data/files.yaml");
}

static void test_samples_pass(void **state)
{
    (void)state;
    int rc;
    char *out = run_check("playlists", &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, ": 0 errors"));
    free(out);
}

/* A character no installed font has is a warning (it would show as a box), not an error. */
static void test_missing_glyph_warning(void **state)
{
    (void)state;
    int rc;
    char *out = run_check("tests/data/missing-glyph.yaml", &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "missing-glyph.yaml:4:31: warning: slide 1: character"));
    assert_non_null(strstr(out, "(U+E000) has no glyph in any installed font"));
    assert_non_null(strstr(out, "0 errors, 1 warning"));
    free(out);
}

/* Every character without a glyph is listed, each at its own line:col (an escaped one at its
 * slide's or person's position), not only the first of each text. */
static void test_missing_glyphs_all_listed(void **state)
{
    (void)state;
    int rc;
    char *out = run_check("tests/data/missing-glyphs-all.yaml", &rc);
    assert_int_equal(rc, 0);
    static const char *const want[] = {
        "missing-glyphs-all.yaml:2:10: warning: title: character '\xee\x80\x81' (U+E001)",
        "missing-glyphs-all.yaml:5:12: warning: slide 1: character '\xee\x80\x82' (U+E002)",
        "missing-glyphs-all.yaml:7:10: warning: slide 1: character '\xee\x80\x80' (U+E000)",
        "missing-glyphs-all.yaml:9:14: warning: slide 1: character '\xee\x80\x80' (U+E000)",
        "missing-glyphs-all.yaml:9:16: warning: slide 1: character '\xee\x80\x83' (U+E003)",
        "missing-glyphs-all.yaml:13:9: warning: slide 2: character '\xee\x80\x84' (U+E004)",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(out, want[i]))
            fail_msg("expected\n  %s\nin\n%s", want[i], out);
    assert_non_null(strstr(out, "0 errors, 6 warnings"));
    free(out);
}

static void test_unreadable_path(void **state)
{
    (void)state;
    int rc;
    char *out = run_check("tests/data/no-such-folder", &rc);
    assert_int_equal(rc, 2);
    free(out);
}

static void test_expand_folder(void **state)
{
    (void)state;
    char **files = NULL;
    int n = playlist_expand_path("playlists", &files);
    assert_true(n >= 2);
    for (int i = 1; i < n; i++)
        assert_true(strcmp(files[i - 1], files[i]) < 0); /* name order */
    for (int i = 0; i < n; i++)
        free(files[i]);
    free(files);
}

/* What looks like a slip but is not: full-width colons and '#' inside texts, quoted colours,
 * times with ':' in quotes, a Windows-looking text in single quotes. No message at all. */
static void test_no_false_slips(void **state)
{
    (void)state;
    const char *yaml = "honorboard: 1\r\n"
                       "title: 通知：本周安排  # a comment\r\n"
                       "theme: { background: \"#8E1B1B\", accent: '#F3C969' }\r\n"
                       "ticker: '路径 C:\\honorboard 只是文字'\r\n"
                       "slides:\r\n"
                       "  - type: text\r\n"
                       "    title: 值班表\r\n"
                       "    schedule: { hours: \"07:30-12:00\" }\r\n"
                       "    text: |\r\n"
                       "      周一：张伟\r\n"
                       "      　　周二：李娜 #2\r\n"
                       "      unit:后勤\r\n"
                       "\r\n"
                       "      - 不是列表\r\n"
                       "  - type: text\r\n"
                       "    title: \"多行的\r\n"
                       "      标题：继续\"\r\n"
                       "    text: >-\r\n"
                       "      第一段\r\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("ok.yaml", yaml, strlen(yaml), &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%d:%d %s\n", d.msgs[i].line, d.msgs[i].col, d.msgs[i].text);
    assert_int_equal(d.n, 0);
    assert_int_equal(pl->nslides, 2);
    assert_non_null(strstr(pl->slides[0].text, "周一：张伟"));
    playlist_free(pl);
    diag_free(&d);
}

/* The loader reads exactly the bytes it is given: a file need not end in a NUL or a newline.
 * Each input is placed at the very end of a readable page with an unreadable page after it, so
 * reading one byte too far faults in every build, not only under ASan (the fuzzer found the
 * slip scanner comparing "---" past the end of a file that ends in "-"). */
static void test_reads_only_its_bytes(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "-", "--", ".", "..", "-\n--", "a: 1\n..", "slides:\n  -", "#", "a: \"x", "a: '", "\xe5"};
    long page = sysconf(_SC_PAGESIZE);
    char *map =
        mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + page, (size_t)page, PROT_NONE), 0);
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        size_t n = strlen(inputs[i]);
        char *at = map + page - n;
        memcpy(at, inputs[i], n);
        struct diag d = {0};
        struct playlist *pl = playlist_parse("edge.yaml", at, n, &d);
        playlist_free(pl);
        diag_free(&d);
    }
    munmap(map, (size_t)page * 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_colors),
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_sample_model),
        cmocka_unit_test(test_reading_time),
        cmocka_unit_test(test_bad_playlists),
        cmocka_unit_test(test_samples_pass),
        cmocka_unit_test(test_unreadable_path),
        cmocka_unit_test(test_missing_glyph_warning),
        cmocka_unit_test(test_missing_glyphs_all_listed),
        cmocka_unit_test(test_expand_folder),
        cmocka_unit_test(test_no_false_slips),
        cmocka_unit_test(test_slips_have_both_languages),
        cmocka_unit_test(test_reads_only_its_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
