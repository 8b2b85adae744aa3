/* frameloop.c - the player's frame loop (frameloop.h): timers in a table, pages from the
 * preparer, news from the importer, keys and signals, and a frame drawn only when something on
 * screen changed or moves.
 *
 * Keys: Right/PageDown next, Left/PageUp previous, Space pause, Home first, F/F11 fullscreen,
 * I info, R reload, Q/Esc quit in a window, Ctrl+Q in fullscreen. */
#include "board/frameloop.h"
#include "board/looppages.h"
#include "model/config.h"
#include "board/framestats.h"
#include "base/i18n.h"
#include "board/importer.h"
#include "store/playlog.h"
#include "page/prepare.h"
#include "base/schedule.h"
#include "text/zhdate.h"
#include "board/screen.h"
#include "board/timeline.h"
#include "base/util.h"
#include "film/video.h"
#include "film/videoreap.h"
#include "page/running.h"
#include "page/videoslide.h"
#include "board/wake.h"
#include "board/displaypower.h"
#include "model/slidekinds.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>

/* ---- timers ---------------------------------------------------------------------------- */

/* Just after the wall clock's next minute (to the nanosecond: with nothing else changing, the
 * clock in the header is drawn again only then). */
static double next_minute(double now)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    return now + (60 - tm.tm_sec) - ts.tv_nsec / 1e9 + 0.02;
}

static double fire_quit(struct loop *l, double now)
{
    (void)now;
    l->quit = true;
    l->reason = "quit-after";
    return INFINITY;
}

/* systemd's watchdog: fed only while this loop turns (a hung loop is restarted). */
static double fire_watchdog(struct loop *l, double now)
{
    (void)l;
    sd_notify(0, "WATCHDOG=1");
    return now + 1;
}

static double fire_status(struct loop *l, double now)
{
    double dt = now - l->fps_at;
    l->fps = l->fps_at > 0 && dt > 0 ? l->frames / dt : 0;
    l->frames = 0;
    l->fps_at = now;
    const struct content_item *it = looppages_cur_item(l);
    const struct content *c = timeline_content(l->f->timeline);
    const struct playlist *first = c->nplaylists > 0 ? c->playlists[0] : NULL;
    struct status_info si = {.content_title = first ? first->title : NULL,
                             .playlist = l->cur.playlist_path,
                             .title = l->cur.title,
                             .type = l->cur.type,
                             .slide = it ? it->slide + 1 : 0,
                             .page = l->cur.page + 1,
                             .pages = l->cur.npages,
                             .bundle = c->source,
                             .uptime = now - l->f->process_start,
                             .fps = l->fps,
                             .screen_on = !l->screen_off};
    importer_status(l->f->imp, &si);
    return now + 2;
}

/* screen_off hours: black, and nothing prepared or drawn until the window ends. */
static double fire_screen(struct loop *l, double now)
{
    time_t t = schedule_now(); /* the board's clock (`play --at` included) */
    struct tm tm;
    localtime_r(&t, &tm);
    /* the day changed other than at the midnight the day timer waits for (NTP set the clock of
     * a board that booted with a wrong one): the date cards are redone within the minute */
    int day = zhdate_local(t);
    if (l->day && day != l->day)
        l->at[TIMER_DAY] = now;
    l->day = day;
    bool off = schedule_in_windows(&l->cfg->screen_off, tm.tm_hour * 60 + tm.tm_min);
    if (off != l->screen_off) {
        l->screen_off = off;
        importer_log_event(l->f->imp, off ? "screen-off" : "screen-on", NULL, NULL);
        fprintf(stderr, "honorboard: screen %s\n", off ? "off (screen_off hours)" : "on");
        if (l->cur.video)
            video_play(l->cur.video, !off);
        if (off) {
            looppages_log_leaving(l, now);   /* the page leaves the screen */
            screen_draw_black(l->f->screen); /* under DPMS and CEC, and where they are not */
            displaypower_set(l->power, false, l->cfg->screen_off_power);
        } else { /* resume with the next open slide */
            displaypower_set(l->power, true, l->cfg->screen_off_power);
            looppages_request(l, timeline_resume(l->f->timeline), WANT_NEXT);
            timeline_advance_now(l->f->timeline);
            l->dirty = true;
        }
    } else if (off) { /* a key on the lobby PC may have woken the monitor */
        displaypower_set(l->power, false, l->cfg->screen_off_power);
    }
    return next_minute(now);
}

static double fire_clock(struct loop *l, double now)
{
    l->dirty = true;
    return next_minute(now);
}

