/* videoframes.c - a playing clip's render thread and its two frame buffers (videoframes.h):
 * mpv's frame conversion (scaling and YUV to RGB at the size the clip shows at, 5-25 ms for a
 * 1080p frame) runs here, not on the frame thread that draws the screen. */
#include "film/videoframes.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

static size_t buffer_bytes; /* all clips' buffers, read and written atomically */

struct videoframes {
    mpv_render_context *rc;
    int w, h, nice;
    size_t stride;
    uint32_t *buf; /* 64-byte aligned, stride * h bytes */
    pthread_t thread;
    pthread_mutex_t lock; /* guards everything below */
    pthread_cond_t cv;
    bool update_due, quit;
    bool joined;  /* the thread is gone (set and read by the owner only) */
    bool held;    /* the reader shows buf: the thread waits before it writes */
    bool ready;   /* buf holds a finished frame the reader has not taken */
    bool waiting; /* the thread has a frame due and waits for the reader to let go */
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

/* The buffer is written only while the reader does not hold it, and is not offered (ready false)
 * while it is written, so a take in the meantime finds nothing new. The reader holds a frame
 * only as long as it takes to copy it to the screen, so waiting for it costs the thread a few
 * milliseconds at most, where a second buffer would cost a whole frame of memory. */
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
        f->waiting = true;
        while (f->held && !f->quit)
            pthread_cond_wait(&f->cv, &f->lock);
        f->waiting = false;
        if (f->quit)
            break;
        f->ready = false;
        pthread_mutex_unlock(&f->lock);
        double t0 = now_seconds();
        render_into(f, f->buf);
        double ms = (now_seconds() - t0) * 1000;
        pthread_mutex_lock(&f->lock);
        f->ready = true;
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
    f->stride = ((size_t)w * 4 + 63) & ~(size_t)63;
    f->buf = aligned_alloc(64, f->stride * (size_t)h);
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->cv, NULL);
    if (!f->buf || pthread_create(&f->thread, NULL, render_main, f) != 0) {
        free(f->buf);
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->lock);
        free(f);
        return NULL;
    }
    __atomic_add_fetch(&buffer_bytes, f->stride * (size_t)h, __ATOMIC_RELAXED);
    mpv_render_context_set_update_callback(rc, on_update, f);
    on_update(f); /* a frame may be due already */
    return f;
}

/* Stops and joins the thread once; then the buffer and rc are the owner's alone. */
static void stop_thread(struct videoframes *f)
{
    if (f->joined)
        return;
    pthread_mutex_lock(&f->lock);
    f->quit = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    f->joined = true;
    mpv_render_context_set_update_callback(f->rc, NULL, NULL); /* the thread is gone: ours now */
}

void videoframes_destroy(struct videoframes *f)
{
    if (!f)
        return;
    stop_thread(f);
    if (f->buf)
        __atomic_sub_fetch(&buffer_bytes, f->stride * (size_t)f->h, __ATOMIC_RELAXED);
    free(f->buf);
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
    bool got = f->ready;
    if (got) {
        f->held = true;
        f->ready = false;
    }
    pthread_mutex_unlock(&f->lock);
    return got;
}

void videoframes_release(struct videoframes *f)
{
    pthread_mutex_lock(&f->lock);
    if (f->held) {
        f->held = false;
        pthread_cond_broadcast(&f->cv);
    }
    pthread_mutex_unlock(&f->lock);
}

bool videoframes_yield(struct videoframes *f)
{
    pthread_mutex_lock(&f->lock);
    bool let_go = f->held && f->waiting;
    if (let_go) {
        f->held = false;
        pthread_cond_broadcast(&f->cv);
    }
    pthread_mutex_unlock(&f->lock);
    return let_go;
}

const uint32_t *videoframes_pixels(const struct videoframes *f, size_t *stride)
{
    *stride = f->stride;
    return f->buf;
}

uint32_t *videoframes_detach(struct videoframes *f, size_t *stride)
{
    stop_thread(f);
    uint32_t *px = f->buf;
    f->buf = NULL;
    *stride = f->stride;
    if (px)
        __atomic_sub_fetch(&buffer_bytes, f->stride * (size_t)f->h, __ATOMIC_RELAXED);
    return px;
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

size_t videoframes_bytes(void)
{
    return __atomic_load_n(&buffer_bytes, __ATOMIC_RELAXED);
}
