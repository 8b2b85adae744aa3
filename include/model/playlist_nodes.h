/* playlist_nodes.h - reading one YAML node of a playlist into one value of the model
 * (playlist_nodes.c). Internal to the playlist parser: playlist.c and playlist_slides.c use it.
 *
 * Every function reports problems through c->y (ydoc_err: file:line:col of the node, `where`
 * prefixed) and leaves the value as it was when the node is unusable. Strings stored into the
 * model are new copies owned by the playlist (freed by playlist_free()); n, where and key are
 * borrowed for the call. */
#ifndef HB_PLAYLIST_NODES_H
#define HB_PLAYLIST_NODES_H

#include <yaml.h>

#include "model/playlist_types.h"
#include "model/yamldoc.h"

/* The document being read and the playlist being filled (both borrowed). */
struct pnode_ctx {
    struct ydoc *y;
    struct playlist *pl;
};

/* duration: 12s | auto. Stores into *secs / *is_auto. */
void pnode_duration(struct pnode_ctx *c, yaml_node_t *n, const char *where, double *secs,
                    bool *is_auto);
/* transition: a name from transition_names; stores the enum transition_kind into *out. */
void pnode_transition(struct pnode_ctx *c, yaml_node_t *n, const char *where, int *out);
/* transition_duration: seconds (0 .. a few). */
void pnode_transition_time(struct pnode_ctx *c, yaml_node_t *n, const char *where, double *out);
/* A file name: m->path as written, m->resolved against the playlist's folder (both owned by
 * the playlist), m->pos the node's position. */
void pnode_media(struct pnode_ctx *c, yaml_node_t *n, const char *where, const char *key,
                 struct media_ref *m);
/* Does map hold a Chinese word or another English word meaning key (照片, image for photo)? */
bool pnode_key_meant(struct pnode_ctx *c, yaml_node_t *map, const char *key);
/* A link (qr): full-width marks typed in it are read as ASCII, with a warning. Caller frees. */
char *pnode_link(struct pnode_ctx *c, yaml_node_t *n, const char *where, const char *key);
/* focus: [x, y] in 0..1. */
void pnode_focus(struct pnode_ctx *c, yaml_node_t *n, const char *where, double *fx, double *fy);
/* schedule: { from, until, days, hours }. */
void pnode_schedule(struct pnode_ctx *c, yaml_node_t *n, const char *where, struct schedule *out);
/* An error at map when key is absent or empty, unless a Chinese key meaning it was written
 * (the unknown-key message names that one). hint (may be NULL) is appended. */
void pnode_require(struct pnode_ctx *c, yaml_node_t *map, const char *where, const char *key,
                   const char *hint);
/* An error at each name, title or text of map written but blank ("" or only spaces): it
 * would put nothing on the screen. */
void pnode_reject_blank(struct pnode_ctx *c, yaml_node_t *map, const char *where);
/* One person of a roll: { name, honor, unit, photo, focus }. */
void pnode_person(struct pnode_ctx *c, yaml_node_t *n, struct person *p, const char *where);

#endif
