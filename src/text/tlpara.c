/* tlpara.c - measuring and setting the lines of one paragraph like a Chinese typesetter:
 * shaped advances with their half-width ('halt') forms, adjacent marks squeezed (”， → 1.5 em),
 * an opening mark at a line start and a closing or pause mark at a line end set half width so
 * the edges are flush, a fixed quarter em between Han and Latin or digits, and justification
 * that spreads the surplus over inter-character gaps only - never between two marks, never
 * inside a word or number, never on the Han-Latin quarter em. */
#include "text/tlpara.h"
#include "text/graphemes.h"
#include "text/hyphenate.h"
#include "text/punct.h"
#include "text/tlrules.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(uint32_t cp)
{
    return tl_is_space(cp);
}

/* The gap kinds around spaces: a space typed between Han and Latin becomes the quarter em. */
static void resolve_spaces(struct tl_para *pa)
{
    for (size_t i = 0; i + 1 < pa->n; i++) {
        uint32_t a = pa->cps[i], b = pa->cps[i + 1];
        if (!is_space(a) && !is_space(b)) {
            pa->gap[i] = (uint8_t)punct_gap(a, b);
            continue;
        }
        pa->gap[i] = is_space(a) || tl_is_wide(a) ? GAP_STRETCH : GAP_NONE;
    }
    for (size_t i = 1; i + 1 < pa->n; i++) {
        if (!is_space(pa->cps[i]) || is_space(pa->cps[i - 1]) || is_space(pa->cps[i + 1]))
            continue;
        enum punct_script l = punct_script(pa->cps[i - 1]), r = punct_script(pa->cps[i + 1]);
        if ((l == PS_HAN && r == PS_LATIN) || (l == PS_LATIN && r == PS_HAN)) {
            pa->adv[i] = pa->half[i] = 0; /* the quarter em stands for the space */
            pa->gap[i - 1] = GAP_QUARTER;
            pa->gap[i] = GAP_NONE;
        }
    }
}

void tl_para_init(struct tl_para *pa, const struct tl_measure *m, double px)
{
    size_t n = pa->n ? pa->n : 1;
    pa->px = px;
    pa->quarter = px / 4;
    pa->adv = xcalloc(n, sizeof *pa->adv);
    pa->half = xcalloc(n, sizeof *pa->half);
    pa->pair_half = xcalloc(n, sizeof *pa->pair_half);
    pa->cls = xcalloc(n, sizeof *pa->cls);
    pa->gap = xcalloc(n, sizeof *pa->gap);
    pa->joined = xcalloc(n, sizeof *pa->joined);
    graphemes_joined(pa->cps, pa->n, pa->joined);
    pa->in_name = xcalloc(n, sizeof *pa->in_name);
    punct_name_parts(pa->cps, pa->n, pa->in_name);
    pa->hyph = xcalloc(n, sizeof *pa->hyph);
    hyphenate_points(pa->cps, pa->n, pa->hyph);
    pa->hyphen_w = m->advance(m->ctx, '-', px);
    if (m->shape && pa->n) {
        m->shape(m->ctx, pa->cps, pa->n, px, pa->adv, pa->half);
    } else {
        for (size_t k = 0; k < pa->n; k++)
            pa->adv[k] = pa->half[k] = m->advance(m->ctx, pa->cps[k], px);
    }
    for (size_t k = 0; k < pa->n; k++) {
        pa->cls[k] = (uint8_t)punct_class(pa->cps[k]);
        if (pa->half[k] > pa->adv[k])
            pa->half[k] = pa->adv[k];
    }
    punct_pair_forms(pa->cps, pa->n, pa->pair_half);
    resolve_spaces(pa);
}

void tl_para_free(struct tl_para *pa)
{
    free(pa->adv), free(pa->half), free(pa->pair_half), free(pa->cls), free(pa->gap);
    free(pa->joined), free(pa->hyph), free(pa->in_name);
}

static bool is_halfable(const struct tl_para *pa, size_t i)
{
    return pa->half[i] < pa->adv[i];
}

/* Is code point i of line [s, e) set in its half-width form? */
static bool half_form(const struct tl_para *pa, size_t i, size_t s, size_t e, bool squeeze)
{
    if (!is_halfable(pa, i))
        return false;
    enum punct_class c = (enum punct_class)pa->cls[i];
    bool sq = c == PC_OPEN || c == PC_CLOSE || c == PC_PAUSE;
    return pa->pair_half[i] || (squeeze && sq) || (i == s && c == PC_OPEN) ||
           (i + 1 == e && (c == PC_CLOSE || c == PC_PAUSE));
}

static double cp_width(const struct tl_para *pa, size_t i, size_t s, size_t e, bool squeeze)
{
    return half_form(pa, i, s, e, squeeze) ? pa->half[i] : pa->adv[i];
}

static double fixed_gap(const struct tl_para *pa, size_t i)
{
    return pa->gap[i] == GAP_QUARTER ? pa->quarter : 0;
}

double tl_para_width(const struct tl_para *pa, size_t s, size_t e, bool squeeze)
{
    while (e > s && is_space(pa->cps[e - 1]))
        e--;
    double w = 0;
    for (size_t k = s; k < e; k++) {
        w += cp_width(pa, k, s, e, squeeze);
        if (k + 1 < e)
            w += fixed_gap(pa, k);
    }
    return w;
}

bool tl_para_can_end(const struct tl_para *pa, size_t e)
{
    if (e >= pa->n)
        return true;
    while (e > 0 && is_space(pa->cps[e - 1]) && !pa->after[e - 1])
        e--;
    return e > 0 && pa->after[e - 1];
}

