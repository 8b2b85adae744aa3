/* content.h - what the board plays: every playlist under a PATH, loaded and checked, flattened
 * into a list of items (one per slide, or one error card per playlist that cannot be played).
 * Reference-counted, so the worker thread can keep using the old content during a reload. */
#ifndef HB_CONTENT_H
#define HB_CONTENT_H

#include <stddef.h>

#include "base/diag.h"
#include "model/playlist.h"

/* The item number of the standby card (the board's title, the date and the time), shown when no
 * item's schedule is open: never a black screen. */
#define CONTENT_STANDBY (-2)

struct content_item {
    int playlist;       /* index into content.playlists, or -1 (no playlist at all) */
    int slide;          /* index into that playlist's slides, or -1 for an error card */
    char *card_message; /* error card text (owned by the content), else NULL */
};

/* Immutable once loaded, so any thread holding a reference may read it. Everything in it is
 * owned by the content and lives until the last content_unref(): pointers into it (a
 * playlist's path, a slide's text) are valid only while the reader holds a reference. The
 * reference count itself is private to content.c. */
struct content {
    char *source;                /* PATH as given */
    struct playlist **playlists; /* nplaylists; may hold NULL for unreadable files */
    char **files;                /* nplaylists playlist files, in play order */
    int nplaylists;
    struct content_item *items; /* nitems things to show, in order */
    size_t nitems;
};

/* Loads every playlist under path (reads and parses files: never call it on the frame thread).
 * Never NULL: problems become error cards (and messages in d). The caller holds one reference;
 * release it with content_unref(). */
struct content *content_load(const char *path, struct diag *d);
/* Errors listed on a playlist's error card (the rest: "... and N more"). */
#define CONTENT_CARD_ERRORS 6
/* The item to show for "slide `slide` (0-based) of playlist_path" after a reload: that slide,
 * else the last one before it in the same playlist (it was deleted), else that playlist's
 * first item (its error card when it is broken now), else 0. */
int content_nearest(const struct content *c, const char *playlist_path, int slide);
/* Takes one more reference (thread-safe); returns c. */
struct content *content_ref(struct content *c);
/* Drops a reference (thread-safe; NULL is fine); the last one frees the content. */
void content_unref(struct content *c);

#endif
