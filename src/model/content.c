/* content.c - PATH -> the list of things to show: playable slides in order, and an on-screen
 * error card for each playlist that cannot be played at all. */
#include "model/content.h"
#include "base/i18n.h"
#include "base/util.h"
#include "model/validate.h"
#include "model/playlist_walk.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void add_item(struct content *c, size_t *cap, struct content_item it)
{
    if (c->nitems == *cap)
        c->items = xrealloc(c->items, (*cap = *cap ? *cap * 2 : 32) * sizeof *c->items);
    c->items[c->nitems++] = it;
}

/* The reference count, kept beside the content where no reader can touch it. */
struct counted {
    int refs;
    struct content c;
};

static struct counted *counted_of(struct content *c)
{
    return (struct counted *)((char *)c - offsetof(struct counted, c));
}

/* The errors for a card, with their file:line:col, a few of them (the author fixes them in
 * order; `check` and REPORT.txt list them all). Caller frees. */
static char *card_errors(const struct diag *d)
{
    struct strbuf b = {0};
    int shown = 0, errors = 0;
    for (size_t k = 0; k < d->n; k++) {
        if (d->msgs[k].level != DIAG_ERROR)
            continue;
        if (++errors > CONTENT_CARD_ERRORS)
            continue;
        char *line = diag_format(&d->msgs[k]);
        sb_printf(&b, "%s%s", shown++ ? "\n" : "", line);
        free(line);
    }
    if (errors > CONTENT_CARD_ERRORS)
        sb_printf(&b, "\n%s", "");
    if (errors > CONTENT_CARD_ERRORS)
        sb_printf(&b, _("… and %d more"), errors - CONTENT_CARD_ERRORS);
    return b.s ? b.s : xstrdup(_("no slide that can be played"));
}

int content_nearest(const struct content *c, const char *playlist_path, int slide)
{
    int best = -1, first_of_file = -1;
    for (size_t i = 0; i < c->nitems; i++) {
        const struct content_item *it = &c->items[i];
        if (it->playlist < 0 || strcmp(c->files[it->playlist], playlist_path) != 0)
            continue;
        if (first_of_file < 0)
            first_of_file = (int)i;
        if (it->slide == slide)
            return (int)i;
        if (it->slide <= slide)
            best = (int)i; /* the last one before it: the slide was deleted */
    }
    return best >= 0 ? best : first_of_file >= 0 ? first_of_file : 0;
}

struct content *content_load(const char *path, struct diag *d)
{
    struct counted *box = xcalloc(1, sizeof *box);
    box->refs = 1;
    struct content *c = &box->c;
    c->source = xstrdup(path);
    size_t cap = 0;
    char **files = NULL;
    int n = playlist_expand_path(path, &files);
    struct diag slips = {0}; /* 01.yaml.txt: a card each, so the live preview says the fix */
    playlist_folder_slips(path, &slips);
    for (size_t k = 0; k < slips.n; k++) {
        const struct diag_msg *m = &slips.msgs[k];
        diag_add(d, m->level, m->file, m->line, m->col, "%s", m->text);
        add_item(
            c, &cap,
            (struct content_item){.playlist = -1, .slide = -1, .card_message = diag_format(m)});
    }
    bool slipped = slips.n > 0;
    diag_free(&slips);
    if (n <= 0 && slipped) {
        free(files);
        return c;
    }
    if (n <= 0) {
        char *msg = n < 0 ? xasprintf("%s: %s", path, strerror(errno))
                          : xasprintf(_("%s: no playlists (*.yaml) here"), path);
        diag_add(d, DIAG_ERROR, path, 0, 0, "%s",
                 n < 0 ? strerror(errno) : _("no playlists (*.yaml) here"));
        add_item(c, &cap, (struct content_item){.playlist = -1, .slide = -1, .card_message = msg});
        free(files);
        return c;
    }
    c->files = files;
    c->nplaylists = n;
    c->playlists = xcalloc((size_t)n, sizeof *c->playlists);
    for (int i = 0; i < n; i++) {
        struct diag local = {0};
        struct playlist *pl = playlist_load(files[i], &local);
        if (pl)
            validate_playlist(pl, &(struct validate_opts){.decode_images = false}, &local);
        c->playlists[i] = pl;
        size_t before = c->nitems;
        /* A playlist whose file-level structure is broken (syntax, version, no slides) is not
         * played; slides that parsed are played even when some of their files are missing. */
        bool broken = !pl || pl->version != PLAYLIST_FORMAT_VERSION || pl->nslides == 0;
        for (size_t s = 0; !broken && s < pl->nslides; s++)
            if (pl->slides[s].type < SLIDE_TYPE_COUNT)
                add_item(c, &cap, (struct content_item){.playlist = i, .slide = (int)s});
        if (c->nitems == before) {
            char *first = card_errors(&local);
            add_item(c, &cap,
                     (struct content_item){
                         .playlist = i,
                         .slide = -1,
                         .card_message = xasprintf(_("This playlist has errors and cannot be "
                                                     "played; the rest plays as usual.\n\n%s"),
                                                   first)});
            free(first);
        }
        for (size_t k = 0; k < local.n; k++)
            diag_add(d, local.msgs[k].level, local.msgs[k].file, local.msgs[k].line,
                     local.msgs[k].col, "%s", local.msgs[k].text);
        diag_free(&local);
    }
    return c;
}

struct content *content_ref(struct content *c)
{
    __atomic_add_fetch(&counted_of(c)->refs, 1, __ATOMIC_SEQ_CST);
    return c;
}

void content_unref(struct content *c)
{
    if (!c || __atomic_sub_fetch(&counted_of(c)->refs, 1, __ATOMIC_SEQ_CST) > 0)
        return;
    for (int i = 0; i < c->nplaylists; i++) {
        playlist_free(c->playlists[i]);
        free(c->files[i]);
    }
    for (size_t i = 0; i < c->nitems; i++)
        free(c->items[i].card_message);
    free(c->items);
    free(c->playlists);
    free(c->files);
    free(c->source);
    free(counted_of(c));
}
