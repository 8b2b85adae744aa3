/* importer.c - the player's content thread (importer.h): drives and inbox, imports, content
 * loads, the proof-of-play log and the status file, all off the frame loop.
 *
 * One lock guards the errands (the latest status, a reload) and the news (content to switch to,
 * the notice band); log lines wait in a logqueue (its own lock). The thread sleeps on a condition
 * variable: woken by an errand, or every half second to look at the drives and the inbox. Imports
 * run here; their progress callback also writes waiting errands: the log and status flow on. */
#include "board/importer.h"
#include "board/boardstatus.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "store/inbox.h"
#include "store/judge.h"
#include "store/judge_preview.h"
#include "board/livewatch.h"
#include "board/logqueue.h"
#include "store/playlog.h"
#include "store/watch.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define QUEUE_MAX 8
#define POLL_MS 500

struct importer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool quit, cancel;
    /* settings (owned copies) */
    char *path, *store, *inbox_dir;
    struct boardstatus *bs; /* the status file and the outbox, or NULL */
    char *trusted[8];
    struct store_policy policy;
    int screen_w, screen_h; /* for the preview sheets written onto a stick */
    struct playlog *log;
    const struct config_args *args;
    const struct config *cfg0; /* the config the player started with */
    const struct config *cfg;  /* the config running now: cfg0, or configs[n - 1] */
    struct config **configs;   /* every one read on reload (the frame loop borrows the last) */
    size_t nconfigs;
    void (*wake)(void *ctx);
    void *wake_ctx;
    struct logqueue *lines; /* log lines waiting (its own lock) */
    /* errands, under mu */
    bool has_status, reload;
    struct status_info st;
    char *st_strings[5]; /* playlist, title, type, bundle, content title */
    /* news, under mu */
    struct importer_news news;
    bool has_news;
    /* the thread's own */
    struct watch *watch;
    struct inbox *inbox;
    struct livewatch *live; /* playing a PATH: its files, for live preview */
    bool live_reload;       /* the load running was caused by a saved file */
    char stamp[65];         /* fileio_tree_stamp() of what plays: a SIGHUP without change is a
                             * no-op on screen */
    double inbox_at;
    char *queue[QUEUE_MAX];
    int nqueue;
    bool report; /* the running import writes REPORT.txt (a stick, not the inbox) */
    char import_time[32], import_source[512], import_result[16], import_message[1024];
    char warning[1024]; /* under mu: for the status file (importer_warn) */
    int warning_cause;  /* under mu: what it is about (WARN_*), so it goes when its cause does */
    int pin;            /* the store bundle played now (store_pin), or -1 */
    bool log_failing;   /* the last log write failed (a warning is in the status) */
};

/* What a status warning is about: it is cleared when its cause is gone. */
enum { WARN_NONE, WARN_CONTENT, WARN_LOG };

static void set_warning(struct importer *im, int cause, const char *text)
{
    pthread_mutex_lock(&im->mu);
    snprintf(im->warning, sizeof im->warning, "%s", text); /* in the next status file */
    im->warning_cause = cause;
    pthread_mutex_unlock(&im->mu);
}

/* The warning goes if it was about `cause` (a new content on screen, a log written again). */
static void clear_warning(struct importer *im, int cause)
{
    pthread_mutex_lock(&im->mu);
    if (im->warning_cause == cause) {
        im->warning[0] = '\0';
        im->warning_cause = WARN_NONE;
    }
    pthread_mutex_unlock(&im->mu);
}

static void post_news(struct importer *im, struct content *c, const char *notice, double secs)
{
    pthread_mutex_lock(&im->mu);
    if (c) {
        content_unref(im->news.content); /* a newer one replaces one never taken */
        im->news.content = c;
        im->news.keep_place = im->live_reload;
    }
    if (notice) {
        im->news.notice = true;
        snprintf(im->news.notice_text, sizeof im->news.notice_text, "%s", notice);
        im->news.notice_secs = secs;
    }
    im->has_news = true;
    pthread_mutex_unlock(&im->mu);
    if (im->wake)
        im->wake(im->wake_ctx);
}

