/* logqueue.h - proof-of-play lines waiting for the content thread: any thread appends a line
 * (stamped as it joins, so the log stays in time order whoever wrote it), the content thread
 * writes them all, in order. Thread-safe: one lock of its own, never held while writing. */
#ifndef HB_LOGQUEUE_H
#define HB_LOGQUEUE_H

#include <stdbool.h>

struct logqueue;
struct playlog;
struct strbuf;

struct logqueue *logqueue_create(void);
/* Frees the lines still waiting, unwritten. */
void logqueue_destroy(struct logqueue *q);
/* Appends *b (a playlog line begun with playlog_begin), stamped now; takes it (*b is emptied). */
void logqueue_push(struct logqueue *q, struct strbuf *b);
bool logqueue_waiting(struct logqueue *q);
/* Writes every waiting line to log, oldest first. */
void logqueue_write(struct logqueue *q, struct playlog *log);

#endif
