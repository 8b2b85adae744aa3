/* videoconfig.c - how mpv is set up for one clip (videoconfig.h): what is checked before it
 * starts, its options (one local file and nothing else), and the turn of a phone's film. */
#include "film/videoconfig.h"
#include "base/i18n.h"
#include "base/util.h"
#include "film/videocontainer.h"

#include <dlfcn.h>
#include <errno.h>
#include <glob.h>
#include <locale.h>
#include <mpv/client.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the board's settings, one set for every clip of the process -------------------------- */

static struct video_settings settings = {.max_w = VIDEO_MAX_SIDE, .max_h = VIDEO_MAX_SIDE};
static pthread_mutex_t settings_lock = PTHREAD_MUTEX_INITIALIZER;

void video_configure(const struct video_settings *s)
{
    pthread_mutex_lock(&settings_lock);
    settings = *s;
    if (settings.max_w < 1 || settings.max_w > VIDEO_MAX_SIDE)
        settings.max_w = VIDEO_MAX_SIDE;
    if (settings.max_h < 1 || settings.max_h > VIDEO_MAX_SIDE)
        settings.max_h = VIDEO_MAX_SIDE;
    pthread_mutex_unlock(&settings_lock);
}

void video_settings_get(struct video_settings *out)
{
    pthread_mutex_lock(&settings_lock);
    *out = settings;
    pthread_mutex_unlock(&settings_lock);
}

bool video_too_big(int w, int h, char *err, size_t errlen)
{
    struct video_settings set;
    video_settings_get(&set);
    int mw = set.max_w < VIDEO_MAX_SIDE ? set.max_w : VIDEO_MAX_SIDE;
    int mh = set.max_h < VIDEO_MAX_SIDE ? set.max_h : VIDEO_MAX_SIDE;
    /* a portrait film within a landscape limit turned is within it */
    if ((w <= mw && h <= mh) || (h <= mw && w <= mh))
        return false;
    if (mw == VIDEO_MAX_SIDE && mh == VIDEO_MAX_SIDE)
        snprintf(err, errlen, _("its picture is %dx%d; at most %d pixels a side are played"), w, h,
                 VIDEO_MAX_SIDE);
    else
        snprintf(err, errlen,
                 _("its picture is %dx%d; this board plays films of at most %dx%d "
                   "(video_max_size in its config): export it at that size"),
                 w, h, mw, mh);
    return true;
}

