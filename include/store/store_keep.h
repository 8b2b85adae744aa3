/* store_keep.h - the store's folder kept sound (store_keep.c): opening it, the writer lock,
 * `current` and `previous` and their recovery, pins, cleanup, rollback; links and complete
 * bundles for store_stage.c. Paths are the store folder (dir) and names inside it ("current",
 * "bundles/<id>"); returned strings are the caller's to free. */
#ifndef HB_STORE_KEEP_H
#define HB_STORE_KEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store_heal.h" /* complete and whole bundles */
#include "store/store_result.h"

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
/* Under the lock: removes staging folders, half-made links and bundles neither current, previous
 * nor pinned; nothing at all while `current` is unsound. */
void store_cleanup(const char *dir);
/* Under the lock: recovers a lost `current` (warn gets a sentence when it did), then cleans up. */
void store_open_locked(const char *dir, char *warn, size_t warnlen);

/* Creates the store if needed, recovers a lost `current` and removes what an interrupted
 * import left (under the writer lock). 0, or -1 + err when the store cannot be used at all. A
 * store that can be read but not written (read-only disk, busy writer) gives 0 with a warning
 * in err (err[0] != 0 then), as does a recovered `current`. */
int store_open(const char *dir, char *err, size_t errlen);
/* The bundle to play: `current`'s real folder; when `current` is missing, dangling or not a
 * complete bundle, `previous`, else the newest complete bundle (warn, when not NULL, gets a
 * sentence saying so). NULL when the store holds no complete bundle. Caller frees. */
char *store_current(const char *dir);
char *store_current_warn(const char *dir, char *warn, size_t warnlen);
/* Pins a bundle folder for as long as the returned fd is open (a shared flock): cleanup
 * keeps pinned bundles. -1 when it cannot (best effort). store_unpin() accepts -1. */
int store_pin(const char *bundle);
void store_unpin(int fd);
/* One writer at a time: takes STORE/lock (waiting policy->lock_wait for another import or
 * rollback), creates the store if needed, recovers a lost `current` and cleans up. Returns the
 * lock for store_end(), or -1 with res filled (busy, read-only, full...). An import holds it
 * from before staging to after the commit. */
int store_begin(const char *dir, const struct store_policy *policy, struct store_result *res);
void store_end(int lock);
/* Removes a staging folder and everything in it (best effort). */
void store_discard(const char *staging);
/* The hash and version noted for the current bundle (hash "" when none). 0, or -1. */
int store_current_info(const char *dir, char hash[65], uint64_t *version);
/* How many slides the bundle on screen has (from its info file); 0 when none or unknown. */
int store_current_slides(const char *dir);
/* The same for any bundle folder of a store (what the status file names). 0, or -1. */
int store_bundle_info(const char *bundle, char hash[65], uint64_t *version);
/* Makes the previous bundle current again (under the writer lock, waiting up to
 * STORE_LOCK_WAIT). 0, or -1 + err. */
int store_rollback(const char *dir, char *err, size_t errlen);
#endif
