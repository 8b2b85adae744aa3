/* stickpreview.c - 预览.png on the stick after an import, through render's contact sheets
 * (the same page path as the screen). */
#include "stickpreview.h"
#include "render.h"
#include "stick.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int stickpreview_write(const char *src, const struct store_result *res, int w, int h)
{
    char *dir = store_bundle_root(src); /* where REPORT.txt went */
    char *content = NULL;
    if (!dir) { /* a near miss (Honorbaord/): its playlists, sheets at the stick's root */
        char *near = stick_near_miss(src);
        if (!near)
            return 0;
        content = path_join(src, near);
        free(near);
        dir = xstrdup(src);
    } else if ((res->outcome == STORE_OK || res->outcome == STORE_UNCHANGED) && res->bundle[0]) {
        content = xstrdup(res->bundle); /* what the screen plays, photos as converted */
    } else {
        content = xstrdup(dir);
    }
    int n = 0;
    if (render_sheets(content, w, h, dir, STICKPREVIEW_STEM, STICKPREVIEW_PER_SHEET, &n) < 0 ||
        n == 0) {
        char *old = xasprintf("%s/%s.png", dir, STICKPREVIEW_STEM); /* never an outdated one */
        unlink(old);
        free(old);
    }
    free(content);
    free(dir);
    return n;
}
