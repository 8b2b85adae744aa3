/* layout_gallery.c - the gallery (图文): two to four event photos with their captions, under the
 * slide's title and over an optional short text. Each photo keeps its own shape (fit: contain,
 * the default: a landscape photo is not cut to a portrait) unless the slide says fit: cover, and
 * the arrangement - one row, a column, two by two - is the one that shows the photos largest.
 * A caption stands right under its photo, never over it. On a strip one photo a page fills the
 * band's height, its caption beside it. */
#include "page/layout_gallery.h"
#include "base/i18n.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define GALLERY_MAX 4
#define CAPTION_LINE 1.3

/* The photo's width over its height as it shows (EXIF applied); 4:3 when unknown. */
static double aspect_of(struct place_ctx *c, const struct gallery_photo *g)
{
    int iw = 0, ih = 0;
    if (g->image.resolved && c->env->image_size &&
        c->env->image_size(c->env->ctx, g->image.resolved, &iw, &ih) == 0 && iw > 0 && ih > 0)
        return (double)iw / ih;
    return 4.0 / 3;
}

/* Where the photos go: rows of cols, each photo's box. */
struct grid {
    size_t cols, rows;
    double w[GALLERY_MAX], h[GALLERY_MAX]; /* each photo's box */
    double area;                           /* the photos' area together */
};

/* Photo boxes for n photos in cols columns of an aw x ah area, each with caph under it. */
static struct grid grid_of(const double *aspect, size_t n, size_t cols, double aw, double ah,
                           double gap, double caph, bool cover)
{
    struct grid g = {.cols = cols, .rows = (n + cols - 1) / cols};
    double cw = (aw - gap * (double)(cols - 1)) / (double)cols;
    double ph = (ah - gap * (double)(g.rows - 1)) / (double)g.rows - caph;
    for (size_t i = 0; i < n; i++) {
        double a = cover ? fmin(fmax(cw / fmax(ph, 1), 0.75), 16.0 / 9) : aspect[i];
        double w = fmin(cw, ph * a);
        g.w[i] = fmax(0, w), g.h[i] = fmax(0, w / a);
        g.area += g.w[i] * g.h[i];
    }
    return g;
}

static struct grid best_grid(const double *aspect, size_t n, double aw, double ah, double gap,
                             double caph, bool cover)
{
    struct grid best = grid_of(aspect, n, n, aw, ah, gap, caph, cover); /* one row: never empty */
    for (size_t cols = 1; cols <= n; cols++) {
        struct grid g = grid_of(aspect, n, cols, aw, ah, gap, caph, cover);
        if (g.area > best.area * 1.02) /* a near tie goes to fewer columns: bigger rows */
            best = g;
    }
    return best;
}

/* The short text at the bottom of [y0, bottom], never larger than its heading (heading_px):
 * placed; returns where it begins (bottom when there is none). */
static double short_text(struct place_ctx *c, const struct slide *s, double y0, double bottom,
                         double heading_px)
{
    if (!s->text || !*s->text)
        return bottom;
    const struct design_gallery *d = &c->dm->gallery;
    double u = c->u, m = c->m, w = c->W - 2 * m - 2 * d->text_side * u;
    struct place_spec t = place_style(c, &d->text, "body", s->text);
    t.x = (c->W - w) / 2, t.w = w;
    t.h = fmax((bottom - y0) * d->text_share, ceil(PLACE_MIN_PX * 1.5) * 2);
    t.min_px = PLACE_MIN_PX, t.max_px = fmax(PLACE_MIN_PX, fmin(t.max_px, heading_px));
    t.align = ALIGN_CENTER, t.line_height = 1.5;
    double px, used;
    place_measure(c, &t, &px, &used);
    t.h = fmax(used, 1), t.y = bottom - t.h;
    place_shrink(place_text(c, 0, &t));
    return t.y - fmax(8, d->text_gap * u);
}

