/* layout_strip.c - the designs for door-top LED strips (6:1 and wider, or under 200 px tall:
 * 1536x192, 1920x240, 512x64): one band of content inside the frame, read left to right. A
 * story is its photo, name and honour, then its text page by page; a text is its title, then
 * its body page by page; a roll shows as many people a page as fit side by side (pages
 * balanced); a photo fits the strip's height with its caption beside it.
 *
 * Sizes are fractions of the band's height, never under PLACE_MIN_PX. What does not fit the
 * height at that floor is left out, last item first, and the page says so (its warning is what
 * `check --size` prints). layout.c picks these designs on a strip. */
#include "page/layout_strip.h"
#include "page/layout_running.h"
#include "base/i18n.h"
#include "page/policy.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The band content sits in, and its sizes. */
struct band {
    double x0, x1, y0, h; /* left, right, top, height */
    double gap;
    double big, mid, small, body; /* names, honours and titles, units, running text */
};

static struct band band_of(const struct place_ctx *c)
{
    struct band b = {.x0 = c->m, .x1 = c->W - c->m, .y0 = c->m, .h = c->H - 2 * c->m};
    b.gap = fmax(8, round(b.h * 0.12));
    b.big = fmax(PLACE_MIN_PX, b.h * 0.34);
    b.mid = fmax(PLACE_MIN_PX, b.h * 0.22);
    b.small = fmax(PLACE_MIN_PX, b.h * 0.16);
    b.body = fmax(PLACE_MIN_PX, b.h * 0.25);
    return b;
}

/* One text of a column: its spec (x, y, w, h are filled in here) and its name in the page's
 * warning when it is left out. */
struct item {
    struct place_spec spec;
    const char *label;
};

static bool empty(const char *s)
{
    return !s || !*s;
}

/* The widest of the items, each on one line at its size (at most cap). */
static double column_w(struct place_ctx *c, const struct item *it, size_t n, double cap)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w = fmax(w, place_text_w(c, it[i].spec.text, it[i].spec.max_px, it[i].spec.weight));
    return fmin(ceil(w) + 2, cap);
}

/* Heights of the items in a column w wide; items that do not fit the band's height are left
 * out from the last. Returns how many stay; *total their height. */
static size_t column_fit(struct place_ctx *c, const struct band *b, struct item *it, size_t n,
                         double w, double hs[], double *total)
{
    for (;; n--) {
        *total = 0;
        for (size_t i = 0; i < n; i++) {
            it[i].spec.w = w;
            it[i].spec.h = ceil(it[i].spec.max_px * 1.25);
            it[i].spec.min_px = PLACE_MIN_PX;
            it[i].spec.line_height = 1.25;
            double px;
            place_measure(c, &it[i].spec, &px, &hs[i]);
            *total += hs[i];
        }
        if (*total <= b->h || n == 0)
            return n;
    }
}

/* Says on page pg which items (from kept on) this shape leaves out. */
static void warn_left_out(struct place_ctx *c, int pg, const struct item *it, size_t kept, size_t n)
{
    for (size_t i = kept; i < n; i++)
        if (!empty(it[i].spec.text)) {
            char msg[160];
            snprintf(msg, sizeof msg, _("%s left out: it does not fit this screen's height"),
                     it[i].label);
            place_warn(place_page(c, pg), msg);
        }
}

/* The items stacked in a column at x, w wide, centred in the band's height. */
static void column(struct place_ctx *c, int pg, const struct band *b, double x, double w,
                   struct item *it, size_t n)
{
    double hs[8], total;
    size_t kept = column_fit(c, b, it, n < 8 ? n : 8, w, hs, &total);
    double y = b->y0 + fmax(0, (b->h - total) / 2);
    for (size_t i = 0; i < kept; i++) {
        if (empty(it[i].spec.text))
            continue;
        it[i].spec.x = x, it[i].spec.y = y, it[i].spec.h = fmin(hs[i], b->y0 + b->h - y);
        place_shrink(place_text(c, pg, &it[i].spec));
        y += hs[i];
    }
    warn_left_out(c, pg, it, kept, n);
}

/* Room the page number takes at the band's right end. */
static double page_number_w(struct place_ctx *c, const struct band *b)
{
    return ceil(place_text_w(c, "88/88", b->small, EL_BOLD)) + 4;
}

