/* pngout.h - writes SDL surfaces as PNG files quickly (libspng, a low zlib level and the "up"
 * filter): `render` pages, contact sheets and frame dumps. An opaque surface is written as RGB,
 * one with any translucent pixel as RGBA. */
#ifndef HB_PNGOUT_H
#define HB_PNGOUT_H

#include <SDL.h>
#include <stddef.h>

/* Writes s to path (replaced when it exists). Returns 0, or -1 with a message in err. Any pixel
 * format SDL can convert is accepted; ARGB8888 is written without a copy of the whole image. */
int pngout_write(SDL_Surface *s, const char *path, char *err, size_t errlen);

#endif
