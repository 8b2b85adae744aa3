/* test_bidi.c - right-to-left text (Uyghur, Arabic, Hebrew) in display order: the bidi levels
 * of a Chinese line with a Uyghur name in it, glyphs reordered per line after line breaking,
 * a right-to-left paragraph set from the right edge, HarfBuzz's glyphs of a right-to-left run
 * coming out reversed against logical order, and the pixels of tests/data/rtl.yaml as
 * `honorboard render` draws them compared with HarfBuzz's own `hb-view` of the same text in
 * the same font at the same size (the ink's column profile: order and joining, not bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "pixels.h"
#include "minijson.h"
#include "page/shape.h"
#include "text/bidi.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>

#define OUT "/tmp/hb-test-bidi"
#define NAME "ئابدۇرېشىت"              /* Abdureshit: 10 code points */
#define MIXED "优秀民警 " NAME " 同志" /* 4 Han, space, name, space, 2 Han */

static size_t decode(const char *t, uint32_t *out, size_t cap)
{
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < cap; i += len)
        out[n++] = utf8_decode(t + i, tl - i, &len);
    return n;
}

/* Glyphs of a string set at 10 px a code point, in logical order. */
static size_t fixed_glyphs(const char *s, struct tl_glyph *g, size_t cap)
{
    uint32_t cps[256];
    size_t n = decode(s, cps, cap < 256 ? cap : 256);
    for (size_t i = 0; i < n; i++)
        g[i] = (struct tl_glyph){.cp = cps[i], .x = 10.0 * (double)i, .w = 10};
    return n;
}

/* A Chinese line with a Uyghur name: the paragraph is left to right (level 0), the name's
 * letters level 1; reordered, the Han and spaces stay, the name's letters run right to left
 * inside the span the name took. */
static void mixed_line_levels_and_order(void **state)
{
    (void)state;
    uint32_t cps[64];
    size_t n = decode(MIXED, cps, 64);
    assert_int_equal(n, 18);
    assert_true(bidi_has_rtl(cps, n));
    assert_false(bidi_para_rtl(cps, n));
    uint8_t lv[64];
    bidi_levels(cps, n, lv);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(lv[i], i >= 5 && i < 15 ? 1 : 0);
    struct tl_glyph g[64];
    fixed_glyphs(MIXED, g, 64);
    bidi_reorder(g, n, lv, false);
    for (size_t i = 0; i < n; i++) {
        double want = i >= 5 && i < 15 ? 10.0 * (double)(5 + 14 - i) : 10.0 * (double)i;
        assert_true(fabs(g[i].x - want) < 1e-9);
        assert_int_equal(g[i].level & 1, i >= 5 && i < 15);
    }
    /* the name alone is a right-to-left paragraph; Chinese text never is */
    assert_true(bidi_para_rtl(cps + 5, 10));
    uint32_t han[] = {0x4F18, 0x79C0};
    assert_false(bidi_has_rtl(han, 2));
    uint32_t marked[] = {0x4F18, 0x200F, 0x79C0}; /* a right-to-left mark among Han */
    assert_true(bidi_has_rtl(marked, 3));
    /* digits inside a right-to-left run keep their own order (level 2 inside level 1) */
    struct tl_glyph d[32];
    size_t nd = fixed_glyphs("שלום 2026 עולם", d, 32);
    uint32_t dc[32];
    for (size_t i = 0; i < nd; i++)
        dc[i] = d[i].cp;
    uint8_t dl[32];
    bidi_levels(dc, nd, dl);
    bidi_reorder(d, nd, dl, bidi_para_rtl(dc, nd));
    assert_true(d[5].x < d[6].x && d[6].x < d[7].x && d[7].x < d[8].x); /* 2026 reads 2026 */
    assert_true(d[0].x > d[5].x && d[10].x < d[5].x); /* שלום right of the number, עולם left */
}

static double fake_advance(void *ctx, uint32_t cp, double px)
{
    (void)ctx, (void)cp;
    return px; /* every code point one em */
}

static const struct tl_measure fake = {.advance = fake_advance};

