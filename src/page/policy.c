/* policy.c - playback policy: durations, page timing, cards, playable or skipped (policy.h). */
#include "page/policy.h"
#include "model/slidekinds.h"
#include "picture/images.h"
#include "base/util.h"
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
    if (s->type == SLIDE_VIDEO) {
        struct video_info in;
        char err[512] = "no clip";
        if (s->video.resolved && video_probe(s->video.resolved, &in, err, sizeof err) == 0) {
            if (policy_video_duration(s, in.duration) > 0)
                return NULL;
            snprintf(err, sizeof err, "nothing to play between start and end");
        }
        return xasprintf("%s:%d:%d: slide %d: video '%s' cannot be played: %s", pl->path,
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
    return xasprintf("%s:%d:%d: slide %d: image '%s' cannot be shown%s%s", pl->path,
                     s->image.pos.line, s->image.pos.col, s->index,
                     s->image.path ? s->image.path : "?", why && why[0] ? ": " : "",
                     why ? why : "");
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
