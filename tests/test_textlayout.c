/* test_textlayout.c - Chinese line breaking and paragraph typesetting with a fake measurer:
 * the shared clreq cases (tests/data/linebreak-cases.tsv, every row exactly), plus mixed Latin,
 * numbers, long words, indent, justification widths, fitting and paging that loses nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/punct.h"
#include "text/textlayout.h"
#include "base/util.h"

#define EM 10.0

/* The fixed-advance model of the shared cases: CJK/full-width 1 em, ASCII 0.5 em. */
static double fake_advance(void *ctx, uint32_t cp, double px)
{
    (void)ctx;
    return cp < 128 ? px * 0.5 : px;
}

static const struct tl_measure fake = {.advance = fake_advance};

/* The same model shaped like Noto Sans CJK SC with 'halt': opening, closing and pause marks and
 * the middle dot have a half-width form of 0.5 em. */
static void fake_shape(void *ctx, const uint32_t *cps, size_t n, double px, double *adv,
                       double *half)
{
    for (size_t i = 0; i < n; i++) {
        adv[i] = half[i] = fake_advance(ctx, cps[i], px);
        enum punct_class c = punct_class(cps[i]);
        if (c == PC_OPEN || c == PC_CLOSE || c == PC_PAUSE || c == PC_MIDDOT)
            half[i] = px * 0.5;
    }
}

static const struct tl_measure shaped = {.advance = fake_advance, .shape = fake_shape};

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

/* Is cp one of the characters of the UTF-8 string chars? */
static bool one_of(uint32_t cp, const char *chars)
{
    size_t n = strlen(chars), len;
    for (size_t i = 0; i < n; i += len)
        if (utf8_decode(chars + i, n - i, &len) == cp)
            return true;
    return false;
}

static bool is_no_start(uint32_t cp)
{
    return one_of(cp, "、，。；：？！．,.;:?!”’」』）］｝〕】〗〙〉》)]}–～〜·・‧／/");
}

static bool is_no_end(uint32_t cp)
{
    return one_of(cp, "“‘「『（［｛〔【〖〘〈《([{￥$");
}

static size_t solid_count(const char *t)
{
    size_t n = strlen(t), len, k = 0;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = utf8_decode(t + i, n - i, &len);
        k += !tl_is_space(cp) && !punct_is_mark(cp);
    }
    return k;
}

/* The clreq rules on every line of r (set in a box width wide): no line starts with a no-start
 * character or ends with a no-end character (unless it is one unbreakable unit wider than the
 * box), no paragraph's last line holds a single character (widows: asked for; in boxes under
 * 10 em a long unbreakable unit can leave no legal way out), and the text
 * comes out whole and in order (the hyphens of hyphenated words aside). */
static void check_rules(const struct tl_result *r, const char *src, double width, bool widows)
{
    struct strbuf all = {0};
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        char *t = tl_line_text(r, l);
        if (l->hyphen) /* the hyphen of a hyphenated word is not the text's */
            t[strlen(t) - 1] = '\0';
        sb_puts(&all, t);
        size_t len, tl = strlen(t);
        uint32_t first = utf8_decode(t, tl, &len);
        size_t k = tl;
        while (k > 0 && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
            k--;
        uint32_t last = k > 0 ? utf8_decode(t + k - 1, tl - k + 1, &len) : 0;
        bool fits = l->x + l->width <= width + 1e-6;
        bool first_of_para = i == 0 || r->lines[i - 1].para != l->para;
        if (!first_of_para && fits && is_no_start(first) && utf8_count(t) > 1)
            fail_msg("line %zu starts with a no-start character: '%s' (text '%s')", i, t, src);
        if (!l->para_end && fits && is_no_end(last))
            fail_msg("line %zu ends with a no-end character: '%s' (text '%s')", i, t, src);
        if (widows && l->para_end && !first_of_para && solid_count(t) < 2)
            fail_msg("孤字: last line '%s' (text '%s')", t, src);
        free(t);
    }
    char *a = visible(src), *v = visible(all.s ? all.s : "");
    assert_string_equal(a, v);
    free(a), free(v);
    sb_free(&all);
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
        /* the basic rules of the file (no 孤字 handling, no half-width forms): exactly */
        struct tl_params p = params(indent, ALIGN_LEFT);
        p.widows = false;
        struct tl_result *r = tl_layout(f[3], EM, width, 0, &p, &fake);
        char *got = joined(r);
        if (strcmp(got, f[4]) != 0)
            fail_msg("case %s: '%s'\n  expected: %s\n  got:      %s", f[0], f[3], f[4], got);
        /* nothing lost */
        char *a = visible(f[3]), *b = visible(r->text);
        assert_string_equal(a, b);
        free(a), free(b), free(got);
        tl_result_free(r);
        /* full typesetting (compression, widows, justification): the rules still hold */
        for (int al = 0; al < 2; al++) {
            p = params(indent, al ? ALIGN_JUSTIFY : ALIGN_LEFT);
            r = tl_layout(f[3], EM, width, 0, &p, &shaped);
            check_rules(r, f[3], width, true);
            tl_result_free(r);
        }
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
    expect_lines("他参加了（青年民警论坛），并发言", 6, 0,
                 "他参加了（青 | 年民警论 | 坛），并发言");
    expect_lines("他参加了（青年民警论坛），并发言", 5, 0,
                 "他参加了 | （青年民警 | 论坛），并 | 发言");
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
    s = tl_normalise(
        "　　民警杨建桥是二分监狱的一名普通民警。\r\n　　他在后勤保障岗位上一干就是十年。\r\n");
    assert_string_equal(s,
                        "民警杨建桥是二分监狱的一名普通民警。\n他在后勤保障岗位上一干就是十年。");
    free(s);
}

