/* layout_place.c - the placing kit the slide designs are built from: texts fitted to their boxes
 * (never under the smallest readable size, no character dropped), body text over pages, the
 * chrome every page shares (background, frame, emblem, header, rules), badges, framed photos
 * and page numbers. layout_designs.c arranges them per slide kind.
 *
 * Sizes are fractions of the screen. `u` is the design unit: 1/1080 of the short side for
 * portrait, of the height for landscape (clamped for very wide LED walls), so a 1920x1080
 * design scales to 1280x720 and 3840x2160 unchanged. */
#include "page/layout_place.h"
#include "base/i18n.h"
#include "page/policy.h"
#include "text/textlayout.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct element *place_add(struct page_layout *p, struct element e)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->els = xrealloc(p->els, p->cap * sizeof *p->els);
    }
    p->els[p->n] = e;
    return &p->els[p->n++];
}

void place_background_under(struct page_layout *p, double w, double h, struct color fill)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->els[i].role, "background") == 0)
            return;
    place_add(p, (struct element){0});
    memmove(p->els + 1, p->els, (p->n - 1) * sizeof *p->els);
    p->els[0] = (struct element){
        .role = "background", .kind = EL_RECT, .w = w, .h = h, .fill = fill, .backdrop = true};
}

void place_warn(struct page_layout *p, const char *msg)
{
    if (!p->warning)
        snprintf(p->warn_text, sizeof p->warn_text, "%s", msg);
    else if (!strstr(p->warn_text, msg)) { /* another one: added when there is room */
        size_t n = strlen(p->warn_text);
        if (n + strlen(msg) + 3 < sizeof p->warn_text)
            snprintf(p->warn_text + n, sizeof p->warn_text - n, "; %s", msg);
    }
    p->warning = true;
}

struct page_layout *place_page(struct place_ctx *c, int page)
{
    if (page >= c->sl->npages) {
        c->sl->pages = xrealloc(c->sl->pages, (size_t)(page + 1) * sizeof *c->sl->pages);
        for (int i = c->sl->npages; i <= page; i++)
            c->sl->pages[i] = (struct page_layout){0};
        c->sl->npages = page + 1;
    }
    return &c->sl->pages[page];
}

/* Fills e->lines from e->tl for the page shown. */
static void text_lines(struct place_ctx *c, struct element *e)
{
    const struct tl_result *r = e->tl;
    (void)c;
    size_t cnt = 0;
    for (size_t i = 0; i < r->nlines; i++)
        if (r->lines[i].page == e->tl_page)
            cnt++;
    e->lines = xcalloc(cnt ? cnt : 1, sizeof *e->lines);
    struct tl_glyph *g = NULL;
    size_t gcap = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        if (l->page != e->tl_page)
            continue;
        size_t ng = tl_line_glyphs_grow(r, l, &g, &gcap);
        double w = ng ? g[ng - 1].x + g[ng - 1].w : 0;
        double *adv = xmalloc((ng ? ng : 1) * sizeof *adv);
        for (size_t k = 0; k < ng; k++)
            adv[k] = g[k].x;
        e->lines[e->nlines++] = (struct el_line){.text = tl_line_text(r, l),
                                                 .x = e->x + l->x,
                                                 .y = e->y + l->y,
                                                 .w = w,
                                                 .h = r->line_h,
                                                 .adv = adv,
                                                 .nadv = ng,
                                                 .para = l->para};
    }
    free(g);
}

/* The lines of a text that must fit its box on one page, at the largest size in its range.
 * When even the smallest readable size overflows, the box grows to hold every line at that size
 * (flagged: *squeezed): text never goes under PLACE_MIN_PX and no character is dropped.
 * *box_h is the box's height. Caller frees. */
/* A box grows by at most this many lines before its text is cut. */
#define PLACE_MAX_LINES 3

/* r (laid out at min_px, every line) cut to its first `keep` lines, the last ending in an
 * ellipsis: the text never pushes what follows off the screen. Returns the new result (r is
 * freed). */
static struct tl_result *cut_to_lines(struct tl_result *r, size_t keep, double min_px, double w,
                                      const struct tl_params *p, const struct tl_measure *m)
{
    struct strbuf b = {0};
    for (size_t i = 0; i < keep && i < r->nlines; i++) {
        char *line = tl_line_text(r, &r->lines[i]);
        sb_puts(&b, line);
        free(line);
    }
    char *text = b.s ? b.s : xstrdup("");
    size_t len = strlen(text);
    for (;;) {
        while (len > 0 && ((unsigned char)text[len - 1] & 0xC0) == 0x80)
            len--; /* back to the start of the last character */
        if (len > 0)
            len--;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
        char *tried = xasprintf("%.*s…", (int)len, text);
        struct tl_result *t = tl_layout(tried, min_px, w, 0, p, m);
        free(tried);
        if (t->nlines <= keep || len == 0) {
            tl_result_free(r);
            free(text);
            return t;
        }
        tl_result_free(t);
    }
}

