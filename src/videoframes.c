/* videoframes.c - a playing clip's render thread and its two frame buffers (videoframes.h):
 * mpv's frame conversion (scaling and YUV to RGB at the size the clip shows at, 5-25 ms for a
 * 1080p frame) runs here, not on the frame thread that draws the screen. */
#include "videoframes.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

struct videoframes {
    mpv_render_context *rc;
    int w, h, nice;
    size_t stride;
    uint32_t *buf[2]; /* 64-byte aligned, stride * h bytes each */
    pthread_t thread;
    pthread_mutex_t lock; /* guards everything below */
    pthread_cond_t cv;
    bool update_due, quit;
    int held;  /* the buffer the reader shows; the thread writes the other one */
    int ready; /* the other buffer when it holds a finished frame not yet taken; else -1 */
    struct videoframes_counts n;
    void (*wake)(void *ctx); /* told when a frame is offered */
    void *wake_ctx;
};

/* mpv's frame into px, made opaque. */
static void render_into(struct videoframes *f, uint32_t *px)
{
    int size[2] = {f->w, f->h};
    static char format[] = "bgr0"; /* B, G, R, X in memory: SDL's ARGB8888 on little-endian */
    int no_block = 0; /* offered as soon as it is converted; the frame loop takes it in its time */
    mpv_render_param p[] = {{MPV_RENDER_PARAM_SW_SIZE, size},
                            {MPV_RENDER_PARAM_SW_FORMAT, format},
                            {MPV_RENDER_PARAM_SW_STRIDE, &f->stride},
                            {MPV_RENDER_PARAM_SW_POINTER, px},
                            {MPV_RENDER_PARAM_BLOCK_FOR_TARGET_TIME, &no_block},
                            {MPV_RENDER_PARAM_INVALID, NULL}};
    mpv_render_context_render(f->rc, p);
    /* "bgr0": the fourth byte is undefined; the screen blends pages, so make it opaque */
    for (int y = 0; y < f->h; y++) {
        uint32_t *row = (uint32_t *)((unsigned char *)px + (size_t)y * f->stride);
        for (int x = 0; x < f->w; x++)
            row[x] |= 0xFF000000u;
    }
}

/* mpv's update callback: no mpv call is allowed here, only a nudge to the thread. */
static void on_update(void *ctx)
{
    struct videoframes *f = ctx;
    pthread_mutex_lock(&f->lock);
    f->update_due = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->lock);
}

/* The buffer being written is never the one the reader holds, and is not offered (ready = -1)
 * while it is written, so a take in the meantime keeps the older frame. */
static void *render_main(void *arg)
{
    struct videoframes *f = arg;
    if (f->nice) /* behind the frame thread, like mpv's own threads (video.c) */
        setpriority(PRIO_PROCESS, (id_t)gettid(), f->nice);
    pthread_mutex_lock(&f->lock);
    for (;;) {
        while (!f->update_due && !f->quit)
            pthread_cond_wait(&f->cv, &f->lock);
        if (f->quit)
            break;
        f->update_due = false;
        pthread_mutex_unlock(&f->lock);
        bool frame = mpv_render_context_update(f->rc) & MPV_RENDER_UPDATE_FRAME;
        pthread_mutex_lock(&f->lock);
        if (!frame)
            continue;
        int back = 1 - f->held;
        f->ready = -1;
        pthread_mutex_unlock(&f->lock);
        double t0 = now_seconds();
        render_into(f, f->buf[back]);
        double ms = (now_seconds() - t0) * 1000;
        pthread_mutex_lock(&f->lock);
        f->ready = back;
        f->n.rendered++;
        f->n.ms_total += ms;
        if (ms > f->n.ms_max)
            f->n.ms_max = ms;
        void (*wake)(void *) = f->wake;
        void *wake_ctx = f->wake_ctx;
        if (wake) { /* not under our lock: the reader may be waiting for it */
            pthread_mutex_unlock(&f->lock);
            wake(wake_ctx);
            pthread_mutex_lock(&f->lock);
        }
    }
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

struct videoframes *videoframes_create(mpv_render_context *rc, int w, int h, int nice)
{
    struct videoframes *f = xcalloc(1, sizeof *f);
    f->rc = rc;
    f->nice = nice;
    f->w = w, f->h = h;
    f->ready = -1;
    f->stride = ((size_t)w * 4 + 63) & ~(size_t)63;
    f->buf[0] = aligned_alloc(64, f->stride * (size_t)h);
    f->buf[1] = aligned_alloc(64, f->stride * (size_t)h);
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->cv, NULL);
    if (!f->buf[0] || !f->buf[1] || pthread_create(&f->thread, NULL, render_main, f) != 0) {
        free(f->buf[0]);
        free(f->buf[1]);
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->lock);
        free(f);
        return NULL;
    }
    mpv_render_context_set_update_callback(rc, on_update, f);
    on_update(f); /* a frame may be due already */
    return f;
}

void videoframes_destroy(struct videoframes *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    f->quit = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    mpv_render_context_set_update_callback(f->rc, NULL, NULL); /* the thread is gone: ours now */
    free(f->buf[0]);
    free(f->buf[1]);
    pthread_cond_destroy(&f->cv);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

void videoframes_set_wake(struct videoframes *f, void (*wake)(void *ctx), void *ctx)
{
    pthread_mutex_lock(&f->lock);
    f->wake = wake;
    f->wake_ctx = ctx;
    pthread_mutex_unlock(&f->lock);
}

bool videoframes_take(struct videoframes *f)
{
    pthread_mutex_lock(&f->lock);
    bool got = f->ready >= 0;
    if (got) {
        f->held = f->ready;
        f->ready = -1;
    }
    pthread_mutex_unlock(&f->lock);
    return got;
}

const uint32_t *videoframes_pixels(const struct videoframes *f, size_t *stride)
{
    *stride = f->stride;
    return f->buf[f->held];
}

void videoframes_counts(struct videoframes *f, struct videoframes_counts *out)
{
    pthread_mutex_lock(&f->lock);
    *out = f->n;
    pthread_mutex_unlock(&f->lock);
}

void videoframes_reset_counts(struct videoframes *f)
{
    pthread_mutex_lock(&f->lock);
    f->n = (struct videoframes_counts){0};
    pthread_mutex_unlock(&f->lock);
}
