/* pages.c - every page of a content, made by prepare_make() - the code that makes the
 * player's pages (content loading, layout, skip policy, drawing) - so each is the frame the
 * screen shows; slides are made in parallel (renderpool), one page maker per worker, and the
 * results collected in order: page PNGs, layout JSON, contact sheets. `render` writes pages
 * and sheets through it, the stick preview writes sheets; a slide the screen skips gets no
 * PNG, a line saying why and a marked tile on the sheet. */
#include "page/pages.h"
#include "page/advice.h"
#include "model/content.h"
#include "base/diag.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "base/i18n.h"
#include "picture/images.h"
#include "page/layout.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "base/pngout.h"
#include "page/prepare.h"
#include "base/renderpool.h"
#include "base/schedule.h"
#include "film/videofile.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct thumb {
    SDL_Surface *s; /* already scaled to the sheet's thumbnail size; NULL: the screen skips it */
    char label[32];
    bool warn;
    bool failed;   /* the error card of a playlist that cannot be played */
    char film[48]; /* a film's page: its badge ("▶ 视频", and 4K or 60 帧 when it is more than
                      the board is built for); "" for any other page */
};

/* The badge on a film's tile, so the preview tells films from photos at a glance. */
#define FILM_BADGE                                                                                 \
    (struct color)                                                                                 \
    {                                                                                              \
        255, 176, 0, 255                                                                           \
    }
static void film_badge(SDL_Surface *sheet, struct fonts *fonts, const char *text, int x, int y)
{
    double w = fonts_text_width(fonts, FONT_BOLD, text, 18);
    draw_fill(sheet, x + 8, y + 8, w + 16, 30, FILM_BADGE, 6);
    fonts_draw_text(fonts, FONT_BOLD, text, 18, sheet, x + 16, y + 8 + 22,
                    (SDL_Color){20, 20, 22, 255});
}

/* "▶ 视频", with what of the film is more than the board is built for (check warns of it). */
static bool film_label(const struct slide *s, char *out, size_t n)
{
    out[0] = 0;
    if (!s || s->type != SLIDE_VIDEO)
        return false;
    snprintf(out, n, "▶ 视频");
    struct video_info in;
    char err[256];
    if (!s->video.resolved || video_probe(s->video.resolved, &in, err, sizeof err) < 0)
        return false;
    bool big = (in.w > VIDEO_BOARD_W || in.h > VIDEO_BOARD_H) &&
               (in.h > VIDEO_BOARD_W || in.w > VIDEO_BOARD_H);
    bool fast = in.fps > VIDEO_BOARD_FPS;
    if (big)
        snprintf(out + strlen(out), n - strlen(out), " · %s",
                 in.w >= 3000 || in.h >= 3000 ? "4K" : "超清");
    if (fast)
        snprintf(out + strlen(out), n - strlen(out), " · %.0f 帧", in.fps);
    return big || fast;
}

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
        if (t[i].warn || !t[i].s)
            draw_fill(sheet, x - 6, y - 6, tw + 12, th + 12, (struct color){230, 40, 40, 255}, 4);
        if (t[i].s) {
            SDL_Rect r = {x, y, tw, th};
            SDL_BlitSurface(t[i].s, NULL, sheet, &r);
            if (t[i].film[0])
                film_badge(sheet, fonts, t[i].film, x, y);
        } else { /* skipped on screen: say so where the page would be */
            draw_fill(sheet, x, y, tw, th, (struct color){20, 20, 22, 255}, 0);
            fonts_draw_text(fonts, FONT_BOLD, "屏幕上跳过", 26, sheet, x + 16, y + th / 2.0 + 9,
                            (SDL_Color){255, 90, 90, 255});
        }
        SDL_Color white = {255, 255, 255, 255}, red = {255, 90, 90, 255};
        double adv =
            fonts_draw_text(fonts, FONT_BOLD, t[i].label, 22, sheet, x, y + th + 28, white);
        if (t[i].warn || !t[i].s)
            fonts_draw_text(fonts, FONT_BOLD, t[i].failed ? "  ⚠ 无法播放" : "  ⚠ 警告", 22, sheet,
                            x + adv, y + th + 28, red);
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
    int item;             /* index into the content's items */
    struct strbuf msgs;   /* what it has to say on stderr, printed in order */
    struct strbuf json;   /* its pages' layout JSON, comma-separated */
    struct thumb *thumbs; /* its pages for the contact sheet */
    size_t nthumbs;
    int written, rc;
    bool advised; /* its slide has a warning of check's (reading time): framed on the sheet */
};

