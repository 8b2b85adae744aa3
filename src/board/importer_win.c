/* importer_win.c - the content thread of the Windows preview (`play PATH --window`), standing
 * in for src/board/importer.c, whose store, USB imports and inotify are the board's: it loads
 * PATH, then looks at the sizes and times of PATH's files (playlists, photos/, films/) twice a
 * second and reloads on the spot when the author saves one, as the board's live preview does.
 * The log and status file are the board's too: lines given here are dropped. */
#include "board/importer.h"
#include "base/diag.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct importer {
    char *path;
    void (*wake)(void *ctx);
    void *wake_ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool quit, reload, has_news;
    struct importer_news news;
};

/* What the folder looks like now: every file's size and time, summed (a save changes it). */
static unsigned long long fingerprint_dir(const char *dir, int depth)
{
    unsigned long long h = 1469598103934665603ull;
    DIR *d = opendir(dir);
    if (!d)
        return h;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "REPORT.txt") == 0 ||
            strncmp(e->d_name, "预览", strlen("预览")) == 0)
            continue;
        char *p = path_join(dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < 2)
                h += fingerprint_dir(p, depth + 1) * 31;
            else
                h = (h ^ (unsigned long long)st.st_size ^ (unsigned long long)st.st_mtime << 20) *
                    1099511628211ull;
            for (const char *c = e->d_name; *c; c++)
                h = (h ^ (unsigned char)*c) * 1099511628211ull;
        }
        free(p);
    }
    closedir(d);
    return h;
}

static unsigned long long fingerprint(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode)) {
        char *dir = path_dirname(path);
        unsigned long long h = fingerprint_dir(dir, 0);
        free(dir);
        return h;
    }
    return fingerprint_dir(path, 0);
}

static void load(struct importer *im, bool live)
{
    struct diag d = {0};
    struct content *c = content_load(im->path, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    fprintf(stderr, "honorboard: now playing %s: %zu items\n", im->path, c->nitems);
    pthread_mutex_lock(&im->mu);
    content_unref(im->news.content); /* a newer one replaces one never taken */
    im->news.content = c;
    im->news.keep_place = live;
    im->has_news = true;
    pthread_mutex_unlock(&im->mu);
    if (im->wake)
        im->wake(im->wake_ctx);
}

static void *run(void *arg)
{
    struct importer *im = arg;
    unsigned long long seen = fingerprint(im->path);
    load(im, false);
    pthread_mutex_lock(&im->mu);
    while (!im->quit) {
        struct timespec until = hb_deadline(0.5);
        pthread_cond_timedwait(&im->cv, &im->mu, &until);
        if (im->quit)
            break;
        bool asked = im->reload;
        im->reload = false;
        pthread_mutex_unlock(&im->mu);
        unsigned long long now = fingerprint(im->path);
        if (asked || now != seen) {
            if (!asked)
                fprintf(stderr, "honorboard: a file changed, reloading %s\n", im->path);
            seen = now;
            load(im, !asked);
        }
        pthread_mutex_lock(&im->mu);
    }
    pthread_mutex_unlock(&im->mu);
    return NULL;
}

struct importer *importer_create(const struct importer_opts *o)
{
    struct importer *im = xcalloc(1, sizeof *im);
    im->path = xstrdup(o->path);
    im->wake = o->wake;
    im->wake_ctx = o->wake_ctx;
    pthread_mutex_init(&im->mu, NULL);
    pthread_cond_init(&im->cv, NULL);
    if (pthread_create(&im->thread, NULL, run, im) != 0) {
        free(im->path);
        free(im);
        return NULL;
    }
    return im;
}

void importer_destroy(struct importer *im)
{
    if (!im)
        return;
    pthread_mutex_lock(&im->mu);
    im->quit = true;
    pthread_cond_signal(&im->cv);
    pthread_mutex_unlock(&im->mu);
    pthread_join(im->thread, NULL);
    content_unref(im->news.content);
    free(im->path);
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
    (void)im;
    sb_free(b);
}

void importer_log_event(struct importer *im, const char *event, const char *key, const char *value)
{
    (void)im, (void)event, (void)key, (void)value;
}

void importer_status(struct importer *im, const struct status_info *s)
{
    (void)im, (void)s;
}

void importer_warn(struct importer *im, const char *text)
{
    (void)im;
    fprintf(stderr, "honorboard: warning: %s\n", text);
}

/* No outbox on Windows: no screenshot of the page is ever due. */
void importer_thumbnail(struct importer *im, struct SDL_Surface *page)
{
    (void)im, (void)page;
}
