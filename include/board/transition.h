/* transition.h - drawing the change from one slide to the next, as a table of named effects. */
#ifndef HB_TRANSITION_H
#define HB_TRANSITION_H

#include <SDL.h>
#include <stdbool.h>

#include "model/playlist.h" /* enum transition_kind, transition_names */

/* Draws the transition `kind` at progress t in [0, 1] from `from` (may be NULL) to `to`,
 * both covering the whole w x h target. Nothing is ever drawn black in between. */
void transition_draw(SDL_Renderer *r, int kind, SDL_Texture *from, SDL_Texture *to, double t, int w,
                     int h);

/* For the software renderer, which then keeps no page textures: mixes the pages' pixels for
 * any kind in one pass into `stream` (a w x h streaming ARGB8888 texture) and copies it to the
 * target; t >= 1 or no `from` gives `to` alone. False when the surfaces are not w x h. */
bool transition_can_mix(int kind);
bool transition_mix(SDL_Renderer *r, SDL_Texture *stream, const SDL_Surface *from,
                    const SDL_Surface *to, int kind, double t, int w, int h);
/* The same mix written straight into w x h pixels of 4 bytes (pitch bytes a row) laid out as
 * ARGB8888 or XRGB8888: the software renderer's own window surface, with no texture between. */
bool transition_mix_into(void *pixels, int pitch, const SDL_Surface *from, const SDL_Surface *to,
                         int kind, double t, int w, int h);

#endif
