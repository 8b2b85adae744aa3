/* test_tickerroom.c - the board's own ticker (config `ticker:`, scrolled when a playlist has none
 * of its own) covers nothing, and the board's clock speaks the config's language in render too.
 *
 * A user trial (r02) found the config's ticker laid over the page number, the QR code's label,
 * a strip's unit line and its 走字: the pages left the band free only for a playlist's own
 * `ticker:`. Here a playlist without a ticker, under a config with one, must render exactly as
 * the same playlist carrying that ticker itself (every pixel of every page, at 1920x1080,
 * 1080x1920 and the 1536x192 strip), no element of its layout JSON may reach into the band, a
 * message card leaves it free too, and `play` must lay it out so - at start, and when a reload
 * brings the ticker.
 *
 * `render --config` drew the clock in the shell's language (LANG=C.UTF-8: "Mon 07 Dec  08:30")
 * where the board draws it in the config's (`language: zh-CN`: 12月7日 星期一  08:30): render's
 * clock must be the same whatever LANG says, read as Chinese (tesseract's chi_sim), and the same
 * as play's frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "minijson.h"
#include "pixels.h"
#include "model/designs.h"
#include "model/playlist.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "page/layout_clock.h"
#include "page/layout_ticker.h"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>

#include <SDL.h>
#include <SDL_image.h>

#define T "build/test-tickerroom"
#define AT "2026-12-07T08:30"
#define TICKER                                                                                     \
    "欢迎各位来宾莅临指导　坚持以“党建红”引领“警察蓝”，全力打造忠诚干净担当的新时代监狱铁军"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1536, 192}};

/* T/cfg: the trial's playlist, no ticker of its own; T/own: the same with the config's ticker
 * as its own. T/board.yaml shows ticker and clock in Chinese; T/plain.yaml the clock only;
 * T/en.yaml the clock in English. */
static void write_files(void)
{
    sh("rm -rf " T " && mkdir -p " T "/cfg " T "/own && cp -r tests/data/pages/photos " T
       "/cfg/ && cp -r tests/data/pages/photos " T "/own/ && cp tests/data/tickerroom/board.yaml " T
       "/cfg/ && sed '1a ticker: " TICKER "' tests/data/tickerroom/board.yaml > " T
       "/own/board.yaml");
    sh("printf 'language: zh-CN\\nticker: " TICKER "\\nclock: true\\n' > " T "/board.yaml");
    sh("printf 'language: zh-CN\\nclock: true\\n' > " T "/plain.yaml");
    sh("printf 'language: en\\nclock: true\\n' > " T "/en.yaml");
}

static void render(const char *pl, const char *config, int w, int h, const char *env)
{
    sh("%s %s render " T "/%s --out " T "/out-%s-%s-%dx%d --size %dx%d --at " AT " --config " T
       "/%s.yaml --layout-json " T "/out-%s-%s-%dx%d.json 2>>" T "/render.log",
       env, bin(), pl, pl, config, w, h, w, h, config, pl, config, w, h);
}

/* The ticker's band on a w x h screen: 0 where it shows none. */
static int band_of(int w, int h)
{
    return layout_ticker_fits(w, h) ? layout_ticker_band(w, h) : 0;
}

/* Elements of the layout JSON that reach into the band at the bottom (the background image runs
 * on under it, as the page's background does). */
static int into_band(const char *json, int w, int h)
{
    char *text = slurp(json);
    struct mj *doc = mj_parse(text);
    const struct mj *slides = mj_get(doc, "slides");
    assert_non_null(slides);
    int bad = 0, top = h - band_of(w, h);
    size_t seen = 0;
    for (size_t i = 0; i < slides->n; i++) {
        const struct mj *els = mj_get(&slides->kids[i], "elements");
        for (size_t e = 0; els && e < els->n; e++) {
            const char *role = mj_str(&els->kids[e], "role");
            double y1 = mj_num(&els->kids[e], "y") + mj_num(&els->kids[e], "h");
            seen++;
            if (role && strcmp(role, "background-image") != 0 && y1 > top + 0.5) {
                print_error("%dx%d: %s '%s' of slide %.0f page %.0f ends at %.0f, in the ticker's "
                            "band (from %d)\n",
                            w, h, json, role, mj_num(&slides->kids[i], "slide"),
                            mj_num(&slides->kids[i], "page"), y1, top);
                bad++;
            }
        }
    }
    assert_true(seen >= 20);
    mj_free(doc);
    free(text);
    return bad;
}

