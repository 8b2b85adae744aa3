/* playlist.h - the playlist model: a YAML playlist file parsed into plain structs (the structs
 * themselves are in playlist_types.h), the walks over what a playlist names, PATH expansion.
 *
 * playlist_load() parses with libyaml and checks structure and values (types, keys, durations,
 * colours, transitions); every value keeps its file:line:col. File checks (missing photos,
 * paths leaving the folder, undecodable images) are validate.h's job. */
#ifndef HB_PLAYLIST_H
#define HB_PLAYLIST_H

#include "playlist_types.h"

/* Parses the playlist at path. Problems go to d. Returns NULL only when the file cannot be read
 * or is not YAML at all; otherwise a playlist holding every slide that could be understood.
 * Caller frees with playlist_free(). */
struct playlist *playlist_load(const char *path, struct diag *d);
/* Same, from memory (tests); path is used for messages and relative files. */
struct playlist *playlist_parse(const char *path, const char *text, size_t len, struct diag *d);
void playlist_free(struct playlist *pl);

/* The theme a playlist starts from, and what cards use when there is no playlist: one red. */
extern const struct theme playlist_default_theme;

/* Every file pl names (theme images, photos, people's photos, clips and posters), with a description of where it is
 * used for messages ("slide 3 (story): photo"). m and what are valid during the call only. */
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

#endif
