/* bidi.c - right-to-left runs in display order (bidi.h) with ICU's ubidi: ICU is already the
 * typesetter's library for words and graphemes (words.c, graphemes.c), its bidi is the
 * reference implementation of UAX #9 and it ships in the Windows build too, so no second
 * Unicode library (FriBidi) is needed. Levels come from ubidi over the paragraph (UTF-16);
 * lines are reordered from those levels, run by run, by mirroring pen positions. */
#include "text/bidi.h"
#include "text/tlrules.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>

static bool is_rtl_class(uint32_t cp)
{
    if (cp < 0x0590)
        return false;                /* Latin, Greek, Cyrillic, Armenian: without asking ICU */
    if (cp >= 0x0900 && cp < 0xFB1D) /* Indic .. Han, kana, Hangul: none is right to left but */
        return cp == 0x200F || cp == 0x202B || cp == 0x202E || cp == 0x2067; /* RLM RLE RLO RLI */
    switch (u_charDirection((UChar32)cp)) {
    case U_RIGHT_TO_LEFT:
    case U_RIGHT_TO_LEFT_ARABIC:
    case U_RIGHT_TO_LEFT_EMBEDDING:
    case U_RIGHT_TO_LEFT_OVERRIDE:
    case U_RIGHT_TO_LEFT_ISOLATE:
        return true;
    default:
        return false;
    }
}

bool bidi_has_rtl(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_rtl_class(cps[i]))
            return true;
    return false;
}

bool bidi_para_rtl(const uint32_t *cps, size_t n)
{
    bool rtl = false, decided = false;
    for (size_t i = 0; i < n; i++) {
        if (tl_is_wide(cps[i]) && cps[i] >= 0x2E80)
            return false; /* Han, kana, Hangul: a Chinese sentence */
        if (decided || cps[i] < 0x41)
            continue;
        UCharDirection d = u_charDirection((UChar32)cps[i]);
        if (d == U_LEFT_TO_RIGHT)
            decided = true;
        else if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
            decided = rtl = true;
    }
    return rtl;
}

void bidi_levels(const uint32_t *cps, size_t n, uint8_t *levels)
{
    memset(levels, 0, n);
    if (!bidi_has_rtl(cps, n) || n > (size_t)INT32_MAX / 2)
        return;
    UChar *u = xmalloc(2 * n * sizeof *u);
    size_t *first = xmalloc(n * sizeof *first); /* UTF-16 index of each code point */
    int32_t len = 0;
    for (size_t i = 0; i < n; i++) {
        first[i] = (size_t)len;
        uint32_t cp = cps[i] > 0x10FFFF || (cps[i] >= 0xD800 && cps[i] < 0xE000) ? 0xFFFD : cps[i];
        if (cp > 0xFFFF) {
            u[len++] = (UChar)(0xD7C0 + (cp >> 10));
            u[len++] = (UChar)(0xDC00 | (cp & 0x3FF));
        } else {
            u[len++] = (UChar)cp;
        }
    }
    UErrorCode err = U_ZERO_ERROR;
    UBiDi *b = ubidi_openSized(len, 0, &err);
    ubidi_setPara(b, u, len, bidi_para_rtl(cps, n) ? 1 : 0, NULL, &err);
    const UBiDiLevel *lv = U_SUCCESS(err) ? ubidi_getLevels(b, &err) : NULL;
    if (lv && U_SUCCESS(err))
        for (size_t i = 0; i < n; i++)
            levels[i] = lv[first[i]] > 125 ? 125 : lv[first[i]];
    ubidi_close(b);
    free(first);
    free(u);
}

/* Mirrors glyphs ord[a..b) (display order) inside the span they take, and reverses them. */
static void reverse_run(struct tl_glyph *g, size_t *ord, size_t a, size_t b)
{
    double lo = g[ord[a]].x, hi = g[ord[a]].x + g[ord[a]].w;
    for (size_t k = a; k < b; k++) {
        const struct tl_glyph *q = &g[ord[k]];
        lo = q->x < lo ? q->x : lo;
        hi = q->x + q->w > hi ? q->x + q->w : hi;
    }
    for (size_t k = a; k < b; k++)
        g[ord[k]].x = lo + hi - g[ord[k]].x - g[ord[k]].w;
    for (size_t i = a, j = b - 1; i < j; i++, j--) {
        size_t t = ord[i];
        ord[i] = ord[j];
        ord[j] = t;
    }
}

void bidi_reorder(struct tl_glyph *g, size_t n, const uint8_t *levels, bool para_rtl)
{
    uint8_t base = para_rtl ? 1 : 0, top = 0, low_odd = 255;
    for (size_t i = 0; i < n; i++) {
        g[i].level = levels[i];
        top = levels[i] > top ? levels[i] : top;
    }
    for (size_t i = n; i > 0 && tl_is_space(g[i - 1].cp); i--) /* L1: trailing white space */
        g[i - 1].level = base;
    for (size_t i = 0; i < n; i++)
        if ((g[i].level & 1) && g[i].level < low_odd)
            low_odd = g[i].level;
    if (low_odd == 255)
        return; /* nothing right to left on this line */
    size_t *ord = xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    /* L2: from the highest level down to the lowest odd one, reverse every run at that level
     * or higher (in the current display order, which stays contiguous on the line). */
    for (int lv = top; lv >= low_odd; lv--) {
        for (size_t a = 0; a < n;) {
            if (g[ord[a]].level < lv) {
                a++;
                continue;
            }
            size_t b = a;
            while (b < n && g[ord[b]].level >= lv)
                b++;
            reverse_run(g, ord, a, b);
            a = b;
        }
    }
    free(ord);
}

/* Reorders g[0..n) whose first code points are the paragraph's from index at, levels from the
 * paragraph cps[0..pn). */
static void reorder_in_para(const uint32_t *cps, size_t pn, size_t at, struct tl_glyph *g, size_t n)
{
    uint8_t *lv = xmalloc(pn + 1);
    bidi_levels(cps, pn, lv);
    uint8_t *line = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++) /* a drawn hyphen (past the text) takes its word's level */
        line[i] = at + i < pn ? lv[at + i] : (i ? line[i - 1] : 0);
    bidi_reorder(g, n, line, bidi_para_rtl(cps, pn));
    free(line);
    free(lv);
}

void bidi_line(const struct tl_result *r, const struct tl_line *l, struct tl_glyph *g, size_t n)
{
    size_t ps = l->start, pe = l->end;
    while (ps > 0 && r->text[ps - 1] != '\n')
        ps--;
    while (r->text[pe] && r->text[pe] != '\n')
        pe++;
    uint32_t *cps = xmalloc((pe - ps + 1) * sizeof *cps);
    size_t pn = 0, at = 0, len;
    for (size_t b = ps; b < pe; b += len) {
        if (b == l->start)
            at = pn;
        cps[pn++] = utf8_decode(r->text + b, pe - b, &len);
    }
    if (bidi_has_rtl(cps, pn))
        reorder_in_para(cps, pn, at, g, n);
    free(cps);
}

void bidi_glyphs(struct tl_glyph *g, size_t n)
{
    uint32_t *cps = xmalloc((n + 1) * sizeof *cps);
    for (size_t i = 0; i < n; i++)
        cps[i] = g[i].cp;
    if (bidi_has_rtl(cps, n))
        reorder_in_para(cps, n, 0, g, n);
    free(cps);
}
