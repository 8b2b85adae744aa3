/* advice.h - warnings about how content will look and read on a w x h screen, computed from
 * the layout the screen uses: photos enlarged more than LAYOUT_MAX_ENLARGEMENT times in their
 * slot, texts whose pages show for less time than their reading time (300 characters a
 * minute). Used by `check` and by imports, so REPORT.txt carries them too. */
#ifndef HB_ADVICE_H
#define HB_ADVICE_H

#include "base/diag.h"
#include "model/playlist.h"

/* Adds warnings for pl laid out at w x h to d. */
void advice_playlist(const struct playlist *pl, int w, int h, struct diag *d);
/* Warns, per slide, when pl cannot be shown well on a w x h screen and why: parts left out on
 * that shape, text that does not fit at the 16 px floor, missing or blurred photos (the page
 * warnings of the layout). `check --size` and imports for the board's own size. */
void advice_shape(const struct playlist *pl, int w, int h, struct diag *d);
/* advice_playlist() at 1920x1080, the usual lobby screen, or at the screen set with
 * advice_set_screen(): what `check` and imports warn about. */
void advice_check(const struct playlist *pl, struct diag *d);
/* The screen advice_check() lays out for (an import for a portrait board: its 1080x1920, so
 * REPORT.txt warns about what its preview frames). Process-wide: call before threads. */
void advice_set_screen(int w, int h);

#endif
