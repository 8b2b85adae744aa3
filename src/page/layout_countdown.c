/* layout_countdown.c - the cards of the day. A countdown says 距“春节”还有 N 天 with the number
 * large in the accent colour, the day counted to under it, and an optional line of text; on
 * the day itself 今天就是“春节”, after it “春节”已过去 N 天. A calendar shows today: the year
 * and month, the day of the month large, the weekday, the 农历 date (lunar: true) and an
 * optional title and line of text.
 *
 * Both are pieces of text at sizes in proportion to each other: on a page they stand in rows,
 * centred; on a strip they stand side by side in columns across the band. The whole is scaled
 * down together until it fits, never under PLACE_MIN_PX; what still does not fit is left out,
 * last piece first, and the page says so. */
#include "page/layout_countdown.h"
#include "base/i18n.h"
#include "base/schedule.h"
#include "base/util.h"
#include "text/textlayout.h"
#include "text/zhdate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PIECES 8
#define LINE 1.25

/* A piece of text: its size is in the design's units (rows: parts of the screen's unit; strip:
 * parts of the band's height); group: pieces of one group stand together (side by side in a
 * row; stacked in a strip's column). */
struct piece {
    const char *role;
    char text[200];
    double size;
    enum el_weight weight;
    bool accent, muted;
    int group;
    bool optional; /* may be left out on a small screen */
    int lines;     /* > 1: set in that many balanced lines (a long headline on a page) */
};

struct pieces {
    struct piece p[MAX_PIECES];
    size_t n;
};

/* text into dst[cap] by whole characters; a text too long ends in "…" (never half a character) */
static void copy_whole(char *dst, size_t cap, const char *text)
{
    size_t n = strlen(text);
    if (n < cap) {
        memcpy(dst, text, n + 1);
        return;
    }
    n = cap - 4; /* room for "…" (3 bytes) and the NUL */
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) /* not inside a character */
        n--;
    memcpy(dst, text, n);
    memcpy(dst + n, "…", 4);
}

static void add(struct pieces *ps, const char *role, const char *text, double size, bool bold,
                int group, bool optional)
{
    if (!text || !*text || ps->n == MAX_PIECES)
        return;
    struct piece *p = &ps->p[ps->n++];
    *p = (struct piece){.role = role,
                        .size = size,
                        .weight = bold ? EL_BOLD : EL_REGULAR,
                        .group = group,
                        .optional = optional};
    copy_whole(p->text, sizeof p->text, text);
}

static struct color color_of(const struct place_ctx *c, const struct piece *p)
{
    return p->accent  ? c->th->accent
           : p->muted ? place_mix(c->th->text, c->th->background, 0.25)
                      : c->th->text;
}

/* The box a piece takes at px: its advances and room for the gaps the typesetter puts between
 * Han and Latin (2027年2月); in p->lines balanced lines (centred text is balanced), the width
 * they are set in. */
static void piece_box(struct place_ctx *c, const struct piece *p, double px, double *w, double *h)
{
    struct tl_params tp = tl_default_params();
    tp.line_height = LINE;
    tp.align = ALIGN_CENTER;
    const struct tl_measure *m = &c->env->measure[p->weight];
    struct tl_result *r = tl_layout(p->text, px, 1e6, 0, &tp, m);
    double one = 0;
    for (size_t i = 0; i < r->nlines; i++)
        one = fmax(one, r->lines[i].width);
    size_t n = r->nlines ? r->nlines : 1;
    tl_result_free(r);
    *w = ceil(one) + 2;
    if (p->lines > 1) { /* a little over an equal share: the break falls between words */
        *w = ceil(one / p->lines * 1.15 + px);
        r = tl_layout(p->text, px, *w, 0, &tp, m);
        n = r->nlines ? r->nlines : 1;
        tl_result_free(r);
    }
    *h = ceil(px * LINE) * (double)n;
}

static double piece_w(struct place_ctx *c, const struct piece *p, double px)
{
    double w, h;
    piece_box(c, p, px, &w, &h);
    return w;
}

/* Width and height of group g at scale k (px = size * k, never under the floor): in a row the
 * pieces side by side, in a column stacked. */
