/* layout_chrome.c - what every designed page shares, drawn as its design says (designs.h):
 * the background and its image, the frame and the design's ornaments, the emblem or mark, the
 * header with the playlist's title and subtitle, the double rule under it and the page number;
 * and the design's text styles turned into pixels (place_style()). */
#include "page/layout_chrome.h"
#include "page/layout_place.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct color place_ink(const struct place_ctx *c, const struct design_text *t)
{
    struct color ink = t->ink == DESIGN_ACCENT  ? c->th->accent
                       : t->ink == DESIGN_WHITE ? (struct color){255, 255, 255, 255}
                                                : c->th->text;
    return t->soften > 0 ? place_mix(ink, c->th->background, t->soften) : ink;
}

struct place_spec place_style(const struct place_ctx *c, const struct design_text *t,
                              const char *role, const char *text)
{
    return (struct place_spec){.role = role,
                               .text = text,
                               .h = t->box * c->u,
                               .min_px = t->min * c->u,
                               .max_px = t->max * c->u,
                               .weight = t->bold ? EL_BOLD : EL_REGULAR,
                               .color = place_ink(c, t)};
}

/* Where the page number's box starts: content ends a little above it, on every page, so the
 * body's box never runs into it. */
static double page_number_h(const struct place_ctx *c)
{
    return fmax(c->dm->chrome.page_no_h * c->u, ceil(PLACE_MIN_PX * 1.3));
}

double place_content_bottom(const struct place_ctx *c)
{
    return c->H - c->m - page_number_h(c) - c->dm->chrome.content_gap * c->u;
}

static void outline(struct page_layout *page, const char *role, double x, double y, double w,
                    double h, double lw, struct color col)
{
    place_add(page, (struct element){.role = role,
                                     .kind = EL_RECT,
                                     .x = x,
                                     .y = y,
                                     .w = w,
                                     .h = h,
                                     .fill = col,
                                     .radius = -lw}); /* negative radius = outline of that width */
}

/* The design's ornaments inside the frame at inset fi: a second thin line, corner pieces. */
static void ornaments(struct place_ctx *c, struct page_layout *page, double fi, double fw)
{
    const struct design_ornament *o = &c->d->ornament;
    double W = c->W, H = c->H, u = c->u;
    if (c->shape == PLACE_STRIP)
        return;
    if (o->inner_frame > 0) {
        double in = fi + fw + o->inner_frame * u;
        outline(page, "frame", in, in, W - 2 * in, H - 2 * in, fmax(1, round(u)),
                place_alpha(c->th->accent, 140));
    }
    if (o->corner > 0) {
        double len = o->corner * u, t = fmax(2, round(o->corner_w * u));
        for (int k = 0; k < 4; k++) { /* each corner: one bar across, one down */
            double x = k & 1 ? W - fi - len : fi, y = k & 2 ? H - fi - t : fi;
            double vx = k & 1 ? W - fi - t : fi, vy = k & 2 ? H - fi - len : fi;
            place_add(page, (struct element){.role = "corner",
                                             .kind = EL_RECT,
                                             .x = x,
                                             .y = y,
                                             .w = len,
                                             .h = t,
                                             .fill = c->th->accent});
            place_add(page, (struct element){.role = "corner",
                                             .kind = EL_RECT,
                                             .x = vx,
                                             .y = vy,
                                             .w = t,
                                             .h = len,
                                             .fill = c->th->accent});
        }
    }
}

/* Background, its image and the frame: the page without a header. */
static void plain(struct place_ctx *c, struct page_layout *page)
{
    double W = c->W, H = c->H;
    const struct design_chrome *d = &c->dm->chrome;
    place_add(page, (struct element){.role = "background",
                                     .kind = EL_RECT,
                                     .x = 0,
                                     .y = 0,
                                     .w = W,
                                     .h = H,
                                     .fill = c->th->background,
                                     .backdrop = true});
    int iw = 0, ih = 0;
    if (c->th->background_image.resolved && c->env->image_size &&
        c->env->image_size(c->env->ctx, c->th->background_image.resolved, &iw, &ih) == 0)
        place_add(page, (struct element){.role = "background-image",
                                         .kind = EL_IMAGE,
                                         .x = 0,
                                         .y = 0,
                                         .w = W,
                                         .h = H,
                                         .img_w = iw,
                                         .img_h = ih,
                                         .src = c->th->background_image.path,
                                         .resolved = c->th->background_image.resolved,
                                         .fit = FIT_COVER,
                                         .focus_x = 0.5,
                                         .focus_y = 0.5,
                                         .backdrop = true});
    /* a thin frame in the accent colour: inside the safe margin, at the very edge of a strip */
    double fi = c->shape == PLACE_STRIP ? 1 : c->m * d->frame_inset;
    double fw =
        c->shape == PLACE_STRIP ? fmax(1, round(H / 120)) : fmax(1, round(d->frame_w * c->u));
    outline(page, "frame", fi, fi, W - 2 * fi, H - 2 * fi, fw,
            place_alpha(c->th->accent, (uint8_t)d->frame_alpha));
    ornaments(c, page, fi, fw);
}

void place_plain(struct place_ctx *c, int pg)
{
    plain(c, place_page(c, pg));
}

/* The emblem, or the design's mark, at the start of the header band hh high; returns where the
 * title starts. */
