/* store.h - the local content store the board plays from, and importing a bundle into it.
 *
 * STORE/bundles/<id>/   complete bundles (playlists + the media they use)
 * STORE/current         symlink to the bundle on screen, switched with one rename()
 * STORE/previous        symlink to the one before (for --rollback)
 * STORE/staging-<pid>/  an import in progress; removed at the next start if interrupted
 * A crash or power cut at any instant leaves `current` pointing at a complete bundle. */
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

const char *store_outcome_name(enum store_outcome o); /* ok, rejected, unchanged, aborted, failed */

/* $XDG_DATA_HOME/honorboard (~/.local/share/honorboard), or /var/lib/honorboard for root. */
char *store_default_dir(void);
/* Creates the store if needed and removes what an interrupted import left. 0, or -1 + err. */
int store_open(const char *dir, char *err, size_t errlen);
/* The current bundle's real folder, or NULL when the store is empty. Caller frees. */
char *store_current(const char *dir);
/* The bundle folder a source holds: SRC/honorboard, or SRC itself when it holds playlists.
 * NULL when neither. Caller frees. */
char *store_bundle_root(const char *src);
/* Checks the bundle at src completely (same rules as `check`, every image decoded), then copies
 * the files its playlists use into the store and makes it current. Fills res (free it with
 * store_result_free()). Returns 0 for ok/unchanged, -1 otherwise. */
int store_import(const char *dir, const char *src, store_progress_fn progress, void *ctx,
                 struct store_result *res);

/* What a board accepts: with trusted keys, only bundles signed by one of them (sign.h), every
 * used file covered by the signature, and a version newer than the current bundle's. */
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
};
int store_import_with(const char *dir, const char *src, const struct store_policy *policy,
                      store_progress_fn progress, void *ctx, struct store_result *res);
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
/* Makes the previous bundle current again. 0, or -1 + err. */
int store_rollback(const char *dir, char *err, size_t errlen);
/* Writes REPORT.txt into the bundle folder at src when the stick is writable (best effort). */
void store_write_report(const char *src, const struct store_result *res);
void store_result_free(struct store_result *res);

#endif
