/* videoprobe.h - what `check` (and so import) knows about a video slide: the clip exists and
 * stays inside the playlist's folder, is under the size limit, can be decoded from its first to
 * its last second, has a picture and a known length; warnings for clips heavier than the
 * board needs. The clip is opened exactly as the player opens it (video.h). */
#ifndef HB_VIDEOPROBE_H
#define HB_VIDEOPROBE_H

#include <stdbool.h>

#include "diag.h"
#include "playlist.h"

/* Checks the files of video slide s; problems go to d. decode: open the clip (check, import);
 * without it only names and places are checked (playback's quick load). */
void videoprobe_slide(const struct playlist *pl, const struct slide *s, bool decode,
                      struct diag *d);

#endif