static double emblem(struct place_ctx *c, int pg, double hh)
{
    const struct design_chrome *d = &c->dm->chrome;
    double m = c->m, u = c->u;
    int iw = 0, ih = 0;
    if (c->th->emblem.resolved && c->env->image_size &&
        c->env->image_size(c->env->ctx, c->th->emblem.resolved, &iw, &ih) == 0) {
        place_add(place_page(c, pg), (struct element){.role = "emblem",
                                                      .kind = EL_IMAGE,
                                                      .x = m,
                                                      .y = m,
                                                      .w = hh,
                                                      .h = hh,
                                                      .img_w = iw,
                                                      .img_h = ih,
                                                      .src = c->th->emblem.path,
                                                      .resolved = c->th->emblem.resolved,
                                                      .fit = FIT_CONTAIN,
                                                      .focus_x = 0.5,
                                                      .focus_y = 0.5});
        return m + hh + d->emblem_gap * u;
    }
    struct element *st = place_text(c, pg,
                                    &(struct place_spec){.role = "emblem",
                                                         .text = c->d->ornament.mark,
                                                         .x = m,
                                                         .y = m,
                                                         .w = hh,
                                                         .h = hh,
                                                         .min_px = hh * d->mark_min,
                                                         .max_px = hh * d->mark_max,
                                                         .weight = EL_BOLD,
                                                         .color = c->th->accent,
                                                         .align = ALIGN_CENTER,
                                                         .line_height = 1.3});
    return st ? m + hh + d->mark_gap * u : m;
}

double place_chrome(struct place_ctx *c, int pg)
{
    struct page_layout *page = place_page(c, pg);
    const struct design_chrome *d = &c->dm->chrome;
    double W = c->W, u = c->u, m = c->m;
    if (c->shape == PLACE_STRIP) { /* a strip has no room for a header: its frame alone */
        plain(c, page);
        return m;
    }
    plain(c, page);
    struct color acc = c->th->accent;
    double hh = d->header_h[c->portrait] * u;
    double hy = m;
    size_t band = page->n; /* a darker band behind the header, inside the frame: its height
                              once the header is set (a header that had to grow, 16 px floor) */
    if (c->d->ornament.band > 0)
        place_add(place_page(c, pg),
                  (struct element){.role = "header-band",
                                   .kind = EL_RECT,
                                   .x = m,
                                   .y = hy,
                                   .w = W - 2 * m,
                                   .h = hh,
                                   .fill = {0, 0, 0, (uint8_t)(255 * c->d->ornament.band)}});
    double ex = emblem(c, pg, hh);
    const char *title = c->pl && c->pl->title ? c->pl->title : "光荣榜";
    const char *subtitle = c->pl && c->pl->subtitle && *c->pl->subtitle ? c->pl->subtitle : NULL;
    /* the text ends at the margin, or before the board's clock where it is drawn */
    double right = c->clock.w > 0 ? fmin(W - m, c->clock.x - c->dm->chrome.clock_gap * u) : W - m;
    double tw = right - ex;
    /* with the playlist's subtitle the title is a little smaller and the subtitle sits under it,
     * both inside the header band */
    struct place_spec ts =
        place_style(c, subtitle ? &d->header_titled : &d->header[c->portrait], "header", title);
    ts.x = ex, ts.y = hy, ts.w = tw, ts.h = subtitle ? hh * d->titled_share : hh;
    ts.align = ALIGN_LEFT, ts.line_height = 1.3;
    ts.balanced = true; /* a title that wraps (beside the clock) breaks between its words */
    struct element *t = place_text(c, pg, &ts);
    place_shrink(t);
    struct element *st = NULL;
    if (subtitle && t) {
        size_t ti = (size_t)(t - place_page(c, pg)->els); /* adding may move the elements */
        struct place_spec ss = place_style(c, &d->header_sub, "header-subtitle", subtitle);
        ss.x = ex, ss.y = t->y + t->h, ss.w = tw, ss.h = fmax(hh - t->h, 1);
        ss.align = ALIGN_LEFT, ss.line_height = 1.3;
        st = place_text(c, pg, &ss);
        place_shrink(st);
        t = &place_page(c, pg)->els[ti];
    }
    double used = place_used_h(t) + (st ? place_used_h(st) : 0);
    if (t && used < hh) { /* centre the title block vertically in the header band */
        double dy = (hh - used) / 2;
        struct element *blk[] = {t, st};
        for (size_t b = 0; b < 2 && blk[b]; b++) {
            for (size_t i = 0; i < blk[b]->nlines; i++)
                blk[b]->lines[i].y += dy;
            blk[b]->y += dy;
        }
    }
    /* a header that had to grow pushes the rule down */
    double ry = hy + fmax(hh, used) + d->rule_gap * u;
    page = place_page(c, pg);
    if (c->d->ornament.band > 0)
        page->els[band].h = fmax(hh, used);
    place_add(page, (struct element){.role = "rule",
                                     .kind = EL_RECT,
                                     .x = m,
                                     .y = ry,
                                     .w = W - 2 * m,
                                     .h = fmax(2, round(d->rule_w * u)),
                                     .fill = acc});
    place_add(page, (struct element){.role = "rule",
                                     .kind = EL_RECT,
                                     .x = m,
                                     .y = ry + d->rule2_at * u,
                                     .w = W - 2 * m,
                                     .h = fmax(1, round(d->rule2_w * u)),
                                     .fill = place_alpha(acc, (uint8_t)d->rule2_alpha)});
    return ry + d->rule2_at * u + d->rule_after * u;
}

void place_page_number(struct place_ctx *c, int pg, int npages)
{
    if (npages < 2)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%d/%d", pg + 1, npages);
    const struct design_chrome *d = &c->dm->chrome;
    double h = page_number_h(c), w = d->page_no_w * c->u;
    struct place_spec sp = place_style(c, &d->page_no, "page", buf);
    sp.x = c->W - c->m - w, sp.y = c->H - c->m - h, sp.w = w, sp.h = h;
    sp.align = ALIGN_RIGHT, sp.line_height = 1.3;
    place_text(c, pg, &sp);
}
