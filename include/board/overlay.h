/* overlay.h - what the player draws over the slides: the notice band (imports), the ticker, the
 * date and clock in the header, and the info line (I key). Each is a texture re-made only when
 * its text changes. */
#ifndef HB_OVERLAY_H
#define HB_OVERLAY_H

#include <SDL.h>
#include <stdbool.h>

struct overlays;

/* NULL when no font can be opened (the overlays are then simply not drawn). Free with
 * overlays_destroy(). */
struct overlays *overlays_create(SDL_Renderer *r);
void overlays_destroy(struct overlays *o);
/* The screen's logical size changed: textures are made again at the new size. */
void overlays_reset(struct overlays *o);

struct theme;
/* The overlays wear th's design and colours (NULL: the default theme's): the clock and the
 * notice in its accent, the ticker on its design's band. Call before drawing them; textures
 * are made again when the colours change. */
void overlays_theme(struct overlays *o, const struct theme *th);

/* Call overlays_ticker() every frame (text may be NULL), before overlays_notice(): the notice
 * sits above the ticker. The texts are read during the call (o keeps a copy to compare). */
void overlays_ticker(struct overlays *o, const char *text, double now, int lw, int lh);
/* The ticker as a preview shows it (render): still, its start at the left margin. */
void overlays_ticker_still(struct overlays *o, const char *text, int lw, int lh);
void overlays_notice(struct overlays *o, const char *text, int lw, int lh);
/* The date and time, inside the box layout_clock_box() gives for lw x lh in the theme's design
 * (the box the pages' headers leave free); nothing where it gives none (a strip). In the board's
 * language, the config's (`language:`; english as struct config says), whatever the process's
 * messages speak: play and render --config draw the same clock. */
void overlays_clock(struct overlays *o, int lw, int lh, bool english);
void overlays_info(struct overlays *o, const char *line, int lw, int lh);
/* Height of the band (at the bottom, the screen's width) the last overlays_ticker() drew; 0
 * when it drew none. Nothing else is drawn in it. */
int overlays_ticker_band(const struct overlays *o);
/* Textures the overlays hold now (for soak runs). */
int overlays_textures(const struct overlays *o);

#endif
