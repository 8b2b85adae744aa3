/* render.c - `honorboard render PATH --out DIR`: authors proof their slides as PNG files on any PC,
 * and tests check the renderer. Same layout (layout.c) and painting (draw.c) as the player. */
#include "render.h"
#include "diag.h"
#include "draw.h"
#include "i18n.h"
#include "images.h"
#include "fonts.h"
#include "layout.h"
#include "playlist.h"
#include "pngout.h"
#include "renderpool.h"
#include "util.h"
#include "validate.h"

#include <SDL_image.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
          "  --jobs N             pages drawn at once (default: one per processor)\n"
          "  --help               this text\n"
          "Exit: 0 ok, 1 content errors (slides that could be read are still rendered), 2 usage/I-O.\n",
          out);
}

struct thumb {
    SDL_Surface *s; /* already scaled to the sheet's thumbnail size */
    char label[32];
    bool warn;
};

static void sheet_geometry(int W, int H, int *tw, int *th)
{
    *tw = W >= H ? 400 : 240;
    *th = (int)lround((double)*tw * H / W);
}

/* header: a line above the thumbnails (what, when, for which screen), or NULL for none. */
static int write_sheet(const char *path, struct thumb *t, size_t n, struct fonts *fonts, int W,
                       int H, const char *header)
{
    int cols = n < 4 ? (int)(n ? n : 1) : 4;
    int tw, th;
    sheet_geometry(W, H, &tw, &th);
    int pad = 16, label_h = 36, top = header ? 48 : 0;
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    int sw = cols * (tw + pad) + pad, sh = top + rows * (th + label_h + pad) + pad;
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sheet) {
        fprintf(stderr, "honorboard render: cannot write %s: %s\n", path, SDL_GetError());
        return -1;
    }
    SDL_FillRect(sheet, NULL, 0xFF2A2A2Eu);
    if (header)
        fonts_draw_text(fonts, FONT_BOLD, header, 22, sheet, pad, pad + 24,
                        (SDL_Color){255, 255, 255, 255});
    for (size_t i = 0; i < n; i++) {
        int x = pad + (int)(i % (size_t)cols) * (tw + pad);
        int y = top + pad + (int)(i / (size_t)cols) * (th + label_h + pad);
        if (t[i].warn)
            draw_fill(sheet, x - 6, y - 6, tw + 12, th + 12, (struct color){230, 40, 40, 255}, 4);
        if (t[i].s) {
            SDL_Rect r = {x, y, tw, th};
            SDL_BlitSurface(t[i].s, NULL, sheet, &r);
        }
        SDL_Color white = {255, 255, 255, 255}, red = {255, 90, 90, 255};
        double adv = fonts_draw_text(fonts, FONT_BOLD, t[i].label, 22, sheet, x, y + th + 28, white);
        if (t[i].warn)
            fonts_draw_text(fonts, FONT_BOLD, "  ⚠ 警告", 22, sheet, x + adv, y + th + 28, red);
    }
    char err[512];
    int rc = pngout_write(sheet, path, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "honorboard render: cannot write %s\n", err);
    SDL_FreeSurface(sheet);
    return rc;
}

/* One job per slide: its pages are laid out once, then drawn and written one at a time. */
struct job {
    int file;            /* index into the run's files and playlists */
    size_t slide;        /* index into that playlist's slides */
    struct strbuf msgs;  /* what it has to say on stderr, printed in order */
    struct strbuf json;  /* its pages' layout JSON, comma-separated */
    struct thumb *thumbs; /* its pages for the contact sheet */
    size_t nthumbs;
    int written, rc;
};

struct run {
    int W, H;
    const char *out; /* NULL: no page files (a contact sheet only) */
    bool sheet, json;
    bool quiet; /* nothing on stderr (the board writing a stick's preview) */
    char **files;
    struct playlist **pls; /* NULL where a file could not be read */
    char (*prefix)[256];   /* file-name prefix per playlist */
    struct job *jobs;
    size_t njobs;
    /* collected in order on the main thread */
    int rc, written;
    struct strbuf js;
    bool first_json;
    struct thumb *thumbs;
    size_t nthumbs, thumbcap;
};

/* A worker's fonts, per theme font (a worker never shares its glyph caches). */
struct worker_fonts {
    struct {
        char *family; /* NULL = default */
        struct fonts *fonts;
    } f[4];
    int n;
};