static void update_info(struct loop *l)
{
    const struct content *c = timeline_content(l->f->timeline);
    snprintf(l->info, sizeof l->info, "%s  ·  %d/%zu  ·  page %d/%d  ·  %.1f ms%s",
             l->cur.playlist_path ? l->cur.playlist_path : "-", l->cur.item + 1, c->nitems,
             l->cur.page + 1, l->cur.npages, l->frame_ms,
             timeline_paused(l->f->timeline) ? "  ·  paused" : "");
}

static double fire_info(struct loop *l, double now)
{
    if (!l->show_info)
        return INFINITY;
    update_info(l); /* twice a second, not every frame */
    l->dirty = true;
    return now + 0.5;
}

static double fire_notice(struct loop *l, double now)
{
    (void)now;
    l->notice[0] = '\0';
    l->dirty = true;
    return INFINITY;
}

/* The page's time is up: the loop's page step changes it (or waits for the preparer). */
static double fire_slide(struct loop *l, double now)
{
    (void)l, (void)now;
    return INFINITY; /* armed again when the next page goes up or pause ends */
}

/* Just after the next local midnight (of the board's clock, `play --at` included). From
 * localtime_r alone: mktime() would read /etc/localtime again on the frame thread. */
static double next_midnight(double now)
{
    time_t t = schedule_now();
    struct tm tm;
    localtime_r(&t, &tm);
    double left = 86400.0 - (tm.tm_hour * 3600.0 + tm.tm_min * 60.0 + tm.tm_sec);
    return now + fmax(1, left) + 0.5;
}

/* A new day: a date card or a countdown on screen is laid out and drawn again, now and only
 * now (between two days such a page costs nothing: no frame is drawn for it). */
/* Whether a page of this kind depends on the day (its descriptor says so). */
static bool dated(const char *type)
{
    const struct slide_kind *k = slide_kind_of(slide_kind_by_name(type));
    return k && k->daily;
}

static double fire_day(struct loop *l, double now)
{
    l->day = zhdate_local(schedule_now()); /* seen: fire_screen does not fire it again */
    if (!screen_has_page(l->f->screen))
        return next_midnight(now);
    if (dated(l->cur.type)) { /* on screen: drawn again for the new day, with what follows */
        struct timeline_pos p = timeline_position(l->f->timeline);
        looppages_request(l, (struct timeline_step){p.item, p.page}, WANT_REPLACE);
    } else if (l->want != WANT_REPLACE && (!l->next || dated(l->next->type))) {
        /* the page made ahead (or being made) may be yesterday's: made again for today */
        looppages_request_following(l);
    }
    return next_midnight(now);
}

/* 走字 begins to run: the loop wakes for it (then draws a frame a refresh while it runs). */
static double fire_run(struct loop *l, double now)
{
    (void)now;
    l->dirty = true;
    return INFINITY;
}

/* Everything the loop does at a time (nsxiv's timeouts[]). A timer's function does its work
 * and returns when it is due again (INFINITY: not until something arms it). */
static const struct {
    const char *name;
    double (*fire)(struct loop *l, double now);
} timers[TIMER_COUNT] = {
    [TIMER_QUIT] = {"quit-after", fire_quit}, [TIMER_WATCHDOG] = {"watchdog", fire_watchdog},
    [TIMER_STATUS] = {"status", fire_status}, [TIMER_SCREEN] = {"screen-off", fire_screen},
    [TIMER_CLOCK] = {"clock", fire_clock},    [TIMER_INFO] = {"info", fire_info},
    [TIMER_NOTICE] = {"notice", fire_notice}, [TIMER_SLIDE] = {"slide", fire_slide},
    [TIMER_DAY] = {"day", fire_day},          [TIMER_RUN] = {"run", fire_run},
};

static void run_timers(struct loop *l, double now)
{
    for (int i = 0; i < TIMER_COUNT; i++)
        if (l->at[i] <= now)
            l->at[i] = timers[i].fire(l, now);
}

static double next_timer(const struct loop *l)
{
    double t = INFINITY;
    for (int i = 0; i < TIMER_COUNT; i++)
        t = fmin(t, l->at[i]);
    return t;
}

/* ---- input ------------------------------------------------------------------------------ */

static void follow_size(struct loop *l);