/* Lines first, then display order: a Chinese paragraph whose Uyghur sentence runs over two
 * line breaks. On every line the Han keeps its place and the Uyghur glyphs fall right to left
 * (each logical successor left of its predecessor); a line that is all Uyghur starts (in
 * logical order) at its right edge. */
static void reordered_after_line_breaking(void **state)
{
    (void)state;
    const char *text = "优秀民警在监区工作十年。ئۇ ھەر كۈنى ئىشقا بالدۇر كېلىدۇ خىزمەتداشلىرىغا "
                       "ياردەم قىلىدۇ";
    struct tl_params p = tl_default_params();
    p.indent_em = 0;
    struct tl_result *r = tl_layout(text, 10, 200, 0, &p, &fake);
    assert_true(r->nlines >= 3);
    struct tl_glyph *g = NULL;
    size_t cap = 0, rtl_lines = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        size_t n = tl_line_glyphs_grow(r, l, &g, &cap);
        double before[256];
        for (size_t k = 0; k < n && k < 256; k++)
            before[k] = g[k].x;
        bidi_line(r, l, g, n);
        bool all_rtl = true;
        for (size_t k = 0; k < n; k++) {
            if (g[k].cp >= 0x4E00 && g[k].cp <= 0x9FFF)
                assert_true(fabs(g[k].x - before[k]) < 1e-9); /* Han stays */
            if (!(g[k].level & 1) && !tl_is_space(g[k].cp))
                all_rtl = false;
            if (k + 1 < n && (g[k].level & 1) && (g[k + 1].level & 1))
                assert_true(g[k + 1].x < g[k].x); /* right to left */
        }
        if (all_rtl && n > 0) {
            rtl_lines++;
            double right = before[n - 1] + g[n - 1].w;
            assert_true(fabs(g[0].x + g[0].w - right) < 1e-6); /* first word at the right */
        }
    }
    assert_true(rtl_lines >= 1);
    free(g);
    tl_result_free(r);
}

/* A justified paragraph in Uyghur alone is set from the right: its first line's indent is on
 * the right, its short last line ends at the right edge. */
static void rtl_paragraph_from_the_right(void **state)
{
    (void)state;
    const char *text = "ئۇ ھەر كۈنى ئىشقا بالدۇر كېلىدۇ خىزمەتداشلىرىغا ياردەم قىلىدۇ ۋە";
    struct tl_params p = tl_default_params(); /* justified, 2 em indent */
    struct tl_result *r = tl_layout(text, 10, 200, 0, &p, &fake);
    assert_true(r->nlines >= 2);
    struct tl_glyph *g = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        size_t n = tl_line_glyphs_grow(r, l, &g, &cap);
        double right = l->x + g[n - 1].x + g[n - 1].w;
        if (i == 0)
            assert_true(fabs(right - (200 - 20)) < 0.5); /* the indent, on the right */
        else
            assert_true(fabs(right - 200) < 0.5);
        if (l->para_end)
            assert_true(l->x > 1); /* short last line: blank on the left */
    }
    free(g);
    tl_result_free(r);
}

static char *font_file(const char *pattern)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "fc-match -f '%%{file}' '%s' 2>/dev/null", pattern);
    FILE *f = popen(cmd, "r");
    char buf[1024] = "";
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        pclose(f);
    buf[n] = '\0';
    const char *want = strstr(pattern, "Arabic") ? "NotoSansArabic" : "NotoSansHebrew";
    return strstr(buf, want) ? xstrdup(buf) : NULL;
}

/* HarfBuzz shapes a right-to-left run into glyphs left to right on the screen: the first glyph
 * is the run's last letter (clusters fall), as hb-view draws it. */
static void shaped_glyphs_reversed(void **state)
{
    (void)state;
    char *file = font_file("Noto Sans Arabic");
    if (!file)
        skip(); /* fonts-noto-core (a run dependency) is not installed */
    struct shape_face *sf = shape_face_open(file, NULL, 0, 0);
    assert_non_null(sf);
    uint32_t cps[16];
    size_t n = decode(NAME, cps, 16);
    struct shape_glyph *sg = NULL;
    size_t cap = 0, ng = shape_run_bidi(sf, cps, n, NULL, 48, true, &sg, &cap);
    assert_true(ng >= 8);
    assert_int_equal(sg[0].cluster, n - 1);
    assert_int_equal(sg[ng - 1].cluster, 0);
    for (size_t k = 1; k < ng; k++)
        assert_true(sg[k].cluster <= sg[k - 1].cluster);
    /* joined: the shaped name is narrower than its letters' isolated forms side by side */
    double joined = 0, isolated = 0;
    for (size_t k = 0; k < ng; k++)
        joined += sg[k].adv;
    for (size_t i = 0; i < n; i++)
        isolated += shape_face_advance(sf, shape_face_glyph(sf, cps[i]), 48);
    assert_true(joined < isolated);
    free(sg);
    shape_face_close(sf);
    free(file);
}

