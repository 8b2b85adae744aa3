/* photoconv.c - HEIC (libheif) and WebP (libwebp) photos decoded and turned into JPEG on
 * import; every other kind of file named in plain words (see photoconv.h). */
#include "picture/photoconv.h"
#include "picture/images_pixels.h"
#include "base/i18n.h"
#include "base/fileio.h"
#include "base/util.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#ifndef HB_NO_HEIF
#include <libheif/heif.h>
#endif
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <turbojpeg.h>
#include <unistd.h>
#include <webp/decode.h>

/* Names of the kinds, for messages (N_: translated when shown). */
static const char *const kind_names[PHOTO_KIND_COUNT] = {
    [PHOTO_OTHER] = N_("not a picture the board knows"),
    [PHOTO_JPEG] = "JPEG",
    [PHOTO_PNG] = "PNG",
    [PHOTO_HEIC] = N_("a HEIC photo (iPhone)"),
    [PHOTO_WEBP] = N_("a WebP picture"),
    [PHOTO_AVIF] = N_("an AVIF picture"),
    [PHOTO_GIF] = N_("a GIF picture"),
    [PHOTO_BMP] = N_("a BMP picture"),
    [PHOTO_TIFF] = N_("a TIFF picture (from a scanner?)"),
    [PHOTO_PSD] = N_("a Photoshop file (PSD)"),
    [PHOTO_PDF] = N_("a PDF document"),
    [PHOTO_WORD] = N_("a Word or WPS document (or another ZIP file)"),
    [PHOTO_TEXT] = N_("a text file"),
};

const char *photoconv_kind_name(enum photo_kind k)
{
    return _(kind_names[k < PHOTO_KIND_COUNT ? k : PHOTO_OTHER]);
}

int photoconv_convertible(enum photo_kind k)
{
    return k == PHOTO_HEIC || k == PHOTO_WEBP;
}

enum photo_kind photoconv_sniff(const unsigned char *m, size_t n)
{
    if (n >= 3 && m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF)
        return PHOTO_JPEG;
    if (n >= 8 && memcmp(m, "\x89PNG\r\n\x1a\n", 8) == 0)
        return PHOTO_PNG;
    if (n >= 12 && memcmp(m + 4, "ftyp", 4) == 0) {
        static const char *const heic[] = {"heic", "heix", "hevc", "hevx",
                                           "heim", "heis", "mif1", "msf1"};
        if (memcmp(m + 8, "avif", 4) == 0 || memcmp(m + 8, "avis", 4) == 0)
            return PHOTO_AVIF;
        for (size_t i = 0; i < sizeof heic / sizeof *heic; i++)
            if (memcmp(m + 8, heic[i], 4) == 0)
                return PHOTO_HEIC;
        return PHOTO_OTHER;
    }
    if (n >= 12 && memcmp(m, "RIFF", 4) == 0 && memcmp(m + 8, "WEBP", 4) == 0)
        return PHOTO_WEBP;
    if (n >= 4 && memcmp(m, "GIF8", 4) == 0)
        return PHOTO_GIF;
    if (n >= 2 && m[0] == 'B' && m[1] == 'M')
        return PHOTO_BMP;
    if (n >= 4 && (memcmp(m, "II*\0", 4) == 0 || memcmp(m, "MM\0*", 4) == 0))
        return PHOTO_TIFF;
    if (n >= 4 && memcmp(m, "8BPS", 4) == 0)
        return PHOTO_PSD;
    if (n >= 4 && memcmp(m, "%PDF", 4) == 0)
        return PHOTO_PDF;
    if (n >= 4 && (memcmp(m, "PK\3\4", 4) == 0 || memcmp(m, "\xD0\xCF\x11\xE0", 4) == 0))
        return PHOTO_WORD;
    bool text = n > 0;
    for (size_t i = 0; i < n; i++)
        text &= m[i] >= 0x09 && m[i] != 0x7F &&
                (m[i] >= 0x20 || m[i] == '\n' || m[i] == '\r' || m[i] == '\t');
    return text ? PHOTO_TEXT : PHOTO_OTHER;
}

enum photo_kind photoconv_sniff_file(const char *path)
{
    unsigned char m[16] = {0};
    int fd = file_open_regular(path); /* a FIFO or device on a stick never blocks */
    if (fd < 0)
        return PHOTO_OTHER;
    ssize_t n = read(fd, m, sizeof m);
    close(fd);
    return photoconv_sniff(m, n > 0 ? (size_t)n : 0);
}

