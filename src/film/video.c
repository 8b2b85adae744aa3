/* video.c - a clip played with libmpv's software render API (MPV_RENDER_API_TYPE_SW, in
 * Debian 12's mpv 0.35). mpv decodes on its own threads; a render thread of ours, one per clip
 * (videoframes.c), converts each frame mpv says is due into one of two pixel buffers at the
 * size it shows at, and the frame loop takes the newest finished one (video_update) and uploads
 * it: the frame thread never waits for a conversion. Opening waits for the first frame
 * (pre-roll) so the worker pays for it, not the slide change. During playback mpv's threads and
 * the render thread run at a lower priority than the frame thread (behind_screen).
 *
 * mpv is configured as a player of one local file and nothing else: no config files, scripts,
 * key bindings, external subtitle/audio files, file references or playlists, and the demuxer is
 * forced to the container the file's bytes name (video_demuxer_for). */
#include "film/video.h"
#include "base/util.h"
#include "base/i18n.h"
#include "film/videoconfig.h"
#include "film/videoframes.h"
#include "film/videocontainer.h"

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
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static int alive; /* clips open, read and written atomically */

struct video {
    mpv_handle *mpv;
    mpv_render_context *rc;
    struct videoframes *frames; /* the render thread and its buffers */
    struct video_opts o;
    int w, h;
    struct video_info info;
    bool loaded, ended, restarted, playing;
    double last_pos; /* seconds into the file of the frame on show (mpv's time-pos) */
    double play_started, played;
    long taken;                  /* frames taken since the pre-roll */
    int64_t vo_drops, dec_drops; /* mpv's counters, last seen */
    struct video_stats st;
    char last_error[200];             /* mpv's last error-level log line */
    struct videoframes_counts before; /* of the render threads before a resize */
    double last_frame_at;             /* when the frame loop last took a new frame, playing */
    uint64_t seq;                     /* its place in the order clips were started */
    double shown_pos;                 /* seconds into the file of the frame taken last */
    void (*wake)(void *ctx);          /* told of each new frame (video_set_wake) */
    void *wake_ctx;
};

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

/* mpv's last error line, for the message in English; a Chinese message would be half English
 * with it, so there it goes to the journal only. */
static const char *detail(const struct video *v)
{
    if (!v->last_error[0] || !i18n_chinese())
        return v->last_error;
    fprintf(stderr, "honorboard: video: %s\n", v->last_error);
    return "";
}

