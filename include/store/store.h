/* store.h - the local content store the board plays from, and importing a bundle into it.
 *
 * STORE/bundles/<id>/   complete bundles (playlists + the media they use)
 * STORE/current         symlink to the bundle on screen, switched with one rename()
 * STORE/previous        symlink to the one before (for --rollback)
 * STORE/staging-<pid>/  an import in progress; removed at the next start if interrupted
 * STORE/lock            flock()ed exclusively by the one writer (import, rollback, cleanup)
 * A crash or power cut at any instant leaves `current` pointing at a complete bundle. A lost or
 * broken `current` is recovered (previous, else the newest complete bundle), never by deleting.
 * A player pins the bundle it plays (a shared flock on its folder): cleanup never deletes it. */
#ifndef HB_STORE_H
#define HB_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store_keep.h"
#include "store/store_result.h"
#include "store/store_stage.h"
/* $XDG_DATA_HOME/honorboard (~/.local/share/honorboard), or /var/lib/honorboard for root.
 * Caller frees. */
char *store_default_dir(void);
/* Checks the bundle at src completely (same rules as `check`, every image decoded), then copies
 * the files its playlists use into the store and makes it current. Fills res (free it with
 * store_result_free()). Returns 0 for ok/unchanged/preview, -1 otherwise. */
int store_import(const char *dir, const char *src, store_progress_fn progress, void *ctx,
                 struct store_result *res);

int store_import_with(const char *dir, const char *src, const struct store_policy *policy,
                      store_progress_fn progress, void *ctx, struct store_result *res);
/* The start every import shares (store_import_with, judge_import): store_begin(), what is on
 * screen into st->cur_hash and st->cur_version, and *staging = STORE/staging-PID (caller
 * frees) with any leftover of an earlier run of this PID removed; the folder is not created.
 * Returns the lock for store_end(), or -1 with res filled (*staging then NULL). */
int store_import_begin(const char *dir, const struct store_policy *policy, struct store_result *res,
                       struct store_staged *st, char **staging);
/* Writes REPORT.txt into the bundle folder at src when the stick is writable (best effort). */
int store_write_report(const char *src, const struct store_result *res);
/* REPORT.txt written again with a last line saying the preview sheets (预览.png) could not be
 * made (judge_preview() failed), so the author does not take an old sheet for this one. */
int store_write_report_no_preview(const char *src, const struct store_result *res);

#endif
