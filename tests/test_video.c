/* test_video.c - video slides (issue 18). Clips are made at test time with ffmpeg from its test
 * patterns (tiny and short: H.264/MP4, VP9/WebM, a copy cut in half, a sound-only file, a 4K
 * 50 fps clip), then: check's messages, the poster in `render`, import copying clips, and
 * headless playback logging the seconds and frames played, also of a clip that breaks. */
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

#include "video.h"

static char dir[64]; /* the clips and playlists of this run */

static int make_clips(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hb-video-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    const char *ff = "ffmpeg -nostdin -v error -y";
    int rc = run("mkdir -p %s/clips && cd %s/clips && "
                 "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p "
                 "-movflags +faststart h264.mp4 && "
                 "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 2 -c:v libvpx-vp9 -b:v 200k vp9.webm && "
                 "%s -f lavfi -i sine=frequency=440 -t 2 -c:a aac sound.m4a && "
                 "%s -f lavfi -i testsrc=size=3840x2160:rate=50 -t 0.2 -c:v libx264 -preset ultrafast "
                 "-pix_fmt yuv420p 4k.mp4 && "
                 "head -c $(( $(stat -c %%s h264.mp4) / 2 )) h264.mp4 > cut.mp4 && "
                 "echo 'not a film' > notes.mp4",
                 dir, dir, ff, ff, ff, ff);
    return rc == 0 ? 0 : -1;
}

