/* test_render.c - the slide designs, checked on every sample playlist at 1920x1080, 1080x1920
 * and 768x384 (dummy video driver, software surfaces): every element inside the screen, every
 * text line inside its element, no two texts overlapping, no character lost across pages,
 * photos not stretched, and the pixels really drawn. Also the `render` command's outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_image.h>
#include <libexif/exif-data.h>

#include "model/content.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "picture/images.h"
#include "page/layout.h"
#include "base/util.h"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {768, 384}};

static bool overlap(const struct el_line *a, const struct el_line *b)
{
    const double tol = 1.0;
    return a->x + a->w > b->x + tol && b->x + b->w > a->x + tol && a->y + a->h > b->y + tol &&
           b->y + b->h > a->y + tol;
}

/* Fraction of pixels in the rectangle that differ clearly from the colour at its corner. */
static double ink(SDL_Surface *s, double x, double y, double w, double h, struct color c)
{
    int x0 = (int)fmax(0, x), y0 = (int)fmax(0, y);
    int x1 = (int)fmin(s->w, x + w), y1 = (int)fmin(s->h, y + h);
    long hit = 0, all = 0;
    const uint32_t *px = s->pixels;
    for (int yy = y0; yy < y1; yy++)
        for (int xx = x0; xx < x1; xx++) {
            uint32_t p = px[yy * (s->pitch / 4) + xx];
            int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            if (abs(r - c.r) + abs(g - c.g) + abs(b - c.b) < 60)
                hit++;
            all++;
        }
    return all ? (double)hit / (double)all : 0;
}

static void check_page(const struct slide_layout *l, int pg, const char *what)
{
    const struct page_layout *p = &l->pages[pg];
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind == EL_RECT && strcmp(e->role, "background") == 0)
            continue;
        if (e->x < -0.5 || e->y < -0.5 || e->x + e->w > l->w + 0.5 || e->y + e->h > l->h + 0.5)
            fail_msg("%s page %d: %s (%.0f,%.0f %.0fx%.0f) leaves the %dx%d screen", what, pg + 1,
                     e->role, e->x, e->y, e->w, e->h, l->w, l->h);
        if (e->kind == EL_IMAGE && e->resolved) {
            assert_true(e->img_w > 0 && e->img_h > 0);
            double src[4], dst[4];
            layout_fit_rect(e->img_w, e->img_h, e->w, e->h, e->fit, e->focus_x, e->focus_y, src,
                            dst);
            double sa = src[2] / src[3], da = dst[2] / dst[3];
            if (fabs(sa / da - 1) > 0.01)
                fail_msg("%s: photo %s stretched: source %.3f, shown %.3f", what, e->src, sa, da);
            assert_true(src[0] >= -0.01 && src[1] >= -0.01);
            assert_true(src[0] + src[2] <= e->img_w + 0.01 && src[1] + src[3] <= e->img_h + 0.01);
        }
        if (e->kind != EL_TEXT)
            continue;
        for (size_t k = 0; k < e->nlines; k++) {
            const struct el_line *ln = &e->lines[k];
            if (ln->x < e->x - 0.5 || ln->y < e->y - 0.5 || ln->x + ln->w > e->x + e->w + 0.5 ||
                ln->y + ln->h > e->y + e->h + 0.5)
                fail_msg("%s page %d: %s line '%s' (%.0f,%.0f %.0fx%.0f) outside its box "
                         "(%.0f,%.0f %.0fx%.0f)",
                         what, pg + 1, e->role, ln->text, ln->x, ln->y, ln->w, ln->h, e->x, e->y,
                         e->w, e->h);
        }
        for (size_t j = i + 1; j < p->n; j++) {
            const struct element *o = &p->els[j];
            if (o->kind != EL_TEXT)
                continue;
            for (size_t a = 0; a < e->nlines; a++)
                for (size_t b = 0; b < o->nlines; b++)
                    if (overlap(&e->lines[a], &o->lines[b]))
                        fail_msg("%s page %d: '%s' (%s) overlaps '%s' (%s)", what, pg + 1,
                                 e->lines[a].text, e->role, o->lines[b].text, o->role);
        }
    }
}

