/* layout_qr.c - a slide's QR code (`qr:`, a link to the full article) with its quiet zone and its
 * label (`qr_label:`, default 扫码阅读全文), in a column at the right of a landscape screen or a
 * strip, in a band at the bottom of a portrait one. The slide's own design is laid out in the
 * rest, so the code never covers a text or a photo.
 *
 * Size: a fifth of the screen's short side (216 px on 1080p, 137 mm on a 55-inch screen), never
 * under 35 mm on a 55-inch 1080p screen (55 px, scaled with the screen) nor under 2 px a module;
 * on a strip, the band's height (no label: there is no room for it at 16 px). */
#include "page/layout_qr.h"
#include "picture/qrcode.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QR_DEFAULT_LABEL "扫码阅读全文"

bool layout_qr_room(const struct slide *s, int w, int h, const struct layout_env *env,
                    struct qr_room *r)
{
    (void)env;
    int size = s->qr ? qrcode_size(s->qr) : 0;
    if (!size)
        return false;
    struct place_ctx c = {0};
    struct playlist none = {0};
    place_setup(&c, &none, &playlist_default_theme, w, h, env);
    layout_free(c.sl);
    double short_side = fmin(w, h);
    *r = (struct qr_room){.w = w, .h = h, .content_w = w, .content_h = h, .m = c.m};
    double min_q = fmax(55.0 * short_side / 1080, 2.0 * (size + 8));
    if (c.shape == PLACE_STRIP) {
        r->q = h - 2 * c.m;
        if (r->q < 2.0 * (size + 8)) { /* 1 px a module: no phone reads it */
            r->left_out = true;
            return false;
        }
        r->content_w = (int)floor(w - r->q - c.m);
        return true;
    }
    r->q = fmax(short_side * 0.2, min_q);
    r->label_px = fmax(PLACE_MIN_PX, r->q * 0.1);
    double label_h = ceil(r->label_px * 1.3);
    if (c.portrait) {
        r->band = true;
        r->content_h = (int)floor(h - (r->q + label_h + c.m));
    } else {
        r->content_w = (int)floor(w - (fmax(r->q, r->label_px * 7) + c.m));
    }
    return true;
}

/* Stretches what spans the content's width (or height) over the whole screen. */
static void stretch(struct page_layout *p, const struct qr_room *r)
{
    double dw = r->w - r->content_w, dh = r->h - r->content_h;
    for (size_t i = 0; i < p->n; i++) {
        struct element *e = &p->els[i];
        bool whole = strcmp(e->role, "background") == 0 ||
                     strcmp(e->role, "background-image") == 0 || strcmp(e->role, "frame") == 0;
        bool rule = strcmp(e->role, "rule") == 0 && !r->band;
        if (whole || rule)
            e->w += dw;
        if (whole)
            e->h += dh;
    }
}

void layout_qr_finish(struct place_ctx *c, const struct slide *s, const struct qr_room *r)
{
    c->sl->w = r->w, c->sl->h = r->h;
    double q = r->q, m = r->m, label_h = r->label_px > 0 ? ceil(r->label_px * 1.3) : 0;
    double colw = r->band ? r->w - 2 * m : r->w - r->content_w - m;
    double qx = r->band ? (r->w - q) / 2 : r->w - m - colw + (colw - q) / 2;
    double qy = r->band ? r->content_h : (r->h - q - label_h) / 2;
    if (c->shape == PLACE_STRIP)
        qx = r->w - m - q, qy = m;
    for (int pg = 0; pg < c->sl->npages; pg++) {
        struct page_layout *p = place_page(c, pg);
        stretch(p, r);
        place_background_under(p, r->w, r->h, c->th->background);
        place_add(p,
                  (struct element){
                      .role = "qr", .kind = EL_QR, .x = qx, .y = qy, .w = q, .h = q, .src = s->qr});
        if (r->label_px > 0)
            place_text(c, pg,
                       &(struct place_spec){.role = "qr-label",
                                            .text = s->qr_label && *s->qr_label ? s->qr_label
                                                                                : QR_DEFAULT_LABEL,
                                            .x = qx + q / 2 - colw / 2,
                                            .y = qy + q,
                                            .w = colw,
                                            .h = label_h,
                                            .min_px = PLACE_MIN_PX,
                                            .max_px = r->label_px,
                                            .weight = EL_REGULAR,
                                            .color = c->th->text,
                                            .align = ALIGN_CENTER,
                                            .line_height = 1.3});
    }
}
