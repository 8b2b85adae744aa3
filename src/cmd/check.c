/* check.c - `honorboard check PATH...`: parse, validate, print every problem and a summary. */
#include "cmd/check.h"
#include "page/advice.h"
#include "base/i18n.h"
#include "base/diag.h"
#include "page/fonts.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "base/util.h"
#include "model/validate.h"
#include "model/videoprobe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int check_paths(char **paths, int npaths, FILE *out)
{
    return check_paths_at(paths, npaths, 0, 0, out);
}

int check_collect(char **paths, int npaths, int w, int h, struct diag *d, int *nplaylists,
                  size_t *nslides, FILE *out)
{
    int rc = 0;
    const struct validate_opts opts = {.decode_images = true,
                                       .glyphs = &fonts_glyph_checker,
                                       .advise = advice_check,
                                       .probe_video = videoprobe_slide};
    for (int i = 0; i < npaths; i++) {
        char **files = NULL;
        int n = playlist_expand_path(paths[i], &files);
        if (n < 0) {
            fprintf(out, _("%s: error: cannot read: %s\n"), paths[i], strerror(errno));
            rc = 2;
            continue;
        }
        if (playlist_folder_slips(paths[i], d) == 0 && n == 0)
            diag_add(d, DIAG_ERROR, paths[i], 0, 0, _("no playlists (*.yaml) in this folder"));
        for (int j = 0; j < n; j++) {
            struct playlist *pl = validate_playlist_file(files[j], &opts, d);
            if (pl && w > 0 && h > 0)
                advice_shape(pl, w, h, d);
            if (pl && nplaylists)
                ++*nplaylists;
            if (pl && nslides)
                *nslides += pl->nslides;
            playlist_free(pl);
            free(files[j]);
        }
        free(files);
    }
    return rc;
}

int check_paths_at(char **paths, int npaths, int w, int h, FILE *out)
{
    int nplaylists = 0;
    char *ptmp[4];
    size_t nslides = 0;
    struct diag d = {0};
    int rc = check_collect(paths, npaths, w, h, &d, &nplaylists, &nslides, out);
    diag_print(&d, out);
    /* four parts, each with its own plural form */
    fprintf(
        out, _("%s, %s: %s, %s\n"),
        ptmp[0] = xasprintf(i18n_ngettext("%d playlist", "%d playlists", (unsigned long)nplaylists),
                            nplaylists),
        ptmp[1] = xasprintf(i18n_ngettext("%zu slide", "%zu slides", nslides), nslides),
        ptmp[2] =
            xasprintf(i18n_ngettext("%d error", "%d errors", (unsigned long)d.errors), d.errors),
        ptmp[3] = xasprintf(i18n_ngettext("%d warning", "%d warnings", (unsigned long)d.warnings),
                            d.warnings));
    for (int i = 0; i < 4; i++)
        free(ptmp[i]);
    if (rc == 0 && d.errors)
        rc = 1;
    diag_free(&d);
    return rc;
}
