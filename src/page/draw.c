/* draw.c - elements -> pixels: gradients, rounded badges, framed photos (EXIF-oriented, cropped
 * around the focus, scaled with a box filter), placeholders, and typeset text glyph by glyph. */
#include "page/draw.h"
#include "picture/qrcode.h"
#include "page/fonts_vertical.h"
#include "text/bidi.h"
#include "text/tlvertical.h"
#include "picture/images.h"
#include "base/util.h"
#include "film/video.h"
#include "film/videofile.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static inline uint32_t blend_px(uint32_t d, struct color c, unsigned a)
{
    unsigned dr = (d >> 16) & 255, dg = (d >> 8) & 255, db = d & 255;
    unsigned r = (c.r * a + dr * (255 - a) + 127) / 255;
    unsigned g = (c.g * a + dg * (255 - a) + 127) / 255;
    unsigned b = (c.b * a + db * (255 - a) + 127) / 255;
    return 0xFF000000u | (r << 16) | (g << 8) | b;
}

/* Coverage of pixel (px,py) by a rounded rectangle, 0..1, for anti-aliased corners. */
static double round_cov(double px, double py, double x, double y, double w, double h, double r)
{
    double cx = px + 0.5, cy = py + 0.5;
    double qx = fmax(fmax(x + r - cx, cx - (x + w - r)), 0);
    double qy = fmax(fmax(y + r - cy, cy - (y + h - r)), 0);
    if (qx == 0 && qy == 0) {
        double ex = fmin(cx - x, x + w - cx), ey = fmin(cy - y, y + h - cy);
        return fmax(0, fmin(1, fmin(ex, ey) + 0.5));
    }
    double d = sqrt(qx * qx + qy * qy) - r;
    return fmax(0, fmin(1, 0.5 - d));
}

/* One pixel of draw_fill: anti-aliased coverage at the edges and rounded corners. */
static inline void fill_px(uint32_t *p, int px, int py, double x, double y, double w, double h,
                           struct color c, double radius)
{
    double cov;
    if (radius > 0)
        cov = round_cov(px, py, x, y, w, h, radius);
    else /* edge coverage for fractional rectangles */
        cov = fmax(0, fmin(1, fmin(px + 1, x + w) - fmax(px, x))) *
              fmax(0, fmin(1, fmin(py + 1, y + h) - fmax(py, y)));
    unsigned a = (unsigned)lround(cov * c.a);
    if (a)
        *p = blend_px(*p, c, a);
}

void draw_fill(SDL_Surface *dst, double x, double y, double w, double h, struct color c,
               double radius)
{
    const SDL_Rect *cl = &dst->clip_rect; /* respects SDL_SetClipRect() like a blit does */
    int x0 = (int)floor(fmax(cl->x, x)), y0 = (int)floor(fmax(cl->y, y));
    int x1 = (int)ceil(fmin(cl->x + cl->w, x + w)), y1 = (int)ceil(fmin(cl->y + cl->h, y + h));
    uint32_t *pix = dst->pixels;
    int pitch = dst->pitch / 4;
    /* Pixels at least radius + 1 inside every edge are fully covered: the same value as the
     * coverage formula gives them (alpha c.a), without evaluating it per pixel. */
    double in = fmax(radius, 0) + 1;
    int ix0 = (int)fmax(x0, ceil(x + in)), ix1 = (int)fmin(x1, floor(x + w - in));
    int iy0 = (int)ceil(y + in), iy1 = (int)floor(y + h - in);
    uint32_t solid = 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
    for (int py = y0; py < y1; py++) {
        uint32_t *row = pix + (size_t)py * pitch;
        bool inner = py >= iy0 && py < iy1 && ix0 < ix1;
        int a = inner ? ix0 : x1, b = inner ? ix1 : x1;
        for (int px = x0; px < a; px++)
            fill_px(row + px, px, py, x, y, w, h, c, radius);
        if (c.a == 255)
            for (int px = a; px < b; px++)
                row[px] = solid;
        else if (c.a)
            for (int px = a; px < b; px++)
                row[px] = blend_px(row[px], c, c.a);
        for (int px = b; px < x1; px++)
            fill_px(row + px, px, py, x, y, w, h, c, radius);
    }
}

