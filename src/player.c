/* player.c - `honorboard play`: the lobby screen. The frame loop only uploads prepared pages and
 * draws transitions; everything slow happens on the worker (prepare.c). It never shows black:
 * until a new page is ready the current one stays up, and the first frame is the theme colour.
 *
 * Keys: Right/PageDown next, Left/PageUp previous, Space pause, Home first, F/F11 fullscreen,
 * I info, R reload, Q/Esc quit in a window, Ctrl+Q in fullscreen. SIGINT/SIGTERM quit (exit 0),
 * SIGHUP reloads. */
#include "player.h"
#include "i18n.h"
#include "config.h"
#include "playlog.h"
#include "schedule.h"
#include "status.h"
#include "content.h"
#include "framestats.h"
#include "overlay.h"
#include "draw.h"
#include "inbox.h"
#include "store.h"
#include "watch.h"

#include <systemd/sd-daemon.h>
#include "fonts.h"
#include "pngout.h"
#include "prepare.h"
#include "transition.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct play_opts {
    const char *path;
    bool window;
    int win_w, win_h;
    int display;
    int rotate;
    const char *log;
    double quit_after;
    const char *store;       /* --store; NULL = the default store */
    const char *config;      /* --config */
    const char *stats;       /* --stats: frame times and resource use, for bench and soak */
    const char *inbox;       /* --inbox: a folder a sync engine fills */
    double time_scale;       /* --time-scale: durations divided by this (bench, soak) */
    const char *status;      /* --status */
    const char *watch[8];    /* --watch roots */
    int nwatch;
    const char *dump_frames; /* --dump-frames DIR: each page's frame once shown, as a PNG */
};

static volatile sig_atomic_t sig_quit, sig_reload;

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        sig_reload = 1;
    else
        sig_quit = 1;
}

static void play_usage(FILE *out)
{
    fputs("usage: honorboard play [PATH] [options]\n"
          "  PATH               a playlist file or a folder of *.yaml playlists (default: the\n"
          "                     bundled playlists/)\n"
          "  --window[=WxH]     play in a resizable window (default 1280x720) instead of fullscreen\n"
          "  --fullscreen       fullscreen at the desktop resolution (the default)\n"
          "  --display N        the monitor to use, 0 first (default 0)\n"
          "  --rotate DEG       0, 90, 180 or 270 for screens mounted on their side\n"
          "  --log FILE         append a proof-of-play log (JSON Lines) to FILE\n"
          "  --inbox DIR        a folder a sync engine (Syncthing, rsync) fills with honorboard/\n"
          "  --config FILE      the board's config file (default /etc/honorboard/config.yaml,\n"
          "                     then $XDG_CONFIG_HOME/honorboard/config.yaml)\n"
          "  --status FILE      keep a JSON status file up to date (see honorboard status)\n"
          "  --store DIR        the content store played without PATH and filled from USB drives\n"
          "                     (default $XDG_DATA_HOME/honorboard, /var/lib/honorboard for root)\n"
          "  --watch DIR        a mount root to watch for USB drives with honorboard/ (repeatable;\n"
          "                     default /media, /run/media and /mnt)\n"
          "  --quit-after SECS  stop cleanly after SECS seconds (tests, soak runs)\n"
          "  --stats FILE       write frame times and memory/descriptor/texture counts (JSON Lines)\n"
          "  --time-scale X     play X times faster than the playlists say (bench and soak runs)\n"
          "  --dump-frames DIR  write each page's frame, once its transition is over, to\n"
          "                     DIR/WxH/ under the name render gives it (tests, previews)\n"
          "  --help             this text\n"
          "Keys: Right/PageDown next, Left/PageUp previous, Space pause, Home first,\n"
          "F/F11 fullscreen, I info, R reload, Q/Esc quit (Ctrl+Q in fullscreen).\n",
          out);
}

/* ---- textures, counted so soak runs can see a leak ------------------------------------- */

static int live_textures;

static SDL_Texture *tex_from_surface(SDL_Renderer *r, SDL_Surface *s)
{
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    if (t)
        live_textures++;
    return t;
}

static SDL_Texture *tex_create(SDL_Renderer *r, int w, int h)
{
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (t)
        live_textures++;
    return t;
}

static void tex_destroy(SDL_Texture *t)
{
    if (t) {
        SDL_DestroyTexture(t);
        live_textures--;
    }
}

/* ---- proof-of-play log lines (playlog.c writes and rotates) ---------------------------- */

static void log_slide(struct playlog *l, const struct content *c, const struct prepared *p)
{
    if (!l)
        return;
    struct strbuf b = {0};
    playlog_begin(&b, "slide");
    sb_puts(&b, ",\"playlist\":");
    sb_json_str(&b, p->playlist_path);
    int slide = p->item >= 0 ? c->items[p->item].slide + 1 : 0;
    sb_printf(&b, ",\"slide\":%d,\"page\":%d,\"pages\":%d,\"type\":\"%s\",\"title\":", slide,
              p->page + 1, p->npages, p->type ? p->type : "?");
    sb_json_str(&b, p->title);
    playlog_end(l, &b);
}

/* ---- the player ---------------------------------------------------------------------------- */

enum purpose { WANT_NONE, WANT_NEXT, WANT_REPLACE };

