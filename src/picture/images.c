/* images.c - photo decoding with limits and quality scaling (no video, no renderer); the EXIF
 * orientation is read by exiforient.c. */
#include "picture/images.h"
#include "picture/jpegcut.h"
#include "picture/imagefile.h"
#include "picture/exiforient.h"
#include "base/i18n.h"
#include "picture/photoconv.h"
#include "base/fileio.h"
#include "picture/photomemo.h"
#include "base/util.h"

#include <SDL_image.h>
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <turbojpeg.h>
#include <unistd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How much of a JPEG images_probe() reads first: the header and EXIF are almost always in it. */
#define IMAGES_PROBE_BYTES (256u << 10)

/* "cannot decode image" with libturbojpeg's reason. */
static void decode_error(char *err, size_t errlen, const char *path, tjhandle tj)
{
    const char *why = tj ? tjGetErrorStr2(tj) : "libturbojpeg";
    snprintf(err, errlen, _("cannot decode image '%s': %s"), path, images_decoder_reason(why));
}

/* Does the JPEG carry Adobe's APP14 marker? Photoshop (and ImageMagick) then store CMYK
 * inverted (0 = full ink), which libjpeg hands back as it is. */
static bool jpeg_has_adobe_marker(const unsigned char *b, size_t len)
{
    size_t i = 2;
    while (i + 4 <= len && b[i] == 0xFF) {
        unsigned m = b[i + 1];
        size_t seg = (size_t)b[i + 2] << 8 | b[i + 3];
        if (m == 0xDA || m == 0xD9 || seg < 2)
            break; /* start of scan: no more headers */
        if (m == 0xEE && seg >= 7 && i + 9 <= len && memcmp(b + i + 4, "Adobe", 5) == 0)
            return true;
        i += 2 + seg;
    }
    return false;
}

/* JPEG through libturbojpeg at the smallest scale giving at least need_w x need_h as shown,
 * turned the right way up. One read of the file serves the header, the EXIF orientation and
 * the decode; shown_w/shown_h (may be NULL) get the full picture's size as shown. */
static unsigned long decodes; /* JPEG decodes so far (images_decodes(), for tests) */

/* Decodes len bytes of path's JPEG (TAKES buf: freed before the turn allocates its copy) at the
 * smallest DCT scale giving need_w x need_h as shown (or the smallest of all when `smallest`);
 * strict: any warning (a truncated file) fails it. */
