/* textlayout.c - paragraph typesetting for Chinese with Latin and digits: the driver. Text is
 * normalised into paragraphs; each paragraph gets its break opportunities (tlrules.c), is
 * measured and set (tlpara.c) and broken into lines (tlbreak.c); this file splits the lines
 * into pages (filled evenly; no page ending with a paragraph's first line only or starting with
 * its last line only, no one-line last page) and fits a text to its box. */
#include "text/textlayout.h"
#include "text/bidi.h"
#include "text/tlbreak.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct tl_params tl_default_params(void)
{
    return (struct tl_params){.indent_em = 2,
                              .line_height = 1.6,
                              .para_gap = 0.3,
                              .align = ALIGN_JUSTIFY,
                              .widows = true};
}

char *tl_normalise(const char *text)
{
    struct strbuf out = {0};
    const char *p = text ? text : "";
    size_t total = strlen(p);
    /* Every line is a paragraph, as in Word and WPS, where a story is pasted from; blank lines
     * between them are allowed and change nothing. */
    bool in_para = false;
    size_t i = 0;
    while (i <= total) {
        const char *nl = memchr(p + i, '\n', total - i);
        size_t end = nl ? (size_t)(nl - p) : total;
        /* Trim the line (ASCII spaces, tabs, CR, ideographic spaces) at both ends. */
        size_t a = i, b = end, len;
        while (a < b) {
            uint32_t cp = utf8_decode(p + a, b - a, &len);
            if (!tl_is_space(cp) && cp != '\r')
                break;
            a += len;
        }
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t' || p[b - 1] == '\r'))
            b--;
        while (b >= a + 3 && (unsigned char)p[b - 3] == 0xE3 && (unsigned char)p[b - 2] == 0x80 &&
               (unsigned char)p[b - 1] == 0x80)
            b -= 3;
        if (a != b) {
            if (in_para)
                sb_add(&out, "\n", 1);
            sb_add(&out, p + a, b - a);
            in_para = true;
        }
        if (!nl)
            break;
        i = end + 1;
    }
    if (!out.s)
        return xstrdup("");
    return out.s;
}

static void add_line(struct tl_result *r, size_t *cap, struct tl_line l)
{
    if (r->nlines == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        r->lines = xrealloc(r->lines, *cap * sizeof *r->lines);
    }
    r->lines[r->nlines++] = l;
}

/* Lays out one paragraph (bytes [pstart, pend) of r->text); y positions come later. */
/* Returns the paragraph's code point count. */
static size_t layout_para(struct tl_result *r, size_t *cap, size_t pstart, size_t pend, size_t base,
                          int para_idx, const struct tl_params *p, const struct tl_measure *m)
{
    size_t plen = pend - pstart;
    struct tl_para pa = {.base = base};
    pa.cps = xmalloc((plen + 1) * sizeof *pa.cps);
    pa.offs = xmalloc((plen + 1) * sizeof *pa.offs);
    size_t *local = xmalloc((plen + 1) * sizeof *local);
    for (size_t b = 0, len; b < plen; b += len) {
        pa.cps[pa.n] = utf8_decode(r->text + pstart + b, plen - b, &len);
        local[pa.n] = b;
        pa.offs[pa.n++] = pstart + b;
    }
    pa.after = xcalloc(pa.n + 1, sizeof *pa.after);
    tl_break_opportunities(pa.cps, pa.n, r->text + pstart, plen, local, pa.after);
    tl_para_init(&pa, m, r->px);
    double indent = p->indent_em * r->px;
    struct tl_span *sp = NULL;
    bool *sq = NULL, bad;
    size_t nl =
        tl_para_breaks(&pa, r->box_w, indent, p->widows, p->balance || p->align == ALIGN_CENTER,
                       p->align == ALIGN_JUSTIFY, &sp, &sq, &bad);
    r->bad_break = r->bad_break || bad;
    /* a justified right-to-left paragraph starts at the right: its indent and its short last
     * line are mirrored (other alignments are the design's, kept as they are) */
    bool mirror = p->align == ALIGN_JUSTIFY && bidi_para_rtl(pa.cps, pa.n);
    for (size_t j = 0; j < nl; j++) {
        bool last = j + 1 == nl;
        struct tl_line l = {.start = pa.offs[sp[j].s],
                            .end = sp[j].e < pa.n ? pa.offs[sp[j].e] : pend,
                            .para = para_idx,
                            .para_end = last};
        double x0 = j == 0 ? indent : 0;
        tl_para_set(&pa, r, &l, sp[j].s, sp[j].e, x0, r->box_w - x0, last, sq[j], p->align);
        if (mirror && sp[j].e > sp[j].s) {
            const struct tl_pos *q = &r->pos[l.first + (sp[j].e - sp[j].s) - 1];
            double ext = l.hyphen ? l.hyph_x + l.hyph_w : q->x + q->w;
            l.x = r->box_w - l.x - ext;
        }
        add_line(r, cap, l);
    }
    free(sp), free(sq), free(local);
    tl_para_free(&pa);
    free(pa.cps), free(pa.offs), free(pa.after);
    return pa.n;
}

