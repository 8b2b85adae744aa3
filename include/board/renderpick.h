/* renderpick.h - which SDL renderer the board draws with: the accelerated one (with vsync) where
 * there is a GPU with a kernel driver, else - or when that one is OpenGL drawn by the CPU - the
 * software renderer, which mixes pages itself and presents through X's shared memory. A
 * renderer asked for by name (SDL_RENDER_DRIVER) is kept. */
#ifndef HB_RENDERPICK_H
#define HB_RENDERPICK_H

#include <SDL.h>

/* The renderer for win, or NULL (SDL_GetError() says why). */
SDL_Renderer *renderpick_create(SDL_Window *win);

#endif
