/* paint.h - painting one rasterised glyph onto an ARGB8888 surface: a coverage bitmap in the
 * text's colour, or a colour glyph (an emoji) in its own colours; onto an opaque page or a
 * transparent overlay. The hot loop of every text page. */
#ifndef HB_PAINT_H
#define HB_PAINT_H

#include <SDL.h>
#include <stdbool.h>

#include "page/shape.h"

/* Paints bm with its top-left at (x, y), clipped to dst's clip rectangle: coverage in colour c,
 * or colour pixels with their alpha scaled by c.a. transparent: dst is an overlay (colour with
 * alpha kept, the higher alpha wins) rather than an opaque page (blended). */
void paint_bitmap(SDL_Surface *dst, const struct shape_bitmap *bm, int x, int y, SDL_Color c,
                  bool transparent);

#endif