/* Random texts from a pool of tricky characters, at many widths: every line fits (unless it is
 * a single unbreakable unit), no line starts with a no-start character after the first, and
 * the characters come out exactly once, in order. */
static void test_random_texts(void **state)
{
    (void)state;
    static const char *pool[] = {"监", "狱", "民", "警", "，",     "。",     "“",     "”",
                                 "《", "》", "、", "——", "……",     "612580", "35.6%", "abc",
                                 " ",  "（", "）", "·",  "Office", "！",     "：",    "￥1,280"};
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
        struct tl_params p =
            params(iter % 3 == 0 && width >= 7 ? 2 : 0, iter % 2 ? ALIGN_JUSTIFY : ALIGN_LEFT);
        struct tl_result *r = tl_layout(b.s, EM, width * EM, 0, &p, iter % 4 < 2 ? &shaped : &fake);
        check_rules(r, b.s, width * EM, width >= 10);
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
        size_t n = tl_line_glyphs(r, l, g, 64);
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
    r = tl_fit("比先进、学先进、赶先进，在全监掀起学习热潮。比先进、学先进。", 10, 60, 300, 200, &p,
               &fake);
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

/* Pen positions of every code point of r, in text order, with the line each belongs to. */
struct gl {
    uint32_t cp;
    double x, w; /* absolute within the box */
    size_t line;
};

static size_t all_glyphs(const struct tl_result *r, struct gl *out, size_t cap)
{
    size_t n = 0;
    struct tl_glyph g[256];
    for (size_t i = 0; i < r->nlines; i++) {
        size_t k = tl_line_glyphs(r, &r->lines[i], g, 256);
        for (size_t j = 0; j < k && n < cap; j++)
            out[n++] = (struct gl){g[j].cp, r->lines[i].x + g[j].x, g[j].w, i};
    }
    return n;
}

/* Adjacent marks take at most 1.5 em together; an opening mark at a line start and a closing
 * mark at a line end are half width; a name's middle dot is half width. */
static void test_compression(void **state)
{
    (void)state;
    const char *text = "他笑了！”“嗯，好的。”我们读了《平凡的世界》《人生》（“青年版”），列夫·托尔"
                       "斯泰说：“幸福的家庭都是相似的。”";
    for (int w = 6; w <= 40; w++) {
        for (int al = 0; al < 2; al++) {
            struct tl_params p = params(al ? 2 : 0, al ? ALIGN_JUSTIFY : ALIGN_LEFT);
            struct tl_result *r = tl_layout(text, EM, w * EM, 0, &p, &shaped);
            check_rules(r, text, w * EM, true);
            struct gl g[256];
            size_t n = all_glyphs(r, g, 256);
            for (size_t i = 0; i + 1 < n; i++) {
                if (g[i].line != g[i + 1].line)
                    continue;
                bool pair = punct_squeezable(g[i].cp) && punct_squeezable(g[i + 1].cp);
                double end = g[i + 1].x + g[i + 1].w;
                if (pair && end - g[i].x > 1.5 * EM + 1e-3)
                    fail_msg("width %d: pair at %zu takes %.2f em", w, i, (end - g[i].x) / EM);
                if (g[i].cp == 0x00B7)
                    assert_true(fabs(g[i].w - 0.5 * EM) < 1e-3);
            }
            for (size_t i = 0; i < n; i++) {
                bool starts = i == 0 || g[i - 1].line != g[i].line;
                bool ends = i + 1 == n || g[i + 1].line != g[i].line;
                if (starts && punct_class(g[i].cp) == PC_OPEN)
                    assert_true(fabs(g[i].w - 0.5 * EM) < 1e-3);
                if (ends && punct_class(g[i].cp) == PC_CLOSE)
                    assert_true(fabs(g[i].w - 0.5 * EM) < 1e-3);
            }
            tl_result_free(r);
        }
    }
    /* 了！”“嗯: 2.5 em of white before; now ！ and ” half, “ full: 2 em for the three marks */
    struct tl_params p = params(0, ALIGN_LEFT);
    struct tl_result *r = tl_layout("了！”“嗯", EM, 20 * EM, 0, &p, &shaped);
    struct gl g[8];
    assert_int_equal(all_glyphs(r, g, 8), 5);
    assert_true(fabs(g[4].x - g[1].x - 2 * EM) < 1e-3);
    tl_result_free(r);
}

/* A quarter em between Han and Latin or digits, also on justified lines; spaces an author typed
 * there become that quarter em. */
static void test_han_latin(void **state)
{
    (void)state;
    const char *text = "根据GB/T 15834的规定，2026年起APP下载量达到3.14%以上，请用 Python 编程。";
    for (int w = 8; w <= 40; w++) {
        struct tl_params p = params(2, ALIGN_JUSTIFY);
        struct tl_result *r = tl_layout(text, EM, w * EM + 3, 0, &p, &shaped);
        struct gl g[128];
        size_t n = all_glyphs(r, g, 128);
        int checked = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            if (g[i].line != g[i + 1].line)
                continue;
            size_t j = i + 1;
            if (g[j].cp == ' ' && j + 1 < n && g[j + 1].line == g[i].line)
                j++; /* the typed space counts as the gap */
            enum punct_script a = punct_script(g[i].cp), b = punct_script(g[j].cp);
            if (!((a == PS_HAN && b == PS_LATIN) || (a == PS_LATIN && b == PS_HAN)))
                continue;
            double gap = g[j].x - g[i].x - g[i].w;
            gap -= r->lines[g[i].line].extra_q; /* a line mostly of Latin: see tlpara.c */
            if (gap < 0.25 * EM - 1e-3 || gap > 0.25 * EM + 1e-3)
                fail_msg("width %d: gap %.2f em between U+%04X and U+%04X", w, gap / EM, g[i].cp,
                         g[j].cp);
            checked++;
        }
        assert_true(checked >= 3);
        tl_result_free(r);
    }
}

