/* test_pagepath.c - one page path: `render` writes the frame the screen shows. A headless
 * `play` (dummy video driver, software renderer) dumps every page it shows with --dump-frames;
 * each dump must equal the PNG `render` wrote for that page, pixel for pixel, at 1920x1080,
 * 1080x1920, 768x384 and a 1536x192 strip, and the two must agree on which pages exist (a photo
 * slide whose image is missing is skipped by both). The galleries, the countdown and the date card
 * of gallery.yaml are among the pages, both drawn as on one day (--at). Also: F toggles
 * fullscreen and back under an X server with no window manager, and the layout follows the
 * window each way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "pixels.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <SDL.h>
#include <SDL_image.h>

#define PLAYLISTS "tests/data/pages"
#define OUT "build/test-pagepath"
#define AT "2026-12-07T10:00"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {768, 384}, {1536, 192}};

/* The *.png names in dir, sorted, joined with '\n'. Caller frees. */
static char *png_names(const char *dir)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    struct strbuf b = {0};
    for (int i = 0; i < n; i++) {
        size_t len = strlen(list[i]->d_name);
        if (len > 4 && strcmp(list[i]->d_name + len - 4, ".png") == 0)
            sb_printf(&b, "%s\n", list[i]->d_name);
        free(list[i]);
    }
    free(list);
    return b.s ? b.s : xstrdup("");
}

/* Pixels whose colour differs (alpha ignored: a PNG from the screen has none). */
static long differing(SDL_Surface *a, SDL_Surface *b, int *fx, int *fy)
{
    long n = 0;
    *fx = *fy = -1;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            uint32_t p = ((uint32_t *)a->pixels)[y * (a->pitch / 4) + x] & 0xFFFFFFu;
            uint32_t q = ((uint32_t *)b->pixels)[y * (b->pitch / 4) + x] & 0xFFFFFFu;
            if (p != q && n++ == 0)
                *fx = x, *fy = y;
        }
    return n;
}

static bool all_present(const char *dir, const char *names)
{
    char *copy = xstrdup(names);
    bool ok = true;
    for (char *n = strtok(copy, "\n"); n && ok; n = strtok(NULL, "\n")) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, n);
        struct stat st;
        ok = stat(path, &st) == 0 && st.st_size > 0;
    }
    free(copy);
    return ok;
}

static pid_t dump_play_pid, xvfb_pid, fs_play_pid; /* stopped by the teardown if a check fails */

static void test_render_equals_play(void **state)
{
    (void)state;
    sh("rm -rf " OUT " && mkdir -p " OUT " && printf 'clock: false\\n' > " OUT "/config.yaml");
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        char rdir[256], ddir[256];
        snprintf(rdir, sizeof rdir, OUT "/render-%dx%d", w, h);
        snprintf(ddir, sizeof ddir, OUT "/dump/%dx%d", w, h);
        /* render: exit 1, because the missing photo is a content error; the rest is written */
        /* one day for both (the countdown and the date card of gallery.yaml count from it) */
        assert_int_equal(run("%s render " PLAYLISTS " --out %s --size %dx%d --at " AT " 2>" OUT
                             "/render.log",
                             bin(), rdir, w, h),
                         1);
        char *want = png_names(rdir);
        assert_true(count_str(want, "\n") >= 15);
        assert_null(strstr(want, "long-slide-002")); /* the skipped photo slide */
        /* play until it has shown every page (it loops), then stop it */
        pid_t pid = dump_play_pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char size[32];
            snprintf(size, sizeof size, "--window=%dx%d", w, h);
            freopen(OUT "/play.log", "w", stderr);
            execl(bin(), bin(), "play", PLAYLISTS, size, "--config", OUT "/config.yaml",
                  "--dump-frames", OUT "/dump", "--time-scale", "50", "--quit-after", "300", "--at",
                  AT, (char *)NULL);
            _exit(127);
        }
        double end = now_seconds() + 240;
        while (now_seconds() < end && !all_present(ddir, want))
            usleep(200000);
        usleep(300000); /* let a file being written finish */
        kill(pid, SIGTERM);
        int st;
        waitpid(pid, &st, 0);
        dump_play_pid = 0;
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        char *got = png_names(ddir);
        if (strcmp(got, want) != 0)
            fail_msg("%dx%d: play showed\n%s\nrender wrote\n%s", w, h, got, want);
        int compared = 0;
        char *copy = xstrdup(want);
        for (char *n = strtok(copy, "\n"); n; n = strtok(NULL, "\n")) {
            char a[1024], b[1024];
            snprintf(a, sizeof a, "%s/%s", rdir, n);
            snprintf(b, sizeof b, "%s/%s", ddir, n);
            SDL_Surface *ra = test_load_argb(a), *pb = test_load_argb(b);
            assert_int_equal(ra->w, w);
            assert_int_equal(ra->h, h);
            assert_int_equal(pb->w, w);
            assert_int_equal(pb->h, h);
            int x, y;
            long d = differing(ra, pb, &x, &y);
            if (d)
                fail_msg("%s: render and play differ in %ld pixels, the first at %d,%d", n, d, x,
                         y);
            SDL_FreeSurface(ra);
            SDL_FreeSurface(pb);
            compared++;
        }
        assert_true(compared >= 15);
        free(copy);
        free(got);
        free(want);
    }
}