static SDL_Surface *jpeg_decode_buf(const char *path, unsigned char *buf, size_t len, int need_w,
                                    int need_h, bool smallest, bool strict, int *shown_w,
                                    int *shown_h, char *err, size_t errlen)
{
    __atomic_add_fetch(&decodes, 1, __ATOMIC_RELAXED);
    int o = exif_orientation_mem(buf, len);
    if (o >= 5) { /* the stored picture is turned: its width is the shown height */
        int t = need_w;
        need_w = need_h;
        need_h = t;
    }
    tjhandle tj = tjInitDecompress();
    SDL_Surface *s = NULL;
    int w = 0, h = 0, sub = 0, cs = 0;
    if (!tj || tjDecompressHeader3(tj, buf, (unsigned long)len, &w, &h, &sub, &cs) < 0) {
        decode_error(err, errlen, path, tj);
        goto out;
    }
    if (shown_w && shown_h)
        *shown_w = o >= 5 ? h : w, *shown_h = o >= 5 ? w : h;
    if ((uint64_t)w * (uint64_t)h > PHOTO_MAX_PIXELS) {
        snprintf(err, errlen, _("image '%s' is %dx%d, larger than honorboard accepts"), path, w, h);
        goto out;
    }
    int nf = 0;
    tjscalingfactor *sf = tjGetScalingFactors(&nf);
    int bw = w, bh = h; /* the chosen scaled size; full size unless a smaller one is enough */
    for (int i = 0; i < nf; i++) {
        int sw = TJSCALED(w, sf[i]), sh = TJSCALED(h, sf[i]);
        /* need_w <= 0 asks for full size, unless the smallest will do (checking only) */
        bool enough = smallest || (need_w > 0 && sw >= need_w && sh >= need_h);
        /* any reduction (1/8 .. 7/8): 3/8 decodes a 24 MP photo in about the time 1/2 takes
         * (entropy decoding dominates) into 44% fewer pixels, for less memory and scaling */
        bool down = sf[i].num < sf[i].denom;
        if (enough && down && (long)sw * sh < (long)bw * bh)
            bw = sw, bh = sh;
    }
    /* the memory budget: the surface, the turned copy, the CMYK rows - a smaller scale else */
    uint64_t per_px = 4u * (o > 1 ? 2u : 1u) * (cs == TJCS_CMYK || cs == TJCS_YCCK ? 2u : 1u);
    for (int i = 0; i < nf && (uint64_t)bw * (uint64_t)bh * per_px > PHOTO_DECODE_BUDGET_BYTES;
         i++) {
        int sw = TJSCALED(w, sf[i]), sh = TJSCALED(h, sf[i]);
        if ((uint64_t)sw * (uint64_t)sh * per_px <= PHOTO_DECODE_BUDGET_BYTES &&
            (uint64_t)sw * (uint64_t)sh < (uint64_t)bw * (uint64_t)bh)
            bw = sw, bh = sh; /* the factors run from the largest down: the first that fits */
    }
    s = SDL_CreateRGBSurfaceWithFormat(0, bw, bh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        snprintf(err, errlen, _("no memory for '%s' (%dx%d)"), path, bw, bh);
        goto out;
    }
    if (cs == TJCS_CMYK || cs == TJCS_YCCK) { /* print offices' files: decoded as CMYK, then RGB */
        unsigned char *cmyk = malloc((size_t)bw * (size_t)bh * 4);
        if (!cmyk || (tjDecompress2(tj, buf, (unsigned long)len, cmyk, bw, bw * 4, bh, TJPF_CMYK,
                                    (bw < w ? TJFLAG_FASTDCT : 0) | TJFLAG_LIMITSCANS |
                                        (strict ? TJFLAG_STOPONWARNING : 0)) < 0 &&
                      (strict || tjGetErrorCode(tj) == TJERR_FATAL))) {
            snprintf(err, errlen, _("cannot decode image '%s': %s"), path,
                     images_decoder_reason(cmyk ? tjGetErrorStr2(tj) : "no memory"));
            SDL_FreeSurface(s);
            s = NULL;
        } else {
            images_cmyk_to_argb(cmyk, bw, bh, jpeg_has_adobe_marker(buf, len), s);
        }
        free(cmyk);
        goto out;
    }
    /* BGRA in memory is ARGB8888 on little-endian machines; the alpha bytes come out 0xFF */
    if (tjDecompress2(tj, buf, (unsigned long)len, s->pixels, bw, s->pitch, bh,
                      SDL_BYTEORDER == SDL_LIL_ENDIAN ? TJPF_BGRA : TJPF_ARGB,
                      /* scaled down for a screen, the fast IDCT's error is invisible */
                      (bw < w ? TJFLAG_FASTDCT : 0) | TJFLAG_LIMITSCANS |
                          (strict ? TJFLAG_STOPONWARNING : 0)) < 0 &&
        (strict || tjGetErrorCode(tj) == TJERR_FATAL)) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path,
                 images_decoder_reason(tjGetErrorStr2(tj)));
        SDL_FreeSurface(s);
        s = NULL;
    }
out:
    if (tj)
        tjDestroy(tj);
    free(buf); /* the file's bytes go before the turn allocates its copy */
    return s ? images_orient(s, o) : NULL;
}

static SDL_Surface *jpeg_decode(const char *path, int need_w, int need_h, bool smallest,
                                bool strict, int *shown_w, int *shown_h, char *err, size_t errlen)
{
    /* in the import's checker, a photo it cut down has a thumbnail: its preview's pages take
     * that when it is enough (a size asked, none asked back) */
    SDL_Surface *t = shown_w ? NULL : photomemo_thumb_path(path, need_w, need_h);
    if (t)
        return t;
    size_t len = 0;
    unsigned char *buf = imagefile_read(path, &len, err, errlen);
    if (!buf)
        return NULL;
    return jpeg_decode_buf(path, buf, len, need_w, need_h, smallest, strict, shown_w, shown_h, err,
                           errlen);
}

