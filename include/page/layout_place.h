/* layout_place.h - the placing kit the slide designs are built from: a page being laid out
 * (struct place_ctx), texts fitted to a box, body text over pages, the shared chrome (background,
 * frame, header, rules), badges, photos and page numbers. Internal to the layout: only
 * layout.c and layout_designs.c include it.
 *
 * Ownership: everything placed belongs to c->sl (freed with layout_free()); a returned
 * struct element * points into its page's array and is valid only until the next element is
 * added to that page (adding may move the array). No SDL in here. */
#ifndef HB_LAYOUT_PLACE_H
#define HB_LAYOUT_PLACE_H

#include "page/layout_types.h"
#include "model/designs.h"

/* The smallest text honorboard sets, in pixels, whatever the screen: the 16-dot floor LED
 * makers use. An element that would be smaller is dropped or merged on that shape. */
#define PLACE_MIN_PX 16.0

/* The screen's shape: each has its own arrangement of every kind. A strip is a door-top LED
 * strip (6:1 and wider, or under 200 px tall); wide is 3:1 to 6:1. */
enum place_shape { PLACE_PORTRAIT, PLACE_LANDSCAPE, PLACE_WIDE, PLACE_STRIP };
enum place_shape place_shape_of(int w, int h);

/* The design unit u (pixels a design unit is on a w x h screen) and the safe margin m. */
void place_units(int w, int h, const struct design_metrics *dm, double *u, double *m);

/* One slide being laid out. pl and th are borrowed for the call; sl is the result being built. */
struct place_ctx {
    const struct playlist *pl;
    const struct theme *th;
    const struct layout_env *env;
    struct slide_layout *sl;
    const struct design *d;          /* the theme's design (designs.h) */
    const struct design_metrics *dm; /* its metrics, in units of u */
    double W, H, u, m;               /* screen, unit, safe margin */
    bool portrait;
    enum place_shape shape;
    /* the board's clock over the header (layout_clock.h): the header's text ends before it;
     * w 0 when the board draws none */
    struct clock_box clock;
};

/* A text to place: role and text are borrowed (a string literal, the playlist's text) and
 * must outlive the layout. */
struct place_spec {
    const char *role;
    const char *text;
    double x, y, w, h;
    double min_px, max_px;
    enum el_weight weight;
    struct color color;
    enum text_align align;
    double indent_em, line_height;
    bool two_lines; /* a heading: two lines at its size before it shrinks */
    bool balanced;  /* when it wraps: lines of nearly equal length, broken between words */
};

/* Starts laying out for a w x h screen: fills c and allocates c->sl (the caller returns it;
 * freed with layout_free()). pl may be a stack-made stand-in for a card (title only). */
void place_setup(struct place_ctx *c, const struct playlist *pl, const struct theme *th, int w,
                 int h, const struct layout_env *env);
/* Page `page` of the result, adding empty pages up to it. Points into c->sl->pages: valid until
 * a later page is added. */
struct page_layout *place_page(struct place_ctx *c, int page);
/* Appends e to page p and returns it (valid until the next place_add() on p). */
struct element *place_add(struct page_layout *p, struct element e);
/* A page without a "background" element (a photo's page) gets one, first, filling w x h: what
 * is laid out around the slide's design (a ticker's band, a QR code's column) then stands on
 * the theme's background. */
void place_background_under(struct page_layout *p, double w, double h, struct color fill);
/* Marks page p with a warning for the contact sheet and `check --size` (each different text
 * once, while there is room). */
void place_warn(struct page_layout *p, const char *msg);

/* A text element that must fit its box on one page, at the largest size in its range; when
 * even PLACE_MIN_PX overflows, the box grows and the page is warned. Returns the element on
 * page pg, or NULL for an absent or empty text. */
struct element *place_text(struct place_ctx *c, int pg, const struct place_spec *t);
/* The size a text gets in its box and the height its lines take (what place_text() would
 * set), without placing it; 0 and 0 for an absent text. */
void place_measure(struct place_ctx *c, const struct place_spec *t, double *px, double *used_h);
/* Used height of a placed text (its lines), for stacking elements; 0 for NULL. */
double place_used_h(const struct element *e);
/* Shrinks a text element's box to its lines (keeps x and w); NULL is ignored. */
void place_shrink(struct element *e);

/* Body text laid out over as many pages as it needs, at the largest size in [min_px, max_px]
 * (never under PLACE_MIN_PX). The result is shared by the body elements place_body() adds (one
 * per page; layout_free() frees it once); the caller owns it until the first place_body(). */
struct tl_result *place_fit_body(struct place_ctx *c, const char *text, double w, double h,
                                 double min_px, double max_px, enum text_align align,
                                 double indent_em);
/* Page pg's body element, showing page pg of r (drawn after what is already on that page). */
void place_body(struct place_ctx *c, int pg, struct tl_result *r, double x, double y, double w,
                double h);

/* A badge: accent-filled rounded rectangle with the text in the background colour, on one line
 * (down to 0.7 of px, never under PLACE_MIN_PX), else on as many lines as it needs: the badge
 * grows rather than the text shrinking. Returns its height (0 without text); pg < 0 only
 * measures. */
double place_badge(struct place_ctx *c, int pg, const char *text, double cx, double y, double px,
                   double maxw, bool centred);
/* A framed photo covering its box (m is borrowed from the playlist); the page is warned when
 * it is missing or enlarged more than LAYOUT_MAX_ENLARGEMENT. */
void place_photo(struct place_ctx *c, int pg, const char *role, const struct media_ref *m,
                 double fx, double fy, double x, double y, double w, double h);

/* A photo or video slide's picture: its photo, its clip, or the clip's poster; whether it is
 * there and its size (a clip's length too). */
struct place_picture {
    const struct media_ref *ref;
    bool video, clip, present;
    int w, h;
    double secs;
};
struct place_picture place_picture_of(const struct place_ctx *c, const struct slide *s);
/* The picture in its box, over a blurred copy of itself (a clip: its poster frame, and the box
 * where the frame loop pastes its frames); the page is warned when it is missing or enlarged
 * more than LAYOUT_MAX_ENLARGEMENT. */
void place_picture_add(struct place_ctx *c, int pg, const struct slide *s,
                       const struct place_picture *p, double x, double y, double w, double h,
                       enum fit_mode fit);

/* Background, frame and header that every designed slide shares. Returns the header's bottom. */
double place_chrome(struct place_ctx *c, int pg);
/* The page without a header: background, its image and the frame (banners, cards). */
void place_plain(struct place_ctx *c, int pg);
/* Where content ends on every page: a little above the page number's box. */
double place_content_bottom(const struct place_ctx *c);
/* "2/5" in the bottom corner when npages > 1. */
void place_page_number(struct place_ctx *c, int pg, int npages);

/* A text in a design's style (sizes, box height, weight, ink) for role and text (borrowed);
 * the caller sets where it goes. */
struct place_spec place_style(const struct place_ctx *c, const struct design_text *t,
                              const char *role, const char *text);
/* The colour a design's text is set in, from the theme (so `theme:` keys recolour it). */
struct color place_ink(const struct place_ctx *c, const struct design_text *t);

/* Width of text on one line at px (no wrapping); 0 for NULL. */
double place_text_w(struct place_ctx *c, const char *text, double px, enum el_weight weight);

/* c with alpha a; a and b mixed (t = 0: a, 1: b), opaque. */
struct color place_alpha(struct color c, uint8_t a);
struct color place_mix(struct color a, struct color b, double t);

#endif
