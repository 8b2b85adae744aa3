/* hyphenate.c - hyphenation points of English words (libhyphen's Liang patterns, the en-US
 * dictionary of Debian's hyphen-en-us), loaded once for the process. */
#include "text/hyphenate.h"
#include "base/util.h"

#include <ctype.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define HYPH_DICT "/usr/share/hyphen/hyph_en_US.dic"
#define MIN_WORD 7
#define MAX_WORD 64

static HyphenDict *dict;
static pthread_once_t dict_once = PTHREAD_ONCE_INIT;

static void dict_load(void)
{
#ifdef _WIN32 /* the zip carries Debian's dictionary beside its fonts */
    char *assets = hb_assets_dir();
    char *p = path_join(assets, "hyphen/hyph_en_US.dic");
    dict = hnj_hyphen_load(p);
    free(p);
    free(assets);
#else
    dict = hnj_hyphen_load(HYPH_DICT); /* NULL when not installed: no hyphens */
#endif
}

static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters of URLs, paths, e-mail addresses and identifiers: a word touching one is not
 * English prose. */
static bool is_code(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c < 0x80 && c && strchr("/@_=&?#%:\\.-+~*<>|", (int)c));
}

static void word_points(const uint32_t *cps, size_t a, size_t b, bool *hy)
{
    char w[MAX_WORD + 1], hyph[MAX_WORD + 5];
    size_t len = b - a;
    for (size_t i = 0; i < len; i++)
        w[i] = (char)tolower((int)cps[a + i]);
    w[len] = '\0';
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate3(dict, w, (int)len, hyph, NULL, &rep, &pos, &cut, 3, 3, 3, 3) == 0 &&
        !rep)
        for (size_t i = 2; i + 3 < len; i++)
            hy[a + i] = hyph[i] & 1;
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep), free(pos), free(cut);
    }
}

void hyphenate_load(void)
{
    pthread_once(&dict_once, dict_load);
}

void hyphenate_points(const uint32_t *cps, size_t n, bool *hy)
{
    for (size_t i = 0; i < n; i++)
        hy[i] = false;
    pthread_once(&dict_once, dict_load);
    if (!dict)
        return;
    for (size_t a = 0; a < n;) {
        if (!is_letter(cps[a])) {
            a++;
            continue;
        }
        size_t b = a;
        while (b < n && is_letter(cps[b]))
            b++;
        bool prose = (a == 0 || !is_code(cps[a - 1])) &&
                     (b >= n || !is_code(cps[b]) ||
                      (cps[b] == '.' && (b + 1 >= n || !is_letter(cps[b + 1]))));
        if (prose && b - a >= MIN_WORD && b - a <= MAX_WORD)
            word_points(cps, a, b, hy);
        a = b;
    }
}
