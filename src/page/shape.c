/* shape.c - HarfBuzz shaping and FreeType rasterising for one face (see shape.h).
 *
 * HarfBuzz works at the font's own units (scale = units per em) and positions are scaled
 * linearly to pixels, so a paragraph measures the same at every size and the layout never
 * depends on hinting. FreeType renders each glyph id once per size with light hinting (as
 * SDL_ttf did) into an 8-bit coverage bitmap kept in a per-face cache. A colour font (Noto Color
 * Emoji: CBDT bitmaps at one fixed size) is loaded with FT_LOAD_COLOR and its BGRA bitmap scaled
 * to the text size by area averaging. */
#include "page/shape.h"
#include "base/util.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_LIMIT 16384 /* glyph bitmaps per face before the cache starts over */

struct cached {
    uint32_t gid;
    int px; /* 0: empty slot */
    struct shape_bitmap bm;
};

struct shape_face {
    FT_Face ft;
    hb_face_t *hbface;
    hb_font_t *hbfont;
    unsigned upem;
    int ft_px; /* size FreeType is set to, 0 none yet */
    struct cached *cache;
    size_t ccap, ccount;
};

static FT_Library ft_lib; /* one for the process; callers hold fonts.c's lock */

struct shape_face *shape_face_open(const char *file, const void *data, size_t size, int index)
{
    if (!ft_lib && FT_Init_FreeType(&ft_lib) != 0)
        return NULL;
    struct shape_face *f = xcalloc(1, sizeof *f);
    int rc = data ? FT_New_Memory_Face(ft_lib, data, (FT_Long)size, index, &f->ft)
                  : FT_New_Face(ft_lib, file, index, &f->ft);
    if (rc != 0) {
        free(f);
        return NULL;
    }
    hb_blob_t *blob =
        data ? hb_blob_create(data, (unsigned)size, HB_MEMORY_MODE_READONLY, NULL, NULL)
             : hb_blob_create_from_file(file);
    f->hbface = hb_face_create(blob, (unsigned)index);
    hb_blob_destroy(blob);
    f->upem = hb_face_get_upem(f->hbface);
    if (!f->upem || hb_face_get_glyph_count(f->hbface) == 0) {
        shape_face_close(f);
        return NULL;
    }
    f->hbfont = hb_font_create(f->hbface);
    hb_font_set_scale(f->hbfont, (int)f->upem, (int)f->upem);
    return f;
}

static void cache_clear(struct shape_face *f)
{
    for (size_t i = 0; i < f->ccap; i++)
        free(f->cache[i].bm.cov), free(f->cache[i].bm.argb);
    free(f->cache);
    f->cache = NULL;
    f->ccap = f->ccount = 0;
}

void shape_face_close(struct shape_face *f)
{
    if (!f)
        return;
    cache_clear(f);
    hb_font_destroy(f->hbfont);
    hb_face_destroy(f->hbface);
    if (f->ft)
        FT_Done_Face(f->ft);
    free(f);
}

uint32_t shape_face_glyph(struct shape_face *f, uint32_t cp)
{
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(f->hbfont, cp, &g) ? g : 0;
}

double shape_face_advance(struct shape_face *f, uint32_t gid, double px)
{
    return hb_font_get_glyph_h_advance(f->hbfont, gid) * px / f->upem;
}

int shape_face_ascent(struct shape_face *f, double px)
{
    return (int)ceil(f->ft->ascender * px / f->ft->units_per_EM - 1e-9);
}

int shape_face_height(struct shape_face *f, double px)
{
    return (int)ceil((f->ft->ascender - f->ft->descender) * px / f->ft->units_per_EM - 1e-9);
}

/* Shapes along a line (LTR, 'halt' for half widths) or down a column (TTB: 'vert' and 'vrt2'
 * for the vertical forms, 'vhal' for half heights; positions from the font's vertical metrics,
 * vmtx and VORG, which HarfBuzz reads as FreeType does). */
enum shape_way { WAY_LTR, WAY_TTB, WAY_RTL };