struct run {
    int W, H;
    void (*over)(void *ctx, SDL_Surface *page, const struct playlist *pl);
    void *over_ctx;
    bool clock;      /* the pages leave the board's clock its box */
    bool scheduled;  /* only what the board plays at schedule_now() */
    bool ticker;     /* and the config's ticker its band */
    const char *out; /* NULL: no page files (a contact sheet only) */
    bool sheet, json;
    bool quiet;        /* nothing on stderr (the board writing a stick's preview) */
    struct content *c; /* what the board would play, loaded as play loads it */
    struct job *jobs;
    size_t njobs;
    /* collected in order on the main thread */
    int rc, written;
    struct strbuf js;
    bool first_json;
    struct thumb *thumbs;
    size_t nthumbs, thumbcap;
};

/* A worker's page maker: its own fonts and layout cache (never shared between threads). */
static void *worker_create(void *ctx)
{
    const struct run *r = ctx;
    if (r->sheet && !r->out) { /* pages seen only as thumbnails: photos decoded for those */
        int tw, th;
        sheet_geometry(r->W, r->H, &tw, &th);
        draw_set_photo_detail(1.5 * tw / r->W); /* a margin over the thumbnail's scale */
    }
    struct page_maker *m = prepare_maker_create();
    prepare_maker_set_clock(m, r->clock);
    prepare_maker_set_ticker(m, r->ticker);
    return m;
}

static void worker_destroy(void *w)
{
    draw_set_photo_detail(1.0);
    prepare_maker_destroy(w);
}

static void job_page(struct run *r, struct job *j, struct page_maker *maker, int pg, int *npages)
{
    const struct content_item *it = &r->c->items[j->item];
    const struct playlist *pl = it->playlist >= 0 ? r->c->playlists[it->playlist] : NULL;
    const struct slide *s = it->slide >= 0 ? &pl->slides[it->slide] : NULL;
    struct prepared *p = prepare_make(maker, r->c, j->item, pg, r->W, r->H);
    *npages = p->npages;
    const struct slide_layout *l = prepare_maker_layout(maker);
    char name[512], full[1024], err[1024];
    if (r->over && p->surf) /* what the board draws over the page */
        r->over(r->over_ctx, p->surf, pl);
    prepare_page_name(r->c, j->item, pg, p->npages, name, sizeof name);
    snprintf(full, sizeof full, "%s/%s", r->out, name);
    if (!p->surf) { /* what the screen does with it: skip it */
        sb_printf(&j->msgs, _("%s: the screen skips this slide, so it has no PNG\n"),
                  p->skip_reason ? p->skip_reason
                  : pl           ? pl->path
                                 : "?");
        if (j->rc < 1)
            j->rc = 1;
    } else if (!r->out || !s) {
        /* a contact sheet only; an error card is a tile, its errors are printed already */
    } else if (pngout_write(p->surf, full, err, sizeof err) < 0) {
        sb_printf(&j->msgs, "honorboard render: cannot write %s\n", err);
        j->rc = 2;
    } else {
        j->written++;
    }
    if (r->json && p->surf && l && s) {
        if (j->json.len)
            sb_puts(&j->json, ",");
        layout_page_json(l, p->page, pl->path, s->index, slide_type_names[s->type], name, &j->json);
    }
    if (r->sheet) { /* only the thumbnail is kept: one full page per worker is in memory */
        int tw, th;
        sheet_geometry(r->W, r->H, &tw, &th);
        j->thumbs = xrealloc(j->thumbs, (j->nthumbs + 1) * sizeof *j->thumbs);
        struct thumb *t = &j->thumbs[j->nthumbs++];
        *t = (struct thumb){.s = p->surf ? images_scale(p->surf, tw, th) : NULL,
                            .warn = p->warning || !s || j->advised,
                            .failed = !s}; /* a playlist that failed: its card */
        if (film_label(s, t->film, sizeof t->film))
            t->warn = true;
        if (!s)
            snprintf(t->label, sizeof t->label, "%d", it->playlist + 1);
        else if (r->c->nplaylists > 1)
            snprintf(t->label, sizeof t->label, "%d·%d", it->playlist + 1, s->index);
        else
            snprintf(t->label, sizeof t->label, "%d", s->index);
        if (p->npages > 1) {
            size_t k = strlen(t->label);
            snprintf(t->label + k, sizeof t->label - k, "-%d", pg + 1);
        }
    }
    prepared_free(p);
}

