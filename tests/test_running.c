/* test_running.c - 走字 on a door-top LED strip: a banner longer than the strip runs through
 * it. Read back from the pixels: the band at two times is the same picture shifted by speed x
 * the time between x one character's advance (positions from the clock, not from frames); at
 * time 0 it is what render draws; the band is all a frame of it changes; and the board, playing
 * it, shows only that band frame after frame (play --stats counts them). And the cards of the
 * day, which are drawn again at midnight and at no other time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "pixels.h"

#include <SDL_image.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/content.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "page/running.h"
#include "base/util.h"

#define OUT "build/test-running"

static struct fonts *fonts;

static const char *const strip_yaml =
    "honorboard: 1\n"
    "title: 走字\n"
    "slides:\n"
    "  - type: banner\n"
    "    duration: 3600s\n"
    "    speed: 4\n"
    "    text: 热烈祝贺第二分监狱荣获“全国先进基层党组织”称号　安全生产　人人有责\n"
    "  - type: banner\n"
    "    text: 安全生产\n";

static struct content *load(void)
{
    sh("mkdir -p " OUT);
    FILE *f = fopen(OUT "/strip.yaml", "w");
    assert_non_null(f);
    fputs(strip_yaml, f);
    fclose(f);
    struct diag d = {0};
    struct content *c = content_load(OUT "/strip.yaml", &d);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    return c;
}

static const struct element *running_el(const struct slide_layout *l)
{
    for (size_t i = 0; i < l->pages[0].n; i++)
        if (l->pages[0].els[i].run_speed > 0)
            return &l->pages[0].els[i];
    return NULL;
}

/* The band at t1 and t2: the picture at t2 is the one at t1 moved left by speed x (t2 - t1)
 * x the advance of one character (an em), to the pixel; at t = 0 it is the page render draws. */
static void test_shift_from_the_clock(void **state)
{
    (void)state;
    struct content *c = load();
    const struct playlist *pl = c->playlists[0];
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], 1536, 192, &env);
    const struct element *e = running_el(l);
    assert_non_null(e);
    double em = e->tl->px, v = pl->slides[0].speed * em; /* pixels a second */
    assert_true(fabs(e->run_speed - v) < 1e-6);
    struct running *r = running_create(l, 0, fonts);
    assert_non_null(r);
    int rect[4];
    running_rect(r, rect);
    /* only the band: inside the frame, not the whole screen */
    assert_true(rect[0] >= 0 && rect[1] > 0 && rect[0] + rect[2] <= 1536 &&
                rect[1] + rect[3] < 192);
    assert_true(rect[2] * rect[3] < 1536 * 192);
    int w = rect[2], h = rect[3];
    size_t stride;
    /* time 0 is the page as drawn (render's PNG) */
    char err[256];
    SDL_Surface *page = draw_page(l, 0, fonts, err, sizeof err);
    assert_non_null(page);
    const uint32_t *p0 = running_paint(r, 0, &stride);
    long differ = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            differ += (p0[(size_t)y * (stride / 4) + x] & 0xFFFFFF) !=
                      (((uint32_t *)
                            page->pixels)[(size_t)(rect[1] + y) * (page->pitch / 4) + rect[0] + x] &
                       0xFFFFFF);
    if (differ)
        fail_msg("the band at time 0 differs from the page in %ld pixels", differ);
    /* the band without its text: the page drawn without the running line */
    struct page_layout bare = {.els = xcalloc(l->pages[0].n, sizeof *l->pages[0].els)};
    for (size_t i = 0; i < l->pages[0].n; i++)
        if (&l->pages[0].els[i] != e)
            bare.els[bare.n++] = l->pages[0].els[i];
    struct slide_layout bl = {.w = l->w, .h = l->h, .npages = 1, .pages = &bare};
    SDL_Surface *under = draw_page(&bl, 0, fonts, err, sizeof err);
    assert_non_null(under);
    free(bare.els);
    uint32_t *bg = xmalloc((size_t)w * h * 4);
    for (int y = 0; y < h; y++)
        memcpy(bg + (size_t)y * w,
               (uint8_t *)under->pixels + (size_t)(rect[1] + y) * under->pitch +
                   (size_t)rect[0] * 4,
               (size_t)w * 4);
    SDL_FreeSurface(under);
    static const double times[][2] = {{0.25, 0.75}, {1.0, 1.4}, {2.5, 2.55}};
    for (size_t k = 0; k < 3; k++) {
        double t1 = times[k][0], t2 = times[k][1];
        const uint32_t *p1 = running_paint(r, t1, &stride);
        uint32_t *c1 = xmalloc((size_t)h * stride);
        memcpy(c1, p1, (size_t)h * stride);
        const uint32_t *p2 = running_paint(r, t2, &stride);
        /* the shift that best lays the second picture over the first, pixel for pixel, as a
         * share of the pixels compared (a long shift compares fewer) */
        int best = -1;
        double best_err = -1;
        size_t st4 = stride / 4;
        for (int d = 0; d < w / 2; d++) {
            long bad = 0, n = 0; /* among the pixels of ink in either */
            for (int y = 0; y < h; y += 2)
                for (int x = 0; x + d < w; x += 2) {
                    uint32_t u = c1[(size_t)y * st4 + (size_t)(x + d)] & 0xFFFFFF,
                             v2 = p2[(size_t)y * st4 + (size_t)x] & 0xFFFFFF;
                    bool iu = u != (bg[(size_t)y * w + x + d] & 0xFFFFFF),
                         iv = v2 != (bg[(size_t)y * w + x] & 0xFFFFFF);
                    if (!iu && !iv)
                        continue;
                    n++;
                    bad += !(iu && iv && u == v2);
                }
            double err2 = n ? (double)bad / (double)n : 1;
            if (best_err < 0 || err2 < best_err)
                best_err = err2, best = d;
        }
        int want = (int)(floor(t2 * v) - floor(t1 * v));
        if (abs(best - want) > 1)
            fail_msg("from %.2f s to %.2f s the text moved %d px, not %d (%.0f px/s: %g characters "
                     "a second of %.0f px)",
                     t1, t2, best, want, v, pl->slides[0].speed, em);
        free(c1);
    }
    free(bg);
    SDL_FreeSurface(page);
    running_free(r);
    layout_free(l);
    /* a slogan that fits stands still; a page without 走字 has no running band */
    l = layout_slide(pl, &pl->slides[1], 1536, 192, &env);
    assert_null(running_el(l));
    assert_null(running_create(l, 0, fonts));
    layout_free(l);
    /* on a screen that is not a strip, the long slogan stands too */
    l = layout_slide(pl, &pl->slides[0], 1920, 1080, &env);
    assert_null(running_el(l));
    layout_free(l);
    content_unref(c);
}