static void page_number(struct place_ctx *c, int pg, int npages, const struct band *b)
{
    if (npages < 2)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%d/%d", pg + 1, npages);
    double w = page_number_w(c, b), h = ceil(b->small * 1.3);
    place_text(c, pg,
               &(struct place_spec){.role = "page",
                                    .text = buf,
                                    .x = b->x1 - w,
                                    .y = b->y0 + b->h - h,
                                    .w = w,
                                    .h = h,
                                    .min_px = b->small,
                                    .max_px = b->small,
                                    .weight = EL_BOLD,
                                    .color = c->th->accent,
                                    .align = ALIGN_RIGHT,
                                    .line_height = 1.3});
}

/* A thin accent line between two parts of the band. */
static void divider(struct place_ctx *c, int pg, const struct band *b, double x)
{
    place_add(place_page(c, pg), (struct element){.role = "divider",
                                                  .kind = EL_RECT,
                                                  .x = x,
                                                  .y = b->y0,
                                                  .w = fmax(1, round(b->h / 90)),
                                                  .h = b->h,
                                                  .fill = place_alpha(c->th->accent, 110)});
}

/* A text over as many pages as it needs in the box at x, w wide, the band's height: each page
 * of the result is drawn by place_body(). */
static struct tl_result *running_text(struct place_ctx *c, const struct band *b, const char *text,
                                      double w, enum text_align align, bool indent)
{
    struct tl_result *r = place_fit_body(c, text, w, b->h, b->body, b->body, align, indent ? 2 : 0);
    r->at_min_size = false; /* one size by design: pages are how a strip reads, not a squeeze */
    return r;
}

/* ---- story ------------------------------------------------------------------------------ */

/* A story's text longer than one page on a strip: one page, its photo and column, then its
 * text running through the rest of the band as 走字 (layout_running.c); r (the paged text) is
 * let go. False when it would not run (nothing placed). */
static bool story_runs(struct place_ctx *c, const struct slide *s, const struct band *b,
                       struct item *it, size_t n, double pw, double colx, double colw,
                       struct tl_result *r)
{
    double tx = colx + colw + b->gap, tw = b->x1 - tx;
    place_chrome(c, 0);
    if (!layout_running_in(c, 0, "body", s->text, RUNNING_STORY_CPS, tx, b->y0, tw, b->h,
                           c->th->text)) {
        layout_free(c->sl); /* start again: the caller pages it */
        c->sl = xcalloc(1, sizeof *c->sl);
        c->sl->w = (int)c->W, c->sl->h = (int)c->H, c->sl->portrait = c->portrait;
        c->sl->accent = c->th->accent;
        return false;
    }
    tl_result_free(r);
    if (pw > 0)
        place_photo(c, 0, "photo", &s->photo, s->focus_x, s->focus_y, b->x0, b->y0, pw, b->h);
    column(c, 0, b, colx, colw, it, n);
    divider(c, 0, b, colx + colw + b->gap / 2);
    if (!empty(s->title))
        warn_left_out(c, 0, &(struct item){{.text = s->title}, _("title")}, 0, 1);
    return true;
}

void layout_strip_story(struct place_ctx *c, const struct slide *s)
{
    struct band b = band_of(c);
    struct color muted = place_mix(c->th->text, c->th->background, 0.2);
    struct item it[] = {
        {{.role = "name",
          .text = s->name,
          .max_px = b.big,
          .weight = EL_BOLD,
          .color = c->th->text,
          .align = ALIGN_CENTER},
         _("name")},
        {{.role = "honor",
          .text = s->honor,
          .max_px = b.mid,
          .weight = EL_BOLD,
          .color = c->th->accent,
          .align = ALIGN_CENTER},
         _("honour")},
        {{.role = "unit",
          .text = s->unit,
          .max_px = b.small,
          .weight = EL_REGULAR,
          .color = muted,
          .align = ALIGN_CENTER},
         _("unit")},
    };
    size_t n = sizeof it / sizeof *it;
    double pw = s->photo.path ? round(b.h * 0.75) : 0;
    double colx = b.x0 + (pw > 0 ? pw + b.gap : 0);
    double colw = column_w(c, it, n, (b.x1 - b.x0) * 0.3);
    double tx = colx + colw + b.gap, tw = b.x1 - page_number_w(c, &b) - b.gap - tx;
    struct tl_result *r = running_text(c, &b, s->text, tw, s->align, !s->lines);
    if (r->npages > 1 && story_runs(c, s, &b, it, n, pw, colx, colw, r))
        return; /* 走字: longer than a page, its text runs through the band */
    int pages = r->npages > 0 ? r->npages : 1;
    for (int pg = 0; pg < pages; pg++) {
        place_chrome(c, pg);
        if (pw > 0)
            place_photo(c, pg, "photo", &s->photo, s->focus_x, s->focus_y, b.x0, b.y0, pw, b.h);
        column(c, pg, &b, colx, colw, it, n);
        divider(c, pg, &b, colx + colw + b.gap / 2);
        place_body(c, pg, r, tx, b.y0, tw, b.h);
        page_number(c, pg, pages, &b);
        if (!empty(s->title))
            warn_left_out(c, pg, &(struct item){{.text = s->title}, _("title")}, 0, 1);
    }
}

