/* prepare.c - a prepared slide page: layout + pixels, made on a worker thread while the screen
 * shows the previous one. Keeps a small cache of fonts (per theme font) and the last layout, so
 * the pages of one slide are laid out once. */
#include "page/prepare.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "picture/images.h"
#include "page/layout.h"
#include "page/policy.h"
#include "page/running.h"
#include "base/schedule.h"
#include "base/util.h"
#include "text/zhdate.h"
#include "film/video.h"
#include "page/videoslide.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct cache {
    struct {
        char *family; /* "font\ntitle face"; NULL = default */
        struct fonts *fonts;
    } fonts[4];
    int nfonts;
    struct content *lay_content; /* last layout, for the next page of the same slide */
    int lay_item, lay_w, lay_h;
    int lay_day; /* the day it was laid out on: a date card or countdown changes with it */
    bool lay_clock, lay_ticker;
    struct slide_layout *lay;
    bool live;   /* the worker of a screen: video slides get their clip opened and pre-rolled */
    bool clock;  /* the board draws its clock over the header: pages leave its box free */
    bool ticker; /* the board scrolls its config's ticker: pages leave its band free */
};

struct preparer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv, done_cv;
    bool quit;
    bool has_job;
    struct {
        struct content *c;
        int item, page, w, h;
        unsigned id;
        char *note;  /* owned: a line for the standby card (why nothing plays), or NULL */
        bool clock;  /* the board's clock shown when it was asked for */
        bool ticker; /* the config's ticker shown when it was asked for */
    } job;
    bool clock;  /* prepare_set_clock() */
    bool ticker; /* prepare_set_ticker() */
    unsigned next_id;
    struct prepared *result;
    struct cache cache;
    void (*wake)(void *ctx); /* told when a result is ready */
    void *wake_ctx;
};

static struct cache sync_cache; /* for prepare_page() */

/* The fonts of a theme (its face, or its design's title face): kept by "font\ntitle face". */
static struct fonts *cache_fonts(struct cache *k, const struct theme *th)
{
    const char *family = th ? th->font : NULL;
    const char *title = th && !th->font ? th->title_font : NULL;
    char *key =
        family || title ? xasprintf("%s\n%s", family ? family : "", title ? title : "") : NULL;
    for (int i = 0; i < k->nfonts; i++) {
        const char *f = k->fonts[i].family;
        if ((!f && !key) || (f && key && strcmp(f, key) == 0)) {
            free(key);
            return k->fonts[i].fonts;
        }
    }
    char err[256];
    struct fonts *fo = fonts_create_titled(family, title, err, sizeof err);
    if (!fo) {
        fprintf(stderr, "honorboard: %s\n", err);
        free(key);
        if (th && (family || title)) /* fall back to the default chain */
            return cache_fonts(k, NULL);
        return NULL;
    }
    int slot = k->nfonts < 4 ? k->nfonts++ : 3;
    if (k->fonts[slot].fonts) {
        fonts_destroy(k->fonts[slot].fonts);
        free(k->fonts[slot].family);
    }
    k->fonts[slot].family = key;
    k->fonts[slot].fonts = fo;
    return fo;
}

static void cache_clear(struct cache *k)
{
    layout_free(k->lay);
    if (k->lay_content)
        content_unref(k->lay_content);
    for (int i = 0; i < k->nfonts; i++) {
        fonts_destroy(k->fonts[i].fonts);
        free(k->fonts[i].family);
    }
    *k = (struct cache){0};
}

/* Nothing is scheduled: the board's title with the date and the time, never a black screen. */
static struct prepared *make_standby(struct cache *k, struct content *c, struct prepared *r,
                                     const char *note)
{
    const struct playlist *pl = NULL;
    for (int i = 0; i < c->nplaylists && !pl; i++)
        pl = c->playlists[i];
    struct fonts *fonts = cache_fonts(k, pl ? &pl->theme : NULL);
    r->playlist_path = c->source;
    r->type = "standby";
    struct page_timing pt = policy_standby_timing();
    r->duration = pt.duration, r->transition = pt.transition,
    r->transition_time = pt.transition_time;
    r->title = xstrdup("standby");
    if (!fonts) {
        r->skip_reason = xstrdup("no usable font");
        return r;
    }
    static const char *const wd[] = {"日", "一", "二", "三", "四", "五", "六"};
    time_t t = schedule_now();
    struct tm tm;
    localtime_r(&t, &tm);
    char *msg = xasprintf("%d年%d月%d日　星期%s\n\n%02d:%02d%s%s", tm.tm_year + 1900, tm.tm_mon + 1,
                          tm.tm_mday, wd[tm.tm_wday], tm.tm_hour, tm.tm_min, note ? "\n\n" : "",
                          note ? note : ""); /* why nothing else shows, when something failed */
    struct layout_env env = draw_layout_env(fonts);
    env.clock = k->clock, env.ticker = k->ticker;
    struct slide_layout *l =
        layout_card(pl && pl->title ? pl->title : "光荣榜", msg,
                    pl ? &pl->theme : &playlist_default_theme, r->w, r->h, &env);
    char err[256];
    r->surf = draw_page(l, 0, fonts, err, sizeof err);
    if (!r->surf)
        r->skip_reason = xstrdup(err);
    layout_free(l);
    free(msg);
    return r;
}