static bool have(const char *tool)
{
    return run("command -v %s >/dev/null 2>&1", tool) == 0;
}

/* Width and height of the newest dump folder's frames: the size play lays pages out for. */
static bool dumped_at(int w, int h)
{
    char dir[256];
    snprintf(dir, sizeof dir, OUT "/fs/%dx%d", w, h);
    char *names = png_names(dir);
    bool any = names[0] != '\0';
    free(names);
    return any;
}

static void wait_dump(int w, int h, const char *why)
{
    double end = now_seconds() + 60;
    while (now_seconds() < end && !dumped_at(w, h))
        usleep(200000);
    if (!dumped_at(w, h)) {
        char *log = slurp(OUT "/fs-play.log");
        fail_msg("%s: no page laid out for %dx%d; play said:\n%s", why, w, h, log);
    }
}

static int stop_children(void **state)
{
    (void)state;
    pid_t *pids[] = {&dump_play_pid, &fs_play_pid, &xvfb_pid};
    for (size_t i = 0; i < 3; i++)
        if (*pids[i] > 0) {
            kill(*pids[i], SIGTERM);
            waitpid(*pids[i], NULL, 0);
            *pids[i] = 0;
        }
    return 0;
}

/* F under Xvfb with no window manager: fullscreen lays the page out for the whole screen, and
 * F again brings back the window's size (the layout follows both ways). */
static void test_fullscreen_toggle(void **state)
{
    (void)state;
    if (!have("Xvfb") || !have("xdotool"))
        skip(); /* Makefile's DEBS install both for make test */
    sh("rm -rf " OUT "/fs && mkdir -p " OUT "/fs && printf 'clock: false\\n' > " OUT
       "/config.yaml");
    int disp = 90 + (int)(getpid() % 9);
    char xcmd[256];
    snprintf(xcmd, sizeof xcmd, "exec Xvfb :%d -screen 0 1024x768x24 -nolisten tcp", disp);
    pid_t xp = xvfb_pid = fork();
    if (xp == 0) {
        freopen("/dev/null", "w", stderr);
        execl("/bin/sh", "sh", "-c", xcmd, (char *)NULL);
        _exit(127);
    }
    char dpy[16];
    snprintf(dpy, sizeof dpy, ":%d", disp);
    for (int i = 0; i < 50 && run("DISPLAY=%s xdotool getdisplaygeometry >/dev/null 2>&1", dpy);
         i++)
        usleep(100000);
    pid_t pp = fs_play_pid = fork();
    if (pp == 0) {
        setenv("DISPLAY", dpy, 1);
        setenv("SDL_VIDEODRIVER", "x11", 1);
        /* Under make SANITIZE=1, SDL's X11 driver leaves libdbus's connection (and what it
         * holds) at exit, outside our code; the player's own leaks are checked by every other
         * play in the tests (dummy driver), so leak checking is off for this X11 run only. */
        if (getenv("HB_SANITIZED") && *getenv("HB_SANITIZED"))
            setenv("LSAN_OPTIONS", "detect_leaks=0", 1);
        freopen(OUT "/fs-play.log", "w", stderr);
        execl(bin(), bin(), "play", PLAYLISTS "/fields.yaml", "--window=640x360", "--config",
              OUT "/config.yaml", "--dump-frames", OUT "/fs", "--quit-after", "120", (char *)NULL);
        _exit(127);
    }
    wait_dump(640, 360, "start");
    char key[256];
    /* focus without --sync: when the window has the focus already, --sync waits for ever */
    snprintf(key, sizeof key,
             "DISPLAY=%s timeout 20 xdotool search --sync --class honorboard windowfocus key f "
             ">/dev/null 2>&1",
             dpy);
    sh("%s", key);
    wait_dump(1024, 768, "F");
    sh("rm -rf " OUT "/fs/640x360");
    sh("%s", key);
    wait_dump(640, 360, "F again");
    kill(pp, SIGTERM);
    int st;
    waitpid(pp, &st, 0);
    fs_play_pid = 0;
    stop_children(NULL); /* Xvfb itself: its sh exec'd it */
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_render_equals_play, stop_children),
        cmocka_unit_test_teardown(test_fullscreen_toggle, stop_children),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