/* Every page of the playlist under the config's ticker is the page of the playlist carrying the
 * ticker itself, pixel for pixel (layout, ticker, clock), and nothing of its layout is in the
 * band. */
static void test_config_ticker_covers_nothing(void **state)
{
    (void)state;
    write_files();
    int problems = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        render("cfg", "board", w, h, "");
        render("own", "plain", w, h, "");
        char json[256], dir[256], mine[600], theirs[600];
        snprintf(json, sizeof json, T "/out-cfg-board-%dx%d.json", w, h);
        problems += into_band(json, w, h);
        snprintf(dir, sizeof dir, T "/out-cfg-board-%dx%d", w, h);
        DIR *d = opendir(dir);
        assert_non_null(d);
        int pages = 0;
        for (struct dirent *de; (de = readdir(d));) {
            if (!strstr(de->d_name, ".png"))
                continue;
            snprintf(mine, sizeof mine, "%s/%s", dir, de->d_name);
            snprintf(theirs, sizeof theirs, T "/out-own-plain-%dx%d/%s", w, h, de->d_name);
            if (access(theirs, R_OK) != 0) { /* laid out in more pages than it should be */
                print_error("%dx%d %s: a page the playlist with that ticker has not\n", w, h,
                            de->d_name);
                problems++;
                continue;
            }
            SDL_Surface *a = test_load_argb(mine), *b = test_load_argb(theirs);
            long n = test_differ(a, b, NULL, h);
            if (n) {
                print_error("%dx%d %s: %ld pixels differ from the page of a playlist with that "
                            "ticker\n",
                            w, h, de->d_name, n);
                problems++;
            }
            SDL_FreeSurface(a), SDL_FreeSurface(b);
            pages++;
        }
        closedir(d);
        assert_true(pages >= 10);
    }
    assert_int_equal(problems, 0);
}

/* A message card (a playlist that cannot play, the standby card) under the config's ticker
 * leaves its band free too, its background and frame running on under it. */
static void test_cards_leave_the_band(void **state)
{
    (void)state;
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    assert_non_null(f);
    struct layout_env env = draw_layout_env(f);
    env.clock = env.ticker = true;
    int problems = 0;
    const char *msg = "播放单有误，未能播放，其余内容照常播放。\n\n"
                      "board.yaml:3:9: 错误: 播放单里没有幻灯片（“slides”列表是空的）。"
                      "请在播放单里至少写一张幻灯片，再保存一次；其余播放单照常播放，不受影响。"
                      "请在播放单里至少写一张幻灯片，再保存一次；其余播放单照常播放，不受影响。";
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1], top = h - band_of(w, h);
        struct slide_layout *l = layout_card("光荣榜", msg, &playlist_default_theme, w, h, &env);
        assert_int_equal(l->h, h);
        for (size_t k = 0; k < l->pages[0].n; k++) {
            const struct element *e = &l->pages[0].els[k];
            bool under =
                e->backdrop || strcmp(e->role, "frame") == 0 || strcmp(e->role, "background") == 0;
            if (under ? e->y + e->h <= top + 0.5 : e->y + e->h > top + 0.5) {
                print_error("%dx%d: the card's %s ends at %.0f (the band from %d)\n", w, h, e->role,
                            e->y + e->h, top);
                problems++;
            }
        }
        layout_free(l);
    }
    fonts_destroy(f);
    assert_int_equal(problems, 0);
}

/* render's clock is the config's language whatever the shell's: under LANG=C.UTF-8 and under
 * LANGUAGE=zh_CN the same pixels (Chinese with language: zh-CN, English with language: en), and
 * the two languages differ. */
