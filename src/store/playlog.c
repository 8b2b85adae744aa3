/* playlog.c - the proof-of-play log and its size-based rotation.
 *
 * The log never takes the board down and never lies by omission: a line is written with one
 * write() on an O_APPEND descriptor; a short write (a full disk) is cut back off with
 * ftruncate, so no torn JSON line is left; lines that cannot be written are counted, and the
 * first line that can be written again is preceded by {"event":"log-lost","lines":N}. A log
 * that cannot be opened (at start, or after a rotation: ENOSPC, EROFS, EACCES, no inodes) is
 * tried again every few seconds. A log found ending in a torn line (a power cut mid-write) is cut
 * back to its last whole line when opened, and that line is reported lost. */
#include "store/playlog.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PLAYLOG_RETRY_SECONDS 5.0

struct playlog {
    char *path;
    int fd; /* -1 while the file cannot be opened */
    long long max;
    int keep;
    long long size;     /* bytes in the file, as far as we know */
    unsigned long lost; /* lines not written since the last one that was */
    int err;            /* errno of the last failure, 0 when the log is being written */
    const char *why;    /* the log-lost line's reason when it is not err's (a static string) */
    double retry_at;    /* when to try opening again */
    int day;            /* the local date (yyyymmdd) of the lines in the file, 0 = none yet */
    int keep_days;      /* rotated files older than this are removed; 0 = no limit */
    long long budget;   /* the rotated files together stay under this; 0 = no limit */
};

