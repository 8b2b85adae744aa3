/* fontchain.c - which faces set each weight, in order (see fontchain.h): asked of fontlist.c
 * (fontconfig on Linux, its written-down answers on Windows). */
#include "page/fontchain.h"
#include "base/util.h"
#include "page/fontlist.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int add_face(struct font_chain *f, const char *file, int index)
{
    for (int i = 0; i < f->nfaces; i++)
        if (strcmp(f->faces[i].file, file) == 0 && f->faces[i].index == index)
            return i;
    if (f->nfaces == FONT_MAX_FACES)
        return -1;
    f->faces[f->nfaces].file = xstrdup(file);
    f->faces[f->nfaces].index = index;
    return f->nfaces++;
}

static void chain_add(struct font_chain *f, int w, int face)
{
    if (face < 0)
        return;
    for (int i = 0; i < f->nchain[w]; i++)
        if (f->chain[w][i] == face)
            return;
    if (f->nchain[w] < FONT_MAX_FACES)
        f->chain[w][f->nchain[w]++] = face;
}

/* The best face for a pattern (with require_family: only of that family), added to the faces. */
static int fc_match(struct font_chain *f, const char *pattern, bool require_family,
                    const char *family)
{
    struct fontlist_entry e;
    if (!fontlist_match(pattern, require_family ? family : NULL, &e))
        return -1;
    int face = add_face(f, e.file, e.index);
    free(e.file);
    return face;
}

static void fc_fallbacks(struct font_chain *f, int w)
{
    size_t n;
    struct fontlist_entry *e =
        fontlist_sort(w == FONT_BOLD ? "sans-serif:lang=zh-cn:bold" : "sans-serif:lang=zh-cn", &n);
    for (size_t i = 0; i < n && f->nchain[w] < FONT_MAX_FACES - 1; i++)
        chain_add(f, w, add_face(f, e[i].file, e[i].index));
    fontlist_free(e, n);
}

static bool is_font_file(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && (strcasecmp(s + n - 4, ".ttf") == 0 || strcasecmp(s + n - 4, ".otf") == 0 ||
                     strcasecmp(s + n - 4, ".ttc") == 0);
}

void fontchain_find(struct font_chain *f, const char *family, const char *title)
{
    memset(f, 0, sizeof *f);
    fontlist_init();
    if (title && *title && !(family && *family)) { /* headings and names in the title face */
        char *pat = xasprintf("%s:lang=zh-cn:bold", title);
        chain_add(f, FONT_BOLD, fc_match(f, pat, true, title));
        free(pat);
    }
    if (family && *family) {
        if (is_font_file(family)) {
            if (!strstr(family, "..") && family[0] != '/') {
                char *dir = hb_assets_dir();
                char *p = path_join(dir, family);
                if (path_is_file(p)) {
                    int face = add_face(f, p, 0);
                    chain_add(f, FONT_REGULAR, face);
                    chain_add(f, FONT_BOLD, face);
                }
                free(p);
                free(dir);
            }
        } else {
            char *pat = xasprintf("%s:lang=zh-cn", family);
            chain_add(f, FONT_REGULAR, fc_match(f, pat, true, family));
            free(pat);
            pat = xasprintf("%s:lang=zh-cn:bold", family);
            chain_add(f, FONT_BOLD, fc_match(f, pat, true, family));
            free(pat);
        }
    }
    chain_add(f, FONT_REGULAR,
              fc_match(f, "Noto Sans CJK SC:lang=zh-cn", true, "Noto Sans CJK SC"));
    chain_add(f, FONT_BOLD,
              fc_match(f, "Noto Sans CJK SC:lang=zh-cn:bold", true, "Noto Sans CJK SC"));
    static const char *const rtl_faces[][2] = {{"Noto Sans Arabic:lang=ug", "Noto Sans Arabic"},
                                               {"Noto Sans Hebrew:lang=he", "Noto Sans Hebrew"}};
    for (size_t i = 0; i < 4; i++) { /* each regular, then bold */
        char *pat = xasprintf("%s%s", rtl_faces[i / 2][0], i % 2 ? ":bold" : "");
        chain_add(f, (int)(i % 2), fc_match(f, pat, true, rtl_faces[i / 2][1]));
        free(pat);
    }
    f->emoji = fc_match(f, "Noto Color Emoji", true, "Noto Color Emoji");
    for (int w = 0; w < FONT_WEIGHT_COUNT; w++)
        fc_fallbacks(f, w);
    chain_add(f, FONT_REGULAR, f->emoji); /* last: for what no other face has */
    /* Bold falls back to the regular chain for what bold faces lack. */
    for (int i = 0; i < f->nchain[FONT_REGULAR]; i++)
        chain_add(f, FONT_BOLD, f->chain[FONT_REGULAR][i]);
}