unsigned long images_decodes(void)
{
    return __atomic_load_n(&decodes, __ATOMIC_RELAXED);
}

/* The check of a JPEG: the bytes read once are hashed and decoded, so what is remembered about
 * a hash is what decoding those very bytes found (photomemo.h). */
static int jpeg_check(const char *path, int *w, int *h, char *err, size_t errlen)
{
    if (photomemo_find_path(path, w, h)) /* read whole and judged by the import already */
        return 0;
    size_t len = 0, slen = 0;
    unsigned char *buf = imagefile_read(path, &len, err, errlen), *small = NULL;
    if (!buf)
        return -1;
    if (!photomemo_on()) { /* one read and one strict 1/8 decode: the verdict and the size */
        SDL_Surface *s = jpeg_decode_buf(path, buf, len, 0, 0, true, true, w, h, err, errlen);
        SDL_FreeSurface(s);
        return s ? 0 : -1;
    }
    char hex[65];
    photomemo_hash(buf, len, hex);
    if (photomemo_find(hex, w, h)) { /* these bytes were judged already */
        free(buf);
        return 0;
    }
    /* strict: a truncated or damaged file is refused; one read and one decode (1/8 scale, or
     * the store's size) give both the verdict and the size, and the store's cut-down file */
    int side = photomemo_store_side();
    if (images_check_bytes(path, buf, len, hex, NULL, side, &small, &slen, w, h, err, errlen) < 0)
        return -1;
    photomemo_keep_small(hex, side, small, slen);
    return 0;
}

/* The size a JPEG in memory shows at, from its header and EXIF. 0, or -1. */
static int jpeg_shown_size(const unsigned char *buf, size_t len, int *w, int *h)
{
    tjhandle tj = tjInitDecompress();
    int sub, cs, rc = tj ? tjDecompressHeader3(tj, buf, (unsigned long)len, w, h, &sub, &cs) : -1;
    if (tj)
        tjDestroy(tj);
    if (rc < 0 || *w <= 0 || *h <= 0)
        return -1;
    if (exif_orientation_mem(buf, len) >= 5) {
        int t = *w;
        *w = *h;
        *h = t;
    }
    return 0;
}

bool images_jpeg_cut_down(const unsigned char *buf, size_t len, int min_side)
{
    int w = 0, h = 0;
    return min_side > 0 && jpeg_shown_size(buf, len, &w, &h) == 0 &&
           (w < h ? w : h) >= 2 * min_side; /* images_prescale_jpeg()'s rule */
}

int images_check_bytes(const char *path, unsigned char *buf, size_t len, const char hex[65],
                       const struct photomemo_id *src, int min_side, unsigned char **small,
                       size_t *small_len, int *w, int *h, char *err, size_t errlen)
{
    *small = NULL;
    bool cut = images_jpeg_cut_down(buf, len, min_side);
    if (cut) { /* in the JPEG's planes (jpegcut.h): its thumbnail kept for the preview */
        struct jpegcut_result r;
        int rc = jpegcut_run(path, buf, len, min_side, true, PHOTOMEMO_THUMB_SIDE, &r, err, errlen);
        if (rc <= 0) { /* a decode; rc 1 made none: the RGB path below decodes, and counts */
            __atomic_add_fetch(&decodes, 1, __ATOMIC_RELAXED);
            free(buf);
        }
        if (rc < 0)
            return -1;
        if (rc == 0) {
            *small = r.jpeg, *small_len = r.jpeg_len;
            *w = r.shown_w, *h = r.shown_h;
            photomemo_add(hex, *w, *h);
            photomemo_keep_thumb(hex, &r.thumb); /* takes it */
            r.jpeg = NULL;
            jpegcut_result_free(&r);
            if (src)
                photomemo_note(src, hex);
            return 0;
        }
    }
    SDL_Surface *s = jpeg_decode_buf(path, buf, len, cut ? min_side : 0, cut ? min_side : 0, !cut,
                                     true, w, h, err, errlen);
    if (!s)
        return -1;
    if (cut)
        *small = photomemo_encode(s, small_len);
    SDL_FreeSurface(s);
    photomemo_add(hex, *w, *h);
    if (src)
        photomemo_note(src, hex);
    return 0;
}

