/* playlog.h - the proof-of-play log: JSON Lines, one object per event, with a local ISO 8601
 * time; rotated when it grows past a size (log, log.1, log.2, ...). */
#ifndef HB_PLAYLOG_H
#define HB_PLAYLOG_H

#include "base/util.h"

#include <time.h>

struct playlog;

/* The log turns over (log -> log.1 -> ...) when it passes max_bytes and at the first line of a
 * new local day; keep: rotated files kept at most. */
/* Opens path for appending. Never NULL: a log that cannot be opened now (playlog_error()) is
 * tried again every few seconds while its lines are counted. Free with playlog_close(). */
struct playlog *playlog_open(const char *path, long long max_bytes, int keep);
void playlog_close(struct playlog *l);
/* After each rotation, rotated files older than keep_days, and the oldest while they together
 * pass budget bytes, are removed (0 = no limit). */
void playlog_set_retention(struct playlog *l, int keep_days, long long budget);
/* 0 while the log is being written; else the errno of the last failure (lines are lost). */
int playlog_error(const struct playlog *l);
/* Lines not written since the last line that was (they are reported by a "log-lost" line). */
unsigned long playlog_lost(const struct playlog *l);
/* t as the log writes times: local ISO 8601 with the offset (2026-12-07T20:00:00+08:00). */
void playlog_time(char out[40], time_t t);
/* Starts an event line: {"time":"...","event":"<event>" - add fields with sb_*, then end it. */
void playlog_begin(struct strbuf *b, const char *event);
/* Sets the time of a line begun with playlog_begin() to now: a line queued by one thread and
 * written by another takes its time when it joins the queue, so the log stays in time order. */
void playlog_restamp(struct strbuf *b);
/* Finishes the line in b (adds "}\n"), writes it, rotates when due, frees b. l may be NULL. */
void playlog_end(struct playlog *l, struct strbuf *b);
/* A one-field event: {"time":..,"event":event,key:value}. */
void playlog_event(struct playlog *l, const char *event, const char *key, const char *value);

#endif
