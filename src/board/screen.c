/* screen.c - the window, rotation, page textures, transitions and overlays (screen.h). Never
 * black: the first frame and everything behind a page is the default theme's colour.
 *
 * The software renderer blends and scales two full-screen textures slowly, and its textures are
 * copies of the pixels in the process's own memory; there, pages are kept only as surfaces and
 * every frame of the pages is mixed from them straight into the window's surface, which is
 * what that renderer draws on (transition_mix_into): no texture and no copy between. Only when
 * the window's surface is not a plain 32-bit one of the screen's size (or the picture is
 * turned) is a streaming texture mixed into and copied (transition_mix), and left alone while
 * the page on screen does not change. */
#include "board/screen.h"
#include "board/overlay.h"
#include "board/renderpick.h"
#include "model/playlist.h"
#include "base/pngout.h"
#include "board/transition.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct page {
    SDL_Texture *tex;  /* not on the software renderer */
    SDL_Surface *surf; /* on the software renderer only, for mixing */
    unsigned id;       /* which page this is (a freed surface's address may come back) */
};

struct screen {
    struct screen_opts o;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *target;  /* when rotated: slides are drawn here, then turned onto the window */
    SDL_Texture *blend;   /* the software renderer's mixing texture */
    unsigned blend_shows; /* the page id blend holds unmixed, 0 when it holds a mix */
    unsigned next_id;
    bool vsync, soft, fullscreen;
    char name[64];
    int out_w, out_h, lw, lh; /* output and logical (unrotated) sizes */
    struct page cur, prev, next;
    double trans_start, trans_time;
    int trans_kind;
    struct overlays *ov;
    int textures;   /* alive, made here */
    unsigned holds; /* the page id the window's surface holds whole, still, with the last
                     * frame's overlays over it (the software renderer); 0 when not known */
    SDL_Rect band;  /* set by screen_compose(): screen_present() shows only this */
    SDL_Rect moved; /* screen_paint_band(): the part of a still page that changed, to show
                     * alone when the window held the page before (w 0: none) */
    char *dump;     /* screen_dump_next(): where the next frame goes (owned) */
};

/* ---- textures, counted so soak runs can see a leak ------------------------------------- */

static SDL_Texture *tex_counted(struct screen *s, SDL_Texture *t)
{
    if (t)
        s->textures++;
    return t;
}

static void tex_destroy(struct screen *s, SDL_Texture **t)
{
    if (*t) {
        SDL_DestroyTexture(*t);
        s->textures--;
    }
    *t = NULL;
}

static void page_free(struct screen *s, struct page *p)
{
    tex_destroy(s, &p->tex);
    if (p->surf)
        SDL_FreeSurface(p->surf);
    p->surf = NULL;
}

static bool page_here(const struct page *p)
{
    return p->tex || p->surf;
}

/* A page from its pixels: a texture, or on the software renderer the pixels. Takes surf. */
static bool page_make(struct screen *s, SDL_Surface *surf, struct page *out)
{
    if (s->soft) {
        *out = (struct page){NULL, surf, ++s->next_id ? s->next_id : ++s->next_id};
        return true;
    }
    SDL_Texture *t = tex_counted(s, SDL_CreateTextureFromSurface(s->ren, surf));
    if (!t) {
        fprintf(stderr, "honorboard: cannot upload a slide: %s\n", SDL_GetError());
        SDL_FreeSurface(surf);
        return false;
    }
    *out = (struct page){t, NULL, 0};
    SDL_FreeSurface(surf);
    return true;
}

/* ---- the window ---------------------------------------------------------------------------- */

static void update_sizes(struct screen *s)
{
    SDL_GetRendererOutputSize(s->ren, &s->out_w, &s->out_h);
    bool side = s->o.rotate == 90 || s->o.rotate == 270;
    s->lw = side ? s->out_h : s->out_w;
    s->lh = side ? s->out_w : s->out_h;
    tex_destroy(s, &s->target);
    tex_destroy(s, &s->blend);
    s->blend_shows = 0;
    overlays_reset(s->ov);
    if (s->o.rotate)
        s->target = tex_counted(s, SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_ARGB8888,
                                                     SDL_TEXTUREACCESS_TARGET, s->lw, s->lh));
}