SDL_Surface *images_load(const char *path, char *err, size_t errlen)
{
    char *jpeg = photoconv_as_imported(path);
    if (jpeg) {
        SDL_Surface *s = images_load(jpeg, err, errlen);
        free(jpeg);
        return s;
    }
    if (photoconv_convertible(photoconv_sniff_file(path))) /* no cache (a confined checker) */
        return photoconv_decode(path, err, errlen);
    if (imagefile_admit(path, err, errlen) < 0)
        return NULL;
    if (imagefile_is_jpeg(path))
        return jpeg_decode(path, 0, 0, false, false, NULL, NULL, err, errlen);
    int fd = file_open_regular(path); /* SDL_image would open a FIFO swapped in by path */
    FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!fp && fd >= 0)
        close(fd);
    SDL_RWops *rw = fp ? SDL_RWFromFP(fp, SDL_TRUE) : NULL;
    if (!rw && fp)
        fclose(fp);
    SDL_Surface *raw = rw ? IMG_Load_RW(rw, 1) : NULL;
    if (!raw) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path,
                 images_decoder_reason(IMG_GetError()));
        return NULL;
    }
    if ((uint64_t)raw->w * (uint64_t)raw->h > PHOTO_MAX_PIXELS) {
        snprintf(err, errlen, _("image '%s' is %dx%d, larger than honorboard accepts"), path,
                 raw->w, raw->h);
        SDL_FreeSurface(raw);
        return NULL;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    if (!s) {
        snprintf(err, errlen, _("cannot convert image '%s': %s"), path,
                 images_decoder_reason(SDL_GetError()));
        return NULL;
    }
    return images_orient(s, images_exif_orientation(path));
}

SDL_Surface *images_load_scaled(const char *path, int min_w, int min_h, char *err, size_t errlen)
{
    char *jpeg = photoconv_as_imported(path);
    if (jpeg) {
        SDL_Surface *s = images_load_scaled(jpeg, min_w, min_h, err, errlen);
        free(jpeg);
        return s;
    }
    if (photoconv_convertible(photoconv_sniff_file(path)))
        return photoconv_decode(path, err, errlen);
    if (imagefile_admit(path, err, errlen) < 0)
        return NULL;
    if (!imagefile_is_jpeg(path))
        return images_load(path, err, errlen);
    return jpeg_decode(path, min_w, min_h, false, false, NULL, NULL, err, errlen);
}

SDL_Surface *images_load_checked(const char *path, int min_w, int min_h, char *err, size_t errlen)
{
    char *jpeg = photoconv_as_imported(path);
    if (jpeg) {
        SDL_Surface *s = images_load_checked(jpeg, min_w, min_h, err, errlen);
        free(jpeg);
        return s;
    }
    if (photoconv_convertible(photoconv_sniff_file(path))) /* HEIC, WebP: no copy possible */
        return photoconv_decode(path, err, errlen);
    if (imagefile_admit(path, err, errlen) < 0)
        return NULL;
    if (!imagefile_is_jpeg(path))
        return images_load(path, err, errlen); /* SDL_image fails on what it cannot read whole */
    return jpeg_decode(path, min_w, min_h, false, true, NULL, NULL, err, errlen);
}

