/* images_pixels.c - pixel work on decoded photos (ARGB8888 surfaces, no files): the EXIF turn,
 * good-quality scaling (box-filter halving, then bilinear) and the blurred letterbox backdrop. */
#include "picture/images_pixels.h"
#include "base/i18n.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

const char *images_decoder_reason(const char *lib)
{
    if (!lib || !*lib)
        lib = "?";
    if (!i18n_chinese())
        return lib;
    static const char *const known[][2] = {
        {"Premature end of JPEG file", N_("the file ends too early (cut off when it was copied?)")},
        {"Not a JPEG file", N_("it is not a JPEG picture inside")},
        {"Corrupt JPEG data", N_("the JPEG data is damaged")},
        {"Unsupported", N_("it is a kind of JPEG the board cannot read")},
        {"Out of memory", N_("not enough memory")},
        {"no memory", N_("not enough memory")},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strncmp(lib, known[i][0], strlen(known[i][0])) == 0)
            return _(known[i][1]);
    return _("the file is damaged: the picture library cannot read it");
}

struct images_turn images_turn_steps(int o, ptrdiff_t W, ptrdiff_t H, ptrdiff_t dpitch)
{
    /* dx = cx0 + x*m[0] + y*m[1], dy = cy0 + x*m[2] + y*m[3]: one step in the destination per
     * source pixel and per source row */
    static const signed char map[9][4] = {{1, 0, 0, 1},   {1, 0, 0, 1},   {-1, 0, 0, 1},
                                          {-1, 0, 0, -1}, {1, 0, 0, -1},  {0, 1, 1, 0},
                                          {0, -1, 1, 0},  {0, -1, -1, 0}, {0, 1, -1, 0}};
    const signed char *m = map[o >= 1 && o <= 8 ? o : 1];
    ptrdiff_t cx0 = (m[0] < 0 ? W - 1 : 0) + (m[1] < 0 ? H - 1 : 0);
    ptrdiff_t cy0 = (m[2] < 0 ? W - 1 : 0) + (m[3] < 0 ? H - 1 : 0);
    return (struct images_turn){.origin = cy0 * dpitch + cx0,
                                .step_x = m[2] * dpitch + m[0],
                                .step_y = m[3] * dpitch + m[1]};
}

SDL_Surface *images_orient(SDL_Surface *src, int o)
{
    if (o <= 1 || o > 8)
        return src;
    bool swap = o >= 5;
    int w = swap ? src->h : src->w, h = swap ? src->w : src->h;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return src;
    /* walked in tiles, so a turn by 90 degrees writes a few cache lines at a time instead of
     * one pixel in each of thousands of rows */
    const uint32_t *sp = src->pixels;
    ptrdiff_t spitch = src->pitch / 4, W = src->w, H = src->h;
    struct images_turn t = images_turn_steps(o, W, H, dst->pitch / 4);
    ptrdiff_t step_x = t.step_x, step_y = t.step_y;
    uint32_t *base = (uint32_t *)dst->pixels + t.origin;
    enum { TILE = 64 };
    for (ptrdiff_t ty = 0; ty < H; ty += TILE)
        for (ptrdiff_t tx = 0; tx < W; tx += TILE) {
            ptrdiff_t ey = ty + TILE < H ? ty + TILE : H, ex = tx + TILE < W ? tx + TILE : W;
            for (ptrdiff_t y = ty; y < ey; y++) {
                const uint32_t *srow = sp + y * spitch;
                uint32_t *d = base + y * step_y;
                for (ptrdiff_t x = tx; x < ex; x++)
                    d[x * step_x] = srow[x];
            }
        }
    SDL_FreeSurface(src);
    return dst;
}

/* Halves a surface with a 2x2 box filter (premultiplied-free; photos are opaque). */
static SDL_Surface *half(SDL_Surface *src)
{
    int w = src->w / 2, h = src->h / 2;
    if (w < 1 || h < 1)
        return NULL;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return NULL;
    int sp = src->pitch / 4, dp = dst->pitch / 4;
    const uint32_t *s = src->pixels;
    uint32_t *d = dst->pixels;
    for (int y = 0; y < h; y++) {
        const uint32_t *r0 = s + (2 * y) * sp, *r1 = r0 + sp;
        for (int x = 0; x < w; x++) {
            uint32_t a = r0[2 * x], b = r0[2 * x + 1], c = r1[2 * x], e = r1[2 * x + 1];
            uint32_t out = 0;
            for (int sh = 0; sh < 32; sh += 8) {
                uint32_t v = ((a >> sh) & 255) + ((b >> sh) & 255) + ((c >> sh) & 255) +
                             ((e >> sh) & 255) + 2;
                out |= ((v >> 2) & 255) << sh;
            }
            d[y * dp + x] = out;
        }
    }
    return dst;
}

void images_scale_into(SDL_Surface *src, SDL_Surface *dst)
{
    int w = dst->w, h = dst->h;
    SDL_Surface *cur = src;
    while (cur->w >= 2 * w && cur->h >= 2 * h) {
        SDL_Surface *next = half(cur);
        if (!next)
            break;
        if (cur != src)
            SDL_FreeSurface(cur);
        cur = next;
    }
    if (cur->w != w || cur->h != h) {
        if (SDL_SoftStretchLinear(cur, NULL, dst, NULL) < 0)
            SDL_BlitScaled(cur, NULL, dst, NULL);
    } else {
        SDL_SetSurfaceBlendMode(cur, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(cur, NULL, dst, NULL);
    }
    if (cur != src)
        SDL_FreeSurface(cur);
}

SDL_Surface *images_scale(SDL_Surface *src, int w, int h)
{
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w < 1 ? 1 : w, h < 1 ? 1 : h, 32,
                                                      SDL_PIXELFORMAT_ARGB8888);
    if (dst)
        images_scale_into(src, dst);
    return dst;
}

bool images_opaque(const SDL_Surface *s)
{
    for (int y = 0; y < s->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++)
            if (row[x] < 0xFF000000u)
                return false;
    }
    return true;
}

SDL_Surface *images_blurred_backdrop(SDL_Surface *src, int w, int h)
{
    /* Shrink hard, then grow back bilinearly twice: a cheap, smooth blur. */
    int sw = w / 32 > 4 ? w / 32 : 4, sh = h / 32 > 4 ? h / 32 : 4;
    SDL_Surface *tiny = images_scale(src, sw, sh);
    if (!tiny)
        return NULL;
    SDL_Surface *mid = images_scale(tiny, sw * 4, sh * 4);
    SDL_FreeSurface(tiny);
    if (!mid)
        return NULL;
    SDL_Surface *out = images_scale(mid, w, h);
    SDL_FreeSurface(mid);
    return out;
}

/* CMYK pixels (4 bytes) to the surface's ARGB8888, in place of the colour management a print
 * office's file assumes: R = (1-C)(1-K), and so on; inverted files (Adobe) are C*K. */
void images_cmyk_to_argb(const unsigned char *cmyk, int w, int h, bool inverted, SDL_Surface *s)
{
    for (int y = 0; y < h; y++) {
        const unsigned char *p = cmyk + (size_t)y * (size_t)w * 4;
        uint32_t *d = (uint32_t *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < w; x++, p += 4) {
            unsigned c = p[0], m = p[1], yy = p[2], k = p[3];
            if (!inverted)
                c = 255 - c, m = 255 - m, yy = 255 - yy, k = 255 - k;
            unsigned r = (c * k + 127) / 255, g = (m * k + 127) / 255, b = (yy * k + 127) / 255;
            d[x] = 0xFF000000u | r << 16 | g << 8 | b;
        }
    }
}
