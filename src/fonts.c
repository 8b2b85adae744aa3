/* fonts.c - fontconfig lookup, .ttc face selection, TTF_Font and glyph caches, fallback.
 *
 * The chain for each weight is: the theme's font (if any), Noto Sans CJK SC of that weight
 * (fontconfig "Noto Sans CJK SC:lang=zh-cn", which resolves to face index 2 of the .ttc),
 * then fontconfig's sorted list for "sans-serif:lang=zh-cn" (symbols, Latin, rarer scripts).
 * Fonts come only from the system or assets/, never from playlist content. */
#include "fonts.h"
#include "util.h"

#include <SDL_ttf.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACES 10
#define MAX_OPEN 64

struct face {
    char *file;
    int index;
    const void *map; /* the whole file, mapped at fonts_create(); NULL: read from file */
    size_t size;
};

struct open_font {
    int face;
    int px;
    TTF_Font *font;
};

struct glyph {
    uint32_t key_cp;
    int face, px; /* px == 0 marks an empty slot */
    double advance;
    SDL_Surface *surf; /* white glyph, rendered on first draw */
};

struct measure_ctx {
    struct fonts *f;
    enum font_weight w;
};

struct fonts {
    struct measure_ctx mctx[FONT_WEIGHT_COUNT]; /* what fonts_measure() hands out */
    struct face faces[MAX_FACES];
    int nfaces;
    int chain[FONT_WEIGHT_COUNT][MAX_FACES]; /* indices into faces */
    int nchain[FONT_WEIGHT_COUNT];
    struct open_font open[MAX_OPEN];
    int nopen, open_next;
    struct glyph *glyphs;
    size_t gcap, gcount;
    char *desc;
};

/* FreeType's library object inside SDL_ttf is shared by every font: one lock for all calls. */
static pthread_mutex_t ttf_lock = PTHREAD_MUTEX_INITIALIZER;

/* Maps a face's file once, at creation: every size opened later reads it from memory, so
 * drawing text never opens or reads a file (the player's frame loop does no file I/O). */
static void map_face(struct face *fc)
{
    int fd = open(fc->file, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < INT_MAX) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED)
            fc->map = m, fc->size = (size_t)st.st_size;
    }
    close(fd);
}

static int add_face(struct fonts *f, const char *file, int index)
{
    for (int i = 0; i < f->nfaces; i++)
        if (strcmp(f->faces[i].file, file) == 0 && f->faces[i].index == index)
            return i;
    if (f->nfaces == MAX_FACES)
        return -1;
    f->faces[f->nfaces] = (struct face){.file = xstrdup(file), .index = index};
    return f->nfaces++;
}

static void chain_add(struct fonts *f, int w, int face)
{
    if (face < 0)
        return;
    for (int i = 0; i < f->nchain[w]; i++)
        if (f->chain[w][i] == face)
            return;
    if (f->nchain[w] < MAX_FACES)
        f->chain[w][f->nchain[w]++] = face;
}

/* Resolves a fontconfig pattern to (file, index) of the best match. */
static int fc_match(struct fonts *f, const char *pattern, bool require_family, const char *family)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return -1;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    int face = -1;
    if (m) {
        FcChar8 *file = NULL, *fam = NULL;
        int index = 0;
        FcPatternGetString(m, FC_FILE, 0, &file);
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        FcPatternGetString(m, FC_FAMILY, 0, &fam);
        bool ok = file != NULL;
        if (ok && require_family && family) {
            ok = false;
            for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
                if (strcasecmp((const char *)fam, family) == 0)
                    ok = true;
        }
        if (ok)
            face = add_face(f, (const char *)file, index);
        FcPatternDestroy(m);
    }
    FcPatternDestroy(pat);
    return face;
}

static void fc_fallbacks(struct fonts *f, int w)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)(w == FONT_BOLD ? "sans-serif:lang=zh-cn:bold"
                                                                   : "sans-serif:lang=zh-cn"));
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(NULL, pat, FcTrue, NULL, &res);
    for (int i = 0; set && i < set->nfont && f->nchain[w] < MAX_FACES - 1; i++) {
        FcChar8 *file = NULL;
        int index = 0;
        FcBool color = FcFalse, scalable = FcTrue;
        FcPatternGetString(set->fonts[i], FC_FILE, 0, &file);
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        FcPatternGetBool(set->fonts[i], FC_COLOR, 0, &color);
        FcPatternGetBool(set->fonts[i], FC_SCALABLE, 0, &scalable);
        if (!file || color || !scalable)
            continue;
        chain_add(f, w, add_face(f, (const char *)file, index));
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
}

