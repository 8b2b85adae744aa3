/* test_textsafety.c - any text is safe: ordinary Unicode from phones and web pages (flags,
 * ZWJ sequences, skin tones, combining marks, variation selectors, bidi controls, private-use
 * and unassigned code points, every plane) goes through line breaking and layout at every width
 * without aborting (libunibreak 1.1 asserts on regional indicators), without losing a character,
 * and without splitting a flag, a ZWJ sequence or a skin-tone modifier across lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/textlayout.h"
#include "base/util.h"

static double fake_advance(void *ctx, uint32_t cp, double px)
{
    (void)ctx;
    return cp < 128 ? px * 0.5 : px;
}

static const struct tl_measure fake = {.advance = fake_advance};

static const char *const samples[] = {
    "热烈庆祝中华人民共和国成立77周年🇨🇳",
    "🇨🇳🇭🇰🇲🇴🇹🇼🇺🇳",
    "单个区旗🇨连续🇨🇨🇨末尾🇨",
    "家庭👨‍👩‍👧‍👦民警👮‍♀️彩虹🏳️‍🌈",
    "点赞👍🏻👍🏿手势✌🏽",
    "组合é ñ̃ a\xcc\x81\xcc\x82\xcc\x83葛\xf3\xa0\x84\x80",
    "☎️❤️✔︎数字键1️⃣",
    "方向\xe2\x80\xae"
    "عربي"
    "\xe2\x80\xac隔离\xe2\x81\xa7שלום\xe2\x81\xa9标记\xe2\x80\x8f\xe2\x80\x8e",
    "私用区\xee\x80\x80\xef\xa3\xbf未分配\xcd\xb8平面\xf0\x9f\xbf\xbd\xf0\xb0\x80\x80\xf3\xa0\x87"
    "\xaf\xf3\xbf\xbf\xbd\xf4\x8f\xbf\xbd",
    "零宽\xe2\x80\x8b空格\xe2\x81\xa0连接\xe2\x80\x8d\xe2\x80\x8c软\xc2\xad符",
    "\xef\xbf\xbc对象\xef\xbf\xbd替换\xef\xbb\xbf",
    "非字符\xef\xbf\xbf和\xef\xbf\xbe在中间\xef\xbf\xbf", /* U+FFFF: libunibreak's end mark */
};

static bool is_ri(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Checks the line starts of r: a line never starts with the second half of a flag, a skin-tone
 * modifier, or right after a zero-width joiner. */
static void check_units_whole(const struct tl_result *r, const char *what)
{
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        if (l->start == 0 || l->start >= strlen(r->text) || r->text[l->start - 1] == '\n')
            continue;
        /* the code points just before and at the line start */
        size_t len, p = l->start - 1;
        while (p > 0 && ((unsigned char)r->text[p] & 0xC0) == 0x80)
            p--;
        uint32_t before = utf8_decode(r->text + p, l->start - p, &len);
        uint32_t first = utf8_decode(r->text + l->start, strlen(r->text) - l->start, &len);
        if (before == 0x200D)
            fail_msg("%s: line %zu starts right after a ZWJ", what, i + 1);
        if (first >= 0x1F3FB && first <= 0x1F3FF)
            fail_msg("%s: line %zu starts with a skin-tone modifier", what, i + 1);
        if (is_ri(first) && is_ri(before)) { /* allowed only between two whole pairs */
            size_t run = 0, q = l->start;
            while (q > 0) {
                size_t k = q - 1;
                while (k > 0 && ((unsigned char)r->text[k] & 0xC0) == 0x80)
                    k--;
                if (!is_ri(utf8_decode(r->text + k, q - k, &len)))
                    break;
                run++;
                q = k;
            }
            if (run % 2)
                fail_msg("%s: line %zu splits a flag", what, i + 1);
        }
    }
}

/* Every sample at every width from 1 to 40 em: no abort, nothing lost; units whole where they
 * fit on a line. */
static void test_every_width(void **state)
{
    (void)state;
    struct tl_params p = tl_default_params();
    for (size_t s = 0; s < sizeof samples / sizeof *samples; s++) {
        char *want = visible(samples[s]);
        for (int em = 1; em <= 40; em++) {
            struct tl_result *r = tl_layout(samples[s], 10, em * 10.0, 0, &p, &fake);
            struct strbuf got = {0};
            for (size_t i = 0; i < r->nlines; i++) {
                char *t = tl_line_text(r, &r->lines[i]);
                sb_puts(&got, t);
                free(t);
            }
            char *g = visible(got.s ? got.s : "");
            char what[64];
            snprintf(what, sizeof what, "sample %zu at %d em", s + 1, em);
            if (strcmp(g, want) != 0)
                fail_msg("%s lost characters:\n  want %s\n  got  %s", what, want, g);
            if (em >= 8) /* the widest unit here, the family, is 7 em with this measurer */
                check_units_whole(r, what);
            free(g);
            sb_free(&got);
            tl_result_free(r);
        }
        free(want);
    }
}

/* Break opportunities straight from the guard: between two flags yes, inside one no. */
static void test_flag_breaks(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x4E2D, 0x1F1E8, 0x1F1F3, 0x1F1ED, 0x1F1F0, 0x56FD};
    size_t n = sizeof cps / sizeof *cps;
    bool after[6];
    tl_break_opportunities(cps, n, NULL, 0, NULL, after);
    assert_true(after[0]);  /* 中 | 🇨🇳 */
    assert_false(after[1]); /* 🇨 x 🇳 */
    assert_true(after[2]);  /* 🇨🇳 | 🇭🇰 */
    assert_false(after[3]); /* 🇭 x 🇰 */
    assert_false(after[5]); /* the end is not a break */
    const uint32_t zwj[] = {0x1F468, 0x200D, 0x1F469, 0x1F44D, 0x1F3FD, 0x4E00};
    tl_break_opportunities(zwj, 6, NULL, 0, NULL, after);
    assert_false(after[0]); /* 👨 x ZWJ */
    assert_false(after[1]); /* ZWJ x 👩 */
    assert_false(after[3]); /* 👍 x 🏽 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_width),
        cmocka_unit_test(test_flag_breaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
