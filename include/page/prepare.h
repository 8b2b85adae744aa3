/* prepare.h - the worker thread that lays out and paints the next page off the frame loop.
 * One request slot: a new request replaces a pending one; one result slot, taken by the
 * main thread, which then only uploads the pixels to a texture. */
#ifndef HB_PREPARE_H
#define HB_PREPARE_H

#include <SDL.h>
#include <stdbool.h>

#include "model/content.h"

struct video;
struct running;

/* The standby card's item number (content.h). */
#define PREPARE_STANDBY CONTENT_STANDBY

struct prepared {
    unsigned id;    /* the request's id */
    int item, page; /* page is clamped to npages - 1 */
    int npages;
    int w, h;
    SDL_Surface *surf; /* owned; NULL when the slide cannot be shown (skip it) */
    double duration;   /* seconds this page stays up */
    int transition;    /* enum transition_kind into this page */
    double transition_time;
    char *title;               /* for the log: the name, title or caption (owned) */
    const char *type;          /* "story", "photo", "text", "roll", "card", "standby" (static) */
    const char *playlist_path; /* BORROWED from the content the request named: valid only while
                                * the holder keeps a reference to that content */
    char *skip_reason;         /* why surf is NULL (owned) */
    bool warning;
    struct video *video; /* a video slide on the worker: its clip, pre-rolled, paused; owned
                            (video_destroy) until the screen takes it */
    int video_rect[4];   /* where the clip plays on the page: x, y, w, h */
    struct running *run; /* the page's 走字 on a screen's worker (running.h), or NULL; owned */
};

struct preparer;

/* Starts the worker. NULL when the thread cannot start. Free with prepare_destroy(). */
struct preparer *prepare_create(void);
void prepare_destroy(struct preparer *p);
/* wake(ctx) is called on the worker's thread each time a result is ready (the frame loop sleeps
 * until then instead of asking every frame). */
void prepare_set_wake(struct preparer *p, void (*wake)(void *ctx), void *ctx);
/* The board draws its clock over the header (config `clock:`): the pages asked for from now on
 * leave its box free (layout_clock.h). Off until set. */
void prepare_set_clock(struct preparer *p, bool clock);
/* The board scrolls its config's ticker (config `ticker:` set): the pages asked for from now on
 * of a playlist without a ticker of its own leave its band free, as those of a playlist with
 * one do (layout_ticker.h). Off until set. */
void prepare_set_ticker(struct preparer *p, bool ticker);
/* Queues (item, page) of c at w x h; replaces a pending request. The preparer takes its own
 * reference to c (content_ref) for the request; the caller keeps its own. Returns the id. */
unsigned prepare_request(struct preparer *p, struct content *c, int item, int page, int w, int h);
/* The same, with a note (copied) the standby card shows under its clock: why nothing plays. */
unsigned prepare_request_note(struct preparer *p, struct content *c, int item, int page, int w,
                              int h, const char *note);
/* A finished result, or NULL. Caller frees with prepared_free(). */
struct prepared *prepare_take(struct preparer *p);
/* Waits up to timeout_ms for a result. */
struct prepared *prepare_wait(struct preparer *p, int timeout_ms);

/* The same work done synchronously on the caller's thread, with the caller's own fonts and
 * layout cache: `render` (and its contact sheet) makes every page through this, so a PNG is
 * the frame the screen shows. Free with prepare_maker_destroy(). */
struct page_maker;
struct page_maker *prepare_maker_create(void);
void prepare_maker_destroy(struct page_maker *m);
/* As prepare_set_clock(): the pages m makes leave the board's clock its box (render --config). */
void prepare_maker_set_clock(struct page_maker *m, bool clock);
/* As prepare_set_ticker(): the pages m makes leave the config's ticker its band. */
void prepare_maker_set_ticker(struct page_maker *m, bool ticker);
/* c is read during the call (its playlist_path is borrowed by the result, see struct
 * prepared). Caller frees the result with prepared_free(). */
struct prepared *prepare_make(struct page_maker *m, struct content *c, int item, int page, int w,
                              int h);
/* The layout behind the page prepare_make() made last: BORROWED, valid until the next call on
 * m or its destruction (render prints it with --layout-json). */
struct slide_layout;
const struct slide_layout *prepare_maker_layout(const struct page_maker *m);
/* The file name of a page, as `render` writes it and `play --dump-frames` dumps it:
 * "slide-003.png", "slide-003-p2.png" when the slide has several pages, prefixed with the
 * playlist's name ("01-xianjin-fengcai-slide-003.png") when c holds several playlists. */
void prepare_page_name(const struct content *c, int item, int page, int npages, char *buf,
                       size_t n);

/* The same work done synchronously with one shared cache (tests). Caller frees. */
struct prepared *prepare_page(struct content *c, int item, int page, int w, int h);
void prepared_free(struct prepared *r);
/* Releases the fonts and layout caches of prepare_page() (the worker cleans its own). */
void prepare_cleanup(void);

#endif
