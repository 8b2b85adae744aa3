/* videoframes.h - a playing clip's render thread and its two frame buffers (used by video.c
 * only). mpv says a frame is due (its update callback); the thread converts it with
 * mpv_render_context_render() into the buffer the reader is not holding, then offers it. The
 * reader (the frame loop, through video_update) takes the newest finished frame and never waits
 * for a conversion; a frame finished but overtaken by a newer one before it was taken is
 * counted, not shown. The thread calls nothing of libmpv but mpv_render_* (render.h's
 * threading rule). */
#ifndef HB_VIDEOFRAMES_H
#define HB_VIDEOFRAMES_H

#include <mpv/render.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct videoframes;

/* Two w x h buffers of ARGB8888 (B, G, R, X in memory, made opaque) and the thread rendering
 * rc's frames into them, at nice value `nice` when not 0; from here on the caller makes no
 * mpv_render_* call on rc until videoframes_destroy(). NULL when out of memory or no thread can
 * start. */
struct videoframes *videoframes_create(mpv_render_context *rc, int w, int h, int nice);
/* Stops and joins the thread, detaches mpv's update callback and frees the buffers. Call it
 * before mpv_render_context_free(rc). Accepts NULL. */
void videoframes_destroy(struct videoframes *f);

/* wake(ctx) is called on the render thread each time a frame is offered (NULL: nobody). */
void videoframes_set_wake(struct videoframes *f, void (*wake)(void *ctx), void *ctx);

/* The newest finished frame, if there is one the reader has not taken, becomes the one
 * videoframes_pixels() shows. True when it changed. Never blocks on a conversion. */
bool videoframes_take(struct videoframes *f);
/* The frame taken last (the thread never writes it): rows `stride` bytes apart. Owned by f;
 * valid until the next videoframes_take() or videoframes_destroy(). */
const uint32_t *videoframes_pixels(const struct videoframes *f, size_t *stride);

struct videoframes_counts {
    long rendered;           /* frames finished since the last reset */
    double ms_total, ms_max; /* their conversion times */
};
void videoframes_counts(struct videoframes *f, struct videoframes_counts *out);
void videoframes_reset_counts(struct videoframes *f);

#endif
