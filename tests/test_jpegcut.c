/* test_jpegcut.c - the store's cut-down made in a JPEG's own planes (jpegcut.c) shows what the
 * RGB path shows: for every EXIF orientation and every sampling a camera or editor writes, the
 * cut file decoded is the original decoded at the same scale and turned the same way, within
 * JPEG's own error; colours stay colours (a skin tone is not turned orange by a fast IDCT);
 * odd sizes, whose planes are padded, give a thumbnail of the right size without a crash; and
 * the thumbnail is the picture, small. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "pixels.h"

#include <stdint.h>
#include <stdlib.h>
#include <turbojpeg.h>

#include "picture/images.h"
#include "picture/jpegcut.h"
#include "picture/photomemo.h"

/* A w x h JPEG sampled as samp with EXIF orientation o (0: none): a picture no turn or mirror
 * leaves the same - red across, green down, a blue block in the top-left corner only - and a
 * skin tone over its middle. Caller frees. */
static unsigned char *make_jpeg(int w, int h, int samp, int o, size_t *len)
{
    unsigned char *rgb = malloc((size_t)w * h * 3);
    assert_non_null(rgb);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = rgb + 3 * ((size_t)y * w + x);
            bool face = abs(x - w / 2) < w / 6 && abs(y - h / 2) < h / 6;
            bool corner = x < w / 4 && y < h / 5;
            p[0] = face ? 228 : (unsigned char)(x * 255 / w);
            p[1] = face ? 188 : (unsigned char)(y * 255 / h);
            p[2] = face ? 152 : corner ? 230 : 30;
        }
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long n = 0;
    assert_int_equal(tjCompress2(tj, rgb, w, 0, h, TJPF_RGB, &jpg, &n, samp, 95, 0), 0);
    tjDestroy(tj);
    free(rgb);
    size_t extra = o ? EXIF_APP1_LEN : 0;
    unsigned char *out = malloc(n + extra);
    assert_non_null(out);
    memcpy(out, jpg, 2);
    if (o)
        exif_app1(out + 2, o);
    memcpy(out + 2 + extra, jpg + 2, n - 2);
    tjFree(jpg);
    *len = n + extra;
    return out;
}

/* The file's bytes decoded whole to ARGB. */
static SDL_Surface *decode_all(const unsigned char *b, size_t n)
{
    tjhandle tj = tjInitDecompress();
    int w, h, s, cs;
    assert_int_equal(tjDecompressHeader3(tj, b, (unsigned long)n, &w, &h, &s, &cs), 0);
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(
        tjDecompress2(tj, b, (unsigned long)n, sf->pixels, w, sf->pitch, h, TJPF_BGRA, 0), 0);
    tjDestroy(tj);
    return sf;
}

/* Mean absolute difference per channel of two surfaces of the same size. */
static double mean_diff(SDL_Surface *a, SDL_Surface *b)
{
    assert_int_equal(a->w, b->w);
    assert_int_equal(a->h, b->h);
    double sum = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            uint32_t p = ((uint32_t *)((uint8_t *)a->pixels + y * a->pitch))[x];
            uint32_t q = ((uint32_t *)((uint8_t *)b->pixels + y * b->pitch))[x];
            for (int c = 0; c < 24; c += 8)
                sum += abs((int)((p >> c) & 255) - (int)((q >> c) & 255));
        }
    return sum / (3.0 * a->w * a->h);
}

/* Every orientation, every sampling: the cut decoded equals the RGB path's picture (the
 * original decoded at the same scale, turned by images_orient()). */