/* The whole file, after its size is checked. Caller frees. */
static unsigned char *read_limited(const char *path, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        snprintf(err, errlen, _("cannot open image '%s': %s"), path, strerror(errno));
        return NULL;
    }
    if (st.st_size > PHOTO_MAX_FILE_BYTES) {
        snprintf(err, errlen, _("image '%s' is %lld MB; at most %d MB"), path,
                 (long long)st.st_size >> 20, PHOTO_MAX_FILE_BYTES >> 20);
        return NULL;
    }
    unsigned char *buf = (unsigned char *)file_read_limited(path, PHOTO_MAX_FILE_BYTES, len);
    if (!buf)
        snprintf(err, errlen, _("cannot read image '%s': %s"), path, _(file_error_text(errno)));
    return buf;
}

static bool too_big(const char *path, int w, int h, char *err, size_t errlen)
{
    if (w > 0 && h > 0 && (uint64_t)w * (uint64_t)h <= PHOTO_MAX_PIXELS && w <= 30000 && h <= 30000)
        return false;
    snprintf(err, errlen, _("image '%s' is %dx%d, larger than honorboard accepts"), path, w, h);
    return true;
}

#ifdef HB_NO_HEIF
/* The Windows build has no libheif (docs/windows.md): the board converts HEIC photos. */
static SDL_Surface *heic_decode(const char *path, const unsigned char *buf, size_t len, char *err,
                                size_t errlen)
{
    (void)buf, (void)len;
    snprintf(err, errlen, _("cannot decode image '%s': %s"), path,
             _("HEIC photos are converted by the board, not on Windows"));
    return NULL;
}
#else
static pthread_once_t heif_once = PTHREAD_ONCE_INIT;

static void heif_start(void)
{
    heif_init(NULL); /* once per process; plugins (the HEVC decoder) load here */
}

static SDL_Surface *heic_decode(const char *path, const unsigned char *buf, size_t len, char *err,
                                size_t errlen)
{
    pthread_once(&heif_once, heif_start);
    SDL_Surface *s = NULL;
    struct heif_image_handle *h = NULL;
    struct heif_image *img = NULL;
    struct heif_context *ctx = heif_context_alloc();
    if (!ctx) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path, "libheif");
        return NULL;
    }
    heif_context_set_maximum_image_size_limit(ctx, 30000);
    struct heif_error e = heif_context_read_from_memory_without_copy(ctx, buf, len, NULL);
    if (e.code == heif_error_Ok)
        e = heif_context_get_primary_image_handle(ctx, &h);
    if (e.code != heif_error_Ok) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path, e.message);
        goto out;
    }
    if (too_big(path, heif_image_handle_get_width(h), heif_image_handle_get_height(h), err, errlen))
        goto out;
    e = heif_decode_image(h, &img, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, NULL);
    if (e.code != heif_error_Ok) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path, e.message);
        goto out;
    }
    int stride = 0;
    const uint8_t *p = heif_image_get_plane_readonly(img, heif_channel_interleaved, &stride);
    int w = heif_image_get_width(img, heif_channel_interleaved);
    int hh = heif_image_get_height(img, heif_channel_interleaved);
    if (!p || w <= 0 || hh <= 0 ||
        !(s = SDL_CreateRGBSurfaceWithFormat(0, w, hh, 32, SDL_PIXELFORMAT_ARGB8888))) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path, "libheif");
        goto out;
    }
    for (int y = 0; y < hh; y++) {
        const uint8_t *r = p + (size_t)y * (size_t)stride;
        uint32_t *d = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < w; x++, r += 4) /* photos are opaque: alpha dropped */
            d[x] = 0xFF000000u | (uint32_t)r[0] << 16 | (uint32_t)r[1] << 8 | r[2];
    }
out:
    if (img)
        heif_image_release(img);
    if (h)
        heif_image_handle_release(h);
    heif_context_free(ctx);
    return s;
}
#endif

static SDL_Surface *webp_decode(const char *path, const unsigned char *buf, size_t len, char *err,
                                size_t errlen)
{
    int w = 0, h = 0;
    if (!WebPGetInfo(buf, len, &w, &h)) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path, "libwebp");
        return NULL;
    }
    if (too_big(path, w, h, err, errlen))
        return NULL;
    uint8_t *bgra = WebPDecodeBGRA(buf, len, &w, &h);
    SDL_Surface *s =
        bgra ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (!s) {
        snprintf(err, errlen, _("cannot decode image '%s': %s"), path, "libwebp");
    } else {
        for (int y = 0; y < h; y++) { /* BGRA bytes are ARGB8888 on little-endian machines */
            const uint8_t *r = bgra + (size_t)y * (size_t)w * 4;
            uint32_t *d = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
            for (int x = 0; x < w; x++, r += 4)
                d[x] = 0xFF000000u | (uint32_t)r[2] << 16 | (uint32_t)r[1] << 8 | r[0];
        }
    }
    WebPFree(bgra);
    return s;
}