static void *worker_create(void *ctx)
{
    (void)ctx;
    return xcalloc(1, sizeof(struct worker_fonts));
}

static void worker_destroy(void *w)
{
    struct worker_fonts *wf = w;
    for (int i = 0; i < wf->n; i++) {
        fonts_destroy(wf->f[i].fonts);
        free(wf->f[i].family);
    }
    free(wf);
}

static struct fonts *worker_fonts(struct worker_fonts *wf, const char *family, char *err,
                                  size_t errlen)
{
    for (int i = 0; i < wf->n; i++) {
        const char *f = wf->f[i].family;
        if ((!f && !family) || (f && family && strcmp(f, family) == 0))
            return wf->f[i].fonts;
    }
    struct fonts *fo = fonts_create(family, err, errlen);
    if (!fo || wf->n == 4)
        return fo; /* a fifth theme font is not cached: the caller destroys it */
    wf->f[wf->n].family = family ? xstrdup(family) : NULL;
    wf->f[wf->n++].fonts = fo;
    return fo;
}

static bool fonts_cached(const struct worker_fonts *wf, const struct fonts *fo)
{
    for (int i = 0; i < wf->n; i++)
        if (wf->f[i].fonts == fo)
            return true;
    return false;
}

static void page_name(const struct run *r, const struct job *j, const struct slide *s, int npages,
                      int pg, char *name, size_t n)
{
    if (npages > 1)
        snprintf(name, n, "%sslide-%03d-p%d.png", r->prefix[j->file], s->index, pg + 1);
    else
        snprintf(name, n, "%sslide-%03d.png", r->prefix[j->file], s->index);
}

static void job_page(struct run *r, struct job *j, const struct slide_layout *l, int pg,
                     struct fonts *fonts)
{
    const struct slide *s = &r->pls[j->file]->slides[j->slide];
    const char *file = r->files[j->file];
    char name[512], full[1024], err[1024];
    page_name(r, j, s, l->npages, pg, name, sizeof name);
    snprintf(full, sizeof full, "%s/%s", r->out, name);
    SDL_Surface *surf = draw_page(l, pg, fonts, err, sizeof err);
    if (!surf) {
        sb_printf(&j->msgs, "%s: slide %d: %s\n", file, s->index, err);
        j->rc = 2;
        return;
    }
    if (!r->out) {
        /* a contact sheet only */
    } else if (pngout_write(surf, full, err, sizeof err) < 0) {
        sb_printf(&j->msgs, "honorboard render: cannot write %s\n", err);
        j->rc = 2;
    } else {
        j->written++;
    }
    if (l->pages[pg].warning)
        sb_printf(&j->msgs, _("%s: slide %d page %d: warning: %s\n"), file, s->index, pg + 1,
                  l->pages[pg].warn_text);
    if (r->json) {
        if (j->json.len)
            sb_puts(&j->json, ",");
        layout_page_json(l, pg, file, s->index, slide_type_names[s->type], name, &j->json);
    }
    if (r->sheet) { /* only the thumbnail is kept: one full page per worker is in memory */
        int tw, th;
        sheet_geometry(r->W, r->H, &tw, &th);
        j->thumbs = xrealloc(j->thumbs, (j->nthumbs + 1) * sizeof *j->thumbs);
        struct thumb *t = &j->thumbs[j->nthumbs++];
        *t = (struct thumb){.s = images_scale(surf, tw, th), .warn = l->pages[pg].warning};
        snprintf(t->label, sizeof t->label, "%s%d%s%.0d", r->prefix[j->file], s->index,
                 l->npages > 1 ? "-" : "", l->npages > 1 ? pg + 1 : 0);
    }
    SDL_FreeSurface(surf);
}

static void job_run(void *ctx, void *worker, size_t i)
{
    struct run *r = ctx;
    struct job *j = &r->jobs[i];
    const struct playlist *pl = r->pls[j->file];
    char ferr[256];
    struct fonts *fonts = worker_fonts(worker, pl->theme.font, ferr, sizeof ferr);
    if (!fonts) {
        sb_printf(&j->msgs, "honorboard render: %s\n", ferr);
        j->rc = 2;
        return;
    }
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[j->slide], r->W, r->H, &env);
    for (int pg = 0; pg < l->npages; pg++)
        job_page(r, j, l, pg, fonts);
    layout_free(l);
    if (!fonts_cached(worker, fonts))
        fonts_destroy(fonts);
}