/* Writes the log lines waiting now, in the order (and so the time order) they were queued. */
static void write_lines(struct importer *im)
{
    logqueue_write(im->lines, im->log);
}

/* A line of the importer's own, behind every line queued before it (stamped as it joins). */
static void log_own(struct importer *im, struct strbuf *b)
{
    importer_log(im, b);
    write_lines(im);
}

static void log_own_event(struct importer *im, const char *event, const char *key, const char *v)
{
    importer_log_event(im, event, key, v);
    write_lines(im);
}

/* Writes the log lines and the status waiting now (on the importer's thread). */
static void run_errands(struct importer *im)
{
    write_lines(im);
    pthread_mutex_lock(&im->mu);
    bool status = im->has_status;
    struct status_info st = im->st;
    char *strs[5];
    memcpy(strs, im->st_strings, sizeof strs);
    memset(im->st_strings, 0, sizeof im->st_strings);
    im->has_status = false;
    pthread_mutex_unlock(&im->mu);
    int lerr = playlog_error(im->log);
    if (lerr && !im->log_failing) { /* the log cannot be written: say so where it is read */
        char w[512];
        snprintf(w, sizeof w,
                 _("the log cannot be written (%s); lines are counted and it is tried again every "
                   "few seconds"),
                 strerror(lerr));
        set_warning(im, WARN_LOG, w);
        fprintf(stderr, "honorboard: warning: %s\n", w);
    }
    if (!lerr && im->log_failing)
        clear_warning(im, WARN_LOG); /* written again */
    im->log_failing = lerr != 0;
    if (status) {
        st.import_time = im->import_time[0] ? im->import_time : NULL;
        st.import_source = im->import_source[0] ? im->import_source : NULL;
        st.import_result = im->import_result[0] ? im->import_result : NULL;
        st.import_message = im->import_message[0] ? im->import_message : NULL;
        st.rss_kb = hb_rss_kb();
        char warning[sizeof im->warning];
        pthread_mutex_lock(&im->mu);
        memcpy(warning, im->warning, sizeof warning);
        pthread_mutex_unlock(&im->mu);
        st.warning = warning[0] ? warning : NULL;
        if (im->inbox) {
            enum inbox_state is = inbox_state(im->inbox, &st.inbox_reason);
            st.inbox_state = inbox_state_name(is);
            st.inbox_bundle = is == INBOX_EMPTY ? NULL : inbox_root(im->inbox);
            if (!st.inbox_reason[0])
                st.inbox_reason = NULL;
        }
        boardstatus_write(im->bs, &st);
    }
    for (int i = 0; i < 5; i++)
        free(strs[i]);
    boardstatus_write_thumbnail(im->bs);
}

/* Pins a store bundle about to be played, so no cleanup (this board's or a hand import's)
 * deletes it while it is on screen. The one played before is unpinned: it is still `previous`
 * or `current` until two more imports, long after the frame loop has switched. */
static void pin(struct importer *im, const char *path)
{
    char *rs = im->store ? realpath(im->store, NULL) : NULL, *rp = realpath(path, NULL);
    size_t n = rs ? strlen(rs) : 0;
    bool in_store = n && rp && strncmp(rp, rs, n) == 0 && rp[n] == '/';
    free(rs), free(rp);
    if (!in_store)
        return;
    int fd = store_pin(path);
    store_unpin(im->pin);
    im->pin = fd;
}

/* Loads path and hands it to the frame loop. */
static void load(struct importer *im, const char *path)
{
    pin(im, path);
    fileio_tree_stamp(path, im->stamp);
    struct diag d = {0};
    struct content *c = content_load(path, &d);
    livewatch_follow(im->live, c); /* photos in other folders too */
    diag_print(&d, stderr);
    diag_free(&d);
    fprintf(stderr, "honorboard: now playing %s: %zu items\n", path, c->nitems);
    log_own_event(im, "reload", "source", path);
    post_news(im, c, NULL, 0);
}

/* The config read again: what a running board applies goes to the frame loop; keys that need a
 * restart are named in the log and the status file. */
