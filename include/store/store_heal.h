/* store_heal.h - is a stored bundle sound enough to play (store_heal.c): complete, whole
 * (MANIFEST's sizes and hashes, playlists that parse), and damaged ones put aside in
 * STORE/damaged/ where cleanup never deletes them. */
#ifndef HB_STORE_HEAL_H
#define HB_STORE_HEAL_H

#include <stdbool.h>
#include <stddef.h>

/* The note every complete bundle holds, written last by its import (hash, version, title). */
#define STORE_INFO_FILE ".honorboard-bundle"

/* "bundles/<name>" holding its note: a bundle an import finished. */
bool store_complete_bundle(const char *dir, const char *rel);
/* Is the complete bundle dir/rel whole (its MANIFEST matches, every playlist parses)? When not,
 * why gets the first fault. */
bool store_bundle_whole(const char *dir, const char *rel, char *why, size_t n);
/* Moves dir/rel into dir/damaged/ (a suffix when the name is taken). 0, or -1 with errno. */
int store_put_aside(const char *dir, const char *rel);

/* What a search for a bundle to play passed over: the first damaged bundle and why, and
 * whether it was put aside. */
struct store_passed {
    char rel[256], why[512];
    bool aside;
};
/* Is dir/rel whole? A damaged one is noted in *p (the first only) and, with `aside` (only under
 * the writer lock), put aside. */
bool store_whole_or_note(const char *dir, const char *rel, bool aside, struct store_passed *p);

#endif