static int remove_clips(void **state)
{
    (void)state;
    return run("rm -rf %s", dir) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Runs check on one playlist of the run's folder; returns its output, exit code in *rc. */
static char *check_output(const char *yaml, int *rc)
{
    char out[256];
    snprintf(out, sizeof out, "%s/check.out", dir);
    *rc = run("%s check %s/%s > %s 2>&1", bin(), dir, yaml, out);
    return slurp(out);
}

static void expect(const char *out, const char *line)
{
    if (!strstr(out, line))
        fail_msg("expected\n  %s\nin\n%s", line, out);
}

static void test_check_good_clips(void **state)
{
    (void)state;
    write_file("good.yaml", "honorboard: 1\n"
                            "slides:\n"
                            "  - type: video\n"
                            "    video: clips/h264.mp4\n"
                            "    caption: 颁奖典礼\n"
                            "  - type: video\n"
                            "    video: clips/vp9.webm\n"
                            "    fit: cover\n"
                            "    start: 0.5s\n"
                            "    end: 1.5s\n"
                            "    loops: 2\n"
                            "    audio: false\n");
    int rc;
    char *out = check_output("good.yaml", &rc);
    expect(out, "1 playlist, 2 slides: 0 errors, 0 warnings");
    assert_int_equal(rc, 0);
    free(out);
}

static void test_check_bad_clips(void **state)
{
    (void)state;
    write_file("bad.yaml", "honorboard: 1\n"                 /* 1 */
                           "slides:\n"                       /* 2 */
                           "  - type: video\n"               /* 3 */
                           "    video: clips/sound.m4a\n"    /* 4 */
                           "  - type: video\n"               /* 5 */
                           "    video: clips/4k.mp4\n"       /* 6 */
                           "  - type: video\n"               /* 7 */
                           "    video: clips/cut.mp4\n"      /* 8 */
                           "  - type: video\n"               /* 9 */
                           "    video: clips/notes.mp4\n"    /* 10 */
                           "  - type: video\n"               /* 11 */
                           "    video: clips/H264.mp4\n"     /* 12 */
                           "  - type: video\n"               /* 13 */
                           "    video: ../clips/h264.mp4\n"  /* 14 */
                           "  - type: video\n"               /* 15 */
                           "    video: clips/h264.mp4\n"     /* 16 */
                           "    start: 5s\n"                 /* 17 */
                           "  - type: video\n"               /* 18 */
                           "    video: clips/h264.mp4\n"     /* 19 */
                           "    start: 1s\n"                 /* 20 */
                           "    end: 500ms\n"                /* 21 */
                           "    loops: 0\n"                  /* 22 */
                           "    audio: maybe\n"              /* 23 */
                           "    fit: stretch\n"              /* 24 */
                           "  - type: video\n"               /* 25 */
                           "    caption: 没有视频\n"          /* 26 */
                           "    image: clips/h264.mp4\n"     /* 27 */
                           "  - type: video\n"               /* 28 */
                           "    video: clips/vp9.webm\n"     /* 29 */
                           "    poster: clips/none.jpg\n");  /* 30 */
    int rc;
    char *out = check_output("bad.yaml", &rc);
    expect(out, "bad.yaml:4:12: error: slide 1 (video): video 'clips/sound.m4a' cannot be played: "
                "it has no picture, only sound");
    expect(out, "bad.yaml:6:12: warning: slide 2 (video): video 'clips/4k.mp4' is 3840x2160; the "
                "board shows at most 1920x1080");
    expect(out, "bad.yaml:6:12: warning: slide 2 (video): video 'clips/4k.mp4' has 50 frames a "
                "second");
    expect(out, "bad.yaml:8:12: error: slide 3 (video): video 'clips/cut.mp4' cannot be played to "
                "its end: it ends early");
    expect(out, "bad.yaml:10:12: error: slide 4 (video): video 'clips/notes.mp4' is not a video "
                "file honorboard plays");
    expect(out, "bad.yaml:12:12: error: slide 5 (video): video 'clips/H264.mp4' not found, but "
                "'clips/h264.mp4' exists");
    expect(out, "bad.yaml:14:12: error: slide 6 (video): video '../clips/h264.mp4' leaves the "
                "playlist's folder");
    expect(out, "bad.yaml:15:5: error: slide 7 (video): video 'clips/h264.mp4' is 2.0s long; "
                "'start' (5s) is after its end");
    expect(out, "bad.yaml:21:10: error: slide 8 (video): 'end' (0.5s) is not after 'start' (1s)");
    expect(out, "bad.yaml:22:12: error: slide 8 (video): 'loops' is '0'");
    expect(out, "bad.yaml:23:12: error: slide 8 (video): 'audio' is 'maybe'");
    expect(out, "bad.yaml:24:10: error: slide 8 (video): 'fit' is 'stretch'");
    expect(out, "bad.yaml:25:5: error: slide 9 (video): missing 'video'");
    expect(out, "bad.yaml:27:5: error: slide 9 (video): unknown key 'image'");
    expect(out, "bad.yaml:30:13: error: slide 10 (video): poster 'clips/none.jpg' not found");
    expect(out, "1 playlist, 10 slides: 13 errors, 2 warnings");
    assert_int_equal(rc, 1);
    free(out);
}

/* video.c on its own: the sizes and lengths it reports, the refusals it makes. */
static void test_probe(void **state)
{
    (void)state;
    char p[256], err[512];
    struct video_info in;
    snprintf(p, sizeof p, "%s/clips/vp9.webm", dir);
    assert_int_equal(video_probe(p, &in, err, sizeof err), 0);
    assert_int_equal(in.w, 320);
    assert_int_equal(in.h, 240);
    assert_true(fabs(in.duration - 2.0) < 0.05);
    assert_true(fabs(in.fps - 25) < 0.01);
    assert_string_equal(in.codec, "vp9");
    assert_string_equal(video_sniff(p), "matroska");
    snprintf(p, sizeof p, "%s/clips/h264.mp4", dir);
    assert_string_equal(video_sniff(p), "mp4");
    assert_int_equal(video_probe(p, &in, err, sizeof err), 0);
    assert_string_equal(in.codec, "h264");
    snprintf(p, sizeof p, "%s/clips/notes.mp4", dir);
    assert_null(video_sniff(p));
    assert_int_equal(video_probe(p, &in, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a video file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe),
        cmocka_unit_test(test_check_good_clips),
        cmocka_unit_test(test_check_bad_clips),
    };
    return cmocka_run_group_tests(tests, make_clips, remove_clips);
}
