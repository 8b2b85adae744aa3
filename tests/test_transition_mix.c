/* test_transition_mix.c - on the software renderer every transition is mixed from the pages'
 * pixels (no page textures are kept there); each mix must show what the renderer draws from
 * textures for the same progress: exactly for cut, slides and wipe, within rounding for fade,
 * and the old page around the growing new one for zoom. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdint.h>

#include "playlist.h"
#include "transition.h"

#define W 160
#define H 90

static SDL_Surface *page(uint32_t seed)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            seed = seed * 1664525u + 1013904223u;
            ((uint32_t *)((uint8_t *)s->pixels + y * s->pitch))[x] =
                0xFF000000u | (uint32_t)(x * 255 / W) << 16 | (uint32_t)(y * 255 / H) << 8 |
                (seed >> 24);
        }
    return s;
}

static uint32_t px(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x];
}

static int chan_diff(uint32_t a, uint32_t b)
{
    int m = 0;
    for (int sh = 0; sh < 24; sh += 8) {
        int d = abs((int)((a >> sh) & 255) - (int)((b >> sh) & 255));
        m = d > m ? d : m;
    }
    return m;
}

/* What the screen shows of kind at t: drawn from textures, and mixed from pixels. */
static void both(int kind, double t, SDL_Surface *a, SDL_Surface *b, SDL_Surface *drawn,
                 SDL_Surface *mixed)
{
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(drawn);
    assert_non_null(r);
    SDL_Texture *ta = SDL_CreateTextureFromSurface(r, a), *tb = SDL_CreateTextureFromSurface(r, b);
    transition_draw(r, kind, ta, tb, t, W, H);
    SDL_RenderPresent(r);
    SDL_DestroyTexture(ta);
    SDL_DestroyTexture(tb);
    SDL_DestroyRenderer(r);
    r = SDL_CreateSoftwareRenderer(mixed);
    SDL_Texture *st = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, W, H);
    SDL_SetTextureBlendMode(st, SDL_BLENDMODE_NONE);
    assert_true(transition_mix(r, st, a, b, kind, t, W, H));
    SDL_RenderPresent(r);
    SDL_DestroyTexture(st);
    SDL_DestroyRenderer(r);
}

static void test_mix_matches_draw(void **state)
{
    (void)state;
    SDL_Surface *a = page(1), *b = page(2);
    SDL_Surface *drawn = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *mixed = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    const double ts[] = {0, 0.3, 0.71, 1};
    for (int kind = 0; kind < TRANS_COUNT; kind++) {
        for (size_t i = 0; i < sizeof ts / sizeof *ts; i++) {
            both(kind, ts[i], a, b, drawn, mixed);
            int worst = 0;
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) {
                    if (kind == TRANS_ZOOM && ts[i] > 0 && ts[i] < 1) {
                        /* scaling differs between the two; outside the new page both show a */
                        double sc = 0.88 + 0.12 * ts[i] * ts[i] * (3 - 2 * ts[i]);
                        int zw = (int)(W * sc) + 4, zh = (int)(H * sc) + 4; /* and its edge */
                        if (abs(2 * x - W) < zw && abs(2 * y - H) < zh)
                            continue;
                    }
                    int d = chan_diff(px(drawn, x, y), px(mixed, x, y));
                    worst = d > worst ? d : worst;
                }
            int allowed = kind == TRANS_FADE || kind == TRANS_ZOOM ? 3 : 0;
            if (worst > allowed)
                fail_msg("transition %d at t=%.2f: mixed differs from drawn by %d", kind, ts[i],
                         worst);
        }
    }
    /* no page to come from: the new page alone, as transition_draw shows it */
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(mixed);
    SDL_Texture *st = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, W, H);
    assert_true(transition_mix(r, st, NULL, b, TRANS_FADE, 0.5, W, H));
    SDL_RenderPresent(r);
    SDL_DestroyTexture(st);
    SDL_DestroyRenderer(r);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            assert_int_equal(px(mixed, x, y), px(b, x, y));
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(drawn);
    SDL_FreeSurface(mixed);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(SDL_INIT_VIDEO);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mix_matches_draw),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
