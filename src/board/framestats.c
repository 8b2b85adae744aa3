/* framestats.c - frame-time and resource statistics for benchmarks and soak runs. */
#include "board/framestats.h"
#include "film/video.h"
#include "base/util.h"

#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define BUCKETS 5000 /* 0.1 ms each, up to 500 ms */

struct framestats {
    FILE *f;
    double started;
    unsigned hist[BUCKETS];
    long frames, changes;
    double max_frame, max_change_frame, change_until, first_frame_ms;
    double this_change_max; /* the worst frame around the latest change */
    bool sample_due;        /* the every-100-changes line waits for a quiet moment */
    long band_frames;       /* frames that showed only a band of the screen (走字, ticker) */
    int band[4];            /* the largest such band */
};

static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n - 1; /* the one opendir() holds */
}

struct framestats *framestats_open(const char *path, double started)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    struct framestats *s = xcalloc(1, sizeof *s);
    s->f = f;
    s->started = started;
    return s;
}

void framestats_change(struct framestats *s, double now, double transition, int live_textures)
{
    if (!s)
        return;
    if (s->changes > 0) /* the change before this one is over: its worst frame */
        fprintf(s->f, "{\"change\":%ld,\"worst_ms\":%.2f}\n", s->changes, s->this_change_max);
    s->this_change_max = 0;
    s->changes++;
    s->change_until = now + transition + 0.05;
    if (s->changes % 100 == 0)
        s->sample_due = true;
    /* at a change the worker is idle (the page was ready); wait for one with no clip open */
    if (!s->sample_due || video_alive() > 0)
        return;
    s->sample_due = false;
    malloc_trim(0); /* what the process holds, not what the allocator keeps cached */
    fprintf(s->f, "{\"changes\":%ld,\"t\":%.1f,\"rss_kb\":%ld,\"fds\":%d,\"textures\":%d}\n",
            s->changes, now - s->started, hb_rss_kb(), count_fds(), live_textures);
    fflush(s->f);
}

void framestats_frame(struct framestats *s, double now, double secs)
{
    if (!s)
        return;
    double ms = secs * 1000;
    int b = (int)(ms * 10);
    s->hist[b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b]++;
    s->frames++;
    if (ms > s->max_frame)
        s->max_frame = ms;
    if (now <= s->change_until && ms > s->this_change_max)
        s->this_change_max = ms;
    if (now <= s->change_until && ms > s->max_change_frame)
        s->max_change_frame = ms;
}

void framestats_video(struct framestats *s, const struct video_stats *vs)
{
    if (!s)
        return;
    fprintf(s->f,
            "{\"video\":{\"seconds\":%.2f,\"frames\":%ld,\"frames_dropped\":%ld,"
            "\"frames_unshown\":%ld,\"preroll_ms\":%.1f,\"decode_ms_avg\":%.2f,"
            "\"decode_ms_max\":%.2f}}\n",
            vs->seconds, vs->frames, vs->dropped, vs->unshown, vs->preroll_ms,
            vs->frames + vs->unshown ? vs->render_ms_total / (double)(vs->frames + vs->unshown) : 0,
            vs->render_ms_max);
    fflush(s->f);
}

void framestats_first_frame(struct framestats *s, double ms)
{
    if (s)
        s->first_frame_ms = ms;
}

static double percentile(const struct framestats *s, double q)
{
    long want = (long)(q * s->frames), seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
        seen += s->hist[i];
        if (seen > want)
            return (i + 0.5) / 10.0;
    }
    return BUCKETS / 10.0;
}

void framestats_band(struct framestats *s, const int rect[4])
{
    if (!s)
        return;
    s->band_frames++;
    if ((long)rect[2] * rect[3] > (long)s->band[2] * s->band[3])
        memcpy(s->band, rect, sizeof s->band);
}

void framestats_close(struct framestats *s, int live_textures)
{
    if (!s)
        return;
    if (s->changes > 0)
        fprintf(s->f, "{\"change\":%ld,\"worst_ms\":%.2f}\n", s->changes, s->this_change_max);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(s->f,
            "{\"final\":true,\"frames\":%ld,\"changes\":%ld,\"median_ms\":%.2f,\"p99_ms\":%.2f,"
            "\"max_ms\":%.2f,\"max_change_ms\":%.2f,\"first_frame_ms\":%.1f,\"peak_rss_kb\":%ld,"
            "\"fds\":%d,\"textures\":%d,\"band_frames\":%ld,\"band\":[%d,%d,%d,%d]}\n",
            s->frames, s->changes, percentile(s, 0.5), percentile(s, 0.99), s->max_frame,
            s->max_change_frame, s->first_frame_ms, ru.ru_maxrss, count_fds(), live_textures,
            s->band_frames, s->band[0], s->band[1], s->band[2], s->band[3]);
    fclose(s->f);
    free(s);
}
