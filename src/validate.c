/* validate.c - file checks for a parsed playlist: existence, letter case (FAT sticks hide it),
 * confinement to the playlist's folder (absolute, .., symlinks), decodability. */
#include "validate.h"
#include "images.h"
#include "util.h"
#include "videoprobe.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool has_dotdot(const char *p)
{
    const char *s = p;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return true;
        if (!e)
            break;
        s = e + 1;
    }
    return false;
}

/* Walks rel under dir component by component, matching names ignoring case.
 * Returns the path as it really is on disk (caller frees), or NULL. */
static char *find_case_insensitive(const char *dir, const char *rel)
{
    char *cur = xstrdup(dir);
    char *copy = xstrdup(rel);
    char *save = NULL;
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        DIR *dh = opendir(cur);
        if (!dh)
            goto fail;
        char *found = NULL;
        struct dirent *e;
        while ((e = readdir(dh)))
            if (strcasecmp(e->d_name, part) == 0) {
                found = xstrdup(e->d_name);
                break;
            }
        closedir(dh);
        if (!found)
            goto fail;
        char *next = path_join(cur, found);
        free(found);
        free(cur);
        cur = next;
    }
    free(copy);
    return cur;
fail:
    free(cur);
    free(copy);
    return NULL;
}

int validate_media(const struct playlist *pl, const struct media_ref *m, const char *what,
                   bool decode, struct diag *d)
{
    const char *f = pl->path;
    int line = m->pos.line, col = m->pos.col;
    if (m->path[0] == '/' || m->path[0] == '\\' || (m->path[0] && m->path[1] == ':')) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 "%s '%s' is an absolute path; name files relative to the playlist's folder", what,
                 m->path);
        return -1;
    }
    if (strchr(m->path, '\\')) {
        diag_add(d, DIAG_ERROR, f, line, col, "%s '%s' uses '\\'; write folders with '/'", what,
                 m->path);
        return -1;
    }
    if (has_dotdot(m->path)) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 "%s '%s' leaves the playlist's folder ('..'); keep media beside the playlist",
                 what, m->path);
        return -1;
    }
    struct stat st;
    if (lstat(m->resolved, &st) != 0 || stat(m->resolved, &st) != 0) {
        char *real = find_case_insensitive(pl->dir, m->path);
        if (real) {
            const char *shown = real + (strcmp(pl->dir, ".") == 0 ? 0 : strlen(pl->dir) + 1);
            diag_add(d, DIAG_ERROR, f, line, col,
                     "%s '%s' not found, but '%s' exists: the names differ only in letter case, "
                     "which Windows and FAT sticks hide but the board does not; make them the same",
                     what, m->path, shown);
            free(real);
        } else {
            diag_add(d, DIAG_ERROR, f, line, col, "%s '%s' not found", what, m->path);
        }
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_add(d, DIAG_ERROR, f, line, col, "%s '%s' is not a file", what, m->path);
        return -1;
    }
    char dreal[PATH_MAX], freal[PATH_MAX];
    if (!realpath(pl->dir, dreal) || !realpath(m->resolved, freal) ||
        strncmp(freal, dreal, strlen(dreal)) != 0 || freal[strlen(dreal)] != '/') {
        diag_add(d, DIAG_ERROR, f, line, col,
                 "%s '%s' leaves the playlist's folder through a symbolic link", what, m->path);
        return -1;
    }
    if (decode) {
        char err[512];
        int w = 0, h = 0;
        if (images_check(m->resolved, &w, &h, err, sizeof err) < 0) {
            diag_add(d, DIAG_ERROR, f, line, col, "%s '%s' cannot be shown: %s", what, m->path,
                     err);
            return -1;
        }
        if (w < 200 || h < 200)
            diag_add(d, DIAG_WARNING, f, line, col,
                     "%s '%s' is only %dx%d pixels and will look blurred on a large screen", what,
                     m->path, w, h);
    }
    return 0;
}

void validate_playlist(const struct playlist *pl, const struct validate_opts *o, struct diag *d)
{
    bool dec = o && o->decode_images;
    if (pl->theme.background_image.path)
        validate_media(pl, &pl->theme.background_image, "theme: background image", dec, d);
    if (pl->theme.emblem.path)
        validate_media(pl, &pl->theme.emblem, "theme: emblem", dec, d);
    for (size_t i = 0; i < pl->nslides; i++) {
        const struct slide *s = &pl->slides[i];
        if (s->type >= SLIDE_TYPE_COUNT)
            continue;
        if (s->type == SLIDE_VIDEO) { /* the clip and its poster: videoprobe.c */
            videoprobe_slide(pl, s, dec, d);
            continue;
        }
        char what[128];
        snprintf(what, sizeof what, "slide %d (%s): %s", s->index, slide_type_names[s->type],
                 s->type == SLIDE_PHOTO ? "image" : "photo");
        if (s->photo.path)
            validate_media(pl, &s->photo, what, dec, d);
        if (s->image.path)
            validate_media(pl, &s->image, what, dec, d);
        for (size_t j = 0; j < s->npeople; j++) {
            if (!s->people[j].photo.path)
                continue;
            snprintf(what, sizeof what, "slide %d (roll): person %zu (%s): photo", s->index, j + 1,
                     s->people[j].name ? s->people[j].name : "?");
            validate_media(pl, &s->people[j].photo, what, dec, d);
        }
    }
}
