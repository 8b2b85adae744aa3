/* tlbreak.c - where a paragraph's lines break: total fit over the whole paragraph (in the
 * manner of Knuth and Plass: every legal break considered, the set whose lines need the least
 * stretching wins, so slack is spread rather than dumped in one line), with the greedy fill
 * (push-out on the clreq rules) where no legal break fits, then no 孤字 - a last line must hold two
 * characters besides punctuation: first the previous line is pulled in by squeezing its punctuation
 * (推入), else one more character is pushed down (推出) - and for headings and centred text
 * balanced lines: the break nearest the middle, preferring ， 　 —— ： and never inside 《…》 or
 * “…” when another break will do. */
#include "text/tlbreak.h"
#include "text/punct.h"
#include "text/tlrules.h"
#include "base/util.h"
#include "text/words.h"

#include <stdlib.h>
#include <string.h>

#define EPS 1e-6
#define BALANCE_MAX_CPS 120 /* headings; longer centred texts keep the greedy fill */
#define BALANCE_MAX_LINES 4
#define BAD_BREAK 40   /* em²: a break worse than one more line (or, for a heading, a size less) */
#define MAX_SQUEEZED 2 /* marks squeezed to half width to pull a line in (推入), at most */
#define NAME_DEMERITS 1e6     /* 阿依古丽·买 | 买提: as bad as a line with holes */
#define HYPHEN_DEMERITS 10000 /* a hyphen weighs about as much as a quarter em in every gap */

struct spans {
    struct tl_span *v;
    bool *sq;
    size_t n, cap;
};

static void spans_add(struct spans *sp, size_t s, size_t e)
{
    if (sp->n == sp->cap) {
        sp->cap = sp->cap ? sp->cap * 2 : 16;
        sp->v = xrealloc(sp->v, sp->cap * sizeof *sp->v);
        sp->sq = xrealloc(sp->sq, sp->cap * sizeof *sp->sq);
    }
    sp->v[sp->n] = (struct tl_span){s, e};
    sp->sq[sp->n++] = false;
}

static size_t skip_spaces(const struct tl_para *pa, size_t i)
{
    while (i < pa->n && tl_is_space(pa->cps[i]))
        i++;
    return i;
}

static size_t trim_spaces(const struct tl_para *pa, size_t s, size_t e)
{
    while (e > s && tl_is_space(pa->cps[e - 1]))
        e--;
    return e;
}

static double avail_of(size_t line, double box_w, double indent)
{
    return box_w - (line == 0 ? indent : 0);
}

/* 推入 then 推出 on the paragraph's last line. */
static void fix_widow(const struct tl_para *pa, struct spans *sp, double box_w, double indent)
{
    size_t last = sp->n - 1;
    struct tl_span *L = &sp->v[last], *P = &sp->v[last - 1];
    if (tl_para_solid(pa, L->s, L->e) >= 2)
        return;
    double availp = avail_of(last - 1, box_w, indent), availl = avail_of(last, box_w, indent);
    if (tl_para_width(pa, P->s, L->e, true) <= availp + EPS && /* 推入, two marks at most */
        tl_para_width(pa, P->s, L->e, false) <= availp + MAX_SQUEEZED * pa->px / 2 + EPS) {
        P->e = L->e;
        sp->sq[last - 1] = true;
        sp->n--;
        return;
    }
    for (size_t b = L->s - 1; b > P->s; b--) { /* 推出: the latest earlier break that works */
        if (!tl_para_can_end(pa, b))
            continue;
        size_t nb = skip_spaces(pa, b);
        if (tl_para_solid(pa, nb, pa->n) < 2)
            continue;
        if (tl_para_width(pa, nb, pa->n, false) > availl + EPS)
            return;
        if (tl_para_solid(pa, P->s, b) == 0)
            return;
        P->e = trim_spaces(pa, P->s, b);
        L->s = nb;
        return;
    }
}

static bool preferred_break(uint32_t a)
{
    return a == 0xFF0C || a == 0x3000 || a == 0x2014 || a == 0xFF1A || a == 0x3001 || a == 0xFF1B ||
           a == 0x3002 || a == 0xFF01 || a == 0xFF1F || a == ' ';
}

/* Function words that lean on what follows (never the last character of a heading's line) and
 * on what precedes (的: never the first). */
static bool leans_forward(uint32_t c)
{
    return c == 0x548C || c == 0x4E0E || c == 0x53CA || c == 0x4ECE || c == 0x5728; /* 和与及从在 */
}

