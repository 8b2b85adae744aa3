/* layout_signs.c - the kinds that are signs rather than pages of reading. A banner (标语, 横幅,
 * a congratulation) fills the screen: its slogan on one or two lines at the largest size that
 * fits, centred both ways between two accent rules, on the page without a header. A slogan
 * too long for two lines at 16 px is set at the largest size that fits, over pages when even
 * 16 px overflows (on a strip: page by page at one size). */
#include "page/layout_signs.h"
#include "page/layout_running.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BANNER_LINE_HEIGHT 1.3

/* The slogan's spec at px (a box w wide, unbounded height). */
static struct place_spec slogan(const struct place_ctx *c, const struct slide *s, double px,
                                double w)
{
    return (struct place_spec){.role = "slogan",
                               .text = s->text,
                               .w = w,
                               .h = 1e6,
                               .min_px = px,
                               .max_px = px,
                               .weight = EL_BOLD,
                               .color = c->th->accent,
                               .align = ALIGN_CENTER,
                               .line_height = BANNER_LINE_HEIGHT};
}

/* The largest size at which the slogan takes at most two lines in a w x h box; 0 when even
 * PLACE_MIN_PX needs more. *used_h: the height it takes then. */
static double two_line_px(struct place_ctx *c, const struct slide *s, double w, double h,
                          double *used_h)
{
    double lo = PLACE_MIN_PX, hi = floor(h / BANNER_LINE_HEIGHT), best = 0;
    *used_h = 0;
    for (int i = 0; i < 24 && hi - lo > 0.5; i++) {
        double px = i == 0 ? lo : (lo + hi) / 2, got, used;
        struct place_spec sp = slogan(c, s, px, w);
        place_measure(c, &sp, &got, &used);
        bool ok = used <= h && used <= 2 * ceil(px * BANNER_LINE_HEIGHT) + 1;
        if (i == 0 && !ok)
            return 0; /* not even at the floor */
        if (ok) {
            best = px, *used_h = used;
            lo = px;
        } else {
            hi = px;
        }
    }
    return floor(best);
}

void layout_banner(struct place_ctx *c, const struct slide *s)
{
    bool strip = c->shape == PLACE_STRIP;
    double W = c->W, H = c->H, m = c->m;
    /* the slogan's box: inside the frame, with room for the rules above and below it */
    const struct design_signs *d = &c->dm->signs;
    double rule_h = strip ? 0 : fmax(2, round(d->banner_rule_h * c->u));
    double pad = strip ? 0 : d->banner_pad * c->u;
    double bx = strip ? m : 2 * m, bw = W - 2 * bx;
    double by = m + pad + rule_h, bh = H - 2 * by;
    double used = 0, px = two_line_px(c, s, bw, bh, &used);
    if (px <= 0) { /* longer than two lines at the floor: the largest size that fits, paged */
        struct tl_result *r = place_fit_body(c, s->text, bw, bh, PLACE_MIN_PX,
                                             fmax(PLACE_MIN_PX, bh / 3), ALIGN_CENTER, 0);
        r->at_min_size = false; /* a slogan over pages is the author's choice, not a squeeze */
        int pages = r->npages > 0 ? r->npages : 1;
        for (int pg = 0; pg < pages; pg++) {
            place_plain(c, pg);
            place_body(c, pg, r, bx, by, bw, bh);
            struct page_layout *p = place_page(c, pg);
            p->els[p->n - 1].role = "slogan";
        }
        return;
    }
    place_plain(c, 0);
    struct place_spec sp = slogan(c, s, px, bw);
    sp.x = bx, sp.y = by + (bh - used) / 2, sp.h = used;
    place_text(c, 0, &sp);
    if (strip)
        return;
    double rw = fmin(bw, fmax(W * 0.2, bw * d->banner_rule_share));
    for (int k = 0; k < 2; k++) /* an accent rule above and below the slogan */
        place_add(place_page(c, 0),
                  (struct element){.role = "rule",
                                   .kind = EL_RECT,
                                   .x = (W - rw) / 2,
                                   .y = k ? sp.y + used + pad / 2 : sp.y - pad / 2 - rule_h,
                                   .w = rw,
                                   .h = rule_h,
                                   .fill = c->th->accent});
}

/* On a strip a slogan longer than the strip runs as 走字 (layout_running.c). */
void layout_strip_banner(struct place_ctx *c, const struct slide *s)
{
    if (!layout_running(c, "slogan", s->text, s->speed))
        layout_banner(c, s);
}
