/* boardstatus.h - what the board tells people, written on the importer's thread: the status
 * file (every 2 s), and the outbox carried back to the office (`honorboard fleet`):
 * OUTBOX/<name>/status.json every minute and at once when the content, inbox, import or
 * warning changes, "stopped" when the player stops, and OUTBOX/<name>/screen.png, a small copy
 * of the page going up, at most every THUMB_EVERY_S. */
#ifndef HB_BOARDSTATUS_H
#define HB_BOARDSTATUS_H

#include <stdbool.h>

#include "store/status.h"

#define OUTBOX_EVERY_S 60
#define THUMB_EVERY_S 300

struct boardstatus;
struct SDL_Surface;

/* status: the status file; outbox and name: the outbox (both needed); any may be NULL. Copied.
 * NULL when there is nothing to write. */
struct boardstatus *boardstatus_create(const char *status, const char *outbox, const char *name);
void boardstatus_destroy(struct boardstatus *bs); /* NULL is fine */
/* Writes st (name, content title, version and hash filled in here: the store's note of the
 * bundle st->bundle, read when the bundle changes). Importer's thread. */
void boardstatus_write(struct boardstatus *bs, struct status_info *st);
/* The player stops: when a status was ever written, a last one saying "stopped" (st has the
 * last import's fields). */
void boardstatus_stopped(struct boardstatus *bs, struct status_info *st);
/* On the frame thread, the page about to go up (only read): when a screenshot is due, a copy at
 * most 320 pixels wide is made (a scaled blit, about a millisecond). True when one waits. */
bool boardstatus_thumbnail(struct boardstatus *bs, struct SDL_Surface *page);
bool boardstatus_thumbnail_waiting(struct boardstatus *bs);
/* Writes a waiting screenshot (a temporary file renamed). Importer's thread. */
void boardstatus_write_thumbnail(struct boardstatus *bs);

#endif
