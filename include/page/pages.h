/* pages.h - every page of the playlists under a PATH, made as the screen makes them
 * (prepare_make(): content loading, layout, skip policy, drawing) by a worker per processor:
 * page PNGs and layout JSON for `render`, contact sheets for `render --sheet` and the stick's
 * preview. Needs no display; SDL need not be initialised for video. */
#ifndef HB_PAGES_H
#define HB_PAGES_H

#include <SDL.h>
#include <stdbool.h>

struct playlist;

/* Slide numbers a selection may name (sel[1..PAGES_MAX_SLIDES]). */
#define PAGES_MAX_SLIDES 10000

struct pages_opts {
    int w, h;                 /* the screen the pages are laid out for */
    const char *out;          /* folder for the page PNGs (must exist); NULL: none written */
    const unsigned char *sel; /* slides to draw, by number; NULL: all. Borrowed for the call */
    int workers;              /* pages made at once (renderpool) */
    bool json;                /* collect the layout JSON of every page */
    const char *sheet;        /* write one contact sheet of every page here; NULL: none */
    bool quiet;               /* print nothing (a preview written for a stick) */
    /* drawn over each page before it is written (what the board draws over its pages: the
     * clock, the ticker): called on the workers, pl NULL for a card; NULL: nothing */
    void (*over)(void *ctx, SDL_Surface *page, const struct playlist *pl);
    void *over_ctx;
    bool clock;  /* over() draws the board's clock: the pages leave it its box (layout_clock.h) */
    bool ticker; /* over() draws the config's ticker where a playlist has none: the pages leave
                  * it its band (layout_ticker.h) */
    bool scheduled; /* only the slides whose schedule is open at schedule_now() (render --at);
                     * the others are named on stderr, at their line */
};

struct pages_report {
    int rc;      /* 0 ok, 1 content errors (what could be read was drawn), 2 I/O */
    int written; /* page PNGs written */
    char *json;  /* {"width":..,"height":..,"slides":[...]}; owned: the caller frees it */
};

/* Loads PATH as play does (its messages on stderr, in file order), makes every page and
 * writes what o asks for; problems go to stderr. Fills rep and returns rep->rc. */
int pages_render(const char *path, const struct pages_opts *o, struct pages_report *rep);

/* Contact sheets of every page of the playlists under path laid out for a W x H screen:
 * DIR/STEM.png, then DIR/STEM-2.png ... with per_sheet pages each (pages with a warning
 * framed), each headed by `header` and its number ("1/2") when header is not NULL. Sheets
 * left from an earlier, longer run are removed. Prints nothing. Stores the number written in
 * *nsheets; returns 0, or -1 when nothing could be read or written. */
int pages_sheets(const char *path, int W, int H, const char *dir, const char *stem, int per_sheet,
                 const char *header, int *nsheets);

#endif