static void test_cut_matches_rgb_path(void **state)
{
    (void)state;
    static const int samps[] = {TJSAMP_420, TJSAMP_422, TJSAMP_440, TJSAMP_444, TJSAMP_GRAY};
    for (size_t si = 0; si < sizeof samps / sizeof *samps; si++)
        for (int o = 1; o <= 8; o++) {
            size_t n = 0;
            unsigned char *src = make_jpeg(1600, 1200, samps[si], o, &n);
            struct jpegcut_result r;
            char err[512] = "";
            int rc = jpegcut_run("t.jpg", src, n, 600, true, 100, &r, err, sizeof err);
            assert_int_equal(rc, 0);
            int sw = o >= 5 ? 1200 : 1600, sh = o >= 5 ? 1600 : 1200;
            assert_int_equal(r.shown_w, sw);
            assert_int_equal(r.shown_h, sh);
            SDL_Surface *got = decode_all(r.jpeg, r.jpeg_len);
            assert_int_equal(got->w, sw / 2); /* 1/2: the smallest with the shorter side >= 600 */
            assert_int_equal(got->h, sh / 2);
            /* the RGB path: the original at 1/2, turned */
            tjhandle tj = tjInitDecompress();
            SDL_Surface *ref =
                SDL_CreateRGBSurfaceWithFormat(0, 800, 600, 32, SDL_PIXELFORMAT_ARGB8888);
            assert_int_equal(tjDecompress2(tj, src, (unsigned long)n, ref->pixels, 800, ref->pitch,
                                           600, TJPF_BGRA, 0),
                             0);
            tjDestroy(tj);
            ref = images_orient(ref, o);
            double d = mean_diff(got, ref);
            if (d > 3.0)
                fail_msg("sampling %d orientation %d: mean difference %.2f", samps[si], o, d);
            /* the stored top-left blue corner is where EXIF's turn puts it: 6 (a phone held
             * upright) turns it to the top right, 8 to the bottom left, 3 to the bottom right;
             * the mirrors 2 and 4 and the transposes 5 and 7 likewise */
            static const int corner[9][2] = {{0, 0}, {0, 0}, {1, 0}, {1, 1}, {0, 1},
                                             {0, 0}, {1, 0}, {1, 1}, {0, 1}};
            int cx = corner[o][0] ? got->w - 9 : 8, cy = corner[o][1] ? got->h - 9 : 8;
            int ox = corner[o][0] ? 8 : got->w - 9, oy = corner[o][1] ? 8 : got->h - 9;
            if (samps[si] != TJSAMP_GRAY &&
                !((test_pixel(got, cx, cy) & 255) > 150 && (test_pixel(got, ox, oy) & 255) < 90))
                fail_msg("orientation %d: the blue corner is not at %d,%d", o, cx, cy);
            /* the thumbnail: upright, shorter side >= 100, the same picture */
            assert_non_null(r.thumb.data);
            SDL_Surface *t = jpegcut_planes_surface(&r.thumb);
            assert_non_null(t);
            assert_true((t->w < t->h ? t->w : t->h) >= 100);
            SDL_Surface *small = images_scale(ref, t->w, t->h);
            d = mean_diff(t, small);
            if (d > 6.0)
                fail_msg("sampling %d orientation %d: thumbnail off by %.2f", samps[si], o, d);
            SDL_FreeSurface(small);
            SDL_FreeSurface(t);
            SDL_FreeSurface(ref);
            SDL_FreeSurface(got);
            jpegcut_result_free(&r);
            free(src);
        }
}

/* A skin tone stays a skin tone (libjpeg-turbo's fast IDCT into planes at 1/2 scale - the
 * scale a 24 MP photo is stored at - made it orange: 255,159,22 for 224,184,149). */
static void test_skin_tone_kept(void **state)
{
    (void)state;
    size_t n = 0;
    unsigned char *src = make_jpeg(2400, 1600, TJSAMP_420, 0, &n);
    struct jpegcut_result r;
    char err[512];
    assert_int_equal(jpegcut_run("t.jpg", src, n, 800, true, 0, &r, err, sizeof err), 0);
    assert_int_equal(r.shown_w, 2400);
    assert_null(r.thumb.data); /* none asked */
    SDL_Surface *got = decode_all(r.jpeg, r.jpeg_len);
    uint32_t p = test_pixel(got, got->w / 2, got->h / 2);
    int R = (p >> 16) & 255, G = (p >> 8) & 255, B = p & 255;
    if (abs(R - 228) > 6 || abs(G - 188) > 6 || abs(B - 152) > 6)
        fail_msg("the face is %d,%d,%d, not 228,188,152", R, G, B);
    SDL_FreeSurface(got);
    jpegcut_result_free(&r);
    free(src);
}