SDL_Surface *photoconv_decode(const char *path, char *err, size_t errlen)
{
    size_t len = 0;
    unsigned char *buf = read_limited(path, &len, err, errlen);
    if (!buf)
        return NULL;
    SDL_Surface *s = NULL;
    enum photo_kind k = photoconv_sniff(buf, len);
    if (k == PHOTO_HEIC)
        s = heic_decode(path, buf, len, err, errlen);
    else if (k == PHOTO_WEBP)
        s = webp_decode(path, buf, len, err, errlen);
    else
        snprintf(err, errlen, _("'%s' is %s, not a HEIC or WebP photo"), path,
                 photoconv_kind_name(k));
    free(buf);
    return s;
}

int photoconv_to_jpeg(const char *path, char *err, size_t errlen)
{
    if (!photoconv_convertible(photoconv_sniff_file(path)))
        return 0;
    SDL_Surface *s = photoconv_decode(path, err, errlen);
    if (!s)
        return -1;
    int rc = photoconv_save_jpeg(s, path, err, errlen) == 0 ? 1 : -1;
    SDL_FreeSurface(s);
    return rc;
}

int photoconv_save_jpeg(SDL_Surface *s, const char *path, char *err, size_t errlen)
{
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long len = 0;
    int rc = -1;
    if (tj && tjCompress2(tj, s->pixels, s->w, s->pitch, s->h,
                          SDL_BYTEORDER == SDL_LIL_ENDIAN ? TJPF_BGRA : TJPF_ARGB, &jpg, &len,
                          TJSAMP_420, 92, 0) == 0) {
        if (fileio_write_atomic(path, jpg, len, 0644, true) == 0)
            rc = 0;
        else
            snprintf(err, errlen, _("cannot rewrite '%s': %s"), path, strerror(errno));
    } else {
        snprintf(err, errlen, _("cannot re-encode '%s': %s"), path,
                 images_decoder_reason(tj ? tjGetErrorStr2(tj) : "libturbojpeg"));
    }
    if (jpg)
        tjFree(jpg);
    if (tj)
        tjDestroy(tj);
    return rc;
}

/* Where converted copies are kept: $XDG_CACHE_HOME/honorboard/converted, else
 * ~/.cache/honorboard/converted. Caller frees. */
static char *cache_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (x && *x)
        return xasprintf("%s/honorboard/converted", x);
    return xasprintf("%s/.cache/honorboard/converted", home && *home ? home : "/tmp");
}

char *photoconv_cached_jpeg(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *real = realpath(path, NULL);
    uint64_t h = 1469598103934665603ull; /* FNV-1a of the file's name, size and time */
    char key[64];
    snprintf(key, sizeof key, "|%lld|%lld.%09ld", (long long)st.st_size, (long long)st.st_mtime,
             fileio_mtime_nsec(&st));
    for (const char *parts[] = {real ? real : path, key}, **q = parts; q < parts + 2; q++)
        for (const unsigned char *c = (const unsigned char *)*q; *c; c++)
            h = (h ^ *c) * 1099511628211ull;
    free(real);
    char *dir = cache_dir();
    char *out = xasprintf("%s/%016llx.jpg", dir, (unsigned long long)h);
    if (!path_is_file(out)) {
        SDL_Surface *s = path_mkdirs(dir) == 0 ? photoconv_decode(path, err, errlen) : NULL;
        if (s == NULL && errno && !err[0])
            snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        int rc = s ? photoconv_save_jpeg(s, out, err, errlen) : -1; /* as an import saves it */
        if (s)
            SDL_FreeSurface(s);
        if (rc < 0) {
            free(out);
            out = NULL;
        }
    }
    free(dir);
    return out;
}

char *photoconv_as_imported(const char *path)
{
    if (!photoconv_convertible(photoconv_sniff_file(path)))
        return NULL;
    char e[512] = "";
    char *jpeg = photoconv_cached_jpeg(path, e, sizeof e);
    int fd = jpeg ? file_open_regular(jpeg) : -1; /* a confined checker may not read the cache */
    if (fd < 0) {
        free(jpeg);
        return NULL;
    }
    close(fd);
    return jpeg;
}
