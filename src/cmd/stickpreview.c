/* stickpreview.c - 预览.png on the stick after an import, through the contact sheets of pages.c
 * (the same page path as the screen). */
#include "cmd/stickpreview.h"
#include "base/i18n.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "model/videoprobe.h"
#include "page/advice.h"
#include "page/approval.h"
#include "page/fonts.h"
#include "store/bundle.h"
#include "page/pages.h"
#include "store/stick.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The title of the first playlist under path that has one (the confined drawer is told only
 * the outcome, not the import's title). Caller frees; NULL when none. */
static char *first_title(const char *path)
{
    char **files = NULL;
    int n = playlist_expand_path(path, &files);
    char *title = NULL;
    for (int i = 0; i < n; i++) {
        struct diag d = {0};
        struct playlist *pl = title ? NULL : playlist_load(files[i], &d);
        if (pl && pl->title)
            title = xstrdup(pl->title);
        playlist_free(pl);
        diag_free(&d);
        free(files[i]);
    }
    free(files);
    return title;
}

char *stickpreview_header(const char *content, const char *dir, const struct store_result *res,
                          int w, int h)
{
    static const char *const outcome[] = {
        N_("loaded"), N_("not loaded: errors"), N_("already on screen"), N_("interrupted"),
        N_("failed"), N_("preview only")};
    char when[32];
    hb_local_time(when, sizeof when, "%Y-%m-%d %H:%M");
    const char *result = stick_preview_only(dir)         ? _("preview only")
                         : res->outcome <= STORE_PREVIEW ? _(outcome[res->outcome])
                                                         : "?";
    char *title = res->title[0] ? xstrdup(res->title) : first_title(content);
    char *header = xasprintf(_("%s · %s · screen %dx%d · %s"), title ? title : "honorboard", when,
                             w, h, result);
    free(title);
    return header;
}

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
    char *header = stickpreview_header(content, dir, res, w, h);
    int n = 0;
    if (pages_sheets(content, w, h, outdir, STICKPREVIEW_STEM, STICKPREVIEW_PER_SHEET, header, &n) <
        0)
        n = 0; /* the parent then removes outdated sheets from the stick */
    /* for approval (送审): asked with 只预览 or a 送审 folder; the cover lists what REPORT.txt
     * lists. Drawn beside the sheets; the parent copies the folder onto the stick. */
    char *asked = path_join(dir, STICKPREVIEW_APPROVAL);
    if (stick_preview_only(dir) || path_is_dir(asked)) {
        char *approval = path_join(outdir, STICKPREVIEW_APPROVAL);
        struct diag d = {0}; /* the list REPORT.txt has, judged again as the import judges */
        struct bundle_plan plan = {0};
        struct bundle_summary sum = {0};
        const struct validate_opts opts = {.decode_images = true,
                                           .glyphs = &fonts_glyph_checker,
                                           .advise = advice_check,
                                           .probe_video = videoprobe_slide};
        if (res->diag.n == 0)
            bundle_judge(dir, &opts, &plan, &sum, &d);
        approval_write(content, w, h, approval, header, res->diag.n ? &res->diag : &d);
        bundle_plan_free(&plan);
        diag_free(&d);
        free(approval);
    }
    free(asked);
    free(header);
    free(content);
    free(dir);
    return n;
}