static void draw_outline(SDL_Surface *dst, double x, double y, double w, double h, double t,
                         struct color c)
{
    draw_fill(dst, x, y, w, t, c, 0);
    draw_fill(dst, x, y + h - t, w, t, c, 0);
    draw_fill(dst, x, y + t, t, h - 2 * t, c, 0);
    draw_fill(dst, x + w - t, y + t, t, h - 2 * t, c, 0);
}

static struct color shade(struct color c, double f) /* f < 0 darker, > 0 lighter */
{
    double t = f < 0 ? 0 : 255;
    double k = fabs(f);
    return (struct color){(uint8_t)lround(c.r + (t - c.r) * k),
                          (uint8_t)lround(c.g + (t - c.g) * k),
                          (uint8_t)lround(c.b + (t - c.b) * k), c.a};
}

static void draw_background(SDL_Surface *dst, const struct element *e)
{
    struct color top = shade(e->fill, 0.10), bot = shade(e->fill, -0.30);
    uint32_t *pix = dst->pixels;
    int pitch = dst->pitch / 4;
    double cx = dst->w * 0.5, cy = dst->h * 0.28, rr = fmax(dst->w, dst->h) * 0.75;
    /* the glow is symmetric about cx = w / 2: columns x and w - x get the same value (exactly:
     * their dx differ only in sign), so only the left half and the middle are computed */
    int half = dst->w / 2;
    for (int y = 0; y < dst->h; y++) {
        double t = (double)y / (dst->h > 1 ? dst->h - 1 : 1);
        uint32_t *row = pix + (size_t)y * pitch;
        for (int x = 0; x <= half && x < dst->w; x++) {
            /* vertical gradient plus a soft glow behind the upper middle */
            double dx = x - cx, dy = y - cy;
            double glow = fmax(0, 1 - sqrt(dx * dx + dy * dy) / rr) * 0.12;
            double r = top.r + (bot.r - top.r) * t, g = top.g + (bot.g - top.g) * t,
                   b = top.b + (bot.b - top.b) * t;
            r += (255 - r) * glow, g += (255 - g) * glow, b += (255 - b) * glow;
            row[x] = 0xFF000000u | ((uint32_t)r << 16) | ((uint32_t)g << 8) | (uint32_t)b;
        }
        for (int x = half + 1; x < dst->w; x++)
            row[x] = row[dst->w - x];
    }
}

/* A neat stand-in for a missing photo: a soft panel with a head-and-shoulders silhouette. */
static void draw_placeholder(SDL_Surface *dst, const struct element *e, struct color accent)
{
    SDL_Rect clip = {(int)lround(e->x), (int)lround(e->y), (int)lround(e->w), (int)lround(e->h)};
    SDL_SetClipRect(dst, &clip);
    struct color panel = {255, 255, 255, 38};
    draw_fill(dst, e->x, e->y, e->w, e->h, panel, fmin(e->w, e->h) * 0.02);
    struct color sil = accent;
    sil.a = 110;
    double cx = e->x + e->w / 2, s = fmin(e->w, e->h * 0.75);
    double hr = s * 0.2;
    draw_fill(dst, cx - hr, e->y + e->h * 0.42 - hr * 2.2, hr * 2, hr * 2.3, sil, hr);
    double bw = s * 0.78, bh = e->h * 0.34;
    draw_fill(dst, cx - bw / 2, e->y + e->h - bh, bw, bh + s * 0.3, sil, bw * 0.35);
    SDL_SetClipRect(dst, NULL);
}

static SDL_Surface *crop_view(SDL_Surface *src, int x, int y, int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormatFrom((uint8_t *)src->pixels + (size_t)y * src->pitch +
                                                  (size_t)x * 4,
                                              w, h, 32, src->pitch, SDL_PIXELFORMAT_ARGB8888);
}

