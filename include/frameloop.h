/* frameloop.h - the player's frame loop: it only ties the rooms together. It asks the timeline
 * what to prepare and when to change, hands requests to the preparer, takes finished pages and
 * news from the importer, lets the screen draw, and answers keys, window events and signals.
 * Everything that happens at a time sits in one timer table; with nothing moving (no
 * transition, no ticker) the loop sleeps until the next timer or event and draws nothing.
 * Signals and news from other threads wake it (wake.h).
 * It never reads or writes a file and never hashes: that is the importer's and the preparer's
 * work (tests/test_frameloop.c watches the frame thread's system calls to prove it). */
#ifndef HB_FRAMELOOP_H
#define HB_FRAMELOOP_H

struct config;
struct framestats;
struct importer;
struct preparer;
struct screen;
struct timeline;

/* The rooms, made by player.c and borrowed for the run. */
struct frameloop {
    struct screen *screen;
    struct timeline *timeline; /* holds the content to play */
    struct preparer *prep;
    struct importer *imp;
    struct framestats *stats; /* may be NULL */
    const struct config *cfg; /* ticker, clock, screen_off */
    double quit_after;        /* seconds; 0 = never */
    double time_scale;        /* durations divided by this (bench, soak) */
    double process_start;     /* for the time to the first frame */
    const char *dump_frames;  /* --dump-frames DIR, or NULL */
};

/* Plays until asked to stop. Returns why: "quit", "signal" or "quit-after" (static). */
const char *frameloop_run(const struct frameloop *f);

#endif
