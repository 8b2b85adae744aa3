/* photomemo.h - what checking a photo found, remembered by the hash of its bytes (photomemo.c),
 * so an import decodes each photo once: the check on the stick decodes it, the check of the
 * copy finds the same bytes judged, and the copy is cut down for the screen from what the first
 * check kept. images.c is its only user. */
#ifndef HB_PHOTOMEMO_H
#define HB_PHOTOMEMO_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

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
/* Bytes with this hash were checked and are good, shown at w x h. small: the picture cut down
 * for the store (only read: it is encoded here), or NULL. */
void photomemo_add(const char hex[65], int w, int h, SDL_Surface *small);
/* The kept file for bytes with this hash cut down to `side`: a copy the caller frees with
 * free(), or NULL. */
unsigned char *photomemo_small(const char hex[65], int side, size_t *len);

#endif
