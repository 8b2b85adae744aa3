/* layout.h - slide + screen size -> positioned elements, page by page.
 *
 * All positions and sizes derive from the screen size (landscape 16:9, 4:3, 2:1 LED walls and
 * portrait 9:16 get their own arrangement). The numbers here are exactly what
 * `honorboard render --layout-json` prints and what draw.c paints. No SDL in here. */
#ifndef HB_LAYOUT_H
#define HB_LAYOUT_H

#include "page/layout_types.h"
#include "model/playlist.h"

/* Lays out every page of slide s for a w x h screen. Caller frees with layout_free(). */
struct slide_layout *layout_slide(const struct playlist *pl, const struct slide *s, int w, int h,
                                  const struct layout_env *env);
/* Lays out a full-screen message card (errors, standby). Caller frees with layout_free(). */
struct slide_layout *layout_card(const char *title, const char *message, const struct theme *th,
                                 int w, int h, const struct layout_env *env);

/* Source rectangle of an iw x ih image shown in a bw x bh box: cover crops around the focus
 * point, contain keeps the whole image. out = {x, y, w, h} in image pixels; for contain,
 * dst = the letterboxed rectangle inside the box (relative). */
void layout_fit_rect(int iw, int ih, double bw, double bh, enum fit_mode fit, double fx, double fy,
                     double src[4], double dst[4]);

/* Appends the layout of one page as a JSON object to a string buffer (see README). */
struct strbuf;
void layout_page_json(const struct slide_layout *l, int page, const char *playlist, int slide,
                      const char *type, const char *png, struct strbuf *out);

#endif
