/* video.c - a clip played with libmpv's software render API (MPV_RENDER_API_TYPE_SW, in
 * Debian 12's mpv 0.35): mpv decodes on its own threads; video_update() converts the frame
 * that is due into a plain pixel buffer the frame loop uploads. Opening waits for the first
 * frame (pre-roll) so the worker pays for it, not the slide change.
 *
 * mpv is configured as a player of one local file and nothing else: no config files, scripts,
 * key bindings, external subtitle/audio files, file references or playlists, and the demuxer is
 * forced to the container the file's bytes name (video_sniff). */
#include "video.h"
#include "util.h"
#include "i18n.h"

#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <mpv/client.h>
#include <mpv/render.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int alive; /* clips open, read and written atomically */

struct video {
    mpv_handle *mpv;
    mpv_render_context *rc;
    struct video_opts o;
    int w, h;
    size_t stride;
    uint32_t *px; /* 64-byte aligned, stride * h bytes */
    struct video_info info;
    bool loaded, ended, restarted, playing, have_frame;
    double last_pos; /* time of the last frame rendered, seconds into the file */
    double play_started, played;
    struct video_stats st;
    char last_error[200]; /* mpv's last error-level log line */
};

/* Containers we open, by their first bytes, and the demuxer that reads them. */
struct container {
    const char *name;
    const char *demuxer, *lavf_format; /* mpv --demuxer, --demuxer-lavf-format */
};
static const struct container containers[] = {
    {"mp4", "lavf", "mov"},
    {"matroska", "mkv", NULL},
    {"avi", "lavf", "avi"},
    {"mpegts", "lavf", "mpegts"},
};

static const struct container *sniff(const unsigned char *b, size_t n)
{
    if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0)
        return &containers[0];
    if (n >= 4 && b[0] == 0x1A && b[1] == 0x45 && b[2] == 0xDF && b[3] == 0xA3)
        return &containers[1];
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "AVI ", 4) == 0)
        return &containers[2];
    if (n >= 377 && b[0] == 0x47 && b[188] == 0x47 && b[376] == 0x47)
        return &containers[3];
    return NULL;
}

static const struct container *sniff_file(const char *path)
{
    unsigned char b[400];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    return sniff(b, n);
}

const char *video_sniff(const char *path)
{
    const struct container *c = sniff_file(path);
    return c ? c->name : NULL;
}

static void set_opt(mpv_handle *m, const char *k, const char *v)
{
    if (mpv_set_option_string(m, k, v) < 0)
        fprintf(stderr, "honorboard: video: mpv option %s=%s not taken\n", k, v);
}

static double prop_double(mpv_handle *m, const char *name)
{
    double d = 0;
    if (mpv_get_property(m, name, MPV_FORMAT_DOUBLE, &d) < 0)
        return 0;
    return d;
}

static int64_t prop_int(mpv_handle *m, const char *name)
{
    int64_t i = 0;
    if (mpv_get_property(m, name, MPV_FORMAT_INT64, &i) < 0)
        return 0;
    return i;
}

static void prop_str(mpv_handle *m, const char *name, char *out, size_t n)
{
    char *s = mpv_get_property_string(m, name);
    snprintf(out, n, "%s", s ? s : "");
    mpv_free(s);
}

/* Reads the track list once the file is loaded. Returns false when it holds no moving picture
 * (sound only, or only a cover image). */
