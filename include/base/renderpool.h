/* renderpool.h - independent jobs (the slides `render` writes) on a worker thread per core, their
 * results handed back on the calling thread in job order, so what is printed and collected
 * reads exactly as a one-by-one run would. */
#ifndef HB_RENDERPOOL_H
#define HB_RENDERPOOL_H

#include <stddef.h>

struct renderpool_ops {
    /* Per-worker state (caches that must not be shared between threads), made on the worker's
     * own thread; NULL is a valid state. Freed with worker_destroy on that thread. */
    void *(*worker_create)(void *ctx);
    void (*worker_destroy)(void *worker);
    /* Does job i; runs on some worker thread, concurrently with other jobs. */
    void (*job)(void *ctx, void *worker, size_t i);
    /* Called on the calling thread for i = 0, 1, 2 ... each once job i and all before it ran;
     * NULL when the jobs' results need no handing back in order. */
    void (*done)(void *ctx, size_t i);
};

/* The number of workers to use by default: the processors this process may run on. */
int renderpool_default_workers(void);
/* Runs njobs jobs on nworkers threads (1: all on the calling thread, no thread started).
 * Returns 0, or -1 when no thread could be started (then nothing ran). */
int renderpool_run(size_t njobs, int nworkers, const struct renderpool_ops *ops, void *ctx);

#endif
