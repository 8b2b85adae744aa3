/* test_display.c - the player on a real X server (Xvfb) with no window manager, as a kiosk
 * session runs it: fullscreen must cover the whole screen, read back from the X server itself
 * with xwd (no SDL in the reading path). Skipped when Xvfb or xwd is not installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "xwd.h"

#include <signal.h>
#include <stdint.h>
#include <limits.h>
#include <sys/stat.h>

#define DIR "build/test-display"

static bool have(const char *prog)
{
    return run("command -v %s >/dev/null 2>&1", prog) == 0;
}

static void test_fullscreen_covers_screen(void **state)
{
    (void)state;
    if (!have("Xvfb") || !have("xwd"))
        skip();
    int disp = 0;
    char sock[64];
    for (disp = 140; disp < 180; disp++) {
        snprintf(sock, sizeof sock, "/tmp/.X11-unix/X%d", disp);
        struct stat st;
        if (stat(sock, &st) != 0)
            break;
    }
    sh("mkdir -p " DIR " && printf 'honorboard: 1\\nslides:\\n  - { type: text, title: 通知, "
       "text: 比先进、学先进、赶先进。, duration: 60s }\\n' > " DIR "/t.yaml");
    sh("Xvfb :%d -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 & echo $! > " DIR "/xvfb.pid",
       disp);
    struct stat st;
    for (int i = 0; i < 100 && stat(sock, &st) != 0; i++)
        usleep(50000);
    char *exe = realpath(bin(), NULL);
    assert_non_null(exe);
    int rc =
        run("cd " DIR " && SDL_VIDEODRIVER=x11 DISPLAY=:%d %s play t.yaml --quit-after 4 "
            ">play.log 2>&1 & sleep 2.5; DISPLAY=:%d xwd -root -silent > " DIR "/root.xwd; wait",
            disp, exe, disp);
    free(exe);
    char *pid = slurp(DIR "/xvfb.pid");
    if (atoi(pid) > 0)
        kill(atoi(pid), SIGTERM);
    free(pid);
    assert_int_equal(rc, 0);
    struct xwd x;
    xwd_read(DIR "/root.xwd", &x);
    assert_int_equal(x.w, 1600);
    assert_int_equal(x.h, 900);
    /* the slide's dark red background reaches every corner; the bare X root is black */
    const uint32_t pts[][2] = {{3, 3}, {1596, 3}, {3, 896}, {1596, 896}, {800, 450}};
    for (size_t i = 0; i < sizeof pts / sizeof *pts; i++)
        if (xwd_brightness(&x, pts[i][0], pts[i][1]) < 60)
            fail_msg("screen pixel %u,%u is black: the window does not cover the screen", pts[i][0],
                     pts[i][1]);
    free(x.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fullscreen_covers_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
