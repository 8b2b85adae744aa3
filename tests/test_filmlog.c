/* test_filmlog.c - films in the journal and in proof of play (issue 29, item 11): untitled
 * films (and photos) are logged and reported by their file's name, not all as "video"; and
 * the hardware-decoding probe runs once per codec, so where libvdpau has no driver (this
 * machine, most lobby PCs without NVIDIA) its "Failed to open VDPAU backend" line comes once,
 * not once per clip (with `hwdec: auto`; the default, no, probes nothing). On Xvfb (mpv probes
 * VDPAU through X). Skipped without Xvfb or ffmpeg. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <signal.h>
#include <sys/stat.h>

#define T "build/test-filmlog"

static bool have(const char *prog)
{
    return run("command -v %s >/dev/null 2>&1", prog) == 0;
}

static void test_untitled_films_and_vdpau_once(void **state)
{
    (void)state;
    if (!have("Xvfb") || !have("ffmpeg"))
        skip();
    sh("rm -rf " T " && mkdir -p " T "/c/films " T "/c/photos");
    for (int i = 0; i < 2; i++)
        sh("ffmpeg -v error -f lavfi -i testsrc=duration=2:size=320x240:rate=25 -pix_fmt yuv420p "
           "-c:v libx264 " T "/c/films/%s.mp4",
           i ? "jiangzhang" : "xuanchuan");
    sh("cp playlists/photos/yu-cheng.jpg " T "/c/photos/heying.jpg");
    sh("printf 'honorboard: 1\\ntitle: 片库\\nslides:\\n  - { type: video, video: "
       "films/xuanchuan.mp4 }\\n  - { type: video, video: films/jiangzhang.mp4 }\\n  - { type: "
       "photo, image: photos/heying.jpg, duration: 2s }\\n' > " T "/c/a.yaml");
    int disp;
    char sock[64];
    struct stat st;
    for (disp = 221; disp < 260; disp++) {
        snprintf(sock, sizeof sock, "/tmp/.X11-unix/X%d", disp);
        if (stat(sock, &st) != 0)
            break;
    }
    sh("Xvfb :%d -screen 0 640x360x24 -nolisten tcp >/dev/null 2>&1 & echo $! > " T "/xvfb.pid",
       disp);
    for (int i = 0; i < 100 && stat(sock, &st) != 0; i++)
        usleep(50000);
    /* hardware decoding is off by default (no probe at all): the probe is asked for here */
    sh("printf 'hwdec: auto\\n' > " T "/config.yaml");
    int rc = run("DISPLAY=:%d SDL_VIDEODRIVER=x11 %s play " T "/c/a.yaml --config " T
                 "/config.yaml --window=320x180 --log " T "/play.jsonl --quit-after 16 2> " T
                 "/stderr.txt",
                 disp, bin());
    char *pid = slurp(T "/xvfb.pid");
    if (atoi(pid) > 0)
        kill(atoi(pid), SIGTERM);
    free(pid);
    assert_int_equal(rc, 0);
    char *log = slurp(T "/play.jsonl"), *err = slurp(T "/stderr.txt");
    int clips = count_str(log, "\"type\":\"video\"");
    print_message("%d clips played; stderr:\n%s", clips, err);
    assert_true(clips >= 3);
    assert_true(count_str(log, "\"title\":\"xuanchuan.mp4\"") >= 1);
    assert_true(count_str(log, "\"title\":\"jiangzhang.mp4\"") >= 1);
    assert_true(count_str(log, "\"title\":\"heying.jpg\"") >= 1);
    assert_int_equal(count_str(log, "\"title\":\"video\""), 0);
    assert_true(count_str(err, "Failed to open VDPAU backend") <= 1);
    assert_int_equal(count_str(err, "h264 films are decoded by"), 1);
    free(log), free(err);
    /* proof of play tells the two films apart */
    sh("%s report " T "/play.jsonl --csv > " T "/report.csv", bin());
    char *csv = slurp(T "/report.csv");
    assert_non_null(strstr(csv, "xuanchuan.mp4"));
    assert_non_null(strstr(csv, "jiangzhang.mp4"));
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untitled_films_and_vdpau_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