/* Height of lines [a, b) stacked on one page. */
static double stack_h(const struct tl_result *r, size_t a, size_t b, double gap)
{
    double y = 0;
    for (size_t k = a; k < b; k++)
        y += (k > a && r->lines[k].para != r->lines[k - 1].para ? gap : 0) + r->line_h;
    return y;
}

static bool first_of_para(const struct tl_result *r, size_t k)
{
    return k == 0 || r->lines[k - 1].para != r->lines[k].para;
}

/* A page of lines [a, b) followed by line b: move b back so the page does not end with a
 * paragraph's first line only and the next does not start with its last line only. */
static size_t keep_lines(const struct tl_result *r, size_t a, size_t b)
{
    size_t nb = b;
    if (nb <= a + 1 || nb >= r->nlines)
        return b;
    if (r->lines[nb].para_end && !first_of_para(r, nb))
        nb--; /* the next page would start with a paragraph's last line only */
    if (nb > a + 1 && first_of_para(r, nb - 1) && !first_of_para(r, nb))
        nb--; /* this page would end with a paragraph's first line only */
    return nb;
}

/* Packs the lines into pages at most h high (page starts into starts[]); returns the count. */
static size_t pack_pages(const struct tl_result *r, const struct tl_params *p, double h, double gap,
                         size_t *starts)
{
    size_t np = 0, a = 0;
    while (a < r->nlines) {
        size_t b = a + 1;
        if (h > 0)
            while (b < r->nlines && stack_h(r, a, b + 1, gap) <= h + 1e-6)
                b++;
        else
            b = r->nlines;
        if (p->widows && b < r->nlines)
            b = keep_lines(r, a, b);
        starts[np++] = a;
        a = b;
    }
    /* The last page never holds a single line: take lines from the page before. */
    if (p->widows && np >= 2 && r->nlines - starts[np - 1] == 1 &&
        starts[np - 1] - starts[np - 2] >= 2) {
        size_t pa = starts[np - 2], b = keep_lines(r, pa, starts[np - 1] - 1);
        if (b > pa && stack_h(r, b, r->nlines, gap) <= h + 1e-6)
            starts[np - 1] = b;
    }
    return np;
}

/* May a page end before line b (a page starting at a)? Not when it would end with a
 * paragraph's first line only or the next would start with its last line only. */
static bool page_break_ok(const struct tl_result *r, size_t a, size_t b)
{
    if (b >= r->nlines || b <= a + 1)
        return true;
    if (r->lines[b].para_end && !first_of_para(r, b))
        return false;
    return !(first_of_para(r, b - 1) && !first_of_para(r, b));
}

/* The same np pages filled evenly: page breaks chosen together so the sum of the squared
 * blank heights of all pages (the last included) is least; a one-line last page is avoided.
 * Returns false (starts untouched) when no such set exists. */
static bool even_pages(const struct tl_result *r, size_t np, double box_h, double gap,
                       size_t *starts)
{
    size_t n = r->nlines, W = n + 1;
    double *cost = xmalloc((np + 1) * W * sizeof *cost);
    size_t *prev = xmalloc((np + 1) * W * sizeof *prev);
    for (size_t i = 0; i < (np + 1) * W; i++)
        cost[i] = 1e300;
    cost[0] = 0; /* no pages, no lines */
    for (size_t j = 0; j < np; j++)
        for (size_t a = 0; a < n; a++) {
            double c0 = cost[j * W + a];
            if (c0 >= 1e300)
                continue;
            double h = 0;
            for (size_t b = a + 1; b <= n; b++) {
                h += (b - 1 > a && r->lines[b - 1].para != r->lines[b - 2].para ? gap : 0) +
                     r->line_h;
                if (h > box_h + 1e-6)
                    break;
                if (!page_break_ok(r, a, b))
                    continue;
                double blank = (box_h - h) / r->line_h;
                double c = c0 + blank * blank + (b == n && b - a == 1 && n >= 3 ? 1e6 : 0);
                if (c < cost[(j + 1) * W + b])
                    cost[(j + 1) * W + b] = c, prev[(j + 1) * W + b] = a;
            }
        }
    bool ok = cost[np * W + n] < 1e300;
    if (ok)
        for (size_t j = np, b = n; j > 0; j--)
            b = starts[j - 1] = prev[j * W + b];
    free(cost), free(prev);
    return ok;
}

