/* designs.h - the finished designs a playlist picks with `design:` (designs.c): each is a row of
 * data (its Latin and Chinese names, colours, the face its text is set in), not code. The
 * playlist's `theme:` keys override what the design sets. */
#ifndef HB_DESIGNS_H
#define HB_DESIGNS_H

#include "model/playlist_types.h"

struct design {
    const char *name; /* as written after `design:` */
    const char *zh;   /* the Chinese name, also accepted */
    struct color background, accent, text;
    const char *font; /* fontconfig family; NULL: the default sans face */
};

extern const struct design designs[];
extern const size_t ndesigns;

/* The design named (Latin or Chinese), or NULL. */
const struct design *design_by_name(const char *name);
/* The nearest name for a misspelt one (Latin or Chinese), or NULL. */
const char *design_suggest(const char *name);
/* Sets th's colours and face from d (before the playlist's own theme keys). */
void design_apply(const struct design *d, struct theme *th);

#endif
