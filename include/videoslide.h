/* videoslide.h - a video slide between the modules that already exist: the worker opens and
 * pre-rolls the clip into the page it prepared (videoslide_prepare), the frame loop pastes each
 * new frame into that page's texture (videoslide_frame), and when the slide goes its numbers
 * go to the play log and --stats (videoslide_finish). player.c and prepare.c only call these. */
#ifndef HB_VIDEOSLIDE_H
#define HB_VIDEOSLIDE_H

#include <SDL.h>
#include <stdbool.h>

#include "layout.h"
#include "playlist.h"

struct video;
struct playlog;
struct framestats;
struct strbuf;

/* Opens s's clip for the page `page` (painted from l), pre-rolls it and paints its first frame
 * into page where it will play. Returns the clip (caller frees with video_destroy(), or hands it
 * to the screen) and its box in rect, or NULL with *skip set (caller frees). */
struct video *videoslide_prepare(const struct playlist *pl, const struct slide *s,
                                 const struct slide_layout *l, SDL_Surface *page, int rect[4],
                                 char **skip);

/* One screen frame of a playing clip: a new frame goes into tex (and into pixels, the page's
 * copy kept for software fades, when not NULL). Returns 1 when it changed, 0 when not, -1 once
 * the clip has ended (then *failed says whether it broke, with a log line written). */
int videoslide_frame(struct video *v, SDL_Texture *tex, SDL_Surface *pixels, const int rect[4],
                     const char *playlist, int slide, struct playlog *log, bool *failed);

/* Appends the clip's numbers to a play-log slide line under way in b
 * (,"seconds":12.0,"frames":300,"frames_dropped":0[,"error":...]), writes a --stats line, and
 * destroys v. */
void videoslide_finish(struct video *v, struct strbuf *b, struct framestats *stats);

#endif
