/* looppages.c - the frame loop's pages (looppages.h): asking the preparer for the next page,
 * taking its answer, uploading it ahead of its time, the change with its transition, the clip
 * of a video slide, and the page on screen's metadata for the play log. */
#include "board/looppages.h"
#include "page/running.h"
#include "board/framestats.h"
#include "base/i18n.h"
#include "board/importer.h"
#include "store/playlog.h"
#include "board/screen.h"
#include "board/timeline.h"
#include "base/util.h"
#include "film/video.h"
#include "film/videoreap.h"
#include "page/videoslide.h"
#include "board/wake.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

void looppages_request(struct loop *l, struct timeline_step st, enum purpose why)
{
    struct content *c = timeline_content(l->f->timeline);
    if (c->nitems == 0)
        return;
    l->want_id = prepare_request(l->f->prep, c, st.item, st.page, l->lw, l->lh);
    l->want = why;
    l->follow_pending = false;
    prepared_free(l->next);
    l->next = NULL;
    screen_unstage(l->f->screen);
}

void looppages_request_following(struct loop *l)
{
    looppages_request(l, timeline_following(l->f->timeline), WANT_NEXT);
}

const struct content_item *looppages_cur_item(const struct loop *l)
{
    const struct content *c = l->cur_content;
    return c && l->cur.item >= 0 && (size_t)l->cur.item < c->nitems ? &c->items[l->cur.item] : NULL;
}

static void log_slide(struct loop *l, const struct video_stats *vs, double now);

/* The clip on screen stops. Its slide line is written now, so it can say what was shown. */
void looppages_finish_video(struct loop *l, bool at_exit)
{
    struct video *v = l->cur.video;
    if (!v)
        return;
    l->cur.video = NULL;
    struct video_stats vs;
    video_get_stats(v, &vs);
    log_slide(l, &vs, now_seconds());
    framestats_video(l->f->stats, &vs);
    if (at_exit)
        video_destroy(v);
    else
        video_destroy_later(v); /* mpv's teardown is slow: not on the frame thread */
}

/* r's metadata becomes what is on screen (its pixels went to the screen). Takes r. */
static void take_metadata(struct loop *l, struct prepared *r)
{
    looppages_finish_video(l, false);
    l->video_done = false;
    free(l->cur.title);
    free(l->cur.skip_reason);
    running_free(l->cur.run);
    if (r->surf)
        SDL_FreeSurface(r->surf);
    r->surf = NULL;
    l->cur = *r;
    free(r);
    struct content *c = timeline_content(l->f->timeline);
    if (c != l->cur_content) {
        content_unref(l->cur_content);
        l->cur_content = content_ref(c);
    }
    l->cur.duration /= l->f->time_scale;
    l->cur.transition_time /= l->f->time_scale;
}

/* The line of the page on screen, once it leaves: when it went up ("start"), its seconds on
 * screen (a clip's: the seconds it played), the board, the playlist's title and the slide's.
 * The same fields for every kind; vs: a video slide's numbers, or NULL. Once per page shown. */
static void log_slide(struct loop *l, const struct video_stats *vs, double now)
{
    if (l->shown_at <= 0)
        return;
    const struct content_item *it = looppages_cur_item(l);
    const struct playlist *pl =
        it && it->playlist >= 0 && l->cur_content ? l->cur_content->playlists[it->playlist] : NULL;
    char start[40];
    playlog_time(start, l->shown_wall);
    struct strbuf b = {0};
    playlog_begin(&b, "slide");
    sb_printf(&b, ",\"start\":\"%s\"", start);
    if (!vs)
        sb_printf(&b, ",\"seconds\":%.1f", now - l->shown_at);
    sb_puts(&b, ",\"board\":");
    sb_json_str(&b, l->cfg && l->cfg->name ? l->cfg->name : "");
    sb_puts(&b, ",\"playlist_title\":");
    sb_json_str(&b, pl && pl->title ? pl->title : "");
    sb_puts(&b, ",\"playlist\":");
    sb_json_str(&b, l->cur.playlist_path);
    sb_printf(&b, ",\"slide\":%d,\"page\":%d,\"pages\":%d,\"type\":\"%s\",\"title\":",
              it ? it->slide + 1 : 0, l->cur.page + 1, l->cur.npages,
              l->cur.type ? l->cur.type : "?");
    sb_json_str(&b, l->cur.title);
    if (vs)
        videoslide_log_fields(vs, &b); /* "seconds" (played), frames */
    importer_log(l->f->imp, &b);
    l->shown_at = 0;
}