/* AI+, 互联网+, No.1, 3.14% and ranges stay together; URLs and e-mail addresses break only after
 * / . @ - and leave no piece under 3 letters. */
static void test_keep_together(void **state)
{
    (void)state;
    const char *text = "发展AI+狱情分析和互联网+政务，取得No.1的成绩，增长3.14%，时间8:30—12:00，"
                       "网址www.example.gov.cn/zhaopin/index.html，邮箱office@example.gov.cn。";
    static const char *units[] = {"AI+", "网+", "No.1", "3.14%", "8:30—"};
    for (int w = 4; w <= 30; w++) {
        struct tl_params p = params(0, ALIGN_JUSTIFY);
        struct tl_result *r = tl_layout(text, EM, w * EM, 0, &p, &shaped);
        check_rules(r, text, w * EM, w >= 10);
        for (size_t i = 0; i + 1 < r->nlines; i++) {
            char *a = tl_line_text(r, &r->lines[i]), *b = tl_line_text(r, &r->lines[i + 1]);
            char *joint = xasprintf("%s|%s", a, b);
            for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
                const char *hit = strstr(joint, units[u]);
                (void)hit;
                for (size_t cut = 1; cut < strlen(units[u]); cut++) {
                    char *split = xasprintf("%.*s|%s", (int)cut, units[u], units[u] + cut);
                    if (strstr(joint, split))
                        fail_msg("width %d: '%s' split as '%s'", w, units[u], split);
                    free(split);
                }
            }
            /* a break inside a Latin run: after / . @ - with 3+ letters both sides */
            size_t la = strlen(a);
            char last = la ? a[la - 1] : 0, first = b[0];
            bool latin_a = last && (unsigned char)last < 0x80 && last != ' ';
            bool latin_b = first && (unsigned char)first < 0x80 && first != ' ';
            if (latin_a && latin_b) {
                if (!strchr("/.@-", last))
                    fail_msg("width %d: Latin run broken after '%c': '%s' | '%s'", w, last, a, b);
                size_t k = la, letters = 0;
                while (k > 0 && (unsigned char)a[k - 1] < 0x80 && a[k - 1] != ' ')
                    letters += (a[--k] >= 'a' && a[k] <= 'z') || (a[k] >= '0' && a[k] <= '9');
                assert_true(letters >= 3);
                letters = 0;
                for (k = 0; b[k] && (unsigned char)b[k] < 0x80 && b[k] != ' '; k++)
                    letters += (b[k] >= 'a' && b[k] <= 'z') || (b[k] >= '0' && b[k] <= '9');
                assert_true(letters >= 3);
            }
            free(joint), free(a), free(b);
        }
        /* a range stays tight when the line is justified: 8:30—12:00 takes no stretch */
        struct tl_glyph g[256];
        for (size_t i = 0; i < r->nlines; i++) {
            size_t n = tl_line_glyphs(r, &r->lines[i], g, 256);
            for (size_t k = 0; k + 1 < n; k++)
                if ((g[k].cp == 0x2014 && g[k + 1].cp == '1') ||
                    (g[k].cp == '0' && g[k + 1].cp == 0x2014))
                    assert_true(fabs(g[k + 1].x - g[k].x - g[k].w) < 1e-3);
        }
        tl_result_free(r);
    }
}

