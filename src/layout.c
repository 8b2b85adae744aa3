/* layout.c - the slide designs: where every element of a story, photo, text or roll slide goes
 * on a screen of any size, and how long texts are split into pages.
 *
 * Sizes are fractions of the screen. `u` is the design unit: 1/1080 of the short side for
 * portrait, of the height for landscape (clamped for very wide LED walls), so a 1920x1080
 * design scales to 1280x720 and 3840x2160 unchanged. */
#include "layout.h"
#include "i18n.h"
#include "policy.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The smallest text honorboard sets, in pixels, whatever the screen (a 768x384 LED wall). */
#define MIN_READABLE_PX 13.0

struct ctx {
    const struct playlist *pl;
    const struct theme *th;
    const struct layout_env *env;
    struct slide_layout *sl;
    double W, H, u, m; /* screen, unit, safe margin */
    bool portrait;
};

static struct element *add_el(struct page_layout *p, struct element e)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->els = xrealloc(p->els, p->cap * sizeof *p->els);
    }
    p->els[p->n] = e;
    return &p->els[p->n++];
}

static void page_warn(struct page_layout *p, const char *msg)
{
    if (!p->warning)
        snprintf(p->warn_text, sizeof p->warn_text, "%s", msg);
    p->warning = true;
}

static struct page_layout *page_at(struct ctx *c, int page)
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
static void text_lines(struct ctx *c, struct element *e)
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
        size_t need = l->end - l->start + 1;
        if (need > gcap)
            g = xrealloc(g, (gcap = need) * sizeof *g);
        size_t ng = tl_line_glyphs(r, l, g, gcap);
        double w = ng ? g[ng - 1].x + g[ng - 1].w : 0;
        double *adv = xmalloc((ng ? ng : 1) * sizeof *adv);
        for (size_t k = 0; k < ng; k++)
            adv[k] = g[k].x;
        e->lines[e->nlines++] = (struct el_line){
            .text = tl_line_text(r, l), .x = e->x + l->x, .y = e->y + l->y, .w = w, .h = r->line_h,
            .adv = adv, .nadv = ng, .para = l->para};
    }
    free(g);
}

struct text_spec {
    const char *role;
    const char *text;
    double x, y, w, h;
    double min_px, max_px;
    enum el_weight weight;
    struct color color;
    enum text_align align;
    double indent_em, line_height;
    bool two_lines; /* a heading: two lines at its size before it shrinks */
};

/* The lines of a text that must fit its box on one page, at the largest size in its range.
 * When even the smallest readable size overflows, the box grows to hold every line at that size
 * (flagged: *squeezed): text never goes under MIN_READABLE_PX and no character is dropped.
 * *box_h is the box's height. Caller frees. */
