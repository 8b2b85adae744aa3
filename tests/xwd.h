/* xwd.h - reading an X window dump (xwd -root) in the tests that run the player on Xvfb: the
 * pixels the X server holds, with no SDL in the reading path. Header-only; include after
 * testutil.h. */
#ifndef HB_TEST_XWD_H
#define HB_TEST_XWD_H

#include <stdint.h>

static inline uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct xwd {
    unsigned char *data;
    size_t len;
    uint32_t w, h, bpl, bpp, lsb_first, off;
};

/* Reads an XWD dump (X11 window dump, version 7, ZPixmap, 24 or 32 bits per pixel). */
static inline void xwd_read(const char *path, struct xwd *x)
{
    x->data = (unsigned char *)file_read_all(path, &x->len);
    assert_non_null(x->data);
    assert_true(x->len > 100);
    const unsigned char *h = x->data;
    uint32_t header = be32(h), version = be32(h + 4), ncolors = be32(h + 76);
    assert_int_equal(version, 7);
    x->w = be32(h + 16), x->h = be32(h + 20), x->lsb_first = be32(h + 28) == 0;
    x->bpp = be32(h + 44), x->bpl = be32(h + 48);
    x->off = header + ncolors * 12;
    assert_true(x->bpp == 32 || x->bpp == 24);
    assert_true(x->off + (size_t)x->bpl * x->h <= x->len);
}

/* The red+green+blue sum of pixel (px, py). */
static inline unsigned xwd_brightness(const struct xwd *x, uint32_t px, uint32_t py)
{
    const unsigned char *p = x->data + x->off + (size_t)py * x->bpl + (size_t)px * (x->bpp / 8);
    uint32_t v = x->lsb_first   ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
                 : x->bpp == 32 ? be32(p) & 0xFFFFFFu
                                : (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
    return (v >> 16 & 255) + (v >> 8 & 255) + (v & 255);
}

#endif
