/* store_win.c - the content store on Windows: there is none (imports, bundles and signatures
 * are the board's). `play` without PATH plays the bundled playlists, as a board with an empty
 * store does. Stands in for the three calls of src/cmd/player.c and the bundle boardstatus.c names.
 */
#include "store/store.h"
#include "store/store_keep.h"
#include "base/util.h"

#include <stdio.h>
#include <string.h>

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

/* No bundles on Windows: the status shows no hash and version 0, as outside a store. */
int store_bundle_info(const char *bundle, char hash[65], uint64_t *version)
{
    (void)bundle;
    memset(hash, 0, 65);
    *version = 0;
    return -1;
}
