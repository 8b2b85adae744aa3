/* transition.c - cut, fade, slide-*, wipe and zoom, driven by a progress value computed from the
 * clock (not from frame counts). One table, indexed by enum transition_kind (the names are the
 * playlist format's, in playlist.c), says how each is drawn and whether it can be mixed.
 * transition_mix() draws every kind from the pages' pixels for the software renderer. */
#include "board/transition.h"

#include <math.h>
#include <string.h>

typedef void (*transition_fn)(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t, int w,
                              int h);

static double ease(double t)
{
    return t * t * (3 - 2 * t); /* smoothstep */
}

static void copy(SDL_Renderer *r, SDL_Texture *tex, int x, int y, int w, int h, Uint8 alpha)
{
    if (!tex)
        return;
    SDL_SetTextureBlendMode(tex, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(tex, alpha);
    SDL_Rect d = {x, y, w, h};
    SDL_RenderCopy(r, tex, NULL, &d);
    SDL_SetTextureAlphaMod(tex, 255);
}

static void t_cut(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t, int w, int h)
{
    (void)from, (void)t;
    copy(r, to, 0, 0, w, h, 255);
}

static void t_fade(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t, int w, int h)
{
    copy(r, from, 0, 0, w, h, 255);
    copy(r, to, 0, 0, w, h, (Uint8)lround(255 * ease(t)));
}

static void slide(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t, int w, int h,
                  int dx, int dy)
{
    double e = ease(t);
    int ox = (int)lround(-dx * w * e), oy = (int)lround(-dy * h * e);
    copy(r, from, ox, oy, w, h, 255);
    copy(r, to, ox + dx * w, oy + dy * h, w, h, 255);
}

static void t_left(SDL_Renderer *r, SDL_Texture *a, SDL_Texture *b, double t, int w, int h)
{
    slide(r, a, b, t, w, h, 1, 0);
}
static void t_right(SDL_Renderer *r, SDL_Texture *a, SDL_Texture *b, double t, int w, int h)
{
    slide(r, a, b, t, w, h, -1, 0);
}
static void t_up(SDL_Renderer *r, SDL_Texture *a, SDL_Texture *b, double t, int w, int h)
{
    slide(r, a, b, t, w, h, 0, 1);
}
static void t_down(SDL_Renderer *r, SDL_Texture *a, SDL_Texture *b, double t, int w, int h)
{
    slide(r, a, b, t, w, h, 0, -1);
}

static void t_wipe(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t, int w, int h)
{
    copy(r, from, 0, 0, w, h, 255);
    int cw = (int)lround(w * ease(t));
    if (cw <= 0 || !to)
        return;
    SDL_SetTextureBlendMode(to, SDL_BLENDMODE_NONE);
    SDL_Rect s = {0, 0, cw, h};
    SDL_RenderCopy(r, to, &s, &s);
}

static void t_zoom(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t, int w, int h)
{
    copy(r, from, 0, 0, w, h, 255);
    double e = ease(t), s = 0.88 + 0.12 * e;
    int zw = (int)lround(w * s), zh = (int)lround(h * s);
    copy(r, to, (w - zw) / 2, (h - zh) / 2, zw, zh, (Uint8)lround(255 * e));
}

/* Fade and zoom mixed from the pages' pixels (software renderer): out = a blended toward b at
 * eased progress e, row by row. */
typedef void (*mixer_fn)(uint32_t *out, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                         double e, int w, int h);

static const uint32_t *row(const SDL_Surface *s, int y)
{
    return (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
}

/* out = a * (256 - k) / 256 + b * k / 256, byte by byte (every channel; opaque alpha stays
 * 255). The sum fits 16 bits, and the inner loop has a fixed count, so at -O2 the compiler
 * turns it into 16-bit vector multiplies (8 or 16 channels at a time); 4x faster than one
 * 32-bit pixel at a time. */
static void blend_row(uint32_t *restrict out, const uint32_t *restrict a,
                      const uint32_t *restrict b, int w, uint32_t k)
{
    uint8_t *po = (uint8_t *)out;
    const uint8_t *pa = (const uint8_t *)a, *pb = (const uint8_t *)b;
    uint16_t kb = (uint16_t)k, ka = (uint16_t)(256 - k);
    size_t n = (size_t)w * 4, i = 0;
    for (; i + 64 <= n; i += 64)
        for (size_t j = i; j < i + 64; j++)
            po[j] = (uint8_t)((uint16_t)(pa[j] * ka + pb[j] * kb) >> 8);
    for (; i < n; i++)
        po[i] = (uint8_t)((uint16_t)(pa[i] * ka + pb[i] * kb) >> 8);
}

static uint32_t *out_row(uint32_t *pixels, int pitch, int y)
{
    return (uint32_t *)((uint8_t *)pixels + (size_t)y * pitch);
}

static void mix_fade(uint32_t *pixels, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                     double e, int w, int h)
{
    uint32_t k = (uint32_t)lround(e * 256);
    for (int y = 0; y < h; y++)
        blend_row(out_row(pixels, pitch, y), row(a, y), row(b, y), w, k);
}

/* The new page grows from 88% to full size around the centre, as t_zoom draws it: each of its
 * rows is scaled into a row buffer, then blended over the old page's. */
static void mix_zoom(uint32_t *pixels, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                     double e, int w, int h)
{
    uint32_t k = (uint32_t)lround(e * 256);
    double sc = 0.88 + 0.12 * e;
    int zw = (int)lround(w * sc), zh = (int)lround(h * sc);
    int ox = (w - zw) / 2, oy = (h - zh) / 2;
    int *col = SDL_malloc((size_t)zw * sizeof *col);
    uint32_t *scaled = SDL_malloc((size_t)zw * sizeof *scaled);
    if (!col || !scaled || zw <= 0) { /* no memory for the row buffers: a fade is still a change */
        SDL_free(col);
        SDL_free(scaled);
        mix_fade(pixels, pitch, a, b, e, w, h);
        return;
    }
    for (int x = 0; x < zw; x++)
        col[x] = (int)((long)x * w / zw);
    for (int y = 0; y < h; y++) {
        uint32_t *out = out_row(pixels, pitch, y);
        const uint32_t *ra = row(a, y);
        if (y < oy || y >= oy + zh) {
            memcpy(out, ra, (size_t)w * 4);
            continue;
        }
        memcpy(out, ra, (size_t)ox * 4); /* the old page left and right of the new one */
        memcpy(out + ox + zw, ra + ox + zw, (size_t)(w - ox - zw) * 4);
        const uint32_t *rb = row(b, (int)((long)(y - oy) * h / zh));
        for (int x = 0; x < zw; x++)
            scaled[x] = rb[col[x]];
        blend_row(out + ox, ra + ox, scaled, zw, k);
    }
    SDL_free(col);
    SDL_free(scaled);
}

/* The new page at once. */
static void mix_cut(uint32_t *pixels, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                    double e, int w, int h)
{
    (void)a, (void)e;
    for (int y = 0; y < h; y++)
        memcpy((uint8_t *)pixels + (size_t)y * pitch, row(b, y), (size_t)w * 4);
}

/* Copies the part of row sy of s (placed at x offset ox) that falls inside [0, w). */
static void put_row(uint32_t *out, const SDL_Surface *s, int sy, int ox, int w)
{
    int x0 = ox > 0 ? ox : 0, x1 = ox + w < w ? ox + w : w;
    if (x1 > x0)
        memcpy(out + x0, row(s, sy) + (x0 - ox), (size_t)(x1 - x0) * 4);
}

/* The old page pushed out by the new one, as slide() draws it: a at (ox, oy), b one screen
 * further along (dx, dy). */
static void mix_slide(uint32_t *pixels, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                      double e, int w, int h, int dx, int dy)
{
    int ox = (int)lround(-dx * w * e), oy = (int)lround(-dy * h * e);
    int bx = ox + dx * w, by = oy + dy * h;
    for (int y = 0; y < h; y++) {
        uint32_t *out = (uint32_t *)((uint8_t *)pixels + (size_t)y * pitch);
        if (y - oy >= 0 && y - oy < h)
            put_row(out, a, y - oy, ox, w);
        if (y - by >= 0 && y - by < h)
            put_row(out, b, y - by, bx, w);
    }
}

static void mix_left(uint32_t *p, int pitch, const SDL_Surface *a, const SDL_Surface *b, double e,
                     int w, int h)
{
    mix_slide(p, pitch, a, b, e, w, h, 1, 0);
}
static void mix_right(uint32_t *p, int pitch, const SDL_Surface *a, const SDL_Surface *b, double e,
                      int w, int h)
{
    mix_slide(p, pitch, a, b, e, w, h, -1, 0);
}
static void mix_up(uint32_t *p, int pitch, const SDL_Surface *a, const SDL_Surface *b, double e,
                   int w, int h)
{
    mix_slide(p, pitch, a, b, e, w, h, 0, 1);
}
static void mix_down(uint32_t *p, int pitch, const SDL_Surface *a, const SDL_Surface *b, double e,
                     int w, int h)
{
    mix_slide(p, pitch, a, b, e, w, h, 0, -1);
}

/* The new page uncovered from the left, as t_wipe draws it. */
static void mix_wipe(uint32_t *pixels, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                     double e, int w, int h)
{
    int cw = (int)lround(w * e);
    cw = cw < 0 ? 0 : cw > w ? w : cw;
    for (int y = 0; y < h; y++) {
        uint32_t *out = (uint32_t *)((uint8_t *)pixels + (size_t)y * pitch);
        memcpy(out, row(b, y), (size_t)cw * 4);
        memcpy(out + cw, row(a, y) + cw, (size_t)(w - cw) * 4);
    }
}

/* Every transition: how the renderer draws it (t_NAME), and how it is mixed from pixels for the
 * software renderer (mix_NAME), which then keeps no page textures, only the pages' pixels.
 * Generated from TRANSITIONS (playlist_values.h, where the names authors write are): a
 * transition without its two functions does not compile. */
#define TRANSITION_ENTRY(ID, name, fn) [TRANS_##ID] = {t_##fn, mix_##fn},
static const struct {
    transition_fn draw;
    mixer_fn mix;
} transitions[TRANS_COUNT] = {TRANSITIONS(TRANSITION_ENTRY)};
#undef TRANSITION_ENTRY

void transition_draw(SDL_Renderer *r, int kind, SDL_Texture *from, SDL_Texture *to, double t, int w,
                     int h)
{
    if (t >= 1 || !from || kind < 0 || kind >= TRANS_COUNT)
        kind = TRANS_CUT;
    if (t < 0)
        t = 0;
    transitions[kind].draw(r, from, to, t, w, h);
}

bool transition_can_mix(int kind)
{
    return kind >= 0 && kind < TRANS_COUNT && transitions[kind].mix;
}

/* The kind mixed (a cut when over or from nothing; *a is then b), or -1 when a size differs. */
static int mix_kind(const SDL_Surface **a, const SDL_Surface *b, int kind, double t, int w, int h)
{
    if (t >= 1 || !*a || kind < 0 || kind >= TRANS_COUNT) /* over, or nothing to come from */
        kind = TRANS_CUT, *a = b;
    if (!transition_can_mix(kind) || (*a)->w != w || (*a)->h != h || b->w != w || b->h != h)
        return -1;
    return kind;
}

bool transition_mix_into(void *pixels, int pitch, const SDL_Surface *a, const SDL_Surface *b,
                         int kind, double t, int w, int h)
{
    if ((kind = mix_kind(&a, b, kind, t, w, h)) < 0)
        return false;
    transitions[kind].mix(pixels, pitch, a, b, ease(t < 0 ? 0 : t > 1 ? 1 : t), w, h);
    return true;
}

bool transition_mix(SDL_Renderer *r, SDL_Texture *stream, const SDL_Surface *a,
                    const SDL_Surface *b, int kind, double t, int w, int h)
{
    if ((kind = mix_kind(&a, b, kind, t, w, h)) < 0)
        return false;
    void *pixels;
    int pitch;
    if (SDL_LockTexture(stream, NULL, &pixels, &pitch) < 0)
        return false;
    transitions[kind].mix(pixels, pitch, a, b, ease(t < 0 ? 0 : t > 1 ? 1 : t), w, h);
    SDL_UnlockTexture(stream);
    SDL_Rect d = {0, 0, w, h};
    SDL_RenderCopy(r, stream, NULL, &d);
    return true;
}