/* No paragraph ends with a line of one character: 推入 where squeezing the line before makes
 * room, 推出 otherwise. */
static void test_widows(void **state)
{
    (void)state;
    static const char *texts[] = {
        "本年度共有十二名员工获得表彰。",
        "民警杨建桥立足岗位，默默奉献，工作成绩突出。",
        "在“平安监狱”建设中，他们，是高墙内的“守夜人”，值得我们致敬！",
        "他说：“我们一定会赢，一定！”大家都笑了，然后继续工作，直到天亮才下班回家休息。",
    };
    int pushed_in = 0, pushed_out = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        for (int w = 5; w <= 30; w++) {
            struct tl_params p = params(2, ALIGN_JUSTIFY);
            struct tl_result *r = tl_layout(texts[t], EM, w * EM, 0, &p, &shaped);
            check_rules(r, texts[t], w * EM, true);
            p.widows = false;
            struct tl_result *plain = tl_layout(texts[t], EM, w * EM, 0, &p, &shaped);
            if (plain->nlines > r->nlines)
                pushed_in++;
            else if (r->nlines > 1 &&
                     r->lines[r->nlines - 1].start < plain->lines[plain->nlines - 1].start)
                pushed_out++;
            /* every line still fits its box */
            for (size_t i = 0; i < r->nlines; i++)
                assert_true(r->lines[i].x + r->lines[i].width <= w * EM + 1e-6);
            tl_result_free(plain);
            tl_result_free(r);
        }
    }
    assert_true(pushed_in > 0);
    assert_true(pushed_out > 0);
}

/* An emoji ZWJ sequence (👮‍♂️: four code points) is one character for 孤字 and for
 * breaking: never a last line alone, never split across lines. */
static void test_emoji_grapheme(void **state)
{
    (void)state;
    const char *text =
        "民警们都很好👮‍♂️。"; /* the fake measure: 1 em each of its 4 code points */
    for (int w = 3; w <= 9; w++) {
        struct tl_params p = params(0, ALIGN_JUSTIFY);
        struct tl_result *r = tl_layout(text, EM, w * EM, 0, &p, &shaped);
        char *all = joined(r);
        const struct tl_line *l = &r->lines[r->nlines - 1];
        char *t = tl_line_text(r, l);
        if (w >= 6 && r->nlines > 1 && strncmp(t, "👮", strlen("👮")) == 0)
            fail_msg("width %d: 孤字 '%s' (%s)", w, t, all);
        if (strstr(all, "👮 |") || strstr(all, "| \u200d") || strstr(all, "♂ |") ||
            strstr(all, "| ♂") || strstr(all, "| \xef\xb8\x8f"))
            fail_msg("width %d: split '%s'", w, all);
        free(t), free(all);
        tl_result_free(r);
    }
}

/* The paragraphs of tests/data/justify-cases.txt, one per line ('#' lines skipped). */
static char **justify_cases(size_t *n)
{
    char *all = slurp("tests/data/justify-cases.txt");
    char **v = NULL;
    *n = 0;
    for (char *l = strtok(all, "\n"); l; l = strtok(NULL, "\n")) {
        if (l[0] == '#' || !l[0])
            continue;
        v = realloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = strdup(l);
    }
    free(all);
    return v;
}

