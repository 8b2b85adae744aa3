/* test_vertical.c - vertical text (竖排) and couplets as the screen shows them:
 * tests/data/vertical.yaml rendered with --layout-json at 1080x1920, 1920x1080 and a 192x1536
 * vertical LED strip. A vertical body's columns stand right to left and run top to bottom, no
 * column starts with a closing or pause mark nor ends with an opening one, the marks
 * 。，、《》「」—— are drawn with the font's vertical forms (glyph ids in the layout JSON differ
 * from the ones the same face shapes along a line, Han ones do not), every column box holds the ink
 * of its characters and nothing is drawn beside them; a couplet's 上联 stands right of its 下联
 * under the 横批. And a couplet without 下联 is refused in Chinese. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "pixels.h"
#include "minijson.h"
#include "page/shape.h"
#include "text/punct.h"
#include "text/tlvertical.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>

#define OUT "/tmp/hb-test-vertical"

static const char *sizes[] = {"1080x1920", "1920x1080", "192x1536"};

static size_t decode(const char *t, uint32_t *out, size_t cap)
{
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < cap; i += len)
        out[n++] = utf8_decode(t + i, tl - i, &len);
    return n;
}

/* Renders the playlist at size into OUT/size; returns the parsed layout JSON. */
static struct mj *render(const char *size)
{
    sh("rm -rf " OUT "/%s && mkdir -p " OUT "/%s", size, size);
    sh("%s render tests/data/vertical.yaml --out " OUT "/%s --size %s --layout-json " OUT
       "/%s/l.json >/dev/null 2>&1",
       bin(), size, size, size);
    char *json = slurp(OUT "/l.json");
    free(json);
    char path[256];
    snprintf(path, sizeof path, OUT "/%s/l.json", size);
    json = slurp(path);
    struct mj *doc = mj_parse(json);
    free(json);
    assert_non_null(doc);
    return doc;
}

/* The element with role on page `page` (0-based) of the JSON, or NULL. */
static const struct mj *element(const struct mj *doc, size_t page, const char *role)
{
    const struct mj *slides = mj_get(doc, "slides");
    assert_true(slides && page < slides->n);
    const struct mj *els = mj_get(&slides->kids[page], "elements");
    for (size_t i = 0; els && i < els->n; i++)
        if (strcmp(mj_get(&els->kids[i], "role")->str, role) == 0)
            return &els->kids[i];
    return NULL;
}

static double num(const struct mj *o, const char *k)
{
    const struct mj *v = mj_get(o, k);
    assert_non_null(v);
    return v->num;
}

/* Every page of the vertical text slide (slide 2): fn on each body element. */
static void each_body(const struct mj *doc,
                      void (*fn)(const struct mj *body, const char *size, const char *png,
                                 void *ctx),
                      const char *size, void *ctx)
{
    const struct mj *slides = mj_get(doc, "slides");
    int seen = 0;
    for (size_t p = 0; p < slides->n; p++) {
        if (num(&slides->kids[p], "slide") != 2)
            continue;
        const struct mj *b = element(doc, p, "body");
        assert_non_null(b);
        assert_non_null(mj_get(b, "vertical"));
        fn(b, size, mj_get(&slides->kids[p], "png")->str, ctx);
        seen++;
    }
    assert_true(seen > 0);
}

static void order(const struct mj *body, const char *size, const char *png, void *ctx)
{
    (void)png, (void)ctx;
    const struct mj *cols = mj_get(body, "columns");
    assert_non_null(cols);
    for (size_t i = 0; i < cols->n; i++) {
        const struct mj *c = &cols->kids[i];
        double x = num(c, "x"), w = num(c, "w");
        assert_true(x >= num(body, "x") - 1 && x + w <= num(body, "x") + num(body, "w") + 1);
        if (i > 0 && !(x < num(&cols->kids[i - 1], "x")))
            fail_msg("%s: column %zu at x=%.0f is not left of column %zu at x=%.0f", size, i, x,
                     i - 1, num(&cols->kids[i - 1], "x"));
        const struct mj *adv = mj_get(c, "advances");
        uint32_t cps[512];
        size_t n = decode(mj_get(c, "text")->str, cps, 512);
        assert_int_equal(n, adv->n);
        for (size_t k = 1; k < adv->n; k++) /* down the column (a space may take no room) */
            assert_true(adv->kids[k].num > adv->kids[k - 1].num ||
                        (cps[k - 1] == ' ' && adv->kids[k].num == adv->kids[k - 1].num));
        assert_true(n > 0);
        enum punct_class first = punct_class(cps[0]), last = punct_class(cps[n - 1]);
        if (first == PC_CLOSE || first == PC_PAUSE)
            fail_msg("%s: column %zu starts with a closing mark: %s", size, i,
                     mj_get(c, "text")->str);
        if (last == PC_OPEN)
            fail_msg("%s: column %zu ends with an opening mark: %s", size, i,
                     mj_get(c, "text")->str);
    }
}

