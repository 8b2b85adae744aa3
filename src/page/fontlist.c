/* fontlist.c - the faces for a pattern: fontconfig, or on Windows assets/fonts/fonts.list
 * (see fontlist.h). */
#include "page/fontlist.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifndef _WIN32
#include <fontconfig/fontconfig.h>
#endif

static void add(struct fontlist_entry **e, size_t *n, const char *file, int index)
{
    *e = xrealloc(*e, (*n + 1) * sizeof **e);
    (*e)[*n] = (struct fontlist_entry){xstrdup(file), index};
    (*n)++;
}

void fontlist_free(struct fontlist_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].file);
    free(e);
}

#ifdef _WIN32
void fontlist_init(void) {}

/* The lines of kind for pattern (and family), files joined to the list's folder. */
static struct fontlist_entry *find(const char *kind, const char *pattern, const char *family,
                                   size_t *n)
{
    *n = 0;
    char *assets = hb_assets_dir();
    char *dir = path_join(assets, "fonts");
    char *list = path_join(dir, "fonts.list");
    char *text = file_read_limited(list, 1 << 20, NULL);
    struct fontlist_entry *out = NULL;
    for (char *save = NULL, *line = text ? strtok_r(text, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save)) {
        char *col[5] = {0}, *lsave = NULL;
        int k = 0;
        for (char *c = strtok_r(line, "\t\r", &lsave); c && k < 5;
             c = strtok_r(NULL, "\t\r", &lsave))
            col[k++] = c;
        if (k < 4 || strcmp(col[0], kind) != 0 || strcmp(col[1], pattern) != 0)
            continue;
        if (family && (k < 5 || !strstr(col[4], family)))
            continue;
        char *file = path_join(dir, col[2]);
        add(&out, n, file, atoi(col[3]));
        free(file);
    }
    free(text);
    free(list);
    free(dir);
    free(assets);
    return out;
}

bool fontlist_match(const char *pattern, const char *family, struct fontlist_entry *out)
{
    size_t n;
    struct fontlist_entry *e = find("match", pattern, family, &n);
    if (n) {
        *out = e[0];
        e[0].file = NULL;
    }
    fontlist_free(e, n);
    return n > 0;
}

struct fontlist_entry *fontlist_sort(const char *pattern, size_t *n)
{
    return find("sort", pattern, NULL, n);
}
#else
void fontlist_init(void)
{
    FcInit();
}

bool fontlist_match(const char *pattern, const char *family, struct fontlist_entry *out)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return false;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    bool ok = false;
    if (m) {
        FcChar8 *file = NULL, *fam = NULL;
        int index = 0;
        FcPatternGetString(m, FC_FILE, 0, &file);
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        ok = file != NULL;
        if (ok && family) {
            ok = false;
            for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
                if (strcasecmp((const char *)fam, family) == 0)
                    ok = true;
        }
        if (ok)
            *out = (struct fontlist_entry){xstrdup((const char *)file), index};
        FcPatternDestroy(m);
    }
    FcPatternDestroy(pat);
    return ok;
}

struct fontlist_entry *fontlist_sort(const char *pattern, size_t *n)
{
    *n = 0;
    struct fontlist_entry *out = NULL;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(NULL, pat, FcTrue, NULL, &res);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *file = NULL;
        int index = 0;
        FcBool color = FcFalse, scalable = FcTrue;
        FcPatternGetString(set->fonts[i], FC_FILE, 0, &file);
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        FcPatternGetBool(set->fonts[i], FC_COLOR, 0, &color);
        FcPatternGetBool(set->fonts[i], FC_SCALABLE, 0, &scalable);
        if (file && !color && scalable)
            add(&out, n, (const char *)file, index);
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
    return out;
}
#endif