static void test_render_clock_speaks_the_config_language(void **state)
{
    (void)state;
    write_files();
    int box[4];
    struct clock_box b;
    assert_true(layout_clock_box(1920, 1080, design_by_name("党建红"), &b));
    box[0] = (int)b.x, box[1] = (int)b.y, box[2] = (int)ceil(b.x + b.w),
    box[3] = (int)ceil(b.y + b.h);
    static const char *const configs[] = {"plain", "en"};
    SDL_Surface *got[2][2];
    for (int k = 0; k < 2; k++) {
        render("own", configs[k], 1920, 1080, "LANG=C.UTF-8");
        sh("mv " T "/out-own-%s-1920x1080 " T "/out-own-%s-c", configs[k], configs[k]);
        render("own", configs[k], 1920, 1080, "LANG=zh_CN.UTF-8 LANGUAGE=zh_CN");
        char path[256];
        snprintf(path, sizeof path, T "/out-own-%s-c/slide-001.png", configs[k]);
        got[k][0] = test_load_argb(path);
        snprintf(path, sizeof path, T "/out-own-%s-1920x1080/slide-001.png", configs[k]);
        got[k][1] = test_load_argb(path);
    }
    long zh = test_differ(got[0][0], got[0][1], NULL, 1080),
         en = test_differ(got[1][0], got[1][1], NULL, 1080);
    /* the two languages' pages: the same outside the clock's box, not inside it */
    long outside = test_differ(got[0][0], got[1][0], box, 1080), inside = 0;
    for (int y = box[1]; y < box[3]; y++)
        for (int x = box[0]; x < box[2]; x++)
            inside += test_pixel(got[0][0], x, y) != test_pixel(got[1][0], x, y);
    for (int k = 0; k < 2; k++)
        SDL_FreeSurface(got[k][0]), SDL_FreeSurface(got[k][1]);
    if (zh || en || outside || inside < 100)
        fail_msg("language: zh-CN: %ld pixels differ between LANG=C.UTF-8 and Chinese; en: %ld; "
                 "zh-CN against en: %ld outside the clock's box, %ld inside",
                 zh, en, outside, inside);
    /* what it reads: Chinese under LANG=C.UTF-8 (tesseract-ocr-chi-sim, a test package) */
    if (run("tesseract --list-langs 2>/dev/null | grep -qx chi_sim") != 0)
        fail_msg("no tesseract with chi_sim: apt-get install tesseract-ocr tesseract-ocr-chi-sim");
    SDL_Surface *page = test_load_argb(T "/out-own-plain-c/slide-001.png");
    int cw = box[2] - box[0], ch = box[3] - box[1];
    SDL_Surface *big =
        SDL_CreateRGBSurfaceWithFormat(0, cw * 3, ch * 3, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(big);
    SDL_BlitScaled(page, &(SDL_Rect){box[0], box[1], cw, ch}, big, NULL);
    assert_int_equal(IMG_SavePNG(big, T "/clock.png"), 0);
    SDL_FreeSurface(big), SDL_FreeSurface(page);
    sh("tesseract " T "/clock.png " T "/clock -l chi_sim --psm 7 >/dev/null 2>&1; true");
    sh("cp " T "/clock.png " T
       "/clock.txt build/"); /* kept to look at: the later tests start afresh */
    char *text = slurp(T "/clock.txt");
    if (!strstr(text, "星期") || !strstr(text, "月"))
        fail_msg("the clock under LANG=C.UTF-8 reads '%s', not 12月7日 星期一  08:30", text);
    free(text);
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

static void start_play(int w, int h, const char *config, const char *dump)
{
    sh("rm -rf %s", dump);
    pid_t pid = play_pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char size[32];
        snprintf(size, sizeof size, "--window=%dx%d", w, h);
        freopen(T "/play.log", "a", stderr);
        execl(bin(), bin(), "play", T "/cfg/board.yaml", size, "--config", config, "--log",
              T "/play.jsonl", "--dump-frames", dump, "--at", AT, "--quit-after", "90",
              (char *)NULL);
        _exit(127);
    }
}

/* The first page play dumps, compared with render's page of the playlist carrying the ticker:
 * the same above the band (the ticker scrolls there), the clock's box included while play's
 * minute is still render's. */
static void compare_first_page(int w, int h, const char *dump, const char *own, double started)
{
    char frame[512], theirs[512], name[32] = "slide-001.png";
    snprintf(theirs, sizeof theirs, "%s/%s", own, name);
    if (access(theirs, R_OK) != 0) /* the slide has more pages than one there */
        snprintf(name, sizeof name, "slide-001-p1.png");
    snprintf(theirs, sizeof theirs, "%s/%s", own, name);
    snprintf(frame, sizeof frame, "%s/%dx%d/%s", dump, w, h, name);
    double end = now_seconds() + 60;
    while (now_seconds() < end && access(frame, R_OK) != 0)
        usleep(200000);
    usleep(300000); /* let the file being written finish */
    SDL_Surface *a = test_load_argb(frame), *b = test_load_argb(theirs);
    struct clock_box cb;
    int box[4] = {0, 0, 0, 0};
    if (now_seconds() - started > 50 && layout_clock_box(w, h, design_by_name("党建红"), &cb))
        box[0] = 0, box[1] = 0, box[2] = w, box[3] = (int)ceil(cb.y + cb.h); /* minute turned */
    long n = test_differ(a, b, box, h - band_of(w, h));
    SDL_FreeSurface(a), SDL_FreeSurface(b);
    if (n)
        fail_msg("%dx%d: play's frame differs from the page laid out above the ticker in %ld "
                 "pixels above the band",
                 w, h, n);
}

/* play (LANG=C.UTF-8, the config's ticker and Chinese clock) lays its pages out above the band
 * and draws the clock as render draws it. */
static void test_play_leaves_the_band(void **state)
{
    (void)state;
    write_files();
    for (size_t z = 0; z < 2; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        render("own", "plain", w, h, "");
        char own[256];
        snprintf(own, sizeof own, T "/out-own-plain-%dx%d", w, h);
        double started = now_seconds();
        start_play(w, h, T "/board.yaml", T "/dump");
        compare_first_page(w, h, T "/dump", own, started);
        stop_play(NULL);
    }
}

/* A reload that brings the config's ticker lays the page on screen out again, above the band. */
static void test_reload_brings_the_band(void **state)
{
    (void)state;
    write_files();
    sh("cp " T "/plain.yaml " T "/live.yaml");
    render("own", "plain", 1920, 1080, "");
    double started = now_seconds();
    start_play(1920, 1080, T "/live.yaml", T "/reload");
    const char *frame = T "/reload/1920x1080/slide-001.png";
    double end = now_seconds() + 60;
    while (now_seconds() < end && access(frame, R_OK) != 0)
        usleep(200000);
    usleep(300000);
    sh("cp %s " T "/before.png", frame);
    sh("cp " T "/board.yaml " T "/live.yaml.new && mv " T "/live.yaml.new " T "/live.yaml");
    kill(play_pid, SIGHUP);
    wait_for(T "/play.jsonl", "\"applied\":\"ticker\"", 20);
    end = now_seconds() + 20;
    /* written again once the page laid out anew is up */
    while (run("cmp -s %s " T "/before.png", frame) == 0)
        if (now_seconds() > end)
            fail_msg("the page on screen was not laid out again after the reload");
        else
            usleep(300000);
    compare_first_page(1920, 1080, T "/reload", T "/out-own-plain-1920x1080", started);
    stop_play(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_ticker_covers_nothing),
        cmocka_unit_test(test_cards_leave_the_band),
        cmocka_unit_test(test_render_clock_speaks_the_config_language),
        cmocka_unit_test_teardown(test_play_leaves_the_band, stop_play),
        cmocka_unit_test_teardown(test_reload_brings_the_band, stop_play),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