struct player {
    struct play_opts o;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *target; /* when rotated */
    bool vsync, fullscreen, paused, show_info, advance_now;
    int out_w, out_h, lw, lh; /* output and logical (unrotated) sizes */
    char dumped[1200];         /* --dump-frames: the last frame written (its path) */
    struct content *content;
    struct preparer *prep;
    struct playlog *log;
    /* what is on screen */
    SDL_Texture *cur_tex, *prev_tex;
    struct prepared cur; /* metadata only (surf moved to the texture) */
    bool have_cur;
    double shown_at, paused_at, trans_start;
    int trans_kind;
    double trans_time;
    /* what is coming */
    unsigned want_id;
    enum purpose want;
    struct prepared *next; /* ready, waiting for its time */
    SDL_Texture *next_tex; /* next's pixels, uploaded ahead of its time (between transitions) */
    /* The software renderer blends two full-screen textures slowly; there, fades are mixed by
     * our own loop from the pages' pixels into one streaming texture. */
    bool soft;
    SDL_Surface *cur_surf, *prev_surf, *next_surf;
    SDL_Texture *blend_tex;
    int skips;
    /* USB drives and imports */
    char *store_dir;           /* store mode: play the store, import drives into it */
    struct watch *watch;
    struct inbox *inbox;
    double inbox_at;
    struct importer *imp;
    char *queue[8];
    int nqueue;
    /* the notice band at the bottom (imports) */
    char notice[1200];
    double notice_until;
    /* the board's settings (config file merged with the command line) */
    struct config cfg;
    bool screen_off;
    bool clock_warned;
    struct overlays *ov; /* notice band, ticker, clock, info line */
    struct framestats *stats; /* --stats */
    /* status file */
    double status_at, started;
    int frames;
    double fps;
    char import_time[32], import_source[512], import_result[16], import_message[1024];
    /* info overlay */
    char info_line[512];
    double info_at, frame_ms;
};

/* ---- imports from drives, on their own thread ------------------------------------------ */

struct importer {
    pthread_t thread;
    char *store, *src;
    uint64_t done, total; /* progress, read by the frame loop */
    int finished;
    int cancel;           /* set by the frame loop when the player stops */
    bool report;          /* write REPORT.txt (sticks, not a sync engine's inbox) */
    struct store_policy policy;
    struct store_result res;
};

static bool import_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct importer *im = ctx;
    __atomic_store_n(&im->total, total, __ATOMIC_RELAXED);
    __atomic_store_n(&im->done, done, __ATOMIC_RELAXED);
    return !__atomic_load_n(&im->cancel, __ATOMIC_RELAXED);
}

static void *import_run(void *arg)
{
    struct importer *im = arg;
    store_import_with(im->store, im->src, &im->policy, import_progress, im, &im->res);
    if (im->report)
        store_write_report(im->src, &im->res);
    __atomic_store_n(&im->finished, 1, __ATOMIC_RELEASE);
    return NULL;
}

static void log_import(struct playlog *l, const char *src, const struct store_result *r)
{
    if (!l)
        return;
    struct strbuf b = {0};
    playlog_begin(&b, "import");
    sb_puts(&b, ",\"source\":");
    sb_json_str(&b, src);
    sb_printf(&b, ",\"result\":\"%s\",\"message\":", store_outcome_name(r->outcome));
    sb_json_str(&b, r->message);
    sb_printf(&b, ",\"slides\":%d", r->slides);
    playlog_end(l, &b);
}

static void set_notice(struct player *p, const char *text, double secs)
{
    snprintf(p->notice, sizeof p->notice, "%s", text);
    p->notice_until = now_seconds() + secs;
}

static void request(struct player *p, int item, int page, enum purpose why);
static void switch_content(struct player *p, const char *path);

/* ---- schedules ---------------------------------------------------------------------------- */

static bool clock_ok(struct player *p, const struct tm *tm)
{
    bool ok = schedule_clock_ok(tm);
    if (!ok && !p->clock_warned) {
        fprintf(stderr, "honorboard: warning: the clock looks unset (year %d): schedule dates are "
                        "ignored until it is right\n", tm->tm_year + 1900);
        playlog_event(p->log, "warning", "message", "clock unset: schedule dates ignored");
        p->clock_warned = true;
    }
    return ok;
}

static bool item_open(struct player *p, int item, const struct tm *tm)
{
    if (item < 0 || (size_t)item >= p->content->nitems)
        return item == PREPARE_STANDBY;
    const struct content_item *it = &p->content->items[item];
    if (it->playlist < 0 || it->slide < 0)
        return true; /* error cards always show */
    const struct playlist *pl = p->content->playlists[it->playlist];
    bool ok = clock_ok(p, tm);
    return schedule_open(&pl->schedule, tm, ok) &&
           schedule_open(&pl->slides[it->slide].schedule, tm, ok);
}

static struct tm local_now(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return tm;
}

/* The first item at or after `from` (stepping by `dir`) whose schedule is open now, or the
 * standby card when nothing is. */
static int open_item(struct player *p, int from, int dir)
{
    int n = (int)p->content->nitems;
    struct tm tm = local_now();
    for (int k = 0; k < n; k++) {
        int i = (((from + dir * k) % n) + n) % n;
        if (item_open(p, i, &tm))
            return i;
    }
    return PREPARE_STANDBY;
}

