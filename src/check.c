/* check.c - `honorboard check PATH...`: parse, validate, print every problem and a summary. */
#include "check.h"
#include "diag.h"
#include "fonts.h"
#include "playlist.h"
#include "util.h"
#include "validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int check_paths(char **paths, int npaths, FILE *out)
{
    int nplaylists = 0, rc = 0;
    size_t nslides = 0;
    struct diag d = {0};
    const struct validate_opts opts = {.decode_images = true, .glyphs = &fonts_glyph_checker};
    for (int i = 0; i < npaths; i++) {
        char **files = NULL;
        int n = playlist_expand_path(paths[i], &files);
        if (n < 0) {
            fprintf(out, "%s: error: cannot read: %s\n", paths[i], strerror(errno));
            rc = 2;
            continue;
        }
        if (n == 0)
            diag_add(&d, DIAG_ERROR, paths[i], 0, 0, "no playlists (*.yaml) in this folder");
        for (int j = 0; j < n; j++) {
            struct playlist *pl = validate_playlist_file(files[j], &opts, &d);
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
    fprintf(out, "%d playlist%s, %zu slide%s: %d error%s, %d warning%s\n", nplaylists,
            nplaylists == 1 ? "" : "s", nslides, nslides == 1 ? "" : "s", d.errors,
            d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
    if (rc == 0 && d.errors)
        rc = 1;
    diag_free(&d);
    return rc;
}
