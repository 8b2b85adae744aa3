/* layout_designs.c - the slide designs, one function per slide kind: where every element of a
 * story, photo (and video), text or roll slide goes on a screen of any size, built from the
 * placing kit (layout_place.c). layout.c picks the design by the slide's type. */
#include "page/layout_designs.h"
#include "base/i18n.h"
#include "page/policy.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- story ------------------------------------------------------------------------------ */

void layout_story(struct place_ctx *c, const struct slide *s)
{
    const struct design_story *d = &c->dm->story;
    double W = c->W, u = c->u, m = c->m;
    int P = c->portrait;
    double top = place_chrome(c, 0) + d->top * u;
    double bottom = place_content_bottom(c);
    struct place_spec name = place_style(c, &d->name[P], "name", s->name);
    struct place_spec unit = place_style(c, &d->unit, "unit", s->unit);
    /* the story's heading: never smaller than the body it heads (the body is capped at it) */
    struct place_spec heading = place_style(c, &d->heading[P], "title", s->title);
    name.align = unit.align = ALIGN_CENTER;
    heading.align = P ? ALIGN_CENTER : ALIGN_LEFT, heading.two_lines = true;
    double head_px = 0, head_h = 0, name_px, name_h, unit_px, unit_h;
    double px_min = d->body[P].min * u, px_max = d->body[P].max * u;
    if (!P) {
        double ph = (bottom - top) * d->photo_share, pw = ph * d->photo_aspect;
        if (pw > W * d->photo_max_w) {
            pw = W * d->photo_max_w;
            ph = pw / d->photo_aspect;
        }
        double colw = fmax(pw * d->col_over_photo, d->col_min * u);
        /* on a small wall the floor makes the unit wider than the column: widen it a little */
        double unit_w = place_text_w(c, s->unit, fmax(unit.min_px, PLACE_MIN_PX), EL_REGULAR);
        colw = fmax(colw, fmin(ceil(unit_w) + 2, W * d->photo_max_w));
        double colx = m + d->col_x * u;
        /* the photo gives way to the name, unit and honour under it (a long honour on a small
         * wall takes several lines) */
        name.w = unit.w = colw;
        place_measure(c, &name, &name_px, &name_h);
        place_measure(c, &unit, &unit_px, &unit_h);
        double badge_px = d->badge_px[P] * u;
        double badge_h = place_badge(c, -1, s->honor, 0, 0, badge_px, colw, true);
        double room = bottom - top - d->name_gap * u - name_h - d->unit_gap * u - unit_h -
                      d->badge_gap * u - badge_h;
        if (ph > room) {
            ph = fmax(room, 0);
            pw = ph * d->photo_aspect;
        }
        double px = colx + (colw - pw) / 2;
        double textx = colx + colw + d->text_gap * u, textw = W - m - d->text_right * u - textx;
        double ty = top;
        heading.x = textx, heading.y = ty, heading.w = textw;
        place_measure(c, &heading, &head_px, &head_h);
        double body_y = ty + (s->title ? head_h + d->head_gap[P] * u : 0);
        struct tl_result *r = place_fit_body(c, s->text, textw, bottom - body_y, px_min,
                                             s->title ? fmin(px_max, head_px) : px_max, s->align,
                                             s->lines ? 0 : 2); /* lines: true - no indent */
        int pages = r->npages > 0 ? r->npages : 1;
        for (int pg = 0; pg < pages; pg++) {
            if (pg > 0)
                place_chrome(c, pg);
            place_photo(c, pg, "photo", &s->photo, s->focus_x, s->focus_y, px, top, pw, ph);
            double y = top + ph + d->name_gap * u;
            name.x = colx, name.y = y, name.w = colw;
            struct element *ne = place_text(c, pg, &name);
            place_shrink(ne);
            y += place_used_h(ne) + d->unit_gap * u;
            unit.x = colx, unit.y = y, unit.w = colw;
            struct element *ue = place_text(c, pg, &unit);
            place_shrink(ue);
            y += place_used_h(ue) + d->badge_gap * u;
            place_badge(c, pg, s->honor, colx + colw / 2, y, badge_px, colw, true);
            if (s->title) {
                struct element *he = place_text(c, pg, &heading);
                place_shrink(he);
                /* beside the heading, not under it: a short rule under its first
                 * characters reads as an underline (专名号) */
                if (he)
                    place_add(place_page(c, pg), (struct element){.role = "title-rule",
                                                                  .kind = EL_RECT,
                                                                  .x = textx - d->rule_x * u,
                                                                  .y = ty + 0.18 * head_px,
                                                                  .w = fmax(2, d->rule_w * u),
                                                                  .h = head_h - 0.36 * head_px,
                                                                  .fill = c->th->accent});
            }
            /* a thin vertical divider between the columns */
            place_add(place_page(c, pg), (struct element){.role = "divider",
                                                          .kind = EL_RECT,
                                                          .x = colx + colw + d->divider_at * u,
                                                          .y = top,
                                                          .w = fmax(1, round(d->divider_w * u)),
                                                          .h = bottom - top,
                                                          .fill = place_alpha(c->th->accent, 110)});
            place_body(c, pg, r, textx, body_y, textw, bottom - body_y);
            place_page_number(c, pg, pages);
        }
    } else {
        double pw = W * d->portrait_photo_w, ph = pw / d->photo_aspect;
        double px = (W - pw) / 2;
        double y0 = top + d->portrait_top * u;
        double y = y0 + ph + d->name_gap * u;
        name.x = m, name.w = W - 2 * m;
        unit.x = m, unit.w = W - 2 * m;
        /* the body starts below the name, unit and badge: measured, not guessed */
        place_measure(c, &name, &name_px, &name_h);
        place_measure(c, &unit, &unit_px, &unit_h);
        double badge_px = fmax(d->badge_px[P] * u, PLACE_MIN_PX);
        double badge_h = place_badge(c, -1, s->honor, W / 2, 0, badge_px, W - 2 * m, true);
        double bx = m + d->body_pad * u, bw = W - 2 * m - 2 * d->body_pad * u;
        double body_top =
            y + name_h + d->unit_gap * u + unit_h + d->badge_gap * u + badge_h + d->body_gap * u;
        heading.x = bx, heading.w = bw;
        heading.y = body_top;
        place_measure(c, &heading, &head_px, &head_h);
        double head_y = body_top;
        if (s->title)
            body_top += head_h + d->head_gap[P] * u;
        struct tl_result *r = place_fit_body(c, s->text, bw, bottom - body_top, px_min,
                                             s->title ? fmin(px_max, head_px) : px_max, s->align,
                                             s->lines ? 0 : 2); /* lines: true - no indent */
        int pages = r->npages > 0 ? r->npages : 1;
        for (int pg = 0; pg < pages; pg++) {
            if (pg > 0)
                place_chrome(c, pg);
            place_photo(c, pg, "photo", &s->photo, s->focus_x, s->focus_y, px, y0, pw, ph);
            double yy = y;
            name.y = yy;
            struct element *ne = place_text(c, pg, &name);
            place_shrink(ne);
            yy += place_used_h(ne) + d->unit_gap * u;
            unit.y = yy;
            struct element *ue = place_text(c, pg, &unit);
            place_shrink(ue);
            yy += place_used_h(ue) + d->badge_gap * u;
            place_badge(c, pg, s->honor, W / 2, yy, badge_px, W - 2 * m, true);
            if (s->title) {
                struct element *he = place_text(c, pg, &heading);
                place_shrink(he);
                if (he)
                    place_add(place_page(c, pg),
                              (struct element){.role = "title-rule",
                                               .kind = EL_RECT,
                                               .x = W / 2 - d->rule_len * u / 2,
                                               .y = head_y + head_h + d->rule_gap * u,
                                               .w = d->rule_len * u,
                                               .h = fmax(2, d->rule_h * u),
                                               .fill = c->th->accent});
            }
            place_body(c, pg, r, bx, body_top, bw, bottom - body_top);
            place_page_number(c, pg, pages);
        }
    }
}

