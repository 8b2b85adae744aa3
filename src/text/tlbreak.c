/* tlbreak.c - where a paragraph's lines break: the greedy fill (push-out on the clreq rules),
 * then no 孤字 - a last line must hold two characters besides punctuation: first the previous
 * line is pulled in by squeezing its punctuation (推入), else one more character is pushed
 * down (推出) - and for headings and centred text balanced lines: the break nearest the middle,
 * preferring ， 　 —— ： and never inside 《…》 or “…” when another break will do. */
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
    if (tl_para_width(pa, P->s, L->e, true) <= availp + EPS) { /* 推入 */
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

/* Cost of breaking after code point e - 1 (before e), in squared em. */
static double break_penalty(const struct tl_para *pa, const int *depth, const bool *inner, size_t e)
{
    double p = 0;
    /* 3 em²: a preferred break wins over one up to ~1.2 em better balanced (1.5 let
     * "“612580”　贴 | 心服务在身边" split a word to gain half an em) */
    if (!preferred_break(pa->cps[e - 1]))
        p += 3;
    if (inner && inner[e])
        p += 40; /* inside a word (一|线): like inside 《…》, one more line (and so, for a
                  * heading, a size smaller) is better */
    if (depth[e - 1] > 0)
        p += 40; /* inside 《…》 or “…” */
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
                double c = d * d + rest + (e < n ? break_penalty(pa, depth, inner, e) : 0);
                if (j + 1 == k && tl_para_solid(pa, s, te) < 2)
                    c += 40;
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

/* Centred text: balanced k lines, or k + 1 when k can only break inside 《》, “” or a word. */
static void balance_lines(const struct tl_para *pa, struct spans *sp, double box_w, double indent)
{
    size_t k = sp->n;
    if (pa->n > BALANCE_MAX_CPS || k > BALANCE_MAX_LINES)
        return;
    struct tl_span *v = xmalloc((k + 1) * sizeof *v);
    double c = balance(pa, k, box_w, indent, v);
    if (c >= 40 && k < BALANCE_MAX_LINES) {
        double c1 = balance(pa, k + 1, box_w, indent, v);
        if (c1 < 40) {
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
}

size_t tl_para_breaks(const struct tl_para *pa, double box_w, double indent, bool widows,
                      bool balance, struct tl_span **out, bool **squeezed)
{
    struct spans sp = {0};
    size_t s = 0;
    bool legal = true;
    while (s < pa->n) {
        size_t next;
        size_t e = tl_para_fill(pa, s, avail_of(sp.n, box_w, indent), &next);
        legal = legal && tl_para_can_end(pa, next);
        spans_add(&sp, s, e);
        s = next;
    }
    if (balance && sp.n >= 2 && legal)
        balance_lines(pa, &sp, box_w, indent);
    if (widows && sp.n >= 2)
        fix_widow(pa, &sp, box_w, indent);
    *out = sp.v;
    *squeezed = sp.sq;
    return sp.n;
}
