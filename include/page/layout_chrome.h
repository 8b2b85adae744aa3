/* layout_chrome.h - what every designed page shares (background, frame and ornaments, header,
 * rules, page number) and a design's text styles in pixels (layout_chrome.c). Internal to the
 * layout, like layout_place.h (which includes this: struct place_ctx is there). */
#ifndef HB_LAYOUT_CHROME_H
#define HB_LAYOUT_CHROME_H

#include "page/layout_types.h"
#include "model/designs.h"

struct place_ctx;
struct place_spec;

/* Background, frame and header that every designed slide shares. Returns the header's bottom. */
double place_chrome(struct place_ctx *c, int pg);
/* The page without a header: background, its image and the frame (banners, cards). */
void place_plain(struct place_ctx *c, int pg);
/* Where content ends on every page: a little above the page number's box. */
double place_content_bottom(const struct place_ctx *c);
/* "2/5" in the bottom corner when npages > 1. */
void place_page_number(struct place_ctx *c, int pg, int npages);

/* A text in a design's style (sizes, box height, weight, ink) for role and text (borrowed);
 * the caller sets where it goes. */
struct place_spec place_style(const struct place_ctx *c, const struct design_text *t,
                              const char *role, const char *text);
/* The colour a design's text is set in, from the theme (so `theme:` keys recolour it). */
struct color place_ink(const struct place_ctx *c, const struct design_text *t);

#endif
