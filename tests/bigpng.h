/* bigpng.h - for the memory tests (test_hostile, test_memory): a large PNG made without holding
 * its pixels (libspng, row by row). Include after cmocka.h. */
#ifndef HB_TEST_BIGPNG_H
#define HB_TEST_BIGPNG_H

#include <spng.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"

/* An RGBA PNG of w x h written row by row (a few KB of bands; never w*h in memory here). */
static void write_png(const char *path, uint32_t w, uint32_t h)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    spng_ctx *ctx = spng_ctx_new(SPNG_CTX_ENCODER);
    struct spng_ihdr ihdr = {.width = w, .height = h, .bit_depth = 8, .color_type = 6};
    assert_int_equal(spng_set_png_file(ctx, f), 0);
    assert_int_equal(spng_set_ihdr(ctx, &ihdr), 0);
    assert_int_equal(spng_encode_image(ctx, NULL, 0, SPNG_FMT_PNG,
                                       SPNG_ENCODE_PROGRESSIVE | SPNG_ENCODE_FINALIZE),
                     0);
    unsigned char *row = xcalloc(w, 4);
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            unsigned char *p = row + (size_t)x * 4;
            p[0] = (unsigned char)(y / 64 * 40), p[1] = 90, p[2] = (unsigned char)(x / 64 * 30);
            p[3] = 255;
        }
        int rc = spng_encode_row(ctx, row, (size_t)w * 4);
        assert_true(rc == 0 || (rc == SPNG_EOI && y == h - 1));
    }
    spng_ctx_free(ctx);
    free(row);
    assert_int_equal(fclose(f), 0);
}

#endif
