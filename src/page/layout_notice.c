/* layout_notice.c - a notice (通知, 公告) set as a document, after the habits of GB/T 9704: the
 * title centred, the 文号 under it and an accent rule, the salutation (主送) flush left, the body
 * paragraphs indented two characters, the attachments (附件：1．…) after the body, the 落款 and
 * the date right-aligned at the end. The body runs over pages; the salutation opens the first
 * and the attachments, 落款 and date close the last, in room kept for them on every page. */
#include "page/layout_notice.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTICE_LINE 1.6

static bool given(const char *s)
{
    return s && *s;
}

/* One line of the notice at px: flush left from x (or right-aligned to x + w). */
static double line(struct place_ctx *c, int pg, const char *role, const char *text, double x,
                   double y, double w, double px, enum text_align align)
{
    struct element *e = place_text(c, pg,
                                   &(struct place_spec){.role = role,
                                                        .text = text,
                                                        .x = x,
                                                        .y = y,
                                                        .w = w,
                                                        .h = ceil(px * NOTICE_LINE),
                                                        .min_px = PLACE_MIN_PX,
                                                        .max_px = px,
                                                        .weight = EL_REGULAR,
                                                        .color = c->th->text,
                                                        .align = align,
                                                        .line_height = NOTICE_LINE});
    place_shrink(e);
    return e ? fmax(ceil(px * NOTICE_LINE), place_used_h(e)) : 0;
}

/* The attachments, 落款 and date under the body's last line at y. */
static void closing(struct place_ctx *c, int pg, const struct slide *s, double bx, double bw,
                    double y, double px)
{
    double em = px;
    if (s->nattachments) {
        y += px * 0.8;
        const char *head = "附件：";
        double hw = place_text_w(c, head, px, EL_REGULAR);
        for (size_t i = 0; i < s->nattachments; i++) {
            char *t = xasprintf("%s%zu．%s", i ? "" : head, i + 1, s->attachments[i]);
            double x = bx + 2 * em + (i ? hw : 0); /* later items under the first one's number */
            y += line(c, pg, "attachment", t, x, y, bx + bw - x, px, ALIGN_LEFT);
            free(t);
        }
    }
    y += px * 0.8;
    if (given(s->sign))
        y += line(c, pg, "sign", s->sign, bx, y, bw - 2 * em, px, ALIGN_RIGHT);
    if (given(s->date))
        line(c, pg, "date", s->date, bx, y, bw - 2 * em, px, ALIGN_RIGHT);
}

/* The height the closing takes at px (what closing() places). */
static double closing_h(const struct slide *s, double px)
{
    double lh = ceil(px * NOTICE_LINE);
    return (double)s->nattachments * lh + (s->nattachments ? px * 0.8 : 0) + px * 0.8 +
           (given(s->sign) ? lh : 0) + (given(s->date) ? lh : 0);
}