static size_t shape_dir(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half,
                        double px, enum shape_way way, struct shape_glyph **out, size_t *cap)
{
    bool vertical = way == WAY_TTB;
    static hb_language_t zh;
    if (!zh)
        zh = hb_language_from_string("zh-Hans", -1);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_codepoints(buf, cps, (int)n, 0, (int)n);
    if (way == WAY_RTL) {
        /* a right-to-left run (Uyghur, Arabic, Hebrew): its own script (the first of its
         * letters) so the font's joining forms and marks apply; glyphs come out left to right */
        hb_buffer_set_direction(buf, HB_DIRECTION_RTL);
        hb_buffer_guess_segment_properties(buf);
    } else {
        hb_buffer_set_direction(buf, vertical ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
        hb_buffer_set_script(buf, HB_SCRIPT_HAN);
        hb_buffer_set_language(buf, zh);
    }
    /* 'halt' on each maximal range of code points asked to be half width */
    hb_feature_t *feat = xmalloc(2 * sizeof *feat);
    size_t nfeat = 0;
    if (vertical) {
        feat[nfeat++] = (hb_feature_t){HB_TAG('v', 'e', 'r', 't'), 1, 0, (unsigned)-1};
        feat[nfeat++] = (hb_feature_t){HB_TAG('v', 'r', 't', '2'), 1, 0, (unsigned)-1};
    }
    for (size_t i = 0; half && i < n; i++) {
        if (!half[i])
            continue;
        size_t j = i;
        while (j < n && half[j])
            j++;
        feat = xrealloc(feat, (nfeat + 1) * sizeof *feat);
        feat[nfeat++] =
            (hb_feature_t){vertical ? HB_TAG('v', 'h', 'a', 'l') : HB_TAG('h', 'a', 'l', 't'), 1,
                           (unsigned)i, (unsigned)j};
        i = j;
    }
    hb_shape(f->hbfont, buf, feat, (unsigned)nfeat);
    free(feat);
    unsigned count = 0;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &count);
    if (count > *cap) {
        *cap = count;
        *out = xrealloc(*out, *cap * sizeof **out);
    }
    double k = px / f->upem;
    for (unsigned i = 0; i < count; i++)
        (*out)[i] = (struct shape_glyph){.gid = gi[i].codepoint,
                                         .cluster = gi[i].cluster,
                                         .adv = (vertical ? -gp[i].y_advance : gp[i].x_advance) * k,
                                         .dx = gp[i].x_offset * k,
                                         .dy = gp[i].y_offset * k};
    hb_buffer_destroy(buf);
    return count;
}

size_t shape_run(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half, double px,
                 struct shape_glyph **out, size_t *cap)
{
    return shape_dir(f, cps, n, half, px, WAY_LTR, out, cap);
}

size_t shape_run_bidi(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half,
                      double px, bool rtl, struct shape_glyph **out, size_t *cap)
{
    return shape_dir(f, cps, n, half, px, rtl ? WAY_RTL : WAY_LTR, out, cap);
}

size_t shape_run_vertical(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half,
                          double px, struct shape_glyph **out, size_t *cap)
{
    return shape_dir(f, cps, n, half, px, WAY_TTB, out, cap);
}

static size_t chash(uint32_t gid, int px)
{
    uint64_t h = ((uint64_t)gid << 16 ^ (uint64_t)px) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 31));
}

static struct cached *cache_slot(struct shape_face *f, uint32_t gid, int px)
{
    if (f->ccount >= CACHE_LIMIT)
        cache_clear(f);
    if ((f->ccount + 1) * 2 > f->ccap) {
        struct cached *old = f->cache;
        size_t oldcap = f->ccap;
        f->ccap = f->ccap ? f->ccap * 2 : 1024;
        f->cache = xcalloc(f->ccap, sizeof *f->cache);
        for (size_t i = 0; i < oldcap; i++) {
            if (!old[i].px)
                continue;
            size_t j = chash(old[i].gid, old[i].px) & (f->ccap - 1);
            while (f->cache[j].px)
                j = (j + 1) & (f->ccap - 1);
            f->cache[j] = old[i];
        }
        free(old);
    }
    size_t i = chash(gid, px) & (f->ccap - 1);
    while (f->cache[i].px && !(f->cache[i].gid == gid && f->cache[i].px == px))
        i = (i + 1) & (f->ccap - 1);
    return &f->cache[i];
}

/* The rendered glyph slot's 8-bit or 1-bit bitmap as coverage. */
static void copy_coverage(const FT_GlyphSlot slot, struct shape_bitmap *bm)
{
    const FT_Bitmap *b = &slot->bitmap;
    if (!b->rows || !b->width || !b->buffer ||
        (b->pixel_mode != FT_PIXEL_MODE_GRAY && b->pixel_mode != FT_PIXEL_MODE_MONO))
        return;
    bm->w = (int)b->width, bm->h = (int)b->rows, bm->pitch = bm->w;
    bm->left = slot->bitmap_left, bm->top = slot->bitmap_top;
    bm->cov = xmalloc((size_t)bm->w * (size_t)bm->h);
    for (int y = 0; y < bm->h; y++) {
        const uint8_t *row = b->buffer + (ptrdiff_t)y * b->pitch;
        for (int x = 0; x < bm->w; x++) {
            uint8_t v = b->pixel_mode == FT_PIXEL_MODE_MONO
                            ? ((row[x >> 3] >> (7 - (x & 7))) & 1) * 255
                            : row[x];
            bm->cov[y * bm->w + x] = v;
        }
    }
}

