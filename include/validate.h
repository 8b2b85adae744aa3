/* validate.h - meaning checks that need the file system: media files exist, stay inside the
 * playlist's folder, match letter case, and decode. Messages go to a struct diag. */
#ifndef HB_VALIDATE_H
#define HB_VALIDATE_H

#include "diag.h"
#include "playlist.h"

struct validate_opts {
    bool decode_images; /* decode every image (slow for huge photos, but check must) */
};

/* Checks every file pl names; problems go to d. */
void validate_playlist(const struct playlist *pl, const struct validate_opts *o, struct diag *d);

/* Checks one media reference; returns 0 when it can be used. `what` is e.g. "slide 3 (story): photo". */
int validate_media(const struct playlist *pl, const struct media_ref *m, const char *what,
                   bool decode, struct diag *d);

#endif
