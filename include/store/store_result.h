/* store_result.h - what an import comes to and what it is allowed (store_result.c): the
 * outcome and its words for the screen, the log and REPORT.txt, the board's policy for
 * bundles, and what one staging of a bundle noted. Below every other file of the store. */
#ifndef HB_STORE_RESULT_H
#define HB_STORE_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

struct glyph_checker; /* validate.h */
struct playlist;      /* playlist.h */

/* STORE_PREVIEW: the stick asked for report and preview only (只预览.txt): judged, nothing
 * loaded on purpose, whatever the content. Last, so the numbers the checker sends keep theirs. */
enum store_outcome {
    STORE_OK,
    STORE_REJECTED,
    STORE_UNCHANGED,
    STORE_ABORTED,
    STORE_FAILED,
    STORE_PREVIEW
};

struct store_result {
    enum store_outcome outcome;
    char message[1024]; /* one plain sentence for the screen and the log */
    char title[256];    /* the first playlist's title */
    int slides;
    char bundle[512]; /* the bundle folder now current (ok, unchanged; "" for a preview) */
    struct diag diag; /* every error and warning of the check; store_result_free() */
    /* The stick's preview sheets the checker drew from the pictures it had just decoded
     * (policy sheets_w/h), in this folder, for this outcome; "" when it drew none (then
     * judge_preview() draws them in a checker of their own). */
    char sheets[600];
    int sheets_outcome;
};

/* Called while copying; return false to abandon the import (it is then "aborted"). */
typedef bool (*store_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* "ok", "rejected", "unchanged", "aborted", "failed", "preview": static strings. */
const char *store_outcome_name(enum store_outcome o);

/* What a board accepts: with trusted keys, only bundles signed by one of them (sign.h), every
 * used file covered by the signature, and a version newer than the current bundle's. Every
 * pointer in it is borrowed: it must outlive the import it is given to. */
struct store_policy {
    const char *const *trusted_keys; /* .pub files */
    int ntrusted;
    int prescale; /* > 0: JPEGs stored with their shorter side cut to about this many pixels */
    const struct glyph_checker *glyphs; /* warn about characters no font has (as `check`) */
    void (*advise)(const struct playlist *pl, struct diag *d); /* layout warnings (as `check`) */
    int advise_w, advise_h; /* the screen those warnings are for (this board's); 0: 1920x1080 */
    /* Told the name of each file before it is judged ("SIGNATURE", then each playlist), so
     * a checker that crashes on it can be named (judge.c). May be NULL. */
    void (*judging)(void *ctx, const char *file);
    void *judging_ctx;
    double lock_wait;   /* seconds to wait for another writer; 0 = STORE_LOCK_WAIT, < 0 = none */
    bool need_manifest; /* an inbox bundle: stored only when MANIFEST (or the signature) lists
                         * every copied file with its hash */
    /* > 0: the checker also draws the stick's preview sheets for a screen of this size once
     * its verdict is sent, from the photos it has just decoded (judge_preview() takes them). */
    int sheets_w, sheets_h;
};
#define STORE_LOCK_WAIT 120.0
/* What one staging of a bundle knew and found (store_stage.h, judge.h). */
struct store_staged {
    char cur_hash[65];    /* in: the hash of the bundle on screen, "" when none */
    uint64_t cur_version; /* in: its signed version */
    char hash[65];        /* out: the new content's hash (hex) */
    uint64_t version;     /* out: its signed version (0 unsigned) */
    char stamp[32];       /* out: when it was staged */
    bool inbox;           /* in: an inbox bundle (store_commit()'s words name no stick) */
};
void store_result_free(struct store_result *res);

/* The words of a result, for the store's own modules (store_keep.c, store_stage.c): */
void store_set_msg(struct store_result *res, enum store_outcome o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "a.yaml line 14: ..." - the first error of d in words a person at the screen can act on. */
void store_first_error(const struct diag *d, char *out, size_t n);
/* The store's disk said no (errno e): full, read-only, or another error - never "stick pulled". */
void store_write_failed(struct store_result *res, const char *dir, int e);

#endif
