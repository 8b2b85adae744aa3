/* fonts.c - the faces of each weight (fontchain.c orders them, fontlist.c finds them), each
 * mapped once, per-character fallback, and text through shape.c:
 * paragraphs shaped with HarfBuzz (advances and half-width forms for textlayout), lines drawn glyph
 * id by glyph id at the positions the layout chose.
 *
 * The chain for each weight is: the theme's font (if any), Noto Sans CJK SC of that weight
 * (fontconfig "Noto Sans CJK SC:lang=zh-cn", which resolves to face index 2 of the .ttc),
 * then fontconfig's sorted list for "sans-serif:lang=zh-cn" (symbols, Latin, rarer scripts).
 * Fonts come only from the system or assets/, never from playlist content. A colour emoji font
 * (fontconfig "Noto Color Emoji", Debian's fonts-noto-color-emoji) sets every grapheme that is an
 * emoji (👍, 🇨🇳, 1️⃣, 👮‍♂️: text/graphemes.h), whole, and ends each chain for
 * what no other face has; its glyphs are drawn in their own colours.
 * Noto Sans Arabic (it has Uyghur's ې ۇ ۆ ۈ ۋ ھ ە) and Noto Sans Hebrew (fonts-noto-core) follow
 * Noto Sans CJK SC; right-to-left runs (text/bidi.h) are shaped RTL in their own script. */
#include "page/fonts.h"
#include "model/playlist_types.h"
#include "page/paint.h"
#include "page/shape.h"
#include "text/bidi.h"
#include "text/graphemes.h"
#include "text/hyphenate.h"
#include "page/fontchain.h"
#include "base/util.h"

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct face {
    char *file;
    int index;
    const void *map; /* the whole file, mapped at fonts_create(); NULL: read from file */
    size_t size;
    struct shape_face *sf; /* opened on first use (from the mapping) */
    bool failed;           /* could not be opened: skipped */
};

/* What the chain of one weight gives a code point: the face that has it and its glyph. */
struct glyph {
    uint32_t cp;
    int w;    /* -1 marks an empty slot */
    int face; /* -1: no face has it (drawn as the first face's .notdef) */
    uint32_t gid;
    double em; /* nominal advance per pixel of size */
};

struct measure_ctx {
    struct fonts *f;
    enum font_weight w;
};

struct fonts {
    struct measure_ctx mctx[FONT_WEIGHT_COUNT]; /* what fonts_measure() hands out */
    struct face faces[FONT_MAX_FACES];
    int nfaces;
    int chain[FONT_WEIGHT_COUNT][FONT_MAX_FACES]; /* indices into faces */
    int nchain[FONT_WEIGHT_COUNT];
    int emoji; /* the colour emoji face, -1 none */
    struct glyph *glyphs;
    size_t gcap, gcount;
    struct shape_glyph *sg; /* shaping scratch */
    size_t sgcap;
    char *desc;
};

/* FreeType and the caches are shared: one lock for every call into this module. */
static pthread_mutex_t fonts_lock = PTHREAD_MUTEX_INITIALIZER;

/* Maps a face's file once, at creation: every size opened later reads it from memory, so
 * drawing text never opens or reads a file (the player's frame loop does no file I/O). */
static void map_face(struct face *fc)
{
    int fd = open(fc->file, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < INT_MAX) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED)
            fc->map = m, fc->size = (size_t)st.st_size;
    }
    close(fd);
}

struct fonts *fonts_create(const char *family, char *err, size_t errlen)
{
    return fonts_create_titled(family, NULL, err, errlen);
}

struct fonts *fonts_for_theme(const struct theme *th, char *err, size_t errlen)
{
    return fonts_create_titled(th ? th->font : NULL, th && !th->font ? th->title_font : NULL, err,
                               errlen);
}