static bool closing_or_pause(uint32_t cp)
{
    enum punct_class c = punct_class(cp);
    return c == PC_CLOSE || c == PC_PAUSE || (cp < 0x80 && strchr(",.;:!?)]}", (int)cp));
}

/* Longest run of a line without a break opportunity inside it, in pixels (a URL piece, a word). */
static double longest_unbreakable(const struct tl_glyph *g, size_t n)
{
    double best = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && g[b].cp < 0x3000 && g[b - 1].cp < 0x3000 && g[b].cp != ' ' &&
               g[b - 1].cp != ' ')
            b++;
        double w = g[b - 1].x + g[b - 1].w - g[a].x;
        best = w > best ? w : best;
        a = b;
    }
    return best;
}

/* Whole-paragraph breaking: on justified lines no gap between two characters opens more than
 * a quarter em beyond its natural width (the Han-Latin quarter em aside), unless the line holds
 * an unbreakable run longer than a third of it; never any space before a closing or pause mark
 * or after an opening one. */
static void test_justify_spread(void **state)
{
    (void)state;
    size_t nc;
    char **cases = justify_cases(&nc);
    assert_true(nc >= 5);
    struct tl_glyph g[512];
    int lines = 0;
    for (size_t c = 0; c < nc; c++) {
        for (int w = 16; w <= 40; w++) { /* 768x384 sets about 20 em a line, 1080x1920 17 */
            struct tl_params p = params(2, ALIGN_JUSTIFY);
            struct tl_result *r = tl_layout(cases[c], EM, w * EM, 0, &p, &shaped);
            for (size_t i = 0; i < r->nlines; i++) {
                const struct tl_line *l = &r->lines[i];
                size_t n = tl_line_glyphs(r, l, g, 512);
                char *t = tl_line_text(r, l);
                /* exempt: the line or a neighbour holds an unbreakable run longer than a third
                 * of the line (a URL piece that could not come up or go down) */
                bool exempt = longest_unbreakable(g, n) > w * EM / 3;
                for (size_t j = i ? i - 1 : i + 1; j <= i + 1 && j < r->nlines; j += 2) {
                    struct tl_glyph g2[512];
                    size_t n2 = tl_line_glyphs(r, &r->lines[j], g2, 512);
                    exempt = exempt || longest_unbreakable(g2, n2) > w * EM / 3;
                }
                for (size_t k = 1; k < n; k++) {
                    double gap = g[k].x - (g[k - 1].x + g[k - 1].w);
                    if (punct_gap(g[k - 1].cp, g[k].cp) == GAP_QUARTER)
                        gap -= EM / 4;
                    if ((closing_or_pause(g[k].cp) || punct_class(g[k - 1].cp) == PC_OPEN) &&
                        gap > 1e-3)
                        fail_msg("width %d: '%s': %.2f em before '%s'", w, t, gap / EM,
                                 t + (g[k].off - l->start));
                    if (!l->para_end && !exempt && gap > EM / 4 + 1e-3)
                        fail_msg("width %d: '%s': %.2f em between %zu and %zu", w, t, gap / EM,
                                 k - 1, k);
                }
                double right = l->x + g[n - 1].x + g[n - 1].w;
                if (!l->para_end && !exempt && right < w * EM - 1e-3)
                    fail_msg("width %d: '%s' ends %.2f em short of the edge", w, t,
                             (w * EM - right) / EM);
                lines++;
                free(t);
            }
            tl_result_free(r);
        }
        free(cases[c]);
    }
    free(cases);
    assert_true(lines > 400);
}

/* Long English words hyphenate (libhyphen, Debian's en-US patterns): a line that ends inside a
 * word ends with a hyphen the text does not have, its glyphs include it, and the text with
 * those hyphens taken out is the paragraph, whole. URLs never get one. */
