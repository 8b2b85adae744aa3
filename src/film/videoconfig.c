/* videoconfig.c - how mpv is set up for one clip (videoconfig.h): what is checked before it
 * starts, its options (one local file and nothing else), and the turn of a phone's film. */
#include "film/videoconfig.h"
#include "base/i18n.h"
#include "film/videocontainer.h"

#include <errno.h>
#include <locale.h>
#include <mpv/client.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void videoconfig_set(mpv_handle *m, const char *k, const char *v)
{
    if (mpv_set_option_string(m, k, v) < 0)
        fprintf(stderr, "honorboard: video: mpv option %s=%s not taken\n", k, v);
}

/* What can be told before mpv starts: the file is there, small enough and in a container we
 * open; the output size is sane; numbers are formatted the C way (libmpv refuses to start
 * otherwise). */
bool videoconfig_check_file(const char *path, int w, int h, const char **demuxer,
                            const char **lavf_format, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read: %s", strerror(errno));
        return false;
    }
    if ((unsigned long long)st.st_size > VIDEO_MAX_FILE_BYTES) {
        snprintf(err, errlen, _("it is %.0f MB; videos may be at most %llu MB"),
                 st.st_size / 1048576.0, VIDEO_MAX_FILE_BYTES >> 20);
        return false;
    }
    if (!video_demuxer_for(path, demuxer, lavf_format)) {
        const char *name;
        enum video_other other = video_sniff_other(path, &name);
        if (other == VIDEO_OTHER_EMPTY)
            snprintf(err, errlen, "%s", _("it is an empty file (0 bytes): copy it again"));
        else if (other == VIDEO_OTHER_PICTURE)
            snprintf(err, errlen, _("it is a %s picture, not a film: use type: photo"), name);
        else if (other == VIDEO_OTHER_FILM)
            snprintf(err, errlen,
                     _("it is a %s film, a format this board does not play: save or export it "
                       "as MP4"),
                     name);
        else
            snprintf(err, errlen,
                     _("it is not a video file honorboard plays (MP4, MOV, WebM, MKV, "
                       "AVI or MPEG-TS)"));
        return false;
    }
    if (w < 1 || h < 1 || w > 16384 || h > 16384) {
        snprintf(err, errlen, "bad output size %dx%d", w, h);
        return false;
    }
    const char *num = setlocale(LC_NUMERIC, NULL);
    if (num && strcmp(num, "C") != 0) {
        snprintf(err, errlen, "LC_NUMERIC is '%s'; libmpv needs the C locale for numbers", num);
        return false;
    }
    return true;
}

