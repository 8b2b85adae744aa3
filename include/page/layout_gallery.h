/* layout_gallery.h - the gallery (图文, layout_gallery.c): two to four photos, each in its own
 * shape, with captions, under a title, over an optional short text. One per shape, as layout.c's
 * tables want: layout_gallery and layout_strip_gallery. Internal to the layout. */
#ifndef HB_LAYOUT_GALLERY_H
#define HB_LAYOUT_GALLERY_H

#include "page/layout_place.h"

void layout_gallery(struct place_ctx *c, const struct slide *s);
/* On a strip: one photo a page at the band's height with its caption beside it, the title in a
 * column at the left; the short text on the last page. */
void layout_strip_gallery(struct place_ctx *c, const struct slide *s);

#endif
