/* inbox.h - content delivered by a sync engine (Syncthing, rsync) into a folder: INBOX/honorboard/
 * is imported like a stick, but only once it is complete - every file a trusted signature lists
 * present and matching, or (unsigned) a READY file written last plus a quiet tree - and only
 * once for each state of the folder. */
#ifndef HB_INBOX_H
#define HB_INBOX_H

#include <stdbool.h>

#include "store.h"

#define INBOX_QUIET_SECONDS 3.0

struct inbox;

/* Watches dir (INBOX, holding honorboard/; copied). policy may name trusted keys: the key paths
 * are borrowed and must outlive the inbox. inbox_destroy() frees. */
struct inbox *inbox_create(const char *dir, const struct store_policy *policy);
void inbox_destroy(struct inbox *ib);
/* Called now and then with the current monotonic time: true when the bundle in the inbox is
 * complete and differs from what was last handed out (the caller then imports INBOX). */
bool inbox_poll(struct inbox *ib, double now);
/* The inbox folder: owned by ib, valid until inbox_destroy(). */
const char *inbox_dir(const struct inbox *ib);

/* `honorboard publish SRC INBOX`: writes SRC/honorboard into INBOX/honorboard in the order a
 * receiving board needs: READY removed first, then every file (each renamed into place), the
 * SIGNATURE after them, READY last. */
int inbox_publish_main(int argc, char **argv);

#endif
