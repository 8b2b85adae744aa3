/* test_pngout.c - the fast PNG writer: what it writes decodes (through SDL_image's libpng) to
 * exactly the pixels it was given, opaque pictures as RGB and translucent ones as RGBA, any
 * surface format SDL converts, and a file that cannot be written is reported, not left half. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdint.h>
#include <sys/stat.h>

#include <SDL_image.h>

#include "base/pngout.h"

#define DIR "build/test-pngout"

/* A picture with flat areas, gradients and noise, so every filter and run length is met. */
static SDL_Surface *pattern(int w, int h, bool translucent)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    uint32_t seed = 12345;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            uint32_t v = x < w / 3 ? 0x8E1B1Bu
                         : x < 2 * w / 3
                             ? (uint32_t)(x * 255 / w) << 16 | (uint32_t)(y * 255 / h) << 8
                             : (seed >> 8) & 0xFFFFFFu;
            uint32_t a = translucent ? (uint32_t)((x + y) & 255) : 255;
            row[x] = a << 24 | v;
        }
    }
    return s;
}

/* The PNG colour type byte of a file's IHDR (2 = RGB, 6 = RGBA). */
static int color_type(const char *path)
{
    size_t len = 0;
    char *b = file_read_all(path, &len);
    assert_non_null(b);
    assert_true(len > 26);
    int t = (unsigned char)b[25];
    free(b);
    return t;
}

static void assert_same_pixels(SDL_Surface *want, const char *path, bool alpha)
{
    SDL_Surface *raw = IMG_Load(path);
    assert_non_null(raw);
    SDL_Surface *got = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(got);
    assert_int_equal(got->w, want->w);
    assert_int_equal(got->h, want->h);
    uint32_t mask = alpha ? 0xFFFFFFFFu : 0x00FFFFFFu;
    for (int y = 0; y < want->h; y++) {
        const uint32_t *a = (const uint32_t *)((uint8_t *)want->pixels + (size_t)y * want->pitch);
        const uint32_t *b = (const uint32_t *)((uint8_t *)got->pixels + (size_t)y * got->pitch);
        for (int x = 0; x < want->w; x++)
            if ((a[x] & mask) != (b[x] & mask))
                fail_msg("pixel %d,%d: wrote %08x, read back %08x", x, y, a[x], b[x]);
    }
    SDL_FreeSurface(got);
}

static void test_opaque_roundtrip(void **state)
{
    (void)state;
    SDL_Surface *s = pattern(301, 177, false);
    char err[256] = "";
    assert_int_equal(pngout_write(s, DIR "/opaque.png", err, sizeof err), 0);
    assert_int_equal(color_type(DIR "/opaque.png"), 2);
    assert_same_pixels(s, DIR "/opaque.png", true);
    SDL_FreeSurface(s);
}

static void test_translucent_roundtrip(void **state)
{
    (void)state;
    SDL_Surface *s = pattern(64, 40, true);
    char err[256] = "";
    assert_int_equal(pngout_write(s, DIR "/alpha.png", err, sizeof err), 0);
    assert_int_equal(color_type(DIR "/alpha.png"), 6);
    assert_same_pixels(s, DIR "/alpha.png", true);
    SDL_FreeSurface(s);
}

static void test_other_format(void **state)
{
    (void)state;
    SDL_Surface *argb = pattern(50, 33, false);
    SDL_Surface *abgr = SDL_ConvertSurfaceFormat(argb, SDL_PIXELFORMAT_ABGR8888, 0);
    assert_non_null(abgr);
    char err[256] = "";
    assert_int_equal(pngout_write(abgr, DIR "/abgr.png", err, sizeof err), 0);
    assert_same_pixels(argb, DIR "/abgr.png", true);
    SDL_FreeSurface(abgr);
    SDL_FreeSurface(argb);
}

static void test_cannot_write(void **state)
{
    (void)state;
    SDL_Surface *s = pattern(8, 8, false);
    char err[256] = "";
    assert_int_equal(pngout_write(s, DIR "/no-such-dir/x.png", err, sizeof err), -1);
    assert_non_null(strstr(err, "no-such-dir/x.png"));
    struct stat st;
    assert_int_not_equal(stat(DIR "/no-such-dir/x.png", &st), 0);
    if (access("/dev/full", W_OK) == 0) { /* the disk fills up while writing */
        err[0] = 0;
        assert_int_equal(pngout_write(s, "/dev/full", err, sizeof err), -1);
        assert_non_null(strstr(err, "/dev/full"));
    }
    SDL_FreeSurface(s);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    sh("rm -rf " DIR " && mkdir -p " DIR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opaque_roundtrip),
        cmocka_unit_test(test_translucent_roundtrip),
        cmocka_unit_test(test_other_format),
        cmocka_unit_test(test_cannot_write),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
