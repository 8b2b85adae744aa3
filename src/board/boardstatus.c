/* boardstatus.c - the status file and the outbox (boardstatus.h). */
#include "board/boardstatus.h"
#include "base/pngout.h"
#include "base/util.h"
#include "store/store.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct boardstatus {
    char *status, *outbox_status, *outbox_thumb, *name;
    /* the content on screen, as the store noted it */
    char title[256], hash[65], bundle[PATH_MAX];
    uint64_t version;
    bool written, warned, owarned;
    struct status_info last; /* the last one written, its strings owned: the "stopped" one says
                              * what was on screen when the player stopped */
    char said[2048]; /* what the outbox's status said last (written again when it changes) */
    double outbox_at;
    pthread_mutex_t mu;
    SDL_Surface *thumb; /* under mu: a screenshot waiting to be written */
    double thumb_at;    /* under mu: when the last one was taken (monotonic), 0 = never */
};

struct boardstatus *boardstatus_create(const char *status, const char *outbox, const char *name)
{
    if (!status && !(outbox && name))
        return NULL;
    struct boardstatus *bs = xcalloc(1, sizeof *bs);
    pthread_mutex_init(&bs->mu, NULL);
    bs->status = xstrdup(status);
    bs->name = xstrdup(name);
    if (outbox && name) {
        char *d = path_join(outbox, name);
        bs->outbox_status = path_join(d, "status.json");
        bs->outbox_thumb = path_join(d, "screen.png");
        free(d);
    }
    return bs;
}

/* Every string of a status_info, for copying. */
static const size_t strings[] = {
    offsetof(struct status_info, playlist),      offsetof(struct status_info, title),
    offsetof(struct status_info, type),          offsetof(struct status_info, bundle),
    offsetof(struct status_info, import_time),   offsetof(struct status_info, import_source),
    offsetof(struct status_info, import_result), offsetof(struct status_info, import_message),
    offsetof(struct status_info, warning),       offsetof(struct status_info, inbox_bundle),
    offsetof(struct status_info, inbox_state),   offsetof(struct status_info, inbox_reason),
    offsetof(struct status_info, content_title), offsetof(struct status_info, hash),
    offsetof(struct status_info, name)};

static void free_last(struct boardstatus *bs)
{
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(*(char **)((char *)&bs->last + strings[i]));
    bs->last = (struct status_info){0};
}

static void keep_last(struct boardstatus *bs, const struct status_info *st)
{
    free_last(bs);
    bs->last = *st;
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
        const char **f = (const char **)((char *)&bs->last + strings[i]);
        *f = xstrdup(*f);
    }
}

void boardstatus_destroy(struct boardstatus *bs)
{
    if (!bs)
        return;
    free_last(bs);
    if (bs->thumb)
        SDL_FreeSurface(bs->thumb);
    pthread_mutex_destroy(&bs->mu);
    free(bs->status), free(bs->outbox_status), free(bs->outbox_thumb), free(bs->name);
    free(bs);
}

/* Every minute, and at once when what the office looks at changes. */
static void write_outbox(struct boardstatus *bs, const struct status_info *st)
{
    char said[sizeof bs->said];
    snprintf(said, sizeof said, "%d|%s|%s|%s|%s|%s", st->stopped, bs->hash,
             st->inbox_state ? st->inbox_state : "", st->inbox_reason ? st->inbox_reason : "",
             st->import_time ? st->import_time : "", st->warning ? st->warning : "");
    double now = now_seconds();
    if (strcmp(said, bs->said) == 0 && bs->outbox_at > 0 && now - bs->outbox_at < OUTBOX_EVERY_S)
        return;
    memcpy(bs->said, said, sizeof said);
    bs->outbox_at = now;
    char *dir = path_dirname(bs->outbox_status);
    if ((path_mkdirs(dir) < 0 || status_write(bs->outbox_status, st) < 0) && !bs->owarned) {
        fprintf(stderr, "honorboard: cannot write %s: %s\n", bs->outbox_status, strerror(errno));
        bs->owarned = true;
    }
    free(dir);
}

