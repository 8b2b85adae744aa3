/* layout_vertical.c - vertical text on a page (see layout_vertical.h). The typesetter sets the
 * columns (tlvertical.c); here they become an element's lines, each a column box (x, y: its top
 * left; w: the column pitch; h: the length set) with the pen position of each code point down
 * the column and, for the layout JSON, the glyph id it is drawn with. */
#include "page/layout_vertical.h"
#include "base/i18n.h"
#include "text/textlayout.h"
#include "text/tlvertical.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>

/* Fills e->lines with the columns of e->tl on the page shown. */
static void column_lines(struct place_ctx *c, struct element *e)
{
    const struct tl_result *r = e->tl;
    size_t cnt = 0;
    for (size_t i = 0; i < r->nlines; i++)
        cnt += r->lines[i].page == e->tl_page;
    e->lines = xcalloc(cnt ? cnt : 1, sizeof *e->lines);
    struct tl_glyph *g = NULL;
    size_t gcap = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        if (l->page != e->tl_page)
            continue;
        size_t ng = tl_line_glyphs_grow(r, l, &g, &gcap);
        double *adv = xmalloc((ng ? ng : 1) * sizeof *adv);
        uint32_t *gid = NULL;
        for (size_t k = 0; k < ng; k++)
            adv[k] = g[k].x;
        if (c->env->column_glyphs) {
            gid = xcalloc(ng ? ng : 1, sizeof *gid);
            c->env->column_glyphs(c->env->ctx, e->weight, r->px, g, ng, gid);
        }
        e->lines[e->nlines++] = (struct el_line){.text = tl_line_text(r, l),
                                                 .x = e->x + tl_column_left(r, l, e->w),
                                                 .y = e->y + l->x,
                                                 .w = r->line_h,
                                                 .h = ng ? g[ng - 1].x + g[ng - 1].w : 0,
                                                 .adv = adv,
                                                 .nadv = ng,
                                                 .gid = gid,
                                                 .para = l->para};
    }
    free(g);
}

struct tl_result *place_vertical_fit(struct place_ctx *c, const char *text, double w, double h,
                                     double min_px, double max_px, enum text_align align,
                                     double indent_em)
{
    struct tl_params p = tl_default_params();
    p.align = align;
    p.indent_em = indent_em;
    max_px = fmax(max_px, PLACE_MIN_PX);
    min_px = fmin(fmax(min_px, PLACE_MIN_PX), max_px);
    return tl_vertical_fit(text ? text : "", min_px, max_px, w, h, &p,
                           &c->env->measure[EL_REGULAR]);
}

/* A vertical text element showing page pg of r (owned by the layout from now on). */
static struct element *add_columns(struct place_ctx *c, int pg, const char *role,
                                   struct tl_result *r, double x, double y, double w, double h,
                                   enum el_weight weight, struct color color)
{
    struct element e = {.role = role,
                        .kind = EL_TEXT,
                        .vertical = true,
                        .x = x,
                        .y = y,
                        .w = w,
                        .h = h,
                        .tl = r,
                        .tl_page = pg,
                        .weight = weight,
                        .color = color,
                        .warn_min_size = r->at_min_size};
    struct page_layout *page = place_page(c, pg);
    struct element *el = place_add(page, e);
    column_lines(c, el);
    return el;
}

void place_vertical_body(struct place_ctx *c, int pg, struct tl_result *r, double x, double y,
                         double w, double h)
{
    add_columns(c, pg, "body", r, x, y, w, h, EL_REGULAR, c->th->text);
    if (r->at_min_size)
        place_warn(place_page(c, pg), _("text at its minimum size, over several pages"));
}

/* ---- couplet ---------------------------------------------------------------------------- */

/* One line of a couplet in a single column sw wide and sh high at px (centred down it). */
static struct tl_result *couplet_column(struct place_ctx *c, const char *text, double px, double sw,
                                        double sh)
{
    struct tl_params p = tl_default_params();
    p.align = ALIGN_CENTER;
    p.indent_em = 0;
    p.line_height = 1.15;
    p.para_gap = 0;
    p.widows = false;
    struct tl_result *r = tl_vertical_layout(text, px, 0, sh, &p, &c->env->measure[EL_BOLD]);
    r->box_w = sw, r->box_h = sh;
    return r;
}

/* The largest size at which text stands in one column sh high and sw wide. */
static double couplet_px(struct place_ctx *c, const char *text, double sw, double sh)
{
    double lo = PLACE_MIN_PX, hi = fmax(PLACE_MIN_PX, sw / 1.15);
    for (int i = 0; i < 18 && hi - lo > 0.5; i++) {
        double mid = (lo + hi) / 2;
        struct tl_result *r = couplet_column(c, text, mid, sw, sh);
        bool one = r->nlines <= 1;
        tl_result_free(r);
        if (one)
            lo = mid;
        else
            hi = mid;
    }
    return floor(lo);
}

/* The ink of a couplet: the theme's background, darkened, on paper of its accent colour (gold
 * paper with dark red characters under the default red theme). */