void videoconfig_apply(mpv_handle *m, const struct video_opts *opts, const char *demuxer,
                       const char *lavf_format)
{
    static const char *const fixed[][2] = {
        {"config", "no"},
        {"terminal", "no"},
        {"vo", "libmpv"},
        {"load-scripts", "no"},
        /* mpv's built-in Lua scripts: a thread and about 2 MB each, for every clip */
        {"load-stats-overlay", "no"},
        {"load-osd-console", "no"},
        {"load-auto-profiles", "no"},
        {"ytdl", "no"},
        {"osc", "no"},
        {"input-default-bindings", "no"},
        {"input-vo-keyboard", "no"},
        {"sub-auto", "no"},
        {"audio-file-auto", "no"},
        {"cover-art-auto", "no"},
        {"access-references", "no"},
        {"load-unsafe-playlists", "no"},
        {"cache", "no"},
        {"idle", "yes"},
        {"keep-open", "no"},
        {"pause", "yes"},
        {"osd-level", "0"},
        {"sid", "no"},
        {"video-rotate", "no"}, /* turned by a filter instead: see turn_filters */
        /* the conversion to the screen's size: mpv's "sw-fast" profile (zimg's default scaler
         * is lanczos, three times the work for a difference nobody sees across a lobby) */
        {"sws-scaler", "bilinear"},
        {"zimg-scaler", "bilinear"},
        {"zimg-dither", "no"},
        /* one decoder thread: frame threading holds a decoded frame more per thread (3 MB each
         * at 1080p), and a 1080p30 H.264 film decodes in 2-7 ms a frame on one core, beside the
         * render thread converting on the other */
        {"vd-lavc-threads", "1"},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        videoconfig_set(m, fixed[i][0], fixed[i][1]);
    videoconfig_set(m, "demuxer", demuxer);
    if (lavf_format)
        videoconfig_set(m, "demuxer-lavf-format", lavf_format);
    videoconfig_set(m, "hwdec", opts->hwdec ? "auto-copy-safe" : "no");
    if (!opts->audio) {
        videoconfig_set(m, "aid", opts->probe ? "auto" : "no");
        videoconfig_set(m, "ao", "null");
    }
    videoconfig_set(m, "panscan", opts->cover ? "1.0" : "0.0");
    char num_s[64];
    if (opts->start > 0) {
        snprintf(num_s, sizeof num_s, "%.3f", opts->start);
        videoconfig_set(m, "start", num_s);
    }
    if (opts->end > 0) {
        snprintf(num_s, sizeof num_s, "%.3f", opts->end);
        videoconfig_set(m, "end", num_s);
    }
    if (opts->loops == 0)
        videoconfig_set(m, "loop-file", "inf");
    else if (opts->loops > 1) {
        snprintf(num_s, sizeof num_s, "%d", opts->loops - 1);
        videoconfig_set(m, "loop-file", num_s);
    }
}

/* Phones record portrait films sideways and say in the container how far to turn them. mpv
 * leaves the turn to the video output, and libmpv's output claims it can turn by 90 degrees,
 * but its software renderer (libmpv_sw.c in 0.35) turns nothing: it crops the unturned frame
 * with the turned frame's rectangle, and mpv asserts (mp_image_crop: x1 <= img->w) and aborts
 * the process; a 180 degree film shows upside down. So mpv is told to ignore the tag
 * (video-rotate=no) and the turn is a filter of ours, set once the file is open and before a
 * decoder starts (the on_preloaded hook): frames reach the renderer upright. mpv's rotation
 * counts clockwise. */
static const char *const turn_filters[][2] = {
    {"90", "lavfi=[transpose=clock]"},
    {"180", "lavfi=[hflip,vflip]"},
    {"270", "lavfi=[transpose=cclock]"},
};

int videoconfig_turn(mpv_handle *m)
{
    char val[16];
    videoconfig_prop_str(m, "track-list/count", val, sizeof val);
    int n = atoi(val);
    for (int i = 0; i < n && i < 64; i++) {
        char k[64];
        snprintf(k, sizeof k, "track-list/%d/type", i);
        videoconfig_prop_str(m, k, val, sizeof val);
        if (strcmp(val, "video") != 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/image", i);
        videoconfig_prop_str(m, k, val, sizeof val);
        if (strcmp(val, "yes") == 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/demux-rotation", i);
        videoconfig_prop_str(m, k, val, sizeof val);
        for (size_t t = 0; t < sizeof turn_filters / sizeof *turn_filters; t++)
            if (strcmp(val, turn_filters[t][0]) == 0) {
                videoconfig_set(m, "vf", turn_filters[t][1]);
                return atoi(val);
            }
        return 0;
    }
    return 0;
}

double videoconfig_prop_double(struct mpv_handle *m, const char *name)
{
    double d = 0;
    if (mpv_get_property(m, name, MPV_FORMAT_DOUBLE, &d) < 0)
        return 0;
    return d;
}

int64_t videoconfig_prop_int(struct mpv_handle *m, const char *name)
{
    int64_t i = 0;
    if (mpv_get_property(m, name, MPV_FORMAT_INT64, &i) < 0)
        return 0;
    return i;
}

void videoconfig_prop_str(struct mpv_handle *m, const char *name, char *out, size_t n)
{
    char *s = mpv_get_property_string(m, name);
    snprintf(out, n, "%s", s ? s : "");
    mpv_free(s);
}

bool videoconfig_read_tracks(struct mpv_handle *m, struct video_info *info)
{
    int64_t n = videoconfig_prop_int(m, "track-list/count");
    bool picture = false;
    for (int64_t i = 0; i < n && i < 64; i++) {
        char k[64], type[16], flag[8];
        snprintf(k, sizeof k, "track-list/%d/type", (int)i);
        videoconfig_prop_str(m, k, type, sizeof type);
        if (strcmp(type, "audio") == 0)
            info->has_audio = true;
        if (strcmp(type, "video") != 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/albumart", (int)i);
        videoconfig_prop_str(m, k, flag, sizeof flag);
        bool art = strcmp(flag, "yes") == 0;
        snprintf(k, sizeof k, "track-list/%d/image", (int)i);
        videoconfig_prop_str(m, k, flag, sizeof flag);
        if (art || strcmp(flag, "yes") == 0)
            continue;
        if (!picture) {
            snprintf(k, sizeof k, "track-list/%d/codec", (int)i);
            videoconfig_prop_str(m, k, info->codec, sizeof info->codec);
            snprintf(k, sizeof k, "track-list/%d/demux-fps", (int)i);
            info->fps = videoconfig_prop_double(m, k);
        }
        picture = true;
    }
    info->duration = videoconfig_prop_double(m, "duration");
    videoconfig_prop_str(m, "file-format", info->container, sizeof info->container);
    return picture;
}

/* Hardware decoding probed once per codec: mpv's auto probe tries every API on every clip, and
 * libvdpau prints "Failed to open VDPAU backend" to stderr itself each time where there is no
 * VDPAU driver (a journal line per clip). What the first clip of a codec got is what the next
 * ones of that codec ask for. */
static struct {
    char codec[32], api[32];
} learned[8];
static int nlearned;
static pthread_mutex_t learned_mu = PTHREAD_MUTEX_INITIALIZER;

/* The codec of the file's first moving picture track ("" when none). */
static void first_video_codec(mpv_handle *m, char *codec, size_t n)
{
    char val[16], k[64];
    codec[0] = '\0';
    videoconfig_prop_str(m, "track-list/count", val, sizeof val);
    for (int i = 0; i < atoi(val) && i < 64 && !codec[0]; i++) {
        char type[16], image[16];
        snprintf(k, sizeof k, "track-list/%d/type", i);
        videoconfig_prop_str(m, k, type, sizeof type);
        snprintf(k, sizeof k, "track-list/%d/image", i);
        videoconfig_prop_str(m, k, image, sizeof image);
        snprintf(k, sizeof k, "track-list/%d/codec", i);
        if (strcmp(type, "video") == 0 && strcmp(image, "yes") != 0)
            videoconfig_prop_str(m, k, codec, n);
    }
}

void videoconfig_hwdec_choose(mpv_handle *m)
{
    char want[32], codec[32];
    videoconfig_prop_str(m, "hwdec", want, sizeof want);
    if (strcmp(want, "no") == 0)
        return; /* not asked for (check's probes) */
    first_video_codec(m, codec, sizeof codec);
    pthread_mutex_lock(&learned_mu);
    for (int i = 0; i < nlearned && codec[0]; i++)
        if (strcmp(learned[i].codec, codec) == 0)
            videoconfig_set(m, "hwdec", learned[i].api);
    pthread_mutex_unlock(&learned_mu);
}

void videoconfig_hwdec_learn(mpv_handle *m)
{
    char want[32], codec[32], api[32];
    videoconfig_prop_str(m, "hwdec", want, sizeof want);
    videoconfig_prop_str(m, "current-tracks/video/codec", codec, sizeof codec);
    if (strcmp(want, "auto-copy-safe") != 0 || !codec[0])
        return; /* not probed (off, or chosen from what was learned) */
    videoconfig_prop_str(m, "hwdec-current", api, sizeof api);
    pthread_mutex_lock(&learned_mu);
    bool known = false;
    for (int i = 0; i < nlearned; i++)
        known |= strcmp(learned[i].codec, codec) == 0;
    if (!known && nlearned < (int)(sizeof learned / sizeof *learned)) {
        snprintf(learned[nlearned].codec, sizeof learned[nlearned].codec, "%s", codec);
        snprintf(learned[nlearned].api, sizeof learned[nlearned].api, "%s", api[0] ? api : "no");
        nlearned++;
        fprintf(stderr, "honorboard: %s films are decoded by %s (hardware decoding probed once)\n",
                codec, api[0] && strcmp(api, "no") != 0 ? api : "software");
    }
    pthread_mutex_unlock(&learned_mu);
}
