/* playlog.c - the proof-of-play log and its size-based rotation. */
#include "playlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct playlog {
    char *path;
    FILE *f;
    long long max;
    int keep;
};

struct playlog *playlog_open(const char *path, long long max_bytes, int keep)
{
    FILE *f = fopen(path, "a");
    if (!f)
        return NULL;
    struct playlog *l = xcalloc(1, sizeof *l);
    l->path = xstrdup(path);
    l->f = f;
    l->max = max_bytes;
    l->keep = keep;
    return l;
}

void playlog_close(struct playlog *l)
{
    if (!l)
        return;
    fclose(l->f);
    free(l->path);
    free(l);
}

void playlog_begin(struct strbuf *b, const char *event)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char t[64], z[8];
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(z, sizeof z, "%z", &tm); /* +0800 -> +08:00 */
    sb_printf(b, "{\"time\":\"%s%.3s:%.2s\",\"event\":", t, z, z + 3);
    sb_json_str(b, event);
}

static void rotate(struct playlog *l)
{
    fclose(l->f);
    for (int i = l->keep; i >= 1; i--) {
        char *from = i == 1 ? xstrdup(l->path) : xasprintf("%s.%d", l->path, i - 1);
        char *to = xasprintf("%s.%d", l->path, i);
        rename(from, to);
        free(from), free(to);
    }
    if (l->keep == 0)
        remove(l->path);
    l->f = fopen(l->path, "a");
    if (!l->f) /* keep logging somewhere rather than crash: the old file, truncated */
        l->f = fopen(l->path, "w");
}

void playlog_end(struct playlog *l, struct strbuf *b)
{
    sb_puts(b, "}\n");
    if (l && l->f) {
        fputs(b->s, l->f);
        fflush(l->f);
        if (l->max > 0 && ftell(l->f) >= l->max)
            rotate(l);
    }
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
