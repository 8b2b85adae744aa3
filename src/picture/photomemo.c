/* photomemo.c - the memory of checked photos (photomemo.h). An import reads each photo once
 * (bundle_read.c): it is hashed and decoded strictly from those bytes - at the store's size when
 * it is cut down for the screen - and the verdict is kept by the BLAKE2b of the bytes, with the
 * files (on the stick, in staging) noted as holding them, so the judging of the playlists and of
 * the staged copy that follow find every photo judged without reading it again. A check that
 * reads a photo itself (one not read first) keeps its verdict by hash too, and when the store
 * cuts photos down, the cut-down file (up to SMALL_BUDGET bytes in all; past that the store
 * decodes again). Only the checker turns it on (a hash of an 8 MB photo is 9 ms, which `render`
 * of a photo checked once would pay for nothing). Thread-safe. */
#include "picture/photomemo.h"
#include "base/fileio.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <turbojpeg.h>

#define MEMO_MAX 1024
#define SMALL_BUDGET ((size_t)96 << 20)
#define THUMB_BUDGET ((size_t)64 << 20) /* 64 thumbnails of a 24 MP photo's planes */

struct checked {
    char hash[65];
    int w, h;
    int side;             /* small was cut down for this shorter side */
    unsigned char *small; /* owned (free), or NULL */
    unsigned long small_len;
    struct jpegcut_planes thumb; /* owned, or data NULL */
};

/* A file known to hold bytes with a given hash (photomemo_note). */
struct noted {
    struct photomemo_id id;
    char hash[65];
};

static struct checked memo[MEMO_MAX];
static struct noted notes[MEMO_MAX];
static size_t memo_next, small_total, thumb_total, notes_next;
static int store_side;
static bool on;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void forget(struct checked *c)
{
    if (c->small) {
        small_total -= c->small_len;
        free(c->small);
    }
    if (c->thumb.data) {
        thumb_total -= c->thumb.len;
        free(c->thumb.data);
    }
    *c = (struct checked){0};
}

void photomemo_start(int side)
{
    pthread_mutex_lock(&lock);
    on = true;
    store_side = side > 0 ? side : 0;
    pthread_mutex_unlock(&lock);
}

void photomemo_stop(void)
{
    pthread_mutex_lock(&lock);
    on = false;
    store_side = 0;
    for (size_t i = 0; i < MEMO_MAX; i++)
        forget(&memo[i]);
    memset(notes, 0, sizeof notes);
    notes_next = 0;
    pthread_mutex_unlock(&lock);
}

bool photomemo_on(void)
{
    pthread_mutex_lock(&lock);
    bool o = on;
    pthread_mutex_unlock(&lock);
    return o;
}

int photomemo_store_side(void)
{
    pthread_mutex_lock(&lock);
    int s = store_side;
    pthread_mutex_unlock(&lock);
    return s;
}

void photomemo_hash(const unsigned char *buf, size_t len, char hex[65])
{
    struct hash h;
    hash_init(&h);
    hash_update(&h, buf, len);
    hash_final_hex(&h, hex);
}

static struct checked *lookup(const char hex[65])
{
    for (size_t i = 0; i < MEMO_MAX; i++)
        if (memo[i].hash[0] && strcmp(memo[i].hash, hex) == 0)
            return &memo[i];
    return NULL;
}

bool photomemo_find(const char hex[65], int *w, int *h)
{
    pthread_mutex_lock(&lock);
    const struct checked *c = lookup(hex);
    if (c)
        *w = c->w, *h = c->h;
    pthread_mutex_unlock(&lock);
    return c != NULL;
}

static int id_of(const struct stat *st, struct photomemo_id *id)
{
#ifdef _WIN32
    *id = (struct photomemo_id){.dev = (uint64_t)st->st_dev,
                                .ino = (uint64_t)st->st_ino,
                                .size = (uint64_t)st->st_size,
                                .mtime_ns = (uint64_t)st->st_mtime,
                                .ctime_ns = (uint64_t)st->st_ctime};
#else
    *id = (struct photomemo_id){
        .dev = (uint64_t)st->st_dev,
        .ino = (uint64_t)st->st_ino,
        .size = (uint64_t)st->st_size,
        .mtime_ns = (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec,
        .ctime_ns = (uint64_t)st->st_ctim.tv_sec * 1000000000u + (uint64_t)st->st_ctim.tv_nsec};
#endif
    return S_ISREG(st->st_mode) ? 0 : -1;
}

int photomemo_id_of_fd(int fd, struct photomemo_id *id)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? id_of(&st, id) : -1;
}

int photomemo_id_of_path(const char *path, struct photomemo_id *id)
{
    struct stat st;
    return stat(path, &st) == 0 ? id_of(&st, id) : -1;
}

