/* store_win.c - the content store on Windows: there is none (imports, bundles and signatures
 * are the board's). `play` without PATH plays the bundled playlists, as a board with an empty
 * store does. Stands in for the three calls of src/cmd/player.c. */
#include "store/store.h"
#include "base/util.h"

#include <stdio.h>

char *store_default_dir(void)
{
    return xstrdup("store");
}

int store_open(const char *dir, char *err, size_t errlen)
{
    (void)dir;
    snprintf(err, errlen, "no content store on Windows: imports happen on the board");
    return -1;
}

char *store_current_warn(const char *dir, char *warn, size_t warnlen)
{
    (void)dir;
    if (warnlen)
        warn[0] = '\0';
    return NULL;
}
