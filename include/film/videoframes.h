/* videoframes.h - a playing clip's render thread and its frame buffer (used by video.c only).
 * mpv says a frame is due (its update callback); the thread converts it with
 * mpv_render_context_render() into the buffer once the reader no longer holds it, then offers
 * it. The reader (the frame loop, through video_update) takes the newest finished frame, copies
 * it to the screen and lets go of it at once; it never waits for a conversion. A frame finished
 * but overtaken by a newer one before it was taken is counted, not shown. One buffer, not two:
 * at 1920x1080 the second cost 8.3 MB for as long as a film plays. The thread calls
 * nothing of libmpv but mpv_render_* (render.h's threading rule). */
#ifndef HB_VIDEOFRAMES_H
#define HB_VIDEOFRAMES_H

#include <mpv/render.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct videoframes;

/* A w x h buffer of ARGB8888 (B, G, R, X in memory, made opaque) and the thread rendering
 * rc's frames into them, at nice value `nice` when not 0; from here on the caller makes no
 * mpv_render_* call on rc until videoframes_destroy(). NULL when out of memory or no thread can
 * start. */
struct videoframes *videoframes_create(mpv_render_context *rc, int w, int h, int nice);
/* Stops and joins the thread, detaches mpv's update callback and frees the buffers. Call it
 * before mpv_render_context_free(rc). Accepts NULL. */
void videoframes_destroy(struct videoframes *f);
/* Stops the thread as videoframes_destroy() does and hands the buffer (the frame taken last,
 * rows `stride` bytes apart) to the caller, who frees it with free(). Destroy f afterwards. */
uint32_t *videoframes_detach(struct videoframes *f, size_t *stride);

/* wake(ctx) is called on the render thread each time a frame is offered (NULL: nobody). */
void videoframes_set_wake(struct videoframes *f, void (*wake)(void *ctx), void *ctx);

/* The newest finished frame, if there is one the reader has not taken, becomes the one
 * videoframes_pixels() shows, and the reader holds it: the thread writes no frame until
 * videoframes_release(). True when it changed. Never blocks on a conversion. */
bool videoframes_take(struct videoframes *f);
/* The reader is done with the frame it took (copied it): the thread may write the next. */
void videoframes_release(struct videoframes *f);
/* Lets go of the frame taken only if the thread is waiting to write a newer one; true when it
 * did (the pixels are then no longer the reader's). For waits for one particular frame. */
bool videoframes_yield(struct videoframes *f);
/* The frame taken last: rows `stride` bytes apart. Owned by f; the thread does not write it
 * while it is held (videoframes_take() to videoframes_release()). */
const uint32_t *videoframes_pixels(const struct videoframes *f, size_t *stride);

struct videoframes_counts {
    long rendered;           /* frames finished since the last reset */
    double ms_total, ms_max; /* their conversion times */
};
void videoframes_counts(struct videoframes *f, struct videoframes_counts *out);
void videoframes_reset_counts(struct videoframes *f);

/* Bytes of frame buffers held now by all clips of the process. */
size_t videoframes_bytes(void);

#endif
