/* store_stage.h - one import's steps (store_stage.c): the bundle a source holds, judged and
 * copied into staging, then committed with one rename of `current`. */
#ifndef HB_STORE_STAGE_H
#define HB_STORE_STAGE_H

#include "store/store_result.h"

/* The bundle folder a source holds: SRC/honorboard, or SRC itself when it holds playlists.
 * NULL when neither. Caller frees. */
char *store_bundle_root(const char *src);
/* The two halves of an import, for running the untrusted half in a confined process (judge.h):
 * store_stage() reads the source (signature, every playlist and image judged as `check` does,
 * the content hash) and, unless it is rejected or the same as cur_hash, copies what the
 * playlists use into the existing, empty folder `staging`; it touches nothing else.
 * store_commit() renames a staged folder into STORE/bundles/ and switches `current`.
 * store_import_with() is store_open + store_stage + store_commit in one process. */
int store_stage(const char *staging, const char *src, const struct store_policy *policy,
                store_progress_fn progress, void *ctx, struct store_result *res,
                struct store_staged *st);
int store_commit(const char *dir, const char *staging, const struct store_staged *st,
                 struct store_result *res);
/* A stick pulled while it was being checked: when an import that ended rejected or failed (the
 * checker read errors where files were, or was stopped) had a bundle folder at its start
 * (had_root) that src no longer holds, res says the stick was removed (aborted) instead of
 * blaming its content. */
void store_note_pulled(const char *src, bool had_root, struct store_result *res);
#endif
