/* check.h - `honorboard check`: validate playlists and print gcc-style diagnostics. */
#ifndef HB_CHECK_H
#define HB_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"

/* Checks every playlist under paths (files or folders). Prints messages and the summary line
 * to out. Returns the exit code: 0 ok, 1 bad content, 2 a path that cannot be read. */
int check_paths(char **paths, int npaths, FILE *out);
/* check_paths(), and when w > 0 also how every slide shows on a w x h screen (advice_shape()). */
int check_paths_at(char **paths, int npaths, int w, int h, FILE *out);
/* check_paths_at()'s judging without the printing: every message into d (caller frees it
 * with diag_free()), the playlists and slides counted into the counters (may be NULL); only
 * a path that cannot be read is said on out. Returns as check_paths_at() before its summary
 * (0, or 2 for such a path). */
int check_collect(char **paths, int npaths, int w, int h, struct diag *d, int *nplaylists,
                  size_t *nslides, FILE *out);

#endif
