/* transition.c - cut, fade, slide-*, wipe and zoom, driven by a progress value computed from the
 * clock (not from frame counts). Table lookup by enum transition_kind (names in playlist.c).
 * transition_mix() draws fade and zoom from the pages' pixels for the software renderer. */
#include "transition.h"

#include <math.h>

typedef void (*transition_fn)(SDL_Renderer *r, SDL_Texture *from, SDL_Texture *to, double t,
                              int w, int h);

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

static const struct {
    int kind;
    transition_fn draw;
} transitions[TRANS_COUNT] = {
    {TRANS_CUT, t_cut},         {TRANS_FADE, t_fade},     {TRANS_SLIDE_LEFT, t_left},
    {TRANS_SLIDE_RIGHT, t_right}, {TRANS_SLIDE_UP, t_up}, {TRANS_SLIDE_DOWN, t_down},
    {TRANS_WIPE, t_wipe},       {TRANS_ZOOM, t_zoom},
};

void transition_draw(SDL_Renderer *r, int kind, SDL_Texture *from, SDL_Texture *to, double t,
                     int w, int h)
{
    if (t >= 1 || !from || kind < 0 || kind >= TRANS_COUNT)
        kind = TRANS_CUT;
    if (t < 0)
        t = 0;
    transitions[kind].draw(r, from, to, t, w, h);
}

bool transition_can_mix(int kind)
{
    return kind == TRANS_FADE || kind == TRANS_ZOOM;
}

bool transition_mix(SDL_Renderer *r, SDL_Texture *stream, const SDL_Surface *a,
                    const SDL_Surface *b, int kind, double t, int w, int h)
{
    if (!transition_can_mix(kind) || a->w != w || a->h != h || b->w != w || b->h != h)
        return false;
    void *pixels;
    int pitch;
    if (SDL_LockTexture(stream, NULL, &pixels, &pitch) < 0)
        return false;
    double e = ease(t);
    uint32_t k = (uint32_t)lround(e * 256), nk = 256 - k;
    /* zoom: the new page grows from 88% to full size around the centre, as t_zoom draws it */
    double sc = kind == TRANS_ZOOM ? 0.88 + 0.12 * e : 1.0;
    int zw = (int)lround(w * sc), zh = (int)lround(h * sc);
    int ox = (w - zw) / 2, oy = (h - zh) / 2;
    int *col = SDL_malloc((size_t)w * sizeof *col);
    if (!col) {
        SDL_UnlockTexture(stream);
        return false;
    }
    for (int x = 0; x < w; x++)
        col[x] = x < ox || x >= ox + zw ? -1 : (int)((long)(x - ox) * w / zw);
    for (int y = 0; y < h; y++) {
        const uint32_t *ra = (const uint32_t *)((const uint8_t *)a->pixels + (size_t)y * a->pitch);
        uint32_t *out = (uint32_t *)((uint8_t *)pixels + (size_t)y * pitch);
        bool row_in = y >= oy && y < oy + zh;
        int sy = row_in ? (int)((long)(y - oy) * h / zh) : 0;
        const uint32_t *rb = (const uint32_t *)((const uint8_t *)b->pixels + (size_t)sy * b->pitch);
        if (kind == TRANS_FADE) { /* a straight loop the compiler vectorises */
            for (int x = 0; x < w; x++) {
                uint32_t u = ra[x], v = rb[x];
                uint32_t rbm = (((u & 0xFF00FFu) * nk + (v & 0xFF00FFu) * k) >> 8) & 0xFF00FFu;
                uint32_t gm = (((u & 0x00FF00u) * nk + (v & 0x00FF00u) * k) >> 8) & 0x00FF00u;
                out[x] = 0xFF000000u | rbm | gm;
            }
            continue;
        }
        for (int x = 0; x < w; x++) {
            uint32_t u = ra[x];
            if (!row_in || col[x] < 0) {
                out[x] = u;
                continue;
            }
            uint32_t v = rb[col[x]];
            uint32_t rbm = (((u & 0xFF00FFu) * nk + (v & 0xFF00FFu) * k) >> 8) & 0xFF00FFu;
            uint32_t gm = (((u & 0x00FF00u) * nk + (v & 0x00FF00u) * k) >> 8) & 0x00FF00u;
            out[x] = 0xFF000000u | rbm | gm;
        }
    }
    SDL_free(col);
    SDL_UnlockTexture(stream);
    SDL_Rect d = {0, 0, w, h};
    SDL_RenderCopy(r, stream, NULL, &d);
    return true;
}
