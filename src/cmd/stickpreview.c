/* stickpreview.c - 预览.png on the stick after an import, through the contact sheets of pages.c
 * (the same page path as the screen). */
#include "cmd/stickpreview.h"
#include "base/i18n.h"
#include "page/pages.h"
#include "store/stick.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int stickpreview_write(const char *src, const struct store_result *res, int w, int h,
                       const char *outdir)
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
    /* what the author prints for approval: what, when, for which screen, and the outcome */
    static const char *const outcome[] = {N_("loaded"), N_("not loaded: errors"),
                                          N_("already on screen"), N_("interrupted"), N_("failed")};
    char when[32];
    hb_local_time(when, sizeof when, "%Y-%m-%d %H:%M");
    const char *result = stick_preview_only(dir)        ? _("preview only")
                         : res->outcome <= STORE_FAILED ? _(outcome[res->outcome])
                                                        : "?";
    char *header = xasprintf(_("%s · %s · screen %dx%d · %s"),
                             res->title[0] ? res->title : "honorboard", when, w, h, result);
    int n = 0;
    if (pages_sheets(content, w, h, outdir, STICKPREVIEW_STEM, STICKPREVIEW_PER_SHEET, header, &n) <
        0)
        n = 0; /* the parent then removes outdated sheets from the stick */
    free(header);
    free(content);
    free(dir);
    return n;
}
