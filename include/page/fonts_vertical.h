/* fonts_vertical.h - drawing a laid-out column of vertical text (竖排, fonts_vertical.c):
 * upright characters shaped down the column with the font's vertical forms ('vert', 'vrt2';
 * 'vhal' where the typesetter compressed a mark), sideways ones (Latin words, digits) shaped
 * along a line and turned a quarter clockwise. And the glyph ids so set, for the layout JSON. */
#ifndef HB_FONTS_VERTICAL_H
#define HB_FONTS_VERTICAL_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "page/fonts.h"

/* Draws the n code points of a laid-out column (from tl_line_glyphs: g[i].x is the pen down the
 * column) onto dst (ARGB8888), centred on x = cx, from y = top down. */
void fonts_vertical_draw(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                         size_t n, SDL_Surface *dst, double cx, double top, SDL_Color c);

/* The glyph id each code point of the column is drawn with (its cluster's first glyph; 0 for
 * the rest of a cluster): the vertical form for an upright mark, the horizontal glyph for a
 * character laid sideways. gid: n entries, the caller's. */
void fonts_vertical_glyphs(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                           size_t n, uint32_t *gid);

#endif
