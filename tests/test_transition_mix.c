/* test_transition_mix.c - on the software renderer every transition is mixed from the pages'
 * pixels (no page textures are kept there); each mix must show what the renderer draws from
 * textures for the same progress: exactly for cut, slides and wipe, within rounding for fade,
 * and the old page around the growing new one for zoom. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdint.h>

#include "model/playlist.h"
#include "board/screen.h"
#include "board/transition.h"
#include "base/util.h"

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
    SDL_Texture *st =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, W, H);
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
    SDL_Texture *st =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, W, H);
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

/* A fade is exact for every width, not only for whole blocks of the mixer's vector loop: each
 * channel is (a * (256 - k) + b * k) / 256 with k the eased progress in 256ths. */
static void test_fade_exact_at_any_width(void **state)
{
    (void)state;
    const int widths[] = {1, 15, 16, 17, 157, 1080};
    for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
        int w = widths[i], h = 3;
        SDL_Surface *a = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Surface *b = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        uint32_t seed = (uint32_t)w;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                seed = seed * 1664525u + 1013904223u;
                ((uint32_t *)((uint8_t *)a->pixels + y * a->pitch))[x] = 0xFF000000u | (seed >> 8);
                seed = seed * 1664525u + 1013904223u;
                ((uint32_t *)((uint8_t *)b->pixels + y * b->pitch))[x] = 0xFF000000u | (seed >> 8);
            }
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(out);
        SDL_Texture *st =
            SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
        SDL_SetTextureBlendMode(st, SDL_BLENDMODE_NONE);
        double t = 0.37, e = t * t * (3 - 2 * t);
        uint32_t k = (uint32_t)lround(e * 256);
        assert_true(transition_mix(r, st, a, b, TRANS_FADE, t, w, h));
        SDL_RenderPresent(r);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                uint32_t pa = px(a, x, y), pb = px(b, x, y), want = 0;
                for (int sh = 0; sh < 32; sh += 8)
                    want |= ((((pa >> sh) & 255) * (256 - k) + ((pb >> sh) & 255) * k) >> 8) << sh;
                if (px(out, x, y) != want)
                    fail_msg("width %d, pixel (%d,%d): %08x, want %08x", w, x, y, px(out, x, y),
                             want);
            }
        SDL_DestroyTexture(st);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        SDL_FreeSurface(out);
    }
}

/* With no page to come from (the first page; a page replaced during its transition), every
 * kind shows the new page alone, on the texture path as on the direct one. */
static void test_mix_from_nothing_is_the_page(void **state)
{
    (void)state;
    SDL_Surface *b = page(7), *out = page(8);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(out);
    SDL_Texture *st =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, W, H);
    SDL_SetTextureBlendMode(st, SDL_BLENDMODE_NONE);
    for (int kind = 0; kind < TRANS_COUNT; kind++) {
        if (!transition_can_mix(kind))
            continue;
        SDL_FillRect(out, NULL, 0xFF000000u);
        assert_true(transition_mix(r, st, NULL, b, kind, 0.5, W, H));
        SDL_RenderPresent(r);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                if (px(out, x, y) != px(b, x, y))
                    fail_msg("kind %d from nothing, pixel (%d,%d): %08x, the page %08x", kind, x, y,
                             px(out, x, y), px(b, x, y));
    }
    SDL_DestroyTexture(st);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(b);
    SDL_FreeSurface(out);
}

/* The window of the screen made last (the newest window has the highest id). */
static SDL_Surface *window_surface(void)
{
    for (Uint32 id = 64; id > 0; id--)
        if (SDL_GetWindowFromID(id))
            return SDL_GetWindowSurface(SDL_GetWindowFromID(id));
    return NULL;
}

/* The screen on the software renderer: a fade is mixed straight into the window's
 * surface, which that renderer draws on, so no mixing texture is kept (8 MB at 1920x1080) and
 * no full-screen copy is made per frame; what the window holds is the mix itself. And the
 * renderer does not claim a vertical blank it only simulates in whole milliseconds: the frame
 * loop spaces those frames itself. */
static void test_screen_mixes_into_window(void **state)
{
    (void)state;
    char err[256];
    struct screen *scr = screen_create(
        &(struct screen_opts){.window = true, .win_w = W, .win_h = H}, err, sizeof err);
    if (!scr)
        fail_msg("no screen: %s", err);
    assert_false(screen_vsync(scr));
    SDL_Surface *a = page(1), *b = page(2), *want = page(3);
    double start = now_seconds();
    assert_true(screen_show(scr, SDL_DuplicateSurface(a), TRANS_CUT, 0, start));
    assert_true(screen_show(scr, SDL_DuplicateSurface(b), TRANS_FADE, 1000, start));
    double t = 0.5;
    struct screen_overlay ov = {0};
    screen_compose(scr, start + t * 1000, &ov);
    assert_int_equal(screen_textures(scr), 0); /* no mixing texture, no page textures */
    SDL_Surface *win = window_surface();
    assert_non_null(win);
    assert_true(transition_mix_into(want->pixels, want->pitch, a, b, TRANS_FADE, t, W, H));
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if ((px(win, x, y) & 0xFFFFFF) != (px(want, x, y) & 0xFFFFFF))
                fail_msg("window pixel (%d,%d) %06x, the mix %06x", x, y, px(win, x, y) & 0xFFFFFF,
                         px(want, x, y) & 0xFFFFFF);
    screen_present(scr);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(want);
    screen_destroy(scr);
}