/* Starts queued imports, follows the running one, and takes its result. */
static void service_imports(struct player *p)
{
    if (p->watch) {
        char *d = watch_poll(p->watch);
        if (d && p->nqueue < (int)(sizeof p->queue / sizeof *p->queue))
            p->queue[p->nqueue++] = d;
        else
            free(d);
    }
    double now = now_seconds();
    if (p->inbox && now - p->inbox_at >= 1) {
        p->inbox_at = now;
        if (inbox_poll(p->inbox, now) && p->nqueue < (int)(sizeof p->queue / sizeof *p->queue))
            p->queue[p->nqueue++] = xstrdup(inbox_dir(p->inbox));
    }
    if (!p->imp && p->nqueue) {
        struct importer *im = xcalloc(1, sizeof *im);
        im->store = xstrdup(p->store_dir);
        im->src = p->queue[0];
        im->policy = (struct store_policy){.glyphs = &fonts_glyph_checker,
                                           .trusted_keys = (const char *const *)p->cfg.trusted_keys,
                                           .ntrusted = p->cfg.ntrusted};
        im->report = !p->inbox || strcmp(im->src, inbox_dir(p->inbox)) != 0;
        im->policy.prescale = p->lw > p->lh ? p->lw : p->lh; /* this screen's size */
        memmove(p->queue, p->queue + 1, (size_t)(--p->nqueue) * sizeof *p->queue);
        fprintf(stderr, "honorboard: drive %s: importing\n", im->src);
        if (pthread_create(&im->thread, NULL, import_run, im) != 0) {
            free(im->store), free(im->src), free(im);
            return;
        }
        p->imp = im;
        if (im->report)
            set_notice(p, _("USB stick found, checking its content... Do not remove it."), 1e9);
    }
    if (!p->imp)
        return;
    struct importer *im = p->imp;
    if (!__atomic_load_n(&im->finished, __ATOMIC_ACQUIRE)) {
        uint64_t total = __atomic_load_n(&im->total, __ATOMIC_RELAXED);
        uint64_t done = __atomic_load_n(&im->done, __ATOMIC_RELAXED);
        if (total && im->report) {
            char t[256];
            snprintf(t, sizeof t, _("Loading from the USB stick... %d%%  Do not remove it."), (int)(done * 100 / total));
            set_notice(p, t, 1e9);
        }
        return;
    }
    pthread_join(im->thread, NULL);
    diag_print(&im->res.diag, stderr);
    fprintf(stderr, "honorboard: drive %s: %s: %s\n", im->src, store_outcome_name(im->res.outcome),
            im->res.message);
    log_import(p->log, im->src, &im->res);
    if (im->report) /* a person with a stick is standing at the screen; an inbox has nobody */
        set_notice(p, im->res.message, 12);
    hb_local_time(p->import_time, sizeof p->import_time, "%Y-%m-%dT%H:%M:%S");
    snprintf(p->import_source, sizeof p->import_source, "%s", im->src);
    snprintf(p->import_result, sizeof p->import_result, "%s", store_outcome_name(im->res.outcome));
    snprintf(p->import_message, sizeof p->import_message, "%s", im->res.message);
    if (im->res.outcome == STORE_OK)
        switch_content(p, im->res.bundle);
    store_result_free(&im->res);
    free(im->store), free(im->src), free(im);
    p->imp = NULL;
}

static void request(struct player *p, int item, int page, enum purpose why)
{
    if (p->content->nitems == 0)
        return;
    int n = (int)p->content->nitems;
    if (item != PREPARE_STANDBY)
        item = ((item % n) + n) % n;
    p->want_id = prepare_request(p->prep, p->content, item, page, p->lw, p->lh);
    p->want = why;
    prepared_free(p->next);
    p->next = NULL;
    tex_destroy(p->next_tex);
    p->next_tex = NULL;
    if (p->next_surf)
        SDL_FreeSurface(p->next_surf);
    p->next_surf = NULL;
}

static void request_following(struct player *p)
{
    if (p->cur.item >= 0 && p->cur.page + 1 < p->cur.npages)
        request(p, p->cur.item, p->cur.page + 1, WANT_NEXT);
    else
        request(p, open_item(p, p->cur.item < 0 ? 0 : p->cur.item + 1, 1), 0, WANT_NEXT);
}

static SDL_Texture *upload(struct player *p, SDL_Surface *s)
{
    SDL_Texture *t = tex_from_surface(p->ren, s);
    if (!t)
        fprintf(stderr, "honorboard: cannot upload a slide: %s\n", SDL_GetError());
    return t;
}

/* Makes r the page on screen, with its transition unless `cut`. Takes r. */
static void show(struct player *p, struct prepared *r, bool cut, double now)
{
    SDL_Texture *t = NULL;
    SDL_Surface *pixels = r->surf;
    if (r->surf) {
        t = upload(p, r->surf);
    } else { /* uploaded ahead of time */
        t = p->next_tex;
        p->next_tex = NULL;
        pixels = p->next_surf;
        p->next_surf = NULL;
    }
    r->surf = NULL;
    if (!t) {
        if (pixels)
            SDL_FreeSurface(pixels);
        prepared_free(r);
        return;
    }
    if (p->prev_tex)
        tex_destroy(p->prev_tex);
    p->prev_tex = cut ? NULL : p->cur_tex;
    if (cut && p->cur_tex)
        tex_destroy(p->cur_tex);
    p->cur_tex = t;
    if (p->prev_surf)
        SDL_FreeSurface(p->prev_surf);
    p->prev_surf = NULL;
    if (p->soft && !cut) {
        p->prev_surf = p->cur_surf;
    } else if (p->cur_surf) {
        SDL_FreeSurface(p->cur_surf);
    }
    p->cur_surf = NULL;
    if (p->soft)
        p->cur_surf = pixels;
    else if (pixels)
        SDL_FreeSurface(pixels);
    free(p->cur.title);
    free(p->cur.skip_reason);
    p->cur = *r;
    free(r);
    p->have_cur = true;
    p->cur.duration /= p->o.time_scale;
    p->cur.transition_time /= p->o.time_scale;
    if (!cut) {
        framestats_change(p->stats, now, p->cur.transition_time,
                          live_textures + overlays_textures(p->ov));
        p->shown_at = now;
        p->trans_start = now;
        p->trans_kind = p->cur.transition;
        p->trans_time = p->cur.transition_time;
        log_slide(p->log, p->content, &p->cur);
    }
}