static bool read_tracks(struct video *v)
{
    int64_t n = prop_int(v->mpv, "track-list/count");
    bool picture = false;
    for (int64_t i = 0; i < n && i < 64; i++) {
        char k[64], type[16], flag[8];
        snprintf(k, sizeof k, "track-list/%d/type", (int)i);
        prop_str(v->mpv, k, type, sizeof type);
        if (strcmp(type, "audio") == 0)
            v->info.has_audio = true;
        if (strcmp(type, "video") != 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/albumart", (int)i);
        prop_str(v->mpv, k, flag, sizeof flag);
        bool art = strcmp(flag, "yes") == 0;
        snprintf(k, sizeof k, "track-list/%d/image", (int)i);
        prop_str(v->mpv, k, flag, sizeof flag);
        if (art || strcmp(flag, "yes") == 0)
            continue;
        if (!picture) {
            snprintf(k, sizeof k, "track-list/%d/codec", (int)i);
            prop_str(v->mpv, k, v->info.codec, sizeof v->info.codec);
            snprintf(k, sizeof k, "track-list/%d/demux-fps", (int)i);
            v->info.fps = prop_double(v->mpv, k);
        }
        picture = true;
    }
    v->info.duration = prop_double(v->mpv, "duration");
    prop_str(v->mpv, "file-format", v->info.container, sizeof v->info.container);
    return picture;
}

/* A clip whose last frame comes well before the end its header promised is damaged (a copy
 * cut short, a broken stream): mpv ends it quietly, we call it a failure. */
static bool ends_early(const struct video *v, double pos)
{
    double end = v->info.duration;
    if (v->o.end > 0 && (end <= 0 || v->o.end < end))
        end = v->o.end;
    double slack = v->info.fps > 0 ? fmax(0.5, 3 / v->info.fps) : 0.5;
    return end > 0 && pos + slack < end;
}

static void stop_clock(struct video *v)
{
    if (v->playing) {
        v->played += now_seconds() - v->play_started;
        v->playing = false;
    }
}

static void fail(struct video *v, const char *fmt, const char *detail)
{
    if (v->st.failed)
        return;
    v->st.failed = true;
    snprintf(v->st.error, sizeof v->st.error, fmt, detail);
    if (v->last_error[0] && strlen(v->st.error) + 4 < sizeof v->st.error)
        snprintf(v->st.error + strlen(v->st.error), sizeof v->st.error - strlen(v->st.error),
                 " (%s)", v->last_error);
}

/* Handles one mpv event; false when there was none. */
static bool pump(struct video *v, double wait)
{
    mpv_event *e = mpv_wait_event(v->mpv, wait);
    switch (e->event_id) {
    case MPV_EVENT_NONE:
        return false;
    case MPV_EVENT_LOG_MESSAGE: {
        const mpv_event_log_message *m = e->data;
        size_t n = strcspn(m->text, "\n");
        snprintf(v->last_error, sizeof v->last_error, "%s: %.*s", m->prefix, (int)n, m->text);
        break;
    }
    case MPV_EVENT_FILE_LOADED:
        v->loaded = true;
        if (!read_tracks(v)) {
            fail(v, "%s", v->info.has_audio ? _("it has no picture, only sound")
                                            : _("it has no picture"));
            v->ended = true;
        }
        break;
    case MPV_EVENT_PLAYBACK_RESTART:
        v->restarted = true;
        break;
    case MPV_EVENT_END_FILE: {
        const mpv_event_end_file *ef = e->data;
        if (ef->reason == MPV_END_FILE_REASON_ERROR)
            fail(v, "%s", ef->error == MPV_ERROR_NOTHING_TO_PLAY ? _("nothing in it can be played")
                                                                  : mpv_error_string(ef->error));
        else if (ef->reason == MPV_END_FILE_REASON_EOF && v->have_frame && ends_early(v, v->last_pos))
            fail(v, "%s", _("it ends early: damaged or cut short"));
        v->ended = true;
        stop_clock(v);
        break;
    }
    case MPV_EVENT_SHUTDOWN:
        v->ended = true;
        stop_clock(v);
        break;
    default:
        break;
    }
    return true;
}

static void render(struct video *v)
{
    double t0 = now_seconds();
    int size[2] = {v->w, v->h};
    static char format[] = "bgr0"; /* B, G, R, X in memory: SDL's ARGB8888 on little-endian */
    int no_block = 0; /* the frame loop keeps its own pace; mpv would wait for the frame's time */
    mpv_render_param p[] = {{MPV_RENDER_PARAM_SW_SIZE, size},
                            {MPV_RENDER_PARAM_SW_FORMAT, format},
                            {MPV_RENDER_PARAM_SW_STRIDE, &v->stride},
                            {MPV_RENDER_PARAM_SW_POINTER, v->px},
                            {MPV_RENDER_PARAM_BLOCK_FOR_TARGET_TIME, &no_block},
                            {MPV_RENDER_PARAM_INVALID, NULL}};
    mpv_render_context_render(v->rc, p);
    double pos = 0;
    if (mpv_get_property(v->mpv, "time-pos", MPV_FORMAT_DOUBLE, &pos) >= 0)
        v->last_pos = pos;
    /* "bgr0": the fourth byte is undefined; the screen blends pages, so make it opaque */
    for (int y = 0; y < v->h; y++) {
        uint32_t *row = (uint32_t *)((unsigned char *)v->px + (size_t)y * v->stride);
        for (int x = 0; x < v->w; x++)
            row[x] |= 0xFF000000u;
    }
    double ms = (now_seconds() - t0) * 1000;
    v->st.render_ms_total += ms;
    if (ms > v->st.render_ms_max)
        v->st.render_ms_max = ms;
    v->have_frame = true;
}

static bool frame_due(struct video *v)
{
    return mpv_render_context_update(v->rc) & MPV_RENDER_UPDATE_FRAME;
}

/* Waits until the frame after the last (re)start is rendered; false on end, error or timeout.
 * Frames are rendered as soon as mpv has them: its output waits for us before it reports the
 * restart. */
static bool wait_frame(struct video *v, double timeout)
{
    double until = now_seconds() + timeout;
    v->have_frame = false;
    while (!v->ended && now_seconds() < until) {
        while (pump(v, 0))
            ;
        if (frame_due(v))
            render(v);
        if (v->restarted && v->have_frame)
            return true;
        if (!v->ended)
            pump(v, 0.005);
    }
    return false;
}

/* mpv starts a handful of threads per clip, and glibc gives new threads their own malloc
 * arenas (up to 8 per core), each keeping its freed memory: a board that opens a clip every few
 * minutes for months would see its memory climb to that ceiling. Two arenas are plenty for a
 * player whose work is one decoder at a time. Process-wide, set once before the first clip. */
static pthread_once_t arenas_once = PTHREAD_ONCE_INIT;
static void limit_arenas(void)
{
    mallopt(M_ARENA_MAX, 2);
    /* frames are big: always their own mapping, returned whole when freed. (glibc would
     * otherwise raise the threshold after the first free and carve later frames out of the
     * heap, which then stays as large as its highest water mark.) */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
}

struct video *video_open(const char *path, const struct video_opts *opts, int w, int h,
                         char *err, size_t errlen)
{
    pthread_once(&arenas_once, limit_arenas);
    struct video *v = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read: %s", strerror(errno));
        return NULL;
    }
    if ((unsigned long long)st.st_size > VIDEO_MAX_FILE_BYTES) {
        snprintf(err, errlen, _("it is %.0f MB; videos may be at most %llu MB"),
                 st.st_size / 1048576.0, VIDEO_MAX_FILE_BYTES >> 20);
        return NULL;
    }
    const struct container *c = sniff_file(path);
    if (!c) {
        snprintf(err, errlen, _("it is not a video file honorboard plays (MP4, MOV, WebM, MKV, "
                              "AVI or MPEG-TS)"));
        return NULL;
    }
    if (w < 1 || h < 1 || w > 16384 || h > 16384) {
        snprintf(err, errlen, "bad output size %dx%d", w, h);
        return NULL;
    }
    /* libmpv refuses to start unless numbers are formatted the C way */
    const char *num = setlocale(LC_NUMERIC, NULL);
    if (num && strcmp(num, "C") != 0) {
        snprintf(err, errlen, "LC_NUMERIC is '%s'; libmpv needs the C locale for numbers", num);
        return NULL;
    }
    v = xcalloc(1, sizeof *v);
    __atomic_add_fetch(&alive, 1, __ATOMIC_RELAXED);
    v->o = *opts;
    v->w = w, v->h = h;
    v->stride = ((size_t)w * 4 + 63) & ~(size_t)63;
    v->px = aligned_alloc(64, v->stride * (size_t)h);
    v->st.preroll_ms = now_seconds();
    if (!v->px || !(v->mpv = mpv_create())) {
        snprintf(err, errlen, "cannot start the video decoder (out of memory?)");
        goto fail;
    }
    mpv_handle *m = v->mpv;
    static const char *const fixed[][2] = {
        {"config", "no"},        {"terminal", "no"},         {"vo", "libmpv"},
        {"load-scripts", "no"},  {"ytdl", "no"},             {"osc", "no"},
        {"input-default-bindings", "no"}, {"input-vo-keyboard", "no"},
        {"sub-auto", "no"},      {"audio-file-auto", "no"},  {"cover-art-auto", "no"},
        {"access-references", "no"}, {"load-unsafe-playlists", "no"}, {"cache", "no"},
        {"idle", "yes"},         {"keep-open", "no"},        {"pause", "yes"},
        {"sws-scaler", "bilinear"}, {"osd-level", "0"},      {"sid", "no"},
        {"vd-lavc-threads", "2"}, /* a 2-core board: more threads only hold more frames */
    };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        set_opt(m, fixed[i][0], fixed[i][1]);
    set_opt(m, "demuxer", c->demuxer);
    if (c->lavf_format)
        set_opt(m, "demuxer-lavf-format", c->lavf_format);
    set_opt(m, "hwdec", opts->hwdec ? "auto-copy-safe" : "no");
    if (!opts->audio) {
        set_opt(m, "aid", opts->probe ? "auto" : "no");
        set_opt(m, "ao", "null");
    }
    set_opt(m, "panscan", opts->cover ? "1.0" : "0.0");
    char num_s[64];
    if (opts->start > 0) {
        snprintf(num_s, sizeof num_s, "%.3f", opts->start);
        set_opt(m, "start", num_s);
    }
    if (opts->end > 0) {
        snprintf(num_s, sizeof num_s, "%.3f", opts->end);
        set_opt(m, "end", num_s);
    }
    if (opts->loops == 0)
        set_opt(m, "loop-file", "inf");
    else if (opts->loops > 1) {
        snprintf(num_s, sizeof num_s, "%d", opts->loops - 1);
        set_opt(m, "loop-file", num_s);
    }
    if (mpv_initialize(m) < 0) {
        snprintf(err, errlen, "cannot start the video decoder");
        goto fail;
    }
    mpv_request_log_messages(m, "error");
    static char sw[] = MPV_RENDER_API_TYPE_SW;
    mpv_render_param rp[] = {{MPV_RENDER_PARAM_API_TYPE, sw},
                             {MPV_RENDER_PARAM_INVALID, NULL}};
    if (mpv_render_context_create(&v->rc, m, rp) < 0) {
        snprintf(err, errlen, "cannot start mpv's software renderer");
        goto fail;
    }
    /* a relative name that looks like a URL ("a:b.mp4") must stay a file name */
    char *arg = path[0] == '/' ? xstrdup(path) : xasprintf("./%s", path);
    const char *cmd[] = {"loadfile", arg, NULL};
    int rc = mpv_command(m, cmd);
    free(arg);
    if (rc < 0) {
        snprintf(err, errlen, "cannot open: %s", mpv_error_string(rc));
        goto fail;
    }
    double timeout = opts->timeout > 0 ? opts->timeout : 10;
    if (!wait_frame(v, timeout)) {
        if (v->st.failed)
            snprintf(err, errlen, "%s", v->st.error);
        else if (v->ended)
            snprintf(err, errlen, _("it cannot be decoded%s%s"), v->last_error[0] ? ": " : "",
                     v->last_error);
        else
            snprintf(err, errlen, _("no picture within %.0f s%s%s"), timeout,
                     v->last_error[0] ? ": " : "", v->last_error);
        goto fail;
    }
    v->info.w = (int)prop_int(m, "dwidth");
    v->info.h = (int)prop_int(m, "dheight");
    if (v->info.w <= 0 || v->info.h <= 0) {
        snprintf(err, errlen, _("its picture size is unknown"));
        goto fail;
    }
    if (v->info.w > VIDEO_MAX_SIDE || v->info.h > VIDEO_MAX_SIDE) {
        snprintf(err, errlen, _("its picture is %dx%d; at most %d pixels a side are played"),
                 v->info.w, v->info.h, VIDEO_MAX_SIDE);
        goto fail;
    }
    v->st.preroll_ms = (now_seconds() - v->st.preroll_ms) * 1000;
    v->st.frames = 0;
    v->st.render_ms_total = v->st.render_ms_max = 0;
    return v;
fail:
    video_destroy(v);
    return NULL;
}