static void group_size(struct place_ctx *c, const struct pieces *ps, int g, double k, bool row,
                       double *w, double *h)
{
    *w = 0, *h = 0;
    for (size_t i = 0; i < ps->n; i++) {
        if (ps->p[i].group != g)
            continue;
        double px = fmax(PLACE_MIN_PX, floor(ps->p[i].size * k)), pw, ph;
        piece_box(c, &ps->p[i], px, &pw, &ph);
        *w = row ? *w + pw : fmax(*w, pw);
        *h = row ? fmax(*h, ph) : *h + ph;
    }
}

static int ngroups(const struct pieces *ps)
{
    int g = -1;
    for (size_t i = 0; i < ps->n; i++)
        g = ps->p[i].group > g ? ps->p[i].group : g;
    return g + 1;
}

/* The whole at scale k: rows stacked (row) or columns side by side (!row), with gaps. */
static void whole_size(struct place_ctx *c, const struct pieces *ps, double k, bool row, double gap,
                       double *w, double *h)
{
    *w = 0, *h = 0;
    for (int g = 0; g < ngroups(ps); g++) {
        double gw, gh;
        group_size(c, ps, g, k, row, &gw, &gh);
        if (gw <= 0)
            continue;
        if (row)
            *w = fmax(*w, gw), *h += gh + (*h > 0 ? gap : 0);
        else
            *h = fmax(*h, gh), *w += gw + (*w > 0 ? gap : 0);
    }
}

/* The widest piece at scale k a character shorter, ending in "…" (a title too long for the
 * screen even at 16 px); false when none can be. */
static bool cut_longest(struct place_ctx *c, struct pieces *ps, double k)
{
    size_t best = ps->n;
    double widest = 0;
    for (size_t i = 0; i < ps->n; i++) {
        double w = piece_w(c, &ps->p[i], fmax(PLACE_MIN_PX, floor(ps->p[i].size * k)));
        if (utf8_count(ps->p[i].text) > 3 && w > widest)
            widest = w, best = i;
    }
    if (best == ps->n)
        return false;
    char *t = ps->p[best].text;
    size_t n = strlen(t);
    bool had = n >= 3 && strcmp(t + n - 3, "…") == 0; /* "…" is 3 bytes */
    if (had)
        t[n -= 3] = '\0';
    while (n > 0 && ((unsigned char)t[n - 1] & 0xC0) == 0x80) /* the last character's */
        n--;
    if (n > 0)
        n--;
    snprintf(t + n, sizeof ps->p[best].text - n, "…");
    if (!had)
        place_warn(place_page(c, 0), _("text too long for its box: cut with an ellipsis"));
    return true;
}

/* Places the pieces centred in the box x, y, w, h on page 0: as rows (a page) or as columns (a
 * strip), scaled together to fit; optional pieces left out from the last while they do not. */
/* The scale the pieces fit w x h at (grown to fill a page, never past 1.4), and their size. */
static double fit_scale(struct place_ctx *c, const struct pieces *ps, double w, double h, bool row,
                        double gap, double *ww, double *wh)
{
    whole_size(c, ps, 1, row, gap, ww, wh);
    double k = fmin(row ? 1.4 : 1, fmin(w / fmax(*ww, 1), h / fmax(*wh, 1)));
    for (int i = 0; i < 40; i++) { /* the floor makes the sizes uneven: settle on a scale */
        whole_size(c, ps, k, row, gap, ww, wh);
        if (*ww <= w && *wh <= h)
            break;
        k *= 0.95;
    }
    return k;
}

/* A page's headline long enough to set everything small on one line (今天就是“2027年全省……公布”)
 * is set in two to five balanced lines (a portrait screen has the height for them) when that makes
 * the whole a good deal larger. */
static void wrap_headline(struct place_ctx *c, struct pieces *ps, double w, double h, double gap)
{
    struct piece *head = &ps->p[0];
    if (ps->n == 0 || utf8_count(head->text) < 10)
        return;
    double ww, wh, best = fit_scale(c, ps, w, h, true, gap, &ww, &wh);
    int lines = 1;
    for (int l = 2; l <= 5; l++) {
        head->lines = l;
        double k = fit_scale(c, ps, w, h, true, gap, &ww, &wh);
        if (k > best * 1.15)
            best = k, lines = l;
    }
    head->lines = lines;
}