static void job_run(void *ctx, void *worker, size_t i)
{
    struct run *r = ctx;
    struct job *j = &r->jobs[i];
    int npages = 1;
    for (int pg = 0; pg < npages; pg++)
        job_page(r, j, worker, pg, &npages);
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

/* Whether the board plays item it at schedule_now() (its playlist's and its slide's schedule,
 * as the board's timeline asks); said at the slide's line when it does not. */
static bool open_now(struct run *r, const struct content_item *it)
{
    const struct playlist *pl = r->c->playlists[it->playlist];
    const struct slide *s = &pl->slides[it->slide];
    time_t t = schedule_now();
    struct tm tm;
    localtime_r(&t, &tm);
    bool ok = schedule_clock_ok(&tm);
    if (schedule_open(&pl->schedule, &tm, ok) && schedule_open(&s->schedule, &tm, ok))
        return true;
    if (!r->quiet) {
        char when[32];
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        fprintf(stderr, _("%s:%d:%d: slide %d is not scheduled at %s (--at): no PNG\n"), pl->path,
                s->pos.line, s->pos.col, s->index, when);
    }
    return false;
}

/* Whether check's advice (from d's message `from` on) warns about item it's slide, at its line:
 * the sheet frames that slide as it frames a page the layout warns about. */
static bool advised(const struct diag *d, size_t from, const struct content_item *it,
                    const struct content *c)
{
    const struct playlist *pl = c->playlists[it->playlist];
    const struct slide *s = &pl->slides[it->slide];
    for (size_t i = from; i < d->n; i++)
        if (d->msgs[i].level == DIAG_WARNING && d->msgs[i].file && pl->path &&
            strcmp(d->msgs[i].file, pl->path) == 0 && d->msgs[i].line == s->pos.line)
            return true;
    return false;
}

/* Loads and checks every playlist as play does (messages in file order) and lists the slides
 * to draw: every item the board would play, of the selected slide numbers. */
static void plan_jobs(struct run *r, const char *path, const unsigned char *sel)
{
    struct diag d = {0};
    r->c = content_load(path, &d);
    size_t advice_from = d.n;
    for (int i = 0; i < r->c->nplaylists; i++) /* the warnings `check` gives */
        if (r->c->playlists[i] && r->c->playlists[i]->nslides) {
            size_t from = d.n;
            advice_playlist(r->c->playlists[i], r->W, r->H, &d);
            diag_sort_from(&d, from);
        }
    if (!r->quiet)
        diag_print(&d, stderr);
    if (d.errors && r->rc < 1)
        r->rc = 1;
    size_t cap = 0;
    for (size_t i = 0; i < r->c->nitems; i++) {
        const struct content_item *it = &r->c->items[i];
        if (it->slide < 0 && (sel || !r->sheet))
            continue; /* a playlist that cannot play: its errors are printed above */
        const struct slide *s =
            it->slide >= 0 ? &r->c->playlists[it->playlist]->slides[it->slide] : NULL;
        if (sel && (s->index > PAGES_MAX_SLIDES || !sel[s->index]))
            continue; /* on a sheet, the card of a failed playlist is its tile, saying why */
        if (s && r->scheduled && !open_now(r, it))
            continue;
        if (r->njobs == cap)
            r->jobs = xrealloc(r->jobs, (cap = cap ? cap * 2 : 32) * sizeof *r->jobs);
        r->jobs[r->njobs++] =
            (struct job){.item = (int)i, .advised = s && advised(&d, advice_from, it, r->c)};
    }
    diag_free(&d); /* after the jobs: which slides check warns about is read from it */
}

/* The fonts of the first playlist's theme, for the contact sheet's labels. */
static struct fonts *sheet_fonts(const struct run *r)
{
    const struct playlist *first = NULL;
    for (int i = 0; i < r->c->nplaylists && !first; i++)
        first = r->c->playlists[i];
    char ferr[256];
    struct fonts *fonts = fonts_for_theme(first ? &first->theme : NULL, ferr, sizeof ferr);
    if (!fonts)
        fprintf(stderr, "honorboard render: %s\n", ferr);
    return fonts;
}

/* One contact sheet of every page drawn, at path; frees the thumbnails. */
static void finish_sheet(struct run *r, const char *sheet)
{
    struct fonts *fonts = sheet_fonts(r);
    if (!fonts ||
        (r->nthumbs && write_sheet(sheet, r->thumbs, r->nthumbs, fonts, r->W, r->H, NULL) < 0))
        r->rc = 2;
    fonts_destroy(fonts);
    for (size_t i = 0; i < r->nthumbs; i++)
        if (r->thumbs[i].s)
            SDL_FreeSurface(r->thumbs[i].s);
    free(r->thumbs);
}

/* The sheets of a run, written side by side: each a PNG of a few MB whose deflate is most of
 * its time. */
struct sheets_run {
    struct run *r;
    const char *dir, *stem, *header;
    size_t per, n;
    int *rc; /* per sheet: write_sheet()'s */
};

static void *sheet_worker_create(void *ctx)
{
    const struct sheets_run *sr = ctx;
    return sheet_fonts(sr->r); /* a worker's own: fonts are not shared between threads */
}

static void sheet_worker_destroy(void *w)
{
    fonts_destroy(w);
}

static void sheet_job(void *ctx, void *worker, size_t k)
{
    struct sheets_run *sr = ctx;
    if (!worker) {
        sr->rc[k] = -1;
        return;
    }
    char *name = k == 0 ? xasprintf("%s/%s.png", sr->dir, sr->stem)
                        : xasprintf("%s/%s-%zu.png", sr->dir, sr->stem, k + 1);
    char *head = sr->header ? xasprintf("%s　%zu/%zu", sr->header, k + 1, sr->n) : NULL;
    size_t left = sr->r->nthumbs - k * sr->per;
    sr->rc[k] = write_sheet(name, sr->r->thumbs + k * sr->per, left < sr->per ? left : sr->per,
                            worker, sr->r->W, sr->r->H, head);
    free(head);
    free(name);
}

int pages_sheets(const char *path, int W, int H, const char *dir, const char *stem, int per_sheet,
                 const char *header, int *nsheets)
{
    *nsheets = 0;
    char **files = NULL;
    int nfiles = playlist_expand_path(path, &files);
    for (int i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    if (nfiles <= 0)
        return -1;
    struct run r = {.W = W, .H = H, .sheet = true, .quiet = true, .first_json = true};
    plan_jobs(&r, path, NULL);
    static const struct renderpool_ops ops = {.worker_create = worker_create,
                                              .worker_destroy = worker_destroy,
                                              .job = job_run,
                                              .done = job_done};
    int rc = 0;
    if (renderpool_run(r.njobs, renderpool_default_workers(), &ops, &r) < 0 &&
        renderpool_run(r.njobs, 1, &ops, &r) < 0)
        rc = -1;
    if (per_sheet < 1)
        per_sheet = 20;
    struct sheets_run sr = {.r = &r,
                            .dir = dir,
                            .stem = stem,
                            .header = header,
                            .per = (size_t)per_sheet,
                            .n = (r.nthumbs + (size_t)per_sheet - 1) / (size_t)per_sheet};
    sr.rc = xcalloc(sr.n ? sr.n : 1, sizeof *sr.rc);
    static const struct renderpool_ops sheet_ops = {.worker_create = sheet_worker_create,
                                                    .worker_destroy = sheet_worker_destroy,
                                                    .job = sheet_job};
    int workers = renderpool_default_workers(); /* no fonts loaded for a worker left idle */
    if ((size_t)workers > sr.n)
        workers = sr.n ? (int)sr.n : 1;
    if (rc == 0 && renderpool_run(sr.n, workers, &sheet_ops, &sr) < 0 &&
        renderpool_run(sr.n, 1, &sheet_ops, &sr) < 0)
        rc = -1;
    for (size_t k = 0; rc == 0 && k < sr.n; k++) {
        if (sr.rc[k] < 0)
            rc = -1;
        else
            (*nsheets)++;
    }
    free(sr.rc);
    /* left from a longer run, or written after one that failed: the sheets are a run without
     * gaps (the stick's copy takes every 预览*.png) */
    for (int k = *nsheets < 2 ? 2 : *nsheets + 1; k < 1000; k++) {
        char *name = xasprintf("%s/%s-%d.png", dir, stem, k);
        int gone = unlink(name);
        free(name);
        if (gone < 0 && (size_t)k > sr.n)
            break;
    }
    for (size_t i = 0; i < r.nthumbs; i++)
        if (r.thumbs[i].s)
            SDL_FreeSurface(r.thumbs[i].s);
    free(r.thumbs);
    sb_free(&r.js);
    content_unref(r.c);
    free(r.jobs);
    return rc;
}

int pages_render(const char *path, const struct pages_opts *o, struct pages_report *rep)
{
    struct run r = {.W = o->w,
                    .H = o->h,
                    .over = o->over,
                    .over_ctx = o->over_ctx,
                    .clock = o->clock,
                    .scheduled = o->scheduled,
                    .ticker = o->ticker,
                    .out = o->out,
                    .sheet = o->sheet != NULL,
                    .json = o->json,
                    .quiet = o->quiet,
                    .first_json = true};
    sb_printf(&r.js, "{\"width\":%d,\"height\":%d,\"slides\":[", o->w, o->h);
    plan_jobs(&r, path, o->sel);
    static const struct renderpool_ops ops = {.worker_create = worker_create,
                                              .worker_destroy = worker_destroy,
                                              .job = job_run,
                                              .done = job_done};
    if (renderpool_run(r.njobs, o->workers, &ops, &r) < 0 &&
        renderpool_run(r.njobs, 1, &ops, &r) < 0)
        r.rc = 2;
    sb_puts(&r.js, "]}\n");
    if (o->sheet)
        finish_sheet(&r, o->sheet);
    rep->rc = r.rc;
    rep->written = r.written;
    rep->json = r.js.s; /* handed over */
    content_unref(r.c);
    free(r.jobs);
    return r.rc;
}