static bool handle_key(struct loop *l, const SDL_KeyboardEvent *k, double now)
{
    struct timeline *tl = l->f->timeline;
    bool ctrl = k->keysym.mod & KMOD_CTRL;
    bool full = screen_fullscreen(l->f->screen);
    switch (k->keysym.sym) {
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN:
        timeline_advance_now(tl);
        break;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
        if (screen_has_page(l->f->screen)) {
            looppages_request(l, timeline_previous(tl), WANT_NEXT);
            timeline_advance_now(tl);
        }
        break;
    case SDLK_HOME:
        looppages_request(l, timeline_first(tl), WANT_NEXT);
        timeline_advance_now(tl);
        break;
    case SDLK_SPACE:
        timeline_toggle_pause(tl);
        if (l->cur.video)
            video_play(l->cur.video, !timeline_paused(tl));
        l->at[TIMER_SLIDE] = timeline_due_at(tl);
        break;
    case SDLK_f:
    case SDLK_F11:
        screen_toggle_fullscreen(l->f->screen);
        follow_size(l);
        break;
    case SDLK_i:
        l->show_info = !l->show_info;
        l->at[TIMER_INFO] = now;
        l->dirty = true;
        break;
    case SDLK_r:
        importer_reload(l->f->imp);
        break;
    case SDLK_q:
        return full && !ctrl;
    case SDLK_ESCAPE:
        return full;
    default:
        break;
    }
    return true;
}

/* The page is laid out again when the output size changed. Asked after F and on every window
 * event, not only SIZE_CHANGED: an X server with no window manager may send none for a
 * fullscreen toggle. */
static void follow_size(struct loop *l)
{
    if (!screen_resized(l->f->screen))
        return;
    screen_size(l->f->screen, &l->lw, &l->lh);
    l->interval = screen_refresh_interval(l->f->screen);
    if (screen_has_page(l->f->screen)) {
        struct timeline_pos p = timeline_position(l->f->timeline);
        looppages_request(l, (struct timeline_step){p.item, p.page}, WANT_REPLACE);
    }
    l->dirty = true;
}

static void handle_event(struct loop *l, const SDL_Event *ev, double now)
{
    if (ev->type == SDL_QUIT) {
        l->quit = true;
    } else if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        if (!handle_key(l, &ev->key, now))
            l->quit = true;
    } else if (ev->type == SDL_WINDOWEVENT) { /* any of them: see follow_size() */
        follow_size(l);
        l->dirty = true; /* exposed, resized, shown again */
    }
}

/* The config's ticker is scrolled under playlists without one: the pages leave it its band. */
static bool config_ticker(const struct config *c)
{
    return c->ticker && *c->ticker;
}

/* A config read again on reload: screen-off hours, clock and ticker from now on (the language
 * switched already), the page laid out again when the rotation changed or the clock or the
 * config's ticker came or went (the header leaves the clock its box, the page the ticker its
 * band). */
static void apply_config(struct loop *l, const struct config *c, double now)
{
    bool turned = c->rotate != l->cfg->rotate, clock = c->clock != l->cfg->clock;
    bool ticker = config_ticker(c) != config_ticker(l->cfg);
    l->cfg = c;
    prepare_set_clock(l->f->prep, c->clock);
    prepare_set_ticker(l->f->prep, config_ticker(c));
    l->at[TIMER_SCREEN] = now; /* on or off by the new hours (on when there are none) */
    l->at[TIMER_CLOCK] = c->clock ? now : INFINITY;
    if (turned) {
        screen_set_rotate(l->f->screen, c->rotate);
        follow_size(l);
    }
    if ((clock || ticker) && screen_has_page(l->f->screen)) { /* room made or given back */
        struct timeline_pos p = timeline_position(l->f->timeline);
        looppages_request(l, (struct timeline_step){p.item, p.page}, WANT_REPLACE);
    }
    l->dirty = true;
}

/* News from the importer: content to switch to, the notice band, a config. */
static void take_news(struct loop *l, double now)
{
    struct importer_news n;
    if (!importer_take(l->f->imp, &n))
        return;
    if (n.config)
        apply_config(l, n.config, now);
    const struct content_item *it = looppages_cur_item(l);
    if (n.content && n.keep_place && it && it->playlist >= 0) { /* live */
        int slide = it->slide >= 0 ? it->slide : l->last_slide;
        int item = content_nearest(n.content, l->cur_content->files[it->playlist], slide);
        int page = item >= 0 && n.content->items[item].slide == slide ? l->cur.page : 0;
        timeline_set_content(l->f->timeline, n.content);
        content_unref(n.content);
        looppages_request(l, (struct timeline_step){item, page}, WANT_NEXT);
        timeline_advance_now(l->f->timeline);
    } else if (n.content) { /* within seconds, with the normal transition (not minutes later,
                             * at the end of a long slide, while the author waits) */
        timeline_set_content(l->f->timeline, n.content);
        content_unref(n.content);
        looppages_request(l, timeline_first(l->f->timeline), WANT_NEXT);
        timeline_cut_short(l->f->timeline, FRAMELOOP_NEW_CONTENT_S);
    }
    if (n.notice) {
        snprintf(l->notice, sizeof l->notice, "%s", n.notice_text);
        l->notice_seq += n.notice_text[0] != '\0';
        l->at[TIMER_NOTICE] = n.notice_text[0] ? now + n.notice_secs : INFINITY;
        l->dirty = true;
    }
}