/* Odd sizes: a 4:2:0 picture whose scaled width is odd has planes padded to whole chroma
 * blocks; the thumbnail of it (and of it turned) is made, the right size, with no crash (a
 * division by an empty box was SIGFPE, which rejected a whole import). */
static void test_odd_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1205, 803}, {1203, 1601}, {2411, 1607}};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        for (int o = 1; o <= 8; o += 5) { /* 1 and 6 */
            size_t n = 0;
            unsigned char *src = make_jpeg(sizes[i][0], sizes[i][1], TJSAMP_420, o, &n);
            struct jpegcut_result r;
            char err[512];
            assert_int_equal(jpegcut_run("t.jpg", src, n, 200, true, 100, &r, err, sizeof err), 0);
            SDL_Surface *got = decode_all(r.jpeg, r.jpeg_len);
            SDL_Surface *t = jpegcut_planes_surface(&r.thumb);
            assert_non_null(t);
            int k = (got->w < got->h ? got->w : got->h) / 100;
            assert_int_equal(t->w, (got->w + k - 1) / k);
            assert_int_equal(t->h, (got->h + k - 1) / k);
            SDL_FreeSurface(t);
            SDL_FreeSurface(got);
            jpegcut_result_free(&r);
            free(src);
        }
}

/* Not a JPEG, or cut short: an error naming the file, nothing kept. */
static void test_bad_bytes(void **state)
{
    (void)state;
    size_t n = 0;
    unsigned char *src = make_jpeg(1600, 1200, TJSAMP_420, 0, &n);
    struct jpegcut_result r;
    char err[512] = "";
    assert_int_equal(jpegcut_run("short.jpg", src, n / 3, 300, true, 100, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "short.jpg"));
    assert_null(r.jpeg);
    assert_null(r.thumb.data);
    err[0] = 0;
    assert_int_equal(jpegcut_run("text.jpg", (const unsigned char *)"hello", 5, 300, true, 0, &r,
                                 err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "text.jpg"));
    free(src);
}

/* In the checker, a photo cut down for the store keeps its thumbnail: the preview's page that
 * asks for the staged file at a thumbnail's size gets it without a decode (the preview drawn
 * in the checker decoded each photo a second time before); a page asking for more decodes the
 * file; a changed file is not taken for the one noted. */
static void test_thumbnail_serves_the_preview(void **state)
{
    (void)state;
    sh("mkdir -p build/test-jpegcut");
    size_t n = 0;
    unsigned char *src = make_jpeg(2400, 1600, TJSAMP_420, 6, &n); /* an upright phone shot */
    const char *staged = "build/test-jpegcut/staged.jpg";
    photomemo_start(600);
    char hex[65], err[512];
    photomemo_hash(src, n, hex);
    unsigned char *small = NULL;
    size_t slen = 0;
    int w = 0, h = 0;
    unsigned char *copy = malloc(n);
    memcpy(copy, src, n);
    assert_int_equal(images_check_bytes("stick/p.jpg", copy, n, hex, NULL, 600, &small, &slen, &w,
                                        &h, err, sizeof err),
                     0); /* takes copy */
    assert_int_equal(w, 1600);
    assert_int_equal(h, 2400);
    FILE *f = fopen(staged, "wb"); /* staged as bundle_read.c stages it, then noted */
    assert_non_null(f);
    fwrite(small, 1, slen, f);
    fclose(f);
    free(small);
    struct photomemo_id id;
    assert_int_equal(photomemo_id_of_path(staged, &id), 0);
    photomemo_note(&id, hex);
    unsigned long d0 = images_decodes();
    SDL_Surface *t = images_load_scaled(staged, 300, 450, err, sizeof err);
    assert_non_null(t);
    assert_int_equal(images_decodes(), d0); /* the thumbnail: no decode */
    /* stored at 3/8, 600x900 as shown (the shorter side just 600): under a thumbnail's 640,
     * so the thumbnail is the whole stored picture, turned upright */
    assert_int_equal(t->w, 600);
    assert_int_equal(t->h, 900);
    SDL_FreeSurface(t);
    t = images_load_scaled(staged, 1000, 1500, err, sizeof err); /* more than it has */
    assert_non_null(t);
    assert_int_equal(images_decodes(), d0 + 1);
    SDL_FreeSurface(t);
    sh("touch -d '2001-01-01' %s", staged); /* another state of the file: not the one noted */
    t = images_load_scaled(staged, 300, 450, err, sizeof err);
    assert_non_null(t);
    assert_int_equal(images_decodes(), d0 + 2);
    SDL_FreeSurface(t);
    photomemo_stop();
    free(src);
}