/* The characters of each text, across all pages, in order: nothing lost or repeated. */
static void check_nothing_lost(const struct slide_layout *l, const char *what)
{
    for (int pg = 0; pg < l->npages; pg++) {
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const struct element *e = &l->pages[pg].els[i];
            if (e->kind != EL_TEXT || e->tl_page != 0)
                continue;
            /* collect this text's lines over every page that shows the same result */
            struct strbuf all = {0};
            for (int q = 0; q < l->npages; q++)
                for (size_t k = 0; k < l->pages[q].n; k++) {
                    const struct element *f = &l->pages[q].els[k];
                    if (f->tl != e->tl || (q != pg && f->tl_page == 0))
                        continue;
                    for (size_t m = 0; m < f->nlines; m++)
                        sb_puts(&all, f->lines[m].text);
                }
            char *want = visible(e->tl->text), *got = visible(all.s ? all.s : "");
            if (strcmp(want, got) != 0)
                fail_msg("%s: %s text lost characters:\n  want %s\n  got  %s", what, e->role, want,
                         got);
            free(want), free(got);
            sb_free(&all);
        }
    }
}

static void check_pixels(const struct slide_layout *l, int pg, struct fonts *fonts,
                         const char *what)
{
    char err[256];
    SDL_Surface *s = draw_page(l, pg, fonts, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(s->w, l->w);
    assert_int_equal(s->h, l->h);
    const struct page_layout *p = &l->pages[pg];
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind == EL_TEXT && e->nlines) {
            const struct el_line *ln = &e->lines[0];
            double f = ink(s, ln->x, ln->y, ln->w, ln->h, e->color);
            if (f < 0.01)
                fail_msg("%s page %d: %s '%s' has no visible text pixels (%.4f)", what, pg + 1,
                         e->role, ln->text, f);
        }
    }
    SDL_FreeSurface(s);
}

static void test_sample_layouts(void **state)
{
    (void)state;
    char err[256];
    struct fonts *fonts = fonts_create(NULL, err, sizeof err);
    assert_non_null(fonts);
    struct layout_env env = draw_layout_env(fonts);
    struct diag d = {0};
    struct content *c = content_load("playlists", &d);
    assert_int_equal(d.errors, 0);
    assert_true(c->nitems >= 8);
    int pages = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        for (size_t i = 0; i < c->nitems; i++) {
            const struct content_item *it = &c->items[i];
            assert_true(it->slide >= 0);
            const struct playlist *pl = c->playlists[it->playlist];
            const struct slide *s = &pl->slides[it->slide];
            char what[256];
            snprintf(what, sizeof what, "%s slide %d (%s) at %dx%d", pl->path, s->index,
                     slide_type_names[s->type], sizes[z][0], sizes[z][1]);
            struct slide_layout *l = layout_slide(pl, s, sizes[z][0], sizes[z][1], &env);
            assert_true(l->npages >= 1);
            for (int pg = 0; pg < l->npages; pg++) {
                check_page(l, pg, what);
                if (z != 0 || pg == 0) /* pixels on every page at one size, first pages elsewhere */
                    check_pixels(l, pg, fonts, what);
                pages++;
            }
            check_nothing_lost(l, what);
            layout_free(l);
        }
    }
    assert_true(pages >= 24);
    content_unref(c);
    diag_free(&d);
    fonts_destroy(fonts);
}