static struct tl_result *fit_text(struct place_ctx *c, const struct place_spec *t, double *box_h,
                                  bool *squeezed, bool *cut)
{
    *cut = false;
    struct tl_params p = tl_default_params();
    p.indent_em = t->indent_em;
    p.line_height = t->line_height > 0 ? t->line_height : 1.25;
    p.align = t->align;
    p.para_gap = 0;
    p.balance = t->two_lines || t->balanced; /* a heading: lines of nearly equal length */
    const struct tl_measure *m = &c->env->measure[t->weight];
    /* small LED walls: nothing below PLACE_MIN_PX, however the design scales */
    double min_px = fmax(t->min_px, PLACE_MIN_PX), max_px = fmax(t->max_px, min_px);
    *box_h = fmax(t->h, ceil(min_px * p.line_height)); /* room for one line at least */
    if (t->two_lines)
        *box_h = fmax(*box_h, ceil(2 * max_px * p.line_height));
    *squeezed = false;
    struct tl_result *r = tl_fit(t->text, min_px, max_px, t->w, *box_h, &p, m);
    if (r->npages > 1) { /* overflow even at the smallest readable size: grow the box */
        tl_result_free(r);
        r = tl_layout(t->text, min_px, t->w, 0, &p, m);
        *squeezed = true;
        size_t keep = (size_t)fmax(PLACE_MAX_LINES, floor(*box_h / fmax(1, r->line_h)));
        if (r->nlines > keep) { /* by a few lines at most: then cut, with an ellipsis */
            r = cut_to_lines(r, keep, min_px, t->w, &p, m);
            *cut = true;
        }
    }
    /* A heading that wraps should not leave one character alone on its last line (孤字):
     * a few pixels smaller usually brings it back. */
    while (!*squeezed && t->align == ALIGN_CENTER && r->nlines > 1 && r->px - 2 >= min_px) {
        const struct tl_line *last = &r->lines[r->nlines - 1];
        char *tail = tl_line_text(r, last);
        bool lone = utf8_count(tail) <= 1;
        free(tail);
        if (!lone)
            break;
        struct tl_result *smaller = tl_layout(t->text, r->px - 2, t->w, *box_h, &p, m);
        if (smaller->npages > 1) {
            tl_result_free(smaller);
            break;
        }
        tl_result_free(r);
        r = smaller;
    }
    if (r->npages == 1 && r->nlines) /* a box grown to hold everything (see above) */
        *box_h = fmax(*box_h, r->lines[r->nlines - 1].y + r->line_h);
    return r;
}

/* The size a text gets in its box and the height its lines take (what place_text() would
 * set), without placing it; 0 and 0 for an absent text. */
void place_measure(struct place_ctx *c, const struct place_spec *t, double *px, double *used_h)
{
    *px = 0, *used_h = 0;
    if (!t->text || !*t->text)
        return;
    double box_h;
    bool squeezed, cut;
    struct tl_result *r = fit_text(c, t, &box_h, &squeezed, &cut);
    *px = r->px;
    *used_h = r->nlines ? r->lines[r->nlines - 1].y + r->line_h : 0;
    tl_result_free(r);
}

/* A text element that must fit its box on one page (see fit_text). Returns the element on
 * page pg, or NULL for an absent or empty text. */
struct element *place_text(struct place_ctx *c, int pg, const struct place_spec *t)
{
    if (!t->text || !*t->text)
        return NULL;
    double box_h;
    bool squeezed, cut;
    struct tl_result *r = fit_text(c, t, &box_h, &squeezed, &cut);
    struct element e = {.role = t->role,
                        .kind = EL_TEXT,
                        .x = t->x,
                        .y = t->y,
                        .w = t->w,
                        .h = box_h,
                        .tl = r,
                        .weight = t->weight,
                        .color = t->color,
                        .warn_min_size = squeezed,
                        .cut = cut};
    struct page_layout *page = place_page(c, pg);
    struct element *el = place_add(page, e);
    text_lines(c, el);
    if (cut)
        place_warn(page, _("text too long for its box: cut with an ellipsis"));
    else if (squeezed)
        place_warn(page, _("text at its minimum size does not fit its box"));
    return el;
}

