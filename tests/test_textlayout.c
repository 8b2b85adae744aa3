/* test_textlayout.c - Chinese line breaking and paragraph typesetting with a fake measurer:
 * the shared clreq cases (tests/data/linebreak-cases.tsv, every row exactly), plus mixed Latin,
 * numbers, long words, indent, justification widths, fitting and paging that loses nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textlayout.h"
#include "util.h"

#define EM 10.0

/* The fixed-advance model of the shared cases: CJK/full-width 1 em, ASCII 0.5 em. */
static double fake_advance(void *ctx, uint32_t cp, double px)
{
    (void)ctx;
    return cp < 128 ? px * 0.5 : px;
}

static const struct tl_measure fake = {.advance = fake_advance};

static struct tl_params params(double indent_em, enum text_align align)
{
    struct tl_params p = tl_default_params();
    p.indent_em = indent_em;
    p.align = align;
    return p;
}

/* Lines joined with " | ", as in the TSV file. Caller frees. */
static char *joined(const struct tl_result *r)
{
    struct strbuf b = {0};
    for (size_t i = 0; i < r->nlines; i++) {
        char *t = tl_line_text(r, &r->lines[i]);
        sb_printf(&b, "%s%s", i ? " | " : "", t);
        free(t);
    }
    if (!b.s)
        b.s = xstrdup("");
    return b.s;
}

static void test_shared_cases(void **state)
{
    (void)state;
    size_t len;
    char *data = file_read_all("tests/data/linebreak-cases.tsv", &len);
    assert_non_null(data);
    int rows = 0;
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0])
            continue;
        char *f[5];
        char *s2 = NULL;
        int nf = 0;
        for (char *tok = strtok_r(line, "\t", &s2); tok && nf < 5; tok = strtok_r(NULL, "\t", &s2))
            f[nf++] = tok;
        assert_int_equal(nf, 5);
        double width = atof(f[1]) * EM, indent = atof(f[2]);
        struct tl_params p = params(indent, ALIGN_LEFT);
        struct tl_result *r = tl_layout(f[3], EM, width, 0, &p, &fake);
        char *got = joined(r);
        if (strcmp(got, f[4]) != 0)
            fail_msg("case %s: '%s'\n  expected: %s\n  got:      %s", f[0], f[3], f[4], got);
        /* nothing lost */
        char *a = visible(f[3]), *b = visible(r->text);
        assert_string_equal(a, b);
        free(a), free(b), free(got);
        tl_result_free(r);
        rows++;
    }
    assert_true(rows >= 11);
    free(data);
}

static struct tl_result *lay(const char *text, double width_em, double indent_em)
{
    struct tl_params p = params(indent_em, ALIGN_LEFT);
    return tl_layout(text, EM, width_em * EM, 0, &p, &fake);
}

static void expect_lines(const char *text, double width_em, double indent_em, const char *want)
{
    struct tl_result *r = lay(text, width_em, indent_em);
    char *got = joined(r);
    if (strcmp(got, want) != 0)
        fail_msg("'%s' at %g em\n  expected: %s\n  got:      %s", text, width_em, want, got);
    free(got);
    tl_result_free(r);
}

static void test_own_cases(void **state)
{
    (void)state;
    /* closing bracket and comma stay with their text; opening bracket goes down */
    expect_lines("他参加了（青年民警论坛），并发言", 6, 0, "他参加了（青 | 年民警论 | 坛），并发言");
    expect_lines("他参加了（青年民警论坛），并发言", 5, 0, "他参加了 | （青年民警 | 论坛），并 | 发言");
    /* Latin word not split; a space at the break is dropped */
    expect_lines("学习 Python 编程", 4, 0, "学习 | Python | 编程");
    /* a word longer than the whole line is broken between characters as a last resort */
    expect_lines("abcdefghijklmnop", 4, 0, "abcdefgh | ijklmnop");
    /* a number with a unit sign does not split from its sign */
    expect_lines("全年支出$1,280", 5, 0, "全年支出 | $1,280");
    /* middle dot never starts a line */
    expect_lines("乔司监狱·先进风采", 4, 0, "乔司监 | 狱·先进 | 风采");
    /* a single character wider than the line still goes out, and nothing loops */
    expect_lines("一二", 0.5, 0, "一 | 二");
    /* blank lines make paragraphs; the indent applies to each first line */
    struct tl_result *r = lay("一二三四五六\n\n七八九十", 4, 2);
    assert_int_equal(r->nlines, 4); /* 一二 | 三四五六 | 七八 | 九十 */
    assert_true(r->lines[0].x == 2 * EM);
    assert_true(r->lines[1].x == 0);
    assert_true(r->lines[2].x == 2 * EM);
    assert_int_equal(r->lines[2].para, 1);
    assert_true(r->lines[1].para_end);
    tl_result_free(r);
}

