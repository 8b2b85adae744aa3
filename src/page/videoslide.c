/* videoslide.c - a video slide's page (see videoslide.h): where the clip goes on it, its first
 * frame painted in, and its fields in the play log. */
#include "page/videoslide.h"
#include "base/util.h"
#include "base/i18n.h"
#include "film/video.h"
#include "film/videofile.h"
#include "film/videoreap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The video element of the page and the rectangle the live clip fills inside it. */
static bool clip_rect(const struct slide_layout *l, const struct video_info *in, enum fit_mode fit,
                      int rect[4])
{
    for (size_t i = 0; l->npages > 0 && i < l->pages[0].n; i++) {
        const struct element *e = &l->pages[0].els[i];
        if (e->kind != EL_IMAGE || strcmp(e->role, "video") != 0)
            continue;
        double src[4], d[4] = {0, 0, e->w, e->h};
        if (fit == FIT_CONTAIN)
            layout_fit_rect(in->w, in->h, e->w, e->h, FIT_CONTAIN, 0.5, 0.5, src, d);
        rect[0] = (int)lround(e->x + d[0]), rect[1] = (int)lround(e->y + d[1]);
        rect[2] = (int)lround(d[2]), rect[3] = (int)lround(d[3]);
        rect[2] = rect[2] > l->w - rect[0] ? l->w - rect[0] : rect[2];
        rect[3] = rect[3] > l->h - rect[1] ? l->h - rect[1] : rect[3];
        return rect[2] > 0 && rect[3] > 0;
    }
    return false;
}

static void paste(SDL_Surface *dst, const int rect[4], const uint32_t *px, size_t stride)
{
    for (int y = 0; y < rect[3]; y++)
        memcpy((uint8_t *)dst->pixels + (size_t)(rect[1] + y) * dst->pitch + (size_t)rect[0] * 4,
               (const uint8_t *)px + (size_t)y * stride, (size_t)rect[2] * 4);
}

struct video *videoslide_prepare(const struct playlist *pl, const struct slide *s,
                                 const struct slide_layout *l, SDL_Surface *page, int rect[4],
                                 char **skip)
{
    video_wait_quiet(); /* not while a transition runs: it would get a fraction of the cores */
    struct video_info in;
    char err[512];
    if (video_probe(s->video.resolved, &in, err, sizeof err) < 0 ||
        !clip_rect(l, &in, s->fit, rect)) {
        *skip = xasprintf(_("%s:%d:%d: slide %d: video '%s' cannot be played: %s"), pl->path,
                          s->video.pos.line, s->video.pos.col, s->index, s->video.path, err);
        return NULL;
    }
    /* a fixed duration repeats the clip as often as it takes and cuts it at the end */
    struct video_opts o = {.start = s->start,
                           .end = s->end,
                           .loops = s->duration > 0 ? 0 : s->loops,
                           .audio = s->audio,
                           .cover = s->fit == FIT_COVER,
                           .hwdec = true,
                           .behind_screen = true,
                           .subtitles = s->subtitles > 0   ? VIDEO_SUBS_ON
                                        : s->subtitles < 0 ? VIDEO_SUBS_OFF
                                                           : VIDEO_SUBS_AUTO};
    struct video *v = video_open(s->video.resolved, &o, rect[2], rect[3], err, sizeof err);
    if (!v) {
        *skip = xasprintf(_("%s:%d:%d: slide %d: video '%s' cannot be played: %s"), pl->path,
                          s->video.pos.line, s->video.pos.col, s->index, s->video.path, err);
        return NULL;
    }
    int w, h;
    size_t stride;
    const uint32_t *px = video_pixels(v, &w, &h, &stride);
    if (page && page->w >= rect[0] + rect[2] && page->h >= rect[1] + rect[3])
        paste(page, rect, px, stride); /* the transition in mixes the very first frame */
    video_release_pixels(v);
    return v;
}

void videoslide_log_fields(const struct video_stats *vs, struct strbuf *b)
{
    sb_printf(b, ",\"seconds\":%.1f,\"frames\":%ld,\"frames_dropped\":%ld", vs->seconds, vs->frames,
              vs->dropped);
    if (vs->file[0]) {
        sb_puts(b, ",\"file\":");
        sb_json_str(b, vs->file);
    }
    if (vs->deinterlaced)
        sb_puts(b, ",\"deinterlaced\":true");
    if (vs->subtitles > 0)
        sb_printf(b, ",\"subtitles\":%d", vs->subtitles);
    if (vs->nerrors > 0) {
        sb_printf(b, ",\"decoder_errors\":%d,\"errors\":[", vs->nerrors);
        for (int i = 0; i < vs->nerrors && i < (int)(sizeof vs->errors / sizeof *vs->errors); i++) {
            sb_printf(b, "%s{\"at\":%.1f,\"message\":", i ? "," : "", vs->errors[i].at);
            sb_json_str(b, vs->errors[i].text);
            sb_puts(b, "}");
        }
        sb_puts(b, "]");
    }
    if (vs->nfreezes > 0) {
        sb_printf(b, ",\"freezes\":%d,\"frozen\":[", vs->nfreezes);
        for (int i = 0; i < vs->nfreezes && i < (int)(sizeof vs->freezes / sizeof *vs->freezes);
             i++)
            sb_printf(b, "%s{\"at\":%.1f,\"seconds\":%.1f}", i ? "," : "", vs->freezes[i].at,
                      vs->freezes[i].seconds);
        sb_puts(b, "]");
    }
    if (vs->failed) {
        sb_puts(b, ",\"error\":");
        sb_json_str(b, vs->error);
    }
}