int video_alive(void)
{
    return __atomic_load_n(&alive, __ATOMIC_RELAXED);
}

void video_destroy(struct video *v)
{
    if (!v)
        return;
    __atomic_sub_fetch(&alive, 1, __ATOMIC_RELAXED);
    if (v->rc)
        mpv_render_context_free(v->rc); /* before the handle, as render.h asks */
    if (v->mpv)
        mpv_terminate_destroy(v->mpv);
    free(v->px);
    free(v);
    malloc_trim(0); /* the decoder's frames go back to the system, not to a free list */
}

/* One reaper thread destroys clips in turn, so at most one mpv teardown runs besides playback
 * (a board at 100x speed in a soak would otherwise stack them up). */
static pthread_mutex_t reap_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reap_cv = PTHREAD_COND_INITIALIZER, reap_done_cv = PTHREAD_COND_INITIALIZER;
static struct video *reap_queue[16];
static int reap_n, reap_busy;
static bool reap_started;

static void *reaper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&reap_lock);
    for (;;) {
        while (reap_n == 0)
            pthread_cond_wait(&reap_cv, &reap_lock);
        struct video *v = reap_queue[0];
        memmove(reap_queue, reap_queue + 1, (size_t)--reap_n * sizeof *reap_queue);
        reap_busy = 1;
        pthread_mutex_unlock(&reap_lock);
        video_destroy(v);
        pthread_mutex_lock(&reap_lock);
        reap_busy = 0;
        pthread_cond_broadcast(&reap_done_cv);
    }
    return NULL;
}

