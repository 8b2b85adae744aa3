/* fontchain.h - which faces set each weight, in order: the theme's font (a fontconfig family or a
 * file in assets/), a design's title face for bold, Noto Sans CJK SC, Noto Sans Arabic and Hebrew
 * (right-to-left scripts), fontconfig's sorted list for "sans-serif:lang=zh-cn", and the colour
 * emoji face last. Only names of files: fonts.c opens and maps them. */
#ifndef HB_FONTCHAIN_H
#define HB_FONTCHAIN_H

#define FONT_MAX_FACES 16

enum font_weight { FONT_REGULAR, FONT_BOLD, FONT_WEIGHT_COUNT };

struct font_chain {
    struct {
        char *file; /* owned; handed on to whoever keeps the chain */
        int index;  /* face index in a .ttc */
    } faces[FONT_MAX_FACES];
    int nfaces;
    int chain[FONT_WEIGHT_COUNT][FONT_MAX_FACES]; /* indices into faces, best first */
    int nchain[FONT_WEIGHT_COUNT];
    int emoji; /* the colour emoji face, -1 none */
};

/* Fills c for family (NULL: none) and title (a bold face for headings, used when family is
 * NULL). Call under fonts.c's lock (fontconfig is not thread-safe here). */
void fontchain_find(struct font_chain *c, const char *family, const char *title);

#endif
