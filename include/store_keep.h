/* store_keep.h - the store's folder as store_stage.c needs it (store_keep.c): links, the writer
 * lock, complete bundles, cleanup. Not for other modules, which use store.h. Paths are the store
 * folder (dir) and names inside it ("current", "bundles/<id>"); returned strings are the
 * caller's to free. */
#ifndef HB_STORE_KEEP_H
#define HB_STORE_KEEP_H

#include <stdbool.h>
#include <stddef.h>

/* The note every complete bundle holds, written last by its import (hash, version, title). */
#define STORE_INFO_FILE ".honorboard-bundle"

/* rm -rf path (no symbolic link followed). 0, or -1 with errno. */
int store_rm_rf(const char *path);
/* The target of the symlink dir/name ("bundles/<id>"), or NULL. */
char *store_link_target(const char *dir, const char *name);
/* Points dir/name at target atomically (a new symlink renamed over the old). 0, or -1 + errno. */
int store_set_link(const char *dir, const char *name, const char *target);
/* Takes STORE/lock, waiting up to wait_s seconds (< 0: not at all) for another writer. The
 * lock's fd, or -1 with a sentence in err and errno (EBUSY: another writer; EROFS, EACCES...). */
int store_lock(const char *dir, double wait_s, char *err, size_t errlen);
void store_unlock(int fd); /* -1 is fine */
/* "bundles/<name>" holding its note: a bundle an import finished. */
bool store_complete_bundle(const char *dir, const char *rel);
/* Under the lock: removes staging folders, half-made links and bundles neither current, previous
 * nor pinned; nothing at all while `current` is unsound. */
void store_cleanup(const char *dir);
/* Under the lock: recovers a lost `current` (warn gets a sentence when it did), then cleans up. */
void store_open_locked(const char *dir, char *warn, size_t warnlen);

#endif
