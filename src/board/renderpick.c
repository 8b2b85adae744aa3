/* renderpick.c - which SDL renderer the board draws with (see renderpick.h). */
#include "board/renderpick.h"

#include <dirent.h>
#include <stdbool.h>
#include <string.h>

/* Whether r is OpenGL drawn by the CPU (Mesa's llvmpipe or softpipe: a PC without a GPU
 * driver, Xvfb). There a fade of 1920x1080 pages took 47 ms of CPU a frame against 7 ms for
 * the software renderer, which mixes the pages itself (transition_mix) and presents through X's
 * shared memory; Mesa's memory also doubled the process's. A renderer asked for by name
 * (SDL_RENDER_DRIVER=opengl) is kept. */
static bool software_gl(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetHint(SDL_HINT_RENDER_DRIVER) || SDL_GetRendererInfo(r, &info) < 0 ||
        strncmp(info.name, "opengl", 6) != 0)
        return false;
    typedef const unsigned char *(*get_string_fn)(unsigned name);
    get_string_fn get = (get_string_fn)SDL_GL_GetProcAddress("glGetString");
    const char *name = get ? (const char *)get(0x1F01 /* GL_RENDERER */) : NULL;
    return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
                    strstr(name, "Software Rasterizer"));
}

/* Whether the machine has a GPU with a kernel driver (a DRM device). Without one, every
 * OpenGL is a software one: the software renderer is taken at once, and Mesa (70 MB of
 * resident memory for llvmpipe at 1920x1080) is never loaded. A renderer asked for by name
 * (SDL_RENDER_DRIVER) is tried anyway. */
static bool gpu_present(void)
{
    if (SDL_GetHint(SDL_HINT_RENDER_DRIVER))
        return true;
    DIR *d = opendir("/dev/dri");
    struct dirent *e;
    bool any = false;
    while (d && !any && (e = readdir(d)))
        any = strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0;
    if (d)
        closedir(d);
    return any;
}

SDL_Renderer *renderpick_create(SDL_Window *win)
{
    SDL_Renderer *ren = NULL;
    if (gpu_present())
        ren = SDL_CreateRenderer(win, -1,
                                 SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
                                     SDL_RENDERER_TARGETTEXTURE);
    if (ren && software_gl(ren)) { /* no GPU: mixing on the CPU costs a seventh */
        SDL_DestroyRenderer(ren);
        ren = NULL;
    }
    if (!ren) {
        /* On X, SDL would present the software renderer's pixels through an OpenGL texture
         * (the same software GL again); X's shared memory is the cheap way. */
        if (strcmp(SDL_GetCurrentVideoDriver(), "x11") == 0)
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    }
    return ren;
}