/* The board playing it: after the pause on its start, frame after frame shows only the band
 * (the software renderer's window: the band's rows are all that is sent to the display). */
static void test_board_repaints_only_the_band(void **state)
{
    (void)state;
    struct content *c = load();
    content_unref(c);
    sh("printf 'clock: false\\n' > " OUT "/config.yaml && rm -f " OUT "/stats.jsonl");
    assert_int_equal(run("SDL_VIDEODRIVER=dummy %s play " OUT "/strip.yaml --window=1536x192 "
                         "--config " OUT "/config.yaml --stats " OUT "/stats.jsonl "
                         "--quit-after 5 2>" OUT "/play.log",
                         bin()),
                     0);
    char *st = slurp(OUT "/stats.jsonl");
    const char *fin = strstr(st, "\"final\":true");
    assert_non_null(fin);
    long frames = 0, band_frames = 0;
    int b[4] = {0};
    const char *p = strstr(fin, "\"frames\":");
    assert_non_null(p);
    frames = atol(p + 9);
    p = strstr(fin, "\"band_frames\":");
    assert_non_null(p);
    band_frames = atol(p + 14);
    p = strstr(fin, "\"band\":[");
    assert_non_null(p);
    assert_int_equal(sscanf(p + 8, "%d,%d,%d,%d", &b[0], &b[1], &b[2], &b[3]), 4);
    /* 3.5 s of running at the display's pace: well over a hundred frames, nearly all bands */
    if (band_frames < 60 || band_frames < frames * 0.8)
        fail_msg("%ld of %ld frames showed only the band: %s", band_frames, frames, fin);
    if (!(b[1] > 0 && b[3] < 192 && b[2] <= 1536 && b[3] > 100))
        fail_msg("the band shown is %d,%d %dx%d", b[0], b[1], b[2], b[3]);
    free(st);
}

/* A date card on the board: drawn when it goes up, then not again until midnight (no frame in
 * between: a still page costs nothing), then laid out and drawn once more for the new day. */