#define BINS 160

struct profile {
    double bin[BINS];
    int width; /* columns from the first to the last with ink */
};

/* Column sums of ink over [x0, x1) x [y0, y1), trimmed to the ink and resampled to BINS.
 * on_dark: light text on the theme's red (ink: green above the background's), else hb-view's
 * black on white. */
static struct profile ink_profile(SDL_Surface *s, int x0, int y0, int x1, int y1, bool on_dark)
{
    x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > s->w ? s->w : x1, y1 = y1 > s->h ? s->h : y1;
    int w = x1 > x0 ? x1 - x0 : 1;
    double *col = calloc((size_t)w, sizeof *col);
    for (int x = x0; x < x1; x++)
        for (int y = y0; y < y1; y++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            int g = (int)(p >> 8 & 255);
            double ink = on_dark ? (g > 90 ? g - 90 : 0) / 165.0 : (255 - g) / 255.0;
            col[x - x0] += ink > 0.25 ? ink : 0;
        }
    int a = 0, b = w - 1;
    while (a < w && col[a] <= 0)
        a++;
    while (b > a && col[b] <= 0)
        b--;
    struct profile pr = {.width = b >= a ? b - a + 1 : 0};
    for (int i = 0; i < BINS && pr.width > 0; i++) {
        double f = a + (double)i * (pr.width - 1) / (BINS - 1);
        int k = (int)f;
        double t = f - k;
        pr.bin[i] = col[k] * (1 - t) + (k + 1 <= b ? col[k + 1] : col[k]) * t;
    }
    free(col);
    return pr;
}