static void test_columns_right_to_left_and_kinsoku(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        struct mj *doc = render(sizes[s]);
        each_body(doc, order, sizes[s], NULL);
        mj_free(doc);
    }
}

/* The body's face (Noto Sans CJK SC Regular, as fontconfig finds it) for nominal glyph ids. */
static struct shape_face *body_face(void)
{
    char spec[512] = "";
    FILE *p = popen("fc-match -f '%{file}:%{index}' 'Noto Sans CJK SC:style=Regular'", "r");
    assert_non_null(p);
    assert_non_null(fgets(spec, sizeof spec, p));
    pclose(p);
    char *colon = strrchr(spec, ':');
    assert_non_null(colon);
    *colon = 0;
    struct shape_face *f = shape_face_open(spec, NULL, 0, atoi(colon + 1));
    assert_non_null(f);
    return f;
}

struct forms {
    struct shape_face *f;
    int marks, hans;
    bool seen[8];
    struct shape_glyph *sg;
    size_t sgcap;
};

/* The glyph cp is drawn with along a line: shaped as zh-Hans, so after the font's 'locl' (the
 * Simplified Chinese forms of 。，, not the nominal ones). */
static uint32_t horizontal(struct forms *k, uint32_t cp)
{
    size_t n = shape_run(k->f, &cp, 1, NULL, 32, &k->sg, &k->sgcap);
    assert_int_equal(n, 1);
    return k->sg[0].gid;
}

static const uint32_t turned[] = {0x3002, 0xFF0C, 0x3001, 0x300A, 0x300B, 0x300C, 0x300D, 0x2014};

static void forms(const struct mj *body, const char *size, const char *png, void *ctx)
{
    (void)png;
    struct forms *k = ctx;
    const struct mj *cols = mj_get(body, "columns");
    for (size_t i = 0; i < cols->n; i++) {
        const struct mj *c = &cols->kids[i], *g = mj_get(c, "glyphs");
        assert_non_null(g);
        uint32_t cps[512];
        size_t n = decode(mj_get(c, "text")->str, cps, 512);
        assert_int_equal(n, g->n);
        for (size_t j = 0; j < n; j++) {
            uint32_t h = horizontal(k, cps[j]), v = (uint32_t)g->kids[j].num;
            for (size_t t = 0; t < sizeof turned / sizeof *turned; t++) {
                if (cps[j] != turned[t] || v == 0)
                    continue;
                if (v == h)
                    fail_msg("%s: U+%04X in a column is drawn with its horizontal glyph %u", size,
                             cps[j], h);
                k->seen[t] = true;
                k->marks++;
            }
            if (cps[j] >= 0x4E00 && cps[j] <= 0x9FFF) {
                assert_int_equal(v, h); /* Han characters have no vertical form */
                k->hans++;
            }
        }
    }
}

static void test_vertical_punctuation_forms(void **state)
{
    (void)state;
    struct forms k = {.f = body_face()};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        struct mj *doc = render(sizes[s]);
        each_body(doc, forms, sizes[s], &k);
        mj_free(doc);
    }
    for (size_t t = 0; t < sizeof turned / sizeof *turned; t++)
        if (!k.seen[t])
            fail_msg("U+%04X never met in a column: the test text lacks it", turned[t]);
    assert_true(k.marks > 20 && k.hans > 100);
    shape_face_close(k.f);
    free(k.sg);
}

/* The white text's pixels in [x0, x1) x [y0, y1). */
static int ink(SDL_Surface *s, int x0, int y0, int x1, int y1)
{
    int n = 0;
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < s->h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < s->w; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            n += (p >> 16 & 255) > 200 && (p >> 8 & 255) > 200 && (p & 255) > 200;
        }
    return n;
}

