/* test_clockroom.c - issue 27: the board's clock (config `clock: true`, drawn in the header's
 * top-right corner by board/overlay.c, and by `render --config`) never lies over the header's
 * text. A playlist with a long title (and one with a long subtitle too) is rendered with the
 * clock on at every shape the product supports; inside the clock's box (layout_clock_box(), the
 * one box the layout and the painter share) the page must be what it is under a short title:
 * background and clock, no letter of the header; no header line of the layout JSON touches the
 * box; the clock's ink, in Chinese and in English, lies inside it. On the LED strips (1536x192,
 * 512x64), which have no header, the clock is not drawn at all. A headless `play` with the clock
 * on lays the long title out as render does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "minijson.h"
#include "pixels.h"
#include "board/overlay.h"
#include "model/designs.h"
#include "page/layout_clock.h"
#include "base/schedule.h"

#include <signal.h>
#include <sys/wait.h>

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
    sh("printf 'clock: true\\n' > " T "/on.yaml && printf 'clock: false\\n' > " T "/off.yaml");
}

/* dir/PLAYLIST-slide-001.png (dir/slide-001.png when playlist is NULL) in ARGB. */
static SDL_Surface *load(const char *dir, const char *playlist)
{
    char path[512];
    if (playlist)
        snprintf(path, sizeof path, "%s/%s-slide-001.png", dir, playlist);
    else
        snprintf(path, sizeof path, "%s/slide-001.png", dir);
    return test_load_argb(path);
}

/* The bounding box {x0, y0, x1, y1} (x1, y1 past the end) of the pixels a and b differ in;
 * false when they differ nowhere. */
