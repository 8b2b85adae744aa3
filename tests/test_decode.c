/* test_decode.c - photos probed cheaply and decoded once: the probe reads the header and EXIF
 * from the first bytes (and the whole file only when metadata pushes the frame header further),
 * the check's one decode also gives the size, and both agree with what is shown, turned by
 * EXIF. JPEGs are made here: libturbojpeg for the picture, segments spliced in by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdint.h>
#include <turbojpeg.h>

#include "model/content.h"
#include "base/diag.h"
#include "picture/images.h"
#include "picture/photomemo.h"
#include "page/prepare.h"

#define DIR "build/test-decode"

/* Writes a w x h JPEG with, after SOI, an EXIF orientation (0: none) and `pad` bytes of
 * comment segments (metadata a camera or editor might put before the frame header). */
static void write_jpeg(const char *path, int w, int h, int orientation, size_t pad)
{
    unsigned char *rgb = malloc((size_t)w * h * 3);
    assert_non_null(rgb);
    for (int i = 0; i < w * h; i++)
        rgb[3 * i] = (unsigned char)(i % w * 255 / w), rgb[3 * i + 1] = 90, rgb[3 * i + 2] = 40;
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long len = 0;
    assert_int_equal(tjCompress2(tj, rgb, w, 0, h, TJPF_RGB, &jpg, &len, TJSAMP_420, 90, 0), 0);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(jpg, 1, 2, f); /* SOI */
    if (orientation) {
        unsigned char a[EXIF_APP1_LEN];
        exif_app1(a, orientation);
        fwrite(a, 1, sizeof a, f);
    }
    static unsigned char com[65535];
    memset(com, 'x', sizeof com);
    while (pad > 0) {
        size_t n = pad > 65000 ? 65000 : pad;
        unsigned char hdr[4] = {0xFF, 0xFE, (unsigned char)((n + 2) >> 8), (unsigned char)(n + 2)};
        fwrite(hdr, 1, 4, f);
        fwrite(com, 1, n, f);
        pad -= n;
    }
    fwrite(jpg + 2, 1, len - 2, f);
    fclose(f);
    tjFree(jpg);
    tjDestroy(tj);
    free(rgb);
}