void video_wait_destroyed(void)
{
    pthread_mutex_lock(&reap_lock);
    while (reap_n > 0 || reap_busy)
        pthread_cond_wait(&reap_done_cv, &reap_lock);
    pthread_mutex_unlock(&reap_lock);
}

void video_destroy_later(struct video *v)
{
    if (!v)
        return;
    pthread_mutex_lock(&reap_lock);
    if (!reap_started) {
        pthread_t t;
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        reap_started = pthread_create(&t, &a, reaper, NULL) == 0;
        pthread_attr_destroy(&a);
    }
    bool queued = reap_started && reap_n < (int)(sizeof reap_queue / sizeof *reap_queue);
    if (queued) {
        reap_queue[reap_n++] = v;
        pthread_cond_signal(&reap_cv);
    }
    pthread_mutex_unlock(&reap_lock);
    if (!queued) /* no reaper, or it is far behind: here, then */
        video_destroy(v);
}

void video_get_info(const struct video *v, struct video_info *out)
{
    *out = v->info;
}

const uint32_t *video_pixels(const struct video *v, int *w, int *h, size_t *stride)
{
    *w = v->w, *h = v->h, *stride = v->stride;
    return v->px;
}

void video_play(struct video *v, bool playing)
{
    if (v->ended || playing == v->playing)
        return;
    int flag = playing ? 0 : 1;
    mpv_set_property(v->mpv, "pause", MPV_FORMAT_FLAG, &flag);
    if (playing) {
        v->playing = true;
        v->play_started = now_seconds();
    } else {
        stop_clock(v);
    }
}

