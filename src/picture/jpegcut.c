/* jpegcut.c - a big JPEG cut down for the store in its own colour planes (jpegcut.h).
 * libjpeg-turbo decodes at a DCT scale straight into Y/Cb/Cr planes and encodes from planes;
 * honorboard's part is the choice of scale, the EXIF turn of each plane and the thumbnail's box
 * filter. Against decoding to RGB and encoding that again, a 24 MP photo costs about 12 ms less
 * (no colour conversion, no chroma upsampled and subsampled again) and no 24 MB surface. */
#include "picture/jpegcut.h"
#include "picture/exiforient.h"
#include "picture/images_pixels.h"
#include "picture/photoconv.h"
#include "base/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#define CUT_QUALITY 92 /* as photomemo_encode() and photoconv_save_jpeg() */

/* Planes of a w x h picture sampled as samp: sizes and offsets in one buffer. */
struct layout {
    int n; /* 1 (grey) or 3 */
    int pw[3], ph[3];
    size_t off[3], len;
};

static void plane_layout(int w, int h, int samp, struct layout *l)
{
    l->n = samp == TJSAMP_GRAY ? 1 : 3;
    l->len = 0;
    for (int i = 0; i < l->n; i++) {
        l->pw[i] = tjPlaneWidth(i, w, samp);
        l->ph[i] = tjPlaneHeight(i, w > 0 ? h : 0, samp);
        l->off[i] = l->len;
        l->len += (size_t)l->pw[i] * (size_t)l->ph[i];
    }
}

static void plane_ptrs(unsigned char *data, const struct layout *l, unsigned char *p[3],
                       int strides[3])
{
    for (int i = 0; i < 3; i++) {
        p[i] = i < l->n ? data + l->off[i] : NULL;
        strides[i] = i < l->n ? l->pw[i] : 0;
    }
}

/* The sampling of the picture turned by 90 degrees: the two factors swap. -1: none fits. */
static int turned_samp(int samp)
{
    switch (samp) {
    case TJSAMP_444:
    case TJSAMP_420:
    case TJSAMP_GRAY:
        return samp;
    case TJSAMP_422:
        return TJSAMP_440;
    case TJSAMP_440:
        return TJSAMP_422;
    default:
        return -1; /* 4:1:1 turned would be 1x4, which JPEG files do not use */
    }
}

/* One plane of w x h turned as EXIF orientation o (2..8) says, into dst (tight rows): the
 * geometry of images_orient() (images_turn_steps()), walked in tiles the same way, a few cache
 * lines written at a time. */
static void turn_plane(const unsigned char *src, int w, int h, int sstride, unsigned char *dst,
                       int o)
{
    ptrdiff_t W = w, H = h;
    struct images_turn t = images_turn_steps(o, W, H, o >= 5 ? H : W);
    ptrdiff_t step_x = t.step_x, step_y = t.step_y;
    unsigned char *base = dst + t.origin;
    enum { TILE = 64 };
    for (ptrdiff_t ty = 0; ty < H; ty += TILE)
        for (ptrdiff_t tx = 0; tx < W; tx += TILE) {
            ptrdiff_t ey = ty + TILE < H ? ty + TILE : H, ex = tx + TILE < W ? tx + TILE : W;
            for (ptrdiff_t y = ty; y < ey; y++) {
                const unsigned char *srow = src + y * sstride;
                unsigned char *d = base + y * step_y;
                for (ptrdiff_t x = tx; x < ex; x++)
                    d[x * step_x] = srow[x];
            }
        }
}

/* One plane box-filtered by k (each output pixel the mean of up to k x k inputs; a plane
 * padded to whole chroma blocks may ask for one more column or row than w x h has: it repeats
 * the last). The k rows of an output row are summed into columns first - a loop the compiler
 * turns into vector adds - then k columns at a time. */