static struct prepared *make(struct cache *k, struct content *c, int item, int page, int w, int h,
                             const char *note)
{
    struct prepared *r = xcalloc(1, sizeof *r);
    r->item = item;
    r->w = w;
    r->h = h;
    r->npages = 1;
    r->transition = TRANS_FADE;
    r->transition_time = 0.8;
    if (item == PREPARE_STANDBY)
        return make_standby(k, c, r, note);
    if (item < 0 || (size_t)item >= c->nitems) {
        r->skip_reason = xstrdup("no such item");
        return r;
    }
    const struct content_item *it = &c->items[item];
    const struct playlist *pl = it->playlist >= 0 ? c->playlists[it->playlist] : NULL;
    r->playlist_path = it->playlist >= 0 ? c->files[it->playlist] : c->source;
    struct fonts *fonts = cache_fonts(k, pl ? &pl->theme : NULL);
    if (!fonts) {
        r->skip_reason = xstrdup("no usable font");
        return r;
    }
    struct layout_env env = draw_layout_env(fonts);
    env.clock = k->clock, env.ticker = k->ticker;
    int day = zhdate_local(schedule_now());
    if (!(k->lay && k->lay_content == c && k->lay_item == item && k->lay_w == w && k->lay_h == h &&
          k->lay_day == day && k->lay_clock == k->clock && k->lay_ticker == k->ticker)) {
        layout_free(k->lay);
        k->lay = NULL;
        if (k->lay_content)
            content_unref(k->lay_content);
        k->lay_content = content_ref(c);
        k->lay_item = item, k->lay_w = w, k->lay_h = h, k->lay_day = day;
        k->lay_clock = k->clock, k->lay_ticker = k->ticker;
        if (it->slide < 0) {
            k->lay = layout_card(pl && pl->title ? pl->title : "光荣榜", it->card_message,
                                 pl ? &pl->theme : &playlist_default_theme, w, h, &env);
        } else {
            k->lay = layout_slide(pl, &pl->slides[it->slide], w, h, &env);
        }
    }
    const struct slide *s = it->slide >= 0 ? &pl->slides[it->slide] : NULL;
    r->npages = k->lay->npages;
    r->page = page < r->npages ? page : r->npages - 1;
    if (s && (r->skip_reason = policy_skip_reason(pl, s)))
        return r;
    char err[512];
    r->surf = draw_page(k->lay, r->page, fonts, err, sizeof err);
    if (!r->surf) /* a photo slide's photo is checked by the decode that draws it */
        r->skip_reason =
            s && s->type == SLIDE_PHOTO ? policy_photo_unshown(pl, s, err) : xstrdup(err);
#ifndef HB_NO_FILM /* a build without films (Windows) shows the poster page for the clip's time */
    if (r->surf && s && s->type == SLIDE_VIDEO && k->live && /* pre-roll the clip here */
        !(r->video = videoslide_prepare(pl, s, k->lay, r->surf, r->video_rect, &r->skip_reason))) {
        SDL_FreeSurface(r->surf);
        r->surf = NULL;
    }
#endif
    if (r->surf && k->live) /* 走字: its band, drawn once, for the frame loop to move */
        r->run = running_create(k->lay, r->page, fonts);
    r->warning = k->lay->pages[r->page].warning;
    struct page_timing pt =
        s ? policy_laid_page_timing(pl, s, k->lay, r->page) : policy_card_timing();
    r->duration = pt.duration, r->transition = pt.transition,
    r->transition_time = pt.transition_time;
    r->title = xstrdup(s ? policy_slide_label(s) : "error");
    r->type = s ? slide_type_names[s->type] : "card";
    return r;
}

struct prepared *prepare_page(struct content *c, int item, int page, int w, int h)
{
    return make(&sync_cache, c, item, page, w, h, NULL);
}

void prepare_cleanup(void)
{
    cache_clear(&sync_cache);
}

struct page_maker {
    struct cache k;
};

struct page_maker *prepare_maker_create(void)
{
    return xcalloc(1, sizeof(struct page_maker));
}

void prepare_maker_destroy(struct page_maker *m)
{
    if (!m)
        return;
    cache_clear(&m->k);
    free(m);
}

void prepare_maker_set_clock(struct page_maker *m, bool clock)
{
    m->k.clock = clock;
}

void prepare_maker_set_ticker(struct page_maker *m, bool ticker)
{
    m->k.ticker = ticker;
}

struct prepared *prepare_make(struct page_maker *m, struct content *c, int item, int page, int w,
                              int h)
{
    return make(&m->k, c, item, page, w, h, NULL);
}

const struct slide_layout *prepare_maker_layout(const struct page_maker *m)
{
    return m->k.lay;
}