void looppages_log_leaving(struct loop *l, double now)
{
    if (!l->cur.video)
        log_slide(l, NULL, now);
}

/* The next page goes up with its transition. */
static void change(struct loop *l, double now)
{
    struct prepared *n = l->next;
    l->next = NULL;
    SDL_Surface *pixels = n->surf; /* NULL: staged already */
    n->surf = NULL;
    double tt = n->transition_time / l->f->time_scale;
    video_quiet_until(now + tt);           /* clips are opened and closed after the transition */
    importer_thumbnail(l->f->imp, pixels); /* not staged before: the screenshot, if due */
    if (screen_show(l->f->screen, pixels, n->transition, tt, now)) {
        looppages_log_leaving(l, now); /* the page before: its line */
        take_metadata(l, n);
        l->shown_at = now;
        l->shown_wall = time(NULL);
        timeline_shown(l->f->timeline, l->cur.item, l->cur.page, l->cur.npages, l->cur.duration,
                       true);
        framestats_change(l->f->stats, now, l->cur.transition_time, screen_textures(l->f->screen));
        if (l->cur.video) { /* pre-rolled on the worker: it starts with its first frame now */
            video_set_wake(l->cur.video, wake_post, NULL); /* each new frame wakes the loop */
            video_play(l->cur.video, !timeline_paused(l->f->timeline));
        }
        if (looppages_cur_item(l) && looppages_cur_item(l)->slide >= 0)
            l->last_slide = looppages_cur_item(l)->slide;
        l->at[TIMER_SLIDE] = timeline_due_at(l->f->timeline);
        /* 走字 stands on its start for a moment once the page is up, then runs */
        l->run_from = now + tt + RUNNING_HOLD_S; /* real seconds, as its speed is */
        l->at[TIMER_RUN] = l->cur.run ? l->run_from : INFINITY;
        l->dirty = true;
    } else {
        prepared_free(n);
    }
    /* The page after this one is asked for once the transition is over: while it runs the
     * screen holds two pages, and a third being painted beside them (with its photo's decode)
     * was the process's peak memory; the transition's frames also get the CPU to themselves. */
    if (screen_animating(l->f->screen, now))
        l->follow_pending = true;
    else
        looppages_request_following(l);
}

/* The same page at a new size (r): a film on it plays on, at the new size, where it is; the
 * clip r opened for it (paused at its start) is not needed. Before, the new clip replaced it and
 * stood still at its first frame for the rest of the slide. */
static void keep_clip(struct loop *l, struct prepared *r)
{
    if (!l->cur.video || !r->video || r->item != l->cur.item)
        return;
    struct video *v = l->cur.video;
    if (!video_resize(v, r->video_rect[2], r->video_rect[3]))
        return; /* ended as failed: the new clip takes over */
    video_destroy_later(r->video);
    r->video = v;
    l->cur.video = NULL; /* r's now: its slide line is written when it stops */
}

