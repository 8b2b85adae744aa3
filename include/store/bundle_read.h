/* bundle_read.h - an import reads each file of a bundle once (bundle_read.c): a worker per core
 * reads a file whole from the source, hashes it, writes it into the staging folder and, for a
 * JPEG, decodes it strictly at the smallest scale its purpose needs (1/8 for the check, the
 * store's size when the photo is cut down for the screen: then the cut-down file is what is
 * written). The verdict is remembered (photomemo.h), so judging the playlists afterwards finds
 * every photo judged, and the copy is done by then. */
#ifndef HB_BUNDLE_READ_H
#define HB_BUNDLE_READ_H

#include "store/bundle.h"

/* How bundle_read() reads. */
struct bundle_reading {
    const char *staging; /* where the files go (the same paths), or NULL: hash and check only */
    int side;            /* cut JPEGs down to this shorter side (images_prescale_jpeg()), or 0 */
    bundle_progress_fn progress; /* bytes read of all the plan's files; false stops */
    void *ctx;
    int write_errno; /* set when writing into staging failed (ENOSPC, EROFS...) */
    bool stopped;    /* progress said stop */
};

/* Reads every file of p that has no hash yet (see struct bundle_file), on a worker per core.
 * A file that cannot be read is left without a hash (the judge then says why). Returns 0, or
 * -1 when writing into staging failed or progress said stop (see how). */
int bundle_read(const char *root, struct bundle_plan *p, struct bundle_reading *how);

/* What was read for `from` (a quick walk's plan) goes to the same files of `to` (the judge's
 * plan) when they have the same size; what was staged for a file `to` does not use is removed
 * from staging (may be NULL). */
void bundle_plan_take(struct bundle_plan *to, const struct bundle_plan *from, const char *staging);

/* The first file of p read by bundle_read() that is no longer what was read (changed,
 * replaced or gone since: *gone when it cannot be opened or is shorter), or NULL when every
 * one is unchanged. */
const char *bundle_changed(const char *root, const struct bundle_plan *p, bool *gone);

#endif