void prepare_page_name(const struct content *c, int item, int page, int npages, char *buf, size_t n)
{
    const struct content_item *it = &c->items[item];
    char prefix[256] = "";
    if (c->nplaylists > 1 && it->playlist >= 0) { /* several playlists: name them */
        const char *f = c->files[it->playlist], *base = strrchr(f, '/');
        base = base ? base + 1 : f;
        snprintf(prefix, sizeof prefix, "%.*s-", (int)strcspn(base, "."), base);
    }
    int index = it->slide >= 0 && it->playlist >= 0
                    ? c->playlists[it->playlist]->slides[it->slide].index
                    : 0;
    if (it->slide < 0)
        snprintf(buf, n, "%scard.png", prefix);
    else if (npages > 1)
        snprintf(buf, n, "%sslide-%03d-p%d.png", prefix, index, page + 1);
    else
        snprintf(buf, n, "%sslide-%03d.png", prefix, index);
}

void prepared_free(struct prepared *r)
{
    if (!r)
        return;
    if (r->surf)
        SDL_FreeSurface(r->surf);
    video_destroy(r->video);
    running_free(r->run);
    free(r->title);
    free(r->skip_reason);
    free(r);
}

static void *worker(void *arg)
{
    struct preparer *p = arg;
    /* Below the frame thread: when both want a core (a busy machine, one core), the frame of a
     * transition goes first and the page being painted waits; Linux's nice is per thread. */
    setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
    pthread_setname_np(pthread_self(), "hb-prepare"); /* in top -H, and for tests */
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && !p->has_job)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->quit)
            break;
        struct content *c = p->job.c;
        int item = p->job.item, page = p->job.page, w = p->job.w, h = p->job.h;
        unsigned id = p->job.id;
        char *note = p->job.note;
        /* the worker's own cache: read only on this thread */
        p->cache.clock = p->job.clock, p->cache.ticker = p->job.ticker;
        p->job.c = NULL;
        p->job.note = NULL;
        p->has_job = false;
        pthread_mutex_unlock(&p->mu);
        struct prepared *r = make(&p->cache, c, item, page, w, h, note);
        r->id = id;
        free(note);
        content_unref(c);
        pthread_mutex_lock(&p->mu);
        prepared_free(p->result);
        p->result = r;
        pthread_cond_broadcast(&p->done_cv);
        if (p->wake)
            p->wake(p->wake_ctx);
    }
    pthread_mutex_unlock(&p->mu);
    cache_clear(&p->cache);
    /* SDL keeps per-thread data (its error message, set by SDL_image and SDL calls on this thread)
     * that it frees only for threads it started itself */
    SDL_TLSCleanup();
    return NULL;
}

struct preparer *prepare_create(void)
{
    struct preparer *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    p->cache.live = true;
    if (pthread_create(&p->thread, NULL, worker, p) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

void prepare_destroy(struct preparer *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->quit = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    if (p->job.c)
        content_unref(p->job.c);
    free(p->job.note);
    prepared_free(p->result);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    pthread_cond_destroy(&p->done_cv);
    free(p);
}

void prepare_set_clock(struct preparer *p, bool clock)
{
    pthread_mutex_lock(&p->mu);
    p->clock = clock;
    pthread_mutex_unlock(&p->mu);
}

void prepare_set_ticker(struct preparer *p, bool ticker)
{
    pthread_mutex_lock(&p->mu);
    p->ticker = ticker;
    pthread_mutex_unlock(&p->mu);
}

void prepare_set_wake(struct preparer *p, void (*wake)(void *ctx), void *ctx)
{
    pthread_mutex_lock(&p->mu);
    p->wake = wake;
    p->wake_ctx = ctx;
    pthread_mutex_unlock(&p->mu);
}

unsigned prepare_request(struct preparer *p, struct content *c, int item, int page, int w, int h)
{
    return prepare_request_note(p, c, item, page, w, h, NULL);
}

unsigned prepare_request_note(struct preparer *p, struct content *c, int item, int page, int w,
                              int h, const char *note)
{
    pthread_mutex_lock(&p->mu);
    if (p->job.c)
        content_unref(p->job.c);
    free(p->job.note);
    p->job.note = xstrdup(note);
    unsigned id = ++p->next_id;
    p->job.c = content_ref(c);
    p->job.item = item, p->job.page = page, p->job.w = w, p->job.h = h, p->job.id = id;
    p->job.clock = p->clock, p->job.ticker = p->ticker;
    p->has_job = true;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return id;
}

struct prepared *prepare_take(struct preparer *p)
{
    pthread_mutex_lock(&p->mu);
    struct prepared *r = p->result;
    p->result = NULL;
    pthread_mutex_unlock(&p->mu);
    return r;
}

struct prepared *prepare_wait(struct preparer *p, int timeout_ms)
{
    double end = now_seconds() + timeout_ms / 1000.0;
    pthread_mutex_lock(&p->mu);
    while (!p->result) {
        double left = end - now_seconds();
        if (left <= 0)
            break;
        struct timespec ts = hb_deadline(left);
        pthread_cond_timedwait(&p->done_cv, &p->mu, &ts);
    }
    struct prepared *r = p->result;
    p->result = NULL;
    pthread_mutex_unlock(&p->mu);
    return r;
}