/* A long story becomes several pages, each with "n/N", and every character appears once. */
static void test_long_story_pages(void **state)
{
    (void)state;
    struct strbuf b = {0};
    sb_puts(&b, "honorboard: 1\ntitle: 测试\nslides:\n  - type: story\n    name: 杨建桥\n"
                "    honor: 优秀民警\n    text: |\n");
    for (int p = 0; p < 8; p++) {
        sb_puts(&b, "      ");
        for (int i = 0; i < 6; i++)
            sb_puts(&b, "疏通管道、搬运水桶、维修设备、清点物资……平日里，办公室很少能看到老杨。");
        sb_puts(&b, "\n\n");
    }
    struct diag d = {0};
    struct playlist *pl = playlist_parse("tests/data/long.yaml", b.s, b.len, &d);
    assert_int_equal(d.errors, 0);
    char err[256];
    struct fonts *fonts = fonts_create(NULL, err, sizeof err);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], 1920, 1080, &env);
    assert_true(l->npages >= 3);
    for (int pg = 0; pg < l->npages; pg++) {
        check_page(l, pg, "long story");
        char want[16];
        snprintf(want, sizeof want, "%d/%d", pg + 1, l->npages);
        bool found = false;
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const struct element *e = &l->pages[pg].els[i];
            if (e->kind == EL_TEXT && strcmp(e->role, "page") == 0 && e->nlines)
                found = strcmp(e->lines[0].text, want) == 0;
        }
        assert_true(found);
    }
    check_nothing_lost(l, "long story");
    layout_free(l);
    fonts_destroy(fonts);
    playlist_free(pl);
    diag_free(&d);
    sb_free(&b);
}

/* A missing photo gets the placeholder and a page warning, never a hole or a crash. */
static void test_missing_photo_placeholder(void **state)
{
    (void)state;
    const char *y = "honorboard: 1\nslides:\n  - type: story\n    name: 余程\n"
                    "    photo: photos/gone.jpg\n    text: 正文。\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("tests/data/x.yaml", y, strlen(y), &d);
    char err[256];
    struct fonts *fonts = fonts_create(NULL, err, sizeof err);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], 1280, 720, &env);
    assert_true(l->pages[0].warning);
    const struct element *photo = NULL;
    for (size_t i = 0; i < l->pages[0].n; i++)
        if (strcmp(l->pages[0].els[i].role, "photo") == 0)
            photo = &l->pages[0].els[i];
    assert_non_null(photo);
    assert_null(photo->resolved);
    SDL_Surface *s = draw_page(l, 0, fonts, err, sizeof err);
    assert_non_null(s);
    /* the placeholder's silhouette uses the accent colour inside the photo box */
    struct color accent = pl->theme.accent;
    assert_true(ink(s, photo->x, photo->y, photo->w, photo->h, accent) < 0.9);
    SDL_FreeSurface(s);
    layout_free(l);
    fonts_destroy(fonts);
    playlist_free(pl);
    diag_free(&d);
}

/* Writes a 400x300 JPEG with a red square top-left and an EXIF Orientation tag, as a phone
 * does: pixels stored landscape, the tag saying "turn 90 degrees clockwise to show". */
static void write_exif_jpeg(const char *path, int orientation)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(s, NULL, 0xFF3060A0u);
    SDL_FillRect(s, &(SDL_Rect){0, 0, 40, 40}, 0xFFFF0000u);
    assert_int_equal(IMG_SaveJPG(s, "build/plain.jpg", 95), 0);
    SDL_FreeSurface(s);
    ExifData *ed = exif_data_new();
    exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
    ExifEntry *e = exif_entry_new();
    exif_content_add_entry(ed->ifd[EXIF_IFD_0], e);
    exif_entry_initialize(e, EXIF_TAG_ORIENTATION);
    exif_set_short(e->data, EXIF_BYTE_ORDER_INTEL, (ExifShort)orientation);
    exif_entry_unref(e);
    unsigned char *exif = NULL;
    unsigned int exif_len = 0;
    exif_data_save_data(ed, &exif, &exif_len);
    exif_data_unref(ed);
    size_t len;
    char *jpg = file_read_all("build/plain.jpg", &len);
    assert_non_null(jpg);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(jpg, 1, 2, f); /* SOI */
    unsigned char hdr[4] = {0xFF, 0xE1, (unsigned char)((exif_len + 2) >> 8),
                            (unsigned char)((exif_len + 2) & 255)};
    fwrite(hdr, 1, 4, f);
    fwrite(exif, 1, exif_len, f);
    fwrite(jpg + 2, 1, len - 2, f);
    fclose(f);
    free(exif);
    free(jpg);
}