static double correlation(const struct profile *p, const struct profile *q, bool mirrored)
{
    double mp = 0, mq = 0;
    for (int i = 0; i < BINS; i++)
        mp += p->bin[i] / BINS, mq += q->bin[i] / BINS;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < BINS; i++) {
        double x = p->bin[i] - mp, y = q->bin[mirrored ? BINS - 1 - i : i] - mq;
        sxy += x * y, sxx += x * x, syy += y * y;
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

/* hb-view's drawing of text in file at px: its ink profile. */
static struct profile hb_view(const char *file, const char *text, double px)
{
    char path[] = OUT "/hb-view.png";
    sh("hb-view --font-file='%s' --font-size=%g --margin=8 -O png -o %s '%s'", file, px, path,
       text);
    SDL_Surface *s = test_load_argb(path);
    struct profile p = ink_profile(s, 0, 0, s->w, s->h, false);
    SDL_FreeSurface(s);
    return p;
}

/* The ink of [x0, x1) on line ln of the page against hb-view's of text: same width (within 3%)
 * and the same column profile (correlation over 0.9, and better than hb-view's mirrored). */
static void same_as_hb_view(SDL_Surface *png, const struct mj *ln, double x0, double x1,
                            const char *file, const char *text, double px, const char *what)
{
    int y = (int)mj_num(ln, "y"), h = (int)mj_num(ln, "h");
    struct profile ours = ink_profile(png, (int)floor(x0), y, (int)ceil(x1), y + h, true);
    struct profile ref = hb_view(file, text, px);
    double r = correlation(&ours, &ref, false), rm = correlation(&ours, &ref, true);
    printf("  %s at %g px: width %d (hb-view %d), correlation %.3f (mirrored %.3f)\n", what, px,
           ours.width, ref.width, r, rm);
    assert_true(abs(ours.width - ref.width) <= 3 + ref.width * 3 / 100);
    assert_true(r > 0.9);
    assert_true(r > rm + 0.05);
}

static const struct mj *element(const struct mj *slide, const char *role)
{
    const struct mj *els = mj_get(slide, "elements");
    for (size_t i = 0; els && i < els->n; i++)
        if (!strcmp(mj_str(&els->kids[i], "role"), role))
            return &els->kids[i];
    fail_msg("no element '%s'", role);
    return NULL;
}

static void check_size(const char *size, const char *arabic, const char *arabic_bold,
                       const char *hebrew)
{
    sh("rm -rf " OUT " && mkdir -p " OUT);
    assert_int_equal(run("%s render tests/data/rtl.yaml --out " OUT " --size %s --layout-json " OUT
                         "/l.json >/dev/null 2>&1",
                         bin(), size),
                     0);
    char *json = slurp(OUT "/l.json");
    struct mj *doc = mj_parse(json);
    const struct mj *slides = mj_get(doc, "slides");
    SDL_Surface *png = test_load_argb(OUT "/slide-001.png");
    /* the name alone, bold */
    const struct mj *name = element(&slides->kids[0], "name");
    const struct mj *ln = &mj_get(name, "lines")->kids[0];
    double x = mj_num(ln, "x");
    same_as_hb_view(png, ln, x, x + mj_num(ln, "w"), arabic_bold, NAME, mj_num(name, "font_px"),
                    "name");
    /* the name inside the Chinese title: in the span the name takes, drawn as hb-view draws the
     * name; the Han before it on the left */
    const struct mj *title = element(&slides->kids[0], "title");
    ln = &mj_get(title, "lines")->kids[0];
    const struct mj *adv = mj_get(ln, "advances");
    x = mj_num(ln, "x");
    same_as_hb_view(png, ln, x + adv->kids[5].num, x + adv->kids[15].num, arabic_bold, NAME,
                    mj_num(title, "font_px"), "name in a Chinese title");
    struct profile han = ink_profile(png, (int)x, (int)mj_num(ln, "y"), (int)(x + adv->kids[4].num),
                                     (int)(mj_num(ln, "y") + mj_num(ln, "h")), true);
    assert_true(han.width > 3 * mj_num(title, "font_px")); /* 优秀民警 where it was */
    SDL_FreeSurface(png);
    /* paragraphs in Uyghur, Arabic and Hebrew alone: as hb-view draws them, from the right */
    png = test_load_argb(OUT "/slide-002.png");
    const struct mj *body = element(&slides->kids[1], "body");
    const struct mj *lines = mj_get(body, "lines");
    assert_int_equal(lines->n, 3);
    const char *text[] = {NAME " ئەستايىدىل", "مرحبا بالعالم", "שלום עולם"};
    const char *font[] = {arabic, arabic, hebrew};
    for (size_t i = 0; i < 3; i++) {
        ln = &lines->kids[i];
        x = mj_num(ln, "x");
        same_as_hb_view(png, ln, x, x + mj_num(ln, "w"), font[i], text[i], mj_num(body, "font_px"),
                        text[i]);
        /* set from the right: each paragraph's one line ends at its 2 em indent, on the right */
        double right = mj_num(body, "x") + mj_num(body, "w") - 2 * mj_num(body, "font_px");
        assert_true(fabs(x + mj_num(ln, "w") - right) < 2);
    }
    SDL_FreeSurface(png);
    mj_free(doc);
    free(json);
}

static void pixels_as_hb_view_draws_them(void **state)
{
    (void)state;
    char *ar = font_file("Noto Sans Arabic"), *arb = font_file("Noto Sans Arabic:bold");
    char *he = font_file("Noto Sans Hebrew");
    if (!ar || !arb || !he || run("command -v hb-view >/dev/null") != 0)
        skip(); /* fonts-noto-core and libharfbuzz-bin (TEST_DEBS) are not installed */
    check_size("1920x1080", ar, arb, he);
    check_size("1080x1920", ar, arb, he);
    free(ar), free(arb), free(he);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mixed_line_levels_and_order),
        cmocka_unit_test(reordered_after_line_breaking),
        cmocka_unit_test(rtl_paragraph_from_the_right),
        cmocka_unit_test(shaped_glyphs_reversed),
        cmocka_unit_test(pixels_as_hb_view_draws_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