static int shrink_plane(const unsigned char *src, int w, int h, unsigned char *dst, int dw, int dh,
                        int k)
{
    uint32_t *col = malloc((size_t)w * sizeof *col);
    if (!col)
        return -1;
    for (int dy = 0; dy < dh; dy++) {
        int y0 = dy * k < h ? dy * k : h - 1, y1 = y0 + k < h ? y0 + k : h;
        memset(col, 0, (size_t)w * sizeof *col);
        for (int y = y0; y < y1; y++) {
            const unsigned char *r = src + (size_t)y * (size_t)w;
            int x = 0;
            for (; x + 16 <= w; x += 16) /* a fixed count: vector adds at -O2 */
                for (int i = 0; i < 16; i++)
                    col[x + i] += r[x + i];
            for (; x < w; x++)
                col[x] += r[x];
        }
        unsigned char *out = dst + (size_t)dy * (size_t)dw;
        uint64_t rows = (uint64_t)(y1 - y0), inv = ((1u << 24) + rows * k / 2) / (rows * k);
        for (int dx = 0; dx < dw; dx++) {
            int x0 = dx * k < w ? dx * k : w - 1, x1 = x0 + k < w ? x0 + k : w;
            uint32_t sum = 0;
            for (int x = x0; x < x1; x++)
                sum += col[x];
            if (x1 - x0 == k) /* a whole box: a multiply for the division */
                out[dx] = (unsigned char)((sum * inv + (1u << 23)) >> 24);
            else
                out[dx] = (unsigned char)((sum + (uint32_t)(rows * (x1 - x0)) / 2) /
                                          (uint32_t)(rows * (x1 - x0)));
        }
    }
    free(col);
    return 0;
}

/* The thumbnail of a w x h picture in planes (layout l): shorter side at least `side`. */
static int make_thumb(const unsigned char *data, const struct layout *l, int w, int h, int samp,
                      int side, struct jpegcut_planes *t)
{
    int shorter = w < h ? w : h, k = side > 0 ? shorter / side : 1;
    if (k < 1)
        k = 1;
    int tw = (w + k - 1) / k, th = (h + k - 1) / k;
    struct layout tl;
    plane_layout(tw, th, samp, &tl);
    unsigned char *out = malloc(tl.len);
    if (!out)
        return -1;
    for (int i = 0; i < l->n; i++)
        if (shrink_plane(data + l->off[i], l->pw[i], l->ph[i], out + tl.off[i], tl.pw[i], tl.ph[i],
                         k) < 0) {
            free(out); /* no memory: no thumbnail, the preview decodes the file */
            return -1;
        }
    *t = (struct jpegcut_planes){.data = out, .len = tl.len, .w = tw, .h = th, .subsamp = samp};
    return 0;
}

/* The decoder's words for what is wrong with path (its own, or tj's when there is one). */
static void cannot_decode(char *err, size_t errlen, const char *path, tjhandle tj)
{
    const char *why = tj ? tjGetErrorStr2(tj) : "libturbojpeg";
    snprintf(err, errlen, _("cannot decode image '%s': %s"), path, images_decoder_reason(why));
}