/* Cost of breaking after code point e - 1 (before e), in squared em; BAD_BREAK or more is a bad
 * break: one more line, or a size smaller, is better. nonpref: what a break not at the author's
 * space or mark costs. */
static double break_penalty(const struct tl_para *pa, const int *depth, const bool *inner, size_t e,
                            double nonpref)
{
    double p = 0;
    /* a preferred break wins over one up to ~1.2 em better balanced (1.5 let
     * "“612580”　贴 | 心服务在身边" split a word to gain half an em) */
    if (!preferred_break(pa->cps[e - 1]) && !tl_is_space(pa->cps[e]))
        p += nonpref;
    if (inner && inner[e])
        p += BAD_BREAK; /* inside a word (一|线): like inside 《…》, one more line (and so, for a
                         * heading, a size smaller) is better */
    if (depth[e - 1] > 0) /* inside 《…》 or “…”; the deeper, the worse (“…‘十大|百优’…”) */
        p += BAD_BREAK * depth[e - 1];
    size_t a = e - 1;
    while (a > 0 && tl_is_space(pa->cps[a]))
        a--;
    if (leans_forward(pa->cps[a]) ||
        pa->cps[skip_spaces(pa, e) < pa->n ? skip_spaces(pa, e) : e] == 0x7684)
        p += BAD_BREAK; /* 和 | 先进个人, 从 | Windows, | 的服务 */
    return p;
}

/* Balanced breaks for k lines by dynamic programming over the legal break points: the sum of
 * squared differences from the mean line width plus the break penalties, every line fitting.
 * Writes k spans to out and returns the cost (>= 1e300: no such set exists). */
static double balance(const struct tl_para *pa, size_t k, double box_w, double indent,
                      struct tl_span *out)
{
    size_t n = pa->n, W = n + 1;
    double em = pa->px > 0 ? pa->px : 1;
    /* the mean line without its spaces: a break at a space drops it, so counting it would
     * pull the first line of "“612580”　贴心服务在身边" past the space, into the word */
    double total = 0;
    for (size_t i = 0, r = 0; i <= n; i++) { /* the runs between spaces */
        if (i < n && !tl_is_space(pa->cps[i]))
            continue;
        if (i > r)
            total += tl_para_width(pa, r, i, false);
        r = i + 1;
    }
    double mean = total / (double)k;
    int *depth = xcalloc(n, sizeof *depth);
    punct_nesting(pa->cps, n, depth);
    bool *inner = words_inner(pa->cps, n); /* NULL: no word boundaries known */
    /* the author's spaces and marks first: when there are enough of them for every break, a
     * break elsewhere costs as much as lines 4.5 em apart (10 em²) */
    size_t pref = 0;
    for (size_t e = 1; e < n; e++)
        pref +=
            preferred_break(pa->cps[e - 1]) && !tl_is_space(pa->cps[e]) && tl_para_can_end(pa, e);
    double nonpref = pref >= k - 1 ? 10 : 3;
    /* cost[j * W + s]: best cost of lines j.. when line j starts at s */
    double *cost = xmalloc((k + 1) * W * sizeof *cost);
    size_t *next = xcalloc((k + 1) * W, sizeof *next);
    for (size_t i = 0; i < (k + 1) * W; i++)
        cost[i] = 1e300;
    cost[k * W + n] = 0;
    for (size_t j = k; j-- > 0;) {
        for (size_t s = 0; s < n; s++) {
            if (j == 0 ? s != 0 : (tl_is_space(pa->cps[s]) || !tl_para_can_end(pa, s)))
                continue;
            double avail = avail_of(j, box_w, indent);
            for (size_t e = s + 1; e <= n; e++) {
                size_t te = trim_spaces(pa, s, e);
                if (te == s || (e < n && !tl_para_can_end(pa, e)))
                    continue;
                size_t ns = skip_spaces(pa, e);
                if (j + 1 == k ? ns != n : ns >= n)
                    continue;
                double w = tl_para_width(pa, s, te, false);
                if (w > avail + EPS)
                    break;
                double rest = cost[(j + 1) * W + ns];
                if (rest >= 1e300)
                    continue;
                double d = (w - mean) / em;
                double c = d * d + rest + (e < n ? break_penalty(pa, depth, inner, e, nonpref) : 0);
                if (j + 1 == k && tl_para_solid(pa, s, te) < 2)
                    c += BAD_BREAK;
                if (c < cost[j * W + s]) {
                    cost[j * W + s] = c;
                    next[j * W + s] = e;
                }
            }
        }
    }
    double best = cost[0];
    for (size_t j = 0, s = 0; best < 1e300 && j < k; j++) {
        size_t e = next[j * W + s];
        out[j] = (struct tl_span){s, trim_spaces(pa, s, e)};
        s = skip_spaces(pa, e);
    }
    free(depth), free(inner), free(cost), free(next);
    return best;
}

