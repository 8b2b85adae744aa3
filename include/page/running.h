/* running.h - a page's 走字 on the board (running.c): the band it runs in, the band's pixels
 * without it and its text drawn once, so a frame of it is a copy and a blend of one band, from
 * the clock. Made on the preparer's worker with the page; the frame loop paints it. */
#ifndef HB_RUNNING_H
#define HB_RUNNING_H

#include <stddef.h>
#include <stdint.h>

#include "page/fonts.h"
#include "page/layout_types.h"

struct running;

/* The running line of page `page` of l, or NULL when the page has none (or without memory).
 * fonts are used during the call only. Free with running_free(). */
struct running *running_create(const struct slide_layout *l, int page, struct fonts *fonts);
void running_free(struct running *r);
/* The band on the page (x, y, w, h): the only pixels a frame of it changes. */
void running_rect(const struct running *r, int rect[4]);
/* The band as it stands t seconds after the line began to run (t <= 0: where it starts, the
 * page as drawn); pixels rect[2] x rect[3], *stride bytes a row, valid until the next call. */
const uint32_t *running_paint(struct running *r, double t, size_t *stride);

#endif
