/* playlist.h - the playlist model: a YAML playlist file parsed into plain structs (the structs
 * themselves are in playlist_types.h). The walks over what a playlist names and PATH expansion
 * are playlist_walk.h's.
 *
 * playlist_load() parses with libyaml and checks structure and values (types, keys, durations,
 * colours, transitions); every value keeps its file:line:col. File checks (missing photos,
 * paths leaving the folder, undecodable images) are validate.h's job. */
#ifndef HB_PLAYLIST_H
#define HB_PLAYLIST_H

#include "model/playlist_types.h"

/* Parses the playlist at path. Problems go to d. Returns NULL only when the file cannot be read
 * or is not YAML at all; otherwise a playlist holding every slide that could be understood.
 * Caller frees with playlist_free(). */
struct playlist *playlist_load(const char *path, struct diag *d);
/* Same, from memory (tests); path is used for messages and relative files. */
struct playlist *playlist_parse(const char *path, const char *text, size_t len, struct diag *d);

#endif
