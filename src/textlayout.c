/* textlayout.c - paragraph typesetting for Chinese with Latin and digits: the driver.
 *
 * Break opportunities come from libunibreak (UAX #14, language "zh"); honorboard adds the W3C
 * clreq basic prohibitions on top: characters that never start or end a line, and pairs that
 * never split (punct.c adds Latin runs, URLs, AI+, ranges). Each paragraph is then measured and
 * broken by tlpara.c and tlbreak.c; this file splits the lines into pages (no page ending with
 * a paragraph's first line only or starting with its last line only, no one-line last page). */
#include "textlayout.h"
#include "punct.h"
#include "tlpara.h"
#include "util.h"

#include <linebreak.h>
#include <linebreakdef.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Never at the start of a line. */
static const uint32_t no_start[] = {
    0x3001, 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF0E, ',', '.', ';', ':', '?', '!',
    0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3011, 0x3017, 0x3019,
    0x3009, 0x300B, ')', ']', '}',
    0x2013, 0xFF5E, 0x301C,          /* connectors – ～ 〜 */
    0x00B7, 0x30FB, 0x2027,          /* middle dots · ・ ‧ */
    0xFF0F, '/',                      /* ／ / */
    0x2030, '%', 0xFF05,              /* per mille and percent follow their number */
};
/* Never at the end of a line. */
static const uint32_t no_end[] = {
    0x201C, 0x2018, 0x300C, 0x300E, 0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3010, 0x3016, 0x3018,
    0x3008, 0x300A, '(', '[', '{',
    0xFFE5, 0x00A5, '$', 0xFFE0, 0x20AC, /* ￥ ¥ $ ￠ € */
};

static bool in_set(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

#define IN(set, cp) in_set((cp), (set), sizeof(set) / sizeof((set)[0]))

/* —— …… ⸺ ⋯: the two halves of a dash or ellipsis never split. */
static bool is_dash_or_ellipsis(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2026 || cp == 0x2E3A || cp == 0x22EF || cp == 0x2015;
}

bool tl_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

bool tl_is_wide(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) ||  /* CJK radicals .. unified ideographs, punctuation */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||  /* hangul */
           (cp >= 0xF900 && cp <= 0xFAFF) ||  /* compatibility ideographs */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||  /* CJK compatibility forms */
           (cp >= 0xFF00 && cp <= 0xFF60) ||  /* full-width forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x20000 && cp <= 0x3FFFF) ||
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || /* used as CJK quotes */
           cp == 0x2014 || cp == 0x2026 || cp == 0x00B7;
}

static bool is_latin_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;
static void lb_init_table(void);
static void lb_init(void)
{
    init_linebreak();
    lb_init_table();
}

struct tl_params tl_default_params(void)
{
    return (struct tl_params){.indent_em = 2, .line_height = 1.6, .para_gap = 0.3,
                              .align = ALIGN_JUSTIFY, .widows = true};
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

/* The punctuation rules alone: may a line end between a and b? (Used for last-resort breaks
 * inside over-long words, so they still never start a line with a closing mark.) */
static bool keeps_emoji_whole(uint32_t a, uint32_t b);
bool tl_soft_break_ok(uint32_t a, uint32_t b)
{
    return !IN(no_start, b) && !IN(no_end, a) && !(is_dash_or_ellipsis(a) && a == b) &&
           !tl_is_space(b) && !keeps_emoji_whole(a, b);
}

/* ---- guarding libunibreak 1.1 ----------------------------------------------------------
 * libunibreak 1.1 (Debian's) aborts the whole process (`assert(lbcNew <= LBP_JT)`) on a line
 * break class its pair table does not cover. Probing every code point from U+0001 to U+10FFFF
 * (each between two ideographs, language "zh"), exactly two kinds abort it: RI (regional
 * indicators: the two halves of a flag emoji such as 🇨🇳), and U+FFFF, a noncharacter it uses
 * internally as its end-of-text mark (found by fuzz_text). An unknown class of some other build
 * would abort it too. Such code points are handed to it as an ideograph (break allowed on
 * either side, as for emoji), and the Unicode rules it does not know (UAX #14 LB8a,
 * LB30a, LB30b: keep ZWJ sequences, flag pairs and skin-tone modifiers whole) are applied
 * below. Everything else it handles itself, including unassigned and private-use code points. */
static const struct LineBreakProperties *lb_table;
static size_t lb_table_n;

static void lb_init_table(void)
{
    lb_table = lb_prop_default;
    while (lb_table[lb_table_n].prop != LBP_Undefined)
        lb_table_n++;
}

/* The class libunibreak's default table gives cp (LBP_XX when it is not listed). */
static enum LineBreakClass lb_class(uint32_t cp)
{
    size_t lo = 0, hi = lb_table_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < lb_table[mid].start)
            hi = mid;
        else if (cp > lb_table[mid].end)
            lo = mid + 1;
        else
            return lb_table[mid].prop;
    }
    return LBP_XX;
}

/* Classes libunibreak 1.1 resolves or handles before its pair table; the rest of those above
 * LBP_JT (LBP_RI) abort it. */
static bool lb_class_safe(enum LineBreakClass c)
{
    static const enum LineBreakClass handled[] = {LBP_AI, LBP_BK, LBP_CB, LBP_CJ, LBP_CR, LBP_LF,
                                                  LBP_NL, LBP_SA, LBP_SG, LBP_SP, LBP_XX};
    if (c >= LBP_OP && c <= LBP_JT)
        return true;
    for (size_t i = 0; i < sizeof handled / sizeof *handled; i++)
        if (c == handled[i])
            return true;
    return false;
}