int images_probe(const char *path, int *w, int *h, char *err, size_t errlen)
{
    char *jpeg = photoconv_as_imported(path);
    if (jpeg) {
        int rc = images_probe(jpeg, w, h, err, errlen);
        free(jpeg);
        return rc;
    }
    if (photoconv_convertible(photoconv_sniff_file(path))) { /* no cache: its size decoded */
        SDL_Surface *s = photoconv_decode(path, err, errlen);
        *w = s ? s->w : 0, *h = s ? s->h : 0;
        SDL_FreeSurface(s);
        return s ? 0 : -1;
    }
    if (imagefile_admit(path, err, errlen) < 0)
        return -1;
    if (imagefile_is_jpeg(path)) { /* the header and EXIF only: the first bytes, rarely all */
        size_t len = 0;
        bool whole = false;
        unsigned char *buf =
            imagefile_read_upto(path, IMAGES_PROBE_BYTES, &len, &whole, err, errlen);
        /* a cut-off header may "succeed" with no size: libjpeg ends a short buffer with EOI */
        int rc = buf ? jpeg_shown_size(buf, len, w, h) : -1;
        if (rc < 0 && buf && !whole) { /* metadata past the prefix */
            free(buf);
            buf = imagefile_read(path, &len, err, errlen);
            rc = buf ? jpeg_shown_size(buf, len, w, h) : -1;
        }
        if (rc < 0 && buf) {
            tjhandle tj = tjInitDecompress();
            int sub, cs; /* the decoder's own words for what is wrong */
            if (tj)
                tjDecompressHeader3(tj, buf, (unsigned long)len, w, h, &sub, &cs);
            decode_error(err, errlen, path, tj);
            if (tj)
                tjDestroy(tj);
        }
        free(buf);
        return rc;
    }
    if (imagefile_png_size(path, w, h) == 0)
        return 0;
    return images_check(path, w, h, err, errlen);
}

int images_check(const char *path, int *w, int *h, char *err, size_t errlen)
{
    if (imagefile_is_jpeg(path)) { /* at 1/8 scale, or remembered (photomemo.h) */
        if (imagefile_admit(path, err, errlen) < 0)
            return -1;
        return jpeg_check(path, w, h, err, errlen);
    }
    SDL_Surface *s = images_load_checked(path, 0, 0, err, errlen); /* what a page decodes */
    if (!s)
        return -1;
    *w = s->w;
    *h = s->h;
    SDL_FreeSurface(s);
    return 0;
}

int images_prescale_jpeg(const char *path, int min_side, char *err, size_t errlen)
{
    if (!imagefile_is_jpeg(path) || min_side <= 0)
        return 0;
    int w, h;
    if (images_probe(path, &w, &h, err, errlen) < 0)
        return -1;
    if ((w < h ? w : h) < 2 * min_side)
        return 0; /* not even a 1/2 scale would do: keep it as it is */
    size_t len = 0, slen = 0;
    unsigned char *small = NULL,
                  *buf = photomemo_on() ? imagefile_read(path, &len, err, errlen) : NULL;
    char hex[65];
    if (buf) {
        photomemo_hash(buf, len, hex);
        small = photomemo_small(hex, min_side, &slen); /* the check's decode, kept */
        if (small) {
            free(buf);
            buf = NULL;
        }
    }
    if (small) {
        int rc = fileio_write_atomic(path, small, slen, 0644, true) == 0 ? 1 : -1;
        if (rc < 0)
            snprintf(err, errlen, _("cannot rewrite '%s': %s"), path, strerror(errno));
        free(small);
        return rc;
    }
    if (!buf)
        buf = imagefile_read(path, &len, err, errlen);
    if (!buf)
        return -1;
    struct jpegcut_result r; /* the same cut as an import's check makes (images_check_bytes) */
    int cut = jpegcut_run(path, buf, len, min_side, false, 0, &r, err, errlen);
    free(buf);
    if (cut <= 0) { /* a decode; rc 1 made none: images_load_scaled() below counts its own */
        __atomic_add_fetch(&decodes, 1, __ATOMIC_RELAXED);
        int rc = cut < 0                                                          ? -1
                 : fileio_write_atomic(path, r.jpeg, r.jpeg_len, 0644, true) == 0 ? 1
                                                                                  : -1;
        if (cut == 0 && rc < 0)
            snprintf(err, errlen, _("cannot rewrite '%s': %s"), path, strerror(errno));
        jpegcut_result_free(&r);
        return rc;
    }
    SDL_Surface *s = images_load_scaled(path, min_side, min_side, err, errlen);
    if (!s)
        return -1;
    int rc = photoconv_save_jpeg(s, path, err, errlen) == 0 ? 1 : -1;
    SDL_FreeSurface(s);
    return rc;
}