void photomemo_note(const struct photomemo_id *id, const char hex[65])
{
    pthread_mutex_lock(&lock);
    if (on) {
        struct noted *n = &notes[notes_next];
        notes_next = (notes_next + 1) % MEMO_MAX;
        n->id = *id;
        memcpy(n->hash, hex, 65);
    }
    pthread_mutex_unlock(&lock);
}

/* What was found checking the bytes the file with identity id was noted as holding (under the
 * lock), or NULL. */
static struct checked *noted(const struct photomemo_id *id)
{
    for (size_t i = 0; i < MEMO_MAX; i++) {
        struct checked *c = notes[i].hash[0] && memcmp(&notes[i].id, id, sizeof *id) == 0
                                ? lookup(notes[i].hash)
                                : NULL;
        if (c)
            return c;
    }
    return NULL;
}

void photomemo_keep_thumb(const char hex[65], struct jpegcut_planes *t)
{
    pthread_mutex_lock(&lock);
    struct checked *c = on && t->data ? lookup(hex) : NULL;
    if (c && !c->thumb.data && thumb_total + t->len <= THUMB_BUDGET) {
        c->thumb = *t;
        thumb_total += t->len;
        *t = (struct jpegcut_planes){0};
    }
    pthread_mutex_unlock(&lock);
    free(t->data);
    *t = (struct jpegcut_planes){0};
}

SDL_Surface *photomemo_thumb_path(const char *path, int need_w, int need_h)
{
    struct photomemo_id id;
    if (need_w <= 0 || need_h <= 0 || !photomemo_on() || photomemo_id_of_path(path, &id) < 0)
        return NULL;
    struct jpegcut_planes t = {0};
    pthread_mutex_lock(&lock);
    const struct checked *c = noted(&id);
    if (c && c->thumb.data && c->thumb.w >= need_w && c->thumb.h >= need_h &&
        (t.data = malloc(c->thumb.len))) { /* copied: converted with the lock released */
        memcpy(t.data, c->thumb.data, c->thumb.len);
        t.len = c->thumb.len, t.w = c->thumb.w, t.h = c->thumb.h, t.subsamp = c->thumb.subsamp;
    }
    pthread_mutex_unlock(&lock);
    SDL_Surface *s = jpegcut_planes_surface(&t);
    free(t.data);
    return s;
}

bool photomemo_find_path(const char *path, int *w, int *h)
{
    struct photomemo_id id;
    if (!photomemo_on() || photomemo_id_of_path(path, &id) < 0)
        return false;
    pthread_mutex_lock(&lock);
    const struct checked *c = noted(&id);
    if (c)
        *w = c->w, *h = c->h;
    pthread_mutex_unlock(&lock);
    return c != NULL;
}

/* s as the store writes it: images_save_jpeg()'s settings (quality 92, 4:2:0); the test that
 * compares the two files keeps them the same. */
unsigned char *photomemo_encode(SDL_Surface *s, size_t *len)
{
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL, *out = NULL;
    unsigned long n = 0;
    if (tj &&
        tjCompress2(tj, s->pixels, s->w, s->pitch, s->h,
                    SDL_BYTEORDER == SDL_LIL_ENDIAN ? TJPF_BGRA : TJPF_ARGB, &jpg, &n, TJSAMP_420,
                    92, 0) == 0 &&
        (out = malloc(n))) {
        memcpy(out, jpg, n);
        *len = n;
    }
    if (jpg)
        tjFree(jpg);
    if (tj)
        tjDestroy(tj);
    return out;
}

void photomemo_add(const char hex[65], int w, int h)
{
    pthread_mutex_lock(&lock);
    struct checked *c = lookup(hex);
    if (!c) {
        c = &memo[memo_next];
        memo_next = (memo_next + 1) % MEMO_MAX;
        forget(c);
        memcpy(c->hash, hex, 65);
    }
    c->w = w, c->h = h;
    pthread_mutex_unlock(&lock);
}

void photomemo_keep_small(const char hex[65], int side, unsigned char *small, size_t len)
{
    pthread_mutex_lock(&lock);
    struct checked *c = small ? lookup(hex) : NULL;
    if (c && !c->small && small_total + len <= SMALL_BUDGET) {
        c->small = small, c->small_len = len, c->side = side;
        small_total += len;
        small = NULL;
    }
    pthread_mutex_unlock(&lock);
    free(small);
}

unsigned char *photomemo_small(const char hex[65], int side, size_t *len)
{
    unsigned char *out = NULL;
    pthread_mutex_lock(&lock);
    const struct checked *c = lookup(hex);
    if (c && c->small && c->side == side && (out = malloc(c->small_len))) {
        memcpy(out, c->small, c->small_len);
        *len = c->small_len;
    }
    pthread_mutex_unlock(&lock);
    return out;
}
