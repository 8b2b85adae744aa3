/* jpegcut.h - the store's cut-down of a big JPEG, done in the JPEG's own colour planes
 * (jpegcut.c): decoded at the DCT scale that keeps the shorter side at least `side` straight
 * into its Y, Cb and Cr planes, turned upright plane by plane as EXIF says, and encoded from
 * those planes (quality 92) - no conversion to RGB and back, no chroma resampled twice. It also
 * gives a small copy of the picture (a thumbnail) made from the same planes, for the preview
 * drawn in the same process (photomemo.h). images.c is its user. */
#ifndef HB_JPEGCUT_H
#define HB_JPEGCUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* A picture kept as its planes (Y, then Cb and Cr unless grey), one allocation. */
struct jpegcut_planes {
    unsigned char *data; /* owned: free() */
    size_t len;
    int w, h;    /* the picture's size, upright */
    int subsamp; /* TJSAMP_* */
};

struct jpegcut_result {
    unsigned char *jpeg; /* the cut-down file (malloc()ed), or NULL */
    size_t jpeg_len;
    int shown_w, shown_h;        /* the original picture's size as shown (EXIF turn applied) */
    struct jpegcut_planes thumb; /* data NULL unless asked and made */
};

/* Cuts down len bytes of the JPEG at path (named in messages) so that its shorter side, shown,
 * is at least `side`. strict: any decoder warning fails it. thumb_side > 0 also asks for a
 * thumbnail whose shorter side is at least thumb_side (box-filtered from the planes).
 * Returns 0 with *out filled, -1 with err (the file is bad or memory ran out), or 1 when this
 * picture is not one the plane path takes (CMYK, a sampling a turn cannot keep): the caller
 * cuts it down through RGB. */
int jpegcut_run(const char *path, const unsigned char *buf, size_t len, int side, bool strict,
                int thumb_side, struct jpegcut_result *out, char *err, size_t errlen);
void jpegcut_result_free(struct jpegcut_result *r);

/* The planes as a new ARGB8888 surface (NULL when out of memory). */
SDL_Surface *jpegcut_planes_surface(const struct jpegcut_planes *p);

#endif
