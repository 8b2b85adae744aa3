/* paint.c - one glyph bitmap painted onto an ARGB8888 surface (see paint.h): coverage blended
 * in the text's colour (red and blue in one word, vectorised by GCC), or a colour emoji's
 * premultiplied pixels blended over the page. */
#include "page/paint.h"

#include <stdint.h>

/* The glyph painter is the hot loop of every text page: GCC vectorises it when asked (-O2 does
 * not); other compilers take it as it is. */
#if defined(__GNUC__) && !defined(__clang__)
#define VECTORISE __attribute__((optimize("tree-vectorize")))
#else
#define VECTORISE
#endif

/* x / 255 rounded, for x in [0, 255 * 255] */
static inline uint32_t div255(uint32_t x)
{
    x += 128;
    return (x + (x >> 8)) >> 8;
}

/* Paints colour c through a coverage bitmap onto dst at (x, y), clipped to dst's clip
 * rectangle: blended onto an opaque page, or, for a transparent overlay, as colour with the
 * coverage as alpha. Red and blue are blended together in one word (SDL's own blit with a
 * colour mod takes a slow generic path). */
VECTORISE static void paint_glyph(SDL_Surface *dst, const struct shape_bitmap *bm, int x, int y,
                                  SDL_Color c, bool transparent)
{
    const SDL_Rect *cl = &dst->clip_rect;
    int x0 = x > cl->x ? x : cl->x, y0 = y > cl->y ? y : cl->y;
    int x1 = x + bm->w < cl->x + cl->w ? x + bm->w : cl->x + cl->w;
    int y1 = y + bm->h < cl->y + cl->h ? y + bm->h : cl->y + cl->h;
    uint32_t *dp = dst->pixels;
    int dpitch = dst->pitch / 4;
    uint32_t rgb = ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
    uint32_t crb = rgb & 0xFF00FF, cg = c.g, ca = c.a;
    for (int yy = y0; yy < y1; yy++) {
        const uint8_t *srow = bm->cov + (yy - y) * bm->pitch - x;
        uint32_t *drow = dp + yy * dpitch;
        if (transparent) {
            for (int xx = x0; xx < x1; xx++) {
                uint32_t a = div255(srow[xx] * c.a), d = drow[xx];
                if (a && a > d >> 24)
                    drow[xx] = (a << 24) | rgb;
            }
            continue;
        }
        /* no branches: a pixel without coverage blends to itself, so the compiler can keep
         * the loop straight (and vectorise it) */
        for (int xx = x0; xx < x1; xx++) {
            uint32_t a = div255(srow[xx] * ca), na = 255 - a;
            uint32_t d = drow[xx];
            uint32_t rb = crb * a + (d & 0xFF00FF) * na + 0x800080;
            rb = ((rb + ((rb >> 8) & 0xFF00FF)) >> 8) & 0xFF00FF;
            uint32_t g = (d >> 8 & 255) * na + cg * a + 128;
            g = (g + (g >> 8)) >> 8;
            drow[xx] = 0xFF000000u | rb | (g << 8);
        }
    }
}

static inline uint32_t unpremul(uint32_t v, uint32_t a)
{
    v = v * 255 / a;
    return v > 255 ? 255 : v;
}

/* Paints a colour glyph (premultiplied ARGB) onto dst at (x, y), clipped, its alpha scaled by
 * alpha: over an opaque page, or onto a transparent overlay (straight colour, alpha kept). */
static void paint_colour(SDL_Surface *dst, const struct shape_bitmap *bm, int x, int y,
                         uint32_t alpha, bool transparent)
{
    const SDL_Rect *cl = &dst->clip_rect;
    int x0 = x > cl->x ? x : cl->x, y0 = y > cl->y ? y : cl->y;
    int x1 = x + bm->w < cl->x + cl->w ? x + bm->w : cl->x + cl->w;
    int y1 = y + bm->h < cl->y + cl->h ? y + bm->h : cl->y + cl->h;
    uint32_t *dp = dst->pixels;
    int dpitch = dst->pitch / 4;
    for (int yy = y0; yy < y1; yy++) {
        const uint32_t *srow = bm->argb + (yy - y) * bm->pitch - x;
        uint32_t *drow = dp + yy * dpitch;
        for (int xx = x0; xx < x1; xx++) {
            uint32_t s = srow[xx], sa = div255((s >> 24) * alpha);
            if (!sa)
                continue;
            uint32_t sr = div255((s >> 16 & 255) * alpha), sg = div255((s >> 8 & 255) * alpha),
                     sb = div255((s & 255) * alpha), d = drow[xx];
            if (transparent) {
                if (sa > d >> 24)
                    drow[xx] = sa << 24 | unpremul(sr, sa) << 16 | unpremul(sg, sa) << 8 |
                               unpremul(sb, sa);
                continue;
            }
            uint32_t na = 255 - sa;
            uint32_t r = sr + div255((d >> 16 & 255) * na), gg = sg + div255((d >> 8 & 255) * na),
                     b = sb + div255((d & 255) * na);
            drow[xx] = 0xFF000000u | (r > 255 ? 255 : r) << 16 | (gg > 255 ? 255 : gg) << 8 |
                       (b > 255 ? 255 : b);
        }
    }
}

void paint_bitmap(SDL_Surface *dst, const struct shape_bitmap *bm, int x, int y, SDL_Color c,
                  bool transparent)
{
    if (bm->argb)
        paint_colour(dst, bm, x, y, c.a, transparent);
    else
        paint_glyph(dst, bm, x, y, c, transparent);
}