/* Centred text: balanced k lines, or k + 1 when k can only break badly (inside 《》, “” or a
 * word, beside a function word, away from the author's spaces and marks). Returns true when the
 * breaks are still bad ones. */
static bool balance_lines(const struct tl_para *pa, struct spans *sp, double box_w, double indent)
{
    size_t k = sp->n;
    if (pa->n > BALANCE_MAX_CPS || k > BALANCE_MAX_LINES)
        return false;
    struct tl_span *v = xmalloc((k + 1) * sizeof *v);
    double c = balance(pa, k, box_w, indent, v);
    if (c >= BAD_BREAK && k < BALANCE_MAX_LINES) {
        double c1 = balance(pa, k + 1, box_w, indent, v);
        if (c1 < BAD_BREAK) {
            c = c1;
            k++;
        } else {
            c = balance(pa, k, box_w, indent, v);
        }
    }
    if (c < 1e300) {
        sp->n = 0;
        for (size_t j = 0; j < k; j++)
            spans_add(sp, v[j].s, v[j].e);
    }
    free(v);
    return c >= BAD_BREAK && c < 1e300;
}

/* ---- total fit --------------------------------------------------------------------------
 * Prefix sums make the width of any line [s, e) O(1): each code point in the form it takes
 * inside a line, the fixed Han-Latin gaps, the stretchable gaps; the edges' half forms (an
 * opening mark at the start, a closing or pause mark at the end) are taken off. */
struct fit {
    const struct tl_para *pa;
    double *mid;   /* prefix: widths inside a line */
    double *fixed; /* prefix: fixed gaps after code point k (k, k + 1) */
    size_t *gaps;  /* prefix: stretchable gaps after code point k */
    size_t *quar;  /* prefix: Han-Latin gaps after code point k */
    size_t *wide;  /* prefix: wide (Han) code points */
    double *sqz;   /* prefix: widths with every squeezable mark at half width (推入) */
    double *save;  /* save[2k]: what code point k saves at a line's start, save[2k+1] at its end */
};

static double edge_saving(const struct tl_para *pa, size_t k, bool start)
{
    enum punct_class c = (enum punct_class)pa->cls[k];
    if (pa->pair_half[k] || pa->half[k] >= pa->adv[k])
        return 0;
    return (start ? c == PC_OPEN : c == PC_CLOSE || c == PC_PAUSE) ? pa->adv[k] - pa->half[k] : 0;
}

/* Width of [s, e) (trailing spaces excluded by the caller), its stretchable gaps and Han-Latin
 * gaps. */
static double fit_width(const struct fit *f, size_t s, size_t e, size_t *gaps, size_t *quarters)
{
    *gaps = f->gaps[e - 1] - f->gaps[s];
    *quarters = f->quar[e - 1] - f->quar[s];
    return f->mid[e] - f->mid[s] + f->fixed[e - 1] - f->fixed[s] - f->save[2 * s] -
           (e - 1 > s ? f->save[2 * (e - 1) + 1] : 0);
}

/* Demerits of a justified line of natural width w in avail, its slack taken by gaps
 * stretchable gaps (and, beyond a quarter em each, by quarters Han-Latin gaps too, as
 * tl_para_set does): (10 + 100 r³)², r the stretch of each gap in quarter ems, as TeX weighs
 * badness. A line of Latin alone with no gap (a URL piece) stays ragged, no hole opens: its
 * slack weighs as if four gaps took it; a lone Han character is a line as bad as its slack. */
static double line_cost(const struct tl_para *pa, double w, size_t gaps, size_t quarters,
                        bool latin, double avail)
{
    double spare = avail - w;
    if (spare <= 1e-9)
        return 100;
    double r = gaps       ? spare / ((double)gaps * pa->quarter)
               : quarters ? spare / ((double)quarters * pa->quarter)
               : latin    ? spare / (4 * pa->quarter)
                          : spare / pa->quarter;
    double b = 10 + 100 * r * r * r;
    return b * b;
}

/* When the line from s would end before a run with no legal break that is wider than a whole
 * line (SecurityManagementConsoleBackup, a long path), where to split that run so the line is
 * full: the last hyphenation point that fits with its hyphen, else (a run with none at all: a
 * path, an identifier) the last grapheme boundary that keeps the punctuation rules. 0: no such
 * run, or it is better begun on the next line. */