static bool is_font_file(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && (strcasecmp(s + n - 4, ".ttf") == 0 || strcasecmp(s + n - 4, ".otf") == 0 ||
                     strcasecmp(s + n - 4, ".ttc") == 0);
}

struct fonts *fonts_create(const char *family, char *err, size_t errlen)
{
    pthread_mutex_lock(&ttf_lock);
    if (!TTF_WasInit() && TTF_Init() < 0) {
        pthread_mutex_unlock(&ttf_lock);
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    FcInit();
    struct fonts *f = xcalloc(1, sizeof *f);
    if (family && *family) {
        if (is_font_file(family)) {
            if (!strstr(family, "..") && family[0] != '/') {
                char *dir = hb_assets_dir();
                char *p = path_join(dir, family);
                if (path_is_file(p)) {
                    int face = add_face(f, p, 0);
                    chain_add(f, FONT_REGULAR, face);
                    chain_add(f, FONT_BOLD, face);
                }
                free(p);
                free(dir);
            }
        } else {
            char *pat = xasprintf("%s:lang=zh-cn", family);
            chain_add(f, FONT_REGULAR, fc_match(f, pat, true, family));
            free(pat);
            pat = xasprintf("%s:lang=zh-cn:bold", family);
            chain_add(f, FONT_BOLD, fc_match(f, pat, true, family));
            free(pat);
        }
    }
    chain_add(f, FONT_REGULAR, fc_match(f, "Noto Sans CJK SC:lang=zh-cn", true, "Noto Sans CJK SC"));
    chain_add(f, FONT_BOLD, fc_match(f, "Noto Sans CJK SC:lang=zh-cn:bold", true, "Noto Sans CJK SC"));
    for (int w = 0; w < FONT_WEIGHT_COUNT; w++)
        fc_fallbacks(f, w);
    /* Bold falls back to the regular chain for what bold faces lack. */
    for (int i = 0; i < f->nchain[FONT_REGULAR]; i++)
        chain_add(f, FONT_BOLD, f->chain[FONT_REGULAR][i]);
    for (int i = 0; i < f->nfaces; i++)
        map_face(&f->faces[i]);
    pthread_mutex_unlock(&ttf_lock);
    if (f->nchain[FONT_REGULAR] == 0) {
        snprintf(err, errlen, "no Chinese font found (install the Debian package fonts-noto-cjk)");
        fonts_destroy(f);
        return NULL;
    }
    struct strbuf d = {0};
    for (int i = 0; i < f->nchain[FONT_REGULAR]; i++) {
        const struct face *fc = &f->faces[f->chain[FONT_REGULAR][i]];
        const char *base = strrchr(fc->file, '/');
        sb_printf(&d, "%s%s#%d", i ? ", " : "", base ? base + 1 : fc->file, fc->index);
    }
    f->desc = d.s;
    for (int k = 0; k < FONT_WEIGHT_COUNT; k++)
        f->mctx[k] = (struct measure_ctx){f, (enum font_weight)k};
    f->gcap = 4096;
    f->glyphs = xcalloc(f->gcap, sizeof *f->glyphs);
    return f;
}

void fonts_destroy(struct fonts *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&ttf_lock);
    for (int i = 0; i < f->nopen; i++)
        TTF_CloseFont(f->open[i].font);
    for (size_t i = 0; i < f->gcap; i++)
        if (f->glyphs && f->glyphs[i].surf)
            SDL_FreeSurface(f->glyphs[i].surf);
    free(f->glyphs);
    for (int i = 0; i < f->nfaces; i++) {
        if (f->faces[i].map)
            munmap((void *)f->faces[i].map, f->faces[i].size);
        free(f->faces[i].file);
    }
    free(f->desc);
    pthread_mutex_unlock(&ttf_lock);
    free(f);
}

static TTF_Font *get_font(struct fonts *f, int face, int px)
{
    for (int i = 0; i < f->nopen; i++)
        if (f->open[i].face == face && f->open[i].px == px)
            return f->open[i].font;
    const struct face *fc = &f->faces[face];
    TTF_Font *font = fc->map ? TTF_OpenFontIndexRW(SDL_RWFromConstMem(fc->map, (int)fc->size), 1,
                                                   px, fc->index)
                             : TTF_OpenFontIndex(fc->file, px, fc->index);
    if (!font)
        return NULL;
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    int slot;
    if (f->nopen < MAX_OPEN) {
        slot = f->nopen++;
    } else { /* evict round-robin; glyph surfaces stay valid (they are copies) */
        slot = f->open_next;
        f->open_next = (f->open_next + 1) % MAX_OPEN;
        TTF_CloseFont(f->open[slot].font);
    }
    f->open[slot] = (struct open_font){face, px, font};
    return font;
}

