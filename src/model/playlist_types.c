/* playlist_types.c - the model's data (playlist_types.h): the theme a playlist starts from, and
 * freeing a playlist with everything it owns. */
#include "model/playlist_types.h"

#include <stdlib.h>

const struct theme playlist_default_theme = {
    .background = {0x8E, 0x1B, 0x1B, 255},
    .accent = {0xF3, 0xC9, 0x69, 255},
    .text = {0xFF, 0xFF, 0xFF, 255},
};

static void media_free(struct media_ref *m)
{
    free(m->path);
    free(m->resolved);
}

void playlist_free(struct playlist *pl)
{
    if (!pl)
        return;
    for (size_t i = 0; i < pl->nslides; i++) {
        struct slide *s = &pl->slides[i];
        free(s->name), free(s->unit), free(s->honor), free(s->title), free(s->subtitle);
        free(s->first), free(s->second), free(s->top);
        free(s->text), free(s->caption);
        free(s->number), free(s->to), free(s->sign), free(s->date);
        for (size_t j = 0; j < s->nattachments; j++)
            free(s->attachments[j]);
        free(s->attachments);
        free(s->qr), free(s->qr_label);
        media_free(&s->photo);
        media_free(&s->image);
        media_free(&s->video);
        media_free(&s->poster);
        for (size_t j = 0; j < s->npeople; j++) {
            free(s->people[j].name), free(s->people[j].honor), free(s->people[j].unit);
            media_free(&s->people[j].photo);
        }
        free(s->people);
        for (size_t j = 0; j < s->nphotos; j++) {
            media_free(&s->photos[j].image);
            free(s->photos[j].caption);
        }
        free(s->photos);
    }
    free(pl->slides);
    media_free(&pl->theme.background_image);
    media_free(&pl->theme.emblem);
    free(pl->theme.font);
    free(pl->theme.title_font);
    free(pl->title), free(pl->subtitle), free(pl->path), free(pl->dir), free(pl->ticker);
    free(pl);
}