static void job_done(void *ctx, size_t i)
{
    struct run *r = ctx;
    struct job *j = &r->jobs[i];
    if (j->msgs.len && !r->quiet)
        fputs(j->msgs.s, stderr);
    if (j->rc > r->rc)
        r->rc = j->rc;
    r->written += j->written;
    if (j->json.len) {
        if (!r->first_json)
            sb_puts(&r->js, ",");
        r->first_json = false;
        sb_puts(&r->js, j->json.s);
    }
    for (size_t k = 0; k < j->nthumbs; k++) {
        if (r->nthumbs == r->thumbcap)
            r->thumbs = xrealloc(r->thumbs, (r->thumbcap = r->thumbcap ? r->thumbcap * 2 : 16) *
                                                sizeof *r->thumbs);
        r->thumbs[r->nthumbs++] = j->thumbs[k];
    }
    free(j->thumbs);
    j->thumbs = NULL;
    sb_free(&j->msgs);
    sb_free(&j->json);
}

/* Reads and checks every playlist (messages in file order) and lists the slides to draw. */
static void plan_jobs(struct run *r, int nfiles, const unsigned char *sel)
{
    size_t cap = 0;
    r->pls = xcalloc((size_t)nfiles, sizeof *r->pls);
    r->prefix = xcalloc((size_t)nfiles, sizeof *r->prefix);
    for (int fi = 0; fi < nfiles; fi++) {
        struct diag d = {0};
        struct playlist *pl = playlist_load(r->files[fi], &d);
        if (pl)
            validate_playlist(pl, &(struct validate_opts){.decode_images = false}, &d);
        if (!r->quiet)
            diag_print(&d, stderr);
        if (d.errors && r->rc < 1)
            r->rc = 1;
        diag_free(&d);
        r->pls[fi] = pl;
        if (!pl)
            continue;
        /* prefix files with the playlist's name when rendering a folder of several */
        if (nfiles > 1) {
            const char *base = strrchr(r->files[fi], '/');
            base = base ? base + 1 : r->files[fi];
            snprintf(r->prefix[fi], sizeof r->prefix[fi], "%.*s-", (int)(strcspn(base, ".")), base);
        }
        for (size_t si = 0; si < pl->nslides; si++) {
            const struct slide *s = &pl->slides[si];
            if (s->type >= SLIDE_TYPE_COUNT || (sel && (s->index > MAX_SLIDES || !sel[s->index])))
                continue;
            if (r->njobs == cap)
                r->jobs = xrealloc(r->jobs, (cap = cap ? cap * 2 : 32) * sizeof *r->jobs);
            r->jobs[r->njobs++] = (struct job){.file = fi, .slide = si};
        }
    }
}

/* The contact sheet's labels need fonts of the first playlist's theme. */
static void finish_sheet(struct run *r, const char *sheet, int nfiles)
{
    const struct playlist *first = NULL;
    for (int i = 0; i < nfiles && !first; i++)
        first = r->pls[i];
    char ferr[256];
    struct fonts *fonts = first ? fonts_create(first->theme.font, ferr, sizeof ferr) : NULL;
    if (fonts && r->nthumbs && write_sheet(sheet, r->thumbs, r->nthumbs, fonts, r->W, r->H, NULL) < 0)
        r->rc = 2;
    fonts_destroy(fonts);
    for (size_t i = 0; i < r->nthumbs; i++)
        SDL_FreeSurface(r->thumbs[i].s);
    free(r->thumbs);
}