/* ---- photo and video --------------------------------------------------------------------- */

/* A photo fills the screen under a translucent caption band. A photo shown whole (fit: contain)
 * and a video slide end above an opaque band instead: the band never covers a part of the
 * picture, and the frame loop can paste a clip's live frames into its box with nothing drawn
 * over them. */
void layout_photo(struct place_ctx *c, const struct slide *s)
{
    const struct design_photo *d = &c->dm->photo;
    double W = c->W, H = c->H, u = c->u, m = c->m;
    struct page_layout *page = place_page(c, 0);
    struct place_picture pic = place_picture_of(c, s);
    bool video = pic.video;
    const char *cap = s->caption;
    double bandh = 0;
    if (cap || s->title) {
        bandh = d->band_h[c->portrait] * u;
        if (s->title && cap)
            bandh += d->band_title * u;
    }
    /* a clip, or a photo shown whole, ends above the band: the band never covers it */
    bool above = video || s->fit == FIT_CONTAIN;
    double boxh = above ? H - bandh : H;
    if (!pic.present || s->fit == FIT_CONTAIN) /* a covering photo hides it: not painted then */
        place_add(page, (struct element){.role = "background",
                                         .kind = EL_RECT,
                                         .x = 0,
                                         .y = 0,
                                         .w = W,
                                         .h = H,
                                         .backdrop = true,
                                         .fill = place_mix(c->th->background,
                                                           (struct color){0, 0, 0, 255}, d->dim)});
    place_picture_add(c, 0, s, &pic, 0, 0, W, boxh, s->fit);
    if (!cap && !s->title)
        return;
    place_add(page, (struct element){.role = "caption-band",
                                     .kind = EL_RECT,
                                     .x = 0,
                                     .y = H - bandh,
                                     .w = W,
                                     .h = bandh,
                                     .fill = above ? d->band_below : d->band_over});
    place_add(page, (struct element){.role = "caption-rule",
                                     .kind = EL_RECT,
                                     .x = 0,
                                     .y = H - bandh,
                                     .w = W,
                                     .h = fmax(2, round(d->rule_w * u)),
                                     .fill = c->th->accent});
    double y = H - bandh + d->pad * u;
    double title_px = 0;
    if (s->title) { /* the title heads the caption: never smaller than it */
        struct place_spec ts = place_style(c, &d->title, "title", s->title);
        ts.x = m, ts.y = y, ts.w = W - 2 * m, ts.align = ALIGN_CENTER;
        struct element *t = place_text(c, 0, &ts);
        place_shrink(t);
        y += place_used_h(t) + d->title_gap * u;
        title_px = t ? t->tl->px : 0;
    }
    if (cap) {
        struct place_spec cs = place_style(c, &d->caption, "caption", cap);
        cs.x = m, cs.y = y, cs.w = W - 2 * m, cs.h = H - m * 0.5 - y, cs.align = ALIGN_CENTER;
        if (title_px > 0)
            cs.max_px = fmin(cs.max_px, title_px);
        place_text(c, 0, &cs);
    }
}

