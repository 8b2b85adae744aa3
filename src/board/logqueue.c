/* logqueue.c - proof-of-play lines waiting for the content thread (see logqueue.h). */
#include "board/logqueue.h"
#include "base/util.h"
#include "store/playlog.h"

#include <pthread.h>
#include <stdlib.h>

struct logqueue {
    pthread_mutex_t mu;
    struct strbuf *lines;
    size_t n;
};

struct logqueue *logqueue_create(void)
{
    struct logqueue *q = xcalloc(1, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    return q;
}

void logqueue_destroy(struct logqueue *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n; i++)
        sb_free(&q->lines[i]);
    free(q->lines);
    pthread_mutex_destroy(&q->mu);
    free(q);
}

void logqueue_push(struct logqueue *q, struct strbuf *b)
{
    pthread_mutex_lock(&q->mu);
    playlog_restamp(b); /* its time is its place in the queue */
    q->lines = xrealloc(q->lines, (q->n + 1) * sizeof *q->lines);
    q->lines[q->n++] = *b;
    *b = (struct strbuf){0};
    pthread_mutex_unlock(&q->mu);
}

bool logqueue_waiting(struct logqueue *q)
{
    pthread_mutex_lock(&q->mu);
    bool any = q->n > 0;
    pthread_mutex_unlock(&q->mu);
    return any;
}

void logqueue_write(struct logqueue *q, struct playlog *log)
{
    pthread_mutex_lock(&q->mu);
    struct strbuf *lines = q->lines;
    size_t n = q->n;
    q->lines = NULL, q->n = 0;
    pthread_mutex_unlock(&q->mu);
    for (size_t i = 0; i < n; i++)
        playlog_end(log, &lines[i]); /* frees the line */
    free(lines);
}