struct screen *screen_create(const struct screen_opts *o, char *err, size_t errlen)
{
    struct screen *s = xcalloc(1, sizeof *s);
    s->o = *o;
    int ndisp = SDL_GetNumVideoDisplays();
    if (s->o.display >= ndisp) {
        fprintf(stderr, "honorboard play: display %d does not exist (%d found); using 0\n",
                s->o.display, ndisp);
        s->o.display = 0;
    }
    s->fullscreen = !o->window;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                   (s->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    /* Fullscreen: the window is made as large as the display and placed on it, because with
     * no window manager (a kiosk X session) nobody resizes it to fullscreen for us. */
    int pos = (int)SDL_WINDOWPOS_CENTERED_DISPLAY(s->o.display);
    SDL_Rect at = {pos, pos, o->win_w, o->win_h};
    if (s->fullscreen && SDL_GetDisplayBounds(s->o.display, &at) < 0)
        at = (SDL_Rect){pos, pos, o->win_w, o->win_h};
    s->win = SDL_CreateWindow("honorboard", at.x, at.y, at.w, at.h, flags);
    if (!s->win) {
        snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
        goto fail;
    }
    s->ren = renderpick_create(s->win);
    if (!s->ren) {
        snprintf(err, errlen, "no renderer: %s", SDL_GetError());
        goto fail;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(s->ren, &info);
    s->soft = strcmp(info.name, "software") == 0;
    /* The software renderer has no vertical blank to wait for; SDL may simulate one by
     * sleeping whole milliseconds in SDL_RenderPresent, which spaces frames unevenly. Off:
     * the frame loop shows each moving frame at its moment itself (frameloop.c, draw()). */
    if (s->soft && (info.flags & SDL_RENDERER_PRESENTVSYNC) && SDL_RenderSetVSync(s->ren, 0) == 0)
        SDL_GetRendererInfo(s->ren, &info);
    s->vsync = info.flags & SDL_RENDERER_PRESENTVSYNC;
    snprintf(s->name, sizeof s->name, "%s%s", info.name, s->vsync ? " with vsync" : "");
    s->ov = overlays_create(s->ren);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (s->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    update_sizes(s);
    return s;
fail:
    screen_destroy(s);
    return NULL;
}

void screen_destroy(struct screen *s)
{
    if (!s)
        return;
    page_free(s, &s->cur);
    page_free(s, &s->prev);
    page_free(s, &s->next);
    tex_destroy(s, &s->blend);
    tex_destroy(s, &s->target);
    overlays_destroy(s->ov);
    free(s->dump);
    if (s->ren)
        SDL_DestroyRenderer(s->ren);
    if (s->win)
        SDL_DestroyWindow(s->win);
    free(s);
}

const char *screen_renderer_name(const struct screen *s)
{
    return s->name;
}

bool screen_vsync(const struct screen *s)
{
    return s->vsync;
}

double screen_refresh_interval(const struct screen *s)
{
    SDL_DisplayMode m;
    if (SDL_GetWindowDisplayMode(s->win, &m) < 0 || m.refresh_rate < 24 || m.refresh_rate > 240)
        return 1.0 / 60;
    return 1.0 / m.refresh_rate;
}

void screen_size(const struct screen *s, int *lw, int *lh)
{
    *lw = s->lw;
    *lh = s->lh;
}

bool screen_resized(struct screen *s)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(s->ren, &w, &h);
    if (w == s->out_w && h == s->out_h)
        return false;
    update_sizes(s);
    return true;
}

void screen_set_rotate(struct screen *s, int deg)
{
    s->o.rotate = deg;
    s->out_w = -1; /* screen_resized() lays everything out again */
}

void screen_toggle_fullscreen(struct screen *s)
{
    s->fullscreen = !s->fullscreen;
    int d = SDL_GetWindowDisplayIndex(s->win);
    d = d >= 0 ? d : s->o.display;
    SDL_Rect b;
    if (s->fullscreen) {
        if (SDL_GetDisplayBounds(d, &b) == 0) { /* as screen_create() does */
            SDL_SetWindowPosition(s->win, b.x, b.y);
            SDL_SetWindowSize(s->win, b.w, b.h);
        }
        SDL_SetWindowFullscreen(s->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        SDL_SetWindowFullscreen(s->win, 0);
        SDL_SetWindowSize(s->win, s->o.win_w, s->o.win_h);
        SDL_SetWindowPosition(s->win, (int)SDL_WINDOWPOS_CENTERED_DISPLAY(d),
                              (int)SDL_WINDOWPOS_CENTERED_DISPLAY(d));
    }
    SDL_ShowCursor(s->fullscreen ? SDL_DISABLE : SDL_ENABLE);
}

void screen_dump_next(struct screen *s, const char *path)
{
    free(s->dump);
    s->dump = xstrdup(path);
}

/* The frame drawn so far (the logical frame: the target when rotated) to s->dump. */
static void dump_frame(struct screen *s)
{
    SDL_Surface *f = SDL_CreateRGBSurfaceWithFormat(0, s->lw, s->lh, 32, SDL_PIXELFORMAT_ARGB8888);
    char err[512] = "", *dir = path_dirname(s->dump);
    if (!f || path_mkdirs(dir) < 0 ||
        SDL_RenderReadPixels(s->ren, NULL, SDL_PIXELFORMAT_ARGB8888, f->pixels, f->pitch) < 0 ||
        pngout_write(f, s->dump, err, sizeof err) < 0)
        fprintf(stderr, "honorboard: cannot dump the frame to %s: %s\n", s->dump,
                err[0] ? err : SDL_GetError());
    free(dir);
    if (f)
        SDL_FreeSurface(f);
    free(s->dump);
    s->dump = NULL;
}

bool screen_fullscreen(const struct screen *s)
{
    return s->fullscreen;
}

/* ---- pages ------------------------------------------------------------------------------- */

bool screen_can_stage(const struct screen *s)
{
    return !page_here(&s->prev);
}

bool screen_stage(struct screen *s, SDL_Surface *page)
{
    page_free(s, &s->next);
    return page_make(s, page, &s->next);
}

bool screen_staged(const struct screen *s)
{
    return page_here(&s->next);
}

void screen_unstage(struct screen *s)
{
    page_free(s, &s->next);
}

bool screen_show(struct screen *s, SDL_Surface *surf, int kind, double secs, double now)
{
    struct page p = {0};
    if (surf) {
        if (!page_make(s, surf, &p))
            return false;
    } else {
        p = s->next;
        s->next = (struct page){0};
        if (!page_here(&p))
            return false;
    }
    page_free(s, &s->prev);
    s->prev = s->cur; /* leaves with the transition */
    s->cur = p;
    s->trans_start = now;
    s->trans_time = secs;
    s->trans_kind = kind;
    return true;
}

bool screen_replace(struct screen *s, SDL_Surface *surf)
{
    struct page p;
    if (!page_make(s, surf, &p))
        return false;
    page_free(s, &s->prev);
    page_free(s, &s->cur);
    s->cur = p;
    return true;
}

void screen_paint_page(struct screen *s, const int rect[4], const void *px, size_t stride)
{
    if (!page_here(&s->cur) || rect[0] < 0 || rect[1] < 0 || rect[2] <= 0 || rect[3] <= 0 ||
        rect[0] + rect[2] > s->lw || rect[1] + rect[3] > s->lh)
        return;
    SDL_Rect r = {rect[0], rect[1], rect[2], rect[3]};
    s->holds = 0; /* the page changed under the window's copy */
    if (s->cur.tex)
        SDL_UpdateTexture(s->cur.tex, &r, px, (int)stride);
    /* the software renderer mixes transitions from the page's pixels, and (on a turned screen)
     * while the page stands still shows the mixing texture: the rectangle goes to both */
    SDL_Surface *p = s->cur.surf;
    for (int y = 0; p && y < rect[3] && rect[0] + rect[2] <= p->w && rect[1] + y < p->h; y++)
        memcpy((uint8_t *)p->pixels + (size_t)(rect[1] + y) * p->pitch + (size_t)rect[0] * 4,
               (const uint8_t *)px + (size_t)y * stride, (size_t)rect[2] * 4);
    if (s->blend && s->blend_shows == s->cur.id && s->cur.id)
        SDL_UpdateTexture(s->blend, &r, px, (int)stride);
}

void screen_paint_band(struct screen *s, const int rect[4], const void *px, size_t stride)
{
    unsigned held = s->holds;
    screen_paint_page(s, rect, px, stride);
    s->moved = (SDL_Rect){0, 0, 0, 0};
    if (held && held == s->cur.id)
        s->moved = (SDL_Rect){rect[0], rect[1], rect[2], rect[3]};
}

void screen_last_band(const struct screen *s, int rect[4])
{
    rect[0] = s->band.x, rect[1] = s->band.y, rect[2] = s->band.w, rect[3] = s->band.h;
}

bool screen_has_page(const struct screen *s)
{
    return page_here(&s->cur);
}

bool screen_animating(const struct screen *s, double now)
{
    return page_here(&s->prev) && s->trans_time > 0 && now - s->trans_start < s->trans_time;
}

/* ---- drawing ------------------------------------------------------------------------------ */

/* Whether the page on screen is as large as the screen (not while a resize's page is coming). */
static bool page_covers(const struct screen *s)
{
    int w = 0, h = 0;
    if (s->cur.surf)
        w = s->cur.surf->w, h = s->cur.surf->h;
    else if (s->cur.tex)
        SDL_QueryTexture(s->cur.tex, NULL, NULL, &w, &h);
    return w == s->lw && h == s->lh;
}

/* The software renderer's window surface, when the pages can be mixed straight into it: not
 * turned, the screen's size, 32 bits with the colours where ARGB8888 has them. */
static SDL_Surface *direct_surface(struct screen *s)
{
    if (!s->soft || s->target)
        return NULL;
    SDL_Surface *w = SDL_GetWindowSurface(s->win);
    if (!w || w->w != s->lw || w->h != s->lh || SDL_MUSTLOCK(w))
        return NULL;
    Uint32 f = w->format->format;
    return f == SDL_PIXELFORMAT_ARGB8888 || f == SDL_PIXELFORMAT_RGB888 ? w : NULL;
}

/* The software renderer: the pages mixed straight into the window's surface; or else into the
 * streaming texture (mixed again only while they move or when the page changed), then copied
 * to the target. */
static bool mix(struct screen *s, double t)
{
    SDL_Surface *direct = direct_surface(s);
    if (direct) {
        tex_destroy(s, &s->blend); /* (after a resize that made it needed for a while) */
        SDL_RenderFlush(s->ren);   /* what was asked before (a clear) goes under the pages */
        bool ok = transition_mix_into(direct->pixels, direct->pitch, s->prev.surf, s->cur.surf,
                                      s->trans_kind, t, s->lw, s->lh);
        s->holds = ok && t >= 1 ? s->cur.id : 0;
        return ok;
    }
    if (!s->blend) {
        s->blend = tex_counted(s, SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_ARGB8888,
                                                    SDL_TEXTUREACCESS_STREAMING, s->lw, s->lh));
        if (!s->blend)
            return false;
        SDL_SetTextureBlendMode(s->blend, SDL_BLENDMODE_NONE);
        s->blend_shows = 0;
    }
    if (t >= 1 && s->blend_shows == s->cur.id) { /* still: what it holds is right */
        SDL_Rect d = {0, 0, s->lw, s->lh};
        return SDL_RenderCopy(s->ren, s->blend, NULL, &d) == 0;
    }
    bool ok =
        transition_mix(s->ren, s->blend, s->prev.surf, s->cur.surf, s->trans_kind, t, s->lw, s->lh);
    s->blend_shows = ok && t >= 1 ? s->cur.id : 0;
    return ok;
}

static void draw_pages(struct screen *s, double now)
{
    if (!page_here(&s->cur))
        return;
    double t = s->trans_time > 0 ? (now - s->trans_start) / s->trans_time : 1;
    if (s->soft) {
        mix(s, t); /* false for a page of another size: a resize's new page is on its way */
    } else {
        transition_draw(s->ren, s->trans_kind, s->prev.tex, s->cur.tex, t, s->lw, s->lh);
    }
    if (t >= 1)
        page_free(s, &s->prev); /* the transition is over */
}

void screen_draw(struct screen *s, double now, const struct screen_overlay *ov)
{
    screen_compose(s, now, ov);
    screen_present(s);
}

/* Only the ticker moved and the window holds the still page with every other overlay: the
 * ticker's band is painted again from the page under it with the ticker over it, and only that
 * band is shown (a 1920x1080 frame is 8 MB to copy and to send to the display; the band is a
 * twentieth of it). False when a whole frame is needed. */
static bool ticker_again(struct screen *s, double now, const struct screen_overlay *ov)
{
    int band = overlays_ticker_band(s->ov);
    SDL_Surface *w = direct_surface(s);
    if (!ov->ticker_only || !w || s->holds != s->cur.id || !s->cur.surf || page_here(&s->prev) ||
        s->dump || band <= 0 || band > s->lh || s->cur.surf->w != s->lw || s->cur.surf->h != s->lh)
        return false;
    SDL_RenderFlush(s->ren);
    overlays_theme(s->ov, ov->theme);
    for (int y = s->lh - band; y < s->lh; y++)
        memcpy((uint8_t *)w->pixels + (size_t)y * w->pitch,
               (const uint8_t *)s->cur.surf->pixels + (size_t)y * s->cur.surf->pitch,
               (size_t)s->lw * 4);
    overlays_ticker(s->ov, ov->ticker, now, s->lw, s->lh);
    if (overlays_ticker_band(s->ov) != band) /* another text: the whole frame */
        return false;
    s->band = (SDL_Rect){0, s->lh - band, s->lw, band};
    return true;
}

/* Only a band of the still page changed (走字) and the window holds the page with nothing over
 * it: the band's rows of the page go to the window and only they are shown. False when a
 * whole frame is needed (overlays over the page, a transition, a dump, another size). */
static bool band_again(struct screen *s, const struct screen_overlay *ov)
{
    SDL_Rect r = s->moved;
    s->moved = (SDL_Rect){0, 0, 0, 0};
    SDL_Surface *w = direct_surface(s);
    if (r.w <= 0 || r.h <= 0 || !ov->ticker_only || (ov->ticker && *ov->ticker) || ov->clock ||
        ov->notice || ov->info || !w || !s->cur.surf || page_here(&s->prev) || s->dump ||
        s->cur.surf->w != s->lw || s->cur.surf->h != s->lh)
        return false;
    SDL_RenderFlush(s->ren);
    for (int y = r.y; y < r.y + r.h; y++)
        memcpy((uint8_t *)w->pixels + (size_t)y * w->pitch + (size_t)r.x * 4,
               (const uint8_t *)s->cur.surf->pixels + (size_t)y * s->cur.surf->pitch +
                   (size_t)r.x * 4,
               (size_t)r.w * 4);
    s->band = r;
    s->holds = s->cur.id; /* the window holds the page again, the band's new pixels included */
    return true;
}

void screen_compose(struct screen *s, double now, const struct screen_overlay *ov)
{
    s->band = (SDL_Rect){0, 0, 0, 0};
    if (band_again(s, ov) || ticker_again(s, now, ov))
        return;
    s->holds = 0;
    if (s->target)
        SDL_SetRenderTarget(s->ren, s->target);
    const struct color bg = playlist_default_theme.background; /* never black */
    SDL_SetRenderDrawColor(s->ren, bg.r, bg.g, bg.b, 255);
    if (!page_covers(s)) /* a page (and every transition between two) paints every pixel */
        SDL_RenderClear(s->ren);
    draw_pages(s, now);
    overlays_theme(s->ov, ov->theme);
    if (ov->clock)
        overlays_clock(s->ov, s->lw, s->lh, ov->english);
    overlays_ticker(s->ov, ov->ticker, now, s->lw, s->lh); /* before the notice: it sits above */
    if (ov->notice)
        overlays_notice(s->ov, ov->notice, s->lw, s->lh);
    if (ov->info)
        overlays_info(s->ov, ov->info, s->lw, s->lh);
    if (s->dump)
        dump_frame(s);
    if (s->target) {
        SDL_SetRenderTarget(s->ren, NULL);
        SDL_RenderClear(s->ren);
        SDL_Rect d = {(s->out_w - s->lw) / 2, (s->out_h - s->lh) / 2, s->lw, s->lh};
        SDL_RenderCopyEx(s->ren, s->target, NULL, &d, s->o.rotate, NULL, SDL_FLIP_NONE);
    }
}

void screen_present(struct screen *s)
{
    if (s->band.h > 0) { /* the software renderer's window: only what changed */
        SDL_RenderFlush(s->ren);
        SDL_UpdateWindowSurfaceRects(s->win, &s->band, 1);
        return;
    }
    SDL_RenderPresent(s->ren);
}

SDL_Window *screen_sdl_window(const struct screen *s)
{
    return s->win;
}

void screen_draw_black(struct screen *s)
{
    s->holds = 0;
    SDL_SetRenderDrawColor(s->ren, 0, 0, 0, 255);
    SDL_RenderClear(s->ren);
    SDL_RenderPresent(s->ren);
}

int screen_textures(const struct screen *s)
{
    return s->textures + overlays_textures(s->ov);
}