static int local_day(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* A log that does not end with a newline was cut mid-line (a power cut, a full disk the
 * ftruncate could not fix): the torn line is cut off, so the next line starts whole, and it is
 * reported as one lost line. */
static void cut_torn_line(struct playlog *l)
{
    char buf[4096];
    off_t end = l->size;
    if (end == 0 || (pread(l->fd, buf, 1, end - 1) == 1 && buf[0] == '\n'))
        return;
    off_t keep = 0;
    for (off_t at = end; at > 0 && !keep;) { /* back to the last newline */
        size_t n = at < (off_t)sizeof buf ? (size_t)at : sizeof buf;
        at -= (off_t)n;
        ssize_t got = pread(l->fd, buf, n, at);
        for (ssize_t i = got - 1; i >= 0 && !keep; i--)
            if (buf[i] == '\n')
                keep = at + i + 1;
        if (got <= 0)
            break;
    }
    if (ftruncate(l->fd, keep) == 0) {
        l->size = keep;
        l->lost++;
        l->why = "the last line was torn (cut off mid-line) and was removed";
    } else if (write(l->fd, "\n", 1) == 1) { /* cannot cut it: it stays alone on its line */
        l->size = end + 1;
    }
}

static int open_log(struct playlog *l)
{
    l->fd = open(l->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
                 0644); /* RDWR: a torn end is read */
    if (l->fd < 0) {
        l->err = errno;
        l->retry_at = now_seconds() + PLAYLOG_RETRY_SECONDS;
        return -1;
    }
    struct stat st;
    l->size = fstat(l->fd, &st) == 0 ? st.st_size : 0;
    l->day = l->size > 0 ? local_day(st.st_mtime) : 0; /* its lines are of the day it was written */
    cut_torn_line(l);
    return 0;
}

struct playlog *playlog_open(const char *path, long long max_bytes, int keep)
{
    struct playlog *l = xcalloc(1, sizeof *l);
    l->path = xstrdup(path);
    l->max = max_bytes;
    l->keep = keep;
    if (open_log(l) < 0)
        fprintf(stderr,
                "honorboard: cannot open the log %s: %s; playing on, lines are counted "
                "and the log is tried again every %.0f s\n",
                path, strerror(l->err), PLAYLOG_RETRY_SECONDS);
    return l;
}

int playlog_error(const struct playlog *l)
{
    return l ? l->err : 0;
}

unsigned long playlog_lost(const struct playlog *l)
{
    return l ? l->lost : 0;
}

void playlog_close(struct playlog *l)
{
    if (!l)
        return;
    if (l->fd >= 0)
        close(l->fd);
    if (l->lost)
        fprintf(stderr, "honorboard: %lu log lines could not be written to %s\n", l->lost, l->path);
    free(l->path);
    free(l);
}

void playlog_time(char out[40], time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    char s[32], z[8];
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(z, sizeof z, "%z", &tm); /* +0800 -> +08:00 */
    snprintf(out, 40, "%s%.3s:%.2s", s, z, z + 3);
}

void playlog_begin(struct strbuf *b, const char *event)
{
    char t[40];
    playlog_time(t, time(NULL));
    sb_printf(b, "{\"time\":\"%s\",\"event\":", t);
    sb_json_str(b, event);
}

/* The "time" field of a line begun with playlog_begin(): its first PLAYLOG_TIME_LEN bytes after
 * the key (local ISO 8601 with the offset is always 25 bytes), or NULL. */
#define TIME_KEY "{\"time\":\""
#define PLAYLOG_TIME_LEN 25
static char *time_field(const struct strbuf *b)
{
    size_t k = strlen(TIME_KEY);
    if (!b->s || b->len < k + PLAYLOG_TIME_LEN + 1 || strncmp(b->s, TIME_KEY, k) != 0 ||
        b->s[k + PLAYLOG_TIME_LEN] != '"')
        return NULL;
    return b->s + k;
}

void playlog_restamp(struct strbuf *b)
{
    char t[40], *f = time_field(b);
    playlog_time(t, time(NULL));
    if (f && strlen(t) == PLAYLOG_TIME_LEN)
        memcpy(f, t, PLAYLOG_TIME_LEN);
}

void playlog_set_retention(struct playlog *l, int keep_days, long long budget)
{
    l->keep_days = keep_days;
    l->budget = budget;
}

/* After a rotation: from log.1 on (newest first), the first file older than keep_days or past
 * the budget is removed with every older one. */
static void prune(struct playlog *l)
{
    long long total = 0;
    time_t now = time(NULL);
    bool cut = false;
    for (int i = 1; i <= l->keep; i++) {
        char *p = xasprintf("%s.%d", l->path, i);
        struct stat st;
        bool there = stat(p, &st) == 0;
        if (there && !cut) {
            total += st.st_size;
            cut = (l->budget > 0 && total > l->budget) ||
                  (l->keep_days > 0 && now - st.st_mtime > (time_t)l->keep_days * 86400);
        }
        if (there && cut)
            remove(p);
        free(p);
        if (!there)
            break;
    }
}

/* The previous files move up one (log -> log.1 -> log.2 ...) and a new log is opened. */
static void rotate(struct playlog *l)
{
    close(l->fd);
    l->fd = -1;
    for (int i = l->keep; i >= 1; i--) {
        char *from = i == 1 ? xstrdup(l->path) : xasprintf("%s.%d", l->path, i - 1);
        char *to = xasprintf("%s.%d", l->path, i);
        rename(from, to);
        free(from), free(to);
    }
    if (l->keep == 0)
        remove(l->path);
    prune(l);
    if (open_log(l) < 0)
        fprintf(stderr,
                "honorboard: cannot open the log %s after rotating it: %s; lines are "
                "counted until it can be written again\n",
                l->path, strerror(l->err));
}

/* One whole line or nothing: a short write is cut back off. 0, or -1 with errno. */
static int write_line(struct playlog *l, const char *s, size_t n)
{
    ssize_t w;
    do
        w = write(l->fd, s, n);
    while (w < 0 && errno == EINTR);
    if (w == (ssize_t)n) {
        l->size += (long long)n;
        return 0;
    }
    int e = w < 0 ? errno : ENOSPC;
    if (w > 0 && ftruncate(l->fd, l->size) < 0) {
        /* cannot cut it back: the next line starts on a fresh line, the torn one stays alone */
        if (write(l->fd, "\n", 1) == 1)
            l->size += w + 1;
    }
    errno = e;
    return -1;
}

void playlog_end(struct playlog *l, struct strbuf *b)
{
    sb_puts(b, "}\n");
    if (!l)
        goto done;
    if (l->fd < 0 && (now_seconds() < l->retry_at || open_log(l) < 0)) {
        l->lost++;
        goto done;
    }
    int today = local_day(time(NULL));
    if (l->day && l->day != today && l->size > 0 && l->keep > 0) { /* a new day: a new file */
        rotate(l);
        if (l->fd < 0) {
            l->lost++;
            goto done;
        }
    }
    l->day = today;
    if (l->lost) { /* say what is missing before going on */
        struct strbuf g = {0};
        playlog_begin(&g, "log-lost");
        char *gt = time_field(&g), *bt = time_field(b);
        if (gt && bt) /* said before the line it precedes, at that line's time */
            memcpy(gt, bt, PLAYLOG_TIME_LEN);
        sb_printf(&g, ",\"lines\":%lu,\"reason\":", l->lost);
        sb_json_str(&g, l->why ? l->why : strerror(l->err ? l->err : EIO));
        sb_puts(&g, "}\n");
        int rc = write_line(l, g.s, g.len);
        sb_free(&g);
        if (rc < 0) {
            l->err = errno;
            l->lost++;
            goto done;
        }
        fprintf(stderr, "honorboard: the log %s is written again; %lu lines were lost\n", l->path,
                l->lost);
        l->lost = 0;
        l->err = 0;
        l->why = NULL;
    }
    if (write_line(l, b->s, b->len) < 0) {
        if (!l->lost)
            fprintf(stderr,
                    "honorboard: cannot write the log %s: %s; lines are counted until it "
                    "can be written again\n",
                    l->path, strerror(errno));
        l->err = errno;
        l->lost++;
        goto done;
    }
    l->err = 0;
    if (l->max > 0 && l->size >= l->max)
        rotate(l);
done:
    sb_free(b);
}

void playlog_event(struct playlog *l, const char *event, const char *key, const char *value)
{
    if (!l)
        return;
    struct strbuf b = {0};
    playlog_begin(&b, event);
    if (key) {
        sb_printf(&b, ",\"%s\":", key);
        sb_json_str(&b, value);
    }
    playlog_end(l, &b);
}
