/* pixels.h - comparing rendered pages in tests (test_running, test_clockroom, test_tickerroom,
 * and the PNG reading of test_bidi, test_emoji, test_pagepath, test_vertical):
 * a PNG read as ARGB8888, and counts of the pixels two pages differ in. Include after cmocka.h. */
#ifndef HB_TEST_PIXELS_H
#define HB_TEST_PIXELS_H

#include <SDL.h>
#include <SDL_image.h>
#include <stdint.h>

/* The PNG at path as ARGB8888; the test fails when it cannot be read. */
static inline SDL_Surface *test_load_argb(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        fail_msg("cannot read %s: %s", path, IMG_GetError());
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    return s;
}

/* The colour (no alpha) at x, y of an ARGB8888 surface. */
static inline uint32_t test_pixel(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x] & 0xFFFFFFu;
}

/* Pixels of a and b that differ, outside the rectangle skip {x0, y0, x1, y1} (NULL: none) and
 * above row `below` (the whole height when it is the height); all of them when the sizes
 * differ. */
static inline long test_differ(const SDL_Surface *a, const SDL_Surface *b, const int *skip,
                               int below)
{
    if (a->w != b->w || a->h != b->h)
        return (long)a->w * a->h;
    long n = 0;
    for (int y = 0; y < below && y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            if (!(skip && x >= skip[0] && x < skip[2] && y >= skip[1] && y < skip[3]))
                n += test_pixel(a, x, y) != test_pixel(b, x, y);
    return n;
}

#endif
