/* images.h - decode photos (SDL_image), turn them the right way up (EXIF via libexif) and
 * scale them with good quality. Surfaces are always SDL_PIXELFORMAT_ARGB8888. */
#ifndef HB_IMAGES_H
#define HB_IMAGES_H

#include <SDL.h>
#include <stddef.h>

/* Largest picture we agree to decode (pixels); a bigger file is refused, not allowed to eat RAM. */
#define IMAGES_MAX_PIXELS (100u * 1000u * 1000u)
/* Largest image file accepted. Only JPEG and PNG, recognised by their bytes, are decoded. */
#define IMAGES_MAX_FILE_BYTES (64 << 20)

/* Decodes path, applies EXIF orientation. NULL on failure with a message in err.
 * Caller frees with SDL_FreeSurface(). */
SDL_Surface *images_load(const char *path, char *err, size_t errlen);
/* The same, for a JPEG decoded at the smallest DCT scale (libturbojpeg: 1/8 .. 1) that still
 * gives at least min_w x min_h pixels as shown; other formats decode in full. */
SDL_Surface *images_load_scaled(const char *path, int min_w, int min_h, char *err, size_t errlen);
/* The size a picture shows at (after the EXIF turn), from its header: no decoding. */
int images_probe(const char *path, int *w, int *h, char *err, size_t errlen);
/* Decodes the whole picture (a JPEG at 1/8 scale: every scan is still read) to prove it can
 * be shown; also reports its size. The same bytes again are not decoded again; with
 * photomemo_keep_for_store() a big JPEG is decoded at the store's size and the result kept for
 * images_prescale_jpeg() (photomemo.h). */
int images_check(const char *path, int *w, int *h, char *err, size_t errlen);
/* JPEG decodes this process has made (tests count them). */
unsigned long images_decodes(void);
/* EXIF orientation tag (1..8) of a JPEG file, 1 when absent. */
int images_exif_orientation(const char *path);
/* Applies an EXIF orientation (1..8) to src. TAKES src: returns src itself (orientation 1, or
 * no memory for the turn), or a new surface after freeing src. Caller frees the result. */
SDL_Surface *images_orient(SDL_Surface *src, int orientation);
/* Rewrites a JPEG in place at the smallest DCT scale whose shorter side is still at least
 * min_side pixels, turned the right way up (EXIF applied, the tag dropped). Returns 1 when it
 * was rewritten, 0 when it was already small enough or is not a JPEG, -1 on error (the file is
 * then left as it was). For the store: playback then decodes screen-sized photos. */
int images_prescale_jpeg(const char *path, int min_side, char *err, size_t errlen);
/* Writes s (ARGB8888) to path as a JPEG of quality 92, atomically (fsynced). 0, or -1 with a
 * message in err. */
int images_save_jpeg(SDL_Surface *s, const char *path, char *err, size_t errlen);
/* Good-quality resize (box-filter halving, then bilinear). src is only read. Returns a new
 * surface (NULL when out of memory); caller frees it. */
SDL_Surface *images_scale(SDL_Surface *src, int w, int h);
/* Strong blur of a small copy, for letterbox backgrounds. src is only read. Returns a new
 * surface of w x h (NULL when out of memory); caller frees it. */
SDL_Surface *images_blurred_backdrop(SDL_Surface *src, int w, int h);

#endif
