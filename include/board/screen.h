/* screen.h - the player's window and what is drawn in it: the window and renderer, rotation for
 * screens mounted on their side, the pages as textures (the one on screen, the one leaving it,
 * the next one uploaded ahead of its time), transitions between them, the overlays on top, and
 * presenting. It draws only when told to: the frame loop decides when something changed.
 * Main (frame) thread only. */
#ifndef HB_SCREEN_H
#define HB_SCREEN_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

struct screen_opts {
    bool window;      /* a resizable window instead of fullscreen */
    int win_w, win_h; /* its size */
    int display;      /* monitor, 0 first */
    int rotate;       /* 0, 90, 180, 270 */
};

struct screen;

/* Opens the window (SDL video must be initialised); o is read during the call only. NULL with a
 * message in err. Free with screen_destroy(). */
struct screen *screen_create(const struct screen_opts *o, char *err, size_t errlen);
void screen_destroy(struct screen *s);
/* "opengl with vsync" and the like, for the start-up line. Static or owned by s. */
const char *screen_renderer_name(const struct screen *s);
bool screen_vsync(const struct screen *s);
/* Seconds between two refreshes of the display the window is on (1/60 when it does not say). */
double screen_refresh_interval(const struct screen *s);

/* The logical size slides are laid out for (the turned size when rotated). */
void screen_size(const struct screen *s, int *lw, int *lh);
/* The window's size may have changed: true when the output size did (pages are then laid out
 * again by the caller). */
bool screen_resized(struct screen *s);
/* Turns the picture (0, 90, 180, 270) from now on; the caller then asks screen_resized(). */
void screen_set_rotate(struct screen *s, int deg);
/* F: fullscreen, or back to the window's own size and place (done by hand: an X server with no
 * window manager does neither). The caller then asks screen_resized(). */
void screen_toggle_fullscreen(struct screen *s);
bool screen_fullscreen(const struct screen *s);

/* Pages. Surfaces given to the screen are taken (it frees them). */
/* True when a page may be uploaded ahead of its time now (no transition is running). */
bool screen_can_stage(const struct screen *s);
/* Uploads the next page now, so the change itself costs no upload. False when it cannot. */
bool screen_stage(struct screen *s, SDL_Surface *page);
bool screen_staged(const struct screen *s);
void screen_unstage(struct screen *s);
/* Puts a page up (page, or the staged one when NULL) with transition `kind` lasting `secs`
 * from `now`. False when it could not be uploaded (what was on screen stays). */
bool screen_show(struct screen *s, SDL_Surface *page, int kind, double secs, double now);
/* Puts a page up at once, without a transition (the same page at a new size). */
bool screen_replace(struct screen *s, SDL_Surface *page);
bool screen_has_page(const struct screen *s);
/* Paints new pixels into part of the page on screen (a video slide's next frame): rect is
 * {x, y, w, h} in page pixels, px ARGB8888 rows stride bytes apart. Also while it transitions
 * in, so a transition mixes the film's live frames. */
void screen_paint_page(struct screen *s, const int rect[4], const void *px, size_t stride);
/* The same for a band of a still page that moves (走字): when nothing else changed and the
 * window holds the page (the software renderer), the next frame shows only that band. */
void screen_paint_band(struct screen *s, const int rect[4], const void *px, size_t stride);
/* The rectangle the last screen_present() showed when it showed only part of the screen (w 0
 * when it showed the whole frame): for tests and --stats. */
void screen_last_band(const struct screen *s, int rect[4]);
/* A transition is still running at `now` (the loop draws every frame until it ends). */
bool screen_animating(const struct screen *s, double now);

/* What is drawn over the page (each may be NULL / false). The strings are borrowed for the
 * screen_draw() call only. */
struct screen_overlay {
    bool clock;
    bool english;       /* the clock's language: the config's (`language: en`), else Chinese */
    const char *ticker; /* scrolls: the loop keeps drawing while there is one */
    bool ticker_only;   /* nothing but the ticker moved since the last frame: where the
                         * window keeps its pixels (the software renderer), only the
                         * ticker's band is painted again and shown */
    const char *notice;
    const char *info;
    const struct theme *theme; /* the playing playlist's: the overlays wear its design */
};
/* --dump-frames: the next screen_draw() also writes the frame it drew (overlays included, before
 * any rotation) as a PNG to path, making its folder. */
void screen_dump_next(struct screen *s, const char *path);
/* Draws one frame at `now` and presents it: screen_compose() then screen_present(). */
void screen_draw(struct screen *s, double now, const struct screen_overlay *ov);
/* Draws the frame for time `now` (transitions are placed by it) without showing it yet; the
 * frame loop presents it at that time (without vsync it makes frames a little ahead). */
void screen_compose(struct screen *s, double now, const struct screen_overlay *ov);
/* Shows the frame composed (with vsync: at the next vertical blank). */
void screen_present(struct screen *s);
/* The SDL window (for what asks the video driver about it: displaypower.c). Owned by s. */
SDL_Window *screen_sdl_window(const struct screen *s);
/* Presents a black frame (screen_off hours). */
void screen_draw_black(struct screen *s);
/* Textures alive now, overlays included (soak runs watch for leaks). */
int screen_textures(const struct screen *s);

#endif
