/* layout_types.h - what the layout makes and draw.c paints: pages of positioned elements (text
 * lines, images, rectangles) in absolute pixels, and the callbacks layout measures with. The
 * data alone, so the layout's own parts (layout_place.c, layout_designs.c) and the painter can
 * share it without depending on the layout driver (layout.h). No SDL in here.
 *
 * Ownership: a struct slide_layout owns its pages, their elements, each element's lines and
 * advances, and its tl_result (shared by the body elements of every page; layout_free() frees
 * it once). Strings marked "borrowed" point into the playlist (or the theme) laid out: they stay
 * valid only while that playlist lives. */
#ifndef HB_LAYOUT_TYPES_H
#define HB_LAYOUT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/playlist_types.h"
#include "text/tltypes.h"

/* EL_QR: a QR code of src (the payload, borrowed) with its quiet zone, filling its square box */
enum el_kind { EL_TEXT, EL_IMAGE, EL_RECT, EL_QR };
enum el_weight { EL_REGULAR, EL_BOLD };

struct el_line {
    char *text;
    double x, y, w, h; /* absolute pixels */
    double *adv;       /* pen x of each code point of text, relative to x (owned); in a column
                          (vertical element) the pen y, relative to y */
    size_t nadv;
    uint32_t *gid; /* a column: the glyph id each code point is drawn with (owned), or NULL */
    int para;      /* paragraph of the element's text this line belongs to */
};

struct element {
    const char *role; /* "header", "name", "unit", "honor", "body", "photo", "caption", ... */
    enum el_kind kind;
    double x, y, w, h;
    /* EL_TEXT */
    struct tl_result *tl; /* owned; positions relative to the element's box */
    bool vertical;        /* set in columns (竖排, tlvertical.h): its lines are the columns */
    int tl_page;          /* which page of tl this element shows */
    enum el_weight weight;
    struct color color;
    struct el_line *lines; /* the lines shown, absolute; owned */
    size_t nlines;
    /* EL_IMAGE */
    const char *src;      /* as written in the playlist (borrowed) */
    const char *resolved; /* borrowed; NULL draws the placeholder */
    int img_w, img_h;     /* size the image shows at (EXIF applied); 0 when unknown */
    enum fit_mode fit;
    double focus_x, focus_y;
    bool frame; /* draw an accent frame around it */
    bool video; /* resolved is a clip: the picture is its frame at video_at seconds */
    double video_at;
    /* EL_RECT (and badge backgrounds) */
    struct color fill;
    double radius;
    /* 走字: a line longer than its box runs through it, right to left, at run_speed pixels a
     * second, coming round again every run_period pixels; drawn clipped to the box, its start at
     * the box's left edge at time 0 (the page as render writes it). 0: it stands still */
    double run_speed, run_period;
    /* warnings for the contact sheet */
    bool warn_min_size;
    bool cut; /* too long for its box even at the smallest size: cut with an ellipsis */
    /* a backdrop (the background, a photo slide's full-screen photo): other elements are drawn
     * over it by design, so it may be covered; an EL_RECT backdrop is painted as the background
     * (gradient), an EL_IMAGE one that is contained gets a blurred copy of itself behind it */
    bool backdrop;
    /* the page is nothing without this picture (a photo slide's photo): its decode is strict,
     * the check that a damaged file fails, and draw_page() fails when it cannot be shown, so
     * the slide is skipped rather than shown grey. Decoded once: the decode shown is the check */
    bool must_show;
};

struct page_layout {
    struct element *els;
    size_t n, cap;
    bool warning;
    char warn_text[400]; /* each different warning once, joined by "; " */
};

struct slide_layout {
    int w, h;
    int npages;
    struct page_layout *pages;
    bool portrait;
    struct color accent; /* the theme's accent: frames, badges and photo placeholders */
};

/* The board's clock's box in screen pixels, and the size its text is set at (layout_clock.h). */
struct clock_box {
    double x, y, w, h;
    double px;
};

struct layout_env {
    struct tl_measure measure[2]; /* regular, bold */
    /* Size of an image as it will show (EXIF applied); 0 ok, -1 unknown/missing. */
    int (*image_size)(void *ctx, const char *resolved, int *w, int *h);
    /* Size and length (seconds) of a video clip; 0 ok, -1 unknown/missing. May be NULL. */
    int (*video_size)(void *ctx, const char *resolved, int *w, int *h, double *seconds);
    /* The glyph ids the n code points of a laid-out column are drawn with (weight: enum
     * el_weight), for the layout JSON. May be NULL (then no ids). */
    void (*column_glyphs)(void *ctx, int weight, double px, const struct tl_glyph *g, size_t n,
                          uint32_t *gid);
    void *ctx;
    /* the board draws its clock over the header (config `clock: true`): the header's text ends
     * before the clock's box (layout_clock.h) */
    bool clock;
    /* the board scrolls its config's ticker (config `ticker:`) under the pages of a playlist
     * without one of its own: they leave its band free, as for a playlist's (layout_ticker.h) */
    bool ticker;
};

/* Seconds a running line (走字) stands on its start once its page is up, before it runs. */
#define RUNNING_HOLD_S 1.5

/* A photo blown up more than this in its slot looks blurred: the page gets a warning. */
#define LAYOUT_MAX_ENLARGEMENT 1.5
/* How many times an iw x ih photo is enlarged in a w x h slot (cover fills it, contain fits
 * inside it); 0 when the size is unknown. */
double layout_enlargement(int iw, int ih, double w, double h, enum fit_mode fit);

/* Frees l and everything it holds; NULL is ignored. */
void layout_free(struct slide_layout *l);

/* The page warning of a photo enlarged past LAYOUT_MAX_ENLARGEMENT (advice.c names the photo
 * and the size to use instead, so it leaves this one out of its lists). */
const char *place_enlarged_warning(void);

#endif