/* ---- text ------------------------------------------------------------------------------- */

/* A title (and subtitle) in a column, then body over pages: text slides and notices. */
static void titled_text(struct place_ctx *c, const struct slide *s, const char *body,
                        const char *subtitle)
{
    struct band b = band_of(c);
    struct item it[] = {
        {{.role = "title",
          .text = s->title,
          .max_px = b.big,
          .weight = EL_BOLD,
          .color = c->th->accent,
          .align = ALIGN_CENTER},
         _("title")},
        {{.role = "subtitle",
          .text = subtitle,
          .max_px = b.small,
          .weight = EL_REGULAR,
          .color = place_mix(c->th->text, c->th->background, 0.15),
          .align = ALIGN_CENTER},
         _("subtitle")},
    };
    size_t n = empty(s->title) ? 0 : 2;
    double colw = n ? column_w(c, it, n, (b.x1 - b.x0) * 0.3) : 0, hs[2], total;
    /* a title too long for its column at the floor opens the running text instead */
    bool merged = n && column_fit(c, &b, it, 1, colw, hs, &total) == 0;
    char *text = merged ? xasprintf("%s\n%s", s->title, body ? body : "") : NULL;
    if (merged)
        n = 0;
    double tx = b.x0 + (n ? colw + b.gap : 0), tw = b.x1 - page_number_w(c, &b) - b.gap - tx;
    struct tl_result *r = running_text(c, &b, text ? text : body, tw, s->align, !s->lines);
    free(text);
    int pages = r->npages > 0 ? r->npages : 1;
    for (int pg = 0; pg < pages; pg++) {
        place_chrome(c, pg);
        if (n) {
            column(c, pg, &b, b.x0, colw, it, n);
            divider(c, pg, &b, tx - b.gap / 2);
        }
        place_body(c, pg, r, tx, b.y0, tw, b.h);
        page_number(c, pg, pages, &b);
    }
}

void layout_strip_text(struct place_ctx *c, const struct slide *s)
{
    titled_text(c, s, s->text, s->subtitle);
}

/* A notice on a strip: its title (and 文号) in the column, then salutation, body, attachments,
 * 落款 and date as one running text. */
void layout_strip_notice(struct place_ctx *c, const struct slide *s)
{
    struct strbuf b = {0};
    if (!empty(s->to))
        sb_printf(&b, "%s\n", s->to);
    sb_puts(&b, s->text ? s->text : "");
    for (size_t i = 0; i < s->nattachments; i++)
        sb_printf(&b, i ? "\n%zu．%s" : "\n附件：%zu．%s", i + 1, s->attachments[i]);
    if (!empty(s->sign) || !empty(s->date))
        sb_printf(&b, "\n%s　%s", empty(s->sign) ? "" : s->sign, empty(s->date) ? "" : s->date);
    titled_text(c, s, b.s, s->number);
    sb_free(&b);
}

/* A couplet on a strip: no height for its columns, so the 横批 stands in the column and the two
 * lines run side by side, 上联 first as it is read. */
void layout_strip_couplet(struct place_ctx *c, const struct slide *s)
{
    struct slide t = *s;
    t.title = s->top;
    t.align = ALIGN_CENTER;
    t.lines = true; /* as written: no paragraph indent */
    char *body = xasprintf("%s　%s", s->first ? s->first : "", s->second ? s->second : "");
    titled_text(c, &t, body, NULL);
    free(body);
}

/* ---- roll ------------------------------------------------------------------------------- */