static void place_pieces(struct place_ctx *c, struct pieces *ps, double x, double y, double w,
                         double h, bool row, double gap)
{
    double k = 1, ww, wh;
    if (row)
        wrap_headline(c, ps, w, h, gap);
    for (;;) {
        k = fit_scale(c, ps, w, h, row, gap, &ww, &wh);
        if (ww <= w + 0.5 && wh <= h + 0.5)
            break;
        size_t drop = ps->n;
        while (drop > 0 && !ps->p[drop - 1].optional)
            drop--;
        if (drop == 0) { /* nothing left to leave out: the longest line is cut, with … */
            if (!cut_longest(c, ps, k))
                break;
            continue;
        }
        place_warn(place_page(c, 0), _("a line of the card left out: it does not fit this screen"));
        memmove(&ps->p[drop - 1], &ps->p[drop], (ps->n - drop) * sizeof *ps->p);
        ps->n--;
    }
    double cy = y + fmax(0, (h - wh) / 2), cx = x + fmax(0, (w - ww) / 2);
    for (int g = 0; g < ngroups(ps); g++) {
        double gw, gh;
        group_size(c, ps, g, k, row, &gw, &gh);
        if (gw <= 0)
            continue;
        double px0 = row ? x + (w - gw) / 2 : cx, py0 = row ? cy : y + (h - gh) / 2;
        for (size_t i = 0; i < ps->n; i++) {
            const struct piece *p = &ps->p[i];
            if (p->group != g)
                continue;
            double px = fmax(PLACE_MIN_PX, floor(p->size * k)), pw, ph;
            piece_box(c, p, px, &pw, &ph);
            pw = fmin(pw, w);
            /* in a row the pieces stand on one base line (the bottom of the tallest) */
            double ty = row ? py0 + gh - ph : py0;
            double tx = row ? px0 : px0 + (gw - pw) / 2;
            place_text(c, 0,
                       &(struct place_spec){.role = p->role,
                                            .text = p->text,
                                            .x = tx,
                                            .y = ty,
                                            .w = pw,
                                            .h = ph,
                                            .min_px = px,
                                            .max_px = px,
                                            .weight = p->weight,
                                            .color = color_of(c, p),
                                            .align = ALIGN_CENTER,
                                            .line_height = LINE});
            if (row)
                px0 += pw;
            else
                py0 += ph;
        }
        if (row)
            cy += gh + gap;
        else
            cx += gw + gap;
    }
}

/* The box under the header (a page) or the band (a strip) the pieces go in. */
static void lay(struct place_ctx *c, struct pieces *ps)
{
    bool strip = c->shape == PLACE_STRIP;
    double top = place_chrome(c, 0), m = c->m, u = c->u;
    const struct design_cards *d = &c->dm->cards;
    if (strip) {
        place_pieces(c, ps, m, m, c->W - 2 * m, c->H - 2 * m, false,
                     fmax(8, round((c->H - 2 * m) * d->strip_gap)));
        return;
    }
    double y = top + d->pad[0] * u, bottom = c->H - m - d->pad[0] * u;
    place_pieces(c, ps, m + d->pad[1] * u, y, c->W - 2 * m - 2 * d->pad[1] * u, bottom - y, true,
                 fmax(4, d->gap * u));
}

/* Marks the pieces by role: the number in the accent, the day's words muted. */
static void tint(struct pieces *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        ps->p[i].accent =
            strcmp(ps->p[i].role, "number") == 0 || strcmp(ps->p[i].role, "title") == 0;
        ps->p[i].muted = strcmp(ps->p[i].role, "date") == 0 || strcmp(ps->p[i].role, "lunar") == 0;
    }
}

