/* render.c - `honorboard render PATH --out DIR`: authors proof their slides as PNG files on any PC,
 * and tests check the renderer. Every page is made by prepare_make(), the code that makes the
 * player's pages (content loading, layout, skip policy, drawing), so a PNG is the frame the
 * screen shows; a slide the screen skips gets no PNG, a line saying why and a marked tile on the
 * contact sheet. The pages are made and written by pages.c; this file is the command: its
 * options, the output folder, the layout JSON file. */
#include "cmd/render.h"
#include "base/i18n.h"
#include "page/pages.h"
#include "board/overlay.h"
#include "model/config.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "base/renderpool.h"
#include "base/schedule.h"
#include "base/util.h"

#include <SDL.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int render_parse_size(const char *s, int *w, int *h)
{
    char *end = NULL;
    long a = strtol(s, &end, 10);
    if (!end || (*end != 'x' && *end != 'X'))
        return -1;
    long b = strtol(end + 1, &end, 10);
    if (*end || a < 16 || b < 16 || a > 16384 || b > 16384)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

int render_parse_slides(const char *s, unsigned char *sel, int max)
{
    const char *p = s;
    while (*p) {
        char *end = NULL;
        long a = strtol(p, &end, 10), b = a;
        if (end == p || a < 1 || a > max)
            return -1;
        p = end;
        if (*p == '-') {
            b = strtol(p + 1, &end, 10);
            if (end == p + 1 || b < a || b > max)
                return -1;
            p = end;
        }
        for (long i = a; i <= b; i++)
            sel[i] = 1;
        if (*p == ',')
            p++;
        else if (*p)
            return -1;
    }
    return 0;
}

int render_parse_at(const char *cmd, const char *arg)
{
    time_t at;
    if (schedule_parse_moment(arg, &at) < 0) {
        fprintf(stderr, "honorboard %s: bad --at '%s' (like 2027-02-06 or 2027-02-06T08:30)\n", cmd,
                arg);
        return -1;
    }
    schedule_now_set(at);
    return 0;
}

/* --jobs N: 1 to 256, or -1 (said on stderr). */
static int parse_jobs(const char *arg)
{
    char *end = NULL;
    long n = strtol(arg, &end, 10);
    if (!end || *end || n < 1 || n > 256) {
        fprintf(stderr, "honorboard render: bad --jobs '%s' (1 to 256)\n", arg);
        return -1;
    }
    return (int)n;
}

static void usage(FILE *out)
{
    fputs(
        "usage: honorboard render PATH --out DIR [options]\n"
        "  PATH                 a playlist file or a folder of *.yaml playlists\n"
        "  --out DIR            folder for the PNG files (created if missing)\n"
        "  --size WxH           screen size to render for (default 1920x1080; 1080x1920 portrait)\n"
        "  --slides LIST        only these slides, e.g. 1,3-5 (numbers as in the playlist)\n"
        "  --sheet FILE.png     also write a contact sheet of all pages (warnings marked red)\n"
        "  --layout-json FILE   also write what was laid out (elements, lines, boxes) as JSON\n"
        "  --jobs N             pages drawn at once (default: one per processor)\n"
        "  --at TIME            draw as on that day (2027-02-06 or 2027-02-06T08:30): date cards,\n"
        "                       countdowns, the clock and schedules\n"
        "  --config FILE        the board's config: its clock and ticker drawn over the pages\n"
        "  --help               this text\n"
        "Exit: 0 ok, 1 content errors (slides that could be read are still rendered), 2 "
        "usage/I-O.\n",
        out);
}

/* What the board draws over a page, drawn by the board's own overlay code (board/overlay.c) on
 * a software renderer over the page: the clock when the config shows it, in the config's
 * language (not the shell's: render's messages speak LANG's, the board's clock its own), the
 * ticker (the playlist's, else the config's) still, its start at the left margin. */
static void paint_overlays(void *ctx, SDL_Surface *page, const struct playlist *pl)
{
    const struct config *cfg = ctx;
    const char *ticker = pl && pl->ticker && *pl->ticker ? pl->ticker : cfg->ticker;
    if (!cfg->clock && !(ticker && *ticker))
        return;
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(page);
    struct overlays *o = r ? overlays_create(r) : NULL;
    if (o) {
        overlays_theme(o, pl ? &pl->theme : NULL); /* the board's colours: the playlist's design */
        if (cfg->clock)
            overlays_clock(o, page->w, page->h, cfg->english);
        overlays_ticker_still(o, ticker, page->w, page->h);
        SDL_RenderFlush(r);
    }
    overlays_destroy(o);
    if (r)
        SDL_DestroyRenderer(r);
}

/* The pages of path written as po asks, with what the board's config draws over them. */
static int run_pages(const char *path, struct pages_opts *po, const char *json, const char *config)
{
    struct config cfg;
    config_defaults(&cfg);
    if (config) {
        struct diag d = {0};
        int bad = config_load(config, &cfg, &d);
        diag_print(&d, stderr);
        diag_free(&d);
        if (bad < 0) {
            config_free(&cfg);
            return 2;
        }
    }
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(0) < 0) {
        fprintf(stderr, "honorboard render: SDL: %s\n", SDL_GetError());
        config_free(&cfg);
        return 2;
    }
    po->over = paint_overlays, po->over_ctx = &cfg;
    po->clock = cfg.clock; /* the pages leave the clock its box, as the board's do */
    po->ticker = cfg.ticker && *cfg.ticker; /* and the config's ticker its band */
    struct pages_report rep = {0};
    pages_render(path, po, &rep);
    if (json) {
        FILE *f = fopen(json, "w");
        if (!f || fputs(rep.json, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "honorboard render: cannot write %s: %s\n", json, strerror(errno));
            rep.rc = 2;
        }
    }
    fprintf(stderr,
            i18n_ngettext("honorboard render: %d PNG file in %s\n",
                          "honorboard render: %d PNG files in %s\n", (unsigned long)rep.written),
            rep.written, po->out);
    free(rep.json);
    config_free(&cfg);
    SDL_Quit();
    return rep.rc;
}