static void inked(const struct mj *body, const char *size, const char *png, void *ctx)
{
    (void)ctx;
    char path[256];
    snprintf(path, sizeof path, OUT "/%s/%s", size, png);
    SDL_Surface *s = test_load_argb(path);
    const struct mj *cols = mj_get(body, "columns");
    int inside = 0;
    for (size_t i = 0; i < cols->n; i++) {
        const struct mj *c = &cols->kids[i];
        int x = (int)num(c, "x"), y = (int)num(c, "y"), w = (int)num(c, "w"), h = (int)num(c, "h");
        int n = ink(s, x, y, x + w, y + h);
        double px = num(body, "font_px");
        /* a Han character leaves at least a few percent of its em square in ink */
        if (n < (int)(0.02 * px * px))
            fail_msg("%s: column %zu (%d,%d %dx%d) holds %d pixels of ink", size, i, x, y, w, h, n);
        inside += n;
    }
    int all =
        ink(s, (int)num(body, "x") - 2, (int)num(body, "y") - 2,
            (int)(num(body, "x") + num(body, "w")) + 2, (int)(num(body, "y") + num(body, "h")) + 2);
    if (all - inside > all / 100)
        fail_msg("%s: %d of %d pixels of ink fall outside every column box", size, all - inside,
                 all);
    SDL_FreeSurface(s);
}

static void test_ink_inside_columns(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        struct mj *doc = render(sizes[s]);
        each_body(doc, inked, sizes[s], NULL);
        mj_free(doc);
    }
}

/* Bounding box of the white ink in [x0, x1) x [y0, y1): its width and height. */
static void ink_box(SDL_Surface *s, int x0, int y0, int x1, int y1, int *w, int *h)
{
    int l = x1, r = x0 - 1, t = y1, b = y0 - 1;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            if (ink(s, x, y, x + 1, y + 1))
                l = x < l ? x : l, r = x > r ? x : r, t = y < t ? y : t, b = y > b ? y : b;
    *w = r - l + 1, *h = b - t + 1;
}

/* The box of the n code points from the first occurrence of what in a column: (w, h) of their
 * ink, upright digits side by side being wider than high, digits laid sideways higher. */
static bool digits(const struct mj *body, SDL_Surface *s, const char *what, int *w, int *h)
{
    const struct mj *cols = mj_get(body, "columns");
    for (size_t i = 0; i < cols->n; i++) {
        const struct mj *c = &cols->kids[i];
        const char *t = mj_str(c, "text"), *at = strstr(t, what);
        if (!at)
            continue;
        uint32_t cps[512];
        size_t k = decode(t, cps, 512) - decode(at, cps, 512), n = decode(what, cps, 512);
        const struct mj *adv = mj_get(c, "advances");
        double y0 = num(c, "y") + adv->kids[k].num;
        double y1 = k + n < adv->n ? num(c, "y") + adv->kids[k + n].num : num(c, "y") + num(c, "h");
        ink_box(s, (int)num(c, "x"), (int)y0, (int)(num(c, "x") + num(c, "w")), (int)y1, w, h);
        return true;
    }
    return false;
}

static void test_short_digit_groups_stand_across(void **state)
{
    (void)state;
    uint32_t cps[16];
    size_t n = decode("第3名12号480人", cps, 16);
    assert_int_equal(tl_vertical_tcy(cps, 1, n), 1);
    assert_int_equal(tl_vertical_tcy(cps, 3, n), 2);
    assert_int_equal(tl_vertical_tcy(cps, 6, n), 0); /* 480: three digits lie sideways */
    n = decode("2024/10 A3 3.5", cps, 16);
    assert_int_equal(tl_vertical_tcy(cps, 5, n), 0);  /* a date's month */
    assert_int_equal(tl_vertical_tcy(cps, 9, n), 0);  /* inside a word */
    assert_int_equal(tl_vertical_tcy(cps, 11, n), 0); /* a decimal */
    for (size_t sz = 0; sz < 2; sz++) { /* the LED strip sets the text at 13 px: too small */
        struct mj *doc = render(sizes[sz]);
        const struct mj *slides = mj_get(doc, "slides");
        bool seen12 = false, seen480 = false;
        for (size_t p = 0; p < slides->n; p++) {
            const struct mj *b = element(doc, p, "body");
            if (!b)
                continue;
            char path[256];
            snprintf(path, sizeof path, OUT "/%s/%s", sizes[sz], mj_str(&slides->kids[p], "png"));
            SDL_Surface *s = test_load_argb(path);
            int w, h;
            if (digits(b, s, "12", &w, &h)) {
                seen12 = true;
                if (!(w > h))
                    fail_msg("%s: 12 is not set across its square: ink %dx%d", sizes[sz], w, h);
                assert_true(fabs(mj_num(b, "font_px") - w) < mj_num(b, "font_px") * 0.3);
            }
            if (digits(b, s, "480", &w, &h)) {
                seen480 = true;
                if (!(h > 2 * w))
                    fail_msg("%s: 480 does not lie sideways: ink %dx%d", sizes[sz], w, h);
            }
            SDL_FreeSurface(s);
        }
        assert_true(seen12 && seen480);
        mj_free(doc);
    }
}