static struct tl_result *fit_text(struct ctx *c, const struct text_spec *t, double *box_h,
                                  bool *squeezed)
{
    struct tl_params p = tl_default_params();
    p.indent_em = t->indent_em;
    p.line_height = t->line_height > 0 ? t->line_height : 1.25;
    p.align = t->align;
    p.para_gap = 0;
    p.balance = t->two_lines; /* a heading: lines of nearly equal length */
    const struct tl_measure *m = &c->env->measure[t->weight];
    /* small LED walls: nothing below MIN_READABLE_PX, however the design scales */
    double min_px = fmax(t->min_px, MIN_READABLE_PX), max_px = fmax(t->max_px, min_px);
    *box_h = fmax(t->h, ceil(min_px * p.line_height)); /* room for one line at least */
    if (t->two_lines)
        *box_h = fmax(*box_h, ceil(2 * max_px * p.line_height));
    *squeezed = false;
    struct tl_result *r = tl_fit(t->text, min_px, max_px, t->w, *box_h, &p, m);
    if (r->npages > 1) { /* overflow even at the smallest readable size: grow the box */
        tl_result_free(r);
        r = tl_layout(t->text, min_px, t->w, 0, &p, m);
        *squeezed = true;
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
static void measure_text(struct ctx *c, const struct text_spec *t, double *px, double *used_h)
{
    *px = 0, *used_h = 0;
    if (!t->text || !*t->text)
        return;
    double box_h;
    bool squeezed;
    struct tl_result *r = fit_text(c, t, &box_h, &squeezed);
    *px = r->px;
    *used_h = r->nlines ? r->lines[r->nlines - 1].y + r->line_h : 0;
    tl_result_free(r);
}

/* A text element that must fit its box on one page (see fit_text). Returns the element on
 * page pg, or NULL for an absent or empty text. */
static struct element *place_text(struct ctx *c, int pg, const struct text_spec *t)
{
    if (!t->text || !*t->text)
        return NULL;
    double box_h;
    bool squeezed;
    struct tl_result *r = fit_text(c, t, &box_h, &squeezed);
    struct element e = {.role = t->role, .kind = EL_TEXT, .x = t->x, .y = t->y, .w = t->w,
                        .h = box_h, .tl = r, .weight = t->weight, .color = t->color,
                        .warn_min_size = squeezed};
    struct page_layout *page = page_at(c, pg);
    struct element *el = add_el(page, e);
    text_lines(c, el);
    if (squeezed)
        page_warn(page, _("text at its minimum size does not fit its box"));
    return el;
}

/* Used height of a placed text (its lines), for stacking elements. */
static double text_used_h(const struct element *e)
{
    if (!e || !e->nlines)
        return 0;
    const struct el_line *l = &e->lines[e->nlines - 1];
    return l->y + l->h - e->y;
}

/* Shrinks a text element's box to its lines (keeps x and w). */
static void shrink_to_lines(struct element *e)
{
    if (e && e->nlines)
        e->h = text_used_h(e);
}

static struct color with_alpha(struct color c, uint8_t a)
{
    c.a = a;
    return c;
}

static struct color mix(struct color a, struct color b, double t)
{
    return (struct color){(uint8_t)lround(a.r + (b.r - a.r) * t), (uint8_t)lround(a.g + (b.g - a.g) * t),
                          (uint8_t)lround(a.b + (b.b - a.b) * t), 255};
}

/* Body text laid out over as many pages as it needs, at the largest size in [min_px, max_px]
 * (never under MIN_READABLE_PX). Shared by the body elements of every page (layout_free()
 * frees it once); place_body() adds them. Caller owns the result until then. */
static struct tl_result *fit_body(struct ctx *c, const char *text, double w, double h,
                                  double min_px, double max_px, enum text_align align,
                                  double indent_em)
{
    struct tl_params p = tl_default_params();
    p.align = align;
    p.indent_em = indent_em;
    max_px = fmax(max_px, MIN_READABLE_PX);
    min_px = fmin(fmax(min_px, MIN_READABLE_PX), max_px);
    return tl_fit(text ? text : "", min_px, max_px, w, h, &p, &c->env->measure[EL_REGULAR]);
}

/* Page pg's body element (drawn after everything placed on that page before it). */
static void place_body(struct ctx *c, int pg, struct tl_result *r, double x, double y, double w,
                       double h)
{
    struct element e = {.role = "body", .kind = EL_TEXT, .x = x, .y = y, .w = w, .h = h,
                        .tl = r, .tl_page = pg, .weight = EL_REGULAR,
                        .color = c->th->text, .warn_min_size = r->at_min_size};
    struct page_layout *page = page_at(c, pg);
    text_lines(c, add_el(page, e));
    if (r->at_min_size) /* the contact sheet frames it: the author may want to shorten it */
        page_warn(page, _("text at its minimum size, over several pages"));
}

/* Where the page number's box starts: content ends a little above it, on every page, so the
 * body's box never runs into it. */
static double page_number_h(const struct ctx *c)
{
    return fmax(44 * c->u, ceil(MIN_READABLE_PX * 1.3));
}

static double content_bottom(const struct ctx *c)
{
    return c->H - c->m - page_number_h(c) - 8 * c->u;
}

/* Background, frame and header that every designed slide shares. Returns the header's bottom. */
static double place_chrome(struct ctx *c, int pg)
{
    struct page_layout *page = page_at(c, pg);
    double W = c->W, H = c->H, u = c->u, m = c->m;
    add_el(page, (struct element){.role = "background", .kind = EL_RECT, .x = 0, .y = 0, .w = W,
                                  .h = H, .fill = c->th->background, .backdrop = true});
    int iw = 0, ih = 0;
    if (c->th->background_image.resolved && c->env->image_size &&
        c->env->image_size(c->env->ctx, c->th->background_image.resolved, &iw, &ih) == 0)
        add_el(page, (struct element){.role = "background-image", .kind = EL_IMAGE, .x = 0, .y = 0,
                                      .w = W, .h = H, .img_w = iw, .img_h = ih,
                                      .src = c->th->background_image.path,
                                      .resolved = c->th->background_image.resolved,
                                      .fit = FIT_COVER, .focus_x = 0.5, .focus_y = 0.5,
                                      .backdrop = true});
    /* A thin double frame in the accent colour, inside the safe margin. */
    double fi = m * 0.45, fw = fmax(1, round(2 * u));
    struct color acc = c->th->accent;
    add_el(page, (struct element){.role = "frame", .kind = EL_RECT, .x = fi, .y = fi,
                                  .w = W - 2 * fi, .h = H - 2 * fi, .fill = with_alpha(acc, 200),
                                  .radius = -fw}); /* negative radius = outline of that width */
    double hh = (c->portrait ? 96 : 84) * u;
    double hy = m;
    double ex = m;
    if (c->th->emblem.resolved && c->env->image_size &&
        c->env->image_size(c->env->ctx, c->th->emblem.resolved, &iw, &ih) == 0) {
        add_el(page, (struct element){.role = "emblem", .kind = EL_IMAGE, .x = m, .y = hy,
                                      .w = hh, .h = hh, .img_w = iw, .img_h = ih,
                                      .src = c->th->emblem.path,
                                      .resolved = c->th->emblem.resolved, .fit = FIT_CONTAIN,
                                      .focus_x = 0.5, .focus_y = 0.5});
        ex = m + hh + 20 * u;
    } else {
        struct element *st = place_text(c, pg, &(struct text_spec){
            .role = "emblem", .text = "★", .x = m, .y = hy, .w = hh, .h = hh,
            .min_px = hh * 0.6, .max_px = hh * 0.75, .weight = EL_BOLD, .color = acc,
            .align = ALIGN_CENTER, .line_height = 1.3});
        if (st)
            ex = m + hh + 12 * u;
    }
    const char *title = c->pl && c->pl->title ? c->pl->title : "光荣榜";
    const char *subtitle = c->pl && c->pl->subtitle && *c->pl->subtitle ? c->pl->subtitle : NULL;
    double tw = W - ex - m;
    /* with the playlist's subtitle the title is a little smaller and the subtitle sits under it,
     * both inside the header band */
    struct element *t = place_text(c, pg, &(struct text_spec){
        .role = "header", .text = title, .x = ex, .y = hy, .w = tw, .h = subtitle ? hh * 0.6 : hh,
        .min_px = (subtitle ? 22 : 28) * u, .max_px = (subtitle ? 40 : c->portrait ? 54 : 50) * u,
        .weight = EL_BOLD, .color = acc, .align = ALIGN_LEFT, .line_height = 1.3});
    shrink_to_lines(t);
    struct element *st = NULL;
    if (subtitle && t) {
        size_t ti = (size_t)(t - page_at(c, pg)->els); /* adding may move the elements */
        st = place_text(c, pg, &(struct text_spec){
            .role = "header-subtitle", .text = subtitle, .x = ex, .y = t->y + t->h, .w = tw,
            .h = fmax(hh - t->h, 1), .min_px = 18 * u, .max_px = 26 * u, .weight = EL_REGULAR,
            .color = mix(c->th->text, c->th->background, 0.15), .align = ALIGN_LEFT,
            .line_height = 1.3});
        shrink_to_lines(st);
        t = &page_at(c, pg)->els[ti];
    }
    double used = text_used_h(t) + (st ? text_used_h(st) : 0);
    if (t && used < hh) { /* centre the title block vertically in the header band */
        double dy = (hh - used) / 2;
        struct element *blk[] = {t, st};
        for (size_t b = 0; b < 2 && blk[b]; b++) {
            for (size_t i = 0; i < blk[b]->nlines; i++)
                blk[b]->lines[i].y += dy;
            blk[b]->y += dy;
        }
    }
    double ry = hy + fmax(hh, used) + 10 * u; /* a header that had to grow pushes the rule down */
    add_el(page, (struct element){.role = "rule", .kind = EL_RECT, .x = m, .y = ry, .w = W - 2 * m,
                                  .h = fmax(2, round(3 * u)), .fill = acc});
    add_el(page, (struct element){.role = "rule", .kind = EL_RECT, .x = m, .y = ry + 7 * u,
                                  .w = W - 2 * m, .h = fmax(1, round(1 * u)),
                                  .fill = with_alpha(acc, 150)});
    return ry + 7 * u + 2 * u;
}

static void place_page_number(struct ctx *c, int pg, int npages)
{
    if (npages < 2)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%d/%d", pg + 1, npages);
    double h = page_number_h(c), w = 160 * c->u;
    place_text(c, pg, &(struct text_spec){
        .role = "page", .text = buf, .x = c->W - c->m - w, .y = c->H - c->m - h, .w = w, .h = h,
        .min_px = 20 * c->u, .max_px = 28 * c->u, .weight = EL_BOLD, .color = c->th->accent,
        .align = ALIGN_RIGHT, .line_height = 1.3});
}

/* A badge: accent-filled rounded rectangle with the text in the background colour, on one line
 * (down to 0.7 of px, never under MIN_READABLE_PX), else on as many lines as it needs: the badge
 * grows rather than the text shrinking. Returns its height (0 without text); pg < 0 only
 * measures. */
static double place_badge(struct ctx *c, int pg, const char *text, double cx, double y, double px,
                          double maxw, bool centred)
{
    if (!text || !*text)
        return 0;
    px = fmax(px, MIN_READABLE_PX);
    const struct tl_measure *me = &c->env->measure[EL_BOLD];
    double tw = 0;
    size_t n = strlen(text), len;
    for (size_t i = 0; i < n; i += len)
        tw += me->advance(me->ctx, utf8_decode(text + i, n - i, &len), px);
    double padx = px * 0.9, line_h = px * 1.75;
    double w = fmin(tw + 2 * padx, maxw);
    struct text_spec spec = {.role = "honor", .text = text, .x = 0, .y = y, .w = w - padx * 1.2,
                             .h = line_h, .min_px = px * 0.7, .max_px = px, .weight = EL_BOLD,
                             .color = mix(c->th->background, (struct color){0, 0, 0, 255}, 0.25),
                             .align = ALIGN_CENTER, .line_height = 1.75};
    double got_px, used_h;
    measure_text(c, &spec, &got_px, &used_h);
    double h = fmax(line_h, used_h);
    if (pg < 0)
        return h;
    double x = centred ? cx - w / 2 : cx;
    spec.x = x + padx * 0.6;
    spec.h = h;
    add_el(page_at(c, pg), (struct element){.role = "honor-badge", .kind = EL_RECT, .x = x, .y = y,
                                            .w = w, .h = h, .fill = c->th->accent,
                                            .radius = fmin(h, line_h) / 2});
    place_text(c, pg, &spec);
    return h;
}

double layout_enlargement(int iw, int ih, double w, double h, enum fit_mode fit)
{
    if (iw <= 0 || ih <= 0)
        return 0;
    double sx = w / iw, sy = h / ih;
    return fit == FIT_CONTAIN ? fmin(sx, sy) : fmax(sx, sy);
}

static void place_photo(struct ctx *c, int pg, const char *role, const struct media_ref *m,
                        double fx, double fy, double x, double y, double w, double h)
{
    struct page_layout *page = page_at(c, pg);
    int iw = 0, ih = 0;
    bool present = m->resolved && c->env->image_size &&
                   c->env->image_size(c->env->ctx, m->resolved, &iw, &ih) == 0;
    add_el(page, (struct element){.role = role, .kind = EL_IMAGE, .x = x, .y = y, .w = w, .h = h,
                                  .img_w = iw, .img_h = ih,
                                  .src = m->path, .resolved = present ? m->resolved : NULL,
                                  .fit = FIT_COVER, .focus_x = fx, .focus_y = fy, .frame = true,
                                  .fill = c->th->accent});
    if (m->path && !present)
        page_warn(page, _("photo missing: placeholder shown"));
    else if (layout_enlargement(iw, ih, w, h, FIT_COVER) > LAYOUT_MAX_ENLARGEMENT)
        page_warn(page, _("photo enlarged more than 1.5 times: it will look blurred"));
}

/* ---- story ------------------------------------------------------------------------------ */

static void layout_story(struct ctx *c, const struct slide *s)
{
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, 0) + 30 * u;
    double bottom = content_bottom(c);
    double px_min = 30 * u, px_max = 48 * u;
    struct text_spec name = {.role = "name", .text = s->name, .min_px = 48 * u, .max_px = 76 * u,
                             .weight = EL_BOLD, .color = c->th->text, .align = ALIGN_CENTER};
    struct text_spec unit = {.role = "unit", .text = s->unit, .min_px = 24 * u, .max_px = 32 * u,
                             .weight = EL_REGULAR, .color = mix(c->th->text, c->th->background, 0.2),
                             .align = ALIGN_CENTER};
    /* the story's heading: never smaller than the body it heads (the body is capped at it) */
    struct text_spec heading = {.role = "title", .text = s->title, .min_px = 34 * u,
                                .max_px = 56 * u, .weight = EL_BOLD, .color = c->th->accent,
                                .align = ALIGN_LEFT, .two_lines = true};
    double head_px = 0, head_h = 0;
    if (!c->portrait) {
        double ph = (bottom - top) * 0.64, pw = ph * 0.75;
        if (pw > W * 0.3) {
            pw = W * 0.3;
            ph = pw / 0.75;
        }
        double colw = fmax(pw * 1.25, 380 * u);
        double colx = m + 10 * u;
        double px = colx + (colw - pw) / 2;
        double textx = colx + colw + 56 * u, textw = W - m - 10 * u - textx;
        double ty = top;
        heading.x = textx, heading.y = ty, heading.w = textw, heading.h = 72 * u;
        measure_text(c, &heading, &head_px, &head_h);
        double body_y = ty + (s->title ? head_h + 28 * u : 0);
        struct tl_result *r = fit_body(c, s->text, textw, bottom - body_y, px_min,
                                       s->title ? fmin(px_max, head_px) : px_max, s->align,
                                       s->lines ? 0 : 2); /* lines: true - no indent */
        int pages = r->npages > 0 ? r->npages : 1;
        for (int pg = 0; pg < pages; pg++) {
            if (pg > 0)
                place_chrome(c, pg);
            place_photo(c, pg, "photo", &s->photo, s->focus_x, s->focus_y, px, top, pw, ph);
            double y = top + ph + 26 * u;
            name.x = colx, name.y = y, name.w = colw, name.h = 100 * u;
            struct element *ne = place_text(c, pg, &name);
            shrink_to_lines(ne);
            y += text_used_h(ne) + 6 * u;
            unit.x = colx, unit.y = y, unit.w = colw, unit.h = 90 * u;
            struct element *ue = place_text(c, pg, &unit);
            shrink_to_lines(ue);
            y += text_used_h(ue) + 14 * u;
            place_badge(c, pg, s->honor, colx + colw / 2, y, 30 * u, colw, true);
            if (s->title) {
                struct element *he = place_text(c, pg, &heading);
                shrink_to_lines(he);
                if (he)
                    add_el(page_at(c, pg), (struct element){
                        .role = "title-rule", .kind = EL_RECT, .x = textx, .y = ty + head_h + 6 * u,
                        .w = 120 * u, .h = fmax(2, 4 * u), .fill = c->th->accent});
            }
            /* a thin vertical divider between the columns */
            add_el(page_at(c, pg), (struct element){
                .role = "divider", .kind = EL_RECT, .x = colx + colw + 26 * u, .y = top,
                .w = fmax(1, round(2 * u)), .h = bottom - top,
                .fill = with_alpha(c->th->accent, 110)});
            place_body(c, pg, r, textx, body_y, textw, bottom - body_y);
            place_page_number(c, pg, pages);
        }
    } else {
        double pw = W * 0.40, ph = pw / 0.75;
        double px = (W - pw) / 2;
        double y0 = top + 10 * u;
        double y = y0 + ph + 26 * u;
        name.x = m, name.w = W - 2 * m, name.h = 110 * u, name.max_px = 84 * u;
        unit.x = m, unit.w = W - 2 * m, unit.h = 90 * u;
        /* the body starts below the name, unit and badge: measured, not guessed */
        double name_px, name_h, unit_px, unit_h;
        measure_text(c, &name, &name_px, &name_h);
        measure_text(c, &unit, &unit_px, &unit_h);
        double badge_px = fmax(32 * u, MIN_READABLE_PX);
        double badge_h = place_badge(c, -1, s->honor, W / 2, 0, badge_px, W - 2 * m, true);
        double bx = m + 20 * u, bw = W - 2 * m - 40 * u;
        double body_top = y + name_h + 6 * u + unit_h + 14 * u + badge_h + 40 * u;
        heading.x = bx, heading.w = bw, heading.h = 90 * u, heading.align = ALIGN_CENTER;
        heading.y = body_top;
        measure_text(c, &heading, &head_px, &head_h);
        double head_y = body_top;
        if (s->title)
            body_top += head_h + 30 * u;
        struct tl_result *r = fit_body(c, s->text, bw, bottom - body_top, 34 * u,
                                       s->title ? fmin(50 * u, head_px) : 50 * u, s->align,
                                       s->lines ? 0 : 2); /* lines: true - no indent */
        int pages = r->npages > 0 ? r->npages : 1;
        for (int pg = 0; pg < pages; pg++) {
            if (pg > 0)
                place_chrome(c, pg);
            place_photo(c, pg, "photo", &s->photo, s->focus_x, s->focus_y, px, y0, pw, ph);
            double yy = y;
            name.y = yy;
            struct element *ne = place_text(c, pg, &name);
            shrink_to_lines(ne);
            yy += text_used_h(ne) + 6 * u;
            unit.y = yy;
            struct element *ue = place_text(c, pg, &unit);
            shrink_to_lines(ue);
            yy += text_used_h(ue) + 14 * u;
            place_badge(c, pg, s->honor, W / 2, yy, badge_px, W - 2 * m, true);
            if (s->title) {
                struct element *he = place_text(c, pg, &heading);
                shrink_to_lines(he);
                if (he)
                    add_el(page_at(c, pg), (struct element){
                        .role = "title-rule", .kind = EL_RECT, .x = W / 2 - 60 * u,
                        .y = head_y + head_h + 8 * u, .w = 120 * u, .h = fmax(2, 4 * u),
                        .fill = c->th->accent});
            }
            place_body(c, pg, r, bx, body_top, bw, bottom - body_top);
            place_page_number(c, pg, pages);
        }
    }
}

/* ---- photo and video --------------------------------------------------------------------- */

/* A photo fills the screen under a translucent caption band. A video slide is the same page
 * with the clip in the photo's place; its band is opaque and the clip's box ends above it, so
 * the frame loop can paste live frames into that box and nothing has to be drawn over them. */
static void layout_photo(struct ctx *c, const struct slide *s)
{
    double W = c->W, H = c->H, u = c->u, m = c->m;
    struct page_layout *page = page_at(c, 0);
    bool video = s->type == SLIDE_VIDEO;
    bool clip = video && !s->poster.path; /* the picture is a frame of the clip itself */
    const struct media_ref *pic = !video ? &s->image : clip ? &s->video : &s->poster;
    int iw = 0, ih = 0;
    double secs = 0;
    bool present = pic->resolved &&
                   (clip ? c->env->video_size &&
                               c->env->video_size(c->env->ctx, pic->resolved, &iw, &ih, &secs) == 0
                         : c->env->image_size &&
                               c->env->image_size(c->env->ctx, pic->resolved, &iw, &ih) == 0);
    const char *cap = s->caption;
    double bandh = 0;
    if (cap || s->title) {
        bandh = (c->portrait ? 200 : 150) * u;
        if (s->title && cap)
            bandh += 50 * u;
    }
    double boxh = video ? H - bandh : H;
    if (!present || s->fit == FIT_CONTAIN) /* a covering photo hides it: not painted then */
        add_el(page, (struct element){.role = "background", .kind = EL_RECT, .x = 0, .y = 0,
                                      .w = W, .h = H, .backdrop = true,
                                      .fill = mix(c->th->background, (struct color){0, 0, 0, 255}, 0.5)});
    add_el(page, (struct element){.role = video ? "video" : "photo", .kind = EL_IMAGE, .x = 0,
                                  .y = 0, .w = W, .h = boxh, .img_w = iw, .img_h = ih,
                                  .backdrop = true,
                                  .src = pic->path, .resolved = present ? pic->resolved : NULL,
                                  .fit = s->fit, .focus_x = video ? 0.5 : s->focus_x,
                                  .focus_y = video ? 0.5 : s->focus_y, .video = clip,
                                  .video_at = clip ? policy_video_poster_time(s, secs) : 0});
    if (!present)
        page_warn(page, video ? "video missing: placeholder shown" : "photo missing: placeholder shown");
    else if (!video && layout_enlargement(iw, ih, W, H, s->fit) > LAYOUT_MAX_ENLARGEMENT)
        page_warn(page, _("photo enlarged more than 1.5 times: it will look blurred"));
    if (!cap && !s->title)
        return;
    add_el(page, (struct element){.role = "caption-band", .kind = EL_RECT, .x = 0, .y = H - bandh,
                                  .w = W, .h = bandh,
                                  .fill = video ? (struct color){16, 16, 16, 255} : (struct color){0, 0, 0, 165}});
    add_el(page, (struct element){.role = "caption-rule", .kind = EL_RECT, .x = 0, .y = H - bandh,
                                  .w = W, .h = fmax(2, round(4 * u)), .fill = c->th->accent});
    double y = H - bandh + 22 * u;
    double title_px = 0;
    if (s->title) { /* the title heads the caption: never smaller than it */
        struct element *t = place_text(c, 0, &(struct text_spec){
            .role = "title", .text = s->title, .x = m, .y = y, .w = W - 2 * m, .h = 60 * u,
            .min_px = 30 * u, .max_px = 48 * u, .weight = EL_BOLD, .color = c->th->accent,
            .align = ALIGN_CENTER});
        shrink_to_lines(t);
        y += text_used_h(t) + 4 * u;
        title_px = t ? t->tl->px : 0;
    }
    if (cap)
        place_text(c, 0, &(struct text_spec){
            .role = "caption", .text = cap, .x = m, .y = y, .w = W - 2 * m, .h = H - m * 0.5 - y,
            .min_px = 30 * u, .max_px = title_px > 0 ? fmin(48 * u, title_px) : 48 * u,
            .weight = EL_BOLD, .color = (struct color){255, 255, 255, 255},
            .align = ALIGN_CENTER});
}

/* ---- text ------------------------------------------------------------------------------- */

static void layout_text(struct ctx *c, const struct slide *s)
{
    double W = c->W, u = c->u, m = c->m;
    double top = place_chrome(c, 0) + 36 * u;
    double bottom = content_bottom(c);
    double bw = c->portrait ? W - 2 * m - 40 * u : fmin(W - 2 * m - 80 * u, 1500 * u);
    double bx = (W - bw) / 2;
    struct text_spec title = {.role = "title", .text = s->title, .x = bx, .y = top, .w = bw,
                              .h = (c->portrait ? 220 : 110) * u, .min_px = 44 * u,
                              .max_px = (c->portrait ? 72 : 68) * u, .weight = EL_BOLD,
                              .color = c->th->accent, .align = ALIGN_CENTER, .two_lines = true};
    struct text_spec sub = {.role = "subtitle", .text = s->subtitle, .x = bx, .w = bw, .h = 60 * u,
                            .min_px = 26 * u, .max_px = 34 * u, .weight = EL_REGULAR,
                            .color = mix(c->th->text, c->th->background, 0.15),
                            .align = ALIGN_CENTER};
    /* the heading block's height first, to know where the body starts */
    double title_px, title_h, sub_px, sub_h;
    measure_text(c, &title, &title_px, &title_h);
    double y = top + title_h + 10 * u;
    sub.y = y;
    measure_text(c, &sub, &sub_px, &sub_h);
    if (s->subtitle && *s->subtitle)
        y += sub_h + 6 * u;
    double rule_y = y + 20 * u;
    y = rule_y + 40 * u;
    /* the body is never set larger than its heading */
    struct tl_result *r = fit_body(c, s->text, bw, bottom - y, 32 * u,
                                   title_px > 0 ? fmin(54 * u, title_px) : 54 * u, s->align,
                                       s->lines ? 0 : 2); /* lines: true - no indent */
    int pages = r->npages > 0 ? r->npages : 1;
    for (int pg = 0; pg < pages; pg++) {
        if (pg > 0)
            place_chrome(c, pg);
        shrink_to_lines(place_text(c, pg, &title));
        shrink_to_lines(place_text(c, pg, &sub));
        add_el(page_at(c, pg), (struct element){.role = "title-rule", .kind = EL_RECT,
                                                .x = W / 2 - 90 * u, .y = rule_y, .w = 180 * u,
                                                .h = fmax(2, 5 * u), .fill = c->th->accent});
        place_body(c, pg, r, bx, y, bw, bottom - y);
        place_page_number(c, pg, pages);
    }
}

/* ---- roll ------------------------------------------------------------------------------- */

static void layout_roll(struct ctx *c, const struct slide *s)
{
    double W = c->W, H = c->H, u = c->u, m = c->m;
    size_t n = s->npeople ? s->npeople : 1;
    size_t per_page = c->portrait ? 12 : (W / H > 1.9 ? 10 : 12);
    if (H < 600 || W < 600) /* small LED walls: fewer, larger cards */
        per_page = c->portrait ? 4 : 5;
    size_t npages = (n + per_page - 1) / per_page;
    size_t on_page = n < per_page ? n : per_page;
    if (npages > 1) /* balance pages: 13 people -> 7 + 6, not 12 + 1 */
        on_page = (n + npages - 1) / npages;
    /* a person with both an honour and a unit shows both: one more line on every card */
    bool units = false;
    for (size_t i = 0; i < s->npeople; i++)
        units |= s->people[i].unit && *s->people[i].unit && s->people[i].honor && *s->people[i].honor;
    double name_px = 0; /* one name size for the whole roll, found on the first page */
    for (size_t pg = 0; pg < npages; pg++) {
        double top = place_chrome(c, (int)pg) + 24 * u;
        struct element *te = place_text(c, (int)pg, &(struct text_spec){
            .role = "title", .text = s->title, .x = m, .y = top, .w = W - 2 * m, .h = 90 * u,
            .min_px = 40 * u, .max_px = 60 * u, .weight = EL_BOLD, .color = c->th->accent,
            .align = ALIGN_CENTER, .two_lines = true});
        shrink_to_lines(te);
        double y0 = top + text_used_h(te) + 10 * u;
        if (s->subtitle) {
            struct element *se = place_text(c, (int)pg, &(struct text_spec){
                .role = "subtitle", .text = s->subtitle, .x = m, .y = y0, .w = W - 2 * m,
                .h = 50 * u, .min_px = 24 * u, .max_px = 30 * u, .weight = EL_REGULAR,
                .color = c->th->text, .align = ALIGN_CENTER});
            shrink_to_lines(se);
            y0 += text_used_h(se) + 6 * u;
        }
        y0 += 24 * u;
        double ah = content_bottom(c) - y0, aw = W - 2 * m - 40 * u;
        double ax = m + 20 * u;
        /* choose the grid with the largest photos, weighted by how much of the area it fills,
         * so 8 people become 4 x 2 rather than a thin strip of 8 */
        size_t best_cols = 1;
        double name_h = fmax(52 * u, ceil(MIN_READABLE_PX * 1.25) + 1);
        double honor_h = fmax(40 * u, ceil(MIN_READABLE_PX * 1.25) + 1);
        double unit_h = units ? fmax(34 * u, ceil(MIN_READABLE_PX * 1.25) + 1) : 0;
        double best_ph = 0, best_score = 0, text_h = 12 * u + name_h + honor_h + unit_h + 4 * u,
               gap = 28 * u;
        for (size_t cols = 1; cols <= on_page; cols++) {
            size_t rows = (on_page + cols - 1) / cols;
            double cw = (aw - gap * (double)(cols - 1)) / (double)cols;
            double ch = (ah - gap * (double)(rows - 1)) / (double)rows;
            double ph = fmin(ch - text_h, cw * 0.86 / 0.75);
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
        size_t cols = best_cols, rows = (on_page + cols - 1) / cols;
        double ph = fmin(best_ph, (c->portrait ? 560 : 420) * u), pw = ph * 0.75;
        double cw = fmin((aw - gap * (double)(cols - 1)) / (double)cols, pw * 1.9);
        double ch = ph + text_h;
        double gridw = cw * (double)cols + gap * (double)(cols - 1);
        double gridh = ch * (double)rows + gap * (double)(rows - 1);
        double gx = ax + (aw - gridw) / 2, gy = y0 + (ah - gridh) / 2;
        struct text_spec name = {.role = "person-name", .w = cw, .h = name_h, .min_px = 26 * u,
                                 .max_px = 38 * u, .weight = EL_BOLD, .color = c->th->text,
                                 .align = ALIGN_CENTER};
        if (pg == 0) { /* the size at which every name of the roll fits its card */
            name_px = name.max_px;
            for (size_t i = 0; i < s->npeople; i++) {
                double px, used;
                name.text = s->people[i].name;
                measure_text(c, &name, &px, &used);
                if (px > 0)
                    name_px = fmin(name_px, px);
            }
        }
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
            name.text = p->name, name.x = cx, name.y = cy + ph + 12 * u;
            struct element *ne = place_text(c, (int)pg, &name);
            shrink_to_lines(ne);
            double ty = cy + ph + 12 * u + name_h;
            const char *hon = p->honor && *p->honor ? p->honor : p->unit;
            place_text(c, (int)pg, &(struct text_spec){
                .role = "person-honor", .text = hon, .x = cx, .y = ty,
                .w = cw, .h = honor_h, .min_px = 18 * u, .max_px = 26 * u, .weight = EL_REGULAR,
                .color = c->th->accent, .align = ALIGN_CENTER});
            if (units && hon == p->honor)
                place_text(c, (int)pg, &(struct text_spec){
                    .role = "person-unit", .text = p->unit, .x = cx, .y = ty + honor_h,
                    .w = cw, .h = unit_h, .min_px = 16 * u, .max_px = 22 * u,
                    .weight = EL_REGULAR, .color = mix(c->th->text, c->th->background, 0.2),
                    .align = ALIGN_CENTER});
        }
        place_page_number(c, (int)pg, (int)npages);
    }
}

static void setup(struct ctx *c, const struct playlist *pl, const struct theme *th, int w, int h,
                  const struct layout_env *env)
{
    c->pl = pl;
    c->th = th;
    c->env = env;
    c->W = w;
    c->H = h;
    c->portrait = h > w;
    /* the design unit: portrait designs on 1080 wide, landscape on 1080 high; very wide
     * walls are limited by their width so columns still fit */
    c->u = c->portrait ? w / 1080.0 : fmin(h / 1080.0, w / 1700.0);
    c->m = fmax(8, (c->portrait ? 56 : 52) * c->u);
    c->sl = xcalloc(1, sizeof *c->sl);
    c->sl->w = w;
    c->sl->h = h;
    c->sl->portrait = c->portrait;
    c->sl->accent = th->accent;
}

struct slide_layout *layout_slide(const struct playlist *pl, const struct slide *s, int w, int h,
                                  const struct layout_env *env)
{
    struct ctx c = {0};
    setup(&c, pl, &pl->theme, w, h, env);
    /* one layout per slide kind, indexed by enum slide_type (playlist.c parses them) */
    static void (*const layouts[])(struct ctx *, const struct slide *) = {
        [SLIDE_STORY] = layout_story, [SLIDE_PHOTO] = layout_photo,
        [SLIDE_TEXT] = layout_text,   [SLIDE_ROLL] = layout_roll,
        [SLIDE_VIDEO] = layout_photo, /* the photo page with the clip in the photo's place */
    };
    _Static_assert(sizeof layouts / sizeof *layouts == SLIDE_TYPE_COUNT, "one per slide type");
    if (s->type < SLIDE_TYPE_COUNT)
        layouts[s->type](&c, s);
    else
        place_chrome(&c, 0);
    if (c.sl->npages == 0)
        page_at(&c, 0);
    return c.sl;
}

struct slide_layout *layout_card(const char *title, const char *message, const struct theme *th,
                                 int w, int h, const struct layout_env *env)
{
    struct ctx c = {0};
    struct playlist fake = {.title = (char *)title};
    setup(&c, &fake, th, w, h, env);
    double u = c.u, m = c.m;
    double top = place_chrome(&c, 0) + 80 * u;
    double bw = fmin(w - 2 * m - 80 * u, 1400 * u);
    struct element *e = place_text(&c, 0, &(struct text_spec){
        .role = "message", .text = message, .x = (w - bw) / 2, .y = top, .w = bw,
        .h = h - top - m - 40 * u, .min_px = 24 * u, .max_px = 44 * u, .weight = EL_REGULAR,
        .color = th->text, .align = ALIGN_LEFT, .line_height = 1.6});
    (void)e;
    c.pl = NULL;
    return c.sl;
}

void layout_free(struct slide_layout *l)
{
    if (!l)
        return;
    /* A body's tl_result is shared by its elements on every page: free each result once. */
    struct tl_result **seen = NULL;
    size_t nseen = 0, cap = 0;
    for (int p = 0; p < l->npages; p++) {
        struct page_layout *pg = &l->pages[p];
        for (size_t i = 0; i < pg->n; i++) {
            struct element *e = &pg->els[i];
            for (size_t k = 0; k < e->nlines; k++)
                free(e->lines[k].text), free(e->lines[k].adv);
            free(e->lines);
            if (e->tl) {
                bool dup = false;
                for (size_t k = 0; k < nseen; k++)
                    dup |= seen[k] == e->tl;
                if (!dup) {
                    if (nseen == cap)
                        seen = xrealloc(seen, (cap = cap ? cap * 2 : 16) * sizeof *seen);
                    seen[nseen++] = e->tl;
                }
            }
        }
        free(pg->els);
    }
    for (size_t k = 0; k < nseen; k++)
        tl_result_free(seen[k]);
    free(seen);
    free(l->pages);
    free(l);
}

void layout_fit_rect(int iw, int ih, double bw, double bh, enum fit_mode fit, double fx,
                     double fy, double src[4], double dst[4])
{
    double ia = (double)iw / ih, ba = bw / bh;
    if (fit == FIT_CONTAIN) {
        src[0] = 0, src[1] = 0, src[2] = iw, src[3] = ih;
        double w = ia > ba ? bw : bh * ia, h = ia > ba ? bw / ia : bh;
        dst[0] = (bw - w) / 2, dst[1] = (bh - h) / 2, dst[2] = w, dst[3] = h;
        return;
    }
    double sw = ia > ba ? ih * ba : iw, sh = ia > ba ? ih : iw / ba;
    double sx = fx * iw - sw / 2, sy = fy * ih - sh / 2;
    sx = fmax(0, fmin(sx, iw - sw));
    sy = fmax(0, fmin(sy, ih - sh));
    src[0] = sx, src[1] = sy, src[2] = sw, src[3] = sh;
    dst[0] = 0, dst[1] = 0, dst[2] = bw, dst[3] = bh;
}

void layout_page_json(const struct slide_layout *l, int page, const char *playlist, int slide,
                      const char *type, const char *png, struct strbuf *o)
{
    const struct page_layout *pg = &l->pages[page];
    sb_puts(o, "{\"playlist\":");
    sb_json_str(o, playlist);
    sb_printf(o, ",\"slide\":%d,\"page\":%d,\"pages\":%d,\"type\":", slide, page + 1, l->npages);
    sb_json_str(o, type);
    sb_puts(o, ",\"png\":");
    sb_json_str(o, png);
    sb_printf(o, ",\"warning\":%s", pg->warning ? "true" : "false");
    if (pg->warning) {
        sb_puts(o, ",\"warning_text\":");
        sb_json_str(o, pg->warn_text);
    }
    sb_puts(o, ",\"elements\":[");
    bool first = true;
    for (size_t i = 0; i < pg->n; i++) {
        const struct element *e = &pg->els[i];
        if (e->kind == EL_RECT)
            continue; /* decoration: not content */
        if (!first)
            sb_puts(o, ",");
        first = false;
        sb_puts(o, "{\"role\":");
        sb_json_str(o, e->role);
        sb_printf(o, ",\"kind\":\"%s\",\"x\":%.0f,\"y\":%.0f,\"w\":%.0f,\"h\":%.0f",
                  e->kind == EL_TEXT ? "text" : "image", e->x, e->y, e->w, e->h);
        if (e->kind == EL_TEXT) {
            sb_printf(o, ",\"font_px\":%.0f,\"bold\":%s,\"min_size\":%s,\"lines\":[", e->tl->px,
                      e->weight == EL_BOLD ? "true" : "false",
                      e->warn_min_size ? "true" : "false");
            for (size_t k = 0; k < e->nlines; k++) {
                const struct el_line *ln = &e->lines[k];
                sb_puts(o, k ? ",{\"text\":" : "{\"text\":");
                sb_json_str(o, ln->text);
                sb_printf(o, ",\"x\":%.0f,\"y\":%.0f,\"w\":%.0f,\"h\":%.0f,\"para\":%d,\"advances\":[",
                          ln->x, ln->y, ln->w, ln->h, ln->para);
                for (size_t a = 0; a < ln->nadv; a++)
                    sb_printf(o, a ? ",%.1f" : "%.1f", ln->adv[a]);
                sb_puts(o, "]}");
            }
            sb_puts(o, "]");
        } else {
            sb_puts(o, ",\"src\":");
            if (e->src)
                sb_json_str(o, e->src);
            else
                sb_puts(o, "null");
            sb_printf(o, ",\"placeholder\":%s,\"fit\":\"%s\"", e->resolved ? "false" : "true",
                      e->fit == FIT_COVER ? "cover" : "contain");
            if (e->resolved && e->img_w > 0 && e->img_h > 0) {
                double src[4], dst[4];
                layout_fit_rect(e->img_w, e->img_h, e->w, e->h, e->fit, e->focus_x, e->focus_y,
                                src, dst);
                sb_printf(o, ",\"image_w\":%d,\"image_h\":%d,\"crop\":[%.1f,%.1f,%.1f,%.1f],"
                             "\"dest\":[%.1f,%.1f,%.1f,%.1f]",
                          e->img_w, e->img_h, src[0], src[1], src[2], src[3], e->x + dst[0],
                          e->y + dst[1], dst[2], dst[3]);
            }
        }
        sb_puts(o, "}");
    }
    sb_puts(o, "]}");
}
