/* timeline.c - what plays next and when (timeline.h). Pure decisions over the content and a
 * clock; the frame loop turns them into prepare requests and page changes. */
#include "board/timeline.h"
#include "model/playlist.h"
#include "base/schedule.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>

struct timeline {
    struct timeline_env env;
    struct content *content; /* one reference, ours */
    struct timeline_pos pos; /* on screen */
    bool shown;              /* a page of this content has gone up */
    double shown_at, duration;
    bool paused, advance;
    double paused_at;
    int skips; /* items skipped in a row */
    bool clock_warned;
};

static double sys_now(void *ctx)
{
    (void)ctx;
    return now_seconds();
}

static void sys_local(void *ctx, struct tm *out)
{
    (void)ctx;
    time_t t = schedule_now();
    localtime_r(&t, out);
}

struct timeline_env timeline_system_env(void (*warn_clock)(void *ctx, int year), void *ctx)
{
    return (struct timeline_env){sys_now, sys_local, warn_clock, ctx};
}

struct timeline *timeline_create(const struct timeline_env *env)
{
    struct timeline *t = xcalloc(1, sizeof *t);
    t->env = *env;
    t->pos = (struct timeline_pos){.item = -1, .npages = 1};
    return t;
}

void timeline_destroy(struct timeline *t)
{
    if (!t)
        return;
    content_unref(t->content);
    free(t);
}

void timeline_set_content(struct timeline *t, struct content *c)
{
    content_unref(t->content);
    t->content = content_ref(c);
    t->pos.item = -1; /* the next step starts c from its first open item */
    t->skips = 0;
}

struct content *timeline_content(const struct timeline *t)
{
    return t->content;
}

static int nitems(const struct timeline *t)
{
    return t->content ? (int)t->content->nitems : 0;
}

/* item taken round the content's items; the standby card stays itself */
static struct timeline_step step(const struct timeline *t, int item, int page)
{
    int n = nitems(t);
    if (item != CONTENT_STANDBY && n > 0)
        item = ((item % n) + n) % n;
    return (struct timeline_step){item, page};
}

static bool clock_ok(struct timeline *t, const struct tm *tm)
{
    bool ok = schedule_clock_ok(tm);
    if (!ok && !t->clock_warned) {
        t->clock_warned = true;
        if (t->env.warn_clock)
            t->env.warn_clock(t->env.ctx, tm->tm_year + 1900);
    }
    return ok;
}

static bool item_open(struct timeline *t, int item, const struct tm *tm)
{
    if (item < 0 || item >= nitems(t))
        return item == CONTENT_STANDBY;
    const struct content_item *it = &t->content->items[item];
    if (it->playlist < 0 || it->slide < 0)
        return true; /* error cards always show */
    const struct playlist *pl = t->content->playlists[it->playlist];
    bool ok = clock_ok(t, tm);
    return schedule_open(&pl->schedule, tm, ok) &&
           schedule_open(&pl->slides[it->slide].schedule, tm, ok);
}

/* The first item at or after `from` (stepping by `dir`) whose schedule is open now, or the
 * standby card when none is. */
static int open_item(struct timeline *t, int from, int dir)
{
    int n = nitems(t);
    struct tm tm;
    t->env.local_time(t->env.ctx, &tm);
    for (int k = 0; k < n; k++) {
        int i = (((from + dir * k) % n) + n) % n;
        if (item_open(t, i, &tm))
            return i;
    }
    return CONTENT_STANDBY;
}

static int cur_item(const struct timeline *t)
{
    return t->pos.item < 0 ? -1 : t->pos.item;
}

struct timeline_step timeline_first(struct timeline *t)
{
    return step(t, open_item(t, 0, 1), 0);
}

struct timeline_step timeline_following(struct timeline *t)
{
    if (t->pos.item >= 0 && t->pos.page + 1 < t->pos.npages)
        return step(t, t->pos.item, t->pos.page + 1);
    return step(t, open_item(t, cur_item(t) < 0 ? 0 : cur_item(t) + 1, 1), 0);
}

struct timeline_step timeline_previous(struct timeline *t)
{
    if (t->pos.item >= 0 && t->pos.page > 0)
        return step(t, t->pos.item, t->pos.page - 1);
    return step(t, open_item(t, cur_item(t) < 0 ? 0 : cur_item(t) - 1, -1), 1 << 20);
}

struct timeline_step timeline_resume(struct timeline *t)
{
    return step(t, open_item(t, cur_item(t) < 0 ? 0 : cur_item(t) + 1, 1), 0);
}

bool timeline_skip(struct timeline *t, int item, struct timeline_step *instead)
{
    if (++t->skips >= nitems(t) + 1)
        return false;
    *instead = step(t, item + 1, 0);
    return true;
}

bool timeline_boundary(struct timeline *t, struct timeline_step next, struct timeline_step *instead)
{
    if (next.page != 0 || next.item < 0)
        return true;
    struct tm tm;
    t->env.local_time(t->env.ctx, &tm);
    if (item_open(t, next.item, &tm))
        return true;
    *instead = step(t, open_item(t, next.item + 1, 1), 0);
    return false;
}

void timeline_shown(struct timeline *t, int item, int page, int npages, double duration,
                    bool restart)
{
    t->pos = (struct timeline_pos){item, page, npages > 0 ? npages : 1};
    t->shown = true;
    t->duration = duration;
    t->skips = 0;
    if (restart) {
        t->shown_at = t->env.now(t->env.ctx);
        t->advance = false;
        if (t->paused) /* a page put up by hand while paused starts its time when resumed */
            t->paused_at = t->shown_at;
    }
}

void timeline_cut_short(struct timeline *t, double within)
{
    double now = t->env.now(t->env.ctx);
    if (t->shown && !t->paused && t->shown_at + t->duration > now + within)
        t->duration = now + within - t->shown_at;
}

void timeline_advance_now(struct timeline *t)
{
    t->advance = true;
}

double timeline_due_at(const struct timeline *t)
{
    if (!t->shown || t->paused)
        return INFINITY;
    return t->shown_at + t->duration;
}

bool timeline_change_due(const struct timeline *t)
{
    /* the very first page goes up as soon as it is ready */
    return !t->shown || t->advance || t->env.now(t->env.ctx) >= timeline_due_at(t);
}

void timeline_toggle_pause(struct timeline *t)
{
    double now = t->env.now(t->env.ctx);
    t->paused = !t->paused;
    if (t->paused)
        t->paused_at = now;
    else
        t->shown_at += now - t->paused_at;
}

bool timeline_paused(const struct timeline *t)
{
    return t->paused;
}

struct timeline_pos timeline_position(const struct timeline *t)
{
    return t->pos;
}
