/* images.c - photo decoding, EXIF orientation and quality scaling (no video, no renderer). */
#include "images.h"

#include <SDL_image.h>
#include <libexif/exif-data.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

int images_exif_orientation(const char *path)
{
    ExifData *ed = exif_data_new_from_file(path);
    if (!ed)
        return 1;
    int o = 1;
    ExifEntry *e = exif_data_get_entry(ed, EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components == 1) {
        o = exif_get_short(e->data, exif_data_get_byte_order(ed));
        if (o < 1 || o > 8)
            o = 1;
    }
    exif_data_unref(ed);
    return o;
}

SDL_Surface *images_orient(SDL_Surface *src, int o)
{
    if (o <= 1 || o > 8)
        return src;
    bool swap = o >= 5;
    int w = swap ? src->h : src->w, h = swap ? src->w : src->h;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return src;
    const uint32_t *sp = src->pixels;
    uint32_t *dp = dst->pixels;
    int spitch = src->pitch / 4, dpitch = dst->pitch / 4;
    for (int y = 0; y < src->h; y++) {
        for (int x = 0; x < src->w; x++) {
            int dx, dy;
            switch (o) {
            case 2: dx = src->w - 1 - x, dy = y; break;
            case 3: dx = src->w - 1 - x, dy = src->h - 1 - y; break;
            case 4: dx = x, dy = src->h - 1 - y; break;
            case 5: dx = y, dy = x; break;
            case 6: dx = src->h - 1 - y, dy = x; break;
            case 7: dx = src->h - 1 - y, dy = src->w - 1 - x; break;
            default: dx = y, dy = src->w - 1 - x; break; /* 8 */
            }
            dp[dy * dpitch + dx] = sp[y * spitch + x];
        }
    }
    SDL_FreeSurface(src);
    return dst;
}

SDL_Surface *images_load(const char *path, char *err, size_t errlen)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        snprintf(err, errlen, "cannot decode image '%s': %s", path, IMG_GetError());
        return NULL;
    }
    if ((uint64_t)raw->w * (uint64_t)raw->h > IMAGES_MAX_PIXELS) {
        snprintf(err, errlen, "image '%s' is %dx%d, larger than honorboard accepts", path, raw->w,
                 raw->h);
        SDL_FreeSurface(raw);
        return NULL;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    if (!s) {
        snprintf(err, errlen, "cannot convert image '%s': %s", path, SDL_GetError());
        return NULL;
    }
    return images_orient(s, images_exif_orientation(path));
}

int images_probe(const char *path, int *w, int *h, char *err, size_t errlen)
{
    SDL_Surface *s = images_load(path, err, errlen);
    if (!s)
        return -1;
    *w = s->w;
    *h = s->h;
    SDL_FreeSurface(s);
    return 0;
}

/* Halves a surface with a 2x2 box filter (premultiplied-free; photos are opaque). */
static SDL_Surface *half(SDL_Surface *src)
{
    int w = src->w / 2, h = src->h / 2;
    if (w < 1 || h < 1)
        return NULL;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return NULL;
    int sp = src->pitch / 4, dp = dst->pitch / 4;
    const uint32_t *s = src->pixels;
    uint32_t *d = dst->pixels;
    for (int y = 0; y < h; y++) {
        const uint32_t *r0 = s + (2 * y) * sp, *r1 = r0 + sp;
        for (int x = 0; x < w; x++) {
            uint32_t a = r0[2 * x], b = r0[2 * x + 1], c = r1[2 * x], e = r1[2 * x + 1];
            uint32_t out = 0;
            for (int sh = 0; sh < 32; sh += 8) {
                uint32_t v = ((a >> sh) & 255) + ((b >> sh) & 255) + ((c >> sh) & 255) +
                             ((e >> sh) & 255) + 2;
                out |= ((v >> 2) & 255) << sh;
            }
            d[y * dp + x] = out;
        }
    }
    return dst;
}

SDL_Surface *images_scale(SDL_Surface *src, int w, int h)
{
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    SDL_Surface *cur = src;
    while (cur->w >= 2 * w && cur->h >= 2 * h) {
        SDL_Surface *next = half(cur);
        if (!next)
            break;
        if (cur != src)
            SDL_FreeSurface(cur);
        cur = next;
    }
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (dst && (cur->w != w || cur->h != h)) {
        if (SDL_SoftStretchLinear(cur, NULL, dst, NULL) < 0)
            SDL_BlitScaled(cur, NULL, dst, NULL);
    } else if (dst) {
        SDL_SetSurfaceBlendMode(cur, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(cur, NULL, dst, NULL);
    }
    if (cur != src)
        SDL_FreeSurface(cur);
    return dst;
}

SDL_Surface *images_blurred_backdrop(SDL_Surface *src, int w, int h)
{
    /* Shrink hard, then grow back bilinearly twice: a cheap, smooth blur. */
    int sw = w / 32 > 4 ? w / 32 : 4, sh = h / 32 > 4 ? h / 32 : 4;
    SDL_Surface *tiny = images_scale(src, sw, sh);
    if (!tiny)
        return NULL;
    SDL_Surface *mid = images_scale(tiny, sw * 4, sh * 4);
    SDL_FreeSurface(tiny);
    if (!mid)
        return NULL;
    SDL_Surface *out = images_scale(mid, w, h);
    SDL_FreeSurface(mid);
    return out;
}