static void countdown(struct place_ctx *c, const struct slide *s, bool strip)
{
    int today = zhdate_local(schedule_now());
    long n = s->target ? zhdate_days_between(today, s->target) : 0;
    char head[1024], num[32], day[64], date[96], lunar[96] = "";
    /* the title goes inside the card's “”: quotation marks in it become the inner ‘’ */
    char title[600];
    copy_whole(title, sizeof title, s->title ? s->title : "");
    for (char *q = title; (q = strstr(q, "\xE2\x80")) != NULL; q += 3)
        if ((unsigned char)q[2] == 0x9C || (unsigned char)q[2] == 0x9D) /* “ ” -> ‘ ’ */
            q[2] = (char)((unsigned char)q[2] - 4);
    if (n > 0)
        snprintf(head, sizeof head, "距“%s”还有", title);
    else if (n == 0)
        snprintf(head, sizeof head, "今天就是“%s”", title);
    else
        snprintf(head, sizeof head, "“%s”已过去", title);
    snprintf(num, sizeof num, "%ld", labs(n));
    snprintf(day, sizeof day, "%s　%s", zhdate_format(s->target ? s->target : today, date, 64),
             zhdate_weekday(s->target ? s->target : today));
    if (s->lunar && s->target)
        zhdate_lunar(s->target, lunar, sizeof lunar);
    struct pieces ps = {0};
    /* a page: rows (the number and 天 on one line); a strip: columns. Sizes: the design's */
    const struct design_cards *d = &c->dm->cards;
    int z = strip ? 1 : 0;
    double k = strip ? (c->H - 2 * c->m) : c->u;
    /* on the day the words are the news: large, in the accent */
    add(&ps, n == 0 ? "title" : "head", head, (n == 0 ? d->day_head[z] : d->head[z]) * k, true, 0,
        false);
    if (n != 0) { /* a page: the number and 天 on one line; a strip: side by side */
        add(&ps, "number", num, d->number[z] * k, true, 1, false);
        add(&ps, "unit", "天", d->unit[z] * k, true, strip ? 2 : 1, false);
    }
    add(&ps, "date", day, d->date[z] * k, false, strip ? 3 : 2, true);
    add(&ps, "lunar", lunar, d->lunar[z] * k, false, 3, true);
    add(&ps, "text", s->text, d->text[z] * k, false, strip ? 3 : 4, true);
    tint(&ps);
    lay(c, &ps);
}

void layout_countdown(struct place_ctx *c, const struct slide *s)
{
    countdown(c, s, false);
}

void layout_strip_countdown(struct place_ctx *c, const struct slide *s)
{
    countdown(c, s, true);
}

static void calendar(struct place_ctx *c, const struct slide *s, bool strip)
{
    int today = zhdate_local(schedule_now());
    char ym[64], dd[16], lunar[96] = "";
    snprintf(ym, sizeof ym, "%d年%d月", today / 10000, today / 100 % 100);
    snprintf(dd, sizeof dd, "%d", today % 100);
    if (s->lunar)
        zhdate_lunar(today, lunar, sizeof lunar);
    struct pieces ps = {0};
    const struct design_cards *d = &c->dm->cards;
    int z = strip ? 1 : 0;
    double k = strip ? (c->H - 2 * c->m) : c->u;
    /* a page: rows of title, month, day, weekday, 农历, text; a strip: columns of title, day,
     * then month, weekday and 农历 stacked, then the text */
    add(&ps, "title", s->title, d->cal_title[z] * k, true, 0, true);
    add(&ps, "month", ym, d->cal_month[z] * k, true, strip ? 2 : 1, false);
    add(&ps, "number", dd, d->cal_day[z] * k, true, strip ? 1 : 2, false);
    add(&ps, "weekday", zhdate_weekday(today), d->cal_weekday[z] * k, true, strip ? 2 : 3, false);
    add(&ps, "lunar", lunar, d->cal_lunar[z] * k, false, strip ? 2 : 4, true);
    add(&ps, "text", s->text, d->text[z] * k, false, strip ? 3 : 5, true);
    tint(&ps);
    lay(c, &ps);
}

void layout_calendar(struct place_ctx *c, const struct slide *s)
{
    calendar(c, s, false);
}

void layout_strip_calendar(struct place_ctx *c, const struct slide *s)
{
    calendar(c, s, true);
}