static bool diff_box(const SDL_Surface *a, const SDL_Surface *b, int box[4])
{
    box[0] = a->w, box[1] = a->h, box[2] = box[3] = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            if (test_pixel(a, x, y) != test_pixel(b, x, y)) {
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
            n += test_pixel(a, x, y) != test_pixel(b, x, y);
    return n;
}

static void render(int w, int h, const char *config, char *dir, size_t n)
{
    snprintf(dir, n, T "/%s-%dx%d", config, w, h);
    sh("%s render " T "/pl --out %s --size %dx%d --at " AT " --config " T "/%s.yaml --layout-json "
       "%s/layout.json 2>" T "/render.log",
       bin(), dir, w, h, config, dir);
}

/* The clock's box in whole pixels {x0, y0, x1, y1}; false where none is drawn. */
static bool clock_rect(int w, int h, int r[4])
{
    struct clock_box b;
    bool shown = layout_clock_box(w, h, design_of(NULL), &b);
    r[0] = (int)floor(b.x), r[1] = (int)floor(b.y);
    r[2] = (int)ceil(b.x + b.w), r[3] = (int)ceil(b.y + b.h);
    return shown;
}

static bool inside(const int in[4], const int out[4])
{
    return in[0] >= out[0] && in[1] >= out[1] && in[2] <= out[2] && in[3] <= out[3];
}

/* Header lines of the layout JSON (dir/layout.json) that touch the rectangle r. */
static int header_lines_in(const char *dir, const int r[4], int w, int h)
{
    char path[512];
    snprintf(path, sizeof path, "%s/layout.json", dir);
    char *text = slurp(path);
    struct mj *doc = mj_parse(text);
    const struct mj *slides = mj_get(doc, "slides");
    assert_non_null(slides);
    int bad = 0, seen = 0;
    for (size_t i = 0; i < slides->n; i++) {
        const struct mj *els = mj_get(&slides->kids[i], "elements");
        const char *pl = mj_str(&slides->kids[i], "playlist");
        for (size_t e = 0; els && e < els->n; e++) {
            const char *role = mj_str(&els->kids[e], "role");
            const struct mj *lines = mj_get(&els->kids[e], "lines");
            if (!role || strncmp(role, "header", 6) != 0 || !lines)
                continue;
            for (size_t k = 0; k < lines->n; k++) {
                const struct mj *ln = &lines->kids[k];
                double x = mj_num(ln, "x"), y = mj_num(ln, "y");
                double x1 = x + mj_num(ln, "w"), y1 = y + mj_num(ln, "h");
                seen++;
                if (x1 > r[0] && x < r[2] && y1 > r[1] && y < r[3]) {
                    print_error("%dx%d: %s: %s line '%s' at %.0f,%.0f-%.0f,%.0f touches the "
                                "clock's box %d,%d-%d,%d\n",
                                w, h, pl ? pl : "?", role,
                                mj_str(ln, "text") ? mj_str(ln, "text") : "?", x, y, x1, y1, r[0],
                                r[1], r[2], r[3]);
                    bad++;
                }
            }
        }
    }
    assert_true(seen >= 3); /* the header of each playlist was there to be looked at */
    mj_free(doc);
    free(text);
    return bad;
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
            int ink[4], box[4];
            bool drawn = diff_box(short_off, short_on, ink);
            if (clock_rect(w, h, box) == strip) {
                print_error("%dx%d: layout_clock_box() says the clock is %s\n", w, h,
                            strip ? "shown on a strip" : "not shown");
                problems++;
            }
            if (drawn && !strip && !inside(ink, box)) {
                print_error("%dx%d: the clock's ink %d,%d-%d,%d outside its box %d,%d-%d,%d\n", w,
                            h, ink[0], ink[1], ink[2], ink[3], box[0], box[1], box[2], box[3]);
                problems++;
            }
            if (!strip)
                problems += header_lines_in(on, box, w, h);
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
                long bad = differ_in(s, short_on, box);
                if (bad) {
                    print_error("%dx%d (%s): %s: %ld pixels of header ink inside the clock's "
                                "box %d,%d-%d,%d\n",
                                w, h, clocks[k], playlists[p], bad, box[0], box[1], box[2], box[3]);
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

/* The board's painter (overlays_clock(), as play and render call it) keeps the clock inside the
 * box the layout leaves it, in Chinese (12月30日 星期三  23:59, the widest it writes) and in
 * English, at every shape; on the strips it draws nothing. */
static void test_the_clock_stays_in_its_box(void **state)
{
    (void)state;
    time_t at;
    assert_int_equal(schedule_parse_moment(AT, &at), 0);
    schedule_now_set(at);
    static const char *const langs[] = {"zh", "en"};
    int problems = 0;
    for (size_t k = 0; k < 2; k++) {
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
            int w = sizes[z][0], h = sizes[z][1], box[4], ink[4] = {w, h, 0, 0};
            bool shown = clock_rect(w, h, box);
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
            assert_non_null(s);
            SDL_FillRect(s, NULL, 0);
            SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
            assert_non_null(r);
            struct overlays *o = overlays_create(r);
            assert_non_null(o);
            overlays_theme(o, NULL);
            overlays_clock(o, w, h, strcmp(langs[k], "en") == 0);
            SDL_RenderFlush(r);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    if (((uint32_t *)((uint8_t *)s->pixels + y * s->pitch))[x] >> 24) {
                        ink[0] = x < ink[0] ? x : ink[0], ink[1] = y < ink[1] ? y : ink[1];
                        ink[2] = x >= ink[2] ? x + 1 : ink[2],
                        ink[3] = y >= ink[3] ? y + 1 : ink[3];
                    }
            bool drawn = ink[2] > 0;
            if (drawn != shown || (drawn && !inside(ink, box))) {
                print_error("%s %dx%d: the clock's ink %d,%d-%d,%d (%s), its box %d,%d-%d,%d "
                            "(%s)\n",
                            langs[k], w, h, ink[0], ink[1], ink[2], ink[3],
                            drawn ? "drawn" : "none", box[0], box[1], box[2], box[3],
                            shown ? "shown" : "none");
                problems++;
            }
            overlays_destroy(o);
            SDL_DestroyRenderer(r);
            SDL_FreeSurface(s);
        }
    }
    assert_int_equal(problems, 0);
}

static pid_t play_pid; /* stopped by the teardown if a check fails */

static int stop_play(void **state)
{
    (void)state;
    if (play_pid > 0) {
        kill(play_pid, SIGTERM);
        waitpid(play_pid, NULL, 0);
        play_pid = 0;
    }
    return 0;
}

/* play lays the page out as render does with the clock on: a headless `play --config` (clock
 * on) dumps its frame of the long title, which equals render's PNG everywhere but in the clock's
 * box (play's clock runs on from --at: its minute may be another). */
static void test_play_leaves_the_clock_room(void **state)
{
    (void)state;
    static const int shapes[][2] = {{1920, 1080}, {1080, 1920}};
    sh("rm -rf " T "/play && mkdir -p " T "/play/pl && cp " T "/pl/longsub.yaml " T "/play/pl/");
    for (size_t z = 0; z < 2; z++) {
        int w = shapes[z][0], h = shapes[z][1], box[4];
        assert_true(clock_rect(w, h, box));
        char dir[256], dump[256];
        snprintf(dir, sizeof dir, T "/play/render-%dx%d", w, h);
        sh("%s render " T "/play/pl --out %s --size %dx%d --at 2026-12-30T10:00 --config " T
           "/on.yaml 2>/dev/null",
           bin(), dir, w, h);
        pid_t pid = play_pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char size[32];
            snprintf(size, sizeof size, "--window=%dx%d", w, h);
            freopen(T "/play/play.log", "w", stderr);
            execl(bin(), bin(), "play", T "/play/pl", size, "--config", T "/on.yaml",
                  "--dump-frames", T "/play/dump", "--at", "2026-12-30T10:00", "--quit-after", "60",
                  (char *)NULL);
            _exit(127);
        }
        snprintf(dump, sizeof dump, T "/play/dump/%dx%d/slide-001.png", w, h);
        double end = now_seconds() + 60;
        while (now_seconds() < end && access(dump, R_OK) != 0)
            usleep(200000);
        usleep(300000); /* let the file being written finish */
        stop_play(NULL);
        SDL_Surface *a = load(dir, NULL), *b = NULL;
        if (access(dump, R_OK) != 0)
            fail_msg("%dx%d: play dumped no frame", w, h);
        b = test_load_argb(dump);
        long differ = test_differ(a, b, box, h);
        if (differ)
            fail_msg("%dx%d: play's frame and render's PNG differ in %ld pixels outside the "
                     "clock's box",
                     w, h, differ);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_leaves_the_clock_room),
        cmocka_unit_test(test_the_clock_stays_in_its_box),
        cmocka_unit_test_teardown(test_play_leaves_the_clock_room, stop_play),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
