/* check.h - `honorboard check`: validate playlists and print gcc-style diagnostics. */
#ifndef HB_CHECK_H
#define HB_CHECK_H

#include <stdio.h>

/* Checks every playlist under paths (files or folders). Prints messages and the summary line
 * to out. Returns the exit code: 0 ok, 1 bad content, 2 a path that cannot be read. */
int check_paths(char **paths, int npaths, FILE *out);

/* One playlist file through every check `check` runs (parse, files with images decoded,
 * glyphs), its messages added to d in line order. Returns the playlist (NULL when unreadable);
 * caller frees with playlist_free(). Import uses it too, so a stick is judged exactly alike. */
struct diag;
struct playlist *check_playlist_file(const char *path, struct diag *d);

#endif
