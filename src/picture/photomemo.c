/* photomemo.c - the memory of checked photos (photomemo.h). An import judges every photo on
 * the stick, copies the bundle, judges the copy again (the bytes stored must be the bytes
 * judged), then cuts big JPEGs down for the screen: three decodes of every 24 MP photo. Here the
 * first check's verdict is kept by the BLAKE2b of the bytes it decoded, so the second finds it
 * without decoding; and when the store cuts photos down, the first check decodes at that size
 * and keeps the re-encoded file (up to SMALL_BUDGET bytes in all; past that the store decodes
 * again), so the store writes it without decoding. Only the checker turns it on (a hash of an
 * 8 MB photo is 15 ms, which `render` of a photo checked once would pay for nothing).
 * Thread-safe. */
#include "picture/photomemo.h"
#include "base/fileio.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#define MEMO_MAX 1024
#define SMALL_BUDGET ((size_t)96 << 20)

struct checked {
    char hash[65];
    int w, h;
    int side;             /* small was cut down for this shorter side */
    unsigned char *small; /* owned (tjFree), or NULL */
    unsigned long small_len;
};

static struct checked memo[MEMO_MAX];
static size_t memo_next, small_total;
static int store_side;
static bool on;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void forget(struct checked *c)
{
    if (c->small) {
        small_total -= c->small_len;
        tjFree(c->small);
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

/* s as the store writes it: images_save_jpeg()'s settings (quality 92, 4:2:0); the test that
 * compares the two files keeps them the same. */
static unsigned char *encode(SDL_Surface *s, unsigned long *len)
{
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    *len = 0;
    if (!tj || tjCompress2(tj, s->pixels, s->w, s->pitch, s->h,
                           SDL_BYTEORDER == SDL_LIL_ENDIAN ? TJPF_BGRA : TJPF_ARGB, &jpg, len,
                           TJSAMP_420, 92, 0) != 0) {
        if (jpg)
            tjFree(jpg);
        jpg = NULL;
    }
    if (tj)
        tjDestroy(tj);
    return jpg;
}

void photomemo_add(const char hex[65], int w, int h, SDL_Surface *small)
{
    int side = photomemo_store_side();
    unsigned long len = 0;
    unsigned char *jpg = small && side > 0 ? encode(small, &len) : NULL;
    pthread_mutex_lock(&lock);
    struct checked *c = lookup(hex);
    if (!c) {
        c = &memo[memo_next];
        memo_next = (memo_next + 1) % MEMO_MAX;
    }
    forget(c);
    if (jpg && small_total + len > SMALL_BUDGET) { /* the store will decode this one again */
        tjFree(jpg);
        jpg = NULL;
    }
    *c = (struct checked){
        .w = w, .h = h, .side = jpg ? side : 0, .small = jpg, .small_len = jpg ? len : 0};
    memcpy(c->hash, hex, 65);
    small_total += c->small_len;
    pthread_mutex_unlock(&lock);
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