static void reload_config(struct importer *im)
{
    if (!im->args)
        return;
    struct config *n = xcalloc(1, sizeof *n);
    config_apply_args(n, im->args, "honorboard reload"); /* the language switches here */
    char live[256], restart[512], unused[512];
    config_changes(im->cfg, n, live, sizeof live, unused, sizeof unused); /* since the last */
    config_changes(im->cfg0, n, unused, sizeof unused, restart, sizeof restart); /* the start */
    im->configs = xrealloc(im->configs, (im->nconfigs + 1) * sizeof *im->configs);
    im->configs[im->nconfigs++] = n;
    if ((im->cfg->rotate - n->rotate) % 180) { /* turned a quarter: the stick's preview too */
        int w = im->screen_w;
        im->screen_w = im->policy.advise_w = im->screen_h, im->screen_h = im->policy.advise_h = w;
    }
    im->cfg = n;
    log_own_event(im, "config", "applied", live);
    fprintf(stderr, "honorboard: config %s read again; applied: %s\n", n->path ? n->path : "-",
            live[0] ? live : "-");
    if (restart[0]) {
        char w[768];
        snprintf(w, sizeof w,
                 _("config: %s changed; this takes effect after a restart (systemctl restart "
                   "honorboard)"),
                 restart);
        importer_warn(im, w);
    }
    pthread_mutex_lock(&im->mu);
    im->news.config = n;
    im->has_news = true;
    pthread_mutex_unlock(&im->mu);
}

static void reload(struct importer *im)
{
    reload_config(im);
    char warn[1024] = "";
    bool warned = false;
    if (im->store && store_open(im->store, warn, sizeof warn) == 0 && warn[0])
        importer_warn(im, warn), warned = true; /* a damaged bundle put aside, a link repaired */
    char *cur = im->store ? store_current_warn(im->store, warn, sizeof warn) : NULL;
    if (warn[0])
        importer_warn(im, warn), warned = true;
    if (!warned && cur)
        clear_warning(im, WARN_CONTENT); /* the store is sound again */
    const char *path = cur ? cur : im->path;
    char stamp[65];
    fileio_tree_stamp(path, stamp);
    if (strcmp(stamp, im->stamp) == 0) { /* the same content: the same slide goes on */
        log_own_event(im, "reload", "unchanged", path);
        free(cur);
        return;
    }
    load(im, path); /* the store's bundle may have changed by hand */
    free(cur);
}

static bool progress(void *ctx, uint64_t done, uint64_t total)
{
    struct importer *im = ctx;
    if (total && im->report) {
        char t[256];
        snprintf(t, sizeof t, _("Loading from the USB stick... %d%%  Do not remove it."),
                 (int)(done * 100 / total));
        post_news(im, NULL, t, 1e9);
    }
    run_errands(im);
    pthread_mutex_lock(&im->mu);
    bool go_on = !im->cancel;
    pthread_mutex_unlock(&im->mu);
    return go_on;
}

static void log_import(struct importer *im, const char *src, const struct store_result *r)
{
    struct strbuf b = {0};
    playlog_begin(&b, "import");
    sb_puts(&b, ",\"source\":");
    sb_json_str(&b, src);
    sb_printf(&b, ",\"result\":\"%s\",\"message\":", store_outcome_name(r->outcome));
    sb_json_str(&b, r->message);
    sb_printf(&b, ",\"slides\":%d", r->slides);
    log_own(im, &b);
}

