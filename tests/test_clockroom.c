/* test_clockroom.c - issue 27: the board's clock (config `clock: true`, drawn in the header's
 * top-right corner by board/overlay.c, and by `render --config`) never lies over the header's
 * text. A playlist with a long title (and one with a long subtitle too) is rendered with the
 * clock on at every shape the product supports; inside the rectangle the clock's ink takes, the
 * page must be what it is under a short title: background and clock, no letter of the header.
 * On the LED strips (1536x192, 512x64), which have no header, the clock is not drawn at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <SDL.h>
#include <SDL_image.h>

#define T "build/test-clockroom"
/* the widest date and time the clock writes: 12月30日 星期三  23:59 */
#define AT "2026-12-30T23:59"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {3840, 2160},
                               {768, 384},   {1536, 192},  {512, 64}};

static const char *const playlists[] = {"short", "long", "longsub"};

static void write_playlists(void)
{
    sh("rm -rf " T " && mkdir -p " T "/pl");
    sh("printf 'honorboard: 1\\ntitle: 光荣榜\\nslides:\\n  - { type: text, title: 标题, text: "
       "正文 }\\n' > " T "/pl/short.yaml");
    sh("printf 'honorboard: 1\\ntitle: "
       "某某市某某区人民政府办公室二〇二六年度先进集体和先进个人表彰大会光荣榜\\nslides:\\n  - { "
       "type: text, title: 标题, text: 正文 }\\n' > " T "/pl/long.yaml");
    sh("printf 'honorboard: 1\\ntitle: "
       "某某市某某区人民政府办公室二〇二六年度先进集体和先进个人表彰大会光荣榜\\nsubtitle: "
       "弘扬劳模精神劳动精神工匠精神，凝聚奋进新征程的强大力量，争做新时代的奋斗者\\nslides:\\n  "
       "- { type: text, title: 标题, text: 正文 }\\n' > " T "/pl/longsub.yaml");
    sh("printf 'clock: true\\n' > " T "/on.yaml && printf 'clock: false\\n' > " T
       "/off.yaml");
}

static SDL_Surface *load(const char *dir, const char *playlist)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s-slide-001.png", dir, playlist);
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        fail_msg("cannot read %s: %s", path, IMG_GetError());
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    return s;
}

static uint32_t pixel(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x] & 0xFFFFFFu;
}

/* The bounding box {x0, y0, x1, y1} (x1, y1 past the end) of the pixels a and b differ in;
 * false when they differ nowhere. */
static bool diff_box(const SDL_Surface *a, const SDL_Surface *b, int box[4])
{
    box[0] = a->w, box[1] = a->h, box[2] = box[3] = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            if (pixel(a, x, y) != pixel(b, x, y)) {
                box[0] = x < box[0] ? x : box[0], box[1] = y < box[1] ? y : box[1];
                box[2] = x + 1 > box[2] ? x + 1 : box[2], box[3] = y + 1 > box[3] ? y + 1 : box[3];
            }
    return box[2] > 0;
}

/* Pixels of a and b that differ inside box. */
static long differ_in(const SDL_Surface *a, const SDL_Surface *b, const int box[4])
{
    long n = 0;
    for (int y = box[1]; y < box[3]; y++)
        for (int x = box[0]; x < box[2]; x++)
            n += pixel(a, x, y) != pixel(b, x, y);
    return n;
}

static void render(int w, int h, const char *config, char *dir, size_t n)
{
    snprintf(dir, n, T "/%s-%dx%d", config, w, h);
    sh("%s render " T "/pl --out %s --size %dx%d --at " AT " --config " T "/%s.yaml 2>" T
       "/render.log",
       bin(), dir, w, h, config);
}

/* Every shape: the clock's ink (short title, clock on against clock off) is where it is, and
 * under a long title and subtitle that rectangle holds the same pixels: no header ink in it. */
static void test_header_leaves_the_clock_room(void **state)
{
    (void)state;
    write_playlists();
    int problems = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        bool strip = h < 200; /* the door-top strips: no header, no clock */
        static const char *const clocks[] = {"on"};
        for (size_t k = 0; k < sizeof clocks / sizeof *clocks; k++) {
            char off[256], on[256];
            render(w, h, "off", off, sizeof off);
            render(w, h, clocks[k], on, sizeof on);
            SDL_Surface *short_off = load(off, "short"), *short_on = load(on, "short");
            int ink[4];
            bool drawn = diff_box(short_off, short_on, ink);
            if (strip && drawn) {
                print_error("%dx%d (%s): the clock is drawn over a strip at %d,%d-%d,%d\n", w, h,
                            clocks[k], ink[0], ink[1], ink[2], ink[3]);
                problems++;
            } else if (!strip && !drawn) {
                print_error("%dx%d (%s): no clock drawn\n", w, h, clocks[k]);
                problems++;
            }
            for (size_t p = 1; drawn && !strip && p < 3; p++) {
                SDL_Surface *s = load(on, playlists[p]);
                long bad = differ_in(s, short_on, ink);
                if (bad) {
                    print_error("%dx%d (%s): %s: %ld pixels of header ink inside the clock's "
                                "rectangle %d,%d-%d,%d\n",
                                w, h, clocks[k], playlists[p], bad, ink[0], ink[1], ink[2],
                                ink[3]);
                    problems++;
                }
                SDL_FreeSurface(s);
            }
            SDL_FreeSurface(short_off);
            SDL_FreeSurface(short_on);
        }
    }
    assert_int_equal(problems, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_leaves_the_clock_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
