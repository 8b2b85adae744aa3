/* player.c - `honorboard play`: the lobby screen. This file is the command: it reads the options
 * and the config file, decides what to play (a PATH, or the content store fed by USB drives and
 * the sync inbox), builds the rooms - the screen (screen.c), the timeline (timeline.c), the
 * preparer (prepare.c), the importer (importer.c) - and hands them to the frame loop
 * (frameloop.c), which ties them together until it is asked to stop. */
#include "cmd/player.h"
#include "cmd/render.h"
#include "page/advice.h"
#include "model/config.h"
#include "page/fonts.h"
#include "board/displaypower.h"
#include "board/frameloop.h"
#include "board/framestats.h"
#include "base/i18n.h"
#include "film/video.h"
#include "board/importer.h"
#include "store/playlog.h"
#include "page/prepare.h"
#include "board/screen.h"
#include "store/store.h"
#include "board/timeline.h"
#include "base/util.h"
#include "board/wake.h"

#include <SDL.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <systemd/sd-daemon.h>

struct play_opts {
    const char *path;
    bool window;
    int win_w, win_h;
    struct config_args args; /* what the command line says over the config file */
    const char *watch[8];    /* --watch roots (args.watch points here) */
    double quit_after;
    const char *stats;       /* --stats: frame times and resource use, for bench and soak */
    double time_scale;       /* --time-scale: durations divided by this (bench, soak) */
    const char *dump_frames; /* --dump-frames DIR: each page's frame once shown, as a PNG */
};

static void play_usage(FILE *out)
{
    fputs(
        "usage: honorboard play [PATH] [options]\n"
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
        "  --at TIME          play as if it were TIME (2027-02-06 or 2027-02-06T08:30), the clock\n"
        "                     running on from there: date cards, countdowns, schedules\n"
        "  --help             this text\n"
        "Keys: Right/PageDown next, Left/PageUp previous, Space pause, Home first,\n"
        "F/F11 fullscreen, I info, R reload, Q/Esc quit (Ctrl+Q in fullscreen).\n",
        out);
}

