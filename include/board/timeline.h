/* timeline.h - what plays next and when: the items of the content in order, their schedules
 * checked when the next one is chosen and again at the slide boundary, each page's time on
 * screen, pause, next/previous/first, skipping what cannot be shown, and the standby card when
 * nothing is scheduled. No SDL and no files: the clock comes through struct timeline_env, so
 * tests drive it with a fake one. The frame loop asks it what to prepare and when to change. */
#ifndef HB_TIMELINE_H
#define HB_TIMELINE_H

#include <stdbool.h>
#include <time.h>

#include "model/content.h"

struct timeline_env {
    double (*now)(void *ctx);                      /* monotonic seconds */
    void (*local_time)(void *ctx, struct tm *out); /* the wall clock, for schedules */
    /* Called once when the wall clock looks unset (schedule dates are then ignored). */
    void (*warn_clock)(void *ctx, int year);
    void *ctx;
};

/* The real clocks (now_seconds(), localtime_r()); warn_clock and ctx are the caller's. */
struct timeline_env timeline_system_env(void (*warn_clock)(void *ctx, int year), void *ctx);

/* A page to prepare: an item of the content (or CONTENT_STANDBY) and a page of it (a page past
 * the last means the last). */
struct timeline_step {
    int item, page;
};

struct timeline;

/* env is copied. Free with timeline_destroy(). */
struct timeline *timeline_create(const struct timeline_env *env);
void timeline_destroy(struct timeline *t);

/* Plays c from now on (takes its own reference; the caller keeps its). Nothing is on screen
 * from c yet: the following step is c's first open item. */
void timeline_set_content(struct timeline *t, struct content *c);
/* The content playing (borrowed: valid until the next timeline_set_content()). */
struct content *timeline_content(const struct timeline *t);

/* The first open item from the start; the step after what is on screen (its next page, else
 * the next open item); the step before (the previous page, else the last page of the previous
 * open item); the next open item after what is on screen (when the screen comes back on). */
struct timeline_step timeline_first(struct timeline *t);
struct timeline_step timeline_following(struct timeline *t);
struct timeline_step timeline_previous(struct timeline *t);
struct timeline_step timeline_resume(struct timeline *t);
/* The prepared page of `item` could not be shown: the step to try instead, or false when every
 * item has been skipped in a row (then nothing more is asked until a page shows). */
bool timeline_skip(struct timeline *t, int item, struct timeline_step *instead);
/* At the slide boundary, before `next` goes up: true when it may show now; false when its
 * schedule has closed meanwhile, with the step to prepare instead. */
bool timeline_boundary(struct timeline *t, struct timeline_step next,
                       struct timeline_step *instead);

/* A page went up now and stays `duration` seconds. restart = false keeps the current page's
 * clock (the same page made again at a new size). */
void timeline_shown(struct timeline *t, int item, int page, int npages, double duration,
                    bool restart);
/* New content arrived: the page on screen ends within `within` seconds (or when it would
 * have ended, if sooner), so what was just loaded is not kept waiting for minutes. */
void timeline_cut_short(struct timeline *t, double within);
/* The user asked to move on now (next, previous, first). */
void timeline_advance_now(struct timeline *t);
/* Time to change: nothing is up yet, the page's time is up (and not paused), or the user
 * asked. */
bool timeline_change_due(const struct timeline *t);
/* Monotonic time at which the page's time is up; INFINITY while paused or with nothing up. */
double timeline_due_at(const struct timeline *t);
void timeline_toggle_pause(struct timeline *t);
bool timeline_paused(const struct timeline *t);

/* What is on screen: item (-1 before the first page), page, npages. */
struct timeline_pos {
    int item, page, npages;
};
struct timeline_pos timeline_position(const struct timeline *t);

#endif
