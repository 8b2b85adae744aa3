/* transition.c - cut, fade, slide-*, wipe and zoom, driven by a progress value computed from the
 * clock (not from frame counts). Table lookup by enum transition_kind (names in playlist.c). */
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