static int parse_opts(int argc, char **argv, struct play_opts *o)
{
    static const struct option opts[] = {{"window", optional_argument, 0, 'w'},
                                         {"fullscreen", no_argument, 0, 'F'},
                                         {"display", required_argument, 0, 'd'},
                                         {"rotate", required_argument, 0, 'r'},
                                         {"log", required_argument, 0, 'l'},
                                         {"quit-after", required_argument, 0, 'q'},
                                         {"store", required_argument, 0, 's'},
                                         {"watch", required_argument, 0, 'W'},
                                         {"config", required_argument, 0, 'c'},
                                         {"status", required_argument, 0, 'S'},
                                         {"stats", required_argument, 0, 'T'},
                                         {"time-scale", required_argument, 0, 'X'},
                                         {"inbox", required_argument, 0, 'I'},
                                         {"dump-frames", required_argument, 0, 'D'},
                                         {"at", required_argument, 0, 'a'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    *o = (struct play_opts){
        .win_w = 1280, .win_h = 720, .time_scale = 1, .args = {.display = -1, .rotate = -1}};
    o->args.watch = o->watch;
    optind = 1;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'w':
            o->window = true;
            if (optarg && sscanf(optarg, "%dx%d", &o->win_w, &o->win_h) != 2) {
                fprintf(stderr, "honorboard play: bad --window size '%s' (like 1280x720)\n",
                        optarg);
                return 2;
            }
            if (o->win_w < 64 || o->win_h < 64 || o->win_w > 16384 || o->win_h > 16384) {
                fprintf(stderr, "honorboard play: window size out of range\n");
                return 2;
            }
            break;
        case 'F':
            o->window = false;
            break;
        case 'd':
            o->args.display = (int)strtol(optarg, &end, 10);
            if (*end || o->args.display < 0) {
                fprintf(stderr, "honorboard play: bad --display '%s'\n", optarg);
                return 2;
            }
            break;
        case 'r':
            o->args.rotate = (int)strtol(optarg, &end, 10);
            if (*end || (o->args.rotate != 0 && o->args.rotate != 90 && o->args.rotate != 180 &&
                         o->args.rotate != 270)) {
                fprintf(stderr, "honorboard play: --rotate takes 0, 90, 180 or 270\n");
                return 2;
            }
            break;
        case 'l':
            o->args.log = optarg;
            break;
        case 's':
            o->args.store = optarg;
            break;
        case 'c':
            o->args.config = optarg;
            break;
        case 'T':
            o->stats = optarg;
            break;
        case 'I':
            o->args.inbox = optarg;
            break;
        case 'D':
            o->dump_frames = optarg;
            break;
        case 'X':
            o->time_scale = strtod(optarg, &end);
            if (*end || o->time_scale <= 0 || o->time_scale > 1000) {
                fprintf(stderr,
                        "honorboard play: bad --time-scale '%s' (a number, 1 = real time)\n",
                        optarg);
                return 2;
            }
            break;
        case 'S':
            o->args.status = optarg;
            break;
        case 'a': /* before any thread starts */
            if (render_parse_at("play", optarg) < 0)
                return 2;
            break;
        case 'W':
            if (o->args.nwatch == (int)(sizeof o->watch / sizeof *o->watch)) {
                fprintf(stderr, "honorboard play: at most 8 --watch roots\n");
                return 2;
            }
            o->watch[o->args.nwatch++] = optarg;
            break;
        case 'q':
            o->quit_after = strtod(optarg, &end);
            if (*end || o->quit_after <= 0) {
                fprintf(stderr, "honorboard play: bad --quit-after '%s' (seconds)\n", optarg);
                return 2;
            }
            break;
        case 'h':
            play_usage(stdout);
            return 0;
        default:
            play_usage(stderr);
            return 2;
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

static void warn_clock(void *ctx, int year)
{
    char w[256];
    snprintf(w, sizeof w,
             _("the clock looks unset (year %d): schedule dates are ignored until it is right"),
             year);
    fprintf(stderr, "honorboard: warning: %s\n", w);
    importer_log_event(ctx, "warning", "message", w);
}

/* What to play: PATH, or in store mode the store's current bundle, else the bundled playlists.
 * Fills *store (owned) in store mode when the store can be opened. Caller frees the result. */
static char *choose_source(const struct play_opts *o, const struct config *cfg, char **store,
                           char *warn, size_t warnlen)
{
    *store = NULL;
    if (o->path)
        return xstrdup(o->path);
    char err[1024];
    *store = cfg->store ? xstrdup(cfg->store) : store_default_dir();
    if (store_open(*store, err, sizeof err) < 0) {
        fprintf(stderr, "honorboard play: %s (USB imports are off)\n", err);
        free(*store);
        *store = NULL;
    } else if (err[0]) { /* read-only, busy, or a lost `current` recovered: play what is there */
        snprintf(warn, warnlen, "%s", err);
    }
    char *cur = *store ? store_current_warn(*store, err, sizeof err) : NULL;
    if (cur && err[0] && !warn[0])
        snprintf(warn, warnlen, "%s", err);
    if (*store && !cur && !warn[0]) /* for the status and the log; the screen plays samples */
        snprintf(warn, warnlen,
                 _("the content store %s holds no content yet: the sample playlists play until "
                   "content is imported"),
                 *store);
    return cur ? cur : default_path();
}

/* The rooms and what they need, built in order and torn down in reverse. */
struct rooms {
    struct config cfg;
    char *path, *store;
    char warning[1024]; /* from opening the store: recovered, read-only or busy */
    struct playlog *log;
    struct screen *screen;
    struct preparer *prep;
    struct importer *imp;
    struct timeline *tl;
    struct framestats *stats;
    struct displaypower *power;
};

static int build_importer(struct rooms *r, const struct play_opts *o)
{
    static const char *const default_roots[] = {"/media", "/run/media", "/mnt"};
    if (!r->store && r->cfg.inbox)
        fprintf(stderr, "honorboard play: --inbox works when playing the store (no PATH)\n");
    if (!r->store && o->args.nwatch)
        fprintf(stderr, "honorboard play: --watch works when playing the store (no PATH)\n");
    int lw, lh;
    screen_size(r->screen, &lw, &lh);
    struct importer_opts io = {.path = r->path,
                               .store = r->store,
                               .inbox = r->cfg.inbox,
                               .status = r->cfg.status,
                               .name = r->cfg.name,
                               .outbox = r->cfg.outbox,
                               .args = &o->args, /* a reload reads the config again */
                               .cfg = &r->cfg,
                               .watch = r->cfg.nwatch ? (const char *const *)r->cfg.watch
                                                      : default_roots,
                               .nwatch = r->cfg.nwatch ? r->cfg.nwatch : 3,
                               .log = r->log,
                               .policy = {.trusted_keys = (const char *const *)r->cfg.trusted_keys,
                                          .ntrusted = r->cfg.ntrusted,
                                          .glyphs = &fonts_glyph_checker,
                                          .advise = advice_check,
                                          .advise_w = lw, /* REPORT.txt warns for this screen */
                                          .advise_h = lh,
                                          .prescale = lw > lh ? lw : lh}, /* this screen's size */
                               .screen_w = lw,
                               .screen_h = lh,
                               .wake = wake_post};
    r->imp = importer_create(&io);
    if (!r->imp)
        fprintf(stderr, "honorboard play: cannot start the content thread\n");
    return r->imp ? 0 : -1;
}

static int build(struct rooms *r, const struct play_opts *o, double process_start)
{
    if (r->cfg.log) /* a log that cannot be opened does not stop the board: it is retried */
        r->log = playlog_open(r->cfg.log, r->cfg.log_max, r->cfg.log_keep);
    if (r->log)
        playlog_set_retention(r->log, r->cfg.log_keep_days, r->cfg.log_budget);
    if (o->stats && !(r->stats = framestats_open(o->stats, process_start))) {
        fprintf(stderr, "honorboard play: cannot write '%s': %s\n", o->stats, strerror(errno));
        return -1;
    }
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "honorboard play: cannot start video: %s\n", SDL_GetError());
        return -1;
    }
    char err[512];
    struct screen_opts so = {.window = o->window,
                             .win_w = o->win_w,
                             .win_h = o->win_h,
                             .display = r->cfg.display,
                             .rotate = r->cfg.rotate};
    if (!(r->screen = screen_create(&so, err, sizeof err))) {
        fprintf(stderr, "honorboard play: %s\n", err);
        return -1;
    }
    if (!(r->prep = prepare_create())) {
        fprintf(stderr, "honorboard play: cannot start the worker thread\n");
        return -1;
    }
    if (build_importer(r, o) < 0)
        return -1;
    struct timeline_env env = timeline_system_env(warn_clock, r->imp);
    r->tl = timeline_create(&env);
    struct diag d = {0};
    struct content *c = content_load(r->path, &d); /* before the loop: it reads files */
    diag_print(&d, stderr);
    diag_free(&d);
    timeline_set_content(r->tl, c);
    content_unref(c);
    return 0;
}

static void tear_down(struct rooms *r)
{
    importer_destroy(r->imp); /* writes the last log lines */
    prepare_destroy(r->prep);
    timeline_destroy(r->tl);
    displaypower_destroy(r->power); /* the display on again for whoever comes next */
    screen_destroy(r->screen);
    SDL_Quit();
    framestats_close(r->stats, 0);
    playlog_close(r->log);
    config_free(&r->cfg);
    free(r->path);
    free(r->store);
}

int player_main(int argc, char **argv)
{
    double process_start = now_seconds();
    struct play_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc >= 0)
        return rc;
    wake_block_signals(); /* before any thread starts: the loop takes them on its own */
    tzset(); /* the time zone (/etc/localtime) is read here, once: never later by the frame loop */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    struct rooms r = {0};
    config_apply_args(&r.cfg, &o.args, "honorboard play"); /* errors: what could be read */
    video_configure(&(struct video_settings){
        .hwdec = r.cfg.hwdec, .max_w = r.cfg.video_max_w, .max_h = r.cfg.video_max_h});
    r.path = choose_source(&o, &r.cfg, &r.store, r.warning, sizeof r.warning);
    rc = 2;
    if (build(&r, &o, process_start) == 0) {
        int lw, lh;
        screen_size(r.screen, &lw, &lh);
        importer_log_event(r.imp, "start", "source", r.path); /* the importer owns the log now */
        if (r.warning[0])
            importer_warn(r.imp, r.warning);
        if (playlog_error(r.log)) {
            char w[1024];
            snprintf(w, sizeof w,
                     _("the log %s cannot be written (%s); playing on, it is tried again every few "
                       "seconds"),
                     r.cfg.log, strerror(playlog_error(r.log)));
            importer_warn(r.imp, w);
        }
        /* before the loop: DPMS's libraries are loaded here, never on the frame thread */
        r.power = displaypower_create(screen_sdl_window(r.screen),
                                      r.cfg.screen_off.set ? r.cfg.screen_off_power : 0);
        fprintf(stderr, "honorboard: playing %s (%zu items) at %dx%d on %s\n", r.path,
                timeline_content(r.tl)->nitems, lw, lh, screen_renderer_name(r.screen));
        struct frameloop f = {.screen = r.screen,
                              .timeline = r.tl,
                              .prep = r.prep,
                              .imp = r.imp,
                              .stats = r.stats,
                              .power = r.power,
                              .cfg = &r.cfg,
                              .quit_after = o.quit_after,
                              .time_scale = o.time_scale,
                              .process_start = process_start,
                              .dump_frames = o.dump_frames};
        const char *reason = frameloop_run(&f);
        sd_notify(0, "STOPPING=1");
        framestats_close(r.stats, screen_textures(r.screen));
        r.stats = NULL;
        importer_log_event(r.imp, "stop", "reason", reason);
        fprintf(stderr, "honorboard: stopped (%s)\n", reason);
        rc = 0;
    }
    tear_down(&r);
    return rc;
}
