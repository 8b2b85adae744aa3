/* layout_designs.h - one design per slide kind (layout_designs.c): each lays out every page of
 * slide s into c->sl. Internal to the layout: layout.c calls them through its kinds table.
 * s and c->pl are borrowed for the call; the elements may keep pointers into them (see
 * layout_types.h). */
#ifndef HB_LAYOUT_DESIGNS_H
#define HB_LAYOUT_DESIGNS_H

#include "page/layout_place.h"
#include "page/layout_vertical.h" /* layout_couplet */

void layout_story(struct place_ctx *c, const struct slide *s);
/* One per slide kind, named layout_NAME after SLIDE_KINDS (layout.c's table needs each). */
void layout_photo(struct place_ctx *c, const struct slide *s);
void layout_text(struct place_ctx *c, const struct slide *s);
void layout_roll(struct place_ctx *c, const struct slide *s);
/* The photo page with the clip in the photo's place. */
void layout_video(struct place_ctx *c, const struct slide *s);

#endif
