/* images_pixels.h - pixel work on decoded photos (images_pixels.c): turning them as EXIF says,
 * scaling with good quality, the blurred backdrop behind letterboxed photos; and the words for
 * a decoder's failure. Surfaces are SDL_PIXELFORMAT_ARGB8888; no files are read. images.h
 * includes this header. */
#ifndef HB_IMAGES_PIXELS_H
#define HB_IMAGES_PIXELS_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* Where EXIF orientation o (1..8) puts pixel (x, y) of a W x H picture in the turned picture,
 * whose rows are dpitch elements apart: at element origin + x * step_x + y * step_y. The one
 * geometry of images_orient() and of jpegcut.c's turn of each colour plane. */
struct images_turn {
    ptrdiff_t origin, step_x, step_y;
};
struct images_turn images_turn_steps(int o, ptrdiff_t W, ptrdiff_t H, ptrdiff_t dpitch);
/* Applies an EXIF orientation (1..8) to src. TAKES src: returns src itself (orientation 1, or
 * no memory for the turn), or a new surface after freeing src. Caller frees the result. */
SDL_Surface *images_orient(SDL_Surface *src, int orientation);
/* Good-quality resize (box-filter halving, then bilinear). src is only read. Returns a new
 * surface (NULL when out of memory); caller frees it. */
SDL_Surface *images_scale(SDL_Surface *src, int w, int h);
/* The same resize onto all of dst (ARGB8888; may be a view into a page), replacing what was
 * there: no copy of the picture at its shown size is made. */
void images_scale_into(SDL_Surface *src, SDL_Surface *dst);
/* Why a decoder failed, in the board's language: the library's own words (libjpeg's "Premature
 * end of JPEG file", SDL_image's) in English; in Chinese a translated reason instead, so no
 * English fragment sits inside a Chinese message. Static, never freed. */
const char *images_decoder_reason(const char *library_words);
/* Every pixel of s (ARGB8888) is opaque: drawn over a page, the picture may replace it. */
bool images_opaque(const SDL_Surface *s);
/* Strong blur of a small copy, for letterbox backgrounds. src is only read. Returns a new
 * surface of w x h (NULL when out of memory); caller frees it. */
SDL_Surface *images_blurred_backdrop(SDL_Surface *src, int w, int h);
/* w x h CMYK pixels (4 bytes each) into s's ARGB8888 (a print office's file): R = (1-C)(1-K)
 * and so on; `inverted` (Adobe's files) are stored as C*K. */
void images_cmyk_to_argb(const unsigned char *cmyk, int w, int h, bool inverted, SDL_Surface *s);

#endif