static void test_normalise(void **state)
{
    (void)state;
    char *s = tl_normalise("  　　第一段第一行\n第一段第二行\n\n\n第二段 \r\nEnglish\nwords");
    assert_string_equal(s, "第一段第一行\n第一段第二行\n第二段\nEnglish\nwords");
    free(s);
    /* as pasted from Word: one paragraph a line, each starting with two U+3000, no blank lines */
    s = tl_normalise("　　民警杨建桥是二分监狱的一名普通民警。\r\n　　他在后勤保障岗位上一干就是十年。\r\n");
    assert_string_equal(s, "民警杨建桥是二分监狱的一名普通民警。\n他在后勤保障岗位上一干就是十年。");
    free(s);
}

static bool is_no_start(uint32_t cp)
{
    static const char *chars = "、，。；：？！．,.;:?!”’」』）］｝〕】〗〙〉》)]}–～〜·・‧／/";
    size_t n = strlen(chars), len;
    for (size_t i = 0; i < n; i += len)
        if (utf8_decode(chars + i, n - i, &len) == cp)
            return true;
    return false;
}

/* Random texts from a pool of tricky characters, at many widths: every line fits (unless it is
 * a single unbreakable unit), no line starts with a no-start character after the first, and
 * the characters come out exactly once, in order. */
static void test_random_texts(void **state)
{
    (void)state;
    static const char *pool[] = {"监", "狱", "民", "警", "，", "。", "“", "”", "《", "》", "、",
                                 "——", "……", "612580", "35.6%", "abc", " ", "（", "）", "·",
                                 "Office", "！", "：", "￥1,280"};
    unsigned seed = 12345;
    for (int iter = 0; iter < 400; iter++) {
        struct strbuf b = {0};
        int n = 5 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 40;
        bool prev_punct = false;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245 + 12345;
            const char *piece = pool[(seed >> 16) % (sizeof pool / sizeof *pool)];
            size_t pl;
            bool punct = !tl_is_wide(utf8_decode(piece, strlen(piece), &pl)) ||
                         strstr("，。“”《》、——……（）·！：", piece);
            if (prev_punct && punct) /* real text: at most two marks in a row */
                piece = "监";
            prev_punct = punct && !prev_punct ? true : false;
            sb_puts(&b, piece);
        }
        /* at least 3 em after the indent: narrower boxes can hold no legal break at all */
        double width = 5 + (double)(iter % 12);
        struct tl_params p = params(iter % 3 == 0 && width >= 7 ? 2 : 0,
                                    iter % 2 ? ALIGN_JUSTIFY : ALIGN_LEFT);
        struct tl_result *r = tl_layout(b.s, EM, width * EM, 0, &p, &fake);
        char *a = visible(b.s), *c = visible(r->text);
        assert_string_equal(a, c);
        struct strbuf all = {0};
        for (size_t i = 0; i < r->nlines; i++) {
            const struct tl_line *l = &r->lines[i];
            char *t = tl_line_text(r, l);
            sb_puts(&all, t);
            size_t len;
            uint32_t first = utf8_decode(t, strlen(t), &len);
            if (i > 0 && l->start > 0 && r->text[l->start - 1] != '\n' && l->width <= width * EM &&
                is_no_start(first) && utf8_count(t) > 1)
                fail_msg("line %zu starts with a no-start character: '%s' (text '%s')", i, t, b.s);
            if (l->x + l->width > width * EM + 1e-6 && utf8_count(t) > 1) {
                /* allowed only for an unbreakable unit wider than the line */
                bool single_unit = !strchr(t, ' ') && utf8_count(t) == strlen(t);
                if (!single_unit)
                    fail_msg("line '%s' is %.1f wide in %.1f", t, l->x + l->width, width * EM);
            }
            free(t);
        }
        char *v = visible(all.s ? all.s : "");
        assert_string_equal(a, v);
        free(v), free(a), free(c);
        sb_free(&all);
        sb_free(&b);
        tl_result_free(r);
    }
}

