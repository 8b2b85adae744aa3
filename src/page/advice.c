/* advice.c - warnings about how content will look and read on the screen, from the real
 * layout (the same one the screen uses): photos enlarged so much they blur, and pages shown
 * for less time than their text takes to read. Warnings, never errors: the board plays it. */
#include "page/advice.h"
#include "model/slidekinds.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "base/i18n.h"
#include "page/layout.h"
#include "page/policy.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reading speed the board's `duration: auto` assumes: 300 characters a minute. */
#define ADVICE_CHARS_PER_SECOND 5.0

/* The media reference of a slide an image element shows (for its line), or NULL. */
static const struct media_ref *media_of(const struct slide *s, const char *src)
{
    if (!src)
        return NULL;
    if (s->photo.path && strcmp(s->photo.path, src) == 0)
        return &s->photo;
    if (s->image.path && strcmp(s->image.path, src) == 0)
        return &s->image;
    for (size_t j = 0; j < s->npeople; j++)
        if (s->people[j].photo.path && strcmp(s->people[j].photo.path, src) == 0)
            return &s->people[j].photo;
    return NULL;
}

static void photo_advice(const struct playlist *pl, const struct slide *s,
                         const struct slide_layout *l, struct diag *d)
{
    char warned[8][256]; /* one warning per photo per slide, however many pages show it */
    int nwarned = 0;
    for (int pg = 0; pg < l->npages; pg++) {
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const struct element *e = &l->pages[pg].els[i];
            const struct media_ref *m =
                e->kind == EL_IMAGE && e->resolved ? media_of(s, e->src) : NULL;
            double k = m ? layout_enlargement(e->img_w, e->img_h, e->w, e->h, e->fit) : 0;
            if (k <= LAYOUT_MAX_ENLARGEMENT)
                continue;
            bool seen = false;
            for (int w = 0; w < nwarned; w++)
                seen |= strcmp(warned[w], e->src) == 0;
            if (seen)
                continue;
            if (nwarned < 8)
                snprintf(warned[nwarned++], sizeof warned[0], "%s", e->src);
            diag_add(d, DIAG_WARNING, pl->path, m->pos.line, m->pos.col,
                     _("slide %d: photo '%s' (%dx%d pixels) is enlarged %.1f times on a %dx%d "
                       "screen and will look blurred; use a photo of at least %dx%d pixels"),
                     s->index, e->src, e->img_w, e->img_h, k, l->w, l->h,
                     (int)ceil(e->img_w * k / LAYOUT_MAX_ENLARGEMENT),
                     (int)ceil(e->img_h * k / LAYOUT_MAX_ENLARGEMENT));
        }
    }
}

/* Texts too long for their box, cut with an ellipsis on the screen: once per slide and role. */
static void cut_advice(const struct playlist *pl, const struct slide *s,
                       const struct slide_layout *l, struct diag *d)
{
    const char *said[8] = {0};
    int nsaid = 0;
    for (int pg = 0; pg < l->npages; pg++)
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const struct element *e = &l->pages[pg].els[i];
            bool seen = false;
            for (int k = 0; k < nsaid; k++)
                seen |= strcmp(said[k], e->role ? e->role : "") == 0;
            if (!e->cut || seen)
                continue;
            if (nsaid < 8)
                said[nsaid++] = e->role ? e->role : "";
            diag_add(d, DIAG_WARNING, pl->path, s->pos.line, s->pos.col,
                     _("slide %d: its %s is too long for its place on a %dx%d screen and is cut "
                       "with an ellipsis (…); shorten it"),
                     s->index, e->role ? e->role : "text", l->w, l->h);
        }
}

static void reading_advice(const struct playlist *pl, const struct slide *s, int npages,
                           struct diag *d)
{
    const struct slide_kind *k = slide_kind_of(s->type);
    if (!s->text || !k || !k->reading.advise)
        return;
    size_t n = utf8_count(s->text);
    double need = (double)n / ADVICE_CHARS_PER_SECOND;
    double shown = policy_slide_duration(pl, s);
    if (shown + 1 >= need)
        return;
    diag_add(d, DIAG_WARNING, pl->path, s->pos.line, s->pos.col,
             _("slide %d: its text (%zu characters) takes about %.0f s to read, but its %d "
               "page(s) show for %.0f s in all (%.0f s each); give it 'duration: %.0fs' or "
               "split it into several slides"),
             s->index, n, need, npages, shown, shown / (npages > 0 ? npages : 1), ceil(need));
}

void advice_check(const struct playlist *pl, struct diag *d)
{
    advice_playlist(pl, 1920, 1080, d);
}

void advice_playlist(const struct playlist *pl, int w, int h, struct diag *d)
{
    char err[256];
    struct fonts *fonts = fonts_create(pl->theme.font, err, sizeof err);
    if (!fonts)
        return; /* validate already said the font is missing */
    struct layout_env env = draw_layout_env(fonts);
    for (size_t i = 0; i < pl->nslides; i++) {
        const struct slide *s = &pl->slides[i];
        if (s->type >= SLIDE_TYPE_COUNT)
            continue;
        struct slide_layout *l = layout_slide(pl, s, w, h, &env);
        photo_advice(pl, s, l, d);
        cut_advice(pl, s, l, d);
        reading_advice(pl, s, l->npages, d);
        layout_free(l);
    }
    fonts_destroy(fonts);
}