struct fonts *fonts_create_titled(const char *family, const char *title, char *err, size_t errlen)
{
    pthread_mutex_lock(&fonts_lock);
    struct fonts *f = xcalloc(1, sizeof *f);
    struct font_chain c;
    fontchain_find(&c, family, title);
    for (int i = 0; i < c.nfaces; i++)
        f->faces[i] = (struct face){.file = c.faces[i].file, .index = c.faces[i].index};
    f->nfaces = c.nfaces;
    memcpy(f->chain, c.chain, sizeof f->chain);
    memcpy(f->nchain, c.nchain, sizeof f->nchain);
    f->emoji = c.emoji;
    for (int i = 0; i < f->nfaces; i++)
        map_face(&f->faces[i]);
    pthread_mutex_unlock(&fonts_lock);
    hyphenate_load(); /* like the fonts: read now, never while a page is laid out */
    if (f->nchain[FONT_REGULAR] == 0) {
        snprintf(err, errlen, "no Chinese font found (install the Debian package fonts-noto-cjk)");
        fonts_destroy(f);
        return NULL;
    }
    struct strbuf d = {0};
    for (int i = 0; i < f->nchain[FONT_REGULAR]; i++) {
        const struct face *fc = &f->faces[f->chain[FONT_REGULAR][i]];
        const char *base = strrchr(fc->file, '/');
        sb_printf(&d, "%s%s#%d", i ? ", " : "", base ? base + 1 : fc->file, fc->index);
    }
    f->desc = d.s;
    for (int k = 0; k < FONT_WEIGHT_COUNT; k++)
        f->mctx[k] = (struct measure_ctx){f, (enum font_weight)k};
    f->gcap = 4096;
    f->glyphs = xmalloc(f->gcap * sizeof *f->glyphs);
    for (size_t i = 0; i < f->gcap; i++)
        f->glyphs[i].w = -1;
    return f;
}

void fonts_destroy(struct fonts *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&fonts_lock);
    for (int i = 0; i < f->nfaces; i++) {
        shape_face_close(f->faces[i].sf);
        if (f->faces[i].map)
            munmap((void *)f->faces[i].map, f->faces[i].size);
        free(f->faces[i].file);
    }
    free(f->glyphs);
    free(f->sg);
    free(f->desc);
    pthread_mutex_unlock(&fonts_lock);
    free(f);
}

static struct shape_face *face_get(struct fonts *f, int face)
{
    struct face *fc = &f->faces[face];
    if (!fc->sf && !fc->failed) {
        fc->sf = shape_face_open(fc->file, fc->map, fc->size, fc->index);
        fc->failed = fc->sf == NULL;
    }
    return fc->sf;
}

static size_t ghash(uint32_t cp, int w)
{
    uint64_t h = ((uint64_t)cp * 4 + (uint64_t)w) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29));
}

static void grow_glyphs(struct fonts *f)
{
    struct glyph *old = f->glyphs;
    size_t oldcap = f->gcap;
    f->gcap *= 2;
    f->glyphs = xmalloc(f->gcap * sizeof *f->glyphs);
    for (size_t i = 0; i < f->gcap; i++)
        f->glyphs[i].w = -1;
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].w < 0)
            continue;
        size_t j = ghash(old[i].cp, old[i].w) & (f->gcap - 1);
        while (f->glyphs[j].w >= 0)
            j = (j + 1) & (f->gcap - 1);
        f->glyphs[j] = old[i];
    }
    free(old);
}

/* The cache entry for (w, cp): the first face of the chain that has cp. */
static const struct glyph *glyph_get(struct fonts *f, int w, uint32_t cp)
{
    if (cp == '\t' || cp == '\n')
        cp = ' ';
    if (f->gcount * 2 >= f->gcap)
        grow_glyphs(f);
    size_t mask = f->gcap - 1, i = ghash(cp, w) & mask;
    while (f->glyphs[i].w >= 0) {
        if (f->glyphs[i].cp == cp && f->glyphs[i].w == w)
            return &f->glyphs[i];
        i = (i + 1) & mask;
    }
    struct glyph g = {.cp = cp, .w = w, .face = -1};
    for (int k = 0; k < f->nchain[w] && g.face < 0; k++) {
        struct shape_face *sf = face_get(f, f->chain[w][k]);
        uint32_t gid = sf ? shape_face_glyph(sf, cp) : 0;
        if (gid)
            g.face = f->chain[w][k], g.gid = gid;
    }
    struct shape_face *sf = face_get(f, g.face >= 0 ? g.face : f->chain[w][0]);
    g.em = sf ? shape_face_advance(sf, g.gid, 1.0) : 0.5;
    f->glyphs[i] = g;
    f->gcount++;
    return &f->glyphs[i];
}