/* Used height of a placed text (its lines), for stacking elements. */
double place_used_h(const struct element *e)
{
    if (!e || !e->nlines)
        return 0;
    const struct el_line *l = &e->lines[e->nlines - 1];
    return l->y + l->h - e->y;
}

/* Shrinks a text element's box to its lines (keeps x and w). */
void place_shrink(struct element *e)
{
    if (e && e->nlines)
        e->h = place_used_h(e);
}

double place_text_w(struct place_ctx *c, const char *text, double px, enum el_weight weight)
{
    const struct tl_measure *me = &c->env->measure[weight];
    double tw = 0;
    size_t n = text ? strlen(text) : 0, len;
    for (size_t i = 0; i < n; i += len)
        tw += me->advance(me->ctx, utf8_decode(text + i, n - i, &len), px);
    return tw;
}

struct color place_alpha(struct color c, uint8_t a)
{
    c.a = a;
    return c;
}

struct color place_mix(struct color a, struct color b, double t)
{
    return (struct color){(uint8_t)lround(a.r + (b.r - a.r) * t),
                          (uint8_t)lround(a.g + (b.g - a.g) * t),
                          (uint8_t)lround(a.b + (b.b - a.b) * t), 255};
}

/* Body text laid out over as many pages as it needs, at the largest size in [min_px, max_px]
 * (never under PLACE_MIN_PX). Shared by the body elements of every page (layout_free()
 * frees it once); place_body() adds them. Caller owns the result until then. */
struct tl_result *place_fit_body(struct place_ctx *c, const char *text, double w, double h,
                                 double min_px, double max_px, enum text_align align,
                                 double indent_em)
{
    struct tl_params p = tl_default_params();
    p.align = align;
    p.indent_em = indent_em;
    max_px = fmax(max_px, PLACE_MIN_PX);
    min_px = fmin(fmax(min_px, PLACE_MIN_PX), max_px);
    return tl_fit(text ? text : "", min_px, max_px, w, h, &p, &c->env->measure[EL_REGULAR]);
}

/* Page pg's body element (drawn after everything placed on that page before it). */
void place_body(struct place_ctx *c, int pg, struct tl_result *r, double x, double y, double w,
                double h)
{
    struct element e = {.role = "body",
                        .kind = EL_TEXT,
                        .x = x,
                        .y = y,
                        .w = w,
                        .h = h,
                        .tl = r,
                        .tl_page = pg,
                        .weight = EL_REGULAR,
                        .color = c->th->text,
                        .warn_min_size = r->at_min_size};
    struct page_layout *page = place_page(c, pg);
    text_lines(c, place_add(page, e));
    /* A long text at its smallest size over several pages is how a long story looks: nothing
     * the author must act on, so it is no warning (no red frame, no line in check): issue 26. */
}

/* A badge: accent-filled rounded rectangle with the text in the background colour, on one line
 * (down to 0.7 of px, never under PLACE_MIN_PX), else on as many lines as it needs: the badge
 * grows rather than the text shrinking. Returns its height (0 without text); pg < 0 only
 * measures. */
double place_badge(struct place_ctx *c, int pg, const char *text, double cx, double y, double px,
                   double maxw, bool centred)
{
    if (!text || !*text)
        return 0;
    px = fmax(px, PLACE_MIN_PX);
    double tw = place_text_w(c, text, px, EL_BOLD);
    double padx = px * 0.9, line_h = px * 1.75;
    double w = fmin(tw + 2 * padx, maxw);
    struct place_spec spec = {.role = "honor",
                              .text = text,
                              .x = 0,
                              .y = y,
                              .w = w - padx * 1.2,
                              .h = line_h,
                              .min_px = px * 0.7,
                              .max_px = px,
                              .weight = EL_BOLD,
                              .color =
                                  place_mix(c->th->background, (struct color){0, 0, 0, 255}, 0.25),
                              .align = ALIGN_CENTER,
                              .line_height = 1.75};
    double got_px, used_h;
    place_measure(c, &spec, &got_px, &used_h);
    double h = fmax(line_h, used_h);
    if (pg < 0)
        return h;
    double x = centred ? cx - w / 2 : cx;
    spec.x = x + padx * 0.6;
    spec.h = h;
    place_add(place_page(c, pg), (struct element){.role = "honor-badge",
                                                  .kind = EL_RECT,
                                                  .x = x,
                                                  .y = y,
                                                  .w = w,
                                                  .h = h,
                                                  .fill = c->th->accent,
                                                  .radius = fmin(h, line_h) / 2});
    place_text(c, pg, &spec);
    return h;
}

