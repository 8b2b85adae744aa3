/* photomemo.h - what checking a photo found, remembered by the hash of its bytes (photomemo.c),
 * so an import decodes each photo once: the read that copies it decodes it (bundle_read.c), and
 * the checks of the stick's file and of the copy find those bytes judged. images.c and the
 * import's reading are its users. */
#ifndef HB_PHOTOMEMO_H
#define HB_PHOTOMEMO_H

#include "picture/jpegcut.h"

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* From now on checks are remembered (off until then: `render` and `play` check a photo once
 * and pay no hash). side > 0: JPEGs whose shorter side is at least twice `side` are checked at
 * the size the store keeps (shorter side >= side) and their re-encoded file is kept for the
 * store. The checker starts it with --prescale's value. */
void photomemo_start(int side);
/* Off again; everything remembered is forgotten. */
void photomemo_stop(void);
bool photomemo_on(void);
/* The store's size given to photomemo_start(), 0 when none or off. */
int photomemo_store_side(void);
/* The hash of len bytes (hex), for the calls below. */
void photomemo_hash(const unsigned char *buf, size_t len, char hex[65]);
/* Whether bytes with this hash were checked and found good; then their size as shown. */
bool photomemo_find(const char hex[65], int *w, int *h);
/* Bytes with this hash were checked and are good, shown at w x h. */
void photomemo_add(const char hex[65], int w, int h);
/* The file for bytes with this hash (photomemo_add() first) cut down to `side`, kept for the
 * store (TAKES small, malloc()ed; dropped past the memory budget: the store decodes again). */
void photomemo_keep_small(const char hex[65], int side, unsigned char *small, size_t len);
/* The kept file for bytes with this hash cut down to `side`: a copy the caller frees with
 * free(), or NULL. */
unsigned char *photomemo_small(const char hex[65], int side, size_t *len);

/* Which file a path names, and in which state: an import that read a file whole notes it here
 * with the hash of what it read, so the check of that path finds it judged without reading it
 * again - as long as the file is still the same one, unchanged (device, inode, size, times). */
struct photomemo_id {
    uint64_t dev, ino, size, mtime_ns, ctime_ns;
};
/* The identity of the file open on fd, or of path; 0, or -1 when it cannot be had. */
int photomemo_id_of_fd(int fd, struct photomemo_id *id);
int photomemo_id_of_path(const char *path, struct photomemo_id *id);
/* The file with identity id holds bytes with this hash (checked: photomemo_add()). */
void photomemo_note(const struct photomemo_id *id, const char hex[65]);
/* Whether the file at path is one noted, unchanged since, whose bytes were found good; then
 * their size as shown. */
bool photomemo_find_path(const char *path, int *w, int *h);
/* The shorter side a cut-down photo's thumbnail keeps at least: enough for any photo covering
 * a page of the stick's preview sheets, landscape or portrait (pages.c decodes their photos at
 * a third of the screen's size: a 3:2 photo covering 1080x1920 needs 960x640). */
#define PHOTOMEMO_THUMB_SIDE 640
/* The thumbnail of the bytes with this hash (TAKES t's planes; dropped past the memory budget:
 * the preview decodes the file). */
void photomemo_keep_thumb(const char hex[65], struct jpegcut_planes *t);
/* A copy of the thumbnail of the file at path (noted, unchanged since) when it is at least
 * need_w x need_h as shown; NULL when there is none, or it is too small. Caller frees. */
SDL_Surface *photomemo_thumb_path(const char *path, int need_w, int need_h);
/* s encoded as the store keeps a cut-down photo (quality 92, 4:2:0); caller frees with free().
 * NULL when it cannot be encoded. */
unsigned char *photomemo_encode(SDL_Surface *s, size_t *len);

#endif
