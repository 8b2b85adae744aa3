/* running.c - 走字 on the board: the page's running line (an element with run_speed > 0, laid
 * out by layout_running.c) as three things made once on the worker - its band, the band's
 * pixels with everything but the line, the line's text on a transparent strip - so that each
 * frame is the band copied and the strip blended at the place the clock gives (draw.c's
 * draw_running_at, the very code that drew the page at time 0). */
#include "page/running.h"
#include "page/draw.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct running {
    struct element line; /* a copy: its box, colour, speed (its lines are not used) */
    int rect[4];
    uint32_t *bg;       /* the band without the line */
    SDL_Surface *strip; /* the line's text, drawn once */
    SDL_Surface *band;  /* the band at a time */
};

static const struct element *running_element(const struct slide_layout *l, int page)
{
    if (!l || page < 0 || page >= l->npages)
        return NULL;
    const struct page_layout *p = &l->pages[page];
    for (size_t i = 0; i < p->n; i++)
        if (p->els[i].kind == EL_TEXT && p->els[i].run_speed > 0)
            return &p->els[i];
    return NULL;
}

struct running *running_create(const struct slide_layout *l, int page, struct fonts *fonts)
{
    const struct element *e = running_element(l, page);
    if (!e)
        return NULL;
    struct running *r = xcalloc(1, sizeof *r);
    r->line = *e;
    int x0 = (int)fmax(0, lround(e->x)), y0 = (int)fmax(0, lround(e->y));
    int x1 = (int)fmin(l->w, lround(e->x + e->w)), y1 = (int)fmin(l->h, lround(e->y + e->h));
    r->rect[0] = x0, r->rect[1] = y0, r->rect[2] = x1 - x0, r->rect[3] = y1 - y0;
    /* the page without its running line: what the band shows under it */
    const struct page_layout *p = &l->pages[page];
    struct page_layout bare = {.els = xcalloc(p->n ? p->n : 1, sizeof *p->els)};
    for (size_t i = 0; i < p->n; i++)
        if (&p->els[i] != e)
            bare.els[bare.n++] = p->els[i];
    struct slide_layout bl = {.w = l->w,
                              .h = l->h,
                              .npages = 1,
                              .pages = &bare,
                              .portrait = l->portrait,
                              .accent = l->accent};
    char err[256];
    SDL_Surface *under =
        r->rect[2] > 0 && r->rect[3] > 0 ? draw_page(&bl, 0, fonts, err, sizeof err) : NULL;
    free(bare.els);
    r->strip = draw_running_strip(e, fonts);
    r->band = SDL_CreateRGBSurfaceWithFormat(0, r->rect[2] > 0 ? r->rect[2] : 1,
                                             r->rect[3] > 0 ? r->rect[3] : 1, 32,
                                             SDL_PIXELFORMAT_ARGB8888);
    if (!under || !r->strip || !r->band) {
        if (under)
            SDL_FreeSurface(under);
        running_free(r);
        return NULL;
    }
    r->bg = xmalloc((size_t)r->rect[2] * (size_t)r->rect[3] * 4);
    for (int y = 0; y < r->rect[3]; y++)
        memcpy(r->bg + (size_t)y * (size_t)r->rect[2],
               (const uint8_t *)under->pixels + (size_t)(y0 + y) * (size_t)under->pitch +
                   (size_t)x0 * 4,
               (size_t)r->rect[2] * 4);
    SDL_FreeSurface(under);
    return r;
}

void running_free(struct running *r)
{
    if (!r)
        return;
    if (r->strip)
        SDL_FreeSurface(r->strip);
    if (r->band)
        SDL_FreeSurface(r->band);
    free(r->bg);
    free(r);
}

void running_rect(const struct running *r, int rect[4])
{
    memcpy(rect, r->rect, sizeof r->rect);
}

const uint32_t *running_paint(struct running *r, double t, size_t *stride)
{
    for (int y = 0; y < r->rect[3]; y++)
        memcpy((uint8_t *)r->band->pixels + (size_t)y * (size_t)r->band->pitch,
               r->bg + (size_t)y * (size_t)r->rect[2], (size_t)r->rect[2] * 4);
    draw_running_at(r->band, &r->line, r->strip, t, r->rect[0], r->rect[1]);
    *stride = (size_t)r->band->pitch;
    return r->band->pixels;
}