void layout_gallery(struct place_ctx *c, const struct slide *s)
{
    const struct design_gallery *d = &c->dm->gallery;
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, 0) + d->top * u;
    struct place_spec ts = place_style(c, &d->title, "title", s->title);
    ts.x = m, ts.y = top, ts.w = W - 2 * m, ts.align = ALIGN_CENTER;
    ts.h = fmax(ts.h, PLACE_MIN_PX * 1.4);
    ts.min_px = fmax(PLACE_MIN_PX, ts.min_px), ts.max_px = fmax(PLACE_MIN_PX, ts.max_px);
    struct element *te = place_text(c, 0, &ts);
    place_shrink(te);
    double y0 = top + place_used_h(te) + d->title_gap * u;
    double bottom =
        short_text(c, s, y0, c->H - m - d->bottom * u, te && te->tl ? te->tl->px : d->text.max * u);
    size_t n = s->nphotos < GALLERY_MAX ? s->nphotos : GALLERY_MAX;
    if (n == 0)
        return;
    double aspect[GALLERY_MAX];
    for (size_t i = 0; i < n; i++)
        aspect[i] = aspect_of(c, &s->photos[i]);
    struct place_spec cs = place_style(c, &d->caption, "caption", NULL);
    double cap_px = fmax(PLACE_MIN_PX, cs.max_px), gap = fmax(8, d->gap * u),
           capgap = fmax(4, d->caption_gap * u);
    double ax = m + d->side * u, aw = W - 2 * m - 2 * d->side * u, ah = bottom - y0;
    bool cover = s->fit == FIT_COVER;
    /* room under the photos for the captions as they set in the photos' widths (which shrink
     * as the captions take room: twice over) */
    double caph = capgap + ceil(cap_px * CAPTION_LINE);
    struct grid g = best_grid(aspect, n, aw, ah, gap, caph, cover);
    for (int pass = 0; pass < 3; pass++) {
        double need = ceil(cap_px * CAPTION_LINE);
        for (size_t i = 0; i < n; i++) {
            double px, used;
            struct place_spec t = {.text = s->photos[i].caption,
                                   .w = fmax(g.w[i], 1),
                                   .h = 1e6, /* as tall as it sets at its size */
                                   .min_px = PLACE_MIN_PX,
                                   .max_px = cap_px,
                                   .line_height = CAPTION_LINE};
            place_measure(c, &t, &px, &used);
            need = fmax(need, used);
        }
        need =
            fmin(need, ah * d->caption_share - capgap); /* the photos keep most of the room: a
                                                         * longer caption is cut with an ellipsis */
        if (capgap + need <= caph + 0.5)
            break;
        caph = capgap + need;
        g = best_grid(aspect, n, aw, ah, gap, caph, cover);
    }
    /* rows centred, each as wide as its photos; the whole grid centred in the area */
    double rowh[GALLERY_MAX] = {0}, gridh = gap * (double)(g.rows - 1);
    for (size_t i = 0; i < n; i++)
        rowh[i / g.cols] = fmax(rowh[i / g.cols], g.h[i]);
    for (size_t r = 0; r < g.rows; r++)
        gridh += rowh[r] + caph;
    double y = y0 + fmax(0, (ah - gridh) / 2);
    for (size_t r = 0; r < g.rows; r++) {
        size_t first = r * g.cols, last = fmin(n, first + g.cols);
        double roww = gap * (double)(last - first - 1);
        for (size_t i = first; i < last; i++)
            roww += g.w[i];
        double x = ax + (aw - roww) / 2;
        for (size_t i = first; i < last; i++) {
            const struct gallery_photo *p = &s->photos[i];
            double py = y + (rowh[r] - g.h[i]); /* photos of a row stand on one line */
            place_photo(c, 0, "photo", &p->image, p->focus_x, p->focus_y, x, py, g.w[i], g.h[i]);
            struct element *ce = place_text(c, 0,
                                            &(struct place_spec){.role = "caption",
                                                                 .text = p->caption,
                                                                 .x = x,
                                                                 .y = y + rowh[r] + capgap,
                                                                 .w = g.w[i],
                                                                 .h = caph - capgap,
                                                                 .min_px = PLACE_MIN_PX,
                                                                 .max_px = cap_px,
                                                                 .weight = cs.weight,
                                                                 .color = cs.color,
                                                                 .align = ALIGN_CENTER,
                                                                 .line_height = CAPTION_LINE});
            place_shrink(ce);
            x += g.w[i] + gap;
        }
        y += rowh[r] + caph + gap;
    }
}

/* ---- strip ------------------------------------------------------------------------------ */

/* The strip's band and the columns every page shares. */
struct band {
    double m, h, gap, big, mid;
    double x0, x1; /* the room between the title column and the page number */
    struct place_spec title;
    bool with_title;
};

static struct band band_of(struct place_ctx *c, const struct slide *s)
{
    struct band b = {.m = c->m, .h = c->H - 2 * c->m};
    b.gap = fmax(8, round(b.h * 0.12));
    b.big = fmax(PLACE_MIN_PX, b.h * 0.3), b.mid = fmax(PLACE_MIN_PX, b.h * 0.22);
    double pnw = ceil(place_text_w(c, "88/88", PLACE_MIN_PX, EL_BOLD)) + 4;
    b.x0 = b.m, b.x1 = c->W - b.m - pnw - b.gap;
    /* the title: a column at most a quarter of the strip wide, left out when it cannot fit */
    b.title = (struct place_spec){
        .role = "title",
        .text = s->title,
        .w = fmin(ceil(place_text_w(c, s->title, b.big, EL_BOLD)) + 2, (c->W - 2 * b.m) * 0.25),
        .h = b.h,
        .min_px = PLACE_MIN_PX,
        .max_px = b.big,
        .weight = EL_BOLD,
        .color = c->th->accent,
        .align = ALIGN_CENTER,
        .line_height = 1.25};
    double px, used;
    place_measure(c, &b.title, &px, &used);
    b.with_title = s->title && *s->title && used <= b.h + 0.5;
    if (b.with_title) {
        b.title.x = b.m, b.title.y = b.m + (b.h - used) / 2, b.title.h = used;
        b.x0 += b.title.w + b.gap;
    }
    return b;
}