static int glyph_face(struct fonts *f, int w, uint32_t cp)
{
    int face = glyph_get(f, w, cp)->face;
    return face >= 0 ? face : f->chain[w][0];
}

static int px_int(double px)
{
    int p = (int)lround(px);
    return p < 4 ? 4 : p > 1000 ? 1000 : p;
}

double fonts_advance(struct fonts *f, enum font_weight w, uint32_t cp, double px)
{
    pthread_mutex_lock(&fonts_lock);
    double a = glyph_get(f, (int)w, cp)->em * px_int(px);
    pthread_mutex_unlock(&fonts_lock);
    return a;
}

/* The face that sets the grapheme cps[a..b): the emoji face for an emoji that it has, else the
 * first face of the chain with its first code point. */
static int grapheme_face(struct fonts *f, int w, const uint32_t *cps, size_t a, size_t b)
{
    if (f->emoji >= 0 && graphemes_is_emoji(cps, a, b)) {
        struct shape_face *sf = face_get(f, f->emoji);
        if (sf && shape_face_glyph(sf, cps[a]))
            return f->emoji;
    }
    return glyph_face(f, w, cps[a]);
}

/* The end of the run of graphemes from a that one face sets (spaces join any run) at one bidi
 * level (levels NULL: all left to right). */
static size_t run_end(struct fonts *f, int w, const uint32_t *cps, const uint8_t *levels, size_t a,
                      size_t n, int *face)
{
    size_t b = graphemes_next(cps, a, n);
    *face = grapheme_face(f, w, cps, a, b);
    while (b < n) {
        if (levels && levels[b] != levels[a])
            break;
        if (tl_is_space(cps[b])) {
            b++;
            continue;
        }
        size_t e = graphemes_next(cps, b, n);
        if (grapheme_face(f, w, cps, b, e) != *face)
            break;
        b = e;
    }
    return b;
}

/* Shapes cps[a..b) with one face and spreads each cluster's advance over its code points. */
static void shape_advances(struct fonts *f, struct shape_face *sf, const uint32_t *cps, size_t a,
                           size_t b, const bool *half, int px, bool rtl, double *out)
{
    size_t ng =
        shape_run_bidi(sf, cps + a, b - a, half ? half + a : NULL, px, rtl, &f->sg, &f->sgcap);
    for (size_t i = a; i < b; i++)
        out[i] = -1; /* no glyph starts a cluster here */
    for (size_t g = 0; g < ng; g++) {
        size_t c = a + f->sg[g].cluster;
        out[c] = (out[c] < 0 ? 0 : out[c]) + f->sg[g].adv;
    }
    for (size_t i = a; i < b;) {
        size_t j = i + 1;
        while (j < b && out[j] < 0)
            j++;
        double share = (out[i] < 0 ? 0 : out[i]) / (double)(j - i);
        for (size_t k = i; k < j; k++)
            out[k] = share;
        i = j;
    }
}

static void measure_shape(void *ctx, const uint32_t *cps, size_t n, double px, double *adv,
                          double *half)
{
    const struct measure_ctx *m = ctx;
    struct fonts *f = m->f;
    bool *all = xmalloc(n * sizeof *all);
    for (size_t i = 0; i < n; i++)
        all[i] = true;
    uint8_t *lv = NULL; /* right-to-left runs are measured as they are drawn: shaped RTL */
    if (bidi_has_rtl(cps, n))
        bidi_levels(cps, n, lv = xmalloc(n));
    pthread_mutex_lock(&fonts_lock);
    int p = px_int(px);
    for (size_t a = 0, b; a < n; a = b) {
        int face;
        b = run_end(f, (int)m->w, cps, lv, a, n, &face);
        struct shape_face *sf = face_get(f, face);
        if (!sf) {
            for (size_t i = a; i < b; i++)
                adv[i] = half[i] = p * 0.5;
            continue;
        }
        bool rtl = lv && (lv[a] & 1);
        shape_advances(f, sf, cps, a, b, NULL, p, rtl, adv);
        shape_advances(f, sf, cps, a, b, all, p, rtl, half);
    }
    pthread_mutex_unlock(&fonts_lock);
    free(all);
    free(lv);
}

