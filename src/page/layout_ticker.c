/* layout_ticker.c - the ticker's room. A playlist with a ticker - its own, or the board's
 * config's when it has none - is laid out for a screen as much shorter as the ticker's band is
 * tall; the band is the board's to draw (board/overlay.c asks its height here), so the ticker
 * never covers the page number, the bottom of the body or a caption. Its text is never under the
 * 16 px floor. */
#include "page/layout_ticker.h"
#include "page/layout_place.h"

#include <math.h>
#include <string.h>

/* The band's height for a text of px: the face's height (ascent and descent of Noto Sans CJK,
 * 1.448 em) with room above and below. */
#define TICKER_BAND_EM (1.448 * 1.35)

double layout_ticker_px(int w, int h)
{
    return fmax(PLACE_MIN_PX, fmin(w, h) / 1080.0 * 34);
}

int layout_ticker_band(int w, int h)
{
    return (int)ceil(layout_ticker_px(w, h) * TICKER_BAND_EM);
}

bool layout_ticker_fits(int w, int h)
{
    return h > 2 * layout_ticker_band(w, h);
}

int layout_ticker_room(const struct playlist *pl, const struct layout_env *env, int w, int h)
{
    /* the ticker the board draws: the playlist's own, else the config's (a playlist's empty
     * `ticker:` is none, as on the board) */
    bool shown = (pl && pl->ticker && *pl->ticker) || (env && env->ticker);
    return shown && layout_ticker_fits(w, h) ? layout_ticker_band(w, h) : 0;
}

void layout_ticker_finish(struct slide_layout *l, int band, struct color background)
{
    l->h += band;
    for (int pg = 0; pg < l->npages; pg++) {
        struct page_layout *p = &l->pages[pg];
        place_background_under(p, l->w, l->h - band, background);
        for (size_t i = 0; i < p->n; i++) {
            struct element *e = &l->pages[pg].els[i];
            if (strcmp(e->role, "background") == 0 || strcmp(e->role, "background-image") == 0 ||
                strcmp(e->role, "frame") == 0)
                e->h += band;
        }
    }
}