/* The file's first moving picture, by its track's size, is larger than the board plays. */
bool videoconfig_too_big_track(mpv_handle *m, char *err, size_t errlen)
{
    int64_t n = videoconfig_prop_int(m, "track-list/count");
    for (int64_t i = 0; i < n && i < 64; i++) {
        char k[64], val[16];
        snprintf(k, sizeof k, "track-list/%d/type", (int)i);
        videoconfig_prop_str(m, k, val, sizeof val);
        if (strcmp(val, "video") != 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/image", (int)i);
        videoconfig_prop_str(m, k, val, sizeof val);
        if (strcmp(val, "yes") == 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/demux-w", (int)i);
        int w = (int)videoconfig_prop_int(m, k);
        snprintf(k, sizeof k, "track-list/%d/demux-h", (int)i);
        int h = (int)videoconfig_prop_int(m, k);
        return w > 0 && h > 0 && video_too_big(w, h, err, errlen);
    }
    return false;
}

/* ---- sound: only outputs that are there --------------------------------------------------- */

/* mpv tries its sound outputs in turn, and each that finds no device says so on stderr: ALSA's
 * library 16 lines a clip ("ALSA lib confmisc.c: cannot find card '0'"), PipeWire's a few more.
 * So mpv is offered only the outputs whose device or server is there (none: the null output,
 * a silent film), and ALSA's own error printer, if mpv loaded the library, prints nothing. */
static void alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt,
                       ...)
{
    (void)file, (void)line, (void)function, (void)err, (void)fmt;
}

static void sound_outputs(char *out, size_t n)
{
    const char *rt = getenv("XDG_RUNTIME_DIR"), *ps = getenv("PULSE_SERVER");
    char pw[512], pa[512];
    snprintf(pw, sizeof pw, "%s/pipewire-0", rt && *rt ? rt : "/nonexistent");
    snprintf(pa, sizeof pa, "%s/pulse/native", rt && *rt ? rt : "/nonexistent");
    glob_t g = {0};
    bool alsa = glob("/dev/snd/pcmC*D*p", GLOB_NOSORT, NULL, &g) == 0 && g.gl_pathc > 0;
    globfree(&g);
    const struct {
        const char *ao;
        bool there;
    } outs[] = {{"pipewire", access(pw, F_OK) == 0},
                {"pulse", access(pa, F_OK) == 0 || access("/run/pulse/native", F_OK) == 0 ||
                              (ps && *ps)}, /* a session's server, the system's, or one named */
                {"alsa", alsa}};
    out[0] = 0;
    for (size_t i = 0; i < sizeof outs / sizeof *outs; i++)
        if (outs[i].there)
            snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "," : "", outs[i].ao);
    if (!out[0])
        snprintf(out, n, "null");
    void *asound = dlopen("libasound.so.2", RTLD_LAZY | RTLD_NOLOAD);
    if (asound) {
        int (*set)(void *) = (int (*)(void *))dlsym(asound, "snd_lib_error_set_handler");
        if (set)
            set((void *)alsa_quiet);
        dlclose(asound);
    }
}

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
        snprintf(err, errlen, _("cannot read: %s"), _(file_error_text(errno)));
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
    struct video_settings set;
    video_settings_get(&set);
    videoconfig_set(m, "hwdec", opts->hwdec && set.hwdec ? "auto-copy-safe" : "no");
    char aos[64] = "null";
    if (opts->audio)
        sound_outputs(aos, sizeof aos);
    else
        videoconfig_set(m, "aid", opts->probe ? "auto" : "no");
    videoconfig_set(m, "ao", aos);
    if (opts->subtitles != VIDEO_SUBS_OFF && !opts->probe) {
        /* drawn by libass into the frame, in the board's CJK font whatever the file's styles
         * say; fonts the file carries are not loaded (untrusted font files) */
        videoconfig_set(m, "sub-font", VIDEO_SUB_FONT);
        videoconfig_set(m, "sub-ass-override", "force");
        videoconfig_set(m, "embeddedfonts", "no");
        videoconfig_set(m, "sub-font-provider", "fontconfig");
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

/* Interlaced footage (a camcorder's or a broadcast's 1080i) shows combs on every moving edge.
 * mpv 0.35's deinterlace option knows only yes and no, and yes deinterlaces every frame and
 * doubles the frame rate; so the decoder's first frame says (video-frame-info/interlaced), and
 * an interlaced film gets FFmpeg's yadif, one frame out per frame in (the rate the board is
 * built for), leaving any progressive frame of it as it is. It goes first: fields must be
 * woven back before a phone's turn. */
bool videoconfig_deinterlace(mpv_handle *m)
{
    char val[8];
    videoconfig_prop_str(m, "video-frame-info/interlaced", val, sizeof val);
    if (strcmp(val, "yes") != 0)
        return false;
    const char *cmd[] = {"vf", "pre", "@deinterlace:lavfi=[yadif=mode=send_frame:deint=interlaced]",
                         NULL};
    return mpv_command(m, cmd) >= 0;
}

/* Chinese as containers write it: ISO 639-2 (chi, zho), BCP 47 (zh, zh-CN, zh-Hans ...) and
 * the names of a few tools */
static bool chinese(const char *lang)
{
    static const char *const zh[] = {"chi", "zho", "zh", "chs", "cht", "cmn", "yue", "chn"};
    for (size_t i = 0; i < sizeof zh / sizeof *zh; i++)
        if (strcasecmp(lang, zh[i]) == 0)
            return true;
    return strncasecmp(lang, "zh-", 3) == 0 || strncasecmp(lang, "zh_", 3) == 0;
}

int videoconfig_subtitles(mpv_handle *m, int want)
{
    if (want == VIDEO_SUBS_OFF)
        return 0;
    int64_t n = videoconfig_prop_int(m, "track-list/count");
    int pick = 0, any = 0;
    for (int64_t i = 0; i < n && i < 64 && !pick; i++) {
        char k[64], val[32];
        snprintf(k, sizeof k, "track-list/%d/type", (int)i);
        videoconfig_prop_str(m, k, val, sizeof val);
        if (strcmp(val, "sub") != 0)
            continue;
        snprintf(k, sizeof k, "track-list/%d/id", (int)i);
        int id = (int)videoconfig_prop_int(m, k);
        any = any ? any : id;
        snprintf(k, sizeof k, "track-list/%d/lang", (int)i);
        videoconfig_prop_str(m, k, val, sizeof val);
        if (!val[0] || strcasecmp(val, "und") == 0 || chinese(val))
            pick = id;
    }
    if (!pick && want == VIDEO_SUBS_ON)
        pick = any;
    if (pick) {
        char id_s[16];
        snprintf(id_s, sizeof id_s, "%d", pick);
        videoconfig_set(m, "sid", id_s);
    }
    return pick;
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
