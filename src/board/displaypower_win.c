/* displaypower_win.c - the Windows preview's stand-in for src/board/displaypower.c: a window on
 * the author's PC never switches her monitor off; screen-off hours show the black page only. */
#include "board/displaypower.h"
#include "base/util.h"

#include <stdlib.h>

struct displaypower {
    int unused;
};

struct displaypower *displaypower_create(SDL_Window *win, int ways)
{
    (void)win, (void)ways;
    return xcalloc(1, sizeof(struct displaypower));
}

void displaypower_set(struct displaypower *p, bool on, int ways)
{
    (void)p, (void)on, (void)ways;
}

void displaypower_destroy(struct displaypower *p)
{
    free(p);
}