void layout_video(struct place_ctx *c, const struct slide *s)
{
    layout_photo(c, s);
}

/* ---- text ------------------------------------------------------------------------------- */

void layout_text(struct place_ctx *c, const struct slide *s)
{
    const struct design_text_slide *d = &c->dm->text;
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, 0) + d->top * u;
    double bottom = place_content_bottom(c);
    double bw =
        c->portrait ? W - 2 * m - d->pad[1] * u : fmin(W - 2 * m - d->pad[0] * u, d->max_w * u);
    double bx = (W - bw) / 2;
    struct place_spec title = place_style(c, &d->title[c->portrait], "title", s->title);
    title.x = bx, title.y = top, title.w = bw, title.align = ALIGN_CENTER, title.two_lines = true;
    struct place_spec sub = place_style(c, &d->subtitle, "subtitle", s->subtitle);
    sub.x = bx, sub.w = bw, sub.align = ALIGN_CENTER;
    /* the heading block's height first, to know where the body starts */
    double title_px, title_h, sub_px, sub_h;
    place_measure(c, &title, &title_px, &title_h);
    double y = top + title_h + d->title_gap * u;
    sub.y = y;
    place_measure(c, &sub, &sub_px, &sub_h);
    if (s->subtitle && *s->subtitle)
        y += sub_h + d->sub_gap * u;
    double rule_y = y + d->rule_at * u;
    y = rule_y + d->rule_after * u;
    /* the body is never set larger than its heading */
    double body_min = d->body.min * u, body_max = d->body.max * u;
    if (title_px > 0)
        body_max = fmin(body_max, title_px);
    /* direction: vertical - the body in columns right to left (竖排), the heading stays across */
    struct tl_result *r =
        s->vertical ? place_vertical_fit(c, s->text, bw, bottom - y, body_min, body_max, s->align,
                                         s->lines ? 0 : 2)
                    : place_fit_body(c, s->text, bw, bottom - y, body_min, body_max, s->align,
                                     s->lines ? 0 : 2); /* lines: true - no indent */
    int pages = r->npages > 0 ? r->npages : 1;
    for (int pg = 0; pg < pages; pg++) {
        if (pg > 0)
            place_chrome(c, pg);
        place_shrink(place_text(c, pg, &title));
        place_shrink(place_text(c, pg, &sub));
        place_add(place_page(c, pg), (struct element){.role = "title-rule",
                                                      .kind = EL_RECT,
                                                      .x = W / 2 - d->rule_len * u / 2,
                                                      .y = rule_y,
                                                      .w = d->rule_len * u,
                                                      .h = fmax(2, d->rule_h * u),
                                                      .fill = c->th->accent});
        if (s->vertical)
            place_vertical_body(c, pg, r, bx, y, bw, bottom - y);
        else
            place_body(c, pg, r, bx, y, bw, bottom - y);
        place_page_number(c, pg, pages);
    }
}

