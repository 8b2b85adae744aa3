/* layout_wall.c - the 光荣榜 photo wall: up to 24 big faces a page under the roll's title, each
 * with its name (dominant), honour and unit (smaller) below. The grid is the one with the
 * largest photos for the people on the page, unless the slide sets `columns`; pages hold
 * `per_page` people (default 24, 8 on a small LED wall) and are balanced: 25 people are 13 + 12,
 * never 24 + 1. The text under a photo is sized from the photo, so faces, not words, fill the
 * wall. */
#include "page/layout_wall.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sizes under a photo ph high: name, honour and unit. */
struct caption_px {
    double name, honor, unit, h; /* h: the height the lines and the gap above them take */
};

static struct caption_px caption_for(const struct place_ctx *c, double ph, bool units, double extra)
{
    const struct design_wall *d = &c->dm->wall;
    struct caption_px k;
    k.name = fmin(fmax(ph * d->name_share, PLACE_MIN_PX), d->name_max * c->u + PLACE_MIN_PX);
    k.honor = fmax(k.name * d->honor_share, PLACE_MIN_PX);
    k.unit = fmax(k.name * d->unit_share, PLACE_MIN_PX);
    k.h = ceil(ph * d->caption_gap) + ceil(k.name * 1.3) + ceil(k.honor * 1.3) +
          (units ? ceil(k.unit * 1.3) : 0) + extra;
    return k;
}

/* The grid for k people in aw x ah with the tallest photos (3:4), cols fixed when > 0. */
static void choose_grid(const struct place_ctx *c, size_t k, double aw, double ah, double gap,
                        bool units, double extra, size_t fixed, size_t *cols_out, double *ph_out)
{
    *cols_out = 1, *ph_out = 0;
    for (size_t cols = fixed ? fixed : 1; cols <= (fixed ? fixed : k); cols++) {
        size_t rows = (k + cols - 1) / cols;
        double cw = (aw - gap * (double)(cols - 1)) / (double)cols;
        double ch = (ah - gap * (double)(rows - 1)) / (double)rows;
        double a = c->dm->wall.photo_aspect, ph = fmin(ch * a, cw / a);
        for (int i = 0; i < 6; i++) /* the text under the photo grows with it */
            ph = fmin(ch - caption_for(c, ph, units, extra).h, cw / a);
        if (ph > *ph_out)
            *ph_out = ph, *cols_out = cols;
    }
}

/* The chrome, the wall's title and subtitle on page pg; returns where they end. */
static double heading(struct place_ctx *c, int pg, const struct slide *s)
{
    const struct design_wall *d = &c->dm->wall;
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, pg) + d->top * u;
    struct place_spec ts = place_style(c, &d->title, "title", s->title);
    ts.x = m, ts.y = top, ts.w = W - 2 * m, ts.align = ALIGN_CENTER;
    struct element *te = place_text(c, pg, &ts);
    place_shrink(te);
    double y0 = top + place_used_h(te) + d->title_gap * u;
    if (s->subtitle && *s->subtitle) {
        struct place_spec ss = place_style(c, &d->subtitle, "subtitle", s->subtitle);
        ss.x = m, ss.y = y0, ss.w = W - 2 * m, ss.align = ALIGN_CENTER;
        struct element *se = place_text(c, pg, &ss);
        place_shrink(se);
        y0 += place_used_h(se) + d->sub_gap * u;
    }
    return y0;
}

