/* layout_ticker.h - room for the ticker (layout_ticker.c): the band at the bottom of the screen
 * the board's ticker scrolls in, one size for the layout (which leaves it free, so the page
 * number and the content never lie under it) and for the board (board/overlay.c draws in it). */
#ifndef HB_LAYOUT_TICKER_H
#define HB_LAYOUT_TICKER_H

#include <stdbool.h>

#include "page/layout_types.h"

/* The ticker's text size and its band's height on a w x h screen. */
double layout_ticker_px(int w, int h);
int layout_ticker_band(int w, int h);
/* Whether a w x h screen has room for the ticker at all (more than twice its band high): a
 * smaller strip (512x64) shows none, rather than half a screen of it. */
bool layout_ticker_fits(int w, int h);
struct playlist;
/* The band the pages of pl (NULL: a card, which has none of its own) leave free on a w x h
 * screen: the ticker's band where the board draws one over them - the playlist's own `ticker:`,
 * else the config's (env->ticker) - and the screen has room for it; else 0. */
int layout_ticker_room(const struct playlist *pl, const struct layout_env *env, int w, int h);
/* A page laid out for a screen `band` pixels shorter (the ticker's room) made whole again: its
 * size the screen's, its background (added in the theme's colour where a photo's page has
 * none) and frame stretched down under the band. */
void layout_ticker_finish(struct slide_layout *l, int band, struct color background);

#endif
