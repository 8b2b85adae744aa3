/* render.c - `honorboard render PATH --out DIR`: authors proof their slides as PNG files on any PC,
 * and tests check the renderer. Every page is made by prepare_make(), the code that makes the
 * player's pages (content, layout, skip policy, drawing), so a PNG is the frame the screen shows;
 * a slide the screen skips gets no PNG, a line saying why and a marked tile on the sheet. */
#include "render.h"
#include "content.h"
#include "diag.h"
#include "draw.h"
#include "images.h"
#include "fonts.h"
#include "layout.h"
#include "playlist.h"
#include "pngout.h"
#include "prepare.h"
#include "util.h"
#include "validate.h"

#include <SDL_image.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SLIDES 10000

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

static void usage(FILE *out)
{
    fputs("usage: honorboard render PATH --out DIR [options]\n"
          "  PATH                 a playlist file or a folder of *.yaml playlists\n"
          "  --out DIR            folder for the PNG files (created if missing)\n"
          "  --size WxH           screen size to render for (default 1920x1080; 1080x1920 portrait)\n"
          "  --slides LIST        only these slides, e.g. 1,3-5 (numbers as in the playlist)\n"
          "  --sheet FILE.png     also write a contact sheet of all pages (warnings marked red)\n"
          "  --layout-json FILE   also write what was laid out (elements, lines, boxes) as JSON\n"
          "  --help               this text\n"
          "Exit: 0 ok, 1 content errors (slides that could be read are still rendered), 2 usage/I-O.\n",
          out);
}

struct thumb {
    SDL_Surface *s; /* NULL: a page the screen skips */
    char label[32];
    bool warn;
};

static int write_sheet(const char *path, struct thumb *t, size_t n, struct fonts *fonts, int W,
                       int H)
{
    int cols = n < 4 ? (int)(n ? n : 1) : 4;
    int tw = W >= H ? 400 : 240, th = (int)lround((double)tw * H / W);
    int pad = 16, label_h = 36;
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    int sw = cols * (tw + pad) + pad, sh = rows * (th + label_h + pad) + pad;
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sheet)
        return -1;
    SDL_FillRect(sheet, NULL, 0xFF2A2A2Eu);
    for (size_t i = 0; i < n; i++) {
        int x = pad + (int)(i % (size_t)cols) * (tw + pad);
        int y = pad + (int)(i / (size_t)cols) * (th + label_h + pad);
        if (t[i].warn || !t[i].s)
            draw_fill(sheet, x - 6, y - 6, tw + 12, th + 12, (struct color){230, 40, 40, 255}, 4);
        if (!t[i].s) { /* skipped on screen: say so where the page would be */
            draw_fill(sheet, x, y, tw, th, (struct color){20, 20, 22, 255}, 0);
            fonts_draw_text(fonts, FONT_BOLD, "屏幕上跳过", 26, sheet, x + 16, y + th / 2.0 + 9,
                            (SDL_Color){255, 90, 90, 255});
        }
        SDL_Surface *small = t[i].s ? images_scale(t[i].s, tw, th) : NULL;
        if (small) {
            SDL_Rect r = {x, y, tw, th};
            SDL_BlitSurface(small, NULL, sheet, &r);
            SDL_FreeSurface(small);
        }
        SDL_Color white = {255, 255, 255, 255}, red = {255, 90, 90, 255};
        double adv = fonts_draw_text(fonts, FONT_BOLD, t[i].label, 22, sheet, x, y + th + 28, white);
        if (t[i].warn || !t[i].s)
            fonts_draw_text(fonts, FONT_BOLD, "  ⚠ 警告", 22, sheet, x + adv, y + th + 28, red);
    }
    char err[512];
    int rc = pngout_write(sheet, path, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "honorboard render: cannot write %s\n", err);
    SDL_FreeSurface(sheet);
    return rc;
}