/* ---- roll ------------------------------------------------------------------------------- */

void layout_roll(struct place_ctx *c, const struct slide *s)
{
    double W = c->W, H = c->H, u = c->u, m = c->m;
    const struct design_roll *d = &c->dm->roll;
    size_t n = s->npeople ? s->npeople : 1;
    int P = c->portrait;
    size_t per_page = (size_t)(!P && W / H > 1.9 ? d->per_page_wide : d->per_page[P]);
    if (H < 600 || W < 600) /* small LED walls: fewer, larger cards */
        per_page = (size_t)d->per_page_small[P];
    size_t npages = (n + per_page - 1) / per_page;
    size_t on_page = n < per_page ? n : per_page;
    if (npages > 1) /* balance pages: 13 people -> 7 + 6, not 12 + 1 */
        on_page = (n + npages - 1) / npages;
    /* a person with both an honour and a unit shows both: one more line on every card */
    bool units = false;
    for (size_t i = 0; i < s->npeople; i++)
        units |=
            s->people[i].unit && *s->people[i].unit && s->people[i].honor && *s->people[i].honor;
    double name_px = 0; /* one name size for the whole roll, found on the first page */
    for (size_t pg = 0; pg < npages; pg++) {
        double top = place_chrome(c, (int)pg) + d->top * u;
        struct place_spec ts = place_style(c, &d->title, "title", s->title);
        ts.x = m, ts.y = top, ts.w = W - 2 * m, ts.align = ALIGN_CENTER, ts.two_lines = true;
        struct element *te = place_text(c, (int)pg, &ts);
        place_shrink(te);
        double y0 = top + place_used_h(te) + d->title_gap * u;
        if (s->subtitle) {
            struct place_spec ss = place_style(c, &d->subtitle, "subtitle", s->subtitle);
            ss.x = m, ss.y = y0, ss.w = W - 2 * m, ss.align = ALIGN_CENTER;
            struct element *se = place_text(c, (int)pg, &ss);
            place_shrink(se);
            y0 += place_used_h(se) + d->sub_gap * u;
        }
        y0 += d->grid_gap * u;
        double ah = place_content_bottom(c) - y0, aw = W - 2 * m - 2 * d->pad * u;
        double ax = m + d->pad * u;
        /* choose the grid with the largest photos, weighted by how much of the area it fills,
         * so 8 people become 4 x 2 rather than a thin strip of 8 */
        double name_h = fmax(d->name_box * u, ceil(PLACE_MIN_PX * 1.25) + 1);
        double honor_h = fmax(d->honor_box * u, ceil(PLACE_MIN_PX * 1.25) + 1);
        double unit_h = units ? fmax(d->unit_box * u, ceil(PLACE_MIN_PX * 1.25) + 1) : 0;
        double gap = d->gap * u, text_h, best_ph, cw, name_need;
        size_t best_cols;
        struct place_spec name = place_style(c, &d->name, "person-name", NULL);
        name.align = ALIGN_CENTER;
        /* twice when a long name needs two lines at the roll's name size: the grid again
         * with room for them */
        for (int pass = 0; pass < 2; pass++) {
            best_cols = 1, best_ph = 0;
            text_h = d->name_pad * u + name_h + honor_h + unit_h + d->text_pad * u;
            double best_score = 0;
            for (size_t cols = 1; cols <= on_page; cols++) {
                size_t rows = (on_page + cols - 1) / cols;
                double try_w = (aw - gap * (double)(cols - 1)) / (double)cols;
                double try_h = (ah - gap * (double)(rows - 1)) / (double)rows;
                double ph = fmin(try_h - text_h, try_w * d->photo_share / d->photo_aspect);
                if (ph <= 0)
                    continue;
                double used = (ph + text_h) * (double)rows + gap * (double)(rows - 1);
                double score = ph * sqrt(fmin(1, used / ah));
                if (score > best_score) {
                    best_score = score;
                    best_ph = ph;
                    best_cols = cols;
                }
            }
            size_t cols = best_cols;
            double ph = fmin(best_ph, d->photo_max[c->portrait] * u), pw = ph * d->photo_aspect;
            cw = fmin((aw - gap * (double)(cols - 1)) / (double)cols, pw * d->card_over_photo);
            name.w = cw, name.h = name_h;
            if (pg == 0) { /* the size at which every name of the roll fits its card */
                name_px = name.max_px;
                for (size_t i = 0; i < s->npeople; i++) {
                    double px, used;
                    name.text = s->people[i].name;
                    place_measure(c, &name, &px, &used);
                    if (px > 0)
                        name_px = fmin(name_px, px);
                }
            }
            name_need = 0;
            for (size_t i = 0; i < s->npeople; i++) {
                double px, used;
                place_measure(c,
                              &(struct place_spec){.text = s->people[i].name,
                                                   .w = cw,
                                                   .h = name_h,
                                                   .min_px = name_px,
                                                   .max_px = name_px,
                                                   .weight = EL_BOLD},
                              &px, &used);
                name_need = fmax(name_need, used);
            }
            if (name_need <= name_h + 0.5)
                break;
            name_h = ceil(name_need);
        }
        size_t cols = best_cols, rows = (on_page + cols - 1) / cols;
        double ph = fmin(best_ph, d->photo_max[c->portrait] * u), pw = ph * d->photo_aspect;
        double ch = ph + text_h;
        double gridw = cw * (double)cols + gap * (double)(cols - 1);
        double gridh = ch * (double)rows + gap * (double)(rows - 1);
        double gx = ax + (aw - gridw) / 2, gy = y0 + (ah - gridh) / 2;
        name.w = cw, name.h = name_h;
        name.min_px = name.max_px = name_px;
        size_t first = pg * on_page;
        size_t last = first + on_page < s->npeople ? first + on_page : s->npeople;
        for (size_t i = first; i < last; i++) {
            const struct person *p = &s->people[i];
            size_t k = i - first, r = k / cols, col = k % cols;
            /* centre an incomplete last row */
            size_t in_row = r == rows - 1 ? (last - first) - r * cols : cols;
            double rowx = gx + (gridw - (cw * (double)in_row + gap * (double)(in_row - 1))) / 2;
            double cx = rowx + (double)col * (cw + gap), cy = gy + (double)r * (ch + gap);
            place_photo(c, (int)pg, "person-photo", &p->photo, p->focus_x, p->focus_y,
                        cx + (cw - pw) / 2, cy, pw, ph);
            name.text = p->name, name.x = cx, name.y = cy + ph + d->name_pad * u;
            struct element *ne = place_text(c, (int)pg, &name);
            place_shrink(ne);
            double ty = cy + ph + d->name_pad * u + name_h;
            const char *hon = p->honor && *p->honor ? p->honor : p->unit;
            struct place_spec hs = place_style(c, &d->honor, "person-honor", hon);
            hs.x = cx, hs.y = ty, hs.w = cw, hs.h = honor_h, hs.align = ALIGN_CENTER;
            place_text(c, (int)pg, &hs);
            if (units && hon == p->honor) {
                struct place_spec us = place_style(c, &d->unit, "person-unit", p->unit);
                us.x = cx, us.y = ty + honor_h, us.w = cw, us.h = unit_h, us.align = ALIGN_CENTER;
                place_text(c, (int)pg, &us);
            }
        }
        place_page_number(c, (int)pg, (int)npages);
    }
}
