/* status.h - the status file (--status FILE): a small JSON object the player keeps up to date,
 * and `honorboard status [FILE]`, which prints it for a person. */
#ifndef HB_STATUS_H
#define HB_STATUS_H

#include <stdbool.h>
#include <stdint.h>

/* What the status file says; every string is borrowed for the status_write() call. */
struct status_info {
    const char *name;          /* the board (config `name`) */
    const char *content_title; /* the first playlist's title of the content played */
    uint64_t version;          /* its signed version (0 = unsigned or not from the store) */
    const char *hash;          /* its content hash as the store noted it, or NULL */
    bool stopped;              /* the last status of a player that stopped cleanly */
    const char *playlist, *title, *type;
    int slide, page, pages;
    const char *bundle;
    const char *import_time, *import_source, *import_result, *import_message;
    double uptime;
    double fps;
    long rss_kb;
    bool screen_on;
    const char *warning; /* what the board wants a person to know (a recovered store, a log it
                          * cannot write, nothing playable), or NULL */
    const char *inbox_bundle, *inbox_state,
        *inbox_reason; /* the sync inbox's bundle, "waiting",
                        * "refused", ... and why (inbox.h); NULL without an inbox */
};

/* Writes s to path atomically (temporary file + rename). 0, or -1 with errno. */
int status_write(const char *path, const struct status_info *s);
/* `honorboard status [FILE]`: exit 0 running, 3 stopped (pid gone, stopped cleanly, or the file
 * older than STATUS_STALE_S), 2 unreadable. */
int status_main(int argc, char **argv);

/* A status older than this means the board is not running: it is rewritten every 2 s, and the
 * unit's watchdog (WatchdogSec=30) restarts a frame loop stuck for 30 s. */
#define STATUS_STALE_S 60

/* The time of an "updated" stamp (2026-12-07T12:00:00+0800) as seconds since the epoch, or -1. */
long long status_parse_time(const char *stamp);
/* The raw value of "key" in a status file's text (quotes stripped, "?" when missing). Caller
 * frees. */
char *status_value(const char *json, const char *key);

#endif
