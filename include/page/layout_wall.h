/* layout_wall.h - the photo wall's design (layout_wall.c), for portrait, landscape and wide
 * screens; a strip shows it as a roll (layout_strip.c). Internal to the layout. */
#ifndef HB_LAYOUT_WALL_H
#define HB_LAYOUT_WALL_H

#include "page/layout_place.h"

void layout_wall(struct place_ctx *c, const struct slide *s);

#endif
