/* video.h - one video clip played with libmpv through its software render API: opened and
 * pre-rolled (first frame decoded, paused) on the worker thread, then started by the frame
 * loop, which takes each new frame as plain pixels (converted on the clip's own render thread)
 * and uploads them itself. No SDL in here; the caller owns the screen.
 *
 * Untrusted files: only MP4/MOV, Matroska/WebM, AVI and MPEG-TS are opened, recognised by
 * their bytes, and mpv's demuxer is forced to the one the bytes name (a file can never be
 * taken for a playlist or a network stream); scripts, config files, external subtitle and
 * audio files, and references to other files are off. */
#ifndef HB_VIDEO_H
#define HB_VIDEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "film/videoconfig.h" /* struct video_opts, struct video_info */

/* What the board is built to show; a clip above it plays, with a warning from check. */
#define VIDEO_BOARD_W 1920
#define VIDEO_BOARD_H 1080
#define VIDEO_BOARD_FPS 30.5

struct video;

struct video_stats {
    double seconds;    /* wall-clock seconds it played (pauses excluded) */
    long frames;       /* distinct frames handed to the screen */
    long dropped;      /* frames not shown: mpv dropped them (decoder and output), or they
                          were converted but a newer one came before the screen took them */
    long unshown;      /* of which the latter */
    double preroll_ms; /* open to first frame, on the worker */
    double render_ms_total, render_ms_max; /* converting frames, on the clip's render thread */
    bool failed;                           /* ended by an error, not at its end */
    char error[256];
    char file[256];    /* the file played (its path as opened) */
    bool deinterlaced; /* its frames were interlaced and are deinterlaced */
    int subtitles;     /* the subtitle track drawn, 0 = none */
    /* what went wrong while it played, with the time into the film: the decoder's errors
     * (damaged data in the middle of a file) and freezes, new frames more than
     * VIDEO_FREEZE_SECONDS (or 2.5 frames) apart; all counted, the first few kept */
    int nerrors, nfreezes;
    struct {
        double at;
        char text[200];
    } errors[4];
    struct {
        double at, seconds;
    } freezes[4];
};
#define VIDEO_FREEZE_SECONDS 0.5

/* Opens path, decodes its first frame (at opts->start) and stays paused, with that frame
 * already rendered at w x h. Blocks up to opts->timeout: call it on the worker. NULL with a
 * message in err on failure (not a video, no picture, cannot be decoded, ...).
 * Free with video_destroy(). */
struct video *video_open(const char *path, const struct video_opts *opts, int w, int h, char *err,
                         size_t errlen);
void video_destroy(struct video *v);
/* Clips open now (opened and not yet destroyed), in the whole process. */
int video_alive(void);

/* What the file holds (valid after video_open). */
void video_get_info(const struct video *v, struct video_info *out);

/* The last rendered frame: w x h pixels in ARGB8888 byte order (B, G, R, X in memory), rows
 * `stride` bytes apart. Owned by v; valid until video_release_pixels(), the next
 * video_update() or video_destroy(). The clip has one such buffer: its render thread waits
 * until the caller lets go of it. */
const uint32_t *video_pixels(const struct video *v, int *w, int *h, size_t *stride);

/* The caller is done with video_pixels() (it copied them): the clip's render thread may
 * convert the next frame into the same buffer. Without it, that waits for the next
 * video_update(): call it as soon as the frame is copied. */
void video_release_pixels(struct video *v);
/* The last rendered frame as video_pixels() describes it, handed to the caller (free() it);
 * no frame comes after it: only video_destroy() is left to do. */
uint32_t *video_take_pixels(struct video *v, size_t *stride);
/* Bytes of frame buffers (the pixels clips are converted into) held now by all clips of the
 * process: what the conversion costs in memory. */
size_t video_buffer_bytes(void);

/* The value of mpv's option `name` v runs with ("" when there is none): how clips are
 * configured, for tests. */
void video_option(const struct video *v, const char *name, char *out, size_t n);

/* wake(ctx) is called from the clip's render thread whenever a new frame is ready for
 * video_update() (the frame loop sleeps until then). NULL: nobody is told. */
void video_set_wake(struct video *v, void (*wake)(void *ctx), void *ctx);

/* The clip is shown at w x h from now on (the screen's layout changed: a window resized, F, a
 * monitor's new mode): it goes on playing where it is, and its next frames come at that size.
 * Call it with no frame held (after video_release_pixels). False when it cannot (out of
 * memory: the clip then ends as failed). */
bool video_resize(struct video *v, int w, int h);

/* Starts or pauses playback. */
void video_play(struct video *v, bool playing);

/* Called once per screen frame: handles mpv's events and takes the newest frame the render
 * thread finished, if any (never waits for one). Returns 1 when video_pixels() changed, 0 when
 * not, -1 when the clip has ended (its end, or
 * an error: see video_get_stats). */
int video_update(struct video *v);

/* Plays the clip from the keyframe at or before t seconds to its end (opts->end, or the file's
 * end), faster than real time, and judges what came: 0 when frames were decoded up to the end,
 * -1 with a message in err when none came after t or the last one is well before the end (a
 * copy cut short, a damaged stream). The same answer every time for the same bytes. For
 * check. */
int video_play_tail(struct video *v, double t, char *err, size_t errlen);

void video_get_stats(const struct video *v, struct video_stats *out);

#endif
