/* layout_clock.h - room for the board's clock (layout_clock.c): the date and time the board draws
 * in the header's top-right corner when its config says `clock: true`. One box for the layout
 * (the header's text ends before it, so the clock never lies over the title) and for the board
 * (board/overlay.c draws the clock inside it, and nowhere else). */
#ifndef HB_LAYOUT_CLOCK_H
#define HB_LAYOUT_CLOCK_H

#include <stdbool.h>

#include "page/layout_types.h" /* struct clock_box */

struct design;

/* The clock's box on a w x h screen in design d: at the header band's right end, inside the
 * safe margin, as wide as the widest date and time it writes. False (and b all 0) where the
 * board shows no clock: a strip (6:1 and wider, or under 200 px tall), which has no header and
 * whose one line of text is its whole height, or a screen whose header would keep less than
 * half its width for the title. */
bool layout_clock_box(int w, int h, const struct design *d, struct clock_box *b);

#endif