int jpegcut_run(const char *path, const unsigned char *buf, size_t len, int side, bool strict,
                int thumb_side, struct jpegcut_result *out, char *err, size_t errlen)
{
    *out = (struct jpegcut_result){0};
    int o = exif_orientation_mem(buf, len);
    tjhandle tj = tjInitDecompress();
    int w = 0, h = 0, samp = 0, cs = 0, rc = -1;
    unsigned char *planes = NULL, *turned = NULL;
    if (!tj || tjDecompressHeader3(tj, buf, (unsigned long)len, &w, &h, &samp, &cs) < 0) {
        cannot_decode(err, errlen, path, tj);
        goto done;
    }
    if ((uint64_t)w * (uint64_t)h > PHOTO_MAX_PIXELS) {
        snprintf(err, errlen, _("image '%s' is %dx%d, larger than honorboard accepts"), path, w, h);
        goto done;
    }
    bool swap = o >= 5;
    int tsamp = swap ? turned_samp(samp) : samp;
    if (cs == TJCS_CMYK || cs == TJCS_YCCK || cs == TJCS_RGB || samp < 0 || tsamp < 0) {
        rc = 1; /* not for planes: the RGB path */
        goto done;
    }
    out->shown_w = swap ? h : w, out->shown_h = swap ? w : h;
    /* the smallest reduction whose shorter side is still at least `side` */
    int nf = 0, sw = w, sh = h;
    tjscalingfactor *sf = tjGetScalingFactors(&nf);
    for (int i = 0; i < nf; i++) {
        int a = TJSCALED(w, sf[i]), b = TJSCALED(h, sf[i]);
        if (sf[i].num < sf[i].denom && (a < b ? a : b) >= side && (long)a * b < (long)sw * sh)
            sw = a, sh = b;
    }
    struct layout l;
    plane_layout(sw, sh, samp, &l);
    if (!(planes = malloc(l.len))) {
        snprintf(err, errlen, _("no memory for '%s' (%dx%d)"), path, sw, sh);
        goto done;
    }
    unsigned char *p[3];
    int strides[3];
    plane_ptrs(planes, &l, p, strides);
    /* never TJFLAG_FASTDCT here: libjpeg-turbo 2.1 then gives scaled planes with chroma far
     * off (a skin tone comes out orange; tests/test_jpegcut.c); a scaled IDCT is no slower */
    if (tjDecompressToYUVPlanes(tj, buf, (unsigned long)len, p, sw, strides, sh,
                                TJFLAG_LIMITSCANS | (strict ? TJFLAG_STOPONWARNING : 0)) < 0 &&
        (strict || tjGetErrorCode(tj) == TJERR_FATAL)) {
        cannot_decode(err, errlen, path, tj);
        goto done;
    }
    int fw = sw, fh = sh; /* the picture as stored: upright */
    if (o > 1 && o <= 8) {
        /* turned whole chroma blocks only: a last odd row or column of the scaled picture is
         * dropped, so no chroma sample ends up half a pixel off its light */
        int hf = tjMCUWidth[samp] / 8, vf = tjMCUHeight[samp] / 8;
        int cw = sw / hf * hf, ch = sh / vf * vf;
        struct layout cl, tl;
        plane_layout(cw, ch, samp, &cl);
        fw = swap ? ch : cw, fh = swap ? cw : ch;
        plane_layout(fw, fh, tsamp, &tl);
        if (!(turned = malloc(tl.len))) {
            snprintf(err, errlen, _("no memory for '%s' (%dx%d)"), path, sw, sh);
            goto done;
        }
        for (int i = 0; i < l.n; i++)
            turn_plane(planes + l.off[i], cl.pw[i], cl.ph[i], l.pw[i], turned + tl.off[i], o);
        free(planes);
        planes = turned, turned = NULL;
        l = tl;
        samp = tsamp;
        plane_ptrs(planes, &l, p, strides);
    }
    tjhandle enc = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long jlen = 0;
    if (!enc ||
        tjCompressFromYUVPlanes(enc, (const unsigned char **)p, fw, strides, fh, samp, &jpg, &jlen,
                                CUT_QUALITY, 0) < 0 ||
        !(out->jpeg = malloc(jlen))) {
        snprintf(err, errlen, _("cannot re-encode '%s': %s"), path,
                 images_decoder_reason(enc ? tjGetErrorStr2(enc) : "libturbojpeg"));
    } else {
        memcpy(out->jpeg, jpg, jlen);
        out->jpeg_len = jlen;
        rc = 0;
    }
    if (jpg)
        tjFree(jpg);
    if (enc)
        tjDestroy(enc);
    if (rc == 0 && thumb_side > 0 && make_thumb(planes, &l, fw, fh, samp, thumb_side, &out->thumb))
        out->thumb = (struct jpegcut_planes){0}; /* no memory: the preview decodes the file */
done:
    free(planes);
    free(turned);
    if (tj)
        tjDestroy(tj);
    if (rc < 0)
        jpegcut_result_free(out);
    return rc;
}

void jpegcut_result_free(struct jpegcut_result *r)
{
    free(r->jpeg);
    free(r->thumb.data);
    *r = (struct jpegcut_result){0};
}

SDL_Surface *jpegcut_planes_surface(const struct jpegcut_planes *t)
{
    if (!t->data)
        return NULL;
    struct layout l;
    plane_layout(t->w, t->h, t->subsamp, &l);
    unsigned char *p[3];
    int strides[3];
    plane_ptrs(t->data, &l, p, strides);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, t->w, t->h, 32, SDL_PIXELFORMAT_ARGB8888);
    tjhandle tj = s ? tjInitDecompress() : NULL;
    /* BGRA in memory is ARGB8888 on little-endian machines; the alpha bytes come out 0xFF */
    if (!tj || tjDecodeYUVPlanes(tj, (const unsigned char **)p, strides, t->subsamp, s->pixels,
                                 t->w, s->pitch, t->h,
                                 SDL_BYTEORDER == SDL_LIL_ENDIAN ? TJPF_BGRA : TJPF_ARGB, 0) < 0) {
        SDL_FreeSurface(s);
        s = NULL;
    }
    if (tj)
        tjDestroy(tj);
    return s;
}
