/* displaypower.h - screen-off hours that switch the display off, not only paint it black: DPMS
 * through the X server (the DPMS extension of libXext) or through the KMS connector (libdrm)
 * when SDL runs without X, and HDMI-CEC standby of the TV through libcec. Each library is
 * loaded at run time and each way is used where present; what is missing is said once in the
 * log, and the black page (drawn by the frame loop) is always there underneath. Frame thread
 * only; CEC, which may take seconds, runs on a thread of its own. */
#ifndef HB_DISPLAYPOWER_H
#define HB_DISPLAYPOWER_H

#include <SDL.h>
#include <stdbool.h>

struct displaypower;

/* For the window the board draws in, to be used in the ways `ways` allows (CONFIG_POWER_* bits,
 * 0 when the board has no screen-off hours). The libraries DPMS needs are loaded here, before
 * the frame loop starts, so that the frame thread never opens a file. Never NULL. Free with
 * displaypower_destroy(), which switches the display on again when it is off. */
struct displaypower *displaypower_create(SDL_Window *win, int ways);
void displaypower_destroy(struct displaypower *p);
/* The display off (on = false) or on, by the ways `ways` allows (CONFIG_POWER_* bits). Called
 * again while off, DPMS is forced off again (a key pressed on the lobby PC woke the monitor);
 * CEC is sent only when the state changes. */
void displaypower_set(struct displaypower *p, bool on, int ways);

#endif
