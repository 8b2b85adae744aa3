/* videoreap.c - slow clip work kept away from the screen (see video.h): clips torn down on a
 * reaper thread, one at a time, and the quiet time a transition asks for, which the worker's
 * opening of the next clip and the reaper's teardown of the last one wait for. */
#include "film/videoreap.h"
#include "film/video.h"
#include "base/util.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

/* ---- quiet time: a transition on screen gets the cores ---------------------------------- */

static pthread_mutex_t quiet_lock = PTHREAD_MUTEX_INITIALIZER;
static double quiet_until_t;

void video_quiet_until(double t)
{
    pthread_mutex_lock(&quiet_lock);
    quiet_until_t = t;
    pthread_mutex_unlock(&quiet_lock);
}

void video_wait_quiet(void)
{
    double limit = now_seconds() + 3; /* whatever was asked, never longer */
    for (;;) {
        pthread_mutex_lock(&quiet_lock);
        double t = quiet_until_t;
        pthread_mutex_unlock(&quiet_lock);
        double now = now_seconds(), until = fmin(t, limit);
        if (now >= until)
            return;
        struct timespec ts = {0, (long)(fmin(until - now, 0.05) * 1e9)};
        nanosleep(&ts, NULL);
    }
}

/* One reaper thread destroys clips in turn, so at most one mpv teardown runs besides playback
 * (a board at 100x speed in a soak would otherwise stack them up). */
static pthread_mutex_t reap_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reap_cv = PTHREAD_COND_INITIALIZER, reap_done_cv = PTHREAD_COND_INITIALIZER;
static struct video *reap_queue[16];
static int reap_n, reap_busy;
static bool reap_started;

static void *reaper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&reap_lock);
    for (;;) {
        while (reap_n == 0)
            pthread_cond_wait(&reap_cv, &reap_lock);
        struct video *v = reap_queue[0];
        memmove(reap_queue, reap_queue + 1, (size_t)--reap_n * sizeof *reap_queue);
        reap_busy = 1;
        pthread_mutex_unlock(&reap_lock);
        video_wait_quiet();
        video_destroy(v);
        pthread_mutex_lock(&reap_lock);
        reap_busy = 0;
        pthread_cond_broadcast(&reap_done_cv);
    }
    return NULL;
}

void video_wait_destroyed(void)
{
    pthread_mutex_lock(&reap_lock);
    while (reap_n > 0 || reap_busy)
        pthread_cond_wait(&reap_done_cv, &reap_lock);
    pthread_mutex_unlock(&reap_lock);
}

void video_destroy_later(struct video *v)
{
    if (!v)
        return;
    pthread_mutex_lock(&reap_lock);
    if (!reap_started) {
        pthread_t t;
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        reap_started = pthread_create(&t, &a, reaper, NULL) == 0;
        pthread_attr_destroy(&a);
    }
    bool queued = reap_started && reap_n < (int)(sizeof reap_queue / sizeof *reap_queue);
    if (queued) {
        reap_queue[reap_n++] = v;
        pthread_cond_signal(&reap_cv);
    }
    pthread_mutex_unlock(&reap_lock);
    if (!queued) /* no reaper, or it is far behind: here, then */
        video_destroy(v);
}