static void test_hyphenation(void **state)
{
    (void)state;
    const char *text = "他在会上作了题为“Responsibilities of internationalization "
                       "administrators”的报告，地址www.example.gov.cn/internationalization。";
    int hyphens = 0;
    for (int w = 8; w <= 30; w++) {
        struct tl_params p = params(2, ALIGN_JUSTIFY);
        struct tl_result *r = tl_layout(text, EM, w * EM, 0, &p, &shaped);
        struct strbuf all = {0};
        struct tl_glyph g[256];
        for (size_t i = 0; i < r->nlines; i++) {
            const struct tl_line *l = &r->lines[i];
            char *t = tl_line_text(r, l);
            size_t n = tl_line_glyphs(r, l, g, 256), len = strlen(t);
            assert_int_equal(n, utf8_count(t)); /* every glyph is in the text, the hyphen too */
            bool hy = len && t[len - 1] == '-' && l->end < strlen(r->text) &&
                      r->text[l->end] != ' ' && r->text[l->end - 1] != '-';
            if (hy) {
                hyphens++;
                assert_true(g[n - 1].cp == '-');
                assert_true(l->x + g[n - 1].x + g[n - 1].w <= w * EM + 1e-6);
                if (strstr(t, "www") || strstr(t, ".cn/"))
                    fail_msg("width %d: a URL hyphenated: '%s'", w, t);
                t[--len] = '\0';
            } else if (len && i + 1 < r->nlines && isalpha((unsigned char)t[len - 1]) &&
                       isalpha((unsigned char)r->text[l->end]) &&
                       l->end < (size_t)(strstr(r->text, "www") - r->text)) { /* prose */
                fail_msg("width %d: '%s' ends inside a word without a hyphen", w, t);
            }
            sb_puts(&all, t);
            if (i + 1 < r->nlines && r->text[l->end] == ' ')
                sb_puts(&all, " ");
            free(t);
        }
        assert_string_equal(all.s, text);
        free(all.s);
        tl_result_free(r);
    }
    assert_true(hyphens >= 5);
}

/* A story's pages are filled evenly (10/9/9/2 becomes 8/8/7/7 or the like): in one long
 * paragraph no page holds more than two lines more than another (three across paragraphs, whose
 * first and last lines keep together), and the last page is at least a third full. */
static void test_pages_even(void **state)
{
    (void)state;
    struct strbuf b = {0};
    int cases = 0;
    for (int paras = 1; paras <= 9; paras++) {
        b.len = 0;
        if (b.s)
            b.s[0] = '\0';
        for (int i = 0; i < paras; i++) {
            sb_puts(&b,
                    "民警们以实际行动诠释忠诚，守护一方平安，在平凡的岗位上做出了不平凡的成绩。");
            for (int k = 0; k < (i * 7) % 3; k++)
                sb_puts(&b, "比先进、学先进、赶先进，在全监掀起学习热潮。");
            sb_puts(&b, "\n");
        }
        for (int h = 80; h <= 300; h += 13) {
            struct tl_params p = tl_default_params();
            struct tl_result *r = tl_layout(b.s, EM, 20 * EM, h, &p, &shaped);
            if (r->npages < 2) {
                tl_result_free(r);
                continue;
            }
            int per[64] = {0};
            double bottom[64] = {0};
            for (size_t i = 0; i < r->nlines; i++) {
                per[r->lines[i].page]++;
                bottom[r->lines[i].page] = r->lines[i].y + r->line_h;
            }
            int lo = 1 << 20, hi = 0;
            for (int pg = 0; pg < r->npages; pg++)
                lo = per[pg] < lo ? per[pg] : lo, hi = per[pg] > hi ? per[pg] : hi;
            /* one paragraph: nothing but the widow rules in the way of even pages; several:
             * a page may end only where a paragraph's first and last lines allow */
            if (paras == 1 ? hi - lo > 2 : hi - lo > 3)
                fail_msg("%d paragraphs, box %d: pages of %d to %d lines", paras, h, lo, hi);
            if (bottom[r->npages - 1] < h / 3.0)
                fail_msg("%d paragraphs, box %d: last page %.0f of %d high", paras, h,
                         bottom[r->npages - 1], h);
            check_rules(r, b.s, 20 * EM, true);
            cases++;
            tl_result_free(r);
        }
    }
    assert_true(cases > 40);
    sb_free(&b);
}

/* The smaller points of the third round: a name with a middle dot breaks only at the dot
 * (阿依古丽· | 买买提, never 阿依古丽·买 | 买提); 〕 before a digit takes no space (〔2024〕3 号);
 * a 孤字 tail is not pulled up by squeezing more than two marks. */