/* A ticker scrolling over a still page on the software renderer: a frame where
 * only the ticker moved paints and shows only the ticker's band - the rest of the window keeps
 * its pixels (a mark put there survives) - and the window then holds exactly what a whole
 * frame at that moment holds. */
static void test_ticker_repaints_its_band(void **state)
{
    (void)state;
    enum { TW = 480, TH = 270 };
    char err[256];
    struct screen *scr = screen_create(
        &(struct screen_opts){.window = true, .win_w = TW, .win_h = TH}, err, sizeof err);
    if (!scr)
        fail_msg("no screen: %s", err);
    SDL_Surface *pg = SDL_CreateRGBSurfaceWithFormat(0, TW, TH, 32, SDL_PIXELFORMAT_ARGB8888);
    for (int y = 0; y < TH; y++)
        for (int x = 0; x < TW; x++)
            ((uint32_t *)((uint8_t *)pg->pixels + y * pg->pitch))[x] =
                0xFF000000u | (uint32_t)(x % 256) << 16 | (uint32_t)(y % 256) << 8 | 0x40;
    double t0 = now_seconds();
    assert_true(screen_show(scr, pg, TRANS_CUT, 0, t0));
    SDL_Surface *win = window_surface();
    assert_non_null(win);
    struct screen_overlay ov = {.ticker = "比先进、学先进、赶先进，立足岗位作贡献。"};
    screen_compose(scr, t0, &ov);
    screen_present(scr);
    screen_compose(scr, t0 + 0.5,
                   &(struct screen_overlay){.ticker = ov.ticker, .ticker_only = true});
    screen_present(scr);
    SDL_Surface *before = SDL_DuplicateSurface(win);
    ((uint32_t *)win->pixels)[5 * (win->pitch / 4) + 5] = 0x123456; /* a mark above the band */
    ov.ticker_only = true;
    screen_compose(scr, t0 + 1.5, &ov);
    screen_present(scr);
    assert_int_equal(((uint32_t *)win->pixels)[5 * (win->pitch / 4) + 5] & 0xFFFFFF, 0x123456);
    ((uint32_t *)win->pixels)[5 * (win->pitch / 4) + 5] =
        ((uint32_t *)before->pixels)[5 * (before->pitch / 4) + 5];
    SDL_Surface *band = SDL_DuplicateSurface(win);
    long moved = 0;
    for (int y = 0; y < TH; y++)
        for (int x = 0; x < TW; x++)
            moved += px(before, x, y) != px(band, x, y);
    assert_true(moved > 50); /* the ticker did move */
    /* a film's frame painted into the page: the next frame is whole even if the loop says
     * only the ticker moved (the window's copy of the page is out of date) */
    static uint32_t green[20 * 10];
    for (size_t i = 0; i < sizeof green / sizeof *green; i++)
        green[i] = 0xFF00FF00u;
    screen_paint_page(scr, (const int[4]){40, 40, 20, 10}, green, 20 * 4);
    screen_compose(scr, t0 + 1.5, &ov);
    screen_present(scr);
    assert_int_equal(px(win, 45, 45) & 0xFFFFFF, 0x00FF00);
    ov.ticker_only = false;
    screen_compose(scr, t0 + 1.5, &ov); /* the whole frame at the same moment */
    screen_present(scr);
    for (int y = 40; y < 50; y++) /* (the band frame was taken before the film's rect) */
        for (int x = 40; x < 60; x++)
            ((uint32_t *)band->pixels)[y * (band->pitch / 4) + x] = 0xFF00FF00u;
    for (int y = 0; y < TH; y++)
        for (int x = 0; x < TW; x++)
            if ((px(win, x, y) & 0xFFFFFF) != (px(band, x, y) & 0xFFFFFF))
                fail_msg("pixel (%d,%d): %06x from the band alone, %06x in a whole frame", x, y,
                         px(band, x, y) & 0xFFFFFF, px(win, x, y) & 0xFFFFFF);
    SDL_FreeSurface(before);
    SDL_FreeSurface(band);
    screen_destroy(scr);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(SDL_INIT_VIDEO);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mix_matches_draw),
        cmocka_unit_test(test_fade_exact_at_any_width),
        cmocka_unit_test(test_mix_from_nothing_is_the_page),
        cmocka_unit_test(test_screen_mixes_into_window),
        cmocka_unit_test(test_ticker_repaints_its_band),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