int render_sheets(const char *path, int W, int H, const char *dir, const char *stem,
                  int per_sheet, const char *header, int *nsheets)
{
    *nsheets = 0;
    char **files = NULL;
    int nfiles = playlist_expand_path(path, &files);
    if (nfiles <= 0) {
        free(files);
        return -1;
    }
    struct run r = {.W = W, .H = H, .sheet = true, .quiet = true, .files = files,
                    .first_json = true};
    plan_jobs(&r, nfiles, NULL);
    static const struct renderpool_ops ops = {.worker_create = worker_create,
                                              .worker_destroy = worker_destroy,
                                              .job = job_run, .done = job_done};
    int rc = 0;
    if (renderpool_run(r.njobs, renderpool_default_workers(), &ops, &r) < 0 &&
        renderpool_run(r.njobs, 1, &ops, &r) < 0)
        rc = -1;
    const struct playlist *first = NULL;
    for (int i = 0; i < nfiles && !first; i++)
        first = r.pls[i];
    char ferr[256];
    struct fonts *fonts = first ? fonts_create(first->theme.font, ferr, sizeof ferr) : NULL;
    if (per_sheet < 1)
        per_sheet = 20;
    size_t nsh = (r.nthumbs + (size_t)per_sheet - 1) / (size_t)per_sheet;
    for (size_t k = 0; fonts && rc == 0 && k < nsh; k++) {
        char *name = k == 0 ? xasprintf("%s/%s.png", dir, stem)
                            : xasprintf("%s/%s-%zu.png", dir, stem, k + 1);
        char *head = header ? xasprintf("%s　%zu/%zu", header, k + 1, nsh) : NULL;
        size_t n = r.nthumbs - k * (size_t)per_sheet;
        int w_rc = write_sheet(name, r.thumbs + k * (size_t)per_sheet,
                               n < (size_t)per_sheet ? n : (size_t)per_sheet, fonts, W, H, head);
        free(head);
        if (w_rc < 0)
            rc = -1;
        else
            (*nsheets)++;
        free(name);
    }
    for (int k = *nsheets < 2 ? 2 : *nsheets + 1; k < 1000; k++) { /* left from a longer run */
        char *name = xasprintf("%s/%s-%d.png", dir, stem, k);
        int gone = unlink(name);
        free(name);
        if (gone < 0)
            break;
    }
    fonts_destroy(fonts);
    for (size_t i = 0; i < r.nthumbs; i++)
        SDL_FreeSurface(r.thumbs[i].s);
    free(r.thumbs);
    sb_free(&r.js);
    for (int i = 0; i < nfiles; i++) {
        playlist_free(r.pls[i]);
        free(files[i]);
    }
    free(r.pls);
    free(r.prefix);
    free(r.jobs);
    free(files);
    return rc;
}

int render_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},   {"size", required_argument, 0, 's'},
        {"slides", required_argument, 0, 'l'}, {"sheet", required_argument, 0, 'S'},
        {"layout-json", required_argument, 0, 'j'}, {"jobs", required_argument, 0, 'J'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    const char *out = NULL, *slides = NULL, *sheet = NULL, *json = NULL;
    int W = 1920, H = 1080, c, nworkers = renderpool_default_workers();
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:s:h", opts, NULL)) != -1) {
        switch (c) {
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
        case 'J': {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (!end || *end || n < 1 || n > 256) {
                fprintf(stderr, "honorboard render: bad --jobs '%s' (1 to 256)\n", optarg);
                return 2;
            }
            nworkers = (int)n;
            break;
        }
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
    if (nfiles <= 0) {
        fprintf(stderr, "honorboard render: %s: %s\n", path,
                nfiles < 0 ? strerror(errno) : "no playlists (*.yaml) here");
        free(sel);
        return 2;
    }
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(0) < 0) {
        fprintf(stderr, "honorboard render: SDL: %s\n", SDL_GetError());
        return 2;
    }
    struct run r = {.W = W, .H = H, .out = out, .sheet = sheet != NULL, .json = json != NULL,
                    .files = files, .first_json = true};
    sb_printf(&r.js, "{\"width\":%d,\"height\":%d,\"slides\":[", W, H);
    plan_jobs(&r, nfiles, sel);
    static const struct renderpool_ops ops = {.worker_create = worker_create,
                                              .worker_destroy = worker_destroy,
                                              .job = job_run, .done = job_done};
    if (renderpool_run(r.njobs, nworkers, &ops, &r) < 0 && renderpool_run(r.njobs, 1, &ops, &r) < 0)
        r.rc = 2;
    sb_puts(&r.js, "]}\n");
    if (json) {
        FILE *f = fopen(json, "w");
        if (!f || fputs(r.js.s, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "honorboard render: cannot write %s: %s\n", json, strerror(errno));
            r.rc = 2;
        }
    }
    if (sheet)
        finish_sheet(&r, sheet, nfiles);
    fprintf(stderr, "honorboard render: %d PNG file%s in %s\n", r.written,
            r.written == 1 ? "" : "s", out);
    sb_free(&r.js);
    for (int i = 0; i < nfiles; i++) {
        playlist_free(r.pls[i]);
        free(files[i]);
    }
    free(r.pls);
    free(r.prefix);
    free(r.jobs);
    free(files);
    free(sel);
    SDL_Quit();
    return r.rc;
}