/* mpv's errors in the author's words (mpv_error_string() is English). */
static const char *error_words(int error)
{
    static const struct {
        int error;
        const char *words;
    } words[] = {
        {MPV_ERROR_NOTHING_TO_PLAY, N_("nothing in it can be played")},
        {MPV_ERROR_UNKNOWN_FORMAT, N_("its format is not recognised: it is damaged or not a film")},
        {MPV_ERROR_LOADING_FAILED, N_("it cannot be opened: it is damaged or cut short")},
        {MPV_ERROR_AO_INIT_FAILED, N_("no sound device could be opened")},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (words[i].error == error)
            return _(words[i].words);
    return mpv_error_string(error);
}

static void fail(struct video *v, const char *fmt, const char *detail_words)
{
    if (v->st.failed)
        return;
    v->st.failed = true;
    snprintf(v->st.error, sizeof v->st.error, fmt, detail_words);
    const char *more = detail(v);
    if (more[0] && strlen(v->st.error) + 4 < sizeof v->st.error)
        snprintf(v->st.error + strlen(v->st.error), sizeof v->st.error - strlen(v->st.error),
                 " (%s)", more);
}

/* Properties observed, by reply_userdata: the frame on show and mpv's drop counters (kept
 * here, since they go with the file when it ends). */
enum { OBS_POS = 1, OBS_VO_DROPS, OBS_DEC_DROPS };
static void observed(struct video *v, uint64_t id, const mpv_event_property *pr)
{
    if (!pr->data)
        return;
    if (id == OBS_POS && pr->format == MPV_FORMAT_DOUBLE)
        v->last_pos = *(const double *)pr->data;
    else if (id == OBS_VO_DROPS && pr->format == MPV_FORMAT_INT64)
        v->vo_drops = *(const int64_t *)pr->data;
    else if (id == OBS_DEC_DROPS && pr->format == MPV_FORMAT_INT64)
        v->dec_drops = *(const int64_t *)pr->data;
}

/* An error of the film's demuxer or decoder. FFmpeg's lines go to the mpv instance initialized
 * last (mpv's av_log.c), so they are this clip's only while no clip was started after it (the
 * next one pre-rolling takes them: then they are not counted, rather than counted twice). */
static uint64_t init_seq; /* read and written atomically */
static bool is_decode_error(const struct video *v, const mpv_event_log_message *m)
{
    static const char *const stream[] = {"ffmpeg/video", "ffmpeg/demuxer"};
    if (m->log_level > MPV_LOG_LEVEL_ERROR ||
        v->seq != __atomic_load_n(&init_seq, __ATOMIC_RELAXED))
        return false;
    for (size_t i = 0; i < sizeof stream / sizeof *stream; i++)
        if (strcmp(m->prefix, stream[i]) == 0)
            return true;
    return false;
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
        if (m->log_level <= MPV_LOG_LEVEL_ERROR)
            snprintf(v->last_error, sizeof v->last_error, "%s: %.*s", m->prefix, (int)n, m->text);
        if (v->playing && is_decode_error(v, m)) { /* damage in the film: when, and what */
            int k = v->st.nerrors++;
            if (k < (int)(sizeof v->st.errors / sizeof *v->st.errors)) {
                v->st.errors[k].at = v->last_pos;
                snprintf(v->st.errors[k].text, sizeof v->st.errors[k].text, "%s: %.*s", m->prefix,
                         (int)n, m->text);
            }
        }
        break;
    }
    case MPV_EVENT_FILE_LOADED:
        v->loaded = true;
        if (!videoconfig_read_tracks(v->mpv, &v->info)) {
            fail(v, "%s",
                 v->info.has_audio ? _("it has no picture, only sound") : _("it has no picture"));
            v->ended = true;
        }
        break;
    case MPV_EVENT_HOOK: { /* on_preloaded: see start() */
        const mpv_event_hook *h = e->data;
        char big[256];
        if (videoconfig_too_big_track(v->mpv, big, sizeof big)) { /* no frame of it decoded */
            fail(v, "%s", big);
            v->ended = true;
        }
        v->info.rotation = videoconfig_turn(v->mpv);
        v->st.subtitles = v->info.subtitle_track = videoconfig_subtitles(v->mpv, v->o.subtitles);
        videoconfig_hwdec_choose(v->mpv);
        mpv_hook_continue(v->mpv, h->id);
        break;
    }
    case MPV_EVENT_PLAYBACK_RESTART:
        if (!v->restarted)
            videoconfig_hwdec_learn(v->mpv);
        v->restarted = true;
        break;
    case MPV_EVENT_PROPERTY_CHANGE: /* observed: see start() */
        observed(v, e->reply_userdata, e->data);
        break;
    case MPV_EVENT_END_FILE: {
        const mpv_event_end_file *ef = e->data;
        if (ef->reason == MPV_END_FILE_REASON_ERROR)
            fail(v, "%s", error_words(ef->error));
        else if (ef->reason == MPV_END_FILE_REASON_EOF && v->taken > 0 &&
                 ends_early(v, v->last_pos))
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

/* Waits until the frame after the last (re)start is rendered and taken; false on end, error
 * or timeout. mpv's output waits for the render thread before it reports the restart, so a
 * frame held here is let go whenever the render thread waits to write a newer one. */
static bool wait_frame(struct video *v, double timeout)
{
    double until = now_seconds() + timeout;
    bool have = false;
    while (!v->ended && now_seconds() < until) {
        while (pump(v, 0))
            ;
        if (videoframes_yield(v->frames)) /* a newer frame comes: this is not the one */
            have = false;
        have |= videoframes_take(v->frames);
        if (v->restarted && have) {
            double pos;
            if (mpv_get_property(v->mpv, "time-pos", MPV_FORMAT_DOUBLE, &pos) >= 0)
                v->last_pos = pos;
            return true;
        }
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

/* mpv_create() on a short-lived thread that first lowers its own priority: mpv's core thread
 * starts there, and every thread it starts (demuxer, decoders, output) inherits the nice value,
 * so the frame thread that puts frames on screen wins the cores at the moment it wakes. (A
 * thread may lower its own priority but, unprivileged, never raise it again: hence a thread of
 * its own rather than the caller lowering itself for a moment.) */
#define VIDEO_NICE 4
static void *create_thread(void *out)
{
    setpriority(PRIO_PROCESS, (id_t)gettid(), VIDEO_NICE); /* this thread only, on Linux */
    *(mpv_handle **)out = mpv_create();
    return NULL;
}

static mpv_handle *create_behind_screen(void)
{
    mpv_handle *m = NULL;
    pthread_t t;
    if (pthread_create(&t, NULL, create_thread, &m) != 0)
        return mpv_create();
    pthread_join(t, NULL);
    return m;
}

/* mpv started, its render context made, the render thread running and the file asked for. */
static bool start(struct video *v, const char *path, char *err, size_t errlen)
{
    mpv_handle *m = v->mpv;
    v->seq = __atomic_add_fetch(&init_seq, 1, __ATOMIC_RELAXED);
    if (mpv_initialize(m) < 0) {
        snprintf(err, errlen, "cannot start the video decoder");
        return false;
    }
    mpv_request_log_messages(m, "warn"); /* the decoder's errors on frames are warnings */
    mpv_hook_add(m, 0, "on_preloaded", 0);
    mpv_observe_property(m, OBS_POS, "time-pos", MPV_FORMAT_DOUBLE);
    mpv_observe_property(m, OBS_VO_DROPS, "frame-drop-count", MPV_FORMAT_INT64);
    mpv_observe_property(m, OBS_DEC_DROPS, "decoder-frame-drop-count", MPV_FORMAT_INT64);
    static char sw[] = MPV_RENDER_API_TYPE_SW;
    mpv_render_param rp[] = {{MPV_RENDER_PARAM_API_TYPE, sw}, {MPV_RENDER_PARAM_INVALID, NULL}};
    if (mpv_render_context_create(&v->rc, m, rp) < 0) {
        snprintf(err, errlen, "cannot start mpv's software renderer");
        return false;
    }
    int nice = v->o.behind_screen ? VIDEO_NICE : 0;
    if (!(v->frames = videoframes_create(v->rc, v->w, v->h, nice))) {
        snprintf(err, errlen, "cannot start the video's render thread (out of memory?)");
        return false;
    }
    /* a relative name that looks like a URL ("a:b.mp4") must stay a file name */
    char *arg = path[0] == '/' ? xstrdup(path) : xasprintf("./%s", path);
    const char *cmd[] = {"loadfile", arg, NULL};
    int rc = mpv_command(m, cmd);
    free(arg);
    if (rc < 0) {
        snprintf(err, errlen, "cannot open: %s", mpv_error_string(rc));
        return false;
    }
    return true;
}

/* Waits for the first frame, checks the picture's size and deinterlaces an interlaced film. */
static bool preroll(struct video *v, char *err, size_t errlen)
{
    double timeout = v->o.timeout > 0 ? v->o.timeout : 10;
    if (!wait_frame(v, timeout)) {
        if (v->st.failed)
            snprintf(err, errlen, "%s", v->st.error);
        else if (v->ended)
            snprintf(err, errlen, _("it cannot be decoded%s%s"), detail(v)[0] ? ": " : "",
                     detail(v));
        else
            snprintf(err, errlen, _("no picture within %.0f s%s%s"), timeout,
                     detail(v)[0] ? ": " : "", detail(v));
        return false;
    }
    v->info.w = (int)videoconfig_prop_int(v->mpv, "dwidth");
    v->info.h = (int)videoconfig_prop_int(v->mpv, "dheight");
    if (v->info.w <= 0 || v->info.h <= 0) {
        snprintf(err, errlen, _("its picture size is unknown"));
        return false;
    }
    if (video_too_big(v->info.w, v->info.h, err, errlen))
        return false;
    if (videoconfig_deinterlace(v->mpv)) { /* the first frame again, through the filter */
        v->info.interlaced = v->st.deinterlaced = true;
        char ts[32];
        snprintf(ts, sizeof ts, "%.3f", v->o.start);
        const char *cmd[] = {"seek", ts, "absolute+exact", NULL};
        v->restarted = false;
        if (mpv_command(v->mpv, cmd) < 0 || !wait_frame(v, timeout)) {
            snprintf(err, errlen, _("it cannot be decoded%s%s"), detail(v)[0] ? ": " : "",
                     detail(v));
            return false;
        }
    }
    return true;
}

struct video *video_open(const char *path, const struct video_opts *opts, int w, int h, char *err,
                         size_t errlen)
{
    pthread_once(&arenas_once, limit_arenas);
    const char *demuxer, *lavf_format;
    if (!videoconfig_check_file(path, w, h, &demuxer, &lavf_format, err, errlen))
        return NULL;
    struct video *v = xcalloc(1, sizeof *v);
    __atomic_add_fetch(&alive, 1, __ATOMIC_RELAXED);
    v->o = *opts;
    v->w = w, v->h = h;
    snprintf(v->st.file, sizeof v->st.file, "%s", path);
    double t0 = now_seconds();
    if (!(v->mpv = opts->behind_screen ? create_behind_screen() : mpv_create())) {
        snprintf(err, errlen, "cannot start the video decoder (out of memory?)");
        goto fail;
    }
    videoconfig_apply(v->mpv, opts, demuxer, lavf_format);
    if (!start(v, path, err, errlen) || !preroll(v, err, errlen))
        goto fail;
    v->st.preroll_ms = (now_seconds() - t0) * 1000;
    videoframes_reset_counts(v->frames); /* from here on, the counts are playback's */
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
    videoframes_destroy(v->frames); /* its thread first: one mpv_render_* call at a time */
    if (v->rc)
        mpv_render_context_free(v->rc); /* before the handle, as render.h asks */
    if (v->mpv)
        mpv_terminate_destroy(v->mpv);
    free(v);
    malloc_trim(0); /* the decoder's frames go back to the system, not to a free list */
}

void video_get_info(const struct video *v, struct video_info *out)
{
    *out = v->info;
}

const uint32_t *video_pixels(const struct video *v, int *w, int *h, size_t *stride)
{
    *w = v->w, *h = v->h;
    return videoframes_pixels(v->frames, stride);
}

void video_release_pixels(struct video *v)
{
    if (v->frames)
        videoframes_release(v->frames);
}

void video_option(const struct video *v, const char *name, char *out, size_t n)
{
    char k[128];
    snprintf(k, sizeof k, "options/%s", name);
    videoconfig_prop_str(v->mpv, k, out, n);
}

uint32_t *video_take_pixels(struct video *v, size_t *stride)
{
    return videoframes_detach(v->frames, stride);
}

size_t video_buffer_bytes(void)
{
    return videoframes_bytes();
}

void video_set_wake(struct video *v, void (*wake)(void *ctx), void *ctx)
{
    v->wake = wake, v->wake_ctx = ctx;
    if (v->frames)
        videoframes_set_wake(v->frames, wake, ctx);
}

/* The clip goes on at its place in the film; only the size it is converted to changes: a new
 * render thread and buffer of the new size (mpv's render context draws at any size it is
 * asked for), the first of its frames the one on show now. */
bool video_resize(struct video *v, int w, int h)
{
    if (!v->frames || (w == v->w && h == v->h))
        return v->frames != NULL;
    if (w < 1 || h < 1 || w > 16384 || h > 16384)
        return false;
    struct videoframes_counts n;
    videoframes_counts(v->frames, &n);
    v->before.rendered += n.rendered;
    v->before.ms_total += n.ms_total;
    v->before.ms_max = fmax(v->before.ms_max, n.ms_max);
    videoframes_destroy(v->frames);
    int nice = v->o.behind_screen ? VIDEO_NICE : 0;
    v->w = w, v->h = h;
    if (!(v->frames = videoframes_create(v->rc, w, h, nice))) {
        fail(v, "%s", "cannot start the video's render thread (out of memory?)");
        v->ended = true;
        stop_clock(v);
        return false;
    }
    if (v->wake)
        videoframes_set_wake(v->frames, v->wake, v->wake_ctx);
    return true;
}

void video_play(struct video *v, bool playing)
{
    if (v->ended || playing == v->playing)
        return;
    while (playing && pump(v, 0)) /* lines queued while it waited were not its own */
        ;
    int flag = playing ? 0 : 1;
    mpv_set_property(v->mpv, "pause", MPV_FORMAT_FLAG, &flag);
    if (playing) {
        v->playing = true;
        v->play_started = v->last_frame_at = now_seconds(); /* a pause is no freeze */
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
    videoframes_release(v->frames); /* the caller is done with the last one by now */
    if (!videoframes_take(v->frames))
        return 0;
    v->taken++;
    double now = now_seconds(), gap = now - v->last_frame_at;
    double limit = fmax(VIDEO_FREEZE_SECONDS, v->info.fps > 0 ? 2.5 / v->info.fps : 0);
    if (v->playing && v->last_frame_at > 0 && gap > limit) {
        int k = v->st.nfreezes++;
        if (k < (int)(sizeof v->st.freezes / sizeof *v->st.freezes)) {
            v->st.freezes[k].at = v->shown_pos; /* the frame that stood still */
            v->st.freezes[k].seconds = gap;
        }
    }
    v->last_frame_at = v->playing ? now : 0;
    v->shown_pos = v->last_pos;
    return 1;
}

/* Seeks to the keyframe at or before t and plays from there to the clip's end at a few times its
 * speed, counting only frames converted after the seek (time-pos alone says where mpv was asked
 * to go, and the frame on show may be the one from before the seek, drawn again): the answer
 * depends on the bytes, not on how busy the machine is. */
int video_play_tail(struct video *v, double t, char *err, size_t errlen)
{
    char ts[32];
    snprintf(ts, sizeof ts, "%.3f", t);
    const char *cmd[] = {"seek", ts, "absolute+keyframes", NULL};
    v->restarted = false;
    if (v->ended || mpv_command(v->mpv, cmd) < 0) {
        snprintf(err, errlen, "cannot seek to %s s", ts);
        return -1;
    }
    /* every frame decoded is shown (none dropped for being late on a busy machine: then it
     * plays slower), so the position mpv reports walks through all of them to the last */
    double speed = 4;
    mpv_set_property(v->mpv, "speed", MPV_FORMAT_DOUBLE, &speed);
    mpv_set_property_string(v->mpv, "framedrop", "no");
    videoframes_release(v->frames); /* the pre-roll's frame */
    video_play(v, true);
    long fresh = 0;
    double pos = -1, tail = v->info.duration - t + 1;
    double until = now_seconds() + (v->o.timeout > 0 ? v->o.timeout : 10) + tail;
    while (!v->ended && now_seconds() < until) {
        if (!pump(v, 0.01)) {
            videoframes_release(v->frames);
            if (videoframes_take(v->frames) && v->restarted)
                fresh++, v->taken++;
        }
        if (fresh > 0) /* time-pos says where the seek went until a frame from there came */
            pos = fmax(pos, v->last_pos);
    }
    video_play(v, false);
    if (fresh > 0 && ends_early(v, pos)) {
        snprintf(err, errlen, _("it ends early, at %.1f s of %.1f s: damaged or cut short"), pos,
                 v->info.duration);
        return -1;
    }
    if (v->st.failed) {
        snprintf(err, errlen, "%s", v->st.error);
        return -1;
    }
    if (!v->ended || fresh == 0) {
        snprintf(err, errlen, _("no picture at %s s%s%s"), ts, detail(v)[0] ? ": " : "", detail(v));
        return -1;
    }
    return 0;
}

void video_get_stats(const struct video *v, struct video_stats *out)
{
    *out = v->st;
    out->seconds = v->played + (v->playing ? now_seconds() - v->play_started : 0);
    out->frames = v->taken;
    struct videoframes_counts n = {0};
    if (v->frames)
        videoframes_counts(v->frames, &n);
    n.rendered += v->before.rendered;
    n.ms_total += v->before.ms_total;
    n.ms_max = fmax(n.ms_max, v->before.ms_max);
    out->render_ms_total = n.ms_total;
    out->render_ms_max = n.ms_max;
    /* converted but never shown: a newer one was finished before the frame loop came for it
     * (the last one may still be waiting) */
    out->unshown = n.rendered - v->taken > 1 ? n.rendered - v->taken - 1 : 0;
    out->dropped = (long)(v->vo_drops + v->dec_drops) + out->unshown;
}