static void test_day_card_redrawn_at_midnight_only(void **state)
{
    (void)state;
    sh("mkdir -p " OUT " && rm -rf " OUT "/day && printf 'clock: false\\n' > " OUT "/config.yaml");
    sh("printf 'honorboard: 1\\nslides:\\n  - { type: calendar, title: 今日, duration: 3600s }\\n' "
       "> " OUT "/day.yaml");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        freopen(OUT "/day.log", "w", stderr);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        execl(bin(), bin(), "play", OUT "/day.yaml", "--window=640x360", "--config",
              OUT "/config.yaml", "--dump-frames", OUT "/day", "--stats", OUT "/day.jsonl", "--at",
              "2026-12-07T23:59:57", "--quit-after", "9", (char *)NULL);
        _exit(127);
    }
    /* the page of the 7th, then (after midnight) the page of the 8th under the same name */
    const char *dump = OUT "/day/640x360/slide-001.png";
    SDL_Surface *first = NULL;
    for (int i = 0; i < 50 && !first; i++) {
        usleep(100000);
        first = IMG_Load(dump);
    }
    assert_non_null(first);
    SDL_Surface *a = SDL_ConvertSurfaceFormat(first, SDL_PIXELFORMAT_ARGB8888, 0);
    int st;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    SDL_Surface *b = test_load_argb(dump);
    long differ = test_differ(a, b, NULL, a->h);
    if (differ < 200)
        fail_msg("the date card after midnight differs from the one before in %ld pixels", differ);
    /* 9 seconds on one still page: its fade in (0.8 s: some 50 frames at 60 Hz) and a handful
     * more, never a frame a refresh (540) */
    char *stats = slurp(OUT "/day.jsonl");
    const char *f = strstr(stats, "\"final\":true");
    assert_non_null(f);
    long frames = atol(strstr(f, "\"frames\":") + 9);
    if (frames > 100)
        fail_msg("%ld frames for a still date card in 9 s: %s", frames, f);
    free(stats);
    SDL_FreeSurface(first), SDL_FreeSurface(a), SDL_FreeSurface(b);
}

/* A countdown that comes up just after midnight, made ahead while the slide before it was on
 * screen before midnight: it shows the new day's number, as `render --at` of the new day does
 * (the preparer works a slide ahead; the day's change makes the waiting page again). */
static void test_countdown_made_before_midnight_shows_the_new_day(void **state)
{
    (void)state;
    sh("mkdir -p " OUT " && rm -rf " OUT "/cd " OUT "/cdr* && printf 'clock: false\\n' > " OUT
       "/config.yaml");
    sh("printf 'honorboard: 1\\nslides:\\n  - { type: text, title: 通知, text: 明天见, "
       "duration: 4s }\\n  - { type: countdown, title: 元旦, date: 2027-01-01, duration: 60s "
       "}\\n' > " OUT "/cd.yaml");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        freopen(OUT "/cd.log", "w", stderr);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        execl(bin(), bin(), "play", OUT "/cd.yaml", "--window=640x360", "--config",
              OUT "/config.yaml", "--dump-frames", OUT "/cd", "--at", "2026-12-07T23:59:57",
              "--quit-after", "8", (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* the countdown as drawn on the 8th (24 days to go) and on the 7th (25) */
    sh("%s render " OUT "/cd.yaml --size 640x360 --at 2026-12-08T00:00:05 --out " OUT
       "/cdr8 >/dev/null 2>&1",
       bin());
    sh("%s render " OUT "/cd.yaml --size 640x360 --at 2026-12-07T23:59:59 --out " OUT
       "/cdr7 >/dev/null 2>&1",
       bin());
    SDL_Surface *shown = test_load_argb(OUT "/cd/640x360/slide-002.png");
    SDL_Surface *day8 = test_load_argb(OUT "/cdr8/slide-002.png");
    SDL_Surface *day7 = test_load_argb(OUT "/cdr7/slide-002.png");
    long to8 = test_differ(shown, day8, NULL, shown->h),
         to7 = test_differ(shown, day7, NULL, shown->h);
    if (to8 > 200 || to8 >= to7)
        fail_msg("the countdown shown after midnight differs from the 8th's page in %ld pixels "
                 "and from the 7th's in %ld: it was made for the day before",
                 to8, to7);
    SDL_FreeSurface(shown), SDL_FreeSurface(day8), SDL_FreeSurface(day7);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    char err[256];
    fonts = fonts_create(NULL, err, sizeof err);
    if (!fonts) {
        fprintf(stderr, "test_running: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shift_from_the_clock),
        cmocka_unit_test(test_board_repaints_only_the_band),
        cmocka_unit_test(test_day_card_redrawn_at_midnight_only),
        cmocka_unit_test(test_countdown_made_before_midnight_shows_the_new_day),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fonts_destroy(fonts);
    SDL_Quit();
    return rc;
}