static bool is_regional_indicator(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

static bool is_emoji_modifier(uint32_t cp)
{
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

/* A ZWJ sequence, a skin-tone modifier or a run of flags is never split, even as a last resort
 * (a unit wider than the whole line still is: nothing is ever cut off). */
static bool keeps_emoji_whole(uint32_t a, uint32_t b)
{
    return a == 0x200D || is_emoji_modifier(b) || (is_regional_indicator(a) && is_regional_indicator(b));
}

void tl_break_opportunities(const uint32_t *cps, size_t n, const char *utf8, size_t len,
                            const size_t *offs, bool *after)
{
    (void)utf8, (void)len, (void)offs; /* libunibreak gets the code points (see above) */
    pthread_once(&lb_once, lb_init);
    char *brks = xmalloc(n ? n : 1);
    utf32_t *safe = xmalloc((n ? n : 1) * sizeof *safe);
    for (size_t i = 0; i < n; i++)
        safe[i] = cps[i] > 0x10FFFF || cps[i] == 0xFFFF || !lb_class_safe(lb_class(cps[i]))
                      ? 0x4E00
                      : cps[i];
    if (n)
        set_linebreaks_utf32(safe, n, "zh", brks);
    size_t ri_run = 0; /* regional indicators so far in a row: flags are pairs */
    for (size_t i = 0; i < n; i++) {
        bool ok = brks[i] == LINEBREAK_ALLOWBREAK;
        ri_run = is_regional_indicator(cps[i]) ? ri_run + 1 : 0;
        if (i + 1 >= n) {
            after[i] = false; /* the paragraph's end is not a break inside it */
            continue;
        }
        uint32_t a = cps[i], b = cps[i + 1];
        if (IN(no_start, b) || IN(no_end, a))
            ok = false;
        if (is_dash_or_ellipsis(a) && a == b)
            ok = false;
        if (is_latin_alnum(a) && is_latin_alnum(b))
            ok = false;
        /* A space before a no-start character must not become a break either. */
        if (tl_is_space(a) && i + 1 < n && IN(no_start, b))
            ok = false;
        if (a == 0x200D || is_emoji_modifier(b) || (ri_run % 2 == 1 && is_regional_indicator(b)))
            ok = false;
        after[i] = ok;
    }
    punct_apply_rules(cps, n, after);
    free(safe);
    free(brks);
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
static size_t layout_para(struct tl_result *r, size_t *cap, size_t pstart, size_t pend,
                          size_t base, int para_idx, const struct tl_params *p,
                          const struct tl_measure *m)
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
    bool *sq = NULL;
    size_t nl = tl_para_breaks(&pa, r->box_w, indent, p->widows,
                               p->balance || p->align == ALIGN_CENTER, &sp, &sq);
    for (size_t j = 0; j < nl; j++) {
        bool last = j + 1 == nl;
        struct tl_line l = {.start = pa.offs[sp[j].s],
                            .end = sp[j].e < pa.n ? pa.offs[sp[j].e] : pend,
                            .para = para_idx, .para_end = last};
        double x0 = j == 0 ? indent : 0;
        tl_para_set(&pa, r, &l, sp[j].s, sp[j].e, x0, r->box_w - x0, last, sq[j], p->align);
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

/* Splits the lines into pages of box_h and gives each its y. */
static void place_pages(struct tl_result *r, const struct tl_params *p, double box_h)
{
    double gap = p->para_gap * r->px;
    size_t *starts = xmalloc((r->nlines + 1) * sizeof *starts);
    size_t np = 0, a = 0;
    while (a < r->nlines) {
        size_t b = a + 1;
        if (box_h > 0)
            while (b < r->nlines && stack_h(r, a, b + 1, gap) <= box_h + 1e-6)
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
        if (b > pa && stack_h(r, b, r->nlines, gap) <= box_h + 1e-6)
            starts[np - 1] = b;
    }
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

struct tl_result *tl_fit(const char *text, double min_px, double max_px, double box_w,
                         double box_h, const struct tl_params *p, const struct tl_measure *m)
{
    if (max_px < min_px)
        max_px = min_px;
    struct tl_result *best = tl_layout(text, max_px, box_w, box_h, p, m);
    if (best->npages == 1)
        return best;
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
    return best;
}

size_t tl_line_glyphs(const struct tl_result *r, const struct tl_line *l, struct tl_glyph *out,
                      size_t cap)
{
    size_t n = 0, len;
    for (size_t b = l->start; b < l->end && n < cap; b += len) {
        uint32_t cp = utf8_decode(r->text + b, l->end - b, &len);
        const struct tl_pos *q = &r->pos[l->first + n];
        out[n++] = (struct tl_glyph){.cp = cp, .off = b, .x = q->x, .w = q->w, .half = q->half};
    }
    return n;
}

char *tl_line_text(const struct tl_result *r, const struct tl_line *l)
{
    size_t n = l->end - l->start;
    char *s = xmalloc(n + 1);
    memcpy(s, r->text + l->start, n);
    s[n] = '\0';
    return s;
}

void tl_result_free(struct tl_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->pos);
    free(r->lines);
    free(r);
}
