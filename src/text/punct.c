/* punct.c - clreq punctuation classes, Han/Latin classification, adjacent-mark forms and the
 * break rules libunibreak does not know (Latin runs, URLs, AI+, ranges with —).
 * See W3C "Requirements for Chinese Text Layout" (clreq) §3.1 and GB/T 15834. */
#include "text/punct.h"

#include <string.h>

struct class_range {
    uint32_t cp;
    enum punct_class cls;
};

static const struct class_range classes[] = {
    {0x201C, PC_OPEN},   {0x2018, PC_OPEN},  {0xFF08, PC_OPEN},   {0x300A, PC_OPEN},
    {0x3008, PC_OPEN},   {0x300C, PC_OPEN},  {0x300E, PC_OPEN},   {0x3010, PC_OPEN},
    {0x3014, PC_OPEN},   {0x3016, PC_OPEN},  {0x3018, PC_OPEN},   {0xFF3B, PC_OPEN},
    {0xFF5B, PC_OPEN},   {0x201D, PC_CLOSE}, {0x2019, PC_CLOSE},  {0xFF09, PC_CLOSE},
    {0x300B, PC_CLOSE},  {0x3009, PC_CLOSE}, {0x300D, PC_CLOSE},  {0x300F, PC_CLOSE},
    {0x3011, PC_CLOSE},  {0x3015, PC_CLOSE}, {0x3017, PC_CLOSE},  {0x3019, PC_CLOSE},
    {0xFF3D, PC_CLOSE},  {0xFF5D, PC_CLOSE}, {0x3001, PC_PAUSE},  {0xFF0C, PC_PAUSE},
    {0x3002, PC_PAUSE},  {0xFF1B, PC_PAUSE}, {0xFF1A, PC_PAUSE},  {0xFF1F, PC_PAUSE},
    {0xFF01, PC_PAUSE},  {0xFF0E, PC_PAUSE}, {0x00B7, PC_MIDDOT}, {0x30FB, PC_MIDDOT},
    {0x2027, PC_MIDDOT}, {0x2014, PC_DASH},  {0x2015, PC_DASH},   {0x2026, PC_DASH},
    {0x2E3A, PC_DASH},   {0x22EF, PC_DASH},
};

enum punct_class punct_class(uint32_t cp)
{
    /* every mark above lies in one of these ranges: most characters leave here */
    if (!(cp == 0xB7 || (cp >= 0x2014 && cp <= 0x2027) || cp == 0x22EF || cp == 0x2E3A ||
          (cp >= 0x3001 && cp <= 0x3019) || cp == 0x30FB || (cp >= 0xFF01 && cp <= 0xFF5D)))
        return PC_NONE;
    for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
        if (classes[i].cp == cp)
            return classes[i].cls;
    return PC_NONE;
}

bool punct_squeezable(uint32_t cp)
{
    enum punct_class c = punct_class(cp);
    return c == PC_OPEN || c == PC_CLOSE || c == PC_PAUSE;
}

bool punct_is_mark(uint32_t cp)
{
    return punct_class(cp) != PC_NONE;
}

static bool is_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF);
}

enum punct_script punct_script(uint32_t cp)
{
    if (is_alnum(cp) || (cp < 0x80 && strchr("%#&@$", (int)cp)) || cp == 0x2030)
        return PS_LATIN;
    if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FA) ||
        (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3007)
        return PS_HAN;
    return PS_OTHER;
}

/* Letters, digits and ASCII signs: the characters of words, numbers, URLs and e-mail addresses.
 * (Emoji, symbols and other scripts are left to libunibreak.) */
static bool in_latin_run(uint32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == 0xA0 || punct_class(cp) != PC_NONE)
        return false;
    return (cp > 0x20 && cp < 0x7F) || (cp >= 0xA1 && cp < 0x530);
}

/* A letter, mark or sign of a right-to-left script (Hebrew, Arabic - Uyghur's letters -,
 * Syriac, Thaana, N'Ko and their presentation forms): its words join, so justification never
 * pulls them apart (a gap inside an Arabic word would cut the joined letters). */
static bool in_rtl_word(uint32_t cp)
{
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFE);
}

enum punct_gap punct_gap(uint32_t a, uint32_t b)
{
    enum punct_class ca = punct_class(a), cb = punct_class(b);
    /* a mark stays with what it closes or opens: no space before 。，” ） or , . ) after a word,
     * none after “ （ */
    if (cb == PC_CLOSE || cb == PC_PAUSE || ca == PC_OPEN ||
        (b && b < 0x80 && strchr(",.;:!?)]}", (int)b)) || (a && a < 0x80 && strchr("([{", (int)a)))
        return GAP_NONE;
    enum punct_script sa = punct_script(a), sb = punct_script(b);
    if (ca == PC_CLOSE && sb == PS_LATIN)
        return GAP_NONE; /* 〔2024〕3 号: the bracket's own blank is the space */
    if ((sa == PS_HAN && sb == PS_LATIN) || (sa == PS_LATIN && sb == PS_HAN))
        return GAP_QUARTER;
    if (ca != PC_NONE && cb != PC_NONE)
        return GAP_NONE; /* two marks: never pulled apart (—— and …… included) */
    if ((in_latin_run(a) || in_rtl_word(a)) && (in_latin_run(b) || in_rtl_word(b)))
        return GAP_NONE; /* inside a word or a number */
    if ((ca == PC_DASH && sb == PS_LATIN) || (sa == PS_LATIN && cb == PC_DASH))
        return GAP_NONE; /* a range: 8:30—12:00 */
    return GAP_STRETCH;
}

