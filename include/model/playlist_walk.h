/* playlist_walk.h - every file and every text a playlist names, one walk each, and PATH
 * expanded into playlist files (playlist_walk.c). */
#ifndef HB_PLAYLIST_WALK_H
#define HB_PLAYLIST_WALK_H

#include "model/playlist_types.h"

/* Every file pl names (theme images, photos, people's photos, clips and posters), with a
 * description of where it is used for messages ("slide 3 (story): photo"). m and what are valid
 * during the call only. */
typedef void (*playlist_media_fn)(void *ctx, const struct media_ref *m, const char *what);
void playlist_foreach_media(const struct playlist *pl, playlist_media_fn fn, void *ctx);
/* Every text pl shows (titles, ticker, names, units, honours, stories, captions, people), with
 * the position of the slide or person it belongs to ({1,1} for the playlist's own texts) and a
 * label ("title", "ticker", "slide 3"). text and what are valid during the call only. */
typedef void (*playlist_text_fn)(void *ctx, const char *text, struct pos pos, const char *what);
void playlist_foreach_text(const struct playlist *pl, playlist_text_fn fn, void *ctx);

/* Expands PATH (a playlist file or a folder of *.yaml in name order) into a list of files.
 * Returns the count, or -1 with errno set. Caller frees each string and the array. */
int playlist_expand_path(const char *path, char ***files);
/* The files in the folder PATH meant as playlists but not read as one, each an error naming its
 * fix: "01-先进事迹.yaml.txt" (Notepad's .txt, which Windows hides). Litter (path_is_litter) is
 * not counted. Returns how many; 0 when PATH is a file. */
int playlist_folder_slips(const char *path, struct diag *d);

#endif