static size_t long_run_cut(const struct tl_para *pa, const struct fit *f, size_t s, double avail,
                           double box_w)
{
    size_t e = s, gaps, quarters;
    while (e < pa->n && fit_width(f, s, e + 1, &gaps, &quarters) <= avail + EPS)
        e++;
    if (e >= pa->n || e <= s)
        return 0;
    size_t lb = e, nb = e; /* the legal breaks around e */
    while (lb > s && !tl_para_can_end(pa, lb))
        lb--;
    while (nb < pa->n && !tl_para_can_end(pa, nb))
        nb++;
    size_t rs = skip_spaces(pa, lb);
    if (rs >= nb || nb - rs < 2 || fit_width(f, rs, nb, &gaps, &quarters) <= box_w + EPS)
        return 0;
    size_t soft = 0; /* a hyphenation point that leaves room for the hyphen, else any */
    for (size_t c = e; c > rs; c--) {
        if (pa->hyph[c - 1] && fit_width(f, s, c, &gaps, &quarters) + pa->hyphen_w <= avail + EPS)
            return c;
        if (!soft && !pa->joined[c] && tl_soft_break_ok(pa->cps[c - 1], pa->cps[c]))
            soft = c;
    }
    for (size_t c = rs; c < nb; c++)
        if (pa->hyph[c])
            return 0; /* a hyphenation point further on: the run starts the next line */
    /* no hyphenation point: cut only to spare Han before it its stretch (系 统 名 为); Latin
     * alone stays ragged and the run starts the next line */
    return f->wide[lb] > f->wide[s] ? soft : 0;
}

/* Demerits of a line pulled in by squeezing its marks: q of the squeeze it could take. Dearer
 * than a line stretched a little, cheaper than one with holes. */
static double squeeze_cost(double w, double wsq, double avail)
{
    double q = w > wsq ? (w - avail) / (w - wsq) : 1;
    double b = 30 + 100 * q * q * q;
    return b * b;
}

/* Breaks of the whole paragraph into sp: dynamic programming over line starts. From each start
 * every legal break that fits is tried, as set or pulled in by squeezing its marks (compression
 * as a cost); when none fits, the greedy fill's break. The last line costs nothing (孤字 is
 * fix_widow's, afterwards). Returns false (sp untouched) when it cannot. */