/* Plays `path` from the next slide boundary on (a normal transition, no gap). */
static void switch_content(struct player *p, const char *path)
{
    struct diag d = {0};
    struct content *c = content_load(path, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    content_unref(p->content);
    p->content = c;
    fprintf(stderr, "honorboard: now playing %s: %zu items\n", path, c->nitems);
    playlog_event(p->log, "reload", "source", path);
    p->cur.item = -1;
    request(p, open_item(p, 0, 1), 0, WANT_NEXT);
}

static void reload(struct player *p)
{
    if (p->store_dir) { /* the store's current bundle may have changed (import by hand) */
        char *cur = store_current(p->store_dir);
        if (cur) {
            switch_content(p, cur);
            free(cur);
            return;
        }
    }
    switch_content(p, p->o.path);
}

static void update_sizes(struct player *p)
{
    SDL_GetRendererOutputSize(p->ren, &p->out_w, &p->out_h);
    bool side = p->o.rotate == 90 || p->o.rotate == 270;
    p->lw = side ? p->out_h : p->out_w;
    p->lh = side ? p->out_w : p->out_h;
    if (p->target)
        tex_destroy(p->target);
    p->target = NULL;
    tex_destroy(p->blend_tex);
    p->blend_tex = NULL;
    overlays_reset(p->ov);
    if (p->o.rotate)
        p->target = tex_create(p->ren, p->lw, p->lh);
}

static void draw_info(struct player *p, double now)
{
    if (now - p->info_at > 0.5) { /* the line changes twice a second, not every frame */
        snprintf(p->info_line, sizeof p->info_line, "%s  ·  %d/%zu  ·  page %d/%d  ·  %.1f ms%s",
                 p->cur.playlist_path ? p->cur.playlist_path : "-", p->cur.item + 1,
                 p->content->nitems, p->cur.page + 1, p->cur.npages, p->frame_ms,
                 p->paused ? "  ·  paused" : "");
        p->info_at = now;
    }
    overlays_info(p->ov, p->info_line, p->lw, p->lh);
}

/* The ticker's text: the current playlist's, else the config's. */
static const char *ticker_text(const struct player *p)
{
    if (p->have_cur && p->cur.item >= 0 && (size_t)p->cur.item < p->content->nitems) {
        int pl = p->content->items[p->cur.item].playlist;
        if (pl >= 0 && p->content->playlists[pl] && p->content->playlists[pl]->ticker)
            return p->content->playlists[pl]->ticker;
    }
    return p->cfg.ticker;
}

static void write_status(struct player *p, double now)
{
    double dt = now - p->status_at;
    p->fps = p->status_at > 0 && dt > 0 ? p->frames / dt : 0;
    p->frames = 0;
    p->status_at = now;
    const struct content_item *it = p->have_cur && p->cur.item >= 0 &&
                                            (size_t)p->cur.item < p->content->nitems
                                        ? &p->content->items[p->cur.item]
                                        : NULL;
    struct status_info si = {
        .playlist = p->cur.playlist_path, .title = p->cur.title, .type = p->cur.type,
        .slide = it ? it->slide + 1 : 0, .page = p->cur.page + 1, .pages = p->cur.npages,
        .bundle = p->content->source,
        .import_time = p->import_time[0] ? p->import_time : NULL,
        .import_source = p->import_source[0] ? p->import_source : NULL,
        .import_result = p->import_result[0] ? p->import_result : NULL,
        .import_message = p->import_message[0] ? p->import_message : NULL,
        .uptime = now - p->started, .fps = p->fps, .rss_kb = hb_rss_kb(),
        .screen_on = !p->screen_off};
    if (status_write(p->o.status, &si) < 0 && p->status_at - p->started < 3)
        fprintf(stderr, "honorboard: cannot write status %s: %s\n", p->o.status, strerror(errno));
}

/* Fade and zoom on the software renderer: mixed by transition_mix() into a streaming texture. */
static bool mix_transition(struct player *p, int kind, double t)
{
    if (!p->soft || !p->prev_surf || !p->cur_surf || !transition_can_mix(kind))
        return false;
    if (!p->blend_tex) {
        p->blend_tex = SDL_CreateTexture(p->ren, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STREAMING, p->lw, p->lh);
        if (!p->blend_tex)
            return false;
        live_textures++;
        SDL_SetTextureBlendMode(p->blend_tex, SDL_BLENDMODE_NONE);
    }
    return transition_mix(p->ren, p->blend_tex, p->prev_surf, p->cur_surf, kind, t, p->lw, p->lh);
}

/* --dump-frames: the frame as the screen shows it (overlays included), once per page and size,
 * after its transition, read back from the renderer into DIR/WxH/<render's name for it>. */
static void dump_frame(struct player *p, double now)
{
    if (!p->o.dump_frames || !p->cur_tex || p->prev_tex || now - p->trans_start < p->trans_time)
        return;
    char name[512], path[1200];
    if (p->cur.item >= 0 && (size_t)p->cur.item < p->content->nitems)
        prepare_page_name(p->content, p->cur.item, p->cur.page, p->cur.npages, name, sizeof name);
    else
        snprintf(name, sizeof name, "standby.png");
    snprintf(path, sizeof path, "%s/%dx%d/%s", p->o.dump_frames, p->lw, p->lh, name);
    if (strcmp(path, p->dumped) == 0)
        return;
    snprintf(p->dumped, sizeof p->dumped, "%s", path);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, p->lw, p->lh, 32, SDL_PIXELFORMAT_ARGB8888);
    char err[512], *dir = path_dirname(path);
    if (!s || path_mkdirs(dir) < 0 ||
        SDL_RenderReadPixels(p->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) < 0 ||
        pngout_write(s, path, err, sizeof err) < 0)
        fprintf(stderr, "honorboard: cannot dump the frame to %s: %s\n", path, SDL_GetError());
    free(dir);
    if (s)
        SDL_FreeSurface(s);
}

