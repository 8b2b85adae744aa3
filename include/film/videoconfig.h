/* videoconfig.h - how mpv is set up for one clip (videoconfig.c, used by video.c): the checks
 * made before mpv starts, the options it runs with, and the turn a phone's film asks for. */
#ifndef HB_VIDEOCONFIG_H
#define HB_VIDEOCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mpv_handle; /* <mpv/client.h> */

/* Largest video file accepted (check, import and playback). A five-minute 1080p film at
 * 8 Mbit/s is about 300 MB. */
#define VIDEO_MAX_FILE_BYTES (512ull << 20)
/* Largest picture side accepted; larger clips are refused, not decoded (video_settings.max_w
 * and max_h may say less). */
#define VIDEO_MAX_SIDE 4096

/* What a clip holds (video_get_info). */
struct video_info {
    int w, h;        /* picture size, display aspect applied */
    double duration; /* seconds; <= 0 when unknown */
    double fps;      /* container frame rate; 0 when unknown */
    int rotation;    /* degrees clockwise the file's tag turns the picture (w, h: turned) */
    bool has_audio;
    bool interlaced;    /* its frames are interlaced (1080i): they are deinterlaced */
    int subtitle_track; /* the subtitle track drawn (mpv's track id), 0 = none */
    char codec[32];     /* "h264", "vp9", ... */
    char container[32];
};

/* Whether a clip's subtitles are drawn (video_opts.subtitles). AUTO: a track in Chinese, or
 * one that names no language, is drawn; ON: the first of those, else any subtitle track. */
enum video_subs { VIDEO_SUBS_OFF, VIDEO_SUBS_AUTO, VIDEO_SUBS_ON };

/* How a clip is opened (video_open). */
struct video_opts {
    double start;       /* seconds into the file; 0 = its beginning */
    double end;         /* seconds into the file; <= 0 = its end */
    int loops;          /* plays of the (trimmed) clip; 0 = for ever (a fixed duration cuts it) */
    bool audio;         /* false: no sound track is decoded and no audio device is opened */
    bool cover;         /* fill the w x h box, cropping (else the whole frame, which must then have
                           the box's aspect) */
    bool hwdec;         /* hardware decoding where the machine has it (playback) */
    bool behind_screen; /* playback: mpv's threads and the render thread run at a lower
                           priority than the frame thread (setpriority; not for checks, whose
                           sandbox does not allow it) */
    bool probe;         /* checking: sound tracks are selected too (no device is opened), so a
                           sound-only file is told apart from a broken one */
    double timeout;     /* seconds to wait for the first frame; 0 = 10 s */
    int subtitles;      /* enum video_subs; OFF (0) for checks and posters */
};

/* The board's settings for every clip of the process (config.yaml's hwdec and
 * video_max_size), set once by the command before its first clip (video_configure). */
struct video_settings {
    bool hwdec;       /* hardware decoding where the machine has it (mpv's auto-copy-safe) for clips
                         whose opts ask for it (playback); default false: see README */
    int max_w, max_h; /* largest picture played (the memory a clip may take); default
                         VIDEO_MAX_SIDE x VIDEO_MAX_SIDE */
};
void video_configure(const struct video_settings *s);
void video_settings_get(struct video_settings *out);
/* True, with a message in err, when a w x h picture is larger than the board plays
 * (VIDEO_MAX_SIDE, and video_settings' max_w x max_h either way round). */
bool video_too_big(int w, int h, char *err, size_t errlen);
/* The file is open, no decoder started yet (on_preloaded): video_too_big() of its first moving
 * picture's track, as the container states its size. */
bool videoconfig_too_big_track(struct mpv_handle *m, char *err, size_t errlen);
/* The CJK font subtitles are drawn in (libass, through fontconfig). */
#define VIDEO_SUB_FONT "Noto Sans CJK SC"

/* mpv's option k set to v; a refusal is said on stderr (an option this mpv lacks). */
void videoconfig_set(struct mpv_handle *m, const char *k, const char *v);

/* What can be told before mpv starts: path is there, small enough and in a container we open
 * (its demuxer and lavf format set); the w x h output is sane; numbers are formatted the C way.
 * False with a message in err otherwise. */
bool videoconfig_check_file(const char *path, int w, int h, const char **demuxer,
                            const char **lavf_format, char *err, size_t errlen);

/* mpv's options: one local file, nothing else, then what opts ask for. Before mpv_initialize. */
void videoconfig_apply(struct mpv_handle *m, const struct video_opts *opts, const char *demuxer,
                       const char *lavf_format);

/* The file is open, no decoder started yet (mpv's on_preloaded hook): the turn its first moving
 * picture's tag asks for becomes a filter. Returns the degrees clockwise (0, 90, 180, 270). */
int videoconfig_turn(struct mpv_handle *m);

/* The first frame is decoded: when it says it is interlaced, a deinterlacing filter goes in
 * front of the others. True when it did (the caller decodes the frame again). */
bool videoconfig_deinterlace(struct mpv_handle *m);

/* The file is open, no decoder started yet (on_preloaded): the subtitle track `want` (enum
 * video_subs) asks for is selected. Returns its track id, 0 when none. */
int videoconfig_subtitles(struct mpv_handle *m, int want);

/* Hardware decoding probed once per codec (libvdpau's "Failed to open VDPAU backend" once, not
 * per clip): _choose() in the on_preloaded hook sets what an earlier clip of the file's codec
 * found; _learn(), once the clip plays, keeps what mpv's probe found. Any thread. */
void videoconfig_hwdec_choose(struct mpv_handle *m);
void videoconfig_hwdec_learn(struct mpv_handle *m);

/* mpv's property name as a number or text (0 or "" when it has none). */
double videoconfig_prop_double(struct mpv_handle *m, const char *name);
int64_t videoconfig_prop_int(struct mpv_handle *m, const char *name);
void videoconfig_prop_str(struct mpv_handle *m, const char *name, char *out, size_t n);

/* The file is loaded: what its tracks hold, into info (codec, fps, duration, container, sound).
 * False when it has no moving picture (sound only, or only a cover image). */
bool videoconfig_read_tracks(struct mpv_handle *m, struct video_info *info);

#endif
