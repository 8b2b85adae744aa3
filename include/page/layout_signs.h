/* layout_signs.h - the designs of the kinds that are signs rather than pages of reading
 * (layout_signs.c): the banner (a slogan filling the screen). One per shape, as layout.c's
 * tables want: layout_NAME and layout_strip_NAME. Internal to the layout. */
#ifndef HB_LAYOUT_SIGNS_H
#define HB_LAYOUT_SIGNS_H

#include "page/layout_place.h"

void layout_banner(struct place_ctx *c, const struct slide *s);
void layout_strip_banner(struct place_ctx *c, const struct slide *s);

#endif