/* A video element's picture: the clip's frame at e->video_at, decoded by video.c at w x h. */
static SDL_Surface *video_frame_surface(const struct element *e, int w, int h, char *err,
                                        size_t errlen)
{
    if (w <= 0 || h <= 0) /* size unknown: a 16:9 frame */
        w = 960, h = 540;
    uint32_t *px = video_frame_at(e->resolved, e->video_at, w, h, err, errlen);
    if (!px)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s)
        for (int y = 0; y < h; y++)
            memcpy((uint8_t *)s->pixels + (size_t)y * s->pitch, px + (size_t)y * w, (size_t)w * 4);
    else
        snprintf(err, errlen, "cannot allocate a %dx%d frame: %s", w, h, SDL_GetError());
    free(px);
    return s;
}

static _Thread_local double photo_detail = 1.0;

void draw_set_photo_detail(double detail)
{
    photo_detail = detail > 0 && detail < 1 ? detail : 1.0;
}

static int draw_image(SDL_Surface *dst, const struct element *e, bool backdrop, char *err,
                      size_t errlen)
{
    /* decode no more pixels than the box needs (a 24 MP photo for a 400 px frame: 1/8 scale) */
    int need_w = 0, need_h = 0;
    if (e->img_w > 0 && e->img_h > 0) {
        double src0[4], d0[4];
        layout_fit_rect(e->img_w, e->img_h, e->w, e->h, e->fit, e->focus_x, e->focus_y, src0, d0);
        double scale = fmax(d0[2] / src0[2], d0[3] / src0[3]);
        need_w = (int)ceil(e->img_w * scale * photo_detail);
        need_h = (int)ceil(e->img_h * scale * photo_detail);
    }
    SDL_Surface *img = e->video ? video_frame_surface(e, need_w, need_h, err, errlen)
                       : e->must_show
                           ? images_load_checked(e->resolved, need_w, need_h, err, errlen)
                       : need_w ? images_load_scaled(e->resolved, need_w, need_h, err, errlen)
                                : images_load(e->resolved, err, errlen);
    if (!img)
        return -1;
    double src[4], d[4];
    layout_fit_rect(img->w, img->h, e->w, e->h, e->fit, e->focus_x, e->focus_y, src, d);
    if (backdrop && e->fit == FIT_CONTAIN) {
        SDL_Surface *bg = images_blurred_backdrop(img, (int)lround(e->w), (int)lround(e->h));
        if (bg) {
            SDL_Rect r = {(int)lround(e->x), (int)lround(e->y), bg->w, bg->h};
            SDL_SetSurfaceBlendMode(bg, SDL_BLENDMODE_NONE);
            SDL_BlitSurface(bg, NULL, dst, &r);
            SDL_FreeSurface(bg);
            draw_fill(dst, e->x, e->y, e->w, e->h, (struct color){0, 0, 0, 90}, 0);
        }
    }
    int sx = (int)lround(src[0]), sy = (int)lround(src[1]);
    int sw = (int)lround(src[2]), sh = (int)lround(src[3]);
    if (sx + sw > img->w)
        sw = img->w - sx;
    if (sy + sh > img->h)
        sh = img->h - sy;
    SDL_Surface *view = crop_view(img, sx, sy, sw > 0 ? sw : 1, sh > 0 ? sh : 1);
    int dw = (int)lround(d[2]), dh = (int)lround(d[3]);
    SDL_Rect r = {(int)lround(e->x + d[0]), (int)lround(e->y + d[1]), dw, dh};
    if (view && dw > 0 && dh > 0 && r.x >= 0 && r.y >= 0 && r.x + dw <= dst->w &&
        r.y + dh <= dst->h && images_opaque(view)) {
        /* an opaque photo (every JPEG) is scaled straight into the page: at 1920x1080 that
         * is 8 MB less at the moment the decoded photo is also held */
        SDL_Surface *at = crop_view(dst, r.x, r.y, dw, dh);
        if (at)
            images_scale_into(view, at);
        SDL_FreeSurface(at);
        SDL_FreeSurface(view);
        SDL_FreeSurface(img);
        if (!at)
            snprintf(err, errlen, "cannot scale '%s': %s", e->resolved, SDL_GetError());
        return at ? 0 : -1;
    }
    SDL_Surface *scaled = view ? images_scale(view, dw, dh) : NULL;
    if (view)
        SDL_FreeSurface(view);
    SDL_FreeSurface(img);
    if (!scaled) {
        snprintf(err, errlen, "cannot scale '%s': %s", e->resolved, SDL_GetError());
        return -1;
    }
    SDL_SetSurfaceBlendMode(scaled, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(scaled, NULL, dst, &r);
    SDL_FreeSurface(scaled);
    return 0;
}

void draw_text_element(SDL_Surface *dst, const struct element *e, struct fonts *fonts)
{
    const struct tl_result *r = e->tl;
    enum font_weight w = e->weight == EL_BOLD ? FONT_BOLD : FONT_REGULAR;
    double asc = fonts_ascent(fonts, w, r->px), fh = fonts_height(fonts, w, r->px);
    SDL_Color col = {e->color.r, e->color.g, e->color.b, e->color.a ? e->color.a : 255};
    struct tl_glyph *g = NULL;
    size_t gcap = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *l = &r->lines[i];
        if (l->page != e->tl_page)
            continue;
        size_t n = tl_line_glyphs_grow(r, l, &g, &gcap);
        if (e->vertical) { /* a column: centred in its pitch, from the top of its box down */
            double cx = e->x + tl_column_left(r, l, e->w) + r->line_h / 2;
            fonts_vertical_draw(fonts, w, r->px, g, n, dst, cx, e->y + l->x, col);
            continue;
        }
        bidi_line(r, l, g, n); /* right-to-left runs in display order (text/bidi.h) */
        double baseline = e->y + l->y + (r->line_h - fh) / 2 + asc;
        fonts_draw_line(fonts, w, r->px, g, n, dst, e->x + l->x, baseline, col);
    }
    free(g);
}