static bool total_fit(const struct tl_para *pa, struct spans *sp, double box_w, double indent)
{
    size_t n = pa->n;
    struct fit f = {pa,
                    xmalloc((n + 1) * sizeof *f.mid),
                    xmalloc((n + 1) * sizeof *f.fixed),
                    xmalloc((n + 1) * sizeof *f.gaps),
                    xmalloc((n + 1) * sizeof *f.quar),
                    xmalloc((n + 1) * sizeof *f.wide),
                    xmalloc((n + 1) * sizeof *f.sqz),
                    xmalloc(2 * (n + 1) * sizeof *f.save)};
    f.mid[0] = f.fixed[0] = f.sqz[0] = 0, f.gaps[0] = f.quar[0] = f.wide[0] = 0;
    for (size_t k = 0; k < n; k++) {
        bool h = pa->pair_half[k] && pa->half[k] < pa->adv[k];
        f.mid[k + 1] = f.mid[k] + (h ? pa->half[k] : pa->adv[k]);
        bool last = k + 1 >= n;
        f.fixed[k + 1] = f.fixed[k] + (!last && pa->gap[k] == GAP_QUARTER ? pa->quarter : 0);
        f.gaps[k + 1] = f.gaps[k] + (!last && pa->gap[k] == GAP_STRETCH);
        f.quar[k + 1] = f.quar[k] + (!last && pa->gap[k] == GAP_QUARTER);
        f.wide[k + 1] = f.wide[k] + tl_is_wide(pa->cps[k]);
        bool sq = punct_squeezable(pa->cps[k]) && pa->half[k] < pa->adv[k];
        f.sqz[k + 1] = f.sqz[k] + (h || sq ? pa->half[k] : pa->adv[k]);
        f.save[2 * k] = edge_saving(pa, k, true);
        f.save[2 * k + 1] = edge_saving(pa, k, false);
    }
    double *best = xmalloc((n + 1) * sizeof *best);
    size_t *from = xmalloc((n + 1) * sizeof *from), *end = xmalloc((n + 1) * sizeof *end);
    bool *squeezed = xcalloc(n + 1, sizeof *squeezed);
    for (size_t i = 0; i <= n; i++)
        best[i] = 1e300;
    best[0] = 0;
    for (size_t s = 0; s < n; s++) {
        if (best[s] >= 1e300)
            continue;
        double avail = box_w - (s == 0 ? indent : 0);
        bool any = false;
        for (size_t e = s + 1; e <= n; e++) {
            /* far too short to be worth a look (r > 3 even were every pair a gap) */
            if (e < n && avail - (f.mid[e] - f.mid[s]) > (double)(e - s) * 3 * pa->quarter)
                continue;
            bool hy = tl_para_hyphen_at(pa, e);
            if (e < n && !hy && (tl_is_space(pa->cps[e]) || !tl_para_can_end(pa, e)))
                continue;
            size_t te = trim_spaces(pa, s, e), gaps, quarters;
            if (te == s)
                continue;
            double w = fit_width(&f, s, te, &gaps, &quarters) + (hy ? pa->hyphen_w : 0), c;
            bool sq = false;
            size_t ns = skip_spaces(pa, e);
            if (w <= avail + EPS) {
                bool latin = f.wide[te] == f.wide[s];
                c = ns >= n ? 0 : line_cost(pa, w, gaps, quarters, latin, avail);
            } else {
                double wsq =
                    f.sqz[te] - f.sqz[s] + f.fixed[te - 1] - f.fixed[s] + (hy ? pa->hyphen_w : 0);
                if (wsq > avail + 2 * pa->px)
                    break; /* no later break can fit either */
                if (wsq > avail + EPS || w - avail > MAX_SQUEEZED * pa->px / 2 + EPS)
                    continue; /* never more than two marks squeezed to pull a line in */
                c = squeeze_cost(w, wsq, avail);
                sq = true;
            }
            any = true;
            c += (hy ? HYPHEN_DEMERITS : 0) + (e < n && pa->in_name[e - 1] ? NAME_DEMERITS : 0);
            if (best[s] + c < best[ns])
                best[ns] = best[s] + c, from[ns] = s, end[ns] = te, squeezed[ns] = sq;
        }
        size_t cut = long_run_cut(pa, &f, s, avail, box_w);
        if (!any || cut) { /* a word longer than any line: split it, as the greedy fill does */
            size_t ns, te = cut ? cut : tl_para_fill(pa, s, avail, &ns);
            if (cut)
                ns = skip_spaces(pa, cut);
            if (te <= s || ns <= s)
                continue;
            size_t gaps = 0, quarters = 0;
            double w = fit_width(&f, s, te, &gaps, &quarters);
            bool latin = f.wide[te] == f.wide[s];
            double c = ns >= n ? 0 : line_cost(pa, w, gaps, quarters, latin, avail);
            if (best[s] + c < best[ns])
                best[ns] = best[s] + c, from[ns] = s, end[ns] = te, squeezed[ns] = false;
        }
    }
    bool ok = best[n] < 1e300;
    if (ok) {
        size_t k = 0;
        for (size_t i = n; i > 0; i = from[i])
            k++;
        sp->n = 0;
        size_t *starts = xmalloc(k * sizeof *starts), j = k;
        for (size_t i = n; i > 0; i = from[i])
            starts[--j] = i;
        for (size_t q = 0; q < k; q++) {
            size_t ns = starts[q];
            spans_add(sp, from[ns], end[ns]);
            sp->sq[sp->n - 1] = squeezed[ns];
        }
        free(starts);
    }
    free(f.mid), free(f.fixed), free(f.gaps), free(f.quar), free(f.wide), free(f.sqz), free(f.save),
        free(squeezed), free(best), free(from), free(end);
    return ok;
}

size_t tl_para_breaks(const struct tl_para *pa, double box_w, double indent, bool widows,
                      bool balance, bool justify, struct tl_span **out, bool **squeezed, bool *bad)
{
    *bad = false;
    struct spans sp = {0};
    /* justified, full typesetting: total fit (the greedy fill only where it cannot) */
    bool fitted = !balance && justify && widows && total_fit(pa, &sp, box_w, indent);
    size_t s = 0;
    bool legal = true;
    while (!fitted && s < pa->n) {
        size_t next;
        size_t e = tl_para_fill(pa, s, avail_of(sp.n, box_w, indent), &next);
        legal = legal && tl_para_can_end(pa, next);
        spans_add(&sp, s, e);
        s = next;
    }
    if (balance && sp.n >= 2 && legal)
        *bad = balance_lines(pa, &sp, box_w, indent);
    if (widows && sp.n >= 2)
        fix_widow(pa, &sp, box_w, indent);
    *out = sp.v;
    *squeezed = sp.sq;
    return sp.n;
}
