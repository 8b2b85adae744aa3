/* overlay.c - notice band, ticker, clock and info line over the slides, drawn by the frame
 * loop; their pixels are made with fonts.c/draw.c only when their text changes. */
#include "board/overlay.h"
#include "model/designs.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout_clock.h"
#include "page/layout_ticker.h"
#include "base/schedule.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The overlays wear the playing playlist's design and colours (overlays_theme()). */
#define ACCENT ((SDL_Color){o->accent.r, o->accent.g, o->accent.b, 255})

struct overlays {
    SDL_Renderer *ren;
    struct fonts *fonts;
    SDL_Texture *notice, *ticker, *clock, *info;
    char notice_text[1200], ticker_text[2048], clock_text[64], info_text[512];
    double ticker_start;
    int ticker_band;           /* height of the ticker drawn this frame: the notice goes above it */
    struct color accent, band; /* from the theme and its design */
    const struct design *design; /* the theme's (a row of the static table): the clock's box */
};

struct overlays *overlays_create(SDL_Renderer *r)
{
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    if (!f) {
        fprintf(stderr, "honorboard: overlays off: %s\n", err);
        return NULL;
    }
    struct overlays *o = xcalloc(1, sizeof *o);
    o->ren = r;
    o->fonts = f;
    overlays_theme(o, NULL);
    return o;
}

static void drop(SDL_Texture **t, char *text)
{
    if (*t)
        SDL_DestroyTexture(*t);
    *t = NULL;
    text[0] = '\0';
}

void overlays_reset(struct overlays *o)
{
    if (!o)
        return;
    drop(&o->notice, o->notice_text);
    drop(&o->ticker, o->ticker_text);
    drop(&o->clock, o->clock_text);
    drop(&o->info, o->info_text);
}

void overlays_destroy(struct overlays *o)
{
    if (!o)
        return;
    overlays_reset(o);
    fonts_destroy(o->fonts);
    free(o);
}

void overlays_theme(struct overlays *o, const struct theme *th)
{
    if (!o)
        return;
    if (!th)
        th = &playlist_default_theme;
    const struct design *d = design_of(th);
    struct color accent = th->accent, band = d->ticker;
    if (memcmp(&accent, &o->accent, sizeof accent) == 0 &&
        memcmp(&band, &o->band, sizeof band) == 0 && d == o->design)
        return;
    o->accent = accent, o->band = band, o->design = d;
    drop(&o->notice, o->notice_text); /* drawn in the old colours */
    drop(&o->clock, o->clock_text);   /* and perhaps at another size: the design's clock box */
}

int overlays_textures(const struct overlays *o)
{
    return o ? !!o->notice + !!o->ticker + !!o->clock + !!o->info : 0;
}

/* Replaces *t with a texture of s (freed) and remembers the text it shows. */
static void keep(struct overlays *o, SDL_Texture **t, char *shown, size_t n, const char *text,
                 SDL_Surface *s)
{
    if (*t)
        SDL_DestroyTexture(*t);
    *t = s ? SDL_CreateTextureFromSurface(o->ren, s) : NULL;
    if (*t)
        SDL_SetTextureBlendMode(*t, SDL_BLENDMODE_BLEND);
    if (s)
        SDL_FreeSurface(s);
    snprintf(shown, n, "%s", text);
}

static void put(struct overlays *o, SDL_Texture *t, int x, int y)
{
    int w, h;
    SDL_QueryTexture(t, NULL, NULL, &w, &h);
    SDL_Rect d = {x, y, w, h};
    SDL_RenderCopy(o->ren, t, NULL, &d);
}

/* Text on a transparent strip, for the clock and the ticker. */
static SDL_Surface *text_strip(struct overlays *o, const char *text, double px, SDL_Color c)
{
    double tw = fonts_text_width(o->fonts, FONT_BOLD, text, px);
    int sw = (int)ceil(tw) + 2, sh = (int)ceil(fonts_height(o->fonts, FONT_BOLD, px));
    if (sw > 16000) /* beyond any texture limit: the text is cut, not the player */
        sw = 16000;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    SDL_FillRect(s, NULL, 0x00000000u);
    fonts_draw_text_alpha(o->fonts, FONT_BOLD, text, px, s, 1,
                          fonts_ascent(o->fonts, FONT_BOLD, px), c);
    return s;
}

void overlays_notice(struct overlays *o, const char *text, int lw, int lh)
{
    if (!o || !text || !*text)
        return;
    if (!o->notice || strcmp(text, o->notice_text) != 0)
        keep(o, &o->notice, o->notice_text, sizeof o->notice_text, text,
             draw_notice(o->fonts, text, lw, lh, o->accent));
    if (o->notice) {
        int w, h;
        SDL_QueryTexture(o->notice, NULL, NULL, &w, &h);
        put(o, o->notice, 0, lh - o->ticker_band - h);
    }
}