SDL_Surface *draw_running_strip(const struct element *e, struct fonts *fonts)
{
    const char *text = e->nlines ? e->lines[0].text : "";
    enum font_weight w = e->weight == EL_BOLD ? FONT_BOLD : FONT_REGULAR;
    double px = e->tl->px, fh = fonts_height(fonts, w, px), asc = fonts_ascent(fonts, w, px);
    int sw = (int)ceil(fonts_text_width(fonts, w, text, px)) + 2, sh = (int)ceil(e->h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, sw > 0 ? sw : 1, sh > 0 ? sh : 1, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    SDL_FillRect(s, NULL, 0x00000000u);
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    SDL_Color col = {e->color.r, e->color.g, e->color.b, e->color.a ? e->color.a : 255};
    double line_h =
        e->nlines ? e->lines[0].h : fh; /* the line centred in the box, as drawn still */
    double top = e->nlines ? e->lines[0].y - e->y : 0;
    fonts_draw_text_alpha(fonts, w, text, px, s, 1, top + (line_h - fh) / 2 + asc, col);
    return s;
}

void draw_running_at(SDL_Surface *dst, const struct element *e, SDL_Surface *strip, double t,
                     int ox, int oy)
{
    if (!strip)
        return;
    SDL_Rect box = {(int)lround(e->x) - ox, (int)lround(e->y) - oy, (int)lround(e->w),
                    (int)lround(e->h)};
    SDL_SetClipRect(dst, &box);
    double period = e->run_period > 1 ? e->run_period : strip->w + e->h;
    long shift = (long)floor(fmod(fmax(0, t) * e->run_speed, period)); /* from the clock alone */
    for (long x = box.x - shift; x < box.x + box.w; x += (long)ceil(period)) {
        SDL_Rect at = {(int)x - 1, box.y, strip->w, strip->h};
        SDL_BlitSurface(strip, NULL, dst, &at);
    }
    SDL_SetClipRect(dst, NULL);
}

/* A QR code: white over its box (the quiet zone), dark modules of whole pixels, centred. */
static void draw_qr(SDL_Surface *dst, const struct element *e)
{
    int size;
    unsigned char *mods;
    draw_fill(dst, e->x, e->y, e->w, e->h, (struct color){255, 255, 255, 255}, 0);
    if (qrcode_make(e->src, &size, &mods) < 0)
        return;
    int px = (int)floor(fmin(e->w, e->h) / (size + 8)); /* 4 modules of quiet zone each side */
    if (px < 1)
        px = 1;
    double x0 = floor(e->x + (e->w - px * size) / 2), y0 = floor(e->y + (e->h - px * size) / 2);
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
            if (mods[y * size + x])
                draw_fill(dst, x0 + x * px, y0 + y * px, px, px, (struct color){0, 0, 0, 255}, 0);
    free(mods);
}

SDL_Surface *draw_page(const struct slide_layout *l, int page, struct fonts *fonts, char *err,
                       size_t errlen)
{
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, l->w, l->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst) {
        snprintf(err, errlen, "cannot allocate a %dx%d frame: %s", l->w, l->h, SDL_GetError());
        return NULL;
    }
    SDL_FillRect(dst, NULL, 0xFF000000u);
    const struct page_layout *pg = &l->pages[page];
    struct color accent = l->accent;
    accent.a = 255;
    for (size_t i = 0; i < pg->n; i++) {
        const struct element *e = &pg->els[i];
        switch (e->kind) {
        case EL_RECT:
            if (e->backdrop)
                draw_background(dst, e);
            else if (e->radius < 0)
                draw_outline(dst, e->x, e->y, e->w, e->h, -e->radius, e->fill);
            else
                draw_fill(dst, e->x, e->y, e->w, e->h, e->fill, e->radius);
            break;
        case EL_IMAGE: {
            double b = e->frame ? fmax(2, round(fmin(e->w, e->h) * 0.012)) : 0;
            if (e->frame) { /* soft shadow, then the accent frame */
                draw_fill(dst, e->x - b + b * 1.5, e->y - b + b * 2, e->w + 2 * b, e->h + 2 * b,
                          (struct color){0, 0, 0, 70}, b);
                draw_fill(dst, e->x - b, e->y - b, e->w + 2 * b, e->h + 2 * b, e->fill, b * 0.6);
            }
            char ierr[512] = "";
            if (!e->resolved || draw_image(dst, e, e->backdrop, ierr, sizeof ierr) < 0) {
                if (e->must_show) { /* skipped, not shown grey: the check was this decode */
                    snprintf(err, errlen, "%s", ierr[0] ? ierr : "no picture");
                    SDL_FreeSurface(dst);
                    return NULL;
                }
                if (e->frame)
                    draw_fill(dst, e->x, e->y, e->w, e->h, (struct color){40, 20, 20, 255}, 0);
                draw_placeholder(dst, e, accent);
            }
            break;
        }
        case EL_TEXT:
            if (e->run_speed > 0) { /* 走字: as it stands when it starts to run */
                SDL_Surface *strip = draw_running_strip(e, fonts);
                draw_running_at(dst, e, strip, 0, 0, 0);
                if (strip)
                    SDL_FreeSurface(strip);
            } else {
                draw_text_element(dst, e, fonts);
            }
            break;
        case EL_QR:
            draw_qr(dst, e);
            break;
        }
    }
    /* A page is opaque. SDL's blend blit leaves alpha 253 at the soft edges of a PNG with
     * transparency (the emblem); the PNG render writes would keep it and the screen would blend
     * those pixels over its clear colour, so preview and screen would differ there. */
    uint32_t *px = dst->pixels;
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = px + (size_t)y * (size_t)(dst->pitch / 4);
        for (int x = 0; x < dst->w; x++)
            row[x] |= 0xFF000000u;
    }
    return dst;
}

