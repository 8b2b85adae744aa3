/* playlist_slides.h - one slide node read through the slide kinds table (playlist_slides.c).
 * Internal to the playlist parser: playlist.c reads the slides list through it. */
#ifndef HB_PLAYLIST_SLIDES_H
#define HB_PLAYLIST_SLIDES_H

#include "model/playlist_nodes.h"

/* Fills s (zeroed by the caller) from slide node n, the index-th (1-based) of the list. A slide
 * whose type is missing or unknown gets type SLIDE_TYPE_COUNT (unusable) and an error. Strings
 * and arrays stored into s are owned by it (playlist_free() frees them with the playlist). */
void pslide_parse(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, int index);

#endif
