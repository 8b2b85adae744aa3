/* videoprobe.h - what `check` (and so import) knows about a video slide: the clip exists and
 * stays inside the playlist's folder, is under the size limit, can be decoded from its first to
 * its last second, has a picture and a known length; warnings for clips heavier than the
 * board needs. The clip is opened exactly as the player opens it (video.h). */
#ifndef HB_VIDEOPROBE_H
#define HB_VIDEOPROBE_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/playlist.h"

/* Opens the clip of video slide s as check must (its name and place are validate_media()'s,
 * through the playlist's media walk; a clip that fails those is not opened). Problems go to d. */
void videoprobe_slide(const struct playlist *pl, const struct slide *s, struct diag *d);

#endif
