/* videoconfig.h - how mpv is set up for one clip (videoconfig.c, used by video.c): the checks
 * made before mpv starts, the options it runs with, and the turn a phone's film asks for. */
#ifndef HB_VIDEOCONFIG_H
#define HB_VIDEOCONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct mpv_handle; /* <mpv/client.h> */

/* Largest video file accepted (check, import and playback). A five-minute 1080p film at
 * 8 Mbit/s is about 300 MB. */
#define VIDEO_MAX_FILE_BYTES (512ull << 20)

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
};

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

#endif