/* Image sizes are asked for again and again while laying out: cache them per path. */
struct size_entry {
    char *path;
    int w, h, ok;
};
static struct size_entry size_cache[256];
static size_t size_next;
static pthread_mutex_t size_lock = PTHREAD_MUTEX_INITIALIZER;

static int env_image_size(void *ctx, const char *resolved, int *w, int *h)
{
    (void)ctx;
    pthread_mutex_lock(&size_lock);
    for (size_t i = 0; i < sizeof size_cache / sizeof *size_cache; i++) {
        if (size_cache[i].path && strcmp(size_cache[i].path, resolved) == 0) {
            *w = size_cache[i].w, *h = size_cache[i].h;
            int ok = size_cache[i].ok;
            pthread_mutex_unlock(&size_lock);
            return ok ? 0 : -1;
        }
    }
    pthread_mutex_unlock(&size_lock);
    char err[256];
    int rc = images_probe(resolved, w, h, err, sizeof err);
    pthread_mutex_lock(&size_lock);
    struct size_entry *e = &size_cache[size_next++ % (sizeof size_cache / sizeof *size_cache)];
    free(e->path);
    *e = (struct size_entry){xstrdup(resolved), *w, *h, rc == 0};
    pthread_mutex_unlock(&size_lock);
    return rc;
}

