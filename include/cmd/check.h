/* check.h - `honorboard check`: validate playlists and print gcc-style diagnostics. */
#ifndef HB_CHECK_H
#define HB_CHECK_H

#include <stdio.h>

/* Checks every playlist under paths (files or folders). Prints messages and the summary line
 * to out. Returns the exit code: 0 ok, 1 bad content, 2 a path that cannot be read. */
int check_paths(char **paths, int npaths, FILE *out);
/* check_paths(), and when w > 0 also how every slide shows on a w x h screen (advice_shape()). */
int check_paths_at(char **paths, int npaths, int w, int h, FILE *out);

#endif