void layout_wall(struct place_ctx *c, const struct slide *s)
{
    const struct design_wall *d = &c->dm->wall;
    double W = c->W, u = c->u, m = c->m;
    size_t n = s->npeople;
    size_t cap = (size_t)(s->per_page                 ? s->per_page
                          : c->W < 1000 || c->H < 600 ? d->per_page_small
                                                      : d->per_page);
    size_t npages = n ? (n + cap - 1) / cap : 1;
    /* balanced: the first n % npages pages hold one more (25 by 24: 13 + 12; by 8: 7 + 6 + 6 + 6)
     */
    size_t base = n / npages, rem = n % npages, on_page = base + (rem > 0);
    bool units = false;
    for (size_t i = 0; i < n; i++)
        units |= s->people[i].unit && *s->people[i].unit;
    double name_px = 0; /* one name size for the whole wall, found on the first page */
    for (size_t pg = 0; pg < npages; pg++) {
        double y0 = heading(c, (int)pg, s);
        y0 += d->grid_gap * u;
        double bottom = npages > 1 ? place_content_bottom(c) : c->H - m - d->bottom_gap * u;
        double ax = m + d->pad * u, aw = W - 2 * m - 2 * d->pad * u, ah = bottom - y0;
        double gap = fmax(8, d->gap * u), extra = 0, ph = 1;
        size_t cols = 1;
        struct caption_px k;
        /* twice when an honour or unit needs more lines than the grid gave it */
        for (int pass = 0; pass < 2; pass++) {
            choose_grid(c, on_page, aw, ah, gap, units, extra, (size_t)s->columns, &cols, &ph);
            ph = fmax(ph, 1);
            k = caption_for(c, ph, units, extra);
            double cw = (aw - gap * (double)(cols - 1)) / (double)cols;
            double need = 0;
            for (size_t i = 0; i < n; i++) {
                double px, h1 = 0, h2 = 0;
                struct place_spec t = {.w = cw, .h = 1, .min_px = PLACE_MIN_PX, .line_height = 1.3};
                t.text = s->people[i].honor, t.max_px = k.honor;
                place_measure(c, &t, &px, &h1);
                t.text = s->people[i].unit, t.max_px = k.unit;
                place_measure(c, &t, &px, &h2);
                need = fmax(need, fmax(0, h1 - ceil(k.honor * 1.3)) +
                                      fmax(0, h2 - (units ? ceil(k.unit * 1.3) : 0)));
            }
            if (need <= extra + 0.5)
                break;
            extra = ceil(need);
        }
        double pw = ph * d->photo_aspect;
        size_t rows = (on_page + cols - 1) / cols;
        double cw = (aw - gap * (double)(cols - 1)) / (double)cols;
        double ch = ph + k.h;
        double gridw = cw * (double)cols + gap * (double)(cols - 1);
        double gridh = ch * (double)rows + gap * (double)(rows - 1);
        double gx = ax + (aw - gridw) / 2, gy = y0 + (ah - gridh) / 2;
        struct place_spec name = {.role = "person-name",
                                  .w = cw,
                                  .h = ceil(k.name * 1.3),
                                  .min_px = PLACE_MIN_PX,
                                  .max_px = k.name,
                                  .weight = EL_BOLD,
                                  .color = place_ink(c, &d->name),
                                  .align = ALIGN_CENTER,
                                  .line_height = 1.3};
        if (pg == 0) { /* the size at which every name of the wall fits on one line */
            name_px = k.name;
            for (size_t i = 0; i < n; i++) {
                double w = place_text_w(c, s->people[i].name, k.name, EL_BOLD);
                if (w > cw)
                    name_px = fmin(name_px, k.name * cw / w);
            }
            name_px = fmax(floor(name_px), PLACE_MIN_PX);
        }
        name.min_px = name.max_px = fmin(name_px, k.name);
        size_t first = pg * base + (pg < rem ? pg : rem), last = first + base + (pg < rem);
        for (size_t i = first; i < last; i++) {
            const struct person *p = &s->people[i];
            size_t at = i - first, r = at / cols, col = at % cols;
            size_t in_row = r == rows - 1 ? (last - first) - r * cols : cols;
            double rowx = gx + (gridw - (cw * (double)in_row + gap * (double)(in_row - 1))) / 2;
            double cx = rowx + (double)col * (cw + gap), cy = gy + (double)r * (ch + gap);
            place_photo(c, (int)pg, "person-photo", &p->photo, p->focus_x, p->focus_y,
                        cx + (cw - pw) / 2, cy, pw, ph);
            double ty = cy + ph + ceil(ph * d->caption_gap);
            name.text = p->name, name.x = cx, name.y = ty;
            struct element *ne = place_text(c, (int)pg, &name);
            ty += fmax(name.h, place_used_h(ne));
            const char *hon = p->honor && *p->honor ? p->honor : NULL;
            struct place_spec more[] = {
                {.role = "person-honor",
                 .text = hon,
                 .max_px = k.honor,
                 .weight = EL_REGULAR,
                 .color = place_ink(c, &d->honor)},
                {.role = "person-unit",
                 .text = p->unit,
                 .max_px = k.unit,
                 .weight = EL_REGULAR,
                 .color = place_ink(c, &d->unit)},
            };
            for (size_t j = 0; j < 2; j++) {
                more[j].x = cx, more[j].y = ty, more[j].w = cw;
                more[j].h = ceil(more[j].max_px * 1.3), more[j].min_px = PLACE_MIN_PX;
                more[j].align = ALIGN_CENTER, more[j].line_height = 1.3;
                double px, used; /* a long honour on two lines: the grid made room for it */
                place_measure(c, &more[j], &px, &used);
                more[j].h = fmax(more[j].h, used);
                struct element *e = place_text(c, (int)pg, &more[j]);
                place_shrink(e);
                ty += e ? fmax(more[j].h, place_used_h(e)) : 0;
            }
        }
        place_page_number(c, (int)pg, (int)npages);
    }
}
