/* film_win.c - the film layer of the Windows build, which has no libmpv (docs/windows.md): a
 * film's size and length are read from its MP4/MOV boxes (mvhd, tkhd), so `check` and the
 * page layout treat it as the board does; its pictures are not decoded: its poster is a dark
 * frame with a play sign, and the film plays on the board. Stands in for src/film/. */
#include "film/video.h"
#include "film/videofile.h"
#include "film/videoreap.h"
#include "film/videotrial.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const unsigned char *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

struct mp4 {
    double duration;
    int w, h;
};

/* Walks the boxes of [off, end): descends into moov and trak, reads mvhd and tkhd. */
static void walk(FILE *f, long long off, long long end, struct mp4 *m, int depth)
{
    unsigned char h[16];
    while (off + 8 <= end && depth < 6) {
        if (fseeko(f, off, SEEK_SET) != 0 || fread(h, 1, 8, f) != 8)
            return;
        long long size = be32(h), hdr = 8;
        if (size == 1) {
            if (fread(h + 8, 1, 8, f) != 8)
                return;
            size = (long long)be64(h + 8), hdr = 16;
        } else if (size == 0) {
            size = end - off;
        }
        if (size < hdr || off + size > end)
            return;
        unsigned char b[100];
        size_t n = fread(b, 1, sizeof b, f);
        if (!memcmp(h + 4, "moov", 4) || !memcmp(h + 4, "trak", 4)) {
            walk(f, off + hdr, off + size, m, depth + 1);
        } else if (!memcmp(h + 4, "mvhd", 4) && n >= 32) {
            bool v1 = b[0] == 1;
            double scale = v1 ? be32(b + 20) : be32(b + 12);
            double dur = v1 ? (double)be64(b + 24) : be32(b + 16);
            if (scale > 0)
                m->duration = dur / scale;
        } else if (!memcmp(h + 4, "tkhd", 4) && n >= 92) {
            size_t at = b[0] == 1 ? 88 : 76; /* width, height: 16.16 fixed point */
            int w = (int)(be32(b + at) >> 16), hh = (int)(be32(b + at + 4) >> 16);
            if (w > 0 && hh > 0 && !m->w)
                m->w = w, m->h = hh;
        }
        off += size;
    }
}

int video_probe(const char *path, struct video_info *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, _("cannot read: %s"), _(file_error_text(errno)));
        return -1;
    }
    struct mp4 m = {0};
    fseeko(f, 0, SEEK_END);
    walk(f, 0, ftello(f), &m, 0);
    fclose(f);
    if (m.w <= 0 || m.duration <= 0) {
        snprintf(err, errlen, "%s",
                 _("this film cannot be read on Windows; it plays on the board"));
        return -1;
    }
    out->w = m.w, out->h = m.h, out->duration = m.duration;
    snprintf(out->container, sizeof out->container, "mp4");
    return 0;
}

/* The film's "frame" on Windows: not a picture of it (nothing decodes it here) but a dark frame
 * with a play sign, so the page shows where the film plays and how it is framed. */
uint32_t *video_frame_at(const char *path, double at, int w, int h, char *err, size_t errlen)
{
    (void)path, (void)at;
    uint32_t *px = w > 0 && h > 0 ? malloc((size_t)w * (size_t)h * 4) : NULL;
    if (!px) {
        snprintf(err, errlen, "%s",
                 _("films are shown on the board (no film pictures on Windows)"));
        return NULL;
    }
    double cx = w / 2.0, cy = h / 2.0, r = (w < h ? w : h) / 6.0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
            uint32_t c = 0xFF202226; /* the frame */
            if (dx * dx + dy * dy <= r * r)
                c = 0xFF3C3F46; /* the disc */
            /* the triangle: pointing right, its centre on the disc's */
            double tx = dx + r * 0.2;
            if (tx >= -r * 0.35 && tx <= r * 0.55 && fabs(dy) <= (r * 0.55 - tx) * 0.6)
                c = 0xFFE8E8E8;
            px[(size_t)y * w + x] = c;
        }
    return px;
}

/* No film is ever opened on Windows: videoslide.c shows its placeholder, and the functions the
 * frame loop calls for a playing film are never reached with one. */
struct video *video_open(const char *path, const struct video_opts *opts, int w, int h, char *err,
                         size_t errlen)
{
    (void)path, (void)opts, (void)w, (void)h;
    snprintf(err, errlen, "%s", _("films are shown on the board (no film pictures on Windows)"));
    return NULL;
}

void video_destroy(struct video *v)
{
    (void)v;
}

void video_destroy_later(struct video *v)
{
    (void)v;
}

void video_wait_destroyed(void) {}

void video_quiet_until(double t)
{
    (void)t;
}

void video_wait_quiet(void) {}

int video_alive(void)
{
    return 0;
}

void video_get_info(const struct video *v, struct video_info *out)
{
    (void)v;
    memset(out, 0, sizeof *out);
}

const uint32_t *video_pixels(const struct video *v, int *w, int *h, size_t *stride)
{
    (void)v;
    *w = *h = 0, *stride = 0;
    return NULL;
}

void video_release_pixels(struct video *v)
{
    (void)v;
}

void video_set_wake(struct video *v, void (*wake)(void *ctx), void *ctx)
{
    (void)v, (void)wake, (void)ctx;
}

void video_play(struct video *v, bool playing)
{
    (void)v, (void)playing;
}

int video_update(struct video *v)
{
    (void)v;
    return -1;
}

void video_get_stats(const struct video *v, struct video_stats *out)
{
    (void)v;
    memset(out, 0, sizeof *out);
}

bool video_resize(struct video *v, int w, int h)
{
    (void)v, (void)w, (void)h;
    return false;
}

/* Never reached: video_open gives no film on Windows, so check measures films by their boxes. */
int video_play_tail(struct video *v, double t, char *err, size_t errlen)
{
    (void)v, (void)t;
    snprintf(err, errlen, "%s", _("films are shown on the board (no film pictures on Windows)"));
    return -1;
}

/* No probe child on Windows (no libmpv to crash): video_probe reads the boxes in the process. */
void videotrial_enable(void) {}

/* No libmpv here: the board's film settings have nothing to set. */
void video_configure(const struct video_settings *s)
{
    (void)s;
}
