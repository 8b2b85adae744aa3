/* policy.c - playback policy: durations, page timing, cards, playable or skipped (policy.h). */
#include "page/policy.h"
#include "base/i18n.h"
#include "model/slidekinds.h"
#include "picture/images.h"
#include "base/util.h"
#include "page/layout_types.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "film/video.h"
#include "film/videofile.h"

double policy_reading_time(size_t nchars)
{
    double t = (double)nchars / 300.0 * 60.0;
    if (t < 8)
        t = 8;
    if (t > 120)
        t = 120;
    return t;
}

double policy_video_duration(const struct slide *s, double clip_seconds)
{
    if (s->duration > 0)
        return s->duration;
    double end = s->end > 0 && s->end < clip_seconds ? s->end : clip_seconds;
    double len = end - s->start;
    return len > 0 ? len * (s->loops > 0 ? s->loops : 1) : 0;
}

double policy_video_poster_time(const struct slide *s, double clip_seconds)
{
    double end = s->end > 0 && (clip_seconds <= 0 || s->end < clip_seconds) ? s->end : clip_seconds;
    double len = end - s->start;
    if (len <= 0)
        return s->start;
    return s->start + (len >= 2 ? 1 : len / 2);
}

/* A video slide without a duration of its own lasts as long as its clip (probed once, cached). */
static double video_slide_duration(const struct slide *s)
{
    struct video_info in;
    char err[512];
    if (s->duration > 0)
        return s->duration;
    if (!s->video.resolved || video_probe(s->video.resolved, &in, err, sizeof err) < 0)
        return 0;
    return policy_video_duration(s, in.duration);
}

double policy_slide_duration(const struct playlist *pl, const struct slide *s)
{
    const struct slide_kind *k = slide_kind_of(s->type);
    if (k && k->reading.clip)
        return video_slide_duration(s);
    bool is_auto = s->duration > 0 ? false : (s->duration_auto || pl->duration_auto);
    if (is_auto) {
        size_t n = 0;
        if (s->text && k && k->reading.text)
            n += utf8_count(s->text);
        if (k)
            n += s->npeople * (size_t)k->reading.chars_per_person;
        return policy_reading_time(n);
    }
    return s->duration > 0 ? s->duration : pl->duration;
}

/* Reading speed of `duration: auto` and of check's advice: 300 characters a minute. */
#define POLICY_CHARS_PER_SECOND 5.0

double policy_page_reading(const struct slide *s, const struct slide_layout *l, int page)
{
    const struct slide_kind *k = slide_kind_of(s->type);
    if (!k || !l || page < 0 || page >= l->npages)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < l->pages[page].n; i++) {
        const struct element *e = &l->pages[page].els[i];
        if (e->kind != EL_TEXT)
            continue;
        if (k->reading.text && strcmp(e->role, "body") == 0)
            for (size_t j = 0; j < e->nlines; j++)
                n += utf8_count(e->lines[j].text);
        if (s->npeople && strcmp(e->role, "person-name") == 0)
            n += (size_t)k->reading.chars_per_person;
    }
    return (double)n / POLICY_CHARS_PER_SECOND;
}

/* A page's weight when a fixed duration is shared: its reading time, at least the shortest
 * time a page is given to read (so a page of two lines is not flashed). */
static double share_weight(double need)
{
    return need > 8 ? need : 8;
}

struct page_timing policy_page_timing(const struct playlist *pl, const struct slide *s, int page,
                                      int npages, const double *need)
{
    if (npages < 1)
        npages = 1;
    struct page_timing t = {
        .duration = policy_slide_duration(pl, s) / npages,
        .transition = s->transition >= 0 ? s->transition : pl->transition,
        .transition_time = s->transition_time >= 0 ? s->transition_time : pl->transition_time,
    };
    const struct slide_kind *k = slide_kind_of(s->type);
    bool reads = k && !k->reading.clip && (k->reading.text || k->reading.chars_per_person);
    double sum = 0;
    for (int i = 0; need && reads && i < npages; i++)
        sum += need[i];
    if (sum > 0 && page >= 0 && page < npages) { /* each page for what it gives to read */
        bool is_auto = s->duration > 0 ? false : (s->duration_auto || pl->duration_auto);
        double w = 0;
        for (int i = 0; i < npages; i++)
            w += share_weight(need[i]);
        t.duration = is_auto
                         ? policy_reading_time((size_t)lround(need[page] * POLICY_CHARS_PER_SECOND))
                         : policy_slide_duration(pl, s) * share_weight(need[page]) / w;
    }
    if (t.duration < 1) /* the shortest a playlist may ask for */
        t.duration = 1;
    if (page > 0) /* pages of one slide turn with a quick fade */
        t.transition = TRANS_FADE, t.transition_time = 0.5;
    return t;
}

