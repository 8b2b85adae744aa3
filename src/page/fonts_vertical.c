/* fonts_vertical.c - a column of vertical text drawn glyph by glyph (see fonts_vertical.h).
 *
 * Each face's run (fonts_each_run) is split into upright and sideways stretches
 * (tl_vertical_upright). An upright stretch is shaped top to bottom (shape_run_vertical): each
 * glyph's horizontal origin sits at the pen (the column's centre line, at the layout's position
 * down the column) moved by HarfBuzz's offset from the font's vertical metrics. A sideways
 * stretch is shaped along a line and each glyph's bitmap turned a quarter clockwise, its
 * baseline 0.38 em left of the centre line so the ideographic em box (descent 0.12 em, ascent
 * 0.88 em) is centred in the column. A group of one or two digits standing alone
 * (tl_vertical_tcy) is shaped along a line and stands upright, side by side, centred across
 * the column in the square the typesetter gave it (tate-chū-yoko). */
#include "page/fonts_vertical.h"
#include "page/paint.h"
#include "page/shape.h"
#include "text/tlrules.h"
#include "text/tlvertical.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>

struct column {
    const struct tl_glyph *g;
    const uint32_t *cps;
    const bool *half;
    size_t n;
    SDL_Surface *dst; /* NULL: only the glyph ids */
    double cx, top;
    SDL_Color c;
    uint32_t *gid;
    struct shape_glyph *sg;
    size_t sgcap;
};

/* bm turned a quarter clockwise and painted with its horizontal origin at page (ox, oy). */
static void paint_turned(SDL_Surface *dst, const struct shape_bitmap *bm, double ox, double oy,
                         SDL_Color c)
{
    struct shape_bitmap t = {.w = bm->h, .h = bm->w, .pitch = bm->h};
    size_t cnt = (size_t)bm->w * (size_t)bm->h;
    if (bm->cov)
        t.cov = xmalloc(cnt);
    else
        t.argb = xmalloc(cnt * sizeof *t.argb);
    for (int j = 0; j < bm->h; j++)
        for (int i = 0; i < bm->w; i++) {
            size_t to = (size_t)i * (size_t)t.pitch + (size_t)(bm->h - 1 - j);
            if (bm->cov)
                t.cov[to] = bm->cov[j * bm->pitch + i];
            else
                t.argb[to] = bm->argb[j * bm->pitch + i];
        }
    paint_bitmap(dst, &t, (int)lround(ox) + bm->top - (bm->h - 1), (int)lround(oy) + bm->left, c,
                 false);
    free(t.cov), free(t.argb);
}

enum stance { UPRIGHT, SIDEWAYS, ACROSS };

/* Shapes cps[a..b) upright, sideways or across one square (tate-chū-yoko) with sf and draws it
 * (or records its glyph ids). */
static void stretch(struct column *k, struct shape_face *sf, size_t a, size_t b, int px,
                    enum stance st)
{
    bool upright = st == UPRIGHT;
    size_t ng = upright
                    ? shape_run_vertical(sf, k->cps + a, b - a, k->half + a, px, &k->sg, &k->sgcap)
                    : shape_run(sf, k->cps + a, b - a, k->half + a, px, &k->sg, &k->sgcap);
    double along = 0, across = 0, x_across = 0;
    for (size_t i = 0; i < ng; i++)
        across += st == ACROSS ? k->sg[i].adv : 0;
    x_across = k->cx - across / 2;
    for (size_t i = 0; i < ng; i++) {
        const struct shape_glyph *s = &k->sg[i];
        size_t ci = a + s->cluster;
        bool first = i == 0 || s->cluster != k->sg[i - 1].cluster;
        if (first)
            along = 0;
        if (k->gid && first)
            k->gid[ci] = s->gid;
        const struct shape_bitmap *bm =
            !k->dst || tl_is_space(k->cps[ci]) ? NULL : shape_glyph_bitmap(sf, s->gid, px);
        double pen = k->top + k->g[ci].x + along;
        if (st == ACROSS) /* side by side, centred across the column, in the group's square */
            pen = k->top + k->g[a].x;
        double x = x_across;
        along += s->adv, x_across += s->adv;
        if (!bm)
            continue;
        if (st == ACROSS) {
            paint_bitmap(k->dst, bm, (int)lround(x + s->dx) + bm->left,
                         (int)lround(pen + 0.88 * px - s->dy) - bm->top, k->c, false);
        } else if (upright) {
            double ox = k->cx + s->dx, oy = pen - s->dy;
            paint_bitmap(k->dst, bm, (int)lround(ox) + bm->left, (int)lround(oy) - bm->top, k->c,
                         false);
        } else {
            paint_turned(k->dst, bm, k->cx - 0.38 * px + s->dy, pen + s->dx, k->c);
        }
    }
}

/* One face's run: its upright and sideways stretches (a space goes with what it follows). */
static void run(void *ctx, struct shape_face *sf, size_t a, size_t b, int px)
{
    struct column *k = ctx;
    while (a < b) {
        size_t t = tl_vertical_tcy(k->cps, a, k->n);
        if (t) {
            stretch(k, sf, a, a + t, px, ACROSS);
            a += t;
            continue;
        }
        bool up = tl_vertical_upright(k->cps[a]);
        size_t e = a + 1;
        while (e < b && !tl_vertical_tcy(k->cps, e, k->n) &&
               (tl_is_space(k->cps[e]) || tl_vertical_upright(k->cps[e]) == up))
            e++;
        stretch(k, sf, a, e, px, up ? UPRIGHT : SIDEWAYS);
        a = e;
    }
}

static void column(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                   size_t n, struct column *k)
{
    uint32_t *cps = xmalloc((n ? n : 1) * sizeof *cps);
    bool *half = xmalloc((n ? n : 1) * sizeof *half);
    for (size_t i = 0; i < n; i++)
        cps[i] = g[i].cp == '\t' ? ' ' : g[i].cp, half[i] = g[i].half;
    k->g = g, k->cps = cps, k->half = half, k->n = n;
    fonts_each_run(f, w, cps, n, px, run, k);
    free(cps), free(half), free(k->sg);
}

void fonts_vertical_draw(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                         size_t n, SDL_Surface *dst, double cx, double top, SDL_Color c)
{
    struct column k = {.dst = dst, .cx = cx, .top = top, .c = c};
    column(f, w, px, g, n, &k);
}

void fonts_vertical_glyphs(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                           size_t n, uint32_t *gid)
{
    for (size_t i = 0; i < n; i++)
        gid[i] = 0;
    struct column k = {.gid = gid};
    column(f, w, px, g, n, &k);
}
