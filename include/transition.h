/* transition.h - drawing the change from one slide to the next, as a table of named effects. */
#ifndef HB_TRANSITION_H
#define HB_TRANSITION_H

#include <SDL.h>

#include "playlist.h" /* enum transition_kind, transition_names */

/* Draws the transition `kind` at progress t in [0, 1] from `from` (may be NULL) to `to`,
 * both covering the whole w x h target. Nothing is ever drawn black in between. */
void transition_draw(SDL_Renderer *r, int kind, SDL_Texture *from, SDL_Texture *to, double t,
                     int w, int h);

#endif