/* ---- frames ---------------------------------------------------------------------------- */

/* The playing playlist's theme (its design), or NULL between playlists. */
static const struct theme *playing_theme(const struct loop *l)
{
    const struct content_item *it = looppages_cur_item(l);
    if (it && it->playlist >= 0 && l->cur_content->playlists[it->playlist])
        return &l->cur_content->playlists[it->playlist]->theme;
    return NULL;
}

static const char *ticker_text(const struct loop *l)
{
    const struct content_item *it = looppages_cur_item(l);
    if (it && it->playlist >= 0) {
        const struct playlist *pl = l->cur_content->playlists[it->playlist];
        if (pl && pl->ticker && *pl->ticker) /* as the layout (layout_ticker_room()) and render */
            return pl->ticker;
    }
    return l->cfg->ticker;
}

/* --dump-frames: once a page is fully shown (no transition), its frame goes to
 * DIR/WxH/<the name render gives that page>, once per page and size; while a notice band shows,
 * to DIR/WxH/notice-N.png, once per notice (N counts them from 1). */
static void arm_dump(struct loop *l, double now)
{
    if (!l->f->dump_frames || !screen_has_page(l->f->screen) || screen_animating(l->f->screen, now))
        return;
    char name[512], path[1200];
    const struct content *c = l->cur_content;
    if (l->notice[0])
        snprintf(name, sizeof name, "notice-%d.png", l->notice_seq);
    else if (c && l->cur.item >= 0 && (size_t)l->cur.item < c->nitems)
        prepare_page_name(c, l->cur.item, l->cur.page, l->cur.npages, name, sizeof name);
    else
        snprintf(name, sizeof name, "standby.png");
    snprintf(path, sizeof path, "%s/%dx%d/%s", l->f->dump_frames, l->lw, l->lh, name);
    if (strcmp(path, l->dumped) == 0)
        return;
    snprintf(l->dumped, sizeof l->dumped, "%s", path);
    screen_dump_next(l->f->screen, path);
}

/* Without vsync (the software renderer), a frame that follows a moving one is made ahead
 * (wait_event() wakes PACE_AHEAD of an interval early) for the moment one refresh after the
 * last frame, and shown at that moment however long it took to make: frames reach the screen
 * evenly, as a vertical blank spaces them, and a change costs no uneven frame for the work
 * around it (a page freed, the next one being painted on the other core). With vsync,
 * SDL_RenderPresent() waits for the blank itself. */
#define PACE_AHEAD 0.5

static bool paced(const struct loop *l)
{
    return l->animated && !screen_vsync(l->f->screen);
}

static void draw(struct loop *l, double now)
{
    l->frame_start = now;
    arm_dump(l, now);
    const char *ticker = ticker_text(l);
    struct screen_overlay ov = {.clock = l->cfg->clock,
                                .english = l->cfg->english,
                                .ticker = ticker,
                                .ticker_only = !l->dirty, /* drawn only because things move */
                                .notice = l->notice[0] ? l->notice : NULL,
                                .info = l->show_info ? l->info : NULL,
                                .theme = playing_theme(l)};
    double at = paced(l) ? fmax(now, l->last_frame + l->interval) : now;
    screen_compose(l->f->screen, at, &ov);
    if (at > now)
        sleep_until_seconds(at);
    screen_present(l->f->screen);
    l->frames++;
    int band[4];
    screen_last_band(l->f->screen, band);
    if (band[2] > 0)
        framestats_band(l->f->stats, band);
    double after = now_seconds();
    if (!l->ready_sent && screen_has_page(l->f->screen)) {
        sd_notify(0, "READY=1");
        importer_log_event(l->f->imp, "ready", NULL, NULL); /* the first page is on screen */
        l->ready_sent = true;
        framestats_first_frame(l->f->stats, (after - l->f->process_start) * 1000);
    }
    /* a frame after a sleep costs its own time; frames in a row cost the time between them */
    double secs = l->animated || l->film ? after - l->last_frame : after - now;
    if (l->ready_sent)
        framestats_frame(l->f->stats, after, secs);
    l->frame_ms = secs * 1000;
    l->last_frame = after;
    l->dirty = false;
}

