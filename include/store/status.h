/* status.h - the status file (--status FILE): a small JSON object the player keeps up to date,
 * and `honorboard status [FILE]`, which prints it for a person. */
#ifndef HB_STATUS_H
#define HB_STATUS_H

#include <stdbool.h>

/* What the status file says; every string is borrowed for the status_write() call. */
struct status_info {
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
int status_main(int argc, char **argv);

#endif
