/* videoslide.c - glue for video slides (see videoslide.h): where the clip goes on its page,
 * how long the slide lasts, frames into textures, and its line in the play log. */
#include "videoslide.h"
#include "framestats.h"
#include "playlog.h"
#include "util.h"
#include "video.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The video element of the page and the rectangle the live clip fills inside it. */
static bool clip_rect(const struct slide_layout *l, const struct video_info *in,
                      enum fit_mode fit, int rect[4])
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
    struct video_info in;
    char err[512];
    if (video_probe(s->video.resolved, &in, err, sizeof err) < 0 || !clip_rect(l, &in, s->fit, rect)) {
        *skip = xasprintf("%s:%d:%d: slide %d: video '%s' cannot be played: %s", pl->path,
                          s->video.pos.line, s->video.pos.col, s->index, s->video.path, err);
        return NULL;
    }
    /* a fixed duration repeats the clip as often as it takes and cuts it at the end */
    struct video_opts o = {.start = s->start, .end = s->end,
                           .loops = s->duration > 0 ? 0 : s->loops, .audio = s->audio,
                           .cover = s->fit == FIT_COVER, .hwdec = true};
    struct video *v = video_open(s->video.resolved, &o, rect[2], rect[3], err, sizeof err);
    if (!v) {
        *skip = xasprintf("%s:%d:%d: slide %d: video '%s' cannot be played: %s", pl->path,
                          s->video.pos.line, s->video.pos.col, s->index, s->video.path, err);
        return NULL;
    }
    int w, h;
    size_t stride;
    const uint32_t *px = video_pixels(v, &w, &h, &stride);
    if (page && page->w >= rect[0] + rect[2] && page->h >= rect[1] + rect[3])
        paste(page, rect, px, stride); /* the transition in mixes the very first frame */
    return v;
}

int videoslide_frame(struct video *v, SDL_Texture *tex, SDL_Surface *pixels, const int rect[4],
                     const char *playlist, int slide, struct playlog *log, bool *failed)
{
    int st = video_update(v);
    int w, h;
    size_t stride;
    const uint32_t *px = video_pixels(v, &w, &h, &stride);
    if (st > 0) {
        SDL_Rect r = {rect[0], rect[1], rect[2], rect[3]};
        if (tex)
            SDL_UpdateTexture(tex, &r, px, (int)stride);
        if (pixels)
            paste(pixels, rect, px, stride);
    } else if (st < 0) {
        struct video_stats vs;
        video_get_stats(v, &vs);
        *failed = vs.failed;
        if (vs.failed) {
            fprintf(stderr, "honorboard: %s: slide %d: the video stopped after %.1f s: %s; "
                            "going on with the next slide\n", playlist ? playlist : "?", slide,
                    vs.seconds, vs.error);
            char *msg = xasprintf("%s: slide %d: video stopped after %.1f s: %s",
                                  playlist ? playlist : "?", slide, vs.seconds, vs.error);
            playlog_event(log, "warning", "message", msg);
            free(msg);
        }
    }
    return st;
}

void videoslide_finish(struct video *v, struct strbuf *b, struct framestats *stats)
{
    if (!v)
        return;
    struct video_stats vs;
    video_get_stats(v, &vs);
    if (b) {
        sb_printf(b, ",\"seconds\":%.1f,\"frames\":%ld,\"frames_dropped\":%ld", vs.seconds,
                  vs.frames, vs.dropped);
        if (vs.failed) {
            sb_puts(b, ",\"error\":");
            sb_json_str(b, vs.error);
        }
    }
    framestats_video(stats, vs.seconds, vs.frames, vs.dropped, vs.preroll_ms,
                     vs.frames ? vs.render_ms_total / (double)vs.frames : 0, vs.render_ms_max);
    video_destroy(v);
}
