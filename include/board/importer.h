/* importer.h - the player's content thread: everything slow the screen must not wait for,
 * other than painting pages (prepare.h). On its own thread it notices USB drives (watch.h) and
 * complete bundles in the sync inbox (inbox.h, signature checks and hashing included), imports
 * them into the store, loads content (after an import, on reload and SIGHUP), and writes the
 * proof-of-play log and the status file. The frame loop hands it errands and takes back news;
 * the only thing it ever hands the frame loop to play is "switch to this content", already
 * loaded and checked. */
#ifndef HB_IMPORTER_H
#define HB_IMPORTER_H

#include <stdbool.h>

#include "model/config.h"
#include "model/content.h"
#include "store/status.h"
#include "store/store.h"
#include "base/util.h"

struct playlog;

/* importer_create() copies the strings (path, store, watch roots, inbox, status, the trusted
 * key paths); log, the policy's glyph checker and callbacks, and wake_ctx are borrowed and must
 * outlive the importer. */
struct importer_opts {
    const char *path;         /* what reload plays when there is no store, or the store is empty */
    const char *store;        /* the content store; NULL: nothing is imported (a PATH is played) */
    const char *const *watch; /* mount roots for USB drives (nwatch; none: no drives) */
    int nwatch;
    const char *inbox;          /* a sync engine's folder, or NULL */
    struct store_policy policy; /* trusted keys, glyph checker, prescale */
    struct playlog *log;        /* may be NULL; from importer_create() on only this thread
                                 * writes it, until importer_destroy() returns */
    const char *status;         /* the status file, or NULL */
    const char *name;           /* this board in the fleet (config `name`), or NULL */
    const char *outbox;         /* a folder carried back to the office: OUTBOX/<name>/status.json
                                 * every minute (and when the player stops), or NULL */
    int screen_w, screen_h;     /* this screen as laid out (rotation applied): the stick's
                                 * preview sheets (预览.png) are drawn for it */
    /* A reload (SIGHUP) reads the config again through args, compared with cfg (the config
     * running now): both borrowed; args NULL = the config is never read again. */
    const struct config_args *args;
    const struct config *cfg;
    /* Called on the importer's thread whenever news is waiting (wake the frame loop). */
    void (*wake)(void *ctx);
    void *wake_ctx;
};

struct importer_news {
    struct content *content;     /* play this from the next slide boundary (one reference, now the
                                  * caller's: content_unref() it), or NULL */
    bool notice;                 /* the notice band changed: */
    char notice_text[1200];      /* its text ("" = none) */
    double notice_secs;          /* and how long it stays up */
    bool keep_place;             /* a live reload (a file was saved): show the content at once,
                                  * on the slide nearest the one on screen */
    const struct config *config; /* read again on reload: apply it from now on (owned by the
                                  * importer until importer_destroy()), or NULL */
};

struct importer;

/* Starts the thread (every string in o is copied). NULL when it cannot start. */
struct importer *importer_create(const struct importer_opts *o);
/* Stops a running import (its staging folder is thrown away, the store stays intact), writes
 * what is still queued, joins the thread and frees. NULL is fine. */
void importer_destroy(struct importer *im);

/* Loads the content again: the store's current bundle (it may have changed by hand), else PATH.
 * The result arrives as news. */
void importer_reload(struct importer *im);
/* Takes the news that arrived since the last call. True when there was any. */
bool importer_take(struct importer *im, struct importer_news *out);

/* Appends a line to the proof-of-play log: b was begun with playlog_begin() and has its fields;
 * the importer ends and writes it. Takes b's buffer (b is emptied). */
void importer_log(struct importer *im, struct strbuf *b);
/* A one-field event, like playlog_event(). */
void importer_log_event(struct importer *im, const char *event, const char *key, const char *value);
/* Writes the status file from s (copied now; the last import and the memory in use are filled
 * in on the importer's thread). A newer call replaces one not yet written. */
void importer_status(struct importer *im, const struct status_info *s);
/* On the frame thread, with the pixels of the page about to go up (only read): the outbox's
 * screenshot when one is due (boardstatus.h), written on the importer's thread. */
struct SDL_Surface;
void importer_thumbnail(struct importer *im, struct SDL_Surface *page);
/* Something a person should know (a recovered store, a log that cannot be written, nothing
 * playable): printed, logged as a "warning" event, and kept in the status file's "warning". */
void importer_warn(struct importer *im, const char *text);

#endif