static double measure_adv(void *ctx, uint32_t cp, double px)
{
    const struct measure_ctx *m = ctx;
    return fonts_advance(m->f, m->w, cp, px);
}

struct tl_measure fonts_measure(struct fonts *f, enum font_weight w)
{
    return (struct tl_measure){.advance = measure_adv, .shape = measure_shape, .ctx = &f->mctx[w]};
}

double fonts_ascent(struct fonts *f, enum font_weight w, double px)
{
    pthread_mutex_lock(&fonts_lock);
    struct shape_face *sf = face_get(f, f->chain[w][0]);
    double a = sf ? shape_face_ascent(sf, px_int(px)) : px;
    pthread_mutex_unlock(&fonts_lock);
    return a;
}

double fonts_height(struct fonts *f, enum font_weight w, double px)
{
    pthread_mutex_lock(&fonts_lock);
    struct shape_face *sf = face_get(f, f->chain[w][0]);
    double h = sf ? shape_face_height(sf, px_int(px)) : px * 1.4;
    pthread_mutex_unlock(&fonts_lock);
    return h;
}

bool fonts_has_glyph(struct fonts *f, uint32_t cp)
{
    pthread_mutex_lock(&fonts_lock);
    bool ok = glyph_get(f, FONT_REGULAR, cp)->face >= 0;
    pthread_mutex_unlock(&fonts_lock);
    return ok;
}

struct pen {
    SDL_Surface *dst;
    double x0, baseline;
    SDL_Color c;
    bool transparent;
};

/* Left edge of glyph k's cluster in a right-to-left run: its leftmost code point (clusters fall).
 */
static double rtl_cluster_left(const struct shape_glyph *sg, size_t k, const struct tl_glyph *g,
                               size_t n)
{
    size_t c = sg[k].cluster, e = n;
    for (size_t j = k; j-- > 0;)
        if (sg[j].cluster != c) {
            e = sg[j].cluster;
            break;
        }
    double x = g[c].x;
    for (size_t i = c + 1; i < e && i < n; i++)
        x = g[i].x < x ? g[i].x : x;
    return x;
}

/* Shapes one face's run g[a..b) of a laid-out line (one bidi level) and paints its glyphs: each
 * at the pen position the layout gave its cluster's first (right to left: leftmost) code point. */
static void draw_run(struct fonts *f, struct shape_face *sf, const struct tl_glyph *g, size_t a,
                     size_t b, int px, const struct pen *pn)
{
    size_t n = b - a;
    uint32_t *cps = xmalloc(n * sizeof *cps);
    bool *half = xmalloc(n * sizeof *half);
    for (size_t i = 0; i < n; i++)
        cps[i] = g[a + i].cp == '\t' ? ' ' : g[a + i].cp, half[i] = g[a + i].half;
    bool rtl = g[a].level & 1;
    size_t ng = shape_run_bidi(sf, cps, n, half, px, rtl, &f->sg, &f->sgcap);
    double in_cluster = 0, left = 0;
    for (size_t k = 0; k < ng; k++) {
        const struct shape_glyph *s = &f->sg[k];
        if (k == 0 || s->cluster != f->sg[k - 1].cluster) {
            in_cluster = 0;
            left = rtl ? rtl_cluster_left(f->sg, k, g + a, n) : g[a + s->cluster].x;
        }
        const struct shape_bitmap *bm =
            tl_is_space(cps[s->cluster]) ? NULL : shape_glyph_bitmap(sf, s->gid, px);
        if (bm) {
            double x = pn->x0 + left + in_cluster + s->dx;
            int gx = (int)lround(x) + bm->left, gy = (int)lround(pn->baseline - s->dy) - bm->top;
            paint_bitmap(pn->dst, bm, gx, gy, pn->c, pn->transparent);
        }
        in_cluster += s->adv;
    }
    free(cps), free(half);
}

