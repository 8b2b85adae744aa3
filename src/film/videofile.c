/* videofile.c - questions about a video file rather than a playing clip: its size and length
 * (probed in a child process where it may, videotrial.c, cached per path and file time), and a
 * still frame for posters. */
#include "film/videofile.h"
#include "film/video.h"
#include "film/videotrial.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- probing, cached: layout asks for a clip's size every time it lays the slide out -------- */

struct probe_entry {
    char *path;
    struct timespec mtime;
    off_t size;
    int ok;
    struct video_info info;
    char err[256];
};
static struct probe_entry probe_cache[32];
static size_t probe_next;
static pthread_mutex_t probe_lock = PTHREAD_MUTEX_INITIALIZER;

static bool probe_cached(const char *path, const struct stat *st, struct video_info *out, char *err,
                         size_t errlen, int *ok)
{
    bool hit = false;
    pthread_mutex_lock(&probe_lock);
    for (size_t i = 0; !hit && i < sizeof probe_cache / sizeof *probe_cache; i++) {
        const struct probe_entry *e = &probe_cache[i];
        if (e->path && strcmp(e->path, path) == 0 && e->size == st->st_size &&
            e->mtime.tv_sec == st->st_mtim.tv_sec && e->mtime.tv_nsec == st->st_mtim.tv_nsec) {
            *out = e->info;
            snprintf(err, errlen, "%s", e->err);
            *ok = e->ok;
            hit = true;
        }
    }
    pthread_mutex_unlock(&probe_lock);
    return hit;
}

int video_probe(const char *path, struct video_info *out, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, _("cannot read: %s"), _(file_error_text(errno)));
        return -1;
    }
    int ok;
    if (probe_cached(path, &st, out, err, errlen, &ok))
        return ok ? 0 : -1;
    struct probe_entry n = {.path = xstrdup(path), .mtime = st.st_mtim, .size = st.st_size};
    n.ok = videotrial_probe(path, &n.info, n.err, sizeof n.err) == 0;
    /* the probe's child knows only the library's limit; the board's is checked here, before
     * the board decodes a frame of it */
    if (n.ok && video_too_big(n.info.w, n.info.h, n.err, sizeof n.err))
        n.ok = 0;
    *out = n.info;
    snprintf(err, errlen, "%s", n.err);
    pthread_mutex_lock(&probe_lock);
    struct probe_entry *slot =
        &probe_cache[probe_next++ % (sizeof probe_cache / sizeof *probe_cache)];
    free(slot->path);
    *slot = n;
    pthread_mutex_unlock(&probe_lock);
    return n.ok ? 0 : -1;
}

uint32_t *video_frame_at(const char *path, double at, int w, int h, char *err, size_t errlen)
{
    struct video_opts o = {.start = at, .loops = 1};
    struct video *v = video_open(path, &o, w, h, err, errlen);
    if (!v)
        return NULL;
    size_t stride;
    uint32_t *out = video_take_pixels(v, &stride); /* the clip's own buffer: no copy of it */
    video_destroy(v);
    if (stride != (size_t)w * 4) /* rows closed up in place, top down: none is overwritten */
        for (int y = 1; y < h; y++)
            memmove(out + (size_t)y * (size_t)w, (unsigned char *)out + (size_t)y * stride,
                    (size_t)w * 4);
    return out;
}
