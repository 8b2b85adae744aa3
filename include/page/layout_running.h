/* layout_running.h - 走字 (layout_running.c): a text longer than a strip runs through it, right
 * to left, at the author's speed, instead of being cut into pages. Internal to the layout. */
#ifndef HB_LAYOUT_RUNNING_H
#define HB_LAYOUT_RUNNING_H

#include <stdbool.h>

#include "page/layout_place.h"

/* On a strip, when text on one line at the band's size is wider than the band: lays out page
 * 0 as the plain page with the text as one running line (role, borrowed) at cps characters a
 * second, and returns true. False (nothing laid out) when it fits, or on any other shape. */
bool layout_running(struct place_ctx *c, const char *role, const char *text, double cps);
/* A running line of text in the box x, y, w, h on page pg, as large as the box's height allows
 * (bold, in color), when it is wider than the box: true; false (nothing placed) when it fits. */
bool layout_running_in(struct place_ctx *c, int pg, const char *role, const char *text, double cps,
                       double x, double y, double w, double h, struct color color);
/* A story's text on a strip runs at this many characters a second (story has no speed key). */
#define RUNNING_STORY_CPS 4

#endif