void overlays_clock(struct overlays *o, int lw, int lh, bool english)
{
    if (!o)
        return;
    static const char *const wd[] = {"日", "一", "二", "三", "四", "五", "六"};
    time_t t = schedule_now();
    struct tm tm;
    localtime_r(&t, &tm);
    char text[64];
    if (!english) /* the board's language (config `language:`) */
        snprintf(text, sizeof text, "%d月%d日 星期%s  %02d:%02d", tm.tm_mon + 1, tm.tm_mday,
                 wd[tm.tm_wday], tm.tm_hour, tm.tm_min);
    else
        strftime(text, sizeof text, "%a %d %b  %H:%M", &tm); /* LC_TIME is C: English names */
    struct clock_box b; /* the box the pages leave it (layout_clock.c): none on a strip */
    if (!layout_clock_box(lw, lh, o->design, &b))
        return;
    if (!o->clock || strcmp(text, o->clock_text) != 0) {
        /* at the box's size; smaller in a face wider than the box is made for */
        double px = b.px, tw = fonts_text_width(o->fonts, FONT_BOLD, text, px);
        double th = fonts_height(o->fonts, FONT_BOLD, px);
        px *= fmin(1, fmin((b.w - 2) / fmax(tw, 1), b.h / fmax(th, 1)));
        keep(o, &o->clock, o->clock_text, sizeof o->clock_text, text,
             text_strip(o, text, px, ACCENT));
    }
    if (!o->clock)
        return;
    int w, h;
    SDL_QueryTexture(o->clock, NULL, NULL, &w, &h);
    /* right-aligned in the box, on its middle */
    put(o, o->clock, (int)floor(b.x + b.w - w), (int)floor(b.y + (b.h - h) / 2));
}

/* The ticker at `now`, or (still) as it stands when its start is at the left margin. */
static void ticker_at(struct overlays *o, const char *text, double now, int lw, int lh, bool still)
{
    if (o)
        o->ticker_band = 0;
    if (!o || !text || !*text || !layout_ticker_fits(lw, lh)) /* no room on a tiny strip */
        return;
    if (!o->ticker || strcmp(text, o->ticker_text) != 0) {
        keep(o, &o->ticker, o->ticker_text, sizeof o->ticker_text, text,
             text_strip(o, text, layout_ticker_px(lw, lh), (SDL_Color){255, 255, 255, 255}));
        o->ticker_start = now;
    }
    if (!o->ticker)
        return;
    int w, h;
    SDL_QueryTexture(o->ticker, NULL, NULL, &w, &h);
    int band = layout_ticker_band(lw, lh); /* the room the page leaves it (layout_ticker.c) */
    o->ticker_band = band;
    SDL_SetRenderDrawBlendMode(o->ren, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(o->ren, o->band.r, o->band.g, o->band.b, o->band.a);
    SDL_Rect bg = {0, lh - band, lw, band};
    SDL_RenderFillRect(o->ren, &bg);
    SDL_SetRenderDrawColor(o->ren, ACCENT.r, ACCENT.g, ACCENT.b, 0xFF);
    SDL_Rect line = {0, lh - band, lw, (int)fmax(2, band / 20)};
    SDL_RenderFillRect(o->ren, &line);
    /* whole pixels from the clock, so the motion is even whatever the frame rate */
    double speed = fmax(60, lh / 9.0);
    long span = (long)lw + w;
    long x = still ? band / 2 : lw - ((long)floor((now - o->ticker_start) * speed) % span);
    put(o, o->ticker, (int)x, lh - band + (band - h) / 2);
}

void overlays_ticker(struct overlays *o, const char *text, double now, int lw, int lh)
{
    ticker_at(o, text, now, lw, lh, false);
}

void overlays_ticker_still(struct overlays *o, const char *text, int lw, int lh)
{
    ticker_at(o, text, 0, lw, lh, true);
}

int overlays_ticker_band(const struct overlays *o)
{
    return o ? o->ticker_band : 0;
}

void overlays_info(struct overlays *o, const char *line, int lw, int lh)
{
    if (!o)
        return;
    if (!o->info || strcmp(line, o->info_text) != 0) {
        double px = fmax(14, lh / 50.0);
        double w = fonts_text_width(o->fonts, FONT_REGULAR, line, px) + px;
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, (int)fmin(w, lw), (int)(px * 1.8), 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
        if (s) {
            SDL_FillRect(s, NULL, 0xC0000000u);
            fonts_draw_text(o->fonts, FONT_REGULAR, line, px, s, px / 2,
                            px * 0.9 + fonts_ascent(o->fonts, FONT_REGULAR, px) / 2,
                            (SDL_Color){255, 255, 255, 255});
        }
        keep(o, &o->info, o->info_text, sizeof o->info_text, line, s);
    }
    if (o->info)
        put(o, o->info, 10, 10);
}