double policy_duration_needed(const double *need, int npages)
{
    double w = 0, most = 0;
    for (int i = 0; i < npages; i++)
        w += share_weight(need[i]);
    for (int i = 0; i < npages; i++) /* page i's share D * weight / w must reach need[i] */
        most = fmax(most, need[i] * w / share_weight(need[i]));
    return most;
}

struct page_timing policy_laid_page_timing(const struct playlist *pl, const struct slide *s,
                                           const struct slide_layout *l, int page)
{
    int n = l && l->npages > 0 ? l->npages : 1;
    double *need = xcalloc((size_t)n, sizeof *need);
    for (int i = 0; l && i < n; i++)
        need[i] = policy_page_reading(s, l, i);
    struct page_timing t = policy_page_timing(pl, s, page, n, l ? need : NULL);
    free(need);
    for (size_t i = 0; l && page >= 0 && page < n && i < l->pages[page].n; i++) {
        const struct element *e = &l->pages[page].els[i]; /* 走字: once through, at least */
        if (e->run_speed > 0 && e->nlines)
            t.duration = fmax(t.duration, RUNNING_HOLD_S + e->lines[0].w / e->run_speed + 1);
    }
    return t;
}

struct page_timing policy_card_timing(void)
{
    return (struct page_timing){.duration = 15, .transition = TRANS_FADE, .transition_time = 0.8};
}

struct page_timing policy_standby_timing(void)
{
    return (struct page_timing){.duration = 10, .transition = TRANS_FADE, .transition_time = 0.8};
}

char *policy_skip_reason(const struct playlist *pl, const struct slide *s)
{
    if (s->type == SLIDE_VIDEO) {
        struct video_info in;
        char err[512];
        snprintf(err, sizeof err, "%s", _("no clip"));
        if (s->video.resolved && video_probe(s->video.resolved, &in, err, sizeof err) == 0) {
            if (policy_video_duration(s, in.duration) > 0)
                return NULL;
            snprintf(err, sizeof err, "%s", _("nothing to play between start and end"));
        }
        return xasprintf(_("%s:%d:%d: slide %d: video '%s' cannot be played: %s"), pl->path,
                         s->video.pos.line, s->video.pos.col, s->index,
                         s->video.path ? s->video.path : "?", err);
    }
    if (s->type != SLIDE_PHOTO)
        return NULL;
    int iw, ih;
    char err[512] = "";
    /* the header here; the decode is the page's own (the photo element must_show): a photo
     * truncated after import fails there and the slide is skipped, not shown grey */
    if (s->image.resolved && images_probe(s->image.resolved, &iw, &ih, err, sizeof err) == 0)
        return NULL;
    return policy_photo_unshown(pl, s, NULL); /* why: the check's error line said it already */
}

char *policy_photo_unshown(const struct playlist *pl, const struct slide *s, const char *why)
{
    if (why && why[0])
        return xasprintf(_("%s:%d:%d: slide %d: image '%s' cannot be shown: %s"), pl->path,
                         s->image.pos.line, s->image.pos.col, s->index,
                         s->image.path ? s->image.path : "?", why);
    return xasprintf(_("%s:%d:%d: slide %d: image '%s' cannot be shown"), pl->path,
                     s->image.pos.line, s->image.pos.col, s->index,
                     s->image.path ? s->image.path : "?");
}

const char *policy_slide_label(const struct slide *s)
{
    if (s->type == SLIDE_STORY && s->name)
        return s->name;
    if (s->title)
        return s->title;
    if (s->caption)
        return s->caption;
    /* an untitled film or photo by its file's name, so that proof of play tells them apart */
    const char *file = s->type == SLIDE_VIDEO   ? s->video.path
                       : s->type == SLIDE_PHOTO ? s->image.path
                                                : NULL;
    if (file && *file) {
        const char *base = strrchr(file, '/');
        return base ? base + 1 : file;
    }
    return s->type < SLIDE_TYPE_COUNT ? slide_type_names[s->type] : "?";
}