static void test_justify(void **state)
{
    (void)state;
    const char *text = "民警杨建桥是负责分监狱后勤保障工作的一名老党员，服务热线612580。";
    struct tl_params p = params(2, ALIGN_JUSTIFY);
    double W = 9 * EM + 3; /* spare space on every line */
    struct tl_result *r = tl_layout(text, EM, W, 0, &p, &fake);
    assert_true(r->nlines >= 3);
    struct tl_glyph g[64];
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        size_t n = tl_line_glyphs(r, l, &fake, g, 64);
        double right = l->x + g[n - 1].x + g[n - 1].w;
        if (!l->para_end) {
            assert_true(l->extra > 0);
            assert_true(right > W - 1e-6 && right < W + 1e-6); /* flush with the right edge */
        } else {
            assert_true(l->extra == 0); /* last line not stretched */
        }
        /* no extra space inside the number */
        for (size_t k = 1; k < n; k++)
            if (g[k].cp >= '0' && g[k].cp <= '9' && g[k - 1].cp >= '0' && g[k - 1].cp <= '9')
                assert_true(g[k].x - g[k - 1].x == g[k - 1].w);
    }
    tl_result_free(r);
}

static void test_fit_and_pages(void **state)
{
    (void)state;
    struct strbuf b = {0};
    for (int i = 0; i < 30; i++)
        sb_puts(&b, "比先进、学先进、赶先进，在全监掀起学习热潮。");
    sb_puts(&b, "\n\n最后一段。");
    struct tl_params p = tl_default_params();
    /* a short text takes the largest size */
    struct tl_result *r = tl_fit("短短一句话。", 20, 60, 400, 300, &p, &fake);
    assert_true(r->px == 60);
    assert_int_equal(r->npages, 1);
    tl_result_free(r);
    /* a medium text takes a size between, and it is the largest that fits */
    r = tl_fit("比先进、学先进、赶先进，在全监掀起学习热潮。比先进、学先进。", 10, 60, 300, 200, &p, &fake);
    assert_int_equal(r->npages, 1);
    assert_true(r->px > 10 && r->px < 60);
    struct tl_result *bigger = tl_layout(r->text, r->px + 1, 300, 200, &p, &fake);
    assert_true(bigger->npages > 1);
    tl_result_free(bigger);
    tl_result_free(r);
    /* a long text at the minimum size is split into pages; nothing is lost */
    r = tl_fit(b.s, 20, 40, 400, 300, &p, &fake);
    assert_true(r->at_min_size);
    assert_true(r->px == 20);
    assert_true(r->npages > 2);
    struct strbuf all = {0};
    int page = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        assert_true(r->lines[i].page >= page); /* pages in order */
        page = r->lines[i].page;
        assert_true(r->lines[i].y + r->line_h <= 300 + 1e-6); /* inside the box */
        char *t = tl_line_text(r, &r->lines[i]);
        sb_puts(&all, t);
        free(t);
    }
    char *a = visible(b.s), *c = visible(all.s);
    assert_string_equal(a, c);
    free(a), free(c);
    sb_free(&all);
    sb_free(&b);
    tl_result_free(r);
}

static void test_center_right(void **state)
{
    (void)state;
    struct tl_params p = params(0, ALIGN_CENTER);
    struct tl_result *r = tl_layout("光荣榜", EM, 10 * EM, 0, &p, &fake);
    assert_true(r->lines[0].x == 3.5 * EM);
    tl_result_free(r);
    p.align = ALIGN_RIGHT;
    r = tl_layout("光荣榜", EM, 10 * EM, 0, &p, &fake);
    assert_true(r->lines[0].x == 7 * EM);
    tl_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_cases), cmocka_unit_test(test_own_cases),
        cmocka_unit_test(test_normalise),    cmocka_unit_test(test_random_texts),
        cmocka_unit_test(test_justify),      cmocka_unit_test(test_fit_and_pages),
        cmocka_unit_test(test_center_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