/* Imports src into the store, here on this thread, and loads it when it is new. */
static void import(struct importer *im, char *src)
{
    im->report = !im->inbox || strcmp(src, inbox_dir(im->inbox)) != 0;
    const char *what = im->report ? "drive" : "inbox"; /* in the journal */
    fprintf(stderr, "honorboard: %s %s: importing\n", what, src);
    if (im->report) /* a person with a stick is standing at the screen; an inbox has nobody */
        post_news(im, NULL, _("USB stick found, checking its content... Do not remove it."), 1e9);
    struct store_result res;
    struct store_policy pol = im->policy;
    pol.need_manifest = !im->report; /* an inbox bundle: what is stored is what MANIFEST lists */
    pol.sheets_w = im->report ? im->screen_w : 0, pol.sheets_h = im->screen_h; /* judge.h */
    judge_import(im->store, src, &pol, progress, im, &res); /* in the confined child */
    if (!im->report) { /* what became of the inbox's bundle, for the status file */
        static const enum inbox_state after[] = {
            [STORE_OK] = INBOX_IMPORTED,        [STORE_REJECTED] = INBOX_REFUSED,
            [STORE_UNCHANGED] = INBOX_IMPORTED, [STORE_ABORTED] = INBOX_NOT_LOADED,
            [STORE_FAILED] = INBOX_NOT_LOADED,  [STORE_PREVIEW] = INBOX_NOT_LOADED};
        inbox_imported(im->inbox, after[res.outcome], res.message);
    }
    char unwritable[768] = "";
    if (im->report && store_write_report(src, &res) < 0) /* said on the screen too */
        snprintf(unwritable, sizeof unwritable,
                 _("REPORT.txt could not be written on the USB stick (%s): it is read-only or "
                   "mounted for another user"),
                 strerror(errno));
    if (im->report && judge_preview(src, &res, im->screen_w, im->screen_h) < 0)
        store_write_report_no_preview(src, &res); /* confined too; REPORT.txt says it failed */
    diag_print(&res.diag, stderr);
    fprintf(stderr, "honorboard: %s %s: %s: %s\n", what, src, store_outcome_name(res.outcome),
            res.message);
    log_import(im, src, &res);
    if (im->report) {
        char notice[1200];
        snprintf(notice, sizeof notice, "%s%s%s", res.message, unwritable[0] ? "  " : "",
                 unwritable);
        post_news(im, NULL, notice, 12);
    }
    hb_local_time(im->import_time, sizeof im->import_time, "%Y-%m-%dT%H:%M:%S");
    snprintf(im->import_source, sizeof im->import_source, "%s", src);
    snprintf(im->import_result, sizeof im->import_result, "%s", store_outcome_name(res.outcome));
    snprintf(im->import_message, sizeof im->import_message, "%s", res.message);
    bool cancelled;
    pthread_mutex_lock(&im->mu);
    cancelled = im->cancel;
    pthread_mutex_unlock(&im->mu);
    if (res.outcome == STORE_OK && !cancelled) {
        clear_warning(im, WARN_CONTENT); /* new, whole content: what was said of the old goes */
        load(im, res.bundle);
    }
    if (unwritable[0]) /* after: it is about this stick, and stays in the status */
        importer_warn(im, unwritable);
    store_result_free(&res);
    free(src);
}

/* A bundle in the inbox refused before any import (its MANIFEST is bad): logged once. */
static void log_inbox_refusal(struct importer *im)
{
    const char *why;
    inbox_state(im->inbox, &why);
    fprintf(stderr, "honorboard: inbox %s: refused: %s\n", inbox_root(im->inbox), why);
    struct strbuf b = {0};
    playlog_begin(&b, "inbox-refused");
    sb_puts(&b, ",\"bundle\":");
    sb_json_str(&b, inbox_root(im->inbox));
    sb_puts(&b, ",\"reason\":");
    sb_json_str(&b, why);
    log_own(im, &b);
}

/* New drives and a complete inbox bundle join the queue. */
static void look_around(struct importer *im)
{
    char *d = im->watch ? watch_poll(im->watch) : NULL;
    if (d && im->nqueue < QUEUE_MAX)
        im->queue[im->nqueue++] = d;
    else
        free(d);
    double now = now_seconds();
    if (livewatch_changed(im->live, now)) { /* a playlist or photo was saved: show it now */
        fprintf(stderr, "honorboard: a file changed, reloading %s\n", im->path);
        im->live_reload = true;
        load(im, im->path);
        im->live_reload = false;
    }
    if (im->inbox && now - im->inbox_at >= 1) { /* reads and hashes only what changed */
        im->inbox_at = now;
        enum inbox_event ev = inbox_poll(im->inbox);
        if (ev == INBOX_IMPORT && im->nqueue < QUEUE_MAX)
            im->queue[im->nqueue++] = xstrdup(inbox_dir(im->inbox));
        else if (ev == INBOX_REFUSAL) /* once per state of the inbox */
            log_inbox_refusal(im);
    }
}

