/* policy.c - playback policy: durations, page timing, cards, playable or skipped (policy.h). */
#include "policy.h"
#include "images.h"
#include "util.h"

double policy_reading_time(size_t nchars)
{
    double t = (double)nchars / 300.0 * 60.0;
    if (t < 8)
        t = 8;
    if (t > 120)
        t = 120;
    return t;
}

double policy_slide_duration(const struct playlist *pl, const struct slide *s)
{
    bool is_auto = s->duration > 0 ? false : (s->duration_auto || pl->duration_auto);
    if (is_auto) {
        size_t n = 0;
        if (s->text)
            n += utf8_count(s->text);
        if (s->type == SLIDE_ROLL)
            n += s->npeople * 12;
        return policy_reading_time(n);
    }
    return s->duration > 0 ? s->duration : pl->duration;
}

struct page_timing policy_page_timing(const struct playlist *pl, const struct slide *s, int page,
                                      int npages)
{
    struct page_timing t = {
        .duration = policy_slide_duration(pl, s) / (npages > 0 ? npages : 1),
        .transition = s->transition >= 0 ? s->transition : pl->transition,
        .transition_time = s->transition_time >= 0 ? s->transition_time : pl->transition_time,
    };
    if (t.duration < 1) /* the shortest a playlist may ask for */
        t.duration = 1;
    if (page > 0) /* pages of one slide turn with a quick fade */
        t.transition = TRANS_FADE, t.transition_time = 0.5;
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
    if (s->type != SLIDE_PHOTO)
        return NULL;
    int iw, ih;
    char err[512];
    /* decoded, not only its header: a photo truncated after import must not show grey */
    if (s->image.resolved && images_check(s->image.resolved, &iw, &ih, err, sizeof err) == 0)
        return NULL;
    return xasprintf("%s:%d:%d: slide %d: image '%s' cannot be shown", pl->path,
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
    return s->type < SLIDE_TYPE_COUNT ? slide_type_names[s->type] : "?";
}