static size_t ghash(uint32_t cp, int w, int px)
{
    uint64_t h = (uint64_t)cp * 0x9E3779B97F4A7C15ull ^ (uint64_t)(px * 131 + w) * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 29));
}

static void grow_glyphs(struct fonts *f);

/* The cache entry for (w, cp, px), resolving the face and advance on first use. */
static struct glyph *glyph_get(struct fonts *f, int w, uint32_t cp, int px)
{
    if (f->gcount * 2 >= f->gcap)
        grow_glyphs(f);
    size_t mask = f->gcap - 1, i = ghash(cp, w, px) & mask;
    int tag = px * 4 + w; /* (px, weight) packed into px field */
    while (f->glyphs[i].px) {
        if (f->glyphs[i].key_cp == cp && f->glyphs[i].px == tag)
            return &f->glyphs[i];
        i = (i + 1) & mask;
    }
    struct glyph *g = &f->glyphs[i];
    *g = (struct glyph){.key_cp = cp, .px = tag, .face = -1};
    f->gcount++;
    for (int k = 0; k < f->nchain[w]; k++) {
        TTF_Font *font = get_font(f, f->chain[w][k], px);
        if (font && TTF_GlyphIsProvided32(font, cp)) {
            g->face = f->chain[w][k];
            break;
        }
    }
    int face = g->face >= 0 ? g->face : f->chain[w][0];
    TTF_Font *font = get_font(f, face, px);
    int minx, maxx, miny, maxy, adv = 0;
    if (font && TTF_GlyphMetrics32(font, g->face >= 0 ? cp : 0xFFFD, &minx, &maxx, &miny, &maxy,
                                   &adv) == 0)
        g->advance = adv;
    else
        g->advance = px * 0.5;
    return g;
}

static void grow_glyphs(struct fonts *f)
{
    struct glyph *old = f->glyphs;
    size_t oldcap = f->gcap;
    f->gcap *= 2;
    f->glyphs = xcalloc(f->gcap, sizeof *f->glyphs);
    size_t mask = f->gcap - 1;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].px)
            continue;
        size_t j = ghash(old[i].key_cp, old[i].px % 4, old[i].px / 4) & mask;
        while (f->glyphs[j].px)
            j = (j + 1) & mask;
        f->glyphs[j] = old[i];
    }
    free(old);
}

static int px_int(double px)
{
    int p = (int)lround(px);
    return p < 4 ? 4 : p > 1000 ? 1000 : p;
}

double fonts_advance(struct fonts *f, enum font_weight w, uint32_t cp, double px)
{
    pthread_mutex_lock(&ttf_lock);
    double a = glyph_get(f, (int)w, cp, px_int(px))->advance;
    pthread_mutex_unlock(&ttf_lock);
    return a;
}

static double measure_adv(void *ctx, uint32_t cp, double px)
{
    const struct measure_ctx *m = ctx;
    if (cp == '\t')
        cp = ' ';
    return fonts_advance(m->f, m->w, cp, px);
}

struct tl_measure fonts_measure(struct fonts *f, enum font_weight w)
{
    return (struct tl_measure){.advance = measure_adv, .ctx = &f->mctx[w]};
}

double fonts_ascent(struct fonts *f, enum font_weight w, double px)
{
    pthread_mutex_lock(&ttf_lock);
    TTF_Font *font = get_font(f, f->chain[w][0], px_int(px));
    double a = font ? TTF_FontAscent(font) : px;
    pthread_mutex_unlock(&ttf_lock);
    return a;
}

double fonts_height(struct fonts *f, enum font_weight w, double px)
{
    pthread_mutex_lock(&ttf_lock);
    TTF_Font *font = get_font(f, f->chain[w][0], px_int(px));
    double h = font ? TTF_FontHeight(font) : px * 1.4;
    pthread_mutex_unlock(&ttf_lock);
    return h;
}

bool fonts_has_glyph(struct fonts *f, uint32_t cp)
{
    pthread_mutex_lock(&ttf_lock);
    bool ok = glyph_get(f, FONT_REGULAR, cp, 32)->face >= 0;
    pthread_mutex_unlock(&ttf_lock);
    return ok;
}

/* Paints colour c through the glyph's alpha (its coverage) onto dst at (x, y), clipped to
 * dst's clip rectangle: blended onto an opaque page, or, for a transparent overlay, as colour
 * with the coverage as alpha. (SDL's own blit with a colour mod takes a slow generic path.) */