static void test_names_and_brackets(void **state)
{
    (void)state;
    const char *text = "维吾尔族民警阿依古丽·买买提同志和民警列夫·托尔斯泰都获得了表彰，根据浙监"
                       "〔2024〕3号文件，大家向他们学习。";
    static const char *const names[] = {"阿依古丽·买买提", "列夫·托尔斯泰"};
    struct tl_glyph g[256];
    for (int w = 13; w <= 30; w++) { /* (narrower, a name may have to split or leave holes) */
        struct tl_params p = params(2, ALIGN_JUSTIFY);
        struct tl_result *r = tl_layout(text, EM, w * EM, 0, &p, &shaped);
        for (size_t i = 0; i + 1 < r->nlines; i++) {
            char *a = tl_line_text(r, &r->lines[i]), *b = tl_line_text(r, &r->lines[i + 1]);
            char *joint = xasprintf("%s|%s", a, b);
            for (size_t k = 0; k < 2; k++) {
                const char *nm = names[k];
                for (size_t cut = 1; cut < strlen(nm); cut++) {
                    if (((unsigned char)nm[cut] & 0xC0) == 0x80)
                        continue;
                    char *split = xasprintf("%.*s|%s", (int)cut, nm, nm + cut);
                    bool at_dot = cut >= 2 && !strncmp(nm + cut - 2, "·", 2);
                    if (strstr(joint, split) && !at_dot)
                        fail_msg("width %d: '%s' split as '%s'", w, nm, split);
                    free(split);
                }
            }
            free(joint), free(a), free(b);
        }
        for (size_t i = 0; i < r->nlines; i++) {
            size_t n = tl_line_glyphs(r, &r->lines[i], g, 256);
            for (size_t k = 0; k + 1 < n; k++)
                if (g[k].cp == 0x3015 && g[k + 1].cp == '3' && g[k + 1].x - g[k].x - g[k].w > 1e-3)
                    fail_msg("width %d: %.2f em after 〕", w, (g[k + 1].x - g[k].x - g[k].w) / EM);
        }
        tl_result_free(r);
    }
    /* 推入 pulls a tail up by squeezing at most two marks of the line before */
    const char *tails[] = {"“你们辛苦了！”“嗯，应该的。”他笑了笑，又转身走进了监区，一直忙到深夜。",
                           "比先进、学先进、赶先进，在全监掀起学习热潮，人人争当先锋模范。",
                           "他说：“好，好，好。”大家都笑了，笑声、掌声、欢呼声，响成一片。好的。",
                           "一、二、三、四、五、六、七、八、九、十，数完了。",
                           "《人生》《平凡的世界》《红岩》，都是好书。"};
    for (size_t t = 0; t < sizeof tails / sizeof *tails; t++)
        for (int w = 4; w <= 30; w++) {
            struct tl_params p = params(2, ALIGN_JUSTIFY);
            struct tl_result *r = tl_layout(tails[t], EM, w * EM, 0, &p, &shaped);
            for (size_t i = 0; i < r->nlines; i++) {
                size_t n = tl_line_glyphs(r, &r->lines[i], g, 256), squeezed = 0;
                for (size_t k = 0; k < n; k++) {
                    enum punct_class c = punct_class(g[k].cp);
                    bool edge = (k == 0 && c == PC_OPEN) ||
                                (k + 1 == n && (c == PC_CLOSE || c == PC_PAUSE));
                    bool pair = (k > 0 && punct_squeezable(g[k - 1].cp)) ||
                                (k + 1 < n && punct_squeezable(g[k + 1].cp));
                    squeezed += g[k].half && punct_squeezable(g[k].cp) && !edge && !pair;
                }
                if (squeezed > 2)
                    fail_msg("width %d: %zu marks squeezed on line %zu", w, squeezed, i);
            }
            tl_result_free(r);
        }
}

/* Pages: none ends with a paragraph's first line only or starts with its last line only, and
 * the last page holds more than one line. */