int render_main(int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, 0, 'o'},
                                         {"size", required_argument, 0, 's'},
                                         {"slides", required_argument, 0, 'l'},
                                         {"sheet", required_argument, 0, 'S'},
                                         {"layout-json", required_argument, 0, 'j'},
                                         {"jobs", required_argument, 0, 'J'},
                                         {"at", required_argument, 0, 'a'},
                                         {"config", required_argument, 0, 'c'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *out = NULL, *slides = NULL, *sheet = NULL, *json = NULL, *config = NULL;
    int W = 1920, H = 1080, c, nworkers = renderpool_default_workers();
    bool at = false; /* --at: drawn as on that day, schedules included */
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 's':
            if (render_parse_size(optarg, &W, &H) < 0) {
                fprintf(stderr, "honorboard render: bad --size '%s' (like 1920x1080)\n", optarg);
                return 2;
            }
            break;
        case 'l':
            slides = optarg;
            break;
        case 'S':
            sheet = optarg;
            break;
        case 'j':
            json = optarg;
            break;
        case 'c':
            config = optarg;
            break;
        case 'J':
            if ((nworkers = parse_jobs(optarg)) < 0)
                return 2;
            break;
        case 'a':
            if (render_parse_at("render", optarg) < 0)
                return 2;
            at = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1 || !out) {
        usage(stderr);
        return 2;
    }
    const char *path = argv[optind];
    unsigned char *sel = NULL;
    if (slides) {
        sel = xcalloc(PAGES_MAX_SLIDES + 1, 1);
        if (render_parse_slides(slides, sel, PAGES_MAX_SLIDES) < 0) {
            fprintf(stderr, "honorboard render: bad --slides '%s' (like 1,3-5)\n", slides);
            free(sel);
            return 2;
        }
    }
    if (path_mkdirs(out) < 0) {
        fprintf(stderr, "honorboard render: cannot create '%s': %s\n", out, strerror(errno));
        free(sel);
        return 2;
    }
    char **files = NULL;
    int nfiles = playlist_expand_path(path, &files);
    for (int i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    if (nfiles <= 0) {
        struct diag d = {0}; /* 01.yaml.txt: say the rename, not only "none here" */
        if (nfiles == 0 && playlist_folder_slips(path, &d) > 0)
            diag_print(&d, stderr);
        else
            fprintf(stderr, _("honorboard render: %s: %s\n"), path,
                    nfiles < 0 ? strerror(errno) : _("no playlists (*.yaml) here"));
        diag_free(&d);
        free(sel);
        return 2;
    }
    struct pages_opts po = {.w = W,
                            .h = H,
                            .out = out,
                            .sel = sel,
                            .workers = nworkers,
                            .json = json != NULL,
                            .sheet = sheet,
                            .scheduled = at};
    int rc = run_pages(path, &po, json, config);
    free(sel);
    return rc;
}