static void paint_glyph(SDL_Surface *dst, const SDL_Surface *glyph, int x, int y, SDL_Color c,
                        bool transparent)
{
    const SDL_Rect *cl = &dst->clip_rect;
    int x0 = x > cl->x ? x : cl->x, y0 = y > cl->y ? y : cl->y;
    int x1 = x + glyph->w < cl->x + cl->w ? x + glyph->w : cl->x + cl->w;
    int y1 = y + glyph->h < cl->y + cl->h ? y + glyph->h : cl->y + cl->h;
    const uint32_t *sp = glyph->pixels;
    uint32_t *dp = dst->pixels;
    int spitch = glyph->pitch / 4, dpitch = dst->pitch / 4;
    uint32_t rgb = ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
    for (int yy = y0; yy < y1; yy++) {
        const uint32_t *srow = sp + (yy - y) * spitch - x;
        uint32_t *drow = dp + yy * dpitch;
        for (int xx = x0; xx < x1; xx++) {
            uint32_t cov = srow[xx] >> 24;
            if (!cov)
                continue;
            uint32_t a = cov * c.a + 127;
            a = (a + (a >> 8)) >> 8; /* /255 */
            uint32_t d = drow[xx];
            if (transparent) {
                if (a > d >> 24)
                    drow[xx] = (a << 24) | rgb;
                continue;
            }
            uint32_t na = 255 - a;
            uint32_t r = (c.r * a + ((d >> 16) & 255) * na + 127) / 255;
            uint32_t g = (c.g * a + ((d >> 8) & 255) * na + 127) / 255;
            uint32_t b = (c.b * a + (d & 255) * na + 127) / 255;
            drow[xx] = 0xFF000000u | (r << 16) | (g << 8) | b;
        }
    }
}

static void draw_locked(struct fonts *f, int w, uint32_t cp, int px, SDL_Surface *dst, double x,
                        double baseline, SDL_Color c, bool transparent)
{
    if (tl_is_space(cp) || cp == '\n')
        return;
    struct glyph *g = glyph_get(f, w, cp, px);
    int face = g->face >= 0 ? g->face : f->chain[w][0];
    TTF_Font *font = get_font(f, face, px);
    if (!font)
        return;
    if (!g->surf) {
        SDL_Color white = {255, 255, 255, 255};
        SDL_Surface *s = TTF_RenderGlyph32_Blended(font, g->face >= 0 ? cp : 0xFFFD, white);
        if (!s)
            return;
        g->surf = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(s);
        if (!g->surf)
            return;
    }
    int gx = (int)lround(x), gy = (int)lround(baseline) - TTF_FontAscent(font);
    paint_glyph(dst, g->surf, gx, gy, c, transparent);
}

void fonts_draw_glyph(struct fonts *f, enum font_weight w, uint32_t cp, double px,
                      SDL_Surface *dst, double x, double baseline, SDL_Color c)
{
    pthread_mutex_lock(&ttf_lock);
    draw_locked(f, (int)w, cp, px_int(px), dst, x, baseline, c, false);
    pthread_mutex_unlock(&ttf_lock);
}

static double draw_text(struct fonts *f, enum font_weight w, const char *s, double px,
                        SDL_Surface *dst, double x, double baseline, SDL_Color c, bool transparent)
{
    pthread_mutex_lock(&ttf_lock);
    int p = px_int(px);
    double x0 = x;
    size_t n = strlen(s), len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = utf8_decode(s + i, n - i, &len);
        if (dst)
            draw_locked(f, (int)w, cp, p, dst, x, baseline, c, transparent);
        x += glyph_get(f, (int)w, cp, p)->advance;
    }
    pthread_mutex_unlock(&ttf_lock);
    return x - x0;
}

double fonts_draw_text(struct fonts *f, enum font_weight w, const char *s, double px,
                       SDL_Surface *dst, double x, double baseline, SDL_Color c)
{
    return draw_text(f, w, s, px, dst, x, baseline, c, false);
}

double fonts_draw_text_alpha(struct fonts *f, enum font_weight w, const char *s, double px,
                             SDL_Surface *dst, double x, double baseline, SDL_Color c)
{
    return draw_text(f, w, s, px, dst, x, baseline, c, true);
}

double fonts_text_width(struct fonts *f, enum font_weight w, const char *s, double px)
{
    return fonts_draw_text(f, w, s, px, NULL, 0, 0, (SDL_Color){0, 0, 0, 0});
}

const char *fonts_describe(struct fonts *f)
{
    return f->desc;
}

static void *glyph_open(const char *family, char *err, size_t errlen)
{
    return fonts_create(family, err, errlen);
}

static bool glyph_has(void *chain, uint32_t cp)
{
    return fonts_has_glyph(chain, cp);
}

static void glyph_close(void *chain)
{
    fonts_destroy(chain);
}

const struct glyph_checker fonts_glyph_checker = {glyph_open, glyph_has, glyph_close};