/* What the planes cannot keep goes through RGB (rc 1, nothing made): 4:1:1 turned by 90
 * degrees would be 1x4, which JPEG files do not use; unturned, 4:1:1 is cut in its planes. And
 * images_prescale_jpeg() (a prescale with nothing checked before) takes either path: the file
 * it writes is upright and the size the store keeps. */
static void test_what_planes_cannot_keep(void **state)
{
    (void)state;
    size_t n = 0;
    struct jpegcut_result r;
    char err[512];
    unsigned char *src = make_jpeg(1600, 1200, TJSAMP_411, 6, &n);
    assert_int_equal(jpegcut_run("t.jpg", src, n, 300, true, 100, &r, err, sizeof err), 1);
    assert_null(r.jpeg);
    assert_null(r.thumb.data);
    free(src);
    src = make_jpeg(1600, 1200, TJSAMP_411, 1, &n);
    assert_int_equal(jpegcut_run("t.jpg", src, n, 300, true, 100, &r, err, sizeof err), 0);
    jpegcut_result_free(&r);
    free(src);
    sh("mkdir -p build/test-jpegcut");
    static const int samps[] = {TJSAMP_411, TJSAMP_422};
    for (size_t i = 0; i < 2; i++) {
        src = make_jpeg(1600, 1200, samps[i], 6, &n);
        FILE *f = fopen("build/test-jpegcut/pre.jpg", "wb");
        assert_non_null(f);
        fwrite(src, 1, n, f);
        fclose(f);
        free(src);
        assert_int_equal(images_prescale_jpeg("build/test-jpegcut/pre.jpg", 300, err, sizeof err),
                         1);
        char *bytes = slurp("build/test-jpegcut/pre.jpg");
        assert_non_null(bytes);
        free(bytes);
        int w = 0, h = 0;
        assert_int_equal(images_probe("build/test-jpegcut/pre.jpg", &w, &h, err, sizeof err), 0);
        if (w != 300 || h != 400) /* 1/4 of 1200x1600 as shown, upright: no EXIF left to turn */
            fail_msg("sampling %d: stored %dx%d, not 300x400", samps[i], w, h);
        SDL_Surface *s = images_load("build/test-jpegcut/pre.jpg", err, sizeof err);
        assert_non_null(s);
        /* the stored top-left blue corner turned by 6 is at the top right */
        if (!((test_pixel(s, s->w - 9, 8) & 255) > 150 && (test_pixel(s, 8, s->h - 9) & 255) < 90))
            fail_msg("sampling %d: the turn is wrong", samps[i]);
        SDL_FreeSurface(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cut_matches_rgb_path),
        cmocka_unit_test(test_skin_tone_kept),
        cmocka_unit_test(test_odd_sizes),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_thumbnail_serves_the_preview),
        cmocka_unit_test(test_what_planes_cannot_keep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