/* Splits the lines into pages of box_h and gives each its y. The pages are filled evenly: as
 * many as the greedy fill needs, the lines spread over them (10/9/9/2 lines become 8/8/7/7), so
 * no last page is left nearly empty. */
static void place_pages(struct tl_result *r, const struct tl_params *p, double box_h)
{
    double gap = p->para_gap * r->px;
    size_t *starts = xmalloc((r->nlines + 1) * sizeof *starts);
    size_t np = pack_pages(r, p, box_h, gap, starts);
    if (p->widows && np >= 2 && box_h > 0)
        even_pages(r, np, box_h, gap, starts);
    for (size_t pg = 0; pg < np; pg++) {
        size_t end = pg + 1 < np ? starts[pg + 1] : r->nlines;
        double y = 0;
        for (size_t k = starts[pg]; k < end; k++) {
            if (k > starts[pg] && r->lines[k].para != r->lines[k - 1].para)
                y += gap;
            r->lines[k].y = y;
            r->lines[k].page = (int)pg;
            y += r->line_h;
        }
    }
    r->npages = np ? (int)np : 1;
    free(starts);
}

struct tl_result *tl_layout(const char *text, double px, double box_w, double box_h,
                            const struct tl_params *p, const struct tl_measure *m)
{
    struct tl_result *r = xcalloc(1, sizeof *r);
    r->text = tl_normalise(text);
    r->px = px;
    r->line_h = px * p->line_height;
    r->box_w = box_w;
    r->box_h = box_h;
    size_t cap = 0, total = strlen(r->text);
    r->pos = xcalloc(utf8_count(r->text) + 1, sizeof *r->pos);
    int para_idx = 0;
    size_t pstart = 0, base = 0;
    while (pstart <= total) {
        const char *nl = memchr(r->text + pstart, '\n', total - pstart);
        size_t pend = nl ? (size_t)(nl - r->text) : total;
        if (pend > pstart)
            base += layout_para(r, &cap, pstart, pend, base, para_idx++, p, m);
        base++; /* the '\n' */
        if (!nl)
            break;
        pstart = pend + 1;
    }
    place_pages(r, p, box_h);
    return r;
}

/* A heading whose lines break badly at the size found: one size smaller (down to 85 %, not under
 * min_px) where it breaks well, else as it is. Takes best; returns the result to keep. */
static struct tl_result *good_breaks(const char *text, double min_px, double box_w, double box_h,
                                     const struct tl_params *p, const struct tl_measure *m,
                                     struct tl_result *best)
{
    if (!best->bad_break || best->npages != 1)
        return best;
    double floor_px = fmax(min_px, best->px * 0.85);
    for (double px = floor(best->px) - 1; px >= floor_px; px -= 1) {
        struct tl_result *r = tl_layout(text, px, box_w, box_h, p, m);
        if (r->npages == 1 && !r->bad_break) {
            tl_result_free(best);
            return r;
        }
        tl_result_free(r);
    }
    return best;
}

struct tl_result *tl_fit(const char *text, double min_px, double max_px, double box_w, double box_h,
                         const struct tl_params *p, const struct tl_measure *m)
{
    if (max_px < min_px)
        max_px = min_px;
    struct tl_result *best = tl_layout(text, max_px, box_w, box_h, p, m);
    if (best->npages == 1)
        return good_breaks(text, min_px, box_w, box_h, p, m, best);
    tl_result_free(best);
    best = tl_layout(text, min_px, box_w, box_h, p, m);
    if (best->npages > 1) {
        best->at_min_size = true;
        return best;
    }
    /* Binary search on whole pixels: lo fits, hi does not. */
    int lo = (int)min_px, hi = (int)ceil(max_px);
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        struct tl_result *r = tl_layout(text, mid, box_w, box_h, p, m);
        if (r->npages == 1) {
            tl_result_free(best);
            best = r;
            lo = mid;
        } else {
            tl_result_free(r);
            hi = mid;
        }
    }
    return good_breaks(text, min_px, box_w, box_h, p, m, best);
}
