/* inbox.h - content delivered by a sync engine (Syncthing, rsync) into a folder: INBOX/honorboard/
 * is imported like a stick, but only once it is complete - its files exactly the ones its
 * MANIFEST (written last by `honorboard publish`) lists, each with its size and hash; a signed
 * bundle without MANIFEST: the ones its SIGNATURE lists - and only once for each state of the
 * folder. Until then it is left alone quietly. What the inbox holds, and why it waits or was
 * refused, is kept for the status file. Used on the importer's thread only (it reads and
 * hashes files). */
#ifndef HB_INBOX_H
#define HB_INBOX_H

#include <stdbool.h>

enum inbox_state {
    INBOX_EMPTY,      /* no bundle */
    INBOX_WAITING,    /* not complete yet (the reason says what is missing) */
    INBOX_COMPLETE,   /* complete, handed out for import */
    INBOX_IMPORTED,   /* imported (or the same as on screen) */
    INBOX_REFUSED,    /* its MANIFEST is bad, or the import refused it (the reason says why) */
    INBOX_NOT_LOADED, /* the import did not finish (changed while loading, the PC's disk full);
                       * tried again when the bundle changes */
};

enum inbox_event {
    INBOX_NOTHING, /* nothing new */
    INBOX_IMPORT,  /* complete and not handed out in this state before: import INBOX */
    INBOX_REFUSAL, /* newly refused (log it once) */
};

struct inbox;

/* Watches dir (INBOX, holding honorboard/; copied). inbox_destroy() frees. */
struct inbox *inbox_create(const char *dir);
void inbox_destroy(struct inbox *ib);
/* Called now and then (the importer: every second). Looks at the files' sizes and times; reads
 * and hashes them only when they changed since the last look. */
enum inbox_event inbox_poll(struct inbox *ib);
/* What the import of a handed-out bundle came to (IMPORTED, REFUSED, NOT_LOADED), with its
 * message, for the status. */
void inbox_imported(struct inbox *ib, enum inbox_state st, const char *message);
/* The state now; *reason (may be NULL) gets its words ("" when none), valid until the next call
 * on ib. */
enum inbox_state inbox_state(const struct inbox *ib, const char **reason);
const char *inbox_state_name(enum inbox_state st); /* "empty", "waiting", ... */
/* The inbox folder and INBOX/honorboard: owned by ib, valid until inbox_destroy(). */
const char *inbox_dir(const struct inbox *ib);
const char *inbox_root(const struct inbox *ib);
/* Files hashed by completeness checks since inbox_create() (tests: nothing is hashed twice). */
unsigned long inbox_files_hashed(const struct inbox *ib);

/* `honorboard publish SRC INBOX`: writes SRC/honorboard into INBOX/honorboard in the order a
 * receiving board needs: MANIFEST removed first, then every file (each renamed into place), the
 * SIGNATURE after them, MANIFEST last. */
int inbox_publish_main(int argc, char **argv);

#endif
