/* tlrules.c - where a line of Chinese with Latin and digits may break. Break opportunities come
 * from libunibreak (UAX #14, language "zh", guarded against classes libunibreak 1.1 gets
 * wrong); on top of them the W3C clreq basic prohibitions: characters that never start or end
 * a line, and pairs that never split (punct.c adds Latin runs, URLs, AI+, ranges). Also the
 * character classes the rules and the typesetter share (spaces, wide characters). */
#include "text/tlrules.h"
#include "text/graphemes.h"
#include "text/punct.h"
#include "base/util.h"

#include <linebreak.h>
#include <linebreakdef.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Never at the start of a line. */
static const uint32_t no_start[] = {
    0x3001, 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF0E, ',',    '.',    ';',    ':',
    '?',    '!',    0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3011, 0x3017,
    0x3019, 0x3009, 0x300B, ')',    ']',    '}',    0x2013, 0xFF5E, 0x301C, /* connectors – ～ 〜 */
    0x00B7, 0x30FB, 0x2027, /* middle dots · ・ ‧ */
    0xFF0F, '/',            /* ／ / */
    0x2030, '%',    0xFF05, /* per mille and percent follow their number */
};
/* Never at the end of a line. */
static const uint32_t no_end[] = {
    0x201C, 0x2018, 0x300C, 0x300E, 0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3010, 0x3016, 0x3018,
    0x3008, 0x300A, '(',    '[',    '{',    0xFFE5, 0x00A5, '$',    0xFFE0, 0x20AC, /* ￥ ¥ $ ￠ €
                                                                                     */
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
    return (cp >= 0x2E80 && cp <= 0x9FFF) || /* CJK radicals .. unified ideographs, punctuation */
           (cp >= 0xAC00 && cp <= 0xD7AF) || /* hangul */
           (cp >= 0xF900 && cp <= 0xFAFF) || /* compatibility ideographs */
           (cp >= 0xFE30 && cp <= 0xFE4F) || /* CJK compatibility forms */
           (cp >= 0xFF00 && cp <= 0xFF60) || /* full-width forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x201C ||
           cp == 0x201D || cp == 0x2018 || cp == 0x2019 || /* used as CJK quotes */
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
    return a == 0x200D || is_emoji_modifier(b) ||
           (is_regional_indicator(a) && is_regional_indicator(b));
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
    /* never inside a grapheme: an emoji sequence, a keycap, a letter and its accents */
    bool *joined = xmalloc((n ? n : 1) * sizeof *joined);
    graphemes_joined(cps, n, joined);
    for (size_t i = 0; i + 1 < n; i++)
        if (joined[i + 1])
            after[i] = false;
    free(joined);
    free(safe);
    free(brks);
}