size_t tl_para_solid(const struct tl_para *pa, size_t s, size_t e)
{
    size_t k = 0;
    for (size_t i = s; i < e && i < pa->n; i++)
        k += !is_space(pa->cps[i]) && pa->cls[i] == PC_NONE && !pa->joined[i];
    return k;
}

static bool soft_ok(const struct tl_para *pa, size_t i)
{
    return tl_soft_break_ok(pa->cps[i], pa->cps[i + 1]) && !pa->joined[i + 1];
}

size_t tl_para_fill(const struct tl_para *pa, size_t s, double avail, size_t *next)
{
    double acc = 0;
    size_t i = s;
    long last_ok = -1, last_soft = -1;
    while (i < pa->n) {
        double g = i > s ? fixed_gap(pa, i - 1) : 0;
        if (!is_space(pa->cps[i])) {
            if (acc + g + cp_width(pa, i, s, i + 1, false) > avail + 1e-6)
                break;
            acc += g + cp_width(pa, i, s, (size_t)-1, false);
        } else {
            acc += g + pa->adv[i];
        }
        if (pa->after[i])
            last_ok = (long)i;
        else if (i + 1 < pa->n && soft_ok(pa, i))
            last_soft = (long)i;
        i++;
    }
    size_t end;
    if (i >= pa->n)
        end = pa->n;
    else if (last_ok >= (long)s)
        end = (size_t)last_ok + 1;
    else if (last_soft >= (long)s)
        end = (size_t)last_soft + 1; /* a word longer than the line: split it */
    else
        end = i > s ? i : s + 1; /* nothing else fits: between any graphemes */
    while (end < pa->n && pa->joined[end])
        end++;
    size_t nx = end;
    while (nx < pa->n && is_space(pa->cps[nx]))
        nx++;
    *next = nx;
    while (end > s && is_space(pa->cps[end - 1]))
        end--;
    return end;
}

/* The forms of line [s, e) (form[k - s]: half width) and its width. A line pulled in (squeeze,
 * 推入) gets just enough further marks in their half forms to fit avail - closing marks first,
 * then opening, then pause marks, from the line's end - not every mark it has. */
static double line_forms(const struct tl_para *pa, size_t s, size_t e, double avail, bool squeeze,
                         bool *form)
{
    double w = 0;
    for (size_t k = s; k < e; k++) {
        form[k - s] = half_form(pa, k, s, e, false);
        w += (form[k - s] ? pa->half[k] : pa->adv[k]) + (k + 1 < e ? fixed_gap(pa, k) : 0);
    }
    static const enum punct_class order[] = {PC_CLOSE, PC_OPEN, PC_PAUSE};
    for (size_t o = 0; squeeze && o < sizeof order / sizeof *order; o++) {
        for (size_t k = e; k-- > s;) {
            if (w <= avail + 1e-6)
                return w;
            if (pa->cls[k] == order[o] && !form[k - s] && is_halfable(pa, k)) {
                form[k - s] = true;
                w -= pa->adv[k] - pa->half[k];
            }
        }
    }
    return w;
}

bool tl_para_hyphen_at(const struct tl_para *pa, size_t e)
{
    return e > 0 && e < pa->n && pa->hyph[e - 1] && !tl_para_can_end(pa, e);
}

void tl_para_set(const struct tl_para *pa, struct tl_result *r, struct tl_line *l, size_t s,
                 size_t e, double x0, double avail, bool last, bool squeeze, enum text_align align)
{
    bool *form = xmalloc((e > s ? e - s : 1) * sizeof *form);
    /* a line ending inside a word at a hyphenation point shows a hyphen, when it fits */
    bool hy = !last && tl_para_hyphen_at(pa, e);
    double nat = line_forms(pa, s, e, avail - (hy ? pa->hyphen_w : 0), squeeze, form);
    l->hyphen = hy && nat + pa->hyphen_w <= avail + 1e-6;
    if (l->hyphen)
        nat += pa->hyphen_w;
    size_t gaps = 0, quarters = 0;
    for (size_t k = s; k + 1 < e; k++) {
        gaps += pa->gap[k] == GAP_STRETCH;
        quarters += pa->gap[k] == GAP_QUARTER;
    }
    double spare = avail - nat, extra = 0, more = 0;
    l->x = x0;
    if (align == ALIGN_CENTER)
        l->x = x0 + (spare > 0 ? spare / 2 : 0);
    else if (align == ALIGN_RIGHT)
        l->x = x0 + (spare > 0 ? spare : 0);
    else if (align == ALIGN_JUSTIFY && !last && spare > 0) {
        /* inter-character gaps first, up to a quarter em each; what is left (a line made
         * mostly of a URL) is shared by those gaps and the Han-Latin ones alike, up to another
         * quarter em each */
        extra = gaps ? fmin(spare / (double)gaps, pa->quarter) : 0;
        double left = spare - extra * (double)gaps;
        if (left > 1e-9 && gaps + quarters > 0) /* at most another quarter em: a line that
                                                     would need more is left short of the edge
                                                     rather than opened into holes */
            more = fmin(left / (double)(gaps + quarters), pa->quarter);
    }
    l->first = pa->base + s;
    l->width = nat;
    l->extra = extra + more;
    l->extra_q = more;
    double x = 0;
    for (size_t k = s; k < e; k++) {
        bool h = form[k - s];
        double w = h ? pa->half[k] : pa->adv[k];
        r->pos[pa->base + k] = (struct tl_pos){.x = (float)x, .w = (float)w, .half = h};
        x += w;
        if (k + 1 < e)
            x += fixed_gap(pa, k) + (pa->gap[k] == GAP_STRETCH ? extra + more : 0) +
                 (pa->gap[k] == GAP_QUARTER ? more : 0);
    }
    l->hyph_x = (float)x;
    l->hyph_w = (float)pa->hyphen_w;
    free(form);
}