void layout_strip_roll(struct place_ctx *c, const struct slide *s)
{
    struct band b = band_of(c);
    size_t n = s->npeople;
    struct color muted = place_mix(c->th->text, c->th->background, 0.2);
    /* one column width and one name size for every person of the roll */
    double pw = round(b.h * 0.75), colw = 0;
    for (size_t i = 0; i < n; i++) {
        const struct person *p = &s->people[i];
        struct item one[] = {
            {{.text = p->name, .max_px = b.big, .weight = EL_BOLD}, NULL},
            {{.text = p->honor, .max_px = b.mid, .weight = EL_BOLD}, NULL},
            {{.text = p->unit, .max_px = b.small, .weight = EL_REGULAR}, NULL},
        };
        colw = fmax(colw, column_w(c, one, 3, (b.x1 - b.x0) * 0.3));
    }
    double name_px = b.big;
    for (size_t i = 0; i < n; i++) {
        double px, used;
        place_measure(c,
                      &(struct place_spec){.text = s->people[i].name,
                                           .w = colw,
                                           .h = ceil(b.big * 1.25),
                                           .min_px = PLACE_MIN_PX,
                                           .max_px = b.big,
                                           .weight = EL_BOLD,
                                           .line_height = 1.25},
                      &px, &used);
        if (px > 0)
            name_px = fmin(name_px, px);
    }
    double cellw = pw + b.gap + colw, cgap = b.gap * 2;
    /* the roll's title heads the band when there is room for it and two people besides */
    struct item title[] = {{{.role = "title",
                             .text = s->title,
                             .max_px = b.mid,
                             .weight = EL_BOLD,
                             .color = c->th->accent,
                             .align = ALIGN_CENTER},
                            _("title")}};
    double titlew = empty(s->title) ? 0 : column_w(c, title, 1, (b.x1 - b.x0) * 0.2);
    double pnw = page_number_w(c, &b);
    double ax = b.x0, aw = b.x1 - pnw - b.gap - b.x0;
    bool with_title = titlew > 0 && aw - titlew - cgap >= 2 * cellw + cgap;
    if (with_title)
        ax += titlew + cgap, aw -= titlew + cgap;
    size_t per = (size_t)fmax(1, floor((aw + cgap) / (cellw + cgap)));
    size_t npages = n ? (n + per - 1) / per : 1;
    /* balanced: the first n % npages pages hold one more (5 by 4: 3 + 2; 25 by 8: 7 + 6 + 6 + 6) */
    size_t base = n / npages, rem = n % npages;
    for (size_t pg = 0; pg < npages; pg++) {
        place_chrome(c, (int)pg);
        if (with_title) {
            column(c, (int)pg, &b, b.x0, titlew, title, 1);
            divider(c, (int)pg, &b, ax - cgap / 2);
        } else if (titlew > 0) {
            warn_left_out(c, (int)pg, title, 0, 1);
        }
        size_t first = pg * base + (pg < rem ? pg : rem), last = first + base + (pg < rem);
        size_t k = last - first;
        double used = cellw * (double)k + cgap * (double)(k ? k - 1 : 0);
        double x = ax + (aw - used) / 2;
        for (size_t i = first; i < last; i++, x += cellw + cgap) {
            const struct person *p = &s->people[i];
            place_photo(c, (int)pg, "person-photo", &p->photo, p->focus_x, p->focus_y, x, b.y0, pw,
                        b.h);
            const char *hon = !empty(p->honor) ? p->honor : p->unit;
            struct item it[] = {
                {{.role = "person-name",
                  .text = p->name,
                  .max_px = name_px,
                  .weight = EL_BOLD,
                  .color = c->th->text,
                  .align = ALIGN_LEFT},
                 _("name")},
                {{.role = "person-honor",
                  .text = hon,
                  .max_px = b.mid,
                  .weight = EL_BOLD,
                  .color = c->th->accent,
                  .align = ALIGN_LEFT},
                 _("honour")},
                {{.role = "person-unit",
                  .text = hon == p->honor ? p->unit : NULL,
                  .max_px = b.small,
                  .weight = EL_REGULAR,
                  .color = muted,
                  .align = ALIGN_LEFT},
                 _("unit")},
            };
            column(c, (int)pg, &b, x + pw + b.gap, colw, it, 3);
        }
        page_number(c, (int)pg, (int)npages, &b);
    }
}

void layout_strip_wall(struct place_ctx *c, const struct slide *s)
{
    layout_strip_roll(c, s);
}