static void test_couplet_first_on_the_right(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        struct mj *doc = render(sizes[s]);
        const struct mj *first = element(doc, 0, "couplet-first");
        const struct mj *second = element(doc, 0, "couplet-second");
        const struct mj *top = element(doc, 0, "couplet-top");
        assert_non_null(first), assert_non_null(second), assert_non_null(top);
        assert_non_null(mj_get(first, "vertical")), assert_non_null(mj_get(second, "vertical"));
        assert_null(mj_get(top, "vertical")); /* the 横批 reads across */
        if (!(num(second, "x") + num(second, "w") <= num(first, "x")))
            fail_msg("%s: 下联 at x=%.0f is not left of 上联 at x=%.0f", sizes[s], num(second, "x"),
                     num(first, "x"));
        assert_true(num(top, "y") + num(top, "h") <= num(first, "y"));
        /* one size for both lines, each in a single column, large on every screen */
        assert_true(num(first, "font_px") == num(second, "font_px"));
        assert_int_equal(mj_get(first, "columns")->n, 1);
        assert_int_equal(mj_get(second, "columns")->n, 1);
        /* large: the seven characters run down at least half the screen's height, or (a narrow
         * strip) each is nearly a third of its width */
        int W = atoi(sizes[s]), H = atoi(strchr(sizes[s], 'x') + 1);
        double px = mj_num(first, "font_px");
        if (!(7 * px >= H * 0.5 || px >= W * 0.3))
            fail_msg("%s: the couplet is set at %.0f px only", sizes[s], num(first, "font_px"));
        assert_string_equal(mj_str(&mj_get(first, "columns")->kids[0], "text"), "春风化雨润心田");
        mj_free(doc);
    }
}

static void test_couplet_missing_second_in_chinese(void **state)
{
    (void)state;
    sh("mkdir -p " OUT " && printf 'honorboard: 1\\nslides:\\n  - type: couplet\\n    first: "
       "春风化雨润心田\\n' > " OUT "/bad.yaml");
    assert_int_equal(
        run("LANG=zh_CN.UTF-8 %s check " OUT "/bad.yaml > " OUT "/bad.out 2>&1", bin()), 1);
    char *out = slurp(OUT "/bad.out");
    if (!strstr(out, "second") || !strstr(out, "下联"))
        fail_msg("no word of second (下联) in\n%s", out);
    assert_null(strstr(out, "first")); /* 上联 was given: not reported missing */
    free(out);
    sh("printf 'honorboard: 1\\nslides:\\n  - type: text\\n    title: t\\n    text: t\\n"
       "    direction: up\\n' > " OUT "/dir.yaml");
    assert_int_equal(
        run("LANG=zh_CN.UTF-8 %s check " OUT "/dir.yaml > " OUT "/dir.out 2>&1", bin()), 1);
    out = slurp(OUT "/dir.out");
    if (!strstr(out, "竖排"))
        fail_msg("the bad direction's message does not name 竖排:\n%s", out);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_right_to_left_and_kinsoku),
        cmocka_unit_test(test_vertical_punctuation_forms),
        cmocka_unit_test(test_ink_inside_columns),
        cmocka_unit_test(test_short_digit_groups_stand_across),
        cmocka_unit_test(test_couplet_first_on_the_right),
        cmocka_unit_test(test_couplet_missing_second_in_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