int video_update(struct video *v)
{
    while (pump(v, 0))
        ;
    if (v->ended)
        return -1;
    if (!frame_due(v))
        return 0;
    render(v);
    v->st.frames++;
    return 1;
}

int video_seek_frame(struct video *v, double t, char *err, size_t errlen)
{
    char ts[32];
    snprintf(ts, sizeof ts, "%.3f", t);
    const char *cmd[] = {"seek", ts, "absolute+exact", NULL};
    v->restarted = false;
    if (v->ended || mpv_command(v->mpv, cmd) < 0) {
        snprintf(err, errlen, "cannot seek to %s s", ts);
        return -1;
    }
    if (!wait_frame(v, v->o.timeout > 0 ? v->o.timeout : 10)) {
        snprintf(err, errlen, _("no picture at %s s%s%s"), ts, v->last_error[0] ? ": " : "",
                 v->last_error);
        return -1;
    }
    if (v->last_pos + fmax(0.25, v->info.fps > 0 ? 2 / v->info.fps : 0) < t) {
        snprintf(err, errlen, _("it ends early, at %.1f s of %.1f s: damaged or cut short"),
                 v->last_pos, v->info.duration);
        return -1;
    }
    return 0;
}

void video_get_stats(const struct video *v, struct video_stats *out)
{
    *out = v->st;
    out->seconds = v->played + (v->playing ? now_seconds() - v->play_started : 0);
    if (!v->ended) /* the counters go with the file */
        out->dropped = prop_int(v->mpv, "frame-drop-count") +
                       prop_int(v->mpv, "decoder-frame-drop-count");
}

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

