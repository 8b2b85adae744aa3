/* images.h - decode photos (SDL_image), turn them the right way up (EXIF via libexif) and
 * scale them with good quality. Surfaces are always SDL_PIXELFORMAT_ARGB8888. */
#ifndef HB_IMAGES_H
#define HB_IMAGES_H

#include <SDL.h>
#include <stddef.h>

/* Largest picture we agree to decode (pixels); a bigger file is refused, not allowed to eat RAM. */
#define IMAGES_MAX_PIXELS (100u * 1000u * 1000u)

/* Decodes path, applies EXIF orientation. NULL on failure with a message in err.
 * Caller frees with SDL_FreeSurface(). */
SDL_Surface *images_load(const char *path, char *err, size_t errlen);
/* Decodes only to learn whether it can be decoded and how large it shows (after EXIF turn). */
int images_probe(const char *path, int *w, int *h, char *err, size_t errlen);
/* EXIF orientation tag (1..8) of a JPEG file, 1 when absent. */
int images_exif_orientation(const char *path);
/* Applies an EXIF orientation (1..8) to src; returns a new surface (or src itself for 1). */
SDL_Surface *images_orient(SDL_Surface *src, int orientation);
/* Good-quality resize (box-filter halving, then bilinear). Returns a new surface. */
SDL_Surface *images_scale(SDL_Surface *src, int w, int h);
/* Strong blur of a small copy, for letterbox backgrounds. Returns a new surface of w x h. */
SDL_Surface *images_blurred_backdrop(SDL_Surface *src, int w, int h);

#endif
