/* layout_clock.c - the board's clock's room. With `clock: true` in the board's config, every
 * page is laid out knowing the clock's box (layout_env.clock): the header's title and subtitle
 * wrap, shrink or are cut with an ellipsis before it; the board draws the clock inside the same
 * box (board/overlay.c asks for it here), so the two can never disagree. */
#include "page/layout_clock.h"
#include "page/layout_place.h"

#include <math.h>

/* The face's height (ascent and descent of Noto Sans CJK Bold, 1.45 em), the clock's strip. */
#define CLOCK_FACE_EM 1.45

bool layout_clock_box(int w, int h, const struct design *d, struct clock_box *b)
{
    *b = (struct clock_box){0};
    /* a strip has no header: its one line of text fills it, and a clock at the 16 px floor
     * would lie over that line (on 512x64, over half of it); the strip's message goes first */
    if (!d || w <= 0 || h <= 0 || place_shape_of(w, h) == PLACE_STRIP)
        return false;
    const struct design_chrome *dc = &d->metrics->chrome;
    double u, m;
    place_units(w, h, d->metrics, &u, &m);
    double px = fmax(PLACE_MIN_PX, dc->clock_px * u);
    double bw = ceil(px * dc->clock_em), bh = ceil(px * CLOCK_FACE_EM);
    if (bw + dc->clock_gap * u > (w - 2 * m) / 2) /* the title keeps at least half the header */
        return false;
    double hh = dc->header_h[h > w] * u; /* centred on the header band, inside the screen */
    *b = (struct clock_box){.x = floor(w - m - bw), /* whole pixels: the board draws in them */
                            .y = floor(fmax(0, m + (hh - bh) / 2)),
                            .w = bw,
                            .h = bh,
                            .px = px};
    return true;
}