/* Takes the preparer's answer, if it is the one awaited. */
void looppages_take_prepared(struct loop *l, double now)
{
    (void)now;
    struct prepared *r = prepare_take(l->f->prep);
    if (!r)
        return;
    if (r->id != l->want_id || l->screen_off) {
        prepared_free(r); /* an answer to a request since replaced, or nobody is looking */
        return;
    }
    if (!r->surf) {
        const char *why = r->skip_reason ? r->skip_reason : "a slide";
        fprintf(stderr, "honorboard: skipping %s\n", why);
        importer_log_event(l->f->imp, "skip", "reason", r->skip_reason ? r->skip_reason : "");
        struct timeline_step instead;
        if (timeline_skip(l->f->timeline, r->item, &instead)) {
            looppages_request(l, instead, l->want);
        } else { /* nothing at all can be shown: the standby card, and in its time the slides
                  * are tried again (a photo put back plays by itself). Why goes to the log and
                  * the status; visitors read a plain sentence, never a path or a library's
                  * English. */
            char note[1024];
            snprintf(note, sizeof note, _("nothing can be played: %s"), why);
            if (!l->nothing_warned)
                importer_warn(l->f->imp, note);
            l->nothing_warned = true;
            struct content *c = timeline_content(l->f->timeline);
            l->want_id = prepare_request_note(
                l->f->prep, c, CONTENT_STANDBY, 0, l->lw, l->lh,
                _("The content cannot be shown just now; please tell the staff."));
            prepared_free(l->next);
            l->next = NULL;
            screen_unstage(l->f->screen);
        }
        prepared_free(r);
        return;
    }
    if (r->item >= 0)
        l->nothing_warned = false; /* a slide plays again */
    enum purpose why = l->want;
    l->want = WANT_NONE;
    if (why == WANT_REPLACE) { /* the same page at a new size: no transition, same clock */
        SDL_Surface *pixels = r->surf;
        r->surf = NULL;
        if (screen_replace(l->f->screen, pixels)) {
            keep_clip(l, r);
            bool done = l->video_done;
            take_metadata(l, r);
            l->video_done = l->cur.video && done;
            l->at[TIMER_RUN] = l->cur.run ? fmax(now_seconds(), l->run_from) : INFINITY;
            timeline_shown(l->f->timeline, l->cur.item, l->cur.page, l->cur.npages, l->cur.duration,
                           false);
            l->dirty = true;
            l->dumped[0] = '\0'; /* --dump-frames: the page made again (a new day, the clock or
                                  * the ticker come or gone) is written again */
        } else {
            prepared_free(r);
        }
        looppages_request_following(l);
        return;
    }
    l->next = r;
}

/* Pages: answers, uploading ahead of time, and the change when it is due. */
void looppages_step(struct loop *l, double now)
{
    looppages_take_prepared(l, now);
    struct screen *s = l->f->screen;
    struct timeline *tl = l->f->timeline;
    if (l->follow_pending && !screen_animating(s, now))
        looppages_request_following(l);
    bool due = timeline_change_due(tl);
    /* upload the next page while nothing moves, so the change itself costs no upload */
    if (l->next && l->next->surf && !screen_staged(s) && (screen_can_stage(s) || due)) {
        importer_thumbnail(l->f->imp, l->next->surf); /* the outbox's screenshot, if due */
        if (screen_stage(s, l->next->surf))
            l->next->surf = NULL;
    }
    if (!l->next || !due)
        return;
    struct timeline_step instead;
    if (!timeline_boundary(tl, (struct timeline_step){l->next->item, l->next->page}, &instead)) {
        looppages_request(l, instead, WANT_NEXT); /* its schedule closed meanwhile */
        return;
    }
    change(l, now);
}

/* A video slide's clip: its next frame into the page on screen; when it ends (or breaks) the
 * slide ends with it. True while it plays. */
bool looppages_step_video(struct loop *l)
{
    struct video *v = l->cur.video;
    if (!v || l->video_done)
        return false;
    int st = video_update(v);
    if (st > 0) {
        int w, h;
        size_t stride;
        const uint32_t *px = video_pixels(v, &w, &h, &stride);
        screen_paint_page(l->f->screen, l->cur.video_rect, px, stride);
        video_release_pixels(v); /* copied: the render thread may write the next one */
        l->dirty = true;
    } else if (st < 0) {
        l->video_done = true;
        struct video_stats vs;
        video_get_stats(v, &vs);
        if (vs.failed) { /* the board goes on with the next slide */
            const struct content_item *it = looppages_cur_item(l);
            char *msg = xasprintf("%s: slide %d: video stopped after %.1f s: %s",
                                  l->cur.playlist_path ? l->cur.playlist_path : "?",
                                  it ? it->slide + 1 : 0, vs.seconds, vs.error);
            fprintf(stderr, "honorboard: %s; going on\n", msg);
            importer_log_event(l->f->imp, "warning", "message", msg);
            free(msg);
        }
        timeline_advance_now(l->f->timeline);
    }
    return !l->video_done && !timeline_paused(l->f->timeline);
}

bool looppages_step_running(struct loop *l, double now)
{
    if (!l->cur.run || now < l->run_from || !screen_has_page(l->f->screen) ||
        screen_animating(l->f->screen, now) || timeline_paused(l->f->timeline))
        return false;
    int rect[4];
    size_t stride;
    running_rect(l->cur.run, rect);
    /* where the clock says, whatever the frame rate: speed x seconds since it began */
    const uint32_t *px = running_paint(l->cur.run, now - l->run_from, &stride);
    screen_paint_band(l->f->screen, rect, px, stride);
    return true;
}
