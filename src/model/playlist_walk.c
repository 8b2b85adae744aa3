/* playlist_walk.c - walking a parsed playlist: every file it names, every text it shows, and
 * where playlists come from (a file or a folder of them). Every walk over a playlist's media
 * or text goes through here, so a new field is added once. */
#include "model/playlist_walk.h"
#include "base/i18n.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void playlist_foreach_media(const struct playlist *pl, playlist_media_fn fn, void *ctx)
{
    if (pl->theme.background_image.path)
        fn(ctx, &pl->theme.background_image, _("theme: background image"));
    if (pl->theme.emblem.path)
        fn(ctx, &pl->theme.emblem, _("theme: emblem"));
    for (size_t i = 0; i < pl->nslides; i++) {
        const struct slide *s = &pl->slides[i];
        if (s->type >= SLIDE_TYPE_COUNT)
            continue;
        char what[160];
        snprintf(what, sizeof what,
                 s->type == SLIDE_PHOTO ? _("slide %d (%s): image") : _("slide %d (%s): photo"),
                 s->index, slide_type_names[s->type]);
        if (s->photo.path)
            fn(ctx, &s->photo, what);
        if (s->image.path)
            fn(ctx, &s->image, what);
        if (s->video.path) {
            snprintf(what, sizeof what, _("slide %d (video): video"), s->index);
            fn(ctx, &s->video, what);
        }
        if (s->poster.path) {
            snprintf(what, sizeof what, _("slide %d (video): poster"), s->index);
            fn(ctx, &s->poster, what);
        }
        for (size_t j = 0; j < s->npeople; j++) {
            if (!s->people[j].photo.path)
                continue;
            snprintf(what, sizeof what, _("slide %d (%s): person %zu (%s): photo"), s->index,
                     slide_type_names[s->type], j + 1,
                     s->people[j].name ? s->people[j].name : "?"); /* a roll's or a wall's */
            fn(ctx, &s->people[j].photo, what);
        }
        for (size_t j = 0; j < s->nphotos; j++) {
            if (!s->photos[j].image.path)
                continue;
            snprintf(what, sizeof what, _("slide %d (gallery): photo %zu"), s->index, j + 1);
            fn(ctx, &s->photos[j].image, what);
        }
    }
}

void playlist_foreach_text(const struct playlist *pl, playlist_text_fn fn, void *ctx)
{
    const struct pos top = {1, 1}; /* the playlist's own texts: its first line */
    const char *own[] = {pl->title, pl->subtitle, pl->ticker};
    static const char *const own_what[] = {N_("title"), N_("subtitle"), N_("ticker")};
    for (size_t k = 0; k < sizeof own / sizeof *own; k++)
        if (own[k])
            fn(ctx, own[k], top, _(own_what[k]));
    for (size_t i = 0; i < pl->nslides; i++) {
        const struct slide *s = &pl->slides[i];
        char what[48];
        snprintf(what, sizeof what, _("slide %d"), s->index);
        const char *fields[] = {s->name, s->unit,     s->honor,  s->title,  s->subtitle,
                                s->text, s->caption,  s->number, s->to,     s->sign,
                                s->date, s->qr_label, s->first,  s->second, s->top};
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
            if (fields[k])
                fn(ctx, fields[k], s->pos, what);
        for (size_t j = 0; j < s->nattachments; j++)
            fn(ctx, s->attachments[j], s->pos, what);
        for (size_t j = 0; j < s->npeople; j++) {
            const struct person *p = &s->people[j];
            const char *pf[] = {p->name, p->honor, p->unit};
            for (size_t k = 0; k < sizeof pf / sizeof *pf; k++)
                if (pf[k])
                    fn(ctx, pf[k], p->pos, what);
        }
        for (size_t j = 0; j < s->nphotos; j++)
            if (s->photos[j].caption)
                fn(ctx, s->photos[j].caption, s->photos[j].pos, what);
    }
}

/* "01-先进事迹.yaml.txt" -> the length of "01-先进事迹.yaml", else 0. */
static size_t hidden_txt(const char *name)
{
    static const char *const ends[] = {".yaml.txt", ".yml.txt"};
    size_t l = strlen(name);
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t el = strlen(ends[i]);
        if (l > el && strcasecmp(name + l - el, ends[i]) == 0)
            return l - 4;
    }
    return 0;
}

int playlist_folder_slips(const char *path, struct diag *d)
{
    DIR *dir = path_is_dir(path) ? opendir(path) : NULL;
    if (!dir)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t keep = e->d_name[0] == '.' || path_is_litter(e->d_name) ? 0 : hidden_txt(e->d_name);
        if (!keep)
            continue;
        char *fixed = xasprintf("%.*s", (int)keep, e->d_name);
        char *file = path_join(path, e->d_name), *other = path_join(path, fixed);
        if (path_is_file(other))
            diag_add(d, DIAG_ERROR, file, 0, 0,
                     _("'%s' is not read but '%s' is: Windows hides the .txt ending; delete the "
                       "one you do not need"),
                     e->d_name, fixed);
        else
            diag_add(d, DIAG_ERROR, file, 0, 0,
                     _("rename '%s' to '%s': Windows hides the .txt ending"), e->d_name, fixed);
        free(file), free(other), free(fixed);
        n++;
    }
    closedir(dir);
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int playlist_expand_path(const char *path, char ***files)
{
    *files = NULL;
    if (!path_is_dir(path)) {
        if (!path_is_file(path)) {
            if (errno == 0)
                errno = ENOENT;
            return -1;
        }
        *files = xmalloc(sizeof(char *));
        (*files)[0] = xstrdup(path);
        return 1;
    }
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    size_t n = 0, cap = 8;
    char **out = xmalloc(cap * sizeof *out);
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || path_is_litter(e->d_name))
            continue;
        if (strcasecmp(e->d_name + l - 5, ".yaml") != 0 &&
            strcasecmp(e->d_name + l - 4, ".yml") != 0)
            continue;
        if (n == cap)
            out = xrealloc(out, (cap *= 2) * sizeof *out);
        out[n++] = path_join(path, e->d_name);
    }
    closedir(dir);
    qsort(out, n, sizeof *out, cmp_str);
    *files = out;
    return (int)n;
}