/* Scales a BGRA bitmap (premultiplied, as FreeType gives it) by k into bm->argb by averaging
 * the source pixels each target pixel covers. */
static void scale_bgra(const FT_Bitmap *b, double k, struct shape_bitmap *bm)
{
    int sw = (int)b->width, shh = (int)b->rows;
    bm->w = (int)ceil(sw * k - 1e-9), bm->h = (int)ceil(shh * k - 1e-9), bm->pitch = bm->w;
    if (bm->w < 1 || bm->h < 1)
        return;
    bm->argb = xmalloc((size_t)bm->w * (size_t)bm->h * sizeof *bm->argb);
    for (int y = 0; y < bm->h; y++) {
        int y0 = (int)(y / k), y1 = (int)((y + 1) / k);
        y1 = y1 > shh ? shh : y1 <= y0 ? y0 + 1 : y1;
        for (int x = 0; x < bm->w; x++) {
            int x0 = (int)(x / k), x1 = (int)((x + 1) / k);
            x1 = x1 > sw ? sw : x1 <= x0 ? x0 + 1 : x1;
            uint32_t sum[4] = {0}, cnt = 0;
            for (int yy = y0; yy < y1 && yy < shh; yy++)
                for (int xx = x0; xx < x1 && xx < sw; xx++, cnt++) {
                    const uint8_t *p = b->buffer + (ptrdiff_t)yy * b->pitch + xx * 4;
                    for (int c = 0; c < 4; c++)
                        sum[c] += p[c];
                }
            uint32_t v[4];
            for (int c = 0; c < 4; c++)
                v[c] = cnt ? (sum[c] + cnt / 2) / cnt : 0;
            /* FreeType's order is B, G, R, A */
            bm->argb[y * bm->w + x] = v[3] << 24 | v[2] << 16 | v[1] << 8 | v[0];
        }
    }
}

/* A colour glyph: the strike nearest px at or above it (CBDT has fixed sizes), scaled to px. */
static void render_colour(struct shape_face *f, uint32_t gid, int px, struct shape_bitmap *bm)
{
    double k = 1;
    if (!FT_IS_SCALABLE(f->ft) && f->ft->num_fixed_sizes > 0) {
        int best = 0;
        for (int i = 1; i < f->ft->num_fixed_sizes; i++) {
            FT_Pos b = f->ft->available_sizes[best].y_ppem, c = f->ft->available_sizes[i].y_ppem;
            if ((b < px * 64 && c > b) || (c >= px * 64 && c < b))
                best = i;
        }
        if (FT_Select_Size(f->ft, best) != 0)
            return;
        f->ft_px = -1;
        k = px / (f->ft->available_sizes[best].y_ppem / 64.0);
    } else if (f->ft_px != px) {
        if (FT_Set_Pixel_Sizes(f->ft, 0, (FT_UInt)px) != 0)
            return;
        f->ft_px = px;
    }
    if (FT_Load_Glyph(f->ft, gid, FT_LOAD_COLOR) != 0 ||
        FT_Render_Glyph(f->ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
        return;
    const FT_Bitmap *b = &f->ft->glyph->bitmap;
    if (b->pixel_mode != FT_PIXEL_MODE_BGRA) {
        if (k == 1)
            copy_coverage(f->ft->glyph, bm); /* a plain glyph of a colour outline font */
        return;
    }
    if (!b->rows || !b->width || !b->buffer)
        return;
    scale_bgra(b, k, bm);
    bm->left = (int)lround(f->ft->glyph->bitmap_left * k);
    bm->top = (int)lround(f->ft->glyph->bitmap_top * k);
}

/* Renders gid at px into bm (bm->cov and bm->argb NULL when the glyph has no ink). */
static void render_glyph(struct shape_face *f, uint32_t gid, int px, struct shape_bitmap *bm)
{
    *bm = (struct shape_bitmap){0};
    if (FT_HAS_COLOR(f->ft)) {
        render_colour(f, gid, px, bm);
        return;
    }
    if (f->ft_px != px) {
        if (FT_Set_Pixel_Sizes(f->ft, 0, (FT_UInt)px) != 0)
            return;
        f->ft_px = px;
    }
    if (FT_Load_Glyph(f->ft, gid, FT_LOAD_TARGET_LIGHT) != 0 ||
        FT_Render_Glyph(f->ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
        return;
    copy_coverage(f->ft->glyph, bm);
}

const struct shape_bitmap *shape_glyph_bitmap(struct shape_face *f, uint32_t gid, int px)
{
    struct cached *c = cache_slot(f, gid, px);
    if (!c->px) {
        c->gid = gid;
        c->px = px;
        f->ccount++;
        render_glyph(f, gid, px, &c->bm);
    }
    return c->bm.cov || c->bm.argb ? &c->bm : NULL;
}
