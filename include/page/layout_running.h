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

#endif
