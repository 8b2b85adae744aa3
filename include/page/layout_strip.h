/* layout_strip.h - the designs for door-top LED strips (layout_strip.c): one per slide kind,
 * named layout_strip_NAME after SLIDE_KINDS; layout.c picks them when the screen's shape is
 * PLACE_STRIP. Internal to the layout, like layout_designs.h. */
#ifndef HB_LAYOUT_STRIP_H
#define HB_LAYOUT_STRIP_H

#include "page/layout_place.h"

void layout_strip_story(struct place_ctx *c, const struct slide *s);
void layout_strip_photo(struct place_ctx *c, const struct slide *s);
void layout_strip_text(struct place_ctx *c, const struct slide *s);
void layout_strip_roll(struct place_ctx *c, const struct slide *s);
void layout_strip_video(struct place_ctx *c, const struct slide *s);
/* A photo wall on a strip is a roll: the few people a page that fit side by side. */
void layout_strip_notice(struct place_ctx *c, const struct slide *s);
void layout_strip_wall(struct place_ctx *c, const struct slide *s);
void layout_strip_couplet(struct place_ctx *c, const struct slide *s);
/* A message card (an error, standby) on a strip: the message over the band, over pages when it
 * does not fit at 16 px. message is borrowed for the call. */
void layout_strip_card(struct place_ctx *c, const char *message);

#endif