static void draw_locked(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                        size_t n, const struct pen *pn)
{
    int p = px_int(px);
    uint32_t *cps = xmalloc((n ? n : 1) * sizeof *cps);
    uint8_t *lv = xmalloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        cps[i] = g[i].cp, lv[i] = g[i].level;
    for (size_t a = 0, b; a < n; a = b) {
        int face;
        b = run_end(f, (int)w, cps, lv, a, n, &face);
        struct shape_face *sf = face_get(f, face);
        if (sf)
            draw_run(f, sf, g, a, b, p, pn);
    }
    free(cps);
    free(lv);
}

void fonts_draw_line(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                     size_t n, SDL_Surface *dst, double x, double baseline, SDL_Color c)
{
    struct pen pn = {dst, x, baseline, c, false};
    pthread_mutex_lock(&fonts_lock);
    draw_locked(f, w, px, g, n, &pn);
    pthread_mutex_unlock(&fonts_lock);
}

void fonts_each_run(struct fonts *f, enum font_weight w, const uint32_t *cps, size_t n, double px,
                    void (*fn)(void *ctx, struct shape_face *sf, size_t a, size_t b, int px),
                    void *ctx)
{
    pthread_mutex_lock(&fonts_lock);
    for (size_t a = 0, b; a < n; a = b) {
        int face;
        b = run_end(f, (int)w, cps, NULL, a, n, &face);
        struct shape_face *sf = face_get(f, face);
        if (sf)
            fn(ctx, sf, a, b, px_int(px));
    }
    pthread_mutex_unlock(&fonts_lock);
}

/* A string set at its natural advances (shaped), optionally drawn; returns its width. */
static double draw_text(struct fonts *f, enum font_weight w, const char *s, double px,
                        SDL_Surface *dst, double x, double baseline, SDL_Color c, bool transparent)
{
    size_t len = strlen(s), n = 0, l;
    uint32_t *cps = xmalloc((len + 1) * sizeof *cps);
    for (size_t i = 0; i < len; i += l)
        cps[n++] = utf8_decode(s + i, len - i, &l);
    double *adv = xmalloc((n + 1) * sizeof *adv), *half = xmalloc((n + 1) * sizeof *half);
    if (n)
        measure_shape(&f->mctx[w], cps, n, px, adv, half);
    struct tl_glyph *g = xmalloc((n + 1) * sizeof *g);
    double pen = 0;
    for (size_t i = 0; i < n; i++) {
        g[i] = (struct tl_glyph){.cp = cps[i], .x = pen, .w = adv[i]};
        pen += adv[i];
    }
    if (dst && n) {
        bidi_glyphs(g, n);
        struct pen pn = {dst, x, baseline, c, transparent};
        pthread_mutex_lock(&fonts_lock);
        draw_locked(f, w, px, g, n, &pn);
        pthread_mutex_unlock(&fonts_lock);
    }
    free(cps), free(adv), free(half), free(g);
    return pen;
}

double fonts_draw_text(struct fonts *f, enum font_weight w, const char *s, double px,
                       SDL_Surface *dst, double x, double baseline, SDL_Color c)
{
    return draw_text(f, w, s, px, dst, x, baseline, c, false);
}

double fonts_draw_text_alpha(struct fonts *f, enum font_weight w, const char *s, double px,
                             SDL_Surface *dst, double x, double baseline, SDL_Color c)
{
    return draw_text(f, w, s, px, dst, x, baseline, c, true);
}

double fonts_text_width(struct fonts *f, enum font_weight w, const char *s, double px)
{
    return draw_text(f, w, s, px, NULL, 0, 0, (SDL_Color){0, 0, 0, 0}, false);
}

const char *fonts_describe(struct fonts *f)
{
    return f->desc;
}

static void *glyph_open(const char *family, char *err, size_t errlen)
{
    return fonts_create(family, err, errlen);
}

static bool glyph_has(void *chain, uint32_t cp)
{
    return fonts_has_glyph(chain, cp);
}

static void glyph_close(void *chain)
{
    fonts_destroy(chain);
}

const struct glyph_checker fonts_glyph_checker = {glyph_open, glyph_has, glyph_close};
