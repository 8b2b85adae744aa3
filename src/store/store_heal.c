/* store_heal.c - is a stored bundle sound enough to play: complete (its import's note is
 * there), whole (its files as the MANIFEST its import wrote lists them, its playlists parse
 * without an error); a damaged one put aside in STORE/damaged/. store_keep.c's resolve() uses
 * these at every start and reload. */
#include "store/store_heal.h"
#include "base/i18n.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "store/manifest.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* "bundles/<name>" with a plain name (what the store itself writes), holding its STORE_INFO_FILE.
 */
bool store_complete_bundle(const char *dir, const char *rel)
{
    if (!rel || strncmp(rel, "bundles/", 8) != 0 || !rel[8] || rel[8] == '.' ||
        strchr(rel + 8, '/'))
        return false;
    char *info = xasprintf("%s/%s/" STORE_INFO_FILE, dir, rel);
    struct stat st;
    bool ok = lstat(info, &st) == 0 && S_ISREG(st.st_mode);
    free(info);
    return ok;
}

/* Is the complete bundle rel whole: its files as the MANIFEST its import wrote lists them
 * (sizes, then hashes; bundles stored before there was one have none) and every playlist in it
 * parsing without an error? When not, why gets the first fault. */
bool store_bundle_whole(const char *dir, const char *rel, char *why, size_t n)
{
    why[0] = '\0';
    if (!store_complete_bundle(dir, rel)) {
        snprintf(why, n, "%s", _("incomplete"));
        return false;
    }
    char *root = path_join(dir, rel), err[512];
    struct manifest m = {0};
    bool ok = true;
    if (manifest_load(root, MANIFEST_NAME, &m, err, sizeof err) == 0) {
        ok = manifest_match(root, &m, false, NULL, why, n) == 0;
    } else if (errno != ENOENT) {
        snprintf(why, n, "%s", err);
        ok = false;
    }
    manifest_free(&m);
    char **files = NULL;
    int k = ok ? playlist_expand_path(root, &files) : 0;
    if (ok && k <= 0) {
        snprintf(why, n, "%s", _("no playlist"));
        ok = false;
    }
    for (int i = 0; i < k; i++) {
        struct diag d = {0};
        struct playlist *pl = ok ? playlist_load(files[i], &d) : NULL;
        if (ok && (!pl || d.errors)) {
            char *line = d.n ? diag_format(&d.msgs[0]) : xstrdup(files[i]);
            snprintf(why, n, "%s", line);
            free(line);
            ok = false;
        }
        playlist_free(pl);
        diag_free(&d);
        free(files[i]);
    }
    free(files);
    free(root);
    return ok;
}

/* Moves a damaged bundle (or a `current` that is no link) into STORE/damaged/, where cleanup
 * never deletes it: kept for a person to look at. 0, or -1. */
int store_put_aside(const char *dir, const char *rel)
{
    char *dd = path_join(dir, "damaged");
    mkdir(dd, 0755);
    const char *slash = strrchr(rel, '/');
    char *from = path_join(dir, rel), *to = xasprintf("%s/%s", dd, slash ? slash + 1 : rel);
    int rc = rename(from, to);
    if (rc < 0 && (errno == EEXIST || errno == ENOTEMPTY)) {
        free(to);
        to = xasprintf("%s/%s-%lld", dd, slash ? slash + 1 : rel, (long long)time(NULL));
        rc = rename(from, to);
    }
    if (rc == 0)
        fprintf(stderr, "honorboard: %s put aside as %s\n", from, to);
    free(dd), free(from), free(to);
    return rc;
}

/* Is rel whole? A damaged one is noted in *p (the first only) and, with `aside` (under the
 * lock), put aside. */
bool store_whole_or_note(const char *dir, const char *rel, bool aside, struct store_passed *p)
{
    char why[512];
    if (store_bundle_whole(dir, rel, why, sizeof why))
        return true;
    if (!store_complete_bundle(dir, rel))
        return false; /* a half-made one is cleanup's, not damage */
    bool moved = aside && store_put_aside(dir, rel) == 0;
    if (!p->rel[0]) {
        snprintf(p->rel, sizeof p->rel, "%s", rel);
        snprintf(p->why, sizeof p->why, "%s", why);
        p->aside = moved;
    }
    return false;
}
