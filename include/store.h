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

#include "diag.h"

struct glyph_checker; /* validate.h */
struct playlist;      /* playlist.h */

enum store_outcome { STORE_OK, STORE_REJECTED, STORE_UNCHANGED, STORE_ABORTED, STORE_FAILED };

struct store_result {
    enum store_outcome outcome;
    char message[1024]; /* one plain sentence for the screen and the log */
    char title[256];    /* the first playlist's title */
    int slides;
    char bundle[512];   /* the bundle folder now current (ok, unchanged) */
    struct diag diag;   /* every error and warning of the check; store_result_free() */
};

/* Called while copying; return false to abandon the import (it is then "aborted"). */
typedef bool (*store_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* "ok", "rejected", "unchanged", "aborted", "failed": static strings. */
const char *store_outcome_name(enum store_outcome o);

/* $XDG_DATA_HOME/honorboard (~/.local/share/honorboard), or /var/lib/honorboard for root.
 * Caller frees. */
char *store_default_dir(void);
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
/* The bundle folder a source holds: SRC/honorboard, or SRC itself when it holds playlists.
 * NULL when neither. Caller frees. */
char *store_bundle_root(const char *src);
/* Checks the bundle at src completely (same rules as `check`, every image decoded), then copies
 * the files its playlists use into the store and makes it current. Fills res (free it with
 * store_result_free()). Returns 0 for ok/unchanged, -1 otherwise. */
int store_import(const char *dir, const char *src, store_progress_fn progress, void *ctx,
                 struct store_result *res);

/* What a board accepts: with trusted keys, only bundles signed by one of them (sign.h), every
 * used file covered by the signature, and a version newer than the current bundle's. Every
 * pointer in it is borrowed: it must outlive the import it is given to. */
struct store_policy {
    const char *const *trusted_keys; /* .pub files */
    int ntrusted;
    int prescale; /* > 0: JPEGs stored with their shorter side cut to about this many pixels */
    const struct glyph_checker *glyphs; /* warn about characters no font has (as `check`) */
    void (*advise)(const struct playlist *pl, struct diag *d); /* layout warnings (as `check`) */
    /* Told the name of each file before it is judged ("SIGNATURE", then each playlist), so
     * a checker that crashes on it can be named (judge.c). May be NULL. */
    void (*judging)(void *ctx, const char *file);
    void *judging_ctx;
    double lock_wait; /* seconds to wait for another writer; 0 = STORE_LOCK_WAIT, < 0 = none */
    bool need_manifest; /* an inbox bundle: stored only when MANIFEST (or the signature) lists
                         * every copied file with its hash */
};
#define STORE_LOCK_WAIT 120.0
/* One writer at a time: takes STORE/lock (waiting policy->lock_wait for another import or
 * rollback), creates the store if needed, recovers a lost `current` and cleans up. Returns the
 * lock for store_end(), or -1 with res filled (busy, read-only, full...). An import holds it
 * from before staging to after the commit. */
int store_begin(const char *dir, const struct store_policy *policy, struct store_result *res);
void store_end(int lock);
int store_import_with(const char *dir, const char *src, const struct store_policy *policy,
                      store_progress_fn progress, void *ctx, struct store_result *res);
struct store_staged;
/* The start every import shares (store_import_with, judge_import): store_begin(), what is on
 * screen into st->cur_hash and st->cur_version, and *staging = STORE/staging-PID (caller
 * frees) with any leftover of an earlier run of this PID removed; the folder is not created.
 * Returns the lock for store_end(), or -1 with res filled (*staging then NULL). */
int store_import_begin(const char *dir, const struct store_policy *policy,
                       struct store_result *res, struct store_staged *st, char **staging);
/* The two halves of an import, for running the untrusted half in a confined process (judge.h):
 * store_stage() reads the source (signature, every playlist and image judged as `check` does,
 * the content hash) and, unless it is rejected or the same as cur_hash, copies what the
 * playlists use into the existing, empty folder `staging`; it touches nothing else.
 * store_commit() renames a staged folder into STORE/bundles/ and switches `current`.
 * store_import_with() is store_open + store_stage + store_commit in one process. */
struct store_staged {
    char cur_hash[65];    /* in: the hash of the bundle on screen, "" when none */
    uint64_t cur_version; /* in: its signed version */
    char hash[65];        /* out: the new content's hash (hex) */
    uint64_t version;     /* out: its signed version (0 unsigned) */
    char stamp[32];       /* out: when it was staged */
};
int store_stage(const char *staging, const char *src, const struct store_policy *policy,
                store_progress_fn progress, void *ctx, struct store_result *res,
                struct store_staged *st);
int store_commit(const char *dir, const char *staging, const struct store_staged *st,
                 struct store_result *res);
/* Removes a staging folder and everything in it (best effort). */
void store_discard(const char *staging);
/* The hash and version noted for the current bundle (hash "" when none). 0, or -1. */
int store_current_info(const char *dir, char hash[65], uint64_t *version);
/* Makes the previous bundle current again (under the writer lock, waiting up to
 * STORE_LOCK_WAIT). 0, or -1 + err. */
int store_rollback(const char *dir, char *err, size_t errlen);
/* Writes REPORT.txt into the bundle folder at src when the stick is writable (best effort). */
void store_write_report(const char *src, const struct store_result *res);
void store_result_free(struct store_result *res);

/* The words of a result, for the store's own modules (store_keep.c, store_stage.c): */
void store_set_msg(struct store_result *res, enum store_outcome o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "a.yaml line 14: ..." - the first error of d in words a person at the screen can act on. */
void store_first_error(const struct diag *d, char *out, size_t n);
/* The store's disk said no (errno e): full, read-only, or another error - never "stick pulled". */
void store_write_failed(struct store_result *res, const char *dir, int e);

#endif