void place_photo(struct place_ctx *c, int pg, const char *role, const struct media_ref *m,
                 double fx, double fy, double x, double y, double w, double h)
{
    struct page_layout *page = place_page(c, pg);
    int iw = 0, ih = 0;
    bool present = m->resolved && c->env->image_size &&
                   c->env->image_size(c->env->ctx, m->resolved, &iw, &ih) == 0;
    place_add(page, (struct element){.role = role,
                                     .kind = EL_IMAGE,
                                     .x = x,
                                     .y = y,
                                     .w = w,
                                     .h = h,
                                     .img_w = iw,
                                     .img_h = ih,
                                     .src = m->path,
                                     .resolved = present ? m->resolved : NULL,
                                     .fit = FIT_COVER,
                                     .focus_x = fx,
                                     .focus_y = fy,
                                     .frame = true,
                                     .fill = c->th->accent});
    if (m->path && !present)
        place_warn(page, _("photo missing: placeholder shown"));
    else if (layout_enlargement(iw, ih, w, h, FIT_COVER) > LAYOUT_MAX_ENLARGEMENT)
        place_warn(page, place_enlarged_warning());
}

struct place_picture place_picture_of(const struct place_ctx *c, const struct slide *s)
{
    struct place_picture p = {.video = s->type == SLIDE_VIDEO};
    p.clip = p.video && !s->poster.path; /* the picture is a frame of the clip itself */
    p.ref = !p.video ? &s->image : p.clip ? &s->video : &s->poster;
    const struct layout_env *env = c->env;
    p.present =
        p.ref->resolved &&
        (p.clip ? env->video_size &&
                      env->video_size(env->ctx, p.ref->resolved, &p.w, &p.h, &p.secs) == 0
                : env->image_size && env->image_size(env->ctx, p.ref->resolved, &p.w, &p.h) == 0);
    return p;
}

void place_picture_add(struct place_ctx *c, int pg, const struct slide *s,
                       const struct place_picture *p, double x, double y, double w, double h,
                       enum fit_mode fit)
{
    struct page_layout *page = place_page(c, pg);
    bool focus = !p->video && fit != FIT_CONTAIN; /* a photo shown whole has nothing to aim */
    place_add(page,
              (struct element){.role = p->video ? "video" : "photo",
                               .kind = EL_IMAGE,
                               .x = x,
                               .y = y,
                               .w = w,
                               .h = h,
                               .img_w = p->w,
                               .img_h = p->h,
                               .backdrop = true,
                               .must_show = p->present && !p->video,
                               .src = p->ref->path,
                               .resolved = p->present ? p->ref->resolved : NULL,
                               .fit = fit,
                               .focus_x = focus ? s->focus_x : 0.5,
                               .focus_y = focus ? s->focus_y : 0.5,
                               .video = p->clip,
                               .video_at = p->clip ? policy_video_poster_time(s, p->secs) : 0});
    if (!p->present)
        place_warn(page, p->video ? _("video missing: placeholder shown")
                                  : _("photo missing: placeholder shown"));
    else if (!p->video && layout_enlargement(p->w, p->h, w, h, fit) > LAYOUT_MAX_ENLARGEMENT)
        place_warn(page, place_enlarged_warning());
}

enum place_shape place_shape_of(int w, int h)
{
    if (h > w)
        return PLACE_PORTRAIT;
    double ratio = (double)w / (h > 0 ? h : 1);
    return ratio >= 6 || h < 200 ? PLACE_STRIP : ratio >= 3 ? PLACE_WIDE : PLACE_LANDSCAPE;
}

void place_units(int w, int h, const struct design_metrics *dm, double *u, double *m)
{
    bool portrait = h > w;
    /* the design unit: portrait designs on 1080 wide, landscape on 1080 high; very wide
     * walls are limited by their width so columns still fit */
    *u = portrait ? w / 1080.0 : fmin(h / 1080.0, w / 1700.0);
    *m = fmax(8, dm->chrome.margin[portrait] * *u);
    if (place_shape_of(w, h) == PLACE_STRIP) /* a strip's few dots go to the text, not the margin */
        *m = fmax(4, round(h * 0.06));
}

void place_setup(struct place_ctx *c, const struct playlist *pl, const struct theme *th, int w,
                 int h, const struct layout_env *env)
{
    c->pl = pl;
    c->th = th;
    c->env = env;
    c->d = design_of(th);
    c->dm = c->d->metrics;
    c->W = w;
    c->H = h;
    c->portrait = h > w;
    place_units(w, h, c->dm, &c->u, &c->m);
    c->shape = place_shape_of(w, h);
    c->sl = xcalloc(1, sizeof *c->sl);
    c->sl->w = w;
    c->sl->h = h;
    c->sl->portrait = c->portrait;
    c->sl->accent = th->accent;
}
