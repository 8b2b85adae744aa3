/* imagefile.c - a photo file before any decoder sees it (see imagefile.h). */
#include "picture/imagefile.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/util.h"
#include "picture/photoconv.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads at most `limit` bytes of a file (SIZE_MAX: all of it) with plain read() (never mmap: it
 * may live on a USB stick). *whole tells whether the end of the file was reached. */
unsigned char *imagefile_read_upto(const char *path, size_t limit, size_t *len, bool *whole,
                                   char *err, size_t errlen)
{
    int fd = file_open_regular(path); /* no FIFO, device or final link */
    if (fd < 0) {
        snprintf(err, errlen, _("cannot open image '%s': %s"), path, _(file_error_text(errno)));
        return NULL;
    }
    struct stat st;
    size_t cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 1 << 16, n = 0;
    if (cap > limit)
        cap = limit;
    unsigned char *buf = malloc(cap);
    *whole = false;
    for (;;) {
        if (!buf)
            break;
        if (n == limit)
            break;
        if (n == cap) {
            cap = cap > limit / 2 ? limit : cap * 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r < 0) {
                snprintf(err, errlen, _("cannot read image '%s': %s"), path, strerror(errno));
                free(buf);
                buf = NULL;
            } else {
                *whole = true;
            }
            break;
        }
        n += (size_t)r;
    }
    close(fd);
    *len = n;
    return buf;
}

unsigned char *imagefile_read(const char *path, size_t *len, char *err, size_t errlen)
{
    bool whole; /* the size limit holds while reading: a file that grew is never read whole */
    unsigned char *b =
        imagefile_read_upto(path, (size_t)PHOTO_MAX_FILE_BYTES + 1, len, &whole, err, errlen);
    if (b && *len > (size_t)PHOTO_MAX_FILE_BYTES) {
        snprintf(err, errlen, _("image '%s' is larger than %d MB"), path,
                 PHOTO_MAX_FILE_BYTES >> 20);
        free(b);
        return NULL;
    }
    return b;
}

/* PNG: width and height from the IHDR chunk. */
int imagefile_png_size(const char *path, int *w, int *h)
{
    unsigned char b[24];
    int fd = file_open_regular(path); /* no FIFO, device or final link */
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, b, sizeof b);
    close(fd);
    if (n != 24 || memcmp(b, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0)
        return -1;
    *w = (int)((unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19]);
    *h = (int)((unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23]);
    return *w > 0 && *h > 0 ? 0 : -1;
}

/* Walks a PNG's chunks: every length inside the file, IHDR first, IDAT present, IEND last.
 * libpng under SDL_image 2.6 can loop for ever on a chunk that runs past the end of the file
 * (found by fuzzing): such files are refused before they reach it. */
static int png_chunks_ok(const char *path)
{
    int fd = file_open_regular(path); /* no FIFO, device or final link */
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        close(fd);
        return -1;
    }
    uint64_t size = (uint64_t)st.st_size, off = 8;
    bool idat = false, iend = false;
    int n = 0;
    while (off + 12 <= size && !iend) {
        unsigned char h[8];
        if (pread(fd, h, 8, (off_t)off) != 8)
            break;
        uint64_t len = (uint64_t)h[0] << 24 | (uint64_t)h[1] << 16 | (uint64_t)h[2] << 8 | h[3];
        if (len > 0x7FFFFFFFu || off + 12 + len > size)
            break;
        if (n == 0 && memcmp(h + 4, "IHDR", 4) != 0)
            break;
        idat |= memcmp(h + 4, "IDAT", 4) == 0;
        iend = memcmp(h + 4, "IEND", 4) == 0;
        off += 12 + len;
        n++;
    }
    close(fd);
    return iend && idat ? 0 : -1;
}

enum kind { KIND_OTHER, KIND_JPEG, KIND_PNG };

/* What a file is by its first bytes, whatever its name says (a PCX renamed .jpg is refused
 * here, before it can reach one of SDL_image's other decoders). */
static enum kind sniff(const char *path)
{
    unsigned char m[8] = {0};
    int fd = file_open_regular(path); /* no FIFO, device or final link */
    if (fd < 0)
        return KIND_OTHER;
    ssize_t n = read(fd, m, sizeof m);
    close(fd);
    if (n >= 3 && m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF)
        return KIND_JPEG;
    if (n == 8 && memcmp(m, "\x89PNG\r\n\x1a\n", 8) == 0)
        return KIND_PNG;
    return KIND_OTHER;
}

bool imagefile_is_jpeg(const char *path)
{
    return sniff(path) == KIND_JPEG;
}

/* Size and header checks before any decoder runs. */
int imagefile_admit(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        snprintf(err, errlen, _("cannot open image '%s': %s"), path, strerror(errno));
        return -1;
    }
    if (st.st_size > PHOTO_MAX_FILE_BYTES) {
        snprintf(err, errlen, _("image '%s' is %lld MB; at most %d MB"), path,
                 (long long)st.st_size >> 20, PHOTO_MAX_FILE_BYTES >> 20);
        return -1;
    }
    enum kind k = sniff(path);
    if (k == KIND_OTHER) {
        enum photo_kind pk = photoconv_sniff_file(path);
        if (photoconv_convertible(pk)) /* playback: only after an import turned it into JPEG */
            snprintf(err, errlen,
                     _("'%s' is %s: the board shows it once it is imported from a stick (it is "
                       "converted to JPEG then); to show it here, save it as JPEG"),
                     path, photoconv_kind_name(pk));
        else if (pk == PHOTO_OTHER)
            snprintf(err, errlen,
                     _("'%s' is not a JPEG or PNG picture (only those are shown): open it and "
                       "save it as JPEG (in Paint: File, Save as, JPEG picture)"),
                     path);
        else
            snprintf(err, errlen,
                     _("'%s' is %s, which the board does not show: open it and save it as JPEG "
                       "(in Paint: File, Save as, JPEG picture; from a phone: send it as a "
                       "photo, not as a file)"),
                     path, photoconv_kind_name(pk));
        return -1;
    }
    if (k == KIND_PNG) {
        int w, h;
        if (imagefile_png_size(path, &w, &h) < 0) {
            snprintf(err, errlen,
                     _("'%s' is a damaged PNG (truncated, or its chunks do not add up)"), path);
            return -1;
        }
        if ((uint64_t)w * (uint64_t)h > PHOTO_MAX_PIXELS || w > 30000 || h > 30000) {
            snprintf(err, errlen, _("image '%s' is %dx%d, larger than honorboard accepts"), path, w,
                     h);
            return -1;
        }
        if ((uint64_t)w * (uint64_t)h > PHOTO_PNG_MAX_PIXELS) { /* the memory budget */
            double scale = sqrt((double)PHOTO_PNG_MAX_PIXELS / ((double)w * (double)h));
            snprintf(err, errlen,
                     _("image '%s' is %dx%d (%.0f megapixels): too large to decode in the board's "
                       "memory; shrink it to at most %dx%d (%u megapixels)"),
                     path, w, h, (double)w * h / 1e6, (int)(w * scale), (int)(h * scale),
                     (unsigned)(PHOTO_PNG_MAX_PIXELS / 1000000));
            return -1;
        }
        if (png_chunks_ok(path) < 0) {
            snprintf(err, errlen,
                     _("'%s' is a damaged PNG (truncated, or its chunks do not add up)"), path);
            return -1;
        }
    }
    return 0;
}