static void test_page_balance(void **state)
{
    (void)state;
    struct strbuf b = {0};
    for (int i = 0; i < 14; i++) {
        sb_puts(&b, "比先进、学先进、赶先进，在全监掀起学习热潮。");
        for (int k = 0; k < i % 4; k++)
            sb_puts(&b, "民警们以实际行动诠释忠诚，守护一方平安。");
        sb_puts(&b, "\n\n");
    }
    int pages_seen = 0;
    for (int h = 60; h <= 400; h += 7) {
        struct tl_params p = tl_default_params();
        struct tl_result *r = tl_layout(b.s, EM, 20 * EM, h, &p, &shaped);
        check_rules(r, b.s, 20 * EM, true);
        for (size_t i = 0; i < r->nlines; i++) {
            const struct tl_line *l = &r->lines[i];
            assert_true(l->y + r->line_h <= h + 1e-6);
            bool page_end = i + 1 == r->nlines || r->lines[i + 1].page != l->page;
            bool page_start = i == 0 || r->lines[i - 1].page != l->page;
            bool para_first = i == 0 || r->lines[i - 1].para != l->para;
            if (page_end && i + 1 < r->nlines && para_first && !l->para_end && h >= 3 * r->line_h)
                fail_msg("box %d: page %d ends with a paragraph's first line", h, l->page);
            if (page_start && i > 0 && l->para_end && !para_first && h >= 3 * r->line_h)
                fail_msg("box %d: page %d starts with a paragraph's last line", h, l->page);
        }
        size_t on_last = 0;
        for (size_t i = 0; i < r->nlines; i++)
            on_last += r->lines[i].page == r->npages - 1;
        if (r->npages > 1 && h >= 3 * r->line_h)
            assert_true(on_last >= 2);
        pages_seen += r->npages;
        tl_result_free(r);
    }
    assert_true(pages_seen > 100);
    sb_free(&b);
    /* boxes one or two lines high (a small LED wall): nothing to rebalance, nothing lost, and
     * no reading outside the lines (ASan) */
    for (int lines = 1; lines <= 2; lines++) {
        for (int w = 3; w <= 9; w++) {
            struct tl_params p = tl_default_params();
            struct tl_result *r = tl_layout("一二三四五六七八九十。\n\n一二三。", EM, w * EM,
                                            lines * 16, &p, &shaped);
            check_rules(r, "一二三四五六七八九十。\n\n一二三。", w * EM, true);
            for (size_t i = 0; i < r->nlines; i++)
                assert_true(r->lines[i].y + r->line_h <= lines * 16 + 1e-6);
            tl_result_free(r);
            r = tl_layout("一二三四五六", EM, w * EM, lines * 16, &p, &shaped);
            for (size_t i = 0; i < r->nlines; i++)
                assert_true(r->lines[i].y + r->line_h <= lines * 16 + 1e-6);
            tl_result_free(r);
        }
    }
}

/* Centred headings: balanced lines, breaks at ， when near the middle, never inside 《》 “”. */
static void test_balanced_headings(void **state)
{
    (void)state;
    static const char *heads[] = {
        "他们，是高墙内的“守夜人”",
        "深入学习《共产党宣言》专题读书会",
        "全省监狱系统“十佳民警”表彰大会暨先进事迹报告会",
        "以“平安监狱”建设为抓手全面提升执法水平",
    };
    static const double unit_em[] = {5, 7, 6, 6}; /* longest “…” or 《…》 in each */
    for (size_t t = 0; t < sizeof heads / sizeof *heads; t++) {
        for (int w = 6; w <= 24; w++) {
            struct tl_params p = params(0, ALIGN_CENTER);
            struct tl_result *r = tl_layout(heads[t], EM, w * EM, 0, &p, &shaped);
            check_rules(r, heads[t], w * EM, true);
            double lo = 1e9, hi = 0;
            for (size_t i = 0; i < r->nlines; i++) {
                lo = r->lines[i].width < lo ? r->lines[i].width : lo;
                hi = r->lines[i].width > hi ? r->lines[i].width : hi;
                char *a = tl_line_text(r, &r->lines[i]);
                int depth = 0;
                size_t n = strlen(a), len;
                for (size_t k = 0; k < n; k += len) {
                    uint32_t cp = utf8_decode(a + k, n - k, &len);
                    depth += cp == 0x300A || cp == 0x201C;
                    depth -= cp == 0x300B || cp == 0x201D;
                }
                if (depth != 0 && r->nlines <= 3)
                    fail_msg("'%s' at %d em: line '%s' breaks inside a title or quotation",
                             heads[t], w, a);
                free(a);
            }
            /* within 2 characters; a title or quotation that must not break may tip the
             * balance by up to half its own length */
            if (r->nlines > 1 && r->nlines <= 3 && hi - lo > (2 + unit_em[t] / 2) * EM + 1e-3)
                fail_msg("'%s' at %d em: lines differ by %.1f em", heads[t], w, (hi - lo) / EM);
            tl_result_free(r);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_cases),   cmocka_unit_test(test_own_cases),
        cmocka_unit_test(test_normalise),      cmocka_unit_test(test_random_texts),
        cmocka_unit_test(test_justify),        cmocka_unit_test(test_fit_and_pages),
        cmocka_unit_test(test_center_right),   cmocka_unit_test(test_compression),
        cmocka_unit_test(test_han_latin),      cmocka_unit_test(test_keep_together),
        cmocka_unit_test(test_widows),         cmocka_unit_test(test_emoji_grapheme),
        cmocka_unit_test(test_justify_spread), cmocka_unit_test(test_hyphenation),
        cmocka_unit_test(test_pages_even),     cmocka_unit_test(test_names_and_brackets),
        cmocka_unit_test(test_page_balance),   cmocka_unit_test(test_balanced_headings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
