/* lineink.h - for the pixel tests (test_pages, test_shapes): each slide of a content, and how much
 * ink a laid-out line put on the page. A line made only of colour emoji is drawn in the emoji's own
 * colours, so "ink of the element's colour" becomes "any ink" for it. */
#ifndef HB_TEST_LINEINK_H
#define HB_TEST_LINEINK_H

#include <SDL.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/content.h"
#include "page/layout_types.h"
#include "text/graphemes.h"

/* True when the line is all colour emoji and spaces (drawn in the emoji's own colours). */
static inline bool test_all_emoji(const char *t)
{
    uint32_t cps[256];
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < 256; i += len)
        cps[n++] = utf8_decode(t + i, tl - i, &len);
    bool any = false;
    for (size_t a = 0, b; a < n; a = b) {
        b = graphemes_next(cps, a, n);
        if (cps[a] == ' ' || cps[a] == 0x3000)
            continue;
        if (!graphemes_is_emoji(cps, a, b))
            return false;
        any = true;
    }
    return any;
}

/* Pixels of the line's box that differ from the bare page and have colour c (any colour for a
 * line of colour emoji, drawn in their own colours); *area, when given, the box's pixels. */
static inline long test_line_ink(SDL_Surface *full, SDL_Surface *bare, const struct el_line *l,
                                 struct color c, long *area)
{
    bool any_colour = test_all_emoji(l->text);
    int x0 = (int)fmax(0, floor(l->x)), y0 = (int)fmax(0, floor(l->y));
    int x1 = (int)fmin(full->w, ceil(l->x + l->w)), y1 = (int)fmin(full->h, ceil(l->y + l->h));
    const uint32_t *a = full->pixels, *b = bare->pixels;
    int pitch = full->pitch / 4;
    long hit = 0, n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            uint32_t p = a[y * pitch + x], q = b[y * pitch + x];
            int r = (p >> 16) & 255, g = (p >> 8) & 255, bl = p & 255;
            int dr = abs(r - (int)((q >> 16) & 255)) + abs(g - (int)((q >> 8) & 255)) +
                     abs(bl - (int)(q & 255));
            if ((any_colour || abs(r - c.r) + abs(g - c.g) + abs(bl - c.b) < 90) && dr > 40)
                hit++;
            n++;
        }
    if (area) /* the pixels looked at, for a share */
        *area = n;
    return hit;
}

/* Each slide of the content at path (playlists, cards left out) through check at w x h; the sum
 * of what check returns (the pages it laid out). */
static inline int test_each_slide(const char *path, int w, int h,
                                  int (*check)(const struct playlist *, const struct slide *, int,
                                               int))
{
    struct diag d = {0};
    struct content *c = content_load(path, &d);
    diag_free(&d);
    int pages = 0;
    for (size_t i = 0; c && i < c->nitems; i++) {
        const struct content_item *it = &c->items[i];
        if (it->slide < 0)
            continue;
        const struct playlist *pl = c->playlists[it->playlist];
        pages += check(pl, &pl->slides[it->slide], w, h);
    }
    content_unref(c);
    return pages;
}

#endif