static void test_probe_reads_past_big_metadata(void **state)
{
    (void)state;
    write_jpeg(DIR "/fat.jpg", 320, 200, 0, 600 << 10); /* 600 KB before the frame header */
    int w = 0, h = 0;
    char err[512] = "";
    assert_int_equal(images_probe(DIR "/fat.jpg", &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 320);
    assert_int_equal(h, 200);
    assert_int_equal(images_check(DIR "/fat.jpg", &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 320);
    assert_int_equal(h, 200);
}

static void test_orientation_from_one_read(void **state)
{
    (void)state;
    write_jpeg(DIR "/turned.jpg", 320, 200, 6, 1000); /* stored landscape, shown portrait */
    int w = 0, h = 0, cw = 0, ch = 0;
    char err[512] = "";
    assert_int_equal(images_probe(DIR "/turned.jpg", &w, &h, err, sizeof err), 0);
    assert_int_equal(images_check(DIR "/turned.jpg", &cw, &ch, err, sizeof err), 0);
    assert_int_equal(w, 200);
    assert_int_equal(h, 320);
    assert_int_equal(cw, 200);
    assert_int_equal(ch, 320);
    /* what is shown: turned, and decoded at 1/2 (the smallest scale still covering 90 x 150) */
    SDL_Surface *s = images_load_scaled(DIR "/turned.jpg", 90, 150, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(s->w, 100);
    assert_int_equal(s->h, 160);
    SDL_FreeSurface(s);
    s = images_load(DIR "/turned.jpg", err, sizeof err);
    assert_non_null(s);
    assert_int_equal(s->w, 200);
    assert_int_equal(s->h, 320);
    SDL_FreeSurface(s);
}

static void test_truncated_refused_by_check(void **state)
{
    (void)state;
    write_jpeg(DIR "/whole.jpg", 320, 200, 0, 0);
    sh("head -c 1500 " DIR "/whole.jpg > " DIR "/cut.jpg");
    int w = 0, h = 0;
    char err[512] = "";
    assert_int_equal(images_probe(DIR "/cut.jpg", &w, &h, err, sizeof err), 0); /* header fine */
    assert_int_equal(images_check(DIR "/cut.jpg", &w, &h, err, sizeof err), -1);
    assert_non_null(strstr(err, "cut.jpg"));
}

/* An import checks a photo on the stick, checks the copy again, then stores it cut down for
 * the screen: one decode in all. The copy's check finds the same bytes already judged, and the
 * first check, told the size the store keeps, decoded at that size and kept the re-encoded
 * file, which the prescale writes. The file stored is the one a prescale of its own makes. */
static void test_import_decodes_once(void **state)
{
    (void)state;
    write_jpeg(DIR "/big.jpg", 1600, 1200, 6, 0); /* shown 1200 x 1600 */
    sh("cp " DIR "/big.jpg " DIR "/copy.jpg && cp " DIR "/big.jpg " DIR "/alone.jpg");
    char err[512] = "";
    int w = 0, h = 0;
    /* the reference: a prescale with nothing checked before */
    photomemo_stop();
    unsigned long d0 = images_decodes();
    assert_int_equal(images_prescale_jpeg(DIR "/alone.jpg", 300, err, sizeof err), 1);
    assert_int_equal(images_decodes() - d0, 1);

    photomemo_start(300); /* the checker of an import for a screen whose shorter sides are 300 */
    d0 = images_decodes();
    assert_int_equal(images_check(DIR "/big.jpg", &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 1200);
    assert_int_equal(h, 1600);
    assert_int_equal(images_check(DIR "/copy.jpg", &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 1200);
    assert_int_equal(h, 1600);
    assert_int_equal(images_prescale_jpeg(DIR "/copy.jpg", 300, err, sizeof err), 1);
    assert_int_equal(images_decodes() - d0, 1);
    assert_int_equal(images_probe(DIR "/copy.jpg", &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 300); /* 1/4 of 1200 x 1600; 1/8 would be too small */
    assert_int_equal(h, 400);
    assert_int_equal(system("cmp -s " DIR "/copy.jpg " DIR "/alone.jpg"), 0);

    /* other bytes are judged on their own: a damaged copy is refused, not taken as checked */
    sh("head -c 3000 " DIR "/big.jpg > " DIR "/cut.jpg");
    assert_int_equal(images_check(DIR "/cut.jpg", &w, &h, err, sizeof err), -1);
    photomemo_stop();
}

/* A photo slide made for the screen (render and play alike) decodes its photo once: the
 * decode that shows it is strict and is also the check that a damaged file fails (once,
 * a strict 1/8 check, then the 3/8 decode shown, cost a 24 MP slide two decodes). A photo
 * that is cut short is still skipped with the file:line:col, after that one decode. */
static void test_photo_slide_decodes_once(void **state)
{
    (void)state;
    sh("mkdir -p " DIR "/slide");
    write_jpeg(DIR "/slide/p.jpg", 1600, 1200, 0, 0);
    sh("head -c 3000 " DIR "/slide/p.jpg > " DIR "/slide/cut.jpg");
    FILE *f = fopen(DIR "/slide/p.yaml", "w");
    assert_non_null(f);
    fputs("honorboard: 1\nslides:\n  - { type: photo, image: p.jpg, fit: cover }\n"
          "  - { type: photo, image: cut.jpg, fit: cover }\n",
          f);
    fclose(f);
    struct diag d = {0};
    struct content *c = content_load(DIR "/slide/p.yaml", &d);
    assert_non_null(c);
    assert_int_equal(c->nitems, 2);
    photomemo_stop();
    unsigned long d0 = images_decodes();
    struct prepared *r = prepare_page(c, 0, 0, 640, 360);
    assert_non_null(r->surf);
    assert_null(r->skip_reason);
    assert_int_equal(images_decodes() - d0, 1);
    prepared_free(r);

    d0 = images_decodes();
    r = prepare_page(c, 1, 0, 640, 360);
    assert_null(r->surf); /* cut short: skipped, not shown grey */
    assert_non_null(r->skip_reason);
    assert_non_null(strstr(r->skip_reason, "p.yaml:4:"));
    assert_non_null(strstr(r->skip_reason, "cut.jpg"));
    assert_int_equal(images_decodes() - d0, 1);
    prepared_free(r);
    prepare_cleanup();
    content_unref(c);
    diag_free(&d);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    sh("rm -rf " DIR " && mkdir -p " DIR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_reads_past_big_metadata),
        cmocka_unit_test(test_orientation_from_one_read),
        cmocka_unit_test(test_truncated_refused_by_check),
        cmocka_unit_test(test_import_decodes_once),
        cmocka_unit_test(test_photo_slide_decodes_once),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
