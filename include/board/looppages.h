/* looppages.h - the frame loop's state (struct loop), shared by its two files only:
 * frameloop.c (timers, input, frames, the loop) and looppages.c (the page coming and the page
 * on screen), and the rooms the loop borrows (struct frameloop, which frameloop.h hands on to
 * player.c). It lives here, below frameloop.h, so the two files do not include each other. */
#ifndef HB_LOOPPAGES_H
#define HB_LOOPPAGES_H

#include "page/prepare.h"
#include "board/timeline.h"

#include <stdbool.h>

struct content_item;
struct video_stats;

struct config;
struct framestats;
struct importer;
struct preparer;
struct screen;
struct timeline;
struct displaypower;

/* The rooms, made by player.c and borrowed for the run. */
struct frameloop {
    struct screen *screen;
    struct timeline *timeline; /* holds the content to play */
    struct preparer *prep;
    struct importer *imp;
    struct framestats *stats;   /* may be NULL */
    struct displaypower *power; /* the display switched off in screen-off hours */
    const struct config *cfg;   /* ticker, clock, screen_off */
    double quit_after;          /* seconds; 0 = never */
    double time_scale;          /* durations divided by this (bench, soak) */
    double process_start;       /* for the time to the first frame */
    const char *dump_frames;    /* --dump-frames DIR, or NULL */
};

enum purpose { WANT_NONE, WANT_NEXT, WANT_REPLACE };

enum timer_id {
    TIMER_QUIT,
    TIMER_WATCHDOG,
    TIMER_STATUS,
    TIMER_SCREEN,
    TIMER_CLOCK,
    TIMER_INFO,
    TIMER_NOTICE,
    TIMER_SLIDE,
    TIMER_DAY,
    TIMER_RUN,
    TIMER_COUNT
};

/* Everything the loop knows; lives on frameloop_run()'s stack. */
struct loop {
    const struct frameloop *f;
    const struct config *cfg;   /* f->cfg, or the one a reload read (the importer's) */
    struct displaypower *power; /* the display switched off in screen_off hours */
    int lw, lh;
    double at[TIMER_COUNT]; /* when each timer is next due (monotonic); INFINITY = off */
    int day;                /* the local day fire_screen saw last (yyyymmdd), 0 before */
    bool quit, dirty, animated, screen_off, show_info, ready_sent;
    bool follow_pending; /* the page after this one is asked for when the transition ends */
    bool nothing_warned; /* "nothing can be played" was said; again only after a slide played */
    const char *reason;
    /* the page coming */
    unsigned want_id;
    enum purpose want;
    struct prepared *next; /* ready, waiting for its time; its pixels may be staged already */
    /* the page on screen: what the log, the status file and the info line say */
    struct prepared cur;         /* no pixels; title and skip_reason owned */
    struct content *cur_content; /* the content cur came from (cur.playlist_path lives here) */
    double shown_at;             /* when cur went up (monotonic); 0 = its line is written */
    time_t shown_wall;           /* the same as the wall clock, for the line's "start" */
    bool video_done;             /* cur.video (a video slide's clip) has ended or broken */
    bool film, film_before;      /* cur.video plays now and played at the last turn: its
                                  * frames come in a row (--stats counts the time between) */
    double run_from;             /* cur.run (走字) runs from then (monotonic), after a pause
                                  * on its start once the page is up */
    int last_slide;              /* the last slide (not a card) shown: live preview goes back
                                  * to it when a broken playlist is fixed */
    /* overlays */
    char notice[1200];
    int notice_seq; /* notices shown so far (--dump-frames names them) */
    char info[512];
    /* frame times */
    double frame_start, last_frame, frame_ms, fps, fps_at;
    double interval; /* between two frames while something moves: the display's refresh */
    int frames;
    char dumped[1200]; /* --dump-frames: the last frame written */
};

/* Asks the preparer for step st (why: a next page, or the same page at a new size); drops a
 * page waiting and its staged pixels. */
void looppages_request(struct loop *l, struct timeline_step st, enum purpose why);
/* The page after the one on screen, asked for. */
void looppages_request_following(struct loop *l);
/* The item the page on screen came from, or NULL (BORROWED from l->cur_content). */
const struct content_item *looppages_cur_item(const struct loop *l);
/* The clip on screen stops; its slide line is written. at_exit: destroyed now, else later. */
void looppages_finish_video(struct loop *l, bool at_exit);
/* The page on screen leaves it (the screen goes off, the player stops): its slide line, with
 * when it went up and its seconds on screen. A clip's line comes when the clip stops. */
void looppages_log_leaving(struct loop *l, double now);
/* Takes the preparer's answer, if it is the one awaited. */
void looppages_take_prepared(struct loop *l, double now);
/* Answers, uploading ahead of time, and the change when it is due. */
void looppages_step(struct loop *l, double now);
/* A video slide's clip: its next frame onto the page; true while it plays. */
bool looppages_step_video(struct loop *l);
/* The page's 走字, if it has one and it runs now: its band painted where the clock says (only
 * the band: screen_paint_band); true when it painted. */
bool looppages_step_running(struct loop *l, double now);

#endif