int render_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},   {"size", required_argument, 0, 's'},
        {"slides", required_argument, 0, 'l'}, {"sheet", required_argument, 0, 'S'},
        {"layout-json", required_argument, 0, 'j'}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *out = NULL, *slides = NULL, *sheet = NULL, *json = NULL;
    int W = 1920, H = 1080, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:s:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 's':
            if (render_parse_size(optarg, &W, &H) < 0) {
                fprintf(stderr, "honorboard render: bad --size '%s' (like 1920x1080)\n", optarg);
                return 2;
            }
            break;
        case 'l': slides = optarg; break;
        case 'S': sheet = optarg; break;
        case 'j': json = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc - 1 || !out) {
        usage(stderr);
        return 2;
    }
    const char *path = argv[optind];
    unsigned char *sel = NULL;
    if (slides) {
        sel = xcalloc(MAX_SLIDES + 1, 1);
        if (render_parse_slides(slides, sel, MAX_SLIDES) < 0) {
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
        fprintf(stderr, "honorboard render: %s: %s\n", path,
                nfiles < 0 ? strerror(errno) : "no playlists (*.yaml) here");
        free(sel);
        return 2;
    }
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(0) < 0) {
        fprintf(stderr, "honorboard render: SDL: %s\n", SDL_GetError());
        free(sel);
        return 2;
    }
    /* what the board would play, loaded and checked exactly as play loads it */
    struct diag d = {0};
    struct content *c = content_load(path, &d);
    diag_print(&d, stderr);
    int rc = d.errors ? 1 : 0;
    diag_free(&d);
    struct page_maker *maker = prepare_maker_create();
    struct strbuf js = {0};
    sb_printf(&js, "{\"width\":%d,\"height\":%d,\"slides\":[", W, H);
    bool first_json = true;
    struct thumb *thumbs = NULL;
    size_t nthumbs = 0, thumbcap = 0;
    int written = 0;
    for (size_t item = 0; item < c->nitems; item++) {
        const struct content_item *it = &c->items[item];
        if (it->slide < 0)
            continue; /* a playlist that cannot play: its errors are printed above */
        const struct playlist *pl = c->playlists[it->playlist];
        const struct slide *s = &pl->slides[it->slide];
        if (sel && (s->index > MAX_SLIDES || !sel[s->index]))
            continue;
        int npages = 1;
        for (int pg = 0; pg < npages; pg++) {
            struct prepared *r = prepare_make(maker, c, (int)item, pg, W, H);
            npages = r->npages;
            const struct slide_layout *l = prepare_maker_layout(maker);
            char name[512], full[1024], err[512];
            prepare_page_name(c, (int)item, pg, npages, name, sizeof name);
            snprintf(full, sizeof full, "%s/%s", out, name);
            if (!r->surf) { /* what the screen does with it: skip it */
                fprintf(stderr, "%s: the screen skips this slide, so it has no PNG\n",
                        r->skip_reason ? r->skip_reason : pl->path);
                if (rc == 0)
                    rc = 1;
            } else if (pngout_write(r->surf, full, err, sizeof err) < 0) {
                fprintf(stderr, "honorboard render: cannot write %s\n", err);
                rc = 2;
            } else {
                written++;
            }
            if (r->surf && l && l->pages[r->page].warning)
                fprintf(stderr, "%s: slide %d page %d: warning: %s\n", pl->path, s->index,
                        pg + 1, l->pages[r->page].warn_text);
            if (json && r->surf && l) {
                if (!first_json)
                    sb_puts(&js, ",");
                first_json = false;
                layout_page_json(l, r->page, pl->path, s->index, slide_type_names[s->type], name,
                                 &js);
            }
            if (sheet) {
                if (nthumbs == thumbcap)
                    thumbs = xrealloc(thumbs, (thumbcap = thumbcap ? thumbcap * 2 : 16) *
                                                  sizeof *thumbs);
                struct thumb t = {.s = r->surf, .warn = r->warning};
                if (c->nplaylists > 1)
                    snprintf(t.label, sizeof t.label, "%d·%d", it->playlist + 1, s->index);
                else
                    snprintf(t.label, sizeof t.label, "%d", s->index);
                if (npages > 1) {
                    size_t k = strlen(t.label);
                    snprintf(t.label + k, sizeof t.label - k, "-%d", pg + 1);
                }
                thumbs[nthumbs++] = t;
                r->surf = NULL; /* the sheet keeps the pixels */
            }
            prepared_free(r);
        }
    }
    sb_puts(&js, "]}\n");
    if (json) {
        FILE *f = fopen(json, "w");
        if (!f || fputs(js.s, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "honorboard render: cannot write %s: %s\n", json, strerror(errno));
            rc = 2;
        }
    }
    if (sheet) {
        char ferr[256];
        struct fonts *sheet_fonts = fonts_create(NULL, ferr, sizeof ferr);
        if (!sheet_fonts)
            fprintf(stderr, "honorboard render: %s\n", ferr);
        if (!sheet_fonts || (nthumbs && write_sheet(sheet, thumbs, nthumbs, sheet_fonts, W, H) < 0))
            rc = 2;
        for (size_t i = 0; i < nthumbs; i++)
            if (thumbs[i].s)
                SDL_FreeSurface(thumbs[i].s);
        free(thumbs);
        fonts_destroy(sheet_fonts);
    }
    prepare_maker_destroy(maker);
    content_unref(c);
    fprintf(stderr, "honorboard render: %d PNG file%s in %s\n", written, written == 1 ? "" : "s",
            out);
    sb_free(&js);
    free(sel);
    SDL_Quit();
    return rc;
}