void boardstatus_write(struct boardstatus *bs, struct status_info *st)
{
    if (!bs)
        return;
    st->name = bs->name;
    if (st->bundle && strcmp(st->bundle, bs->bundle) != 0) { /* another bundle on screen */
        snprintf(bs->bundle, sizeof bs->bundle, "%s", st->bundle);
        store_bundle_info(st->bundle, bs->hash, &bs->version); /* zeros outside a store */
    }
    if (st->content_title)
        snprintf(bs->title, sizeof bs->title, "%s", st->content_title);
    st->content_title = bs->title[0] ? bs->title : NULL;
    st->version = bs->version;
    st->hash = bs->hash[0] ? bs->hash : NULL;
    if (bs->status && status_write(bs->status, st) < 0 && !bs->warned) {
        fprintf(stderr, "honorboard: cannot write status %s: %s\n", bs->status, strerror(errno));
        bs->warned = true;
    }
    bs->written = true;
    if (!st->stopped)
        keep_last(bs, st);
    if (bs->outbox_status)
        write_outbox(bs, st);
}

void boardstatus_stopped(struct boardstatus *bs, struct status_info *st)
{
    if (!bs || !bs->written)
        return;
    struct status_info last = bs->last; /* what was on screen, and the import since */
    last.import_time = st->import_time, last.import_source = st->import_source;
    last.import_result = st->import_result, last.import_message = st->import_message;
    last.stopped = true;
    boardstatus_write(bs, &last);
}

bool boardstatus_thumbnail(struct boardstatus *bs, SDL_Surface *page)
{
    if (!bs || !bs->outbox_thumb || !page || page->w <= 0 || page->h <= 0)
        return false;
    double now = now_seconds();
    pthread_mutex_lock(&bs->mu);
    bool due = bs->thumb_at == 0 || now - bs->thumb_at >= THUMB_EVERY_S;
    if (due)
        bs->thumb_at = now;
    pthread_mutex_unlock(&bs->mu);
    if (!due)
        return false;
    int w = page->w > 320 ? 320 : page->w, h = (int)((long)page->h * w / page->w);
    SDL_Surface *t =
        SDL_CreateRGBSurfaceWithFormat(0, w, h > 0 ? h : 1, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!t)
        return false;
    SDL_BlendMode mode;
    SDL_GetSurfaceBlendMode(page, &mode);
    SDL_SetSurfaceBlendMode(page, SDL_BLENDMODE_NONE);
    int rc = SDL_BlitScaled(page, NULL, t, NULL);
    SDL_SetSurfaceBlendMode(page, mode);
    if (rc < 0) {
        SDL_FreeSurface(t);
        return false;
    }
    pthread_mutex_lock(&bs->mu);
    if (bs->thumb)
        SDL_FreeSurface(bs->thumb);
    bs->thumb = t;
    pthread_mutex_unlock(&bs->mu);
    return true;
}

bool boardstatus_thumbnail_waiting(struct boardstatus *bs)
{
    if (!bs)
        return false;
    pthread_mutex_lock(&bs->mu);
    bool waiting = bs->thumb != NULL;
    pthread_mutex_unlock(&bs->mu);
    return waiting;
}

void boardstatus_write_thumbnail(struct boardstatus *bs)
{
    if (!bs)
        return;
    pthread_mutex_lock(&bs->mu);
    SDL_Surface *thumb = bs->thumb;
    bs->thumb = NULL;
    pthread_mutex_unlock(&bs->mu);
    if (!thumb)
        return;
    /* a temporary file renamed: a sync engine never sends half a PNG */
    char err[256], *tmp = xasprintf("%s.tmp", bs->outbox_thumb), *dir = path_dirname(tmp);
    path_mkdirs(dir);
    if (pngout_write(thumb, tmp, err, sizeof err) < 0 || rename(tmp, bs->outbox_thumb) < 0)
        unlink(tmp);
    free(tmp), free(dir);
    SDL_FreeSurface(thumb);
}
