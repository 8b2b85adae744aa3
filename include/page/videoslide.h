/* videoslide.h - a video slide's page: the worker opens and pre-rolls the clip into the page it
 * prepared (videoslide_prepare: where on the page it plays, its first frame painted in); the
 * frame loop then pastes each new frame there (screen_paint_page) and, when the slide goes,
 * writes its numbers to the play log (videoslide_log_fields). */
#ifndef HB_VIDEOSLIDE_H
#define HB_VIDEOSLIDE_H

#include <SDL.h>
#include <stdbool.h>

#include "page/layout.h"
#include "model/playlist.h"

struct video;
struct strbuf;

/* Opens s's clip for the page `page` (painted from l), pre-rolls it and paints its first frame
 * into page where it will play. Returns the clip (caller frees with video_destroy(), or hands it
 * to the screen) and its box in rect, or NULL with *skip set (caller frees). */
struct video *videoslide_prepare(const struct playlist *pl, const struct slide *s,
                                 const struct slide_layout *l, SDL_Surface *page, int rect[4],
                                 char **skip);

/* The play-log fields of a clip that stopped, appended to its slide line under way in b:
 * ,"seconds":12.0,"frames":300,"frames_dropped":0[,"error":"..."] */
struct video_stats;
void videoslide_log_fields(const struct video_stats *vs, struct strbuf *b);

#endif