static void *run(void *arg)
{
    struct importer *im = arg;
    /* behind the frame thread, as the preparer: the checker and the preview drawer this thread
     * starts inherit its nice value (fork copies the calling thread's), and so do their workers
     * (one per core): an import uses both cores and the frame of a transition still goes first */
    setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
    pthread_setname_np(pthread_self(), "hb-import"); /* in top -H, and for tests */
    bool polling = im->watch || im->inbox || im->live;
    pthread_mutex_lock(&im->mu);
    for (;;) {
        while (!im->quit && !logqueue_waiting(im->lines) && !im->has_status && !im->reload &&
               !boardstatus_thumbnail_waiting(im->bs)) {
            if (!polling) {
                pthread_cond_wait(&im->cv, &im->mu);
                continue;
            }
            struct timespec ts = hb_deadline(POLL_MS / 1000.0);
            if (pthread_cond_timedwait(&im->cv, &im->mu, &ts) == ETIMEDOUT)
                break;
        }
        if (im->quit)
            break;
        bool do_reload = im->reload;
        im->reload = false;
        pthread_mutex_unlock(&im->mu);
        run_errands(im);
        if (do_reload)
            reload(im);
        look_around(im);
        if (im->nqueue) {
            char *src = im->queue[0];
            memmove(im->queue, im->queue + 1, (size_t)(--im->nqueue) * sizeof *im->queue);
            import(im, src);
        }
        pthread_mutex_lock(&im->mu);
    }
    pthread_mutex_unlock(&im->mu);
    run_errands(im);             /* the last log lines (the frame loop has stopped sending) */
    struct status_info st = {0}; /* the board stopped: say so where the office looks */
    st.import_time = im->import_time[0] ? im->import_time : NULL;
    st.import_source = im->import_source[0] ? im->import_source : NULL;
    st.import_result = im->import_result[0] ? im->import_result : NULL;
    st.import_message = im->import_message[0] ? im->import_message : NULL;
    boardstatus_stopped(im->bs, &st);
    return NULL;
}

struct importer *importer_create(const struct importer_opts *o)
{
    struct importer *im = xcalloc(1, sizeof *im);
    pthread_mutex_init(&im->mu, NULL);
    im->lines = logqueue_create();
    pthread_cond_init(&im->cv, NULL);
    im->path = xstrdup(o->path);
    fileio_tree_stamp(im->path, im->stamp); /* what the player loaded before the loop */
    im->store = xstrdup(o->store);
    im->bs = boardstatus_create(o->status, o->outbox, o->name);
    im->policy = o->policy;
    im->screen_w = o->screen_w > 0 ? o->screen_w : 1920;
    im->screen_h = o->screen_h > 0 ? o->screen_h : 1080;
    int nt = o->policy.ntrusted < 8 ? o->policy.ntrusted : 8;
    for (int i = 0; i < nt; i++)
        im->trusted[i] = xstrdup(o->policy.trusted_keys[i]);
    im->policy.trusted_keys = (const char *const *)im->trusted;
    im->policy.ntrusted = nt;
    im->log = o->log;
    im->args = o->args, im->cfg = im->cfg0 = o->cfg;
    if (!im->cfg)
        im->args = NULL; /* nothing to compare with */
    im->wake = o->wake, im->wake_ctx = o->wake_ctx;
    im->pin = -1;
    if (im->store && im->path) /* the bundle the player starts with */
        pin(im, im->path);
    if (!im->store && im->path) { /* playing a PATH (the author's PC): live preview */
        im->live = livewatch_create(im->path);
        struct diag d = {0}; /* the player loads its first content itself: follow its photos'
                              * folders from the first moment, not from the first reload */
        struct content *c = im->live ? content_load(im->path, &d) : NULL;
        livewatch_follow(im->live, c);
        content_unref(c);
        diag_free(&d);
    }
    if (im->store && o->inbox)
        im->inbox = inbox_create(o->inbox);
    if (im->store && o->nwatch > 0)
        im->watch = watch_create(o->watch, o->nwatch);
    if (pthread_create(&im->thread, NULL, run, im) != 0) {
        im->quit = true;
        importer_destroy(im);
        return NULL;
    }
    return im;
}