/* ---- photo and video -------------------------------------------------------------------- */

/* The picture fits the strip's height (a strip crops a photo to a sliver otherwise): alone, it
 * is centred over a blurred copy of itself; with a title or caption it stands at the left and
 * they stand beside it (the caption over pages when it is long). A clip's box is never
 * covered, so the frame loop can paste its frames there. */
void layout_strip_photo(struct place_ctx *c, const struct slide *s)
{
    struct band b = band_of(c);
    double W = c->W, H = c->H;
    struct place_picture pic = place_picture_of(c, s);
    bool video = pic.video, present = pic.present;
    int iw = pic.w, ih = pic.h;
    bool words = !empty(s->title) || !empty(s->caption);
    double aspect = present && iw > 0 && ih > 0 ? (double)iw / ih : video ? 16.0 / 9 : 4.0 / 3;
    double pw = words ? fmin(round(H * aspect), round(W * 0.45)) : W;
    /* the caption, over pages when it does not fit beside the picture at the floor */
    double tx = pw + b.gap, tw = b.x1 - page_number_w(c, &b) - b.gap - tx;
    struct item it[] = {
        {{.role = "title",
          .text = s->title,
          .max_px = b.mid,
          .weight = EL_BOLD,
          .color = c->th->accent,
          .align = ALIGN_CENTER},
         _("title")},
        {{.role = "caption",
          .text = s->caption,
          .max_px = b.mid,
          .weight = EL_BOLD,
          .color = c->th->text,
          .align = ALIGN_CENTER},
         _("caption")},
    };
    double hs[2], total = 0;
    bool paged = false;
    size_t first = 0; /* the title gives way to the caption when both do not fit */
    if (words && column_fit(c, &b, it, 2, tw, hs, &total) < 2 && !empty(s->caption)) {
        first = 1;
        paged = column_fit(c, &b, it + 1, 1, tw, hs, &total) < 1;
    }
    struct tl_result *r = paged ? running_text(c, &b, s->caption, tw, ALIGN_LEFT, false) : NULL;
    int pages = r && r->npages > 0 ? r->npages : 1;
    for (int pg = 0; pg < pages; pg++) {
        struct page_layout *page = place_page(c, pg);
        place_add(page, (struct element){.role = "background",
                                         .kind = EL_RECT,
                                         .x = 0,
                                         .y = 0,
                                         .w = W,
                                         .h = H,
                                         .backdrop = true,
                                         .fill = place_mix(c->th->background,
                                                           (struct color){0, 0, 0, 255}, 0.5)});
        place_picture_add(c, pg, s, &pic, 0, 0, pw, H, FIT_CONTAIN);
        page = place_page(c, pg);
        if (!words)
            continue;
        if (paged) {
            place_body(c, pg, r, tx, b.y0, tw, b.h);
            page_number(c, pg, pages, &b);
        } else {
            column(c, pg, &b, tx, tw, it + first, 2 - first);
        }
        if (first)
            warn_left_out(c, pg, it, 0, 1);
    }
    if (!r)
        return;
    for (int pg = 0; pg < pages; pg++) /* the caption's pages read as a caption */
        for (size_t i = 0; i < c->sl->pages[pg].n; i++)
            if (strcmp(c->sl->pages[pg].els[i].role, "body") == 0)
                c->sl->pages[pg].els[i].role = "caption";
}

void layout_strip_video(struct place_ctx *c, const struct slide *s)
{
    layout_strip_photo(c, s);
}

/* ---- message cards ---------------------------------------------------------------------- */

void layout_strip_card(struct place_ctx *c, const char *message)
{
    struct band b = band_of(c);
    double w = b.x1 - page_number_w(c, &b) - b.gap - b.x0;
    struct tl_result *r =
        place_fit_body(c, message, w, b.h, PLACE_MIN_PX, b.h * 0.3, ALIGN_LEFT, 0);
    r->at_min_size = false;
    int pages = r->npages > 0 ? r->npages : 1;
    for (int pg = 0; pg < pages; pg++) {
        place_chrome(c, pg);
        place_body(c, pg, r, b.x0, b.y0, w, b.h);
        page_number(c, pg, pages, &b);
        struct page_layout *p = place_page(c, pg);
        for (size_t i = 0; i < p->n; i++)
            if (strcmp(p->els[i].role, "body") == 0)
                p->els[i].role = "message";
    }
}
