/* graphemes.c - grapheme clusters from ICU's character break iterator (UAX #29 with the emoji
 * rules: ZWJ sequences, regional-indicator pairs, modifiers, keycaps), and which of them are
 * emoji. libunibreak 1.1 (Debian's) has no grapheme breaking; ICU is already linked for words. */
#include "text/graphemes.h"
#include "base/util.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utypes.h>

/* Code points that never join the one before them and never take one after them (Han, kana,
 * full-width forms, ASCII, general punctuation other than ZWJ/ZWNJ): paragraphs made only of
 * these need no break iterator. */
static bool plain(uint32_t c)
{
    return (c >= 0x20 && c < 0x7F) || (c >= 0x2010 && c <= 0x2027) ||
           (c >= 0x2030 && c <= 0x205E) ||
           (c >= 0x2E80 && c <= 0x9FFF && c != 0x303D && c != 0x3030 && c != 0x3099 &&
            c != 0x309A) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFF9D) || (c >= 0xFFA0 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFF) || c == 0xB7 || c == 0xA0 || c == 0xA5;
}

void graphemes_joined(const uint32_t *cps, size_t n, bool *joined)
{
    bool all_plain = true;
    for (size_t i = 0; i < n; i++) {
        joined[i] = false;
        all_plain = all_plain && plain(cps[i]);
    }
    if (all_plain || n > 1000000)
        return;
    UChar *u = xmalloc((2 * n + 1) * sizeof *u);
    size_t *cp_at = xmalloc((2 * n + 1) * sizeof *cp_at);
    int32_t len = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i] > 0x10FFFF || (cps[i] >= 0xD800 && cps[i] <= 0xDFFF) ? 0xFFFD : cps[i];
        cp_at[len] = i;
        if (c >= 0x10000) {
            u[len++] = (UChar)(0xD800 + ((c - 0x10000) >> 10));
            cp_at[len] = i;
            u[len++] = (UChar)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            u[len++] = (UChar)c;
        }
    }
    cp_at[len] = n;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "zh", u, len, &st);
    if (U_SUCCESS(st) && bi) {
        for (size_t i = 1; i < n; i++)
            joined[i] = true;
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            if (b >= 0 && b < len)
                joined[cp_at[b]] = false;
    }
    ubrk_close(bi);
    free(u);
    free(cp_at);
}

size_t graphemes_next(const uint32_t *cps, size_t a, size_t n)
{
    if (a >= n)
        return n;
    if (a + 1 == n || (plain(cps[a]) && plain(cps[a + 1])))
        return a + 1;
    size_t m = n - a < 64 ? n - a : 64; /* a grapheme longer than 64 code points is cut */
    bool *j = xmalloc(m * sizeof *j);
    graphemes_joined(cps + a, m, j);
    size_t e = 1;
    while (e < m && j[e])
        e++;
    free(j);
    return a + e;
}

bool graphemes_is_emoji(const uint32_t *cps, size_t a, size_t b)
{
    if (a >= b)
        return false;
    /* every Emoji_Presentation code point lies in U+231A..U+2BFF or from U+1F000 on */
    if (b == a + 1 && (cps[a] < 0x231A || (cps[a] >= 0x2C00 && cps[a] < 0x1F000)))
        return false;
    if (u_hasBinaryProperty((UChar32)cps[a], UCHAR_EMOJI_PRESENTATION))
        return true;
    if (!u_hasBinaryProperty((UChar32)cps[a], UCHAR_EMOJI))
        return false;
    for (size_t i = a + 1; i < b; i++) {
        uint32_t c = cps[i];
        if (c == 0xFE0F || c == 0x20E3 || c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) ||
            (c >= 0xE0020 && c <= 0xE007F))
            return true;
    }
    return false;
}
