/* words.c - Chinese word boundaries from ICU's word break iterator (its dictionary, cjdict,
 * knows Chinese words; libunibreak only knows where lines may break, which in Han text is
 * everywhere). Used only to weigh where a balanced heading breaks; body text may break between
 * any two characters, as Chinese typesetting does. ICU's dictionary is general: the words of
 * the field it splits (服刑, 读书会, 民警, 监区 ...) are kept whole by a small list below. */
#include "text/words.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>
#ifdef _WIN32
#include <pthread.h>
#include <unicode/putil.h>

/* Windows: ICU's data is the file icudt72l.dat (the board's libicu72 data, from the same
 * Debian source) in assets/icu beside honorboard.exe. */
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;
static void icu_data_dir(void)
{
    char *a = hb_assets_dir();
    char *d = path_join(a, "icu");
    u_setDataDirectory(d);
    free(d);
    free(a);
}
#endif

/* Words of the field that ICU's dictionary splits or does not know: never broken in a
 * heading. */
static const char *const field_words[] = {
    "服刑人员", "服刑",     "读书会",   "民警",     "监区",   "分监狱",     "监狱",     "狱警",
    "先进集体", "先进个人", "共产党员", "党支部",   "党组织", "心理咨询师", "心理咨询", "教育改造",
    "刑满释放", "平安监狱", "疫情防控", "操作系统", "守护",   "表彰大会",   "开放日",   "信息化",
};

/* Marks the inside of every field word found in cps[0..n). */
static void mark_field_words(const uint32_t *cps, size_t n, bool *inner)
{
    for (size_t w = 0; w < sizeof field_words / sizeof *field_words; w++) {
        uint32_t wc[8];
        size_t wl = 0, len;
        const char *s = field_words[w];
        for (size_t i = 0; s[i] && wl < 8; i += len)
            wc[wl++] = utf8_decode(s + i, strlen(s + i), &len);
        for (size_t a = 0; a + wl <= n; a++) {
            size_t k = 0;
            while (k < wl && cps[a + k] == wc[k])
                k++;
            if (k == wl)
                for (size_t e = a + 1; e < a + wl; e++)
                    inner[e] = true;
        }
    }
}

bool *words_inner(const uint32_t *cps, size_t n)
{
    if (n == 0 || n > 100000)
        return NULL;
    /* UTF-16 for ICU, and each UTF-16 offset's code point index */
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
    bool *inner = NULL;
    UErrorCode st = U_ZERO_ERROR;
#ifdef _WIN32
    pthread_once(&icu_once, icu_data_dir);
#endif
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", u, len, &st);
    if (U_SUCCESS(st) && bi) {
        inner = xcalloc(n + 1, sizeof *inner);
        for (size_t e = 1; e < n; e++)
            inner[e] = true;
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            if (b >= 0 && b <= len)
                inner[cp_at[b]] = false;
        mark_field_words(cps, n, inner);
    }
    ubrk_close(bi);
    free(u);
    free(cp_at);
    return inner;
}