/* EXIF orientation 6 (phone held upright): the decoded photo is turned to portrait. */
static void test_exif_orientation(void **state)
{
    (void)state;
    write_exif_jpeg("build/rotated-exif6.jpg", 6);
    assert_int_equal(images_exif_orientation("build/rotated-exif6.jpg"), 6);
    char err[256];
    SDL_Surface *s = images_load("build/rotated-exif6.jpg", err, sizeof err);
    assert_non_null(s);
    assert_true(s->h > s->w); /* stored landscape, shown portrait */
    /* the red marker stored at the top-left ends at the top-right after the turn */
    const uint32_t *px = s->pixels;
    uint32_t tr = px[5 * (s->pitch / 4) + (s->w - 6)];
    assert_true(((tr >> 16) & 255) > 200 && ((tr >> 8) & 255) < 80);
    SDL_FreeSurface(s);
    assert_int_equal(images_exif_orientation("tests/data/photos/yu.jpg"), 1);
}

static void test_scale_quality(void **state)
{
    (void)state;
    /* a fine checkerboard scaled down 8x becomes even grey, not a jagged pattern */
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormat(0, 800, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    uint32_t *p = src->pixels;
    for (int y = 0; y < 800; y++)
        for (int x = 0; x < 800; x++)
            p[y * (src->pitch / 4) + x] = ((x + y) & 1) ? 0xFFFFFFFFu : 0xFF000000u;
    SDL_Surface *dst = images_scale(src, 100, 100);
    assert_non_null(dst);
    const uint32_t *q = dst->pixels;
    for (int i = 0; i < 100 * 100; i += 37) {
        int g = (q[(i / 100) * (dst->pitch / 4) + i % 100] >> 8) & 255;
        assert_true(g > 100 && g < 155);
    }
    SDL_FreeSurface(src);
    SDL_FreeSurface(dst);
}

/* draw_page() takes the scale-into path only for an opaque picture wholly inside the page: a
 * PNG whose left half is transparent shows the page's colour through it, and an opaque
 * picture hanging over the page's edge is cut there, the page around it untouched. */
static void test_image_paths_in_a_page(void **state)
{
    (void)state;
    sh("mkdir -p build/test-render/paths");
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++)
            ((uint32_t *)src->pixels)[y * (src->pitch / 4) + x] =
                x < 32 ? 0x00FFFFFFu : 0xFF0000FFu;
    assert_int_equal(IMG_SavePNG(src, "build/test-render/paths/half.png"), 0);
    SDL_FillRect(src, NULL, 0xFF00FF00u);
    assert_int_equal(IMG_SavePNG(src, "build/test-render/paths/green.png"), 0);
    SDL_FreeSurface(src);
    struct element els[3] = {
        {.role = "background",
         .kind = EL_RECT,
         .x = 0,
         .y = 0,
         .w = 200,
         .h = 100,
         .fill = {200, 30, 30, 255}},
        {.role = "photo",
         .kind = EL_IMAGE,
         .x = 10,
         .y = 10,
         .w = 64,
         .h = 64,
         .img_w = 64,
         .img_h = 64,
         .resolved = "build/test-render/paths/half.png",
         .fit = FIT_CONTAIN,
         .focus_x = 0.5,
         .focus_y = 0.5},
        {.role = "photo",
         .kind = EL_IMAGE,
         .x = 170,
         .y = 50,
         .w = 64,
         .h = 64,
         .img_w = 64,
         .img_h = 64,
         .resolved = "build/test-render/paths/green.png",
         .fit = FIT_CONTAIN,
         .focus_x = 0.5,
         .focus_y = 0.5},
    };
    struct page_layout pg = {.els = els, .n = 3};
    struct slide_layout l = {.w = 200, .h = 100, .npages = 1, .pages = &pg};
    char err[256];
    SDL_Surface *s = draw_page(&l, 0, NULL, err, sizeof err);
    if (!s)
        fail_msg("draw_page: %s", err);
    const uint32_t *p = s->pixels;
    int pitch = s->pitch / 4;
    assert_int_equal(p[40 * pitch + 20] & 0xFFFFFF, 0xC81E1E);  /* through the transparent half */
    assert_int_equal(p[40 * pitch + 60] & 0xFFFFFF, 0x0000FF);  /* the opaque half */
    assert_int_equal(p[80 * pitch + 190] & 0xFFFFFF, 0x00FF00); /* over the edge: cut there */
    assert_int_equal(p[40 * pitch + 190] & 0xFFFFFF, 0xC81E1E); /* above it: the page */
    SDL_FreeSurface(s);
}