void importer_destroy(struct importer *im)
{
    if (!im)
        return;
    pthread_mutex_lock(&im->mu);
    bool running = !im->quit;
    im->quit = im->cancel = true;
    pthread_cond_broadcast(&im->cv);
    pthread_mutex_unlock(&im->mu);
    if (running)
        pthread_join(im->thread, NULL);
    for (int i = 0; i < im->nqueue; i++)
        free(im->queue[i]);
    logqueue_destroy(im->lines);
    for (int i = 0; i < 5; i++)
        free(im->st_strings[i]);
    content_unref(im->news.content);
    watch_destroy(im->watch);
    livewatch_destroy(im->live);
    inbox_destroy(im->inbox);
    for (int i = 0; i < im->policy.ntrusted; i++)
        free(im->trusted[i]);
    for (size_t i = 0; i < im->nconfigs; i++)
        config_free(im->configs[i]), free(im->configs[i]);
    free(im->configs);
    boardstatus_destroy(im->bs);
    free(im->path), free(im->store);
    store_unpin(im->pin);
    pthread_mutex_destroy(&im->mu);
    pthread_cond_destroy(&im->cv);
    free(im);
}

void importer_reload(struct importer *im)
{
    pthread_mutex_lock(&im->mu);
    im->reload = true;
    pthread_cond_signal(&im->cv);
    pthread_mutex_unlock(&im->mu);
}

bool importer_take(struct importer *im, struct importer_news *out)
{
    pthread_mutex_lock(&im->mu);
    bool had = im->has_news;
    *out = im->news;
    im->news = (struct importer_news){0};
    im->has_news = false;
    pthread_mutex_unlock(&im->mu);
    return had;
}

void importer_log(struct importer *im, struct strbuf *b)
{
    logqueue_push(im->lines, b); /* stamped as it joins: the log stays in time order */
    pthread_mutex_lock(&im->mu);
    pthread_cond_signal(&im->cv);
    pthread_mutex_unlock(&im->mu);
}

void importer_log_event(struct importer *im, const char *event, const char *key, const char *value)
{
    struct strbuf b = {0};
    playlog_begin(&b, event);
    if (key) {
        sb_printf(&b, ",\"%s\":", key);
        sb_json_str(&b, value ? value : "");
    }
    importer_log(im, &b);
}

void importer_status(struct importer *im, const struct status_info *s)
{
    if (!im->bs)
        return;
    pthread_mutex_lock(&im->mu);
    for (int i = 0; i < 5; i++)
        free(im->st_strings[i]);
    im->st = *s;
    im->st.content_title = im->st_strings[4] = s->content_title ? xstrdup(s->content_title) : NULL;
    im->st.playlist = im->st_strings[0] = xstrdup(s->playlist);
    im->st.title = im->st_strings[1] = xstrdup(s->title);
    im->st.type = im->st_strings[2] = xstrdup(s->type);
    im->st.bundle = im->st_strings[3] = xstrdup(s->bundle);
    im->has_status = true;
    pthread_cond_signal(&im->cv);
    pthread_mutex_unlock(&im->mu);
}

void importer_thumbnail(struct importer *im, struct SDL_Surface *page)
{
    if (!boardstatus_thumbnail(im->bs, page))
        return;
    pthread_mutex_lock(&im->mu);
    pthread_cond_signal(&im->cv);
    pthread_mutex_unlock(&im->mu);
}

void importer_warn(struct importer *im, const char *text)
{
    fprintf(stderr, "honorboard: warning: %s\n", text);
    importer_log_event(im, "warning", "message", text);
    set_warning(im, WARN_CONTENT, text);
}
