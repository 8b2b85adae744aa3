/* bundle.h - a content bundle on its way into the store: the files its playlists use (judged
 * exactly as `check` judges them), their hash, and copying them with plain read/write (never
 * mmap a stick). store.c decides what to do with it; nothing here touches the store. */
#ifndef HB_BUNDLE_H
#define HB_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/validate.h"
#include "picture/photomemo.h"

/* One file the bundle uses: its path inside the bundle and its size when it was judged; and
 * what reading it once found (bundle_read.h; all zero until then). */
struct bundle_file {
    char *rel; /* owned */
    uint64_t size;
    char hash[65];          /* BLAKE2b of the bytes read from the source; "" not read */
    struct photomemo_id id; /* the source file as it was when read */
    bool staged;            /* written into staging: the bytes read, or the photo cut down */
    bool cut;               /* staged cut down for the screen (not the bytes read) */
};

/* The files a bundle's playlists use, sorted by path, each once. Zero-initialise; free with
 * bundle_plan_free(). */
struct bundle_plan {
    struct bundle_file *files; /* owned: n of them (cap allocated) */
    size_t n, cap;
    uint64_t total; /* bytes */
};

/* What judging found out beyond the messages. */
struct bundle_summary {
    char title[256]; /* the first playlist's title */
    int slides;
};

/* Judges every playlist under root with validate_playlist_file(o) (messages into d) and plans
 * the files they use. Returns the number of errors in d. */
int bundle_judge(const char *root, const struct validate_opts *o, struct bundle_plan *plan,
                 struct bundle_summary *sum, struct diag *d);
/* The files the playlists under root use, by a quick walk (parsed, not judged; sizes from
 * stat): what bundle_judge() will most likely plan, so it can be read before it is judged. */
void bundle_list(const char *root, struct bundle_plan *plan);
/* What every board's import refuses, found before the bundle leaves the office (`sign`,
 * `publish`): root judged like an import judges it (photos decoded, clips opened), its plan, and
 * its hash (the one a board's status reports; "" when a file cannot be read). Returns the number
 * of errors in d. */
int bundle_check(const char *root, struct bundle_plan *plan, char hash[65], struct diag *d);
bool bundle_plan_has(const struct bundle_plan *p, const char *rel);
void bundle_plan_free(struct bundle_plan *p);

/* The bundle's identity: every planned file's path, size and content hash (BLAKE2b of the
 * three, the content's hash read with the file unless bundle_read() found it). 0, or -1 when
 * a file cannot be read (the stick was pulled?). */
int bundle_hash(const char *root, const struct bundle_plan *p, char out[65]);

/* Called while copying with the bytes done so far of all of them; false abandons the copy. */
typedef bool (*bundle_progress_fn)(void *ctx, uint64_t done, uint64_t total);
/* Copies every planned file not staged yet from root (opened confined to it) to the same path
 * under dst, checking each still has the size it was judged at (and the hash it was read with,
 * when bundle_read() read it), unsynced: the caller syncs the whole. 0, or -1 with the reason in
 * err ("import stopped" when progress said stop); *write_errno is then the errno of a failed
 * write to dst (ENOSPC, EROFS...), or 0 when reading root failed (the stick). */
int bundle_copy(const char *root, const struct bundle_plan *p, const char *dst,
                bundle_progress_fn progress, void *ctx, int *write_errno, char *err, size_t errlen);

#endif
