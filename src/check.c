/* check.c - `honorboard check PATH...`: parse, validate, print every problem and a summary. */
#include "check.h"
#include "i18n.h"
#include "diag.h"
#include "fonts.h"
#include "playlist.h"
#include "util.h"
#include "validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct playlist *check_playlist_file(const char *path, struct diag *d)
{
    size_t first_msg = d->n;
    struct playlist *pl = playlist_load(path, d);
    if (pl) {
        struct validate_opts vo = {.decode_images = true};
        validate_playlist(pl, &vo, d);
        fonts_check_playlist(pl, d);
    }
    diag_sort_from(d, first_msg);
    return pl;
}

int check_paths(char **paths, int npaths, FILE *out)
{
    int nplaylists = 0, rc = 0;
    char *ptmp[4];
    size_t nslides = 0;
    struct diag d = {0};
    for (int i = 0; i < npaths; i++) {
        char **files = NULL;
        int n = playlist_expand_path(paths[i], &files);
        if (n < 0) {
            fprintf(out, _("%s: error: cannot read: %s\n"), paths[i], strerror(errno));
            rc = 2;
            continue;
        }
        if (n == 0)
            diag_add(&d, DIAG_ERROR, paths[i], 0, 0, _("no playlists (*.yaml) in this folder"));
        for (int j = 0; j < n; j++) {
            struct playlist *pl = check_playlist_file(files[j], &d);
            if (pl) {
                nplaylists++;
                nslides += pl->nslides;
            }
            playlist_free(pl);
            free(files[j]);
        }
        free(files);
    }
    diag_print(&d, out);
    /* four parts, each with its own plural form */
    fprintf(out, _("%s, %s: %s, %s\n"),
            ptmp[0] = xasprintf(i18n_ngettext("%d playlist", "%d playlists", (unsigned long)nplaylists), nplaylists),
            ptmp[1] = xasprintf(i18n_ngettext("%zu slide", "%zu slides", nslides), nslides),
            ptmp[2] = xasprintf(i18n_ngettext("%d error", "%d errors", (unsigned long)d.errors), d.errors),
            ptmp[3] = xasprintf(i18n_ngettext("%d warning", "%d warnings", (unsigned long)d.warnings), d.warnings));
    for (int i = 0; i < 4; i++)
        free(ptmp[i]);
    if (rc == 0 && d.errors)
        rc = 1;
    diag_free(&d);
    return rc;
}
