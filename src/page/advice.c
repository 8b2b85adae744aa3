/* advice.c - warnings about how content will look and read on the screen, from the real
 * layout (the same one the screen uses): photos enlarged so much they blur, and pages shown
 * for less time than their text takes to read. Warnings, never errors: the board plays it. */
#include "page/advice.h"
#include "model/slidekinds.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "base/i18n.h"
#include "page/layout.h"
#include "page/layout_place.h"
#include "page/policy.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Each page shows for its share of the slide's time (policy.c): warn, naming the page that
 * falls shortest, when a page is up for less than its text takes to read, and advise the
 * duration under which every page gets its time. */
static void reading_advice(const struct playlist *pl, const struct slide *s,
                           const struct slide_layout *l, struct diag *d)
{
    const struct slide_kind *k = slide_kind_of(s->type);
    if (!s->text || !k || !k->reading.advise || l->npages < 1)
        return;
    int n = l->npages, worst = -1;
    double *need = xcalloc((size_t)n, sizeof *need), shown = 0, all = 0, gap = 1;
    double worst_shown = 0;
    for (int i = 0; i < n; i++)
        need[i] = policy_page_reading(s, l, i);
    for (int i = 0; i < n; i++) {
        double t = policy_page_timing(pl, s, i, n, need).duration;
        shown += t, all += need[i];
        if (need[i] - t > gap) /* more than a second short */
            gap = need[i] - t, worst = i, worst_shown = t;
    }
    if (worst >= 0)
        diag_add(d, DIAG_WARNING, pl->path, s->pos.line, s->pos.col,
                 _("slide %d: its text (%zu characters) takes about %.0f s to read, but its %d "
                   "page(s) show for %.0f s in all (page %d: %.0f s for %.0f s of reading); give "
                   "it 'duration: %.0fs' or split it into several slides"),
                 s->index, utf8_count(s->text), all, n, shown, worst + 1, worst_shown, need[worst],
                 ceil(policy_duration_needed(need, n)));
    free(need);
}

/* A heading, name or caption that does not fit its place even at the smallest size: the page
 * is framed on the preview sheets, so it is a warning here too, one per slide. */
static void fit_advice(const struct playlist *pl, const struct slide *s,
                       const struct slide_layout *l, struct diag *d)
{
    for (int pg = 0; pg < l->npages; pg++)
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const struct element *e = &l->pages[pg].els[i];
            if (e->kind != EL_TEXT || !e->warn_min_size || strcmp(e->role, "body") == 0)
                continue;
            diag_add(d, DIAG_WARNING, pl->path, s->pos.line, s->pos.col,
                     _("slide %d page %d: '%s' does not fit its place even at the smallest "
                       "size; shorten it"),
                     s->index, pg + 1, e->nlines ? e->lines[0].text : "");
            return;
        }
}

/* The screen advice_check() lays out for: set once, before threads (advice_set_screen). */
static int check_w = 1920, check_h = 1080;

void advice_set_screen(int w, int h)
{
    if (w > 0 && h > 0)
        check_w = w, check_h = h;
}

void advice_shape(const struct playlist *pl, int w, int h, struct diag *d)
{
    char err[256];
    struct fonts *fonts = fonts_for_theme(&pl->theme, err, sizeof err);
    if (!fonts)
        return;
    struct layout_env env = draw_layout_env(fonts);
    for (size_t i = 0; i < pl->nslides; i++) {
        const struct slide *s = &pl->slides[i];
        if (s->type >= SLIDE_TYPE_COUNT)
            continue;
        struct slide_layout *l = layout_slide(pl, s, w, h, &env);
        struct strbuf why = {0}; /* each page's warnings once */
        for (int pg = 0; pg < l->npages; pg++) {
            const char *w8 = l->pages[pg].warn_text;
            if (!l->pages[pg].warning || strcmp(w8, place_enlarged_warning()) == 0)
                continue; /* photo_advice() says that one, with the size to use */
            if (!why.s || !strstr(why.s, w8))
                sb_printf(&why, "%s%s", why.s ? "; " : "", w8);
        }
        if (why.s)
            diag_add(d, DIAG_WARNING, pl->path, s->pos.line, s->pos.col,
                     _("slide %d (%s) cannot be shown well on a %dx%d screen: %s"), s->index,
                     slide_type_names[s->type], w, h, why.s);
        sb_free(&why);
        layout_free(l);
    }
    fonts_destroy(fonts);
}

void advice_check(const struct playlist *pl, struct diag *d)
{
    advice_playlist(pl, check_w, check_h, d);
}

void advice_playlist(const struct playlist *pl, int w, int h, struct diag *d)
{
    char err[256];
    struct fonts *fonts = fonts_for_theme(&pl->theme, err, sizeof err);
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
        reading_advice(pl, s, l, d);
        fit_advice(pl, s, l, d);
        layout_free(l);
    }
    fonts_destroy(fonts);
}
