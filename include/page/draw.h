/* draw.h - paints one laid-out page into pixels: the "prepared slide". Software only (an
 * SDL_Surface), so the worker thread can do it while the screen shows the previous slide. */
#ifndef HB_DRAW_H
#define HB_DRAW_H

#include <SDL.h>

#include "page/fonts.h"
#include "page/layout.h"

/* Paints page `page` of l. Returns an ARGB8888 surface of l->w x l->h, or NULL with err set
 * (no memory, or an element the page must show that cannot be: a damaged photo slide's photo).
 * Caller frees with SDL_FreeSurface(). */
SDL_Surface *draw_page(const struct slide_layout *l, int page, struct fonts *fonts, char *err,
                       size_t errlen);

/* Photos on the pages this thread draws from now on are decoded at `detail` (0 < detail <= 1)
 * times the size their box needs, then scaled up into it: for pages only ever seen shrunk by
 * about that much (a contact sheet's thumbnails), where decoding was most of the time. 1 until
 * set, in every thread. */
void draw_set_photo_detail(double detail);

/* Paints one text element (its page of lines) onto dst. */
void draw_text_element(SDL_Surface *dst, const struct element *e, struct fonts *fonts);

/* A running line (走字: an element with run_speed > 0): its text drawn once on a transparent
 * strip as tall as the element's box. Caller frees with SDL_FreeSurface(); NULL without memory. */
SDL_Surface *draw_running_strip(const struct element *e, struct fonts *fonts);
/* The strip blended onto dst where the running line stands t seconds after it started (whole
 * pixels, from t alone), clipped to the element's box. dst's pixel (0, 0) is the page's
 * (ox, oy): the page itself, or a band of it. */
void draw_running_at(SDL_Surface *dst, const struct element *e, SDL_Surface *strip, double t,
                     int ox, int oy);

/* A notice band (imports, warnings) w pixels wide for a screen h high: dark, translucent,
 * the text centred and wrapped. Caller frees with SDL_FreeSurface(). */
SDL_Surface *draw_notice(struct fonts *fonts, const char *text, int w, int h, struct color accent);

/* A layout environment measuring with fonts and sizing images with images_probe (cached). */
struct layout_env draw_layout_env(struct fonts *fonts);

/* Blends a filled rectangle (alpha respected), optionally with rounded corners. */
void draw_fill(SDL_Surface *dst, double x, double y, double w, double h, struct color c,
               double radius);

#endif