static struct color couplet_ink(const struct place_ctx *c)
{
    return place_mix(c->th->background, (struct color){0, 0, 0, 255}, c->dm->signs.couplet_ink);
}

/* A paper strip in the accent colour with a thin inner edge, and the line on it in ink. */
static void couplet_strip(struct place_ctx *c, const char *role, const char *text, double px,
                          double x, double y, double sw, double sh)
{
    const struct design_signs *d = &c->dm->signs;
    double u = c->u;
    struct color ink = couplet_ink(c);
    struct page_layout *page = place_page(c, 0);
    place_add(page, (struct element){.role = "couplet-paper",
                                     .kind = EL_RECT,
                                     .x = x,
                                     .y = y,
                                     .w = sw,
                                     .h = sh,
                                     .fill = c->th->accent,
                                     .radius = fmax(2, d->couplet_radius * u)});
    place_add(page, (struct element){.role = "couplet-edge",
                                     .kind = EL_RECT,
                                     .x = x + d->couplet_edge * u,
                                     .y = y + d->couplet_edge * u,
                                     .w = sw - 2 * d->couplet_edge * u,
                                     .h = sh - 2 * d->couplet_edge * u,
                                     .fill = place_alpha(ink, 160),
                                     .radius = -fmax(1, d->couplet_edge_w * u)});
    struct tl_result *r = couplet_column(c, text, px, sw, sh - 2 * d->couplet_pad * u);
    /* the element is one column pitch wide, centred on the strip */
    add_columns(c, 0, role, r, x + (sw - r->line_h) / 2, y + d->couplet_pad * u, r->line_h,
                sh - 2 * d->couplet_pad * u, EL_BOLD, ink);
}

/* The 横批 on its band bw x bh, centred across the screen from y. */
static void couplet_band(struct place_ctx *c, const char *text, double y, double bw, double bh)
{
    const struct design_signs *d = &c->dm->signs;
    double W = c->W, u = c->u;
    place_add(place_page(c, 0), (struct element){.role = "couplet-paper",
                                                 .kind = EL_RECT,
                                                 .x = (W - bw) / 2,
                                                 .y = y,
                                                 .w = bw,
                                                 .h = bh,
                                                 .fill = c->th->accent,
                                                 .radius = fmax(2, d->couplet_radius * u)});
    struct element *t = place_text(c, 0,
                                   &(struct place_spec){.role = "couplet-top",
                                                        .text = text,
                                                        .x = (W - bw) / 2 + d->couplet_band_pad * u,
                                                        .y = y + bh * 0.12,
                                                        .w = bw - 2 * d->couplet_band_pad * u,
                                                        .h = bh * 0.76,
                                                        .min_px = PLACE_MIN_PX,
                                                        .max_px = bh * 0.62,
                                                        .weight = EL_BOLD,
                                                        .color = couplet_ink(c),
                                                        .align = ALIGN_CENTER,
                                                        .line_height = 1.2});
    if (t) { /* centred in the band's height too */
        double dy = y + (bh - place_used_h(t)) / 2 - t->y;
        t->y += dy;
        for (size_t i = 0; i < t->nlines; i++)
            t->lines[i].y += dy;
    }
}

void layout_couplet(struct place_ctx *c, const struct slide *s)
{
    const struct design_signs *d = &c->dm->signs;
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, 0) + d->couplet_top * u, bottom = place_content_bottom(c);
    const char *first = s->first ? s->first : "", *second = s->second ? s->second : "";
    bool band = s->top && *s->top;
    double bw = fmin(W - 2 * m, fmax(W * d->couplet_band_w, d->couplet_band_min_w * u));
    double bh = fmin(d->couplet_band_h * u, W * d->couplet_band_max);
    double band_h = band ? bh + d->couplet_band_gap * u : 0;
    /* two strips as wide as a fifth of their height allows, left and right of the middle */
    double sh = bottom - top - band_h;
    double sw = fmin((W - 2 * m) * d->couplet_strip_w, sh / d->couplet_strip_ratio);
    double lx = fmax(m, W * d->couplet_strip_x - sw / 2), rx = W - lx - sw;
    /* one size for both lines: the one that fits the longer */
    double cp = 2 * d->couplet_pad * u;
    double px = fmin(couplet_px(c, first, sw, sh - cp), couplet_px(c, second, sw, sh - cp));
    /* strips no longer than the longer line and a margin; band and strips centred together */
    double len = 0;
    for (int k = 0; k < 2; k++) {
        struct tl_result *r = couplet_column(c, k ? second : first, px, sw, sh - cp);
        for (size_t i = 0; i < r->nlines; i++)
            len = fmax(len, r->lines[i].width);
        tl_result_free(r);
    }
    double used = fmin(sh, len + cp + 1.2 * px);
    top += (sh - used) / 2;
    if (band)
        couplet_band(c, s->top, top, bw, bh);
    top += band_h;
    if (*first)
        couplet_strip(c, "couplet-first", first, px, rx, top, sw, used);
    if (*second)
        couplet_strip(c, "couplet-second", second, px, lx, top, sw, used);
}