void layout_notice(struct place_ctx *c, const struct slide *s)
{
    const struct design_notice *d = &c->dm->notice;
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, 0) + d->top * u, bottom = place_content_bottom(c);
    double bw =
        c->portrait ? W - 2 * m - d->pad[1] * u : fmin(W - 2 * m - d->pad[0] * u, d->max_w * u);
    double bx = (W - bw) / 2;
    struct place_spec title = place_style(c, &d->title, "title", s->title);
    title.x = bx, title.y = top, title.w = bw, title.align = ALIGN_CENTER, title.two_lines = true;
    struct place_spec number = place_style(c, &d->number, "number", s->number);
    number.x = bx, number.w = bw, number.align = ALIGN_CENTER;
    double title_px, title_h, number_px, number_h;
    place_measure(c, &title, &title_px, &title_h);
    number.y = top + title_h + d->number_gap * u;
    place_measure(c, &number, &number_px, &number_h);
    double rule_y = number.y + (given(s->number) ? number_h + d->rule_gap * u : 0);
    double y = rule_y + d->rule_after * u;
    double px_max = fmin(d->body.max * u, title_px > 0 ? title_px : d->body.max * u);
    double lh = px_max * NOTICE_LINE;
    double sal_h = given(s->to) ? ceil(lh) : 0;
    double body_y = y + sal_h, body_h = fmax(bottom - body_y, ceil(lh));
    int indent = s->lines ? 0 : 2;
    /* one page with the closing under the body when it fits; else the body over pages of the
     * whole height, the closing under its last page, or on a page of its own (small screens) */
    double px_min = fmax(d->body.min * u, PLACE_MIN_PX), end_h = closing_h(s, px_min);
    struct tl_result *r = NULL;
    /* the largest size at which body and closing share one page: a smaller size shortens both,
     * so the sizes that fit are all those under one (halving between a fit and a miss) */
    double lo = px_min, hi = px_max;
    for (int k = 0; k < 14 && hi - lo > 0.5 && body_h - end_h >= 3 * px_min * NOTICE_LINE; k++) {
        double px = k == 0 ? hi : k == 1 ? lo : floor((lo + hi) / 2);
        struct tl_result *t =
            place_fit_body(c, s->text, bw, body_h - closing_h(s, px), px, px, s->align, indent);
        bool fits = t->npages == 1 && body_h - closing_h(s, px) >= 3 * px_min * NOTICE_LINE;
        if (fits) {
            tl_result_free(r);
            r = t, lo = px, end_h = closing_h(s, px);
            if (k == 0)
                break; /* at the largest size already */
        } else {
            tl_result_free(t);
            if (k == 1)
                break; /* not even at the smallest: over pages */
            hi = px;
        }
    }
    bool own_page = false;
    if (r) {
        body_h -= end_h;
    } else {
        r = place_fit_body(c, s->text, bw, body_h, px_min, px_max, s->align, indent);
        own_page =
            r->nlines && r->lines[r->nlines - 1].y + r->line_h + closing_h(s, r->px) > body_h;
        /* a closing alone on a page of its own (two seconds of 附件 and 落款): rather the body's
         * last lines go with it - the first page breaking earlier, at least two lines after it,
         * the size a little smaller where the closing needs it */
        for (double bpx = r->px; own_page && r->npages == 1 && bpx >= px_min; bpx -= 2) {
            struct tl_result *whole =
                place_fit_body(c, s->text, bw, body_h, bpx, bpx, s->align, indent);
            size_t n = whole->npages == 1 ? whole->nlines : 0;
            double step = whole->line_h;
            tl_result_free(whole);
            for (size_t k = n >= 4 ? n - 2 : 0; own_page && k >= (n + 1) / 2 && k > 0; k--) {
                struct tl_result *t =
                    place_fit_body(c, s->text, bw, k * step + 0.5, bpx, bpx, s->align, indent);
                if (t->npages == 2 && t->nlines &&
                    t->lines[t->nlines - 1].y + t->line_h + closing_h(s, t->px) <= body_h) {
                    tl_result_free(r);
                    r = t, own_page = false;
                } else {
                    tl_result_free(t);
                }
            }
        }
    }
    double px = fmax(r->px, PLACE_MIN_PX);
    int pages = (r->npages > 0 ? r->npages : 1) + own_page;
    for (int pg = 0; pg < pages; pg++) {
        if (pg > 0)
            place_chrome(c, pg);
        place_shrink(place_text(c, pg, &title));
        place_shrink(place_text(c, pg, &number));
        place_add(place_page(c, pg), (struct element){.role = "title-rule",
                                                      .kind = EL_RECT,
                                                      .x = bx,
                                                      .y = rule_y,
                                                      .w = bw,
                                                      .h = fmax(2, round(d->rule_h * u)),
                                                      .fill = c->th->accent});
        if (pg == 0 && given(s->to))
            line(c, pg, "salutation", s->to, bx, y, bw, px, ALIGN_LEFT);
        if (own_page && pg == pages - 1) {
            closing(c, pg, s, bx, bw, body_y, px);
        } else {
            place_body(c, pg, r, bx, body_y, bw, body_h);
            const struct page_layout *p = place_page(c, pg);
            const struct element *body = &p->els[p->n - 1];
            double end = body->nlines ? body->lines[body->nlines - 1].y + body->lines[0].h : body_y;
            if (pg == pages - 1)
                closing(c, pg, s, bx, bw, end, px);
        }
        place_page_number(c, pg, pages);
    }
}