/* The chrome, the title column and the page number of page pg. */
static void strip_frame(struct place_ctx *c, const struct band *b, int pg, int npages)
{
    place_chrome(c, pg);
    if (b->with_title)
        place_text(c, pg, &b->title);
    else
        place_warn(place_page(c, pg), _("title left out: it does not fit this screen's height"));
    if (npages < 2)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%d/%d", pg + 1, npages);
    double w = c->W - b->m - b->x1 - b->gap, h = ceil(PLACE_MIN_PX * 1.3);
    place_text(c, pg,
               &(struct place_spec){.role = "page",
                                    .text = buf,
                                    .x = c->W - b->m - w,
                                    .y = b->m + b->h - h,
                                    .w = w,
                                    .h = h,
                                    .min_px = PLACE_MIN_PX,
                                    .max_px = PLACE_MIN_PX,
                                    .weight = EL_BOLD,
                                    .color = c->th->accent,
                                    .align = ALIGN_RIGHT,
                                    .line_height = 1.3});
}

/* A caption beside its photo in w x the band's height, cut with an ellipsis when even 16 px
 * does not hold it (the page says so). */
static void strip_caption(struct place_ctx *c, const struct band *b, int pg, const char *text,
                          double x, double w)
{
    if (!text || !*text || w < PLACE_MIN_PX * 2)
        return;
    struct place_spec t = {.role = "caption",
                           .x = x,
                           .w = w,
                           .h = b->h,
                           .min_px = PLACE_MIN_PX,
                           .max_px = b->mid,
                           .weight = EL_BOLD,
                           .color = c->th->text,
                           .align = ALIGN_LEFT,
                           .line_height = 1.25};
    struct strbuf cut = {0};
    size_t keep = utf8_count(text);
    double px, used;
    for (;;) {
        t.text = cut.len ? cut.s : text;
        place_measure(c, &t, &px, &used);
        if (used <= b->h + 0.5 || keep <= 1)
            break;
        keep--; /* a character less, and the ellipsis */
        sb_free(&cut);
        size_t bytes = 0, len;
        for (size_t k = 0; k < keep && text[bytes]; k++, bytes += len)
            utf8_decode(text + bytes, strlen(text + bytes), &len);
        sb_printf(&cut, "%.*s…", (int)bytes, text);
    }
    if (cut.len)
        place_warn(place_page(c, pg), _("caption cut: it does not fit this screen's height"));
    t.y = b->m + fmax(0, (b->h - used) / 2), t.h = fmin(used, b->h);
    place_shrink(place_text(c, pg, &t));
    sb_free(&cut);
}

void layout_strip_gallery(struct place_ctx *c, const struct slide *s)
{
    struct band b = band_of(c, s);
    size_t n = s->nphotos < GALLERY_MAX ? s->nphotos : GALLERY_MAX;
    /* the short text first, over as many pages as it needs, then one photo a page */
    struct tl_result *r = NULL;
    int tpages = 0;
    if (s->text && *s->text) {
        r = place_fit_body(c, s->text, b.x1 - b.x0, b.h, PLACE_MIN_PX, b.h * 0.25, ALIGN_JUSTIFY,
                           0);
        r->at_min_size = false; /* one size by design: pages are how a strip reads */
        tpages = r->npages > 0 ? r->npages : 1;
    }
    int npages = tpages + (int)n > 0 ? tpages + (int)n : 1;
    for (int pg = 0; pg < tpages; pg++) {
        strip_frame(c, &b, pg, npages);
        place_body(c, pg, r, b.x0, b.m, b.x1 - b.x0, b.h);
    }
    for (size_t i = 0; i < n; i++) {
        const struct gallery_photo *p = &s->photos[i];
        int pg = tpages + (int)i;
        strip_frame(c, &b, pg, npages);
        bool words = p->caption && *p->caption;
        double a = s->fit == FIT_COVER ? 4.0 / 3 : aspect_of(c, p);
        double pw = fmin(round(b.h * a), (b.x1 - b.x0) * (words ? 0.6 : 1)), ph = fmin(b.h, pw / a);
        place_photo(c, pg, "photo", &p->image, p->focus_x, p->focus_y, b.x0, b.m + (b.h - ph) / 2,
                    pw, ph);
        strip_caption(c, &b, pg, p->caption, b.x0 + pw + b.gap, b.x1 - (b.x0 + pw + b.gap));
    }
    if (n == 0 && tpages == 0)
        strip_frame(c, &b, 0, 1);
}
