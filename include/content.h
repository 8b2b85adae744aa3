/* content.h - what the board plays: every playlist under a PATH, loaded and checked, flattened
 * into a list of items (one per slide, or one error card per playlist that cannot be played).
 * Reference-counted, so the worker thread can keep using the old content during a reload. */
#ifndef HB_CONTENT_H
#define HB_CONTENT_H

#include <stddef.h>

#include "diag.h"
#include "playlist.h"

struct content_item {
    int playlist;       /* index into content.playlists */
    int slide;          /* index into that playlist's slides, or -1 for an error card */
    char *card_message; /* error card text (owned), else NULL */
};

struct content {
    int refs;
    char *source;                /* PATH as given */
    struct playlist **playlists; /* may hold NULL for unreadable files */
    char **files;
    int nplaylists;
    struct content_item *items;
    size_t nitems;
};

/* Loads every playlist under path. Never NULL: problems become error cards (and messages in d).
 * Release with content_unref(). */
struct content *content_load(const char *path, struct diag *d);
struct content *content_ref(struct content *c);
void content_unref(struct content *c);

#endif
