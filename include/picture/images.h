/* images.h - decode photos (SDL_image), turn them the right way up (EXIF via libexif) and
 * scale them with good quality. Surfaces are always SDL_PIXELFORMAT_ARGB8888. */
#ifndef HB_IMAGES_H
#define HB_IMAGES_H

#include "picture/exiforient.h" /* images_exif_orientation() */
#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "picture/images_pixels.h" /* the turn, scaling and backdrops of decoded photos */
#include "picture/photoconv.h"     /* the limits: PHOTO_MAX_PIXELS, PHOTO_MAX_FILE_BYTES */

struct photomemo_id; /* photomemo.h */

/* Decodes path, applies EXIF orientation. NULL on failure with a message in err.
 * Caller frees with SDL_FreeSurface(). */
SDL_Surface *images_load(const char *path, char *err, size_t errlen);
/* The same, for a JPEG decoded at the smallest DCT scale (libturbojpeg: 1/8 .. 1) that still
 * gives at least min_w x min_h pixels as shown; other formats decode in full. */
SDL_Surface *images_load_scaled(const char *path, int min_w, int min_h, char *err, size_t errlen);
/* As images_load_scaled(), and the decode is also images_check()'s verdict: a JPEG with any
 * damage (cut short, a corrupt scan) fails, HEIC and WebP decode as the import converts them.
 * For a picture whose decode must both check and show it, in one pass. */
SDL_Surface *images_load_checked(const char *path, int min_w, int min_h, char *err, size_t errlen);
/* The size a picture shows at (after the EXIF turn), from its header: no decoding. */
int images_probe(const char *path, int *w, int *h, char *err, size_t errlen);
/* Decodes the whole picture (a JPEG at 1/8 scale: every scan is still read) to prove it can
 * be shown; also reports its size. After photomemo_start() (the checker) the same bytes are
 * not decoded twice, and a big JPEG is decoded at the store's size and the result kept for
 * images_prescale_jpeg() (photomemo.h). */
int images_check(const char *path, int *w, int *h, char *err, size_t errlen);
/* Whether len bytes are a JPEG that images_prescale_jpeg(min_side) would cut down (its header
 * only). */
bool images_jpeg_cut_down(const unsigned char *buf, size_t len, int min_side);
/* images_check() of the JPEG at path whose bytes the caller read whole (an import reading each
 * file once): buf (TAKEN: freed here) with the BLAKE2b hash hex is decoded strictly, at the
 * store's size when images_jpeg_cut_down(min_side) (then *small gets the cut-down file as
 * images_prescale_jpeg() writes it, caller frees; NULL when it could not be encoded), else at
 * 1/8 scale. Good bytes are remembered (photomemo.h) under hex, and src (may be NULL) noted
 * as holding them. 0, or -1 with the reason in err. */
int images_check_bytes(const char *path, unsigned char *buf, size_t len, const char hex[65],
                       const struct photomemo_id *src, int min_side, unsigned char **small,
                       size_t *small_len, int *w, int *h, char *err, size_t errlen);
/* JPEG decodes this process has made (tests count them). */
unsigned long images_decodes(void);
/* Rewrites a JPEG in place at the smallest DCT scale whose shorter side is still at least
 * min_side pixels, turned the right way up (EXIF applied, the tag dropped). Returns 1 when it
 * was rewritten, 0 when it was already small enough or is not a JPEG, -1 on error (the file is
 * then left as it was). For the store: playback then decodes screen-sized photos. */
int images_prescale_jpeg(const char *path, int min_side, char *err, size_t errlen);

#endif
