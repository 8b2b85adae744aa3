/* renderpool.c - an ordered worker pool: workers take the next job index from a counter; the
 * calling thread waits for job `done_upto` to finish and hands results back in order. Workers
 * run at most a few jobs ahead of what was handed back, so results waiting to be handed back
 * (and their memory) stay bounded however many jobs there are. */
#include "base/renderpool.h"
#include "base/util.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

struct pool {
    const struct renderpool_ops *ops;
    void *ctx;
    size_t njobs, next, done_upto, ahead;
    bool *finished;
    pthread_mutex_t mu;
    pthread_cond_t job_done, slot_free;
};

int renderpool_default_workers(void)
{
#ifdef _WIN32
    long n = compat_cpu_count();
#else
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
    return n > 0 ? (int)n : 1;
}

static void *worker_main(void *arg)
{
    struct pool *p = arg;
    void *w = p->ops->worker_create ? p->ops->worker_create(p->ctx) : NULL;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next < p->njobs && p->next >= p->done_upto + p->ahead)
            pthread_cond_wait(&p->slot_free, &p->mu);
        if (p->next >= p->njobs)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        p->ops->job(p->ctx, w, i);
        pthread_mutex_lock(&p->mu);
        p->finished[i] = true;
        pthread_cond_signal(&p->job_done);
    }
    pthread_mutex_unlock(&p->mu);
    if (p->ops->worker_destroy)
        p->ops->worker_destroy(w);
    return NULL;
}

static void run_inline(size_t njobs, const struct renderpool_ops *ops, void *ctx)
{
    void *w = ops->worker_create ? ops->worker_create(ctx) : NULL;
    for (size_t i = 0; i < njobs; i++) {
        ops->job(ctx, w, i);
        if (ops->done)
            ops->done(ctx, i);
    }
    if (ops->worker_destroy)
        ops->worker_destroy(w);
}

int renderpool_run(size_t njobs, int nworkers, const struct renderpool_ops *ops, void *ctx)
{
    if (nworkers > (int)njobs)
        nworkers = (int)njobs;
    if (nworkers <= 1) {
        run_inline(njobs, ops, ctx);
        return 0;
    }
    struct pool p = {.ops = ops,
                     .ctx = ctx,
                     .njobs = njobs,
                     .ahead = 2 * (size_t)nworkers,
                     .finished = xcalloc(njobs, sizeof(bool))};
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.job_done, NULL);
    pthread_cond_init(&p.slot_free, NULL);
    pthread_t *th = xcalloc((size_t)nworkers, sizeof *th);
    int started = 0;
    while (started < nworkers && pthread_create(&th[started], NULL, worker_main, &p) == 0)
        started++;
    int rc = 0;
    if (started == 0) {
        rc = -1;
    } else {
        pthread_mutex_lock(&p.mu);
        while (p.done_upto < njobs) {
            while (!p.finished[p.done_upto])
                pthread_cond_wait(&p.job_done, &p.mu);
            size_t i = p.done_upto;
            pthread_mutex_unlock(&p.mu);
            if (ops->done)
                ops->done(ctx, i);
            pthread_mutex_lock(&p.mu);
            p.done_upto++;
            pthread_cond_broadcast(&p.slot_free);
        }
        pthread_mutex_unlock(&p.mu);
    }
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    free(p.finished);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.job_done);
    pthread_cond_destroy(&p.slot_free);
    return rc;
}