/* An opaque photo is scaled straight into the page (no copy at its shown size, 8 MB at
 * 1920x1080 while the decoded photo is also held): the page comes out as the copy-then-blend
 * path made it, pixel for pixel, and only where the picture goes. A picture with any
 * transparency still goes the blending way. */
static void test_scale_into_page(void **state)
{
    (void)state;
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormat(0, 301, 203, 32, SDL_PIXELFORMAT_ARGB8888);
    uint32_t *p = src->pixels;
    for (int y = 0; y < src->h; y++)
        for (int x = 0; x < src->w; x++)
            p[y * (src->pitch / 4) + x] = 0xFF000000u | (uint32_t)(x * 7 % 256) << 16 |
                                          (uint32_t)(y * 5 % 256) << 8 | (uint32_t)((x ^ y) & 255);
    assert_true(images_opaque(src));
    SDL_Surface *a = SDL_CreateRGBSurfaceWithFormat(0, 200, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *b = SDL_CreateRGBSurfaceWithFormat(0, 200, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(a, NULL, 0xFF204060u);
    SDL_FillRect(b, NULL, 0xFF204060u);
    SDL_Rect r = {30, 10, 140, 95};
    SDL_Surface *scaled = images_scale(src, r.w, r.h); /* the old way: a copy, then a blit */
    SDL_SetSurfaceBlendMode(scaled, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(scaled, NULL, a, &r);
    SDL_Surface *at =
        SDL_CreateRGBSurfaceWithFormatFrom((uint8_t *)b->pixels + r.y * b->pitch + r.x * 4, r.w,
                                           r.h, 32, b->pitch, SDL_PIXELFORMAT_ARGB8888);
    images_scale_into(src, at);
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            uint32_t pa = ((uint32_t *)a->pixels)[y * (a->pitch / 4) + x];
            uint32_t pb = ((uint32_t *)b->pixels)[y * (b->pitch / 4) + x];
            if (pa != pb)
                fail_msg("pixel (%d,%d): %08x scaled into the page, %08x copied then blended", x, y,
                         pb, pa);
        }
    p[5 * (src->pitch / 4) + 7] = 0x80FFFFFFu; /* one half-transparent pixel */
    assert_false(images_opaque(src));
    SDL_FreeSurface(at);
    SDL_FreeSurface(scaled);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(src);
}

static void test_render_command(void **state)
{
    (void)state;
    char cmd[1024];
    system("rm -rf build/test-render && mkdir -p build/test-render");
    snprintf(cmd, sizeof cmd,
             "%s render playlists/02-portrait-lobby.yaml --out build/test-render --size 1080x1920 "
             "--sheet build/test-render/sheet.png --layout-json build/test-render/layout.json "
             "--slides 1,3-4 2>/dev/null",
             bin());
    assert_int_equal(run("%s", cmd), 0);
    struct stat st;
    assert_int_equal(stat("build/test-render/slide-001.png", &st), 0);
    assert_int_equal(stat("build/test-render/slide-003.png", &st), 0);
    assert_int_equal(stat("build/test-render/slide-004.png", &st), 0);
    assert_int_not_equal(stat("build/test-render/slide-002.png", &st), 0); /* not selected */
    assert_int_equal(stat("build/test-render/sheet.png", &st), 0);
    char err[256];
    SDL_Surface *png = images_load("build/test-render/slide-001.png", err, sizeof err);
    assert_non_null(png);
    assert_int_equal(png->w, 1080);
    assert_int_equal(png->h, 1920);
    SDL_FreeSurface(png);
    size_t len;
    char *json = file_read_all("build/test-render/layout.json", &len);
    assert_non_null(json);
    assert_non_null(strstr(json, "{\"width\":1080,\"height\":1920,\"slides\":[{\"playlist\":"));
    assert_non_null(strstr(
        json, "\"slide\":1,\"page\":1,\"pages\":1,\"type\":\"story\",\"png\":\"slide-001.png\""));
    assert_non_null(strstr(json, "\"role\":\"name\",\"kind\":\"text\""));
    assert_non_null(strstr(json, "\"lines\":[{\"text\":\"虞先平\""));
    assert_non_null(strstr(json, "\"role\":\"photo\",\"kind\":\"image\""));
    assert_non_null(strstr(json, "\"src\":\"photos/yu-xianping.jpg\""));
    assert_null(strstr(json, "\"slide\":2,"));
    free(json);
    /* bad arguments are usage errors */
    snprintf(cmd, sizeof cmd, "%s render playlists --out build/test-render --size 12 2>/dev/null",
             bin());
    assert_int_equal(run("%s", cmd), 2);
    snprintf(cmd, sizeof cmd,
             "%s render playlists --out build/test-render --slides 3-1 2>/dev/null", bin());
    assert_int_equal(run("%s", cmd), 2);
}

/* render --at draws what the board plays at that moment: a slide whose schedule (its own or
 * its playlist's) is closed then has no PNG, and the author is told so at its line. */
static void test_render_at_follows_schedules(void **state)
{
    (void)state;
    sh("rm -rf build/test-render-at && mkdir -p build/test-render-at && printf '"
       "honorboard: 1\\nslides:\\n"
       "  - { type: text, title: 春节值班, text: 值班表。, schedule: { from: 2027-01-20 } }\\n"
       "  - { type: banner, text: 欢迎莅临指导 }\\n"
       "  - { type: banner, text: 午间休息, schedule: { hours: \"12:00-13:30\" } }\\n' "
       "> build/test-render-at/a.yaml");
    struct stat st;
    sh("LANG=zh_CN.UTF-8 %s render build/test-render-at/a.yaml --out build/test-render-at "
       "--at 2026-12-07T10:00 2> build/test-render-at/err.txt",
       bin());
    assert_int_not_equal(stat("build/test-render-at/slide-001.png", &st), 0);
    assert_int_equal(stat("build/test-render-at/slide-002.png", &st), 0);
    assert_int_not_equal(stat("build/test-render-at/slide-003.png", &st), 0);
    char *err = slurp("build/test-render-at/err.txt");
    if (!strstr(err, "a.yaml:3:5: 第1张在 2026-12-07 10:00 不在排期内") ||
        !strstr(err, "a.yaml:5:5: 第3张在 2026-12-07 10:00 不在排期内"))
        fail_msg("render --at said: %s", err);
    free(err);
    sh("rm -f build/test-render-at/*.png && %s render build/test-render-at/a.yaml --out "
       "build/test-render-at --at 2027-01-25T12:30 2>/dev/null",
       bin());
    assert_int_equal(stat("build/test-render-at/slide-001.png", &st), 0);
    assert_int_equal(stat("build/test-render-at/slide-003.png", &st), 0);
    sh("rm -f build/test-render-at/*.png && %s render build/test-render-at/a.yaml --out "
       "build/test-render-at 2>/dev/null",
       bin()); /* without --at: every slide, as a preview of all of them */
    assert_int_equal(stat("build/test-render-at/slide-001.png", &st), 0);
    assert_int_equal(stat("build/test-render-at/slide-003.png", &st), 0);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_layouts),
        cmocka_unit_test(test_long_story_pages),
        cmocka_unit_test(test_missing_photo_placeholder),
        cmocka_unit_test(test_exif_orientation),
        cmocka_unit_test(test_scale_quality),
        cmocka_unit_test(test_render_command),
        cmocka_unit_test(test_render_at_follows_schedules),
        cmocka_unit_test(test_scale_into_page),
        cmocka_unit_test(test_image_paths_in_a_page),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