/* Lays the page out again when the output size changed: a resize, or a fullscreen toggle (an X
 * server without a window manager sends no SIZE_CHANGED event for it, so every frame asks). */
static void follow_output_size(struct player *p)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(p->ren, &w, &h);
    if (w == p->out_w && h == p->out_h)
        return;
    update_sizes(p);
    if (p->have_cur)
        request(p, p->cur.item, p->cur.page, WANT_REPLACE);
}

static void draw_frame(struct player *p, double now)
{
    if (p->target)
        SDL_SetRenderTarget(p->ren, p->target);
    const struct color bg = playlist_default_theme.background; /* never black, even before slide 1 */
    SDL_SetRenderDrawColor(p->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(p->ren);
    if (p->cur_tex) {
        double t = p->trans_time > 0 ? (now - p->trans_start) / p->trans_time : 1;
        if (!(t < 1 && mix_transition(p, p->trans_kind, t)))
            transition_draw(p->ren, p->trans_kind, p->prev_tex, p->cur_tex, t, p->lw, p->lh);
        if (t >= 1 && p->prev_tex) {
            tex_destroy(p->prev_tex);
            p->prev_tex = NULL;
            if (p->prev_surf)
                SDL_FreeSurface(p->prev_surf);
            p->prev_surf = NULL;
        }
    }
    if (p->cfg.clock)
        overlays_clock(p->ov, p->lw, p->lh);
    overlays_ticker(p->ov, ticker_text(p), now, p->lw, p->lh);
    if (p->notice[0] && now <= p->notice_until)
        overlays_notice(p->ov, p->notice, p->lw, p->lh);
    if (p->show_info)
        draw_info(p, now);
    dump_frame(p, now);
    if (p->target) {
        SDL_SetRenderTarget(p->ren, NULL);
        SDL_RenderClear(p->ren);
        SDL_Rect d = {(p->out_w - p->lw) / 2, (p->out_h - p->lh) / 2, p->lw, p->lh};
        SDL_RenderCopyEx(p->ren, p->target, NULL, &d, p->o.rotate, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(p->ren);
}

static void go_previous(struct player *p)
{
    if (!p->have_cur)
        return;
    if (p->cur.item >= 0 && p->cur.page > 0)
        request(p, p->cur.item, p->cur.page - 1, WANT_NEXT);
    else /* the last page of the previous open item */
        request(p, open_item(p, p->cur.item < 0 ? 0 : p->cur.item - 1, -1), 1 << 20, WANT_NEXT);
    p->advance_now = true;
}

/* F: fullscreen and back to the window it was. With no window manager (a kiosk X session)
 * nobody moves or sizes the window for us, so it is placed by hand both ways; the layout follows
 * the new size (follow_output_size). */
static void toggle_fullscreen(struct player *p)
{
    p->fullscreen = !p->fullscreen;
    int d = SDL_GetWindowDisplayIndex(p->win);
    SDL_Rect b;
    if (p->fullscreen) {
        if (d >= 0 && SDL_GetDisplayBounds(d, &b) == 0) {
            SDL_SetWindowPosition(p->win, b.x, b.y);
            SDL_SetWindowSize(p->win, b.w, b.h);
        }
        SDL_SetWindowFullscreen(p->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        SDL_SetWindowFullscreen(p->win, 0);
        SDL_SetWindowSize(p->win, p->o.win_w, p->o.win_h);
        SDL_SetWindowPosition(p->win, SDL_WINDOWPOS_CENTERED_DISPLAY(d >= 0 ? d : 0),
                              SDL_WINDOWPOS_CENTERED_DISPLAY(d >= 0 ? d : 0));
    }
    SDL_ShowCursor(p->fullscreen ? SDL_DISABLE : SDL_ENABLE);
    follow_output_size(p);
}

static bool handle_key(struct player *p, const SDL_KeyboardEvent *k)
{
    bool ctrl = k->keysym.mod & KMOD_CTRL;
    switch (k->keysym.sym) {
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN: p->advance_now = true; break;
    case SDLK_LEFT:
    case SDLK_PAGEUP: go_previous(p); break;
    case SDLK_HOME:
        request(p, open_item(p, 0, 1), 0, WANT_NEXT);
        p->advance_now = true;
        break;
    case SDLK_SPACE:
        p->paused = !p->paused;
        if (p->paused)
            p->paused_at = now_seconds();
        else
            p->shown_at += now_seconds() - p->paused_at;
        break;
    case SDLK_f:
    case SDLK_F11:
        toggle_fullscreen(p);
        break;
    case SDLK_i: p->show_info = !p->show_info; break;
    case SDLK_r: reload(p); break;
    case SDLK_q:
        if (!p->fullscreen || ctrl)
            return false;
        break;
    case SDLK_ESCAPE:
        if (!p->fullscreen)
            return false;
        break;
    default: break;
    }
    return true;
}

static int parse_opts(int argc, char **argv, struct play_opts *o)
{
    static const struct option opts[] = {
        {"window", optional_argument, 0, 'w'},  {"fullscreen", no_argument, 0, 'F'},
        {"display", required_argument, 0, 'd'}, {"rotate", required_argument, 0, 'r'},
        {"log", required_argument, 0, 'l'},     {"quit-after", required_argument, 0, 'q'},
        {"store", required_argument, 0, 's'},   {"watch", required_argument, 0, 'W'},
        {"config", required_argument, 0, 'c'},  {"status", required_argument, 0, 'S'},
        {"stats", required_argument, 0, 'T'},   {"time-scale", required_argument, 0, 'X'},
        {"inbox", required_argument, 0, 'I'},   {"dump-frames", required_argument, 0, 'D'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    *o = (struct play_opts){.win_w = 1280, .win_h = 720, .display = -1, .rotate = -1, .time_scale = 1};
    optind = 1;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'w':
            o->window = true;
            if (optarg && sscanf(optarg, "%dx%d", &o->win_w, &o->win_h) != 2) {
                fprintf(stderr, "honorboard play: bad --window size '%s' (like 1280x720)\n", optarg);
                return 2;
            }
            if (o->win_w < 64 || o->win_h < 64 || o->win_w > 16384 || o->win_h > 16384) {
                fprintf(stderr, "honorboard play: window size out of range\n");
                return 2;
            }
            break;
        case 'F': o->window = false; break;
        case 'd':
            o->display = (int)strtol(optarg, &end, 10);
            if (*end || o->display < 0) {
                fprintf(stderr, "honorboard play: bad --display '%s'\n", optarg);
                return 2;
            }
            break;
        case 'r':
            o->rotate = (int)strtol(optarg, &end, 10);
            if (*end || (o->rotate != 0 && o->rotate != 90 && o->rotate != 180 && o->rotate != 270)) {
                fprintf(stderr, "honorboard play: --rotate takes 0, 90, 180 or 270\n");
                return 2;
            }
            break;
        case 'l': o->log = optarg; break;
        case 's': o->store = optarg; break;
        case 'c': o->config = optarg; break;
        case 'T': o->stats = optarg; break;
        case 'I': o->inbox = optarg; break;
        case 'D': o->dump_frames = optarg; break;
        case 'X':
            o->time_scale = strtod(optarg, &end);
            if (*end || o->time_scale <= 0 || o->time_scale > 1000) {
                fprintf(stderr, "honorboard play: bad --time-scale '%s' (a number, 1 = real time)\n", optarg);
                return 2;
            }
            break;
        case 'S': o->status = optarg; break;
        case 'W':
            if (o->nwatch == (int)(sizeof o->watch / sizeof *o->watch)) {
                fprintf(stderr, "honorboard play: at most 8 --watch roots\n");
                return 2;
            }
            o->watch[o->nwatch++] = optarg;
            break;
        case 'q':
            o->quit_after = strtod(optarg, &end);
            if (*end || o->quit_after <= 0) {
                fprintf(stderr, "honorboard play: bad --quit-after '%s' (seconds)\n", optarg);
                return 2;
            }
            break;
        case 'h': play_usage(stdout); return 0;
        default: play_usage(stderr); return 2;
        }
    }
    if (optind < argc - 1) {
        fprintf(stderr, "honorboard play: only one PATH\n");
        return 2;
    }
    o->path = optind < argc ? argv[optind] : NULL;
    return -1;
}

static char *default_path(void)
{
    char *assets = hb_assets_dir();
    char *parent = path_dirname(assets);
    char *pl = path_join(parent, "playlists");
    free(assets);
    free(parent);
    if (path_is_dir(pl))
        return pl;
    free(pl);
    return xstrdup("playlists");
}

int player_main(int argc, char **argv)
{
    double process_start = now_seconds();
    struct player p = {0};
    int rc = parse_opts(argc, argv, &p.o);
    if (rc >= 0)
        return rc;
    /* the config file first; the command line overrides it */
    config_defaults(&p.cfg);
    char *cfgpath = p.o.config ? xstrdup(p.o.config) : config_default_path();
    if (cfgpath) {
        struct diag cd = {0};
        if (config_load(cfgpath, &p.cfg, &cd) < 0)
            fprintf(stderr, "honorboard play: %s has errors; using what could be read:\n", cfgpath);
        diag_print(&cd, stderr);
        diag_free(&cd);
        free(cfgpath);
    }
    hb_set_english(p.cfg.english);
    if (!p.o.store)
        p.o.store = p.cfg.store;
    if (!p.o.nwatch)
        for (int i = 0; i < p.cfg.nwatch; i++)
            p.o.watch[p.o.nwatch++] = p.cfg.watch[i];
    if (p.o.display < 0)
        p.o.display = p.cfg.display >= 0 ? p.cfg.display : 0;
    if (p.o.rotate < 0)
        p.o.rotate = p.cfg.rotate >= 0 ? p.cfg.rotate : 0;
    if (!p.o.log)
        p.o.log = p.cfg.log;
    if (!p.o.status)
        p.o.status = p.cfg.status;

    char *path_owned = NULL;
    if (!p.o.path) { /* store mode: the store's current bundle, else the bundled playlists */
        char err[512];
        p.store_dir = p.o.store ? xstrdup(p.o.store) : store_default_dir();
        if (store_open(p.store_dir, err, sizeof err) < 0) {
            fprintf(stderr, "honorboard play: %s (USB imports are off)\n", err);
            free(p.store_dir);
            p.store_dir = NULL;
        }
        path_owned = p.store_dir ? store_current(p.store_dir) : NULL;
        if (!path_owned)
            path_owned = default_path();
        p.o.path = path_owned;
    }
    if (!p.o.inbox)
        p.o.inbox = p.cfg.inbox;
    if (p.store_dir && p.o.inbox) {
        struct store_policy pol = {.trusted_keys = (const char *const *)p.cfg.trusted_keys,
                                   .ntrusted = p.cfg.ntrusted};
        p.inbox = inbox_create(p.o.inbox, &pol);
    } else if (p.o.inbox) {
        fprintf(stderr, "honorboard play: --inbox works when playing the store (no PATH)\n");
    }
    if (p.store_dir) {
        static const char *const defaults[] = {"/media", "/run/media", "/mnt"};
        p.watch = p.o.nwatch ? watch_create(p.o.watch, p.o.nwatch) : watch_create(defaults, 3);
    } else if (p.o.nwatch) {
        fprintf(stderr, "honorboard play: --watch works when playing the store (no PATH)\n");
    }
    rc = 0;

    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    if (p.o.log && !(p.log = playlog_open(p.o.log, p.cfg.log_max, p.cfg.log_keep))) {
        fprintf(stderr, "honorboard play: cannot open log '%s': %s\n", p.o.log, strerror(errno));
        free(path_owned);
        config_free(&p.cfg);
        return 2;
    }
    if (p.o.stats && !(p.stats = framestats_open(p.o.stats, process_start))) {
        fprintf(stderr, "honorboard play: cannot write '%s': %s\n", p.o.stats, strerror(errno));
        rc = 2;
        goto out;
    }
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "honorboard play: cannot start video: %s\n", SDL_GetError());
        rc = 2;
        goto out;
    }
    int ndisp = SDL_GetNumVideoDisplays();
    if (p.o.display >= ndisp) {
        fprintf(stderr, "honorboard play: display %d does not exist (%d found); using 0\n",
                p.o.display, ndisp);
        p.o.display = 0;
    }
    p.fullscreen = !p.o.window;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                   (p.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    /* Fullscreen: the window is made as large as the display and placed on it, because with
     * no window manager (a kiosk X session) nobody resizes it to fullscreen for us. */
    SDL_Rect at = {SDL_WINDOWPOS_CENTERED_DISPLAY(p.o.display),
                   SDL_WINDOWPOS_CENTERED_DISPLAY(p.o.display), p.o.win_w, p.o.win_h};
    if (p.fullscreen && SDL_GetDisplayBounds(p.o.display, &at) < 0)
        at = (SDL_Rect){SDL_WINDOWPOS_CENTERED_DISPLAY(p.o.display),
                        SDL_WINDOWPOS_CENTERED_DISPLAY(p.o.display), p.o.win_w, p.o.win_h};
    p.win = SDL_CreateWindow("honorboard", at.x, at.y, at.w, at.h, flags);
    if (!p.win) {
        fprintf(stderr, "honorboard play: cannot open a window: %s\n", SDL_GetError());
        rc = 2;
        goto out;
    }
    p.ren = SDL_CreateRenderer(p.win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
                                              SDL_RENDERER_TARGETTEXTURE);
    if (!p.ren)
        p.ren = SDL_CreateRenderer(p.win, -1, SDL_RENDERER_SOFTWARE);
    if (!p.ren) {
        fprintf(stderr, "honorboard play: no renderer: %s\n", SDL_GetError());
        rc = 2;
        goto out;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(p.ren, &info);
    p.vsync = info.flags & SDL_RENDERER_PRESENTVSYNC;
    p.soft = strcmp(info.name, "software") == 0;
    p.ov = overlays_create(p.ren);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (p.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    update_sizes(&p);

    struct diag d = {0};
    p.content = content_load(p.o.path, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    p.prep = prepare_create();
    if (!p.prep) {
        fprintf(stderr, "honorboard play: cannot start the worker thread\n");
        rc = 2;
        goto out;
    }
    playlog_event(p.log, "start", "source", p.o.path);
    fprintf(stderr, "honorboard: playing %s (%zu items) at %dx%d on %s%s\n", p.o.path,
            p.content->nitems, p.lw, p.lh, info.name, p.vsync ? " with vsync" : "");
    p.cur.item = -1;
    request(&p, open_item(&p, 0, 1), 0, WANT_NEXT);
    p.advance_now = true;
    double start = now_seconds(), last = start, watchdog_at = 0, screen_check_at = 0;
    bool ready_sent = false;
    p.started = start;
    const char *reason = "quit";
    for (;;) {
        SDL_Event ev;
        bool quit = false;
        while (SDL_PollEvent(&ev)) {
            if (ev.type == SDL_QUIT)
                quit = true;
            else if (ev.type == SDL_KEYDOWN && !ev.key.repeat && !handle_key(&p, &ev.key))
                quit = true;
        }
        follow_output_size(&p); /* resizes, and fullscreen toggles that send no event */
        if (sig_quit) {
            reason = "signal";
            quit = true;
        }
        double now = now_seconds();
        if (p.o.quit_after > 0 && now - start >= p.o.quit_after) {
            reason = "quit-after";
            quit = true;
        }
        if (quit)
            break;
        if (sig_reload) {
            sig_reload = 0;
            reload(&p);
        }
        if (p.watch)
            service_imports(&p);
        if (now - watchdog_at >= 1) { /* systemd's watchdog: only while this loop turns */
            sd_notify(0, "WATCHDOG=1");
            watchdog_at = now;
        }
        if (p.o.status && now - p.status_at >= 2)
            write_status(&p, now);
        if (p.cfg.screen_off.set && now - screen_check_at >= 1) {
            screen_check_at = now;
            struct tm tm = local_now();
            bool off = schedule_in_windows(&p.cfg.screen_off, tm.tm_hour * 60 + tm.tm_min);
            if (off != p.screen_off) {
                p.screen_off = off;
                playlog_event(p.log, off ? "screen-off" : "screen-on", NULL, NULL);
                fprintf(stderr, "honorboard: screen %s\n", off ? "off (screen_off hours)" : "on");
                if (!off) { /* resume with the next open slide */
                    request(&p, open_item(&p, p.cur.item < 0 ? 0 : p.cur.item + 1, 1), 0, WANT_NEXT);
                    p.advance_now = true;
                }
            }
        }
        if (p.screen_off) { /* black, and nothing rendered until the window ends */
            SDL_SetRenderDrawColor(p.ren, 0, 0, 0, 255);
            SDL_RenderClear(p.ren);
            SDL_RenderPresent(p.ren);
            prepared_free(prepare_take(p.prep));
            SDL_Delay(250);
            continue;
        }
        struct prepared *r = prepare_take(p.prep);
        if (r && r->id != p.want_id) {
            prepared_free(r); /* an answer to a request we have since replaced */
            r = NULL;
        }
        if (r && !r->surf) {
            fprintf(stderr, "honorboard: skipping %s\n", r->skip_reason ? r->skip_reason : "a slide");
            playlog_event(p.log, "skip", "reason", r->skip_reason ? r->skip_reason : "");
            int item = r->item;
            prepared_free(r);
            r = NULL;
            if (++p.skips < (int)p.content->nitems + 1)
                request(&p, item + 1, 0, p.want);
        } else if (r && p.want == WANT_REPLACE) {
            p.skips = 0;
            p.want = WANT_NONE;
            show(&p, r, true, now);
            request_following(&p);
        } else if (r) {
            p.skips = 0;
            p.want = WANT_NONE;
            p.next = r;
        }
        /* upload the next page while nothing moves, so a change costs no upload */
        if (p.next && p.next->surf && !p.next_tex && (!p.prev_tex || p.advance_now)) {
            p.next_tex = upload(&p, p.next->surf);
            if (p.next_tex) {
                if (p.soft) /* kept for mixing fades */
                    p.next_surf = p.next->surf;
                else
                    SDL_FreeSurface(p.next->surf);
                p.next->surf = NULL;
            }
        }
        bool due = p.have_cur && !p.paused && now - p.shown_at >= p.cur.duration;
        if (p.next && (due || p.advance_now) && p.next->page == 0 && p.next->item >= 0) {
            struct tm tm = local_now(); /* schedules are checked at the slide boundary itself */
            if (!item_open(&p, p.next->item, &tm)) {
                int after = p.next->item + 1;
                request(&p, open_item(&p, after, 1), 0, WANT_NEXT);
            }
        }
        if (p.next && (due || p.advance_now)) {
            struct prepared *n = p.next;
            p.next = NULL;
            p.advance_now = false;
            show(&p, n, false, now);
            request_following(&p);
        }
        draw_frame(&p, now);
        p.frames++;
        if (!ready_sent && p.cur_tex) {
            sd_notify(0, "READY=1");
            ready_sent = true;
            framestats_first_frame(p.stats, (now_seconds() - process_start) * 1000);
        }
        double after = now_seconds();
        if (ready_sent)
            framestats_frame(p.stats, after, after - last);
        p.frame_ms = (after - last) * 1000;
        last = after;
        /* Some drivers (software, dummy) claim vsync but return at once: cap the rate so an
         * idle board does not spin a core. With real vsync a frame already takes ~16 ms. */
        double spent = after - now, floor_s = p.vsync ? 1.0 / 75 : 1.0 / 60;
        if (spent < floor_s)
            SDL_Delay((Uint32)((floor_s - spent) * 1000));
    }
    sd_notify(0, "STOPPING=1");
    framestats_close(p.stats, live_textures);
    p.stats = NULL;
    playlog_event(p.log, "stop", "reason", reason);
    fprintf(stderr, "honorboard: stopped (%s)\n", reason);
out:
    framestats_close(p.stats, live_textures); /* when stopped before the loop */
    if (p.imp) { /* stop a running import: its staging is thrown away, the store is intact */
        __atomic_store_n(&p.imp->cancel, 1, __ATOMIC_RELAXED);
        pthread_join(p.imp->thread, NULL);
        log_import(p.log, p.imp->src, &p.imp->res);
        store_result_free(&p.imp->res);
        free(p.imp->store), free(p.imp->src), free(p.imp);
    }
    for (int i = 0; i < p.nqueue; i++)
        free(p.queue[i]);
    watch_destroy(p.watch);
    inbox_destroy(p.inbox);
    free(p.store_dir);
    prepare_destroy(p.prep);
    prepared_free(p.next);
    tex_destroy(p.next_tex);
    tex_destroy(p.blend_tex);
    SDL_Surface *surfs[] = {p.cur_surf, p.prev_surf, p.next_surf};
    for (int i = 0; i < 3; i++)
        if (surfs[i])
            SDL_FreeSurface(surfs[i]);
    free(p.cur.title);
    free(p.cur.skip_reason);
    if (p.cur_tex)
        tex_destroy(p.cur_tex);
    if (p.prev_tex)
        tex_destroy(p.prev_tex);
    if (p.target)
        tex_destroy(p.target);
    overlays_destroy(p.ov);
    if (p.content)
        content_unref(p.content);
    if (p.ren)
        SDL_DestroyRenderer(p.ren);
    if (p.win)
        SDL_DestroyWindow(p.win);
    SDL_Quit();
    playlog_close(p.log);
    config_free(&p.cfg);
    free(path_owned);
    return rc;
}