/* Moving now: a transition runs, a ticker scrolls, or 走字 runs. */
static bool moving(const struct loop *l, double now)
{
    const char *t = ticker_text(l);
    return screen_animating(l->f->screen, now) || (t && *t) ||
           (l->cur.run && now >= l->run_from && !timeline_paused(l->f->timeline));
}

static void wait_event(struct loop *l, double now, bool animating, bool film)
{
    /* Moving: with vsync the next frame one refresh after this one began, so frames come at
     * the display's rate whether SDL_RenderPresent waits for the vertical blank (then no wait
     * is left here) or returns at once (Xvfb's GLX); without, early enough to make the next
     * frame before its moment (draw() shows it then). Still: asleep until the next timer, input,
     * a page or news. A film's render thread wakes the loop for each frame; it is looked at at
     * the loop's pace besides (its end comes as mpv's event, not as a frame). */
    double until = !animating                   ? next_timer(l)
                   : screen_vsync(l->f->screen) ? l->frame_start + l->interval
                                                : l->last_frame + (1 - PACE_AHEAD) * l->interval;
    if (film && !animating)
        until = fmin(until, now + l->interval);
    for (;;) {
        double secs = until - now;
        int ms = secs <= 0 ? 0 : secs > 3600 ? 3600 * 1000 : (int)ceil(secs * 1000);
        SDL_Event ev;
        if (!SDL_WaitEventTimeout(&ev, ms))
            return;
        do
            handle_event(l, &ev, now);
        while (SDL_PollEvent(&ev));
        /* while pages move, the next frame keeps its time: news in between (a film's frame
         * during its transition) waits for it rather than costing a whole extra frame */
        now = now_seconds();
        if (!animating || l->quit || now >= until)
            return;
    }
}

static void loop_start(struct loop *l, const struct frameloop *f, double now)
{
    l->f = f;
    l->reason = "quit";
    l->cur.item = -1;
    l->cur.npages = 1;
    screen_size(f->screen, &l->lw, &l->lh);
    l->interval = screen_refresh_interval(f->screen);
    for (int i = 0; i < TIMER_COUNT; i++)
        l->at[i] = INFINITY;
    l->at[TIMER_QUIT] = f->quit_after > 0 ? now + f->quit_after : INFINITY;
    l->at[TIMER_WATCHDOG] = now;
    l->at[TIMER_STATUS] = now;
    l->cfg = f->cfg;
    l->power = f->power;
    l->at[TIMER_SCREEN] = f->cfg->screen_off.set ? now : INFINITY;
    l->at[TIMER_CLOCK] = f->cfg->clock ? now : INFINITY;
    l->at[TIMER_DAY] = next_midnight(now);
    l->dirty = true;
    l->last_frame = now;
    prepare_set_wake(f->prep, wake_post, NULL);
    prepare_set_clock(f->prep, f->cfg->clock);          /* the pages leave the clock its box */
    prepare_set_ticker(f->prep, config_ticker(f->cfg)); /* and the config's ticker its band */
    looppages_request(l, timeline_first(f->timeline), WANT_NEXT);
}

const char *frameloop_run(const struct frameloop *f)
{
    wake_start_signals();
    struct loop l = {0};
    loop_start(&l, f, now_seconds());
    for (;;) {
        double now = now_seconds();
        run_timers(&l, now);
        if (wake_quit_requested())
            l.quit = true, l.reason = "signal";
        if (l.quit)
            break;
        if (wake_take_reload())
            importer_reload(f->imp);
        take_news(&l, now);
        bool animating = false, film = false;
        if (l.screen_off) {
            looppages_take_prepared(&l, now); /* dropped: nobody is looking */
            if (l.dirty)                      /* exposed: black again */
                screen_draw_black(f->screen);
            l.dirty = false;
        } else {
            looppages_step(&l, now);
            film = looppages_step_video(&l); /* a new frame of a film makes the screen dirty */
            looppages_step_running(&l, now); /* 走字: its band only */
            l.film = film && l.film_before;  /* in a row while it keeps playing */
            animating = moving(&l, now);
            if (l.dirty || animating || l.animated) /* l.animated: the frame after the end */
                draw(&l, now);
        }
        l.animated = animating;
        l.film_before = film;
        wait_event(&l, now_seconds(), animating, film);
    }
    wake_stop_signals();
    displaypower_set(l.power, true, 0); /* the display on again for whoever comes next */
    looppages_finish_video(&l, true);
    looppages_log_leaving(&l, now_seconds());
    video_wait_destroyed();
    prepared_free(l.next);
    running_free(l.cur.run);
    free(l.cur.title);
    free(l.cur.skip_reason);
    content_unref(l.cur_content);
    return l.reason;
}