int video_probe(const char *path, struct video_info *out, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read: %s", strerror(errno));
        return -1;
    }
    pthread_mutex_lock(&probe_lock);
    for (size_t i = 0; i < sizeof probe_cache / sizeof *probe_cache; i++) {
        struct probe_entry *e = &probe_cache[i];
        if (e->path && strcmp(e->path, path) == 0 && e->size == st.st_size &&
            e->mtime.tv_sec == st.st_mtim.tv_sec && e->mtime.tv_nsec == st.st_mtim.tv_nsec) {
            *out = e->info;
            snprintf(err, errlen, "%s", e->err);
            int ok = e->ok;
            pthread_mutex_unlock(&probe_lock);
            return ok ? 0 : -1;
        }
    }
    pthread_mutex_unlock(&probe_lock);
    struct probe_entry n = {.path = xstrdup(path), .mtime = st.st_mtim, .size = st.st_size};
    struct video_opts o = {.loops = 1, .probe = true};
    struct video *v = video_open(path, &o, 16, 16, n.err, sizeof n.err);
    if (v) {
        video_get_info(v, &n.info);
        n.ok = 1;
        video_destroy(v);
    }
    *out = n.info;
    snprintf(err, errlen, "%s", n.err);
    pthread_mutex_lock(&probe_lock);
    struct probe_entry *slot = &probe_cache[probe_next++ % (sizeof probe_cache / sizeof *probe_cache)];
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
    uint32_t *out = xmalloc((size_t)w * (size_t)h * 4);
    for (int y = 0; y < h; y++)
        memcpy(out + (size_t)y * (size_t)w, (unsigned char *)v->px + (size_t)y * v->stride,
               (size_t)w * 4);
    video_destroy(v);
    return out;
}
