/* layout_vertical.h - vertical text (竖排) placed on a page (layout_vertical.c): a body set in
 * columns right to left over pages, a single column fitted to a strip, and the couplet design
 * (对联: 上联 on the right, 下联 on the left, 横批 across the top). Internal to the layout, like
 * layout_place.h. No SDL. */
#ifndef HB_LAYOUT_VERTICAL_H
#define HB_LAYOUT_VERTICAL_H

#include "page/layout_place.h"

/* Body text set in columns in a w x h box, at the largest size in [min_px, max_px] (never under
 * PLACE_MIN_PX), over as many pages as it needs. The caller owns the result until the first
 * place_vertical_body(). */
struct tl_result *place_vertical_fit(struct place_ctx *c, const char *text, double w, double h,
                                     double min_px, double max_px, enum text_align align,
                                     double indent_em);
/* Page pg's vertical body element, showing page pg of r in the box (x, y, w, h). */
void place_vertical_body(struct place_ctx *c, int pg, struct tl_result *r, double x, double y,
                         double w, double h);

/* The couplet design (slide kind couplet). */
void layout_couplet(struct place_ctx *c, const struct slide *s);

#endif