static int env_video_size(void *ctx, const char *resolved, int *w, int *h, double *seconds)
{
    (void)ctx;
    struct video_info in;
    char err[256];
    if (video_probe(resolved, &in, err, sizeof err) < 0) /* cached by video.c */
        return -1;
    *w = in.w, *h = in.h, *seconds = in.duration;
    return 0;
}

static void env_column_glyphs(void *ctx, int weight, double px, const struct tl_glyph *g, size_t n,
                              uint32_t *gid)
{
    fonts_vertical_glyphs(ctx, weight == EL_BOLD ? FONT_BOLD : FONT_REGULAR, px, g, n, gid);
}

struct layout_env draw_layout_env(struct fonts *fonts)
{
    return (struct layout_env){
        .measure = {fonts_measure(fonts, FONT_REGULAR), fonts_measure(fonts, FONT_BOLD)},
        .image_size = env_image_size,
        .video_size = env_video_size,
        .column_glyphs = env_column_glyphs,
        .ctx = fonts};
}

SDL_Surface *draw_notice(struct fonts *fonts, const char *text, int w, int h, struct color accent)
{
    double px = fmax(14, fmin(h, w) / 28.0), pad = px * 0.9;
    struct tl_params p = tl_default_params();
    p.indent_em = 0;
    p.align = ALIGN_CENTER;
    p.line_height = 1.4;
    struct tl_measure m = fonts_measure(fonts, FONT_BOLD);
    struct tl_result *r = tl_layout(text, px, w - 2 * pad, 0, &p, &m);
    int bh = (int)ceil(r->nlines * r->line_h + 2 * pad);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, bh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        tl_result_free(r);
        return NULL;
    }
    SDL_FillRect(s, NULL, 0xE0201010u); /* dark, mostly opaque */
    /* draw_fill blends onto opaque pixels; the band keeps its own alpha below */
    struct element e = {.role = "notice",
                        .kind = EL_TEXT,
                        .x = pad,
                        .y = pad,
                        .w = w - 2 * pad,
                        .h = bh - 2 * pad,
                        .tl = r,
                        .weight = EL_BOLD,
                        .color = {255, 255, 255, 255}};
    draw_text_element(s, &e, fonts);
    draw_fill(s, 0, 0, w, fmax(2, px / 8), accent, 0);
    /* restore the band's translucency (draw_* write opaque pixels) */
    uint32_t *px32 = s->pixels;
    for (int i = 0; i < s->h * (s->pitch / 4); i++)
        px32[i] = (px32[i] & 0x00FFFFFFu) | 0xE0000000u;
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    tl_result_free(r);
    return s;
}