static bool blank_right(enum punct_class c)
{
    return c == PC_CLOSE || c == PC_PAUSE;
}

void punct_pair_forms(const uint32_t *cps, size_t n, bool *half)
{
    for (size_t i = 0; i < n; i++)
        half[i] = false;
    for (size_t i = 0; i + 1 < n; i++) {
        enum punct_class a = punct_class(cps[i]), b = punct_class(cps[i + 1]);
        if (a == PC_MIDDOT && i > 0 && punct_script(cps[i - 1]) == PS_HAN &&
            punct_script(cps[i + 1]) == PS_HAN)
            half[i] = true; /* a name's middle dot: half width (GB/T 15834) */
        if (!punct_squeezable(cps[i]) || !punct_squeezable(cps[i + 1]))
            continue;
        if (blank_right(a))
            half[i] = true; /* ”，  。”  》《  ！” */
        else if (b == PC_OPEN)
            half[i + 1] = true; /* （“  《「 */
        else
            half[i] = true; /* an opening mark before a closing one: “” */
    }
    for (size_t i = 1; i + 1 < n; i++) /* a mark quoted alone is the subject: “：” stays full */
        if (punct_class(cps[i - 1]) == PC_OPEN && punct_class(cps[i + 1]) == PC_CLOSE &&
            punct_squeezable(cps[i]))
            half[i] = false;
}

static size_t alnum_count(const uint32_t *cps, size_t from, size_t to)
{
    size_t k = 0;
    for (size_t i = from; i < to; i++)
        k += is_alnum(cps[i]);
    return k;
}

static bool is_url_sep(uint32_t a)
{
    return a == '/' || a == '.' || a == '@' || a == '-' || a == '?' || a == '&' || a == '=' ||
           a == '_';
}

/* Inside one Latin run [s, e): breaks only after / . @ - and the URL and identifier
 * separators ? & = _ (no hyphen added; after the last of several: https:// | www), at least 3
 * letters on each side. */
static void latin_run_rules(const uint32_t *cps, size_t s, size_t e, bool *after)
{
    for (size_t i = s; i + 1 < e; i++) {
        uint32_t a = cps[i];
        bool sep = is_url_sep(a) && !is_url_sep(cps[i + 1]); /* https:// | www, not / | / */
        after[i] = sep && alnum_count(cps, s, i + 1) >= 3 && alnum_count(cps, i + 1, e) >= 3;
    }
}

void punct_apply_rules(const uint32_t *cps, size_t n, bool *after)
{
    size_t s = 0;
    while (s < n) {
        if (!in_latin_run(cps[s])) {
            s++;
            continue;
        }
        size_t e = s;
        while (e < n && in_latin_run(cps[e]))
            e++;
        latin_run_rules(cps, s, e, after);
        s = e;
    }
    /* a middle dot between Han characters (a name: 阿依古丽·买买提) may end a line */
    for (size_t i = 1; i + 1 < n; i++)
        if (punct_class(cps[i]) == PC_MIDDOT && punct_script(cps[i - 1]) == PS_HAN &&
            punct_script(cps[i + 1]) == PS_HAN)
            after[i] = true;
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t a = cps[i], b = cps[i + 1];
        bool a_space = a == ' ' || a == 0x3000 || a == '\t' || a == 0xA0;
        if (b == '+' && !a_space)
            after[i] = false; /* AI+  互联网+ */
        bool digit_a = a >= '0' && a <= '9';
        bool single_dash = b == 0x2014 && (i + 2 >= n || cps[i + 2] != 0x2014);
        if (digit_a && single_dash && i + 2 < n && cps[i + 2] >= '0' && cps[i + 2] <= '9')
            after[i] = false; /* 8:30—12:00: the range dash stays with its first number */
    }
}

void punct_name_parts(const uint32_t *cps, size_t n, bool *inside)
{
    for (size_t i = 0; i < n; i++)
        inside[i] = false;
    for (size_t i = 1; i + 1 < n; i++) {
        if (punct_class(cps[i]) != PC_MIDDOT || punct_script(cps[i - 1]) != PS_HAN ||
            punct_script(cps[i + 1]) != PS_HAN)
            continue;
        for (size_t j = i; j-- > 0 && j + 4 >= i && punct_script(cps[j]) == PS_HAN;)
            if (j + 1 < i)
                inside[j] = true;
        for (size_t j = i + 1; j <= i + 3 && j + 1 < n && punct_script(cps[j]) == PS_HAN &&
                               punct_script(cps[j + 1]) == PS_HAN;
             j++)
            inside[j] = true;
    }
}

void punct_nesting(const uint32_t *cps, size_t n, int *depth)
{
    static const uint32_t open[] = {0x300A, 0x3008, 0x201C, 0x300C, 0x300E, 0x2018};
    static const uint32_t close[] = {0x300B, 0x3009, 0x201D, 0x300D, 0x300F, 0x2019};
    int d = 0;
    unsigned char stack[32]; /* which kind each open mark was: ’ closes only a ‘ (else an
                              * apostrophe, it’s) */
    for (size_t i = 0; i < n; i++) {
        for (unsigned char k = 0; k < sizeof open / sizeof *open; k++) {
            if (cps[i] == open[k]) {
                if (d < (int)sizeof stack)
                    stack[d] = k;
                d++;
            } else if (cps[i] == close[k] && d > 0 &&
                       (k != 5 || (d <= (int)sizeof stack && stack[d - 1] == 5))) {
                d--;
            }
        }
        depth[i] = d;
    }
}
