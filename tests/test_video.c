/* test_video.c - video slides. Clips are made at test time with ffmpeg from its test
 * patterns (tiny and short: H.264/MP4, VP9/WebM, a copy cut in half, a sound-only file, a 4K
 * 50 fps clip), then: check's messages, the poster in `render`, import copying clips, and
 * headless playback logging the seconds and frames played, also of a clip that breaks, and a
 * playing clip's frames reaching the screen. */
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
#include <unistd.h>

#include <SDL_image.h>

#include "model/playlist_values.h"
#include "board/screen.h"
#include "base/util.h"
#include "film/video.h"
#include "film/videocontainer.h"
#include "film/videofile.h"
#include "film/videoreap.h"

static char dir[64]; /* the clips and playlists of this run */

static int make_clips(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hb-video-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    chmod(dir, 0755); /* a checker started by root reads sticks as the board's user */
    const char *ff = "ffmpeg -nostdin -v error -y";
    int rc = run(
        "mkdir -p %s/clips && cd %s/clips && "
        "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p "
        "-movflags +faststart h264.mp4 && "
        "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 2 -c:v libvpx-vp9 -b:v 200k vp9.webm && "
        "%s -f lavfi -i sine=frequency=440 -t 2 -c:a aac sound.m4a && "
        "%s -f lavfi -i testsrc=size=3840x2160:rate=50 -t 0.2 -c:v libx264 -preset ultrafast "
        "-pix_fmt yuv420p 4k.mp4 && "
        "head -c $(( $(stat -c %%s h264.mp4) / 2 )) h264.mp4 > cut.mp4 && "
        "%s -f lavfi -i color=c=0xC81E1E:s=320x240 -frames:v 1 poster.jpg && "
        "%s -f lavfi -i color=c=0xD01010:s=160x120:r=25:d=1 "
        "-f lavfi -i color=c=0x1010D0:s=160x120:r=25:d=2 "
        "-filter_complex concat=n=2:v=1:a=0 -c:v libx264 -pix_fmt yuv420p redblue.mp4 && "
        "%s -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 1 -c:v libx264 -preset ultrafast "
        "-pix_fmt yuv420p hd.mp4 && "
        "echo 'not a film' > notes.mp4",
        dir, dir, ff, ff, ff, ff, ff, ff, ff);
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
    if (!out || !strstr(out, line)) /* out may be NULL when check wrote nothing */
        fail_msg("expected\n  %s\nin\n%s", line, out ? out : "(no output)");
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
    write_file("bad.yaml", "honorboard: 1\n"                /* 1 */
                           "slides:\n"                      /* 2 */
                           "  - type: video\n"              /* 3 */
                           "    video: clips/sound.m4a\n"   /* 4 */
                           "  - type: video\n"              /* 5 */
                           "    video: clips/4k.mp4\n"      /* 6 */
                           "  - type: video\n"              /* 7 */
                           "    video: clips/cut.mp4\n"     /* 8 */
                           "  - type: video\n"              /* 9 */
                           "    video: clips/notes.mp4\n"   /* 10 */
                           "  - type: video\n"              /* 11 */
                           "    video: clips/H264.mp4\n"    /* 12 */
                           "  - type: video\n"              /* 13 */
                           "    video: ../clips/h264.mp4\n" /* 14 */
                           "  - type: video\n"              /* 15 */
                           "    video: clips/h264.mp4\n"    /* 16 */
                           "    start: 5s\n"                /* 17 */
                           "  - type: video\n"              /* 18 */
                           "    video: clips/h264.mp4\n"    /* 19 */
                           "    start: 1s\n"                /* 20 */
                           "    end: 500ms\n"               /* 21 */
                           "    loops: 0\n"                 /* 22 */
                           "    audio: maybe\n"             /* 23 */
                           "    fit: stretch\n"             /* 24 */
                           "  - type: video\n"              /* 25 */
                           "    caption: 没有视频\n"        /* 26 */
                           "    image: clips/h264.mp4\n"    /* 27 */
                           "  - type: video\n"              /* 28 */
                           "    video: clips/vp9.webm\n"    /* 29 */
                           "    poster: clips/none.jpg\n"); /* 30 */
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
    /* in the author's language */
    char o2[256];
    snprintf(o2, sizeof o2, "%s/check-zh.out", dir);
    rc = run("LANG=zh_CN.UTF-8 %s check %s/bad.yaml > %s 2>&1", bin(), dir, o2);
    out = slurp(o2);
    expect(out, "bad.yaml:4:12: 错误: 第 1 "
                "张（视频）：视频“clips/sound.m4a”无法播放：它只有声音，没有画面");
    expect(out, "bad.yaml:8:12: 错误: 第 3 张（视频）：视频“clips/cut.mp4”无法播放到结尾：在 0.");
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

/* The number after "key": in the line, or -1. */
static double num_after(const char *line, const char *key)
{
    const char *p = strstr(line, key);
    return p ? strtod(p + strlen(key), NULL) : -1;
}

/* The play-log line of slide n (the first one written). Caller frees. */
static char *slide_line(const char *log, int n)
{
    char key[64];
    snprintf(key, sizeof key, "\"event\":\"slide\",");
    for (const char *p = log; (p = strstr(p, key)); p++) {
        const char *b = p, *e = strchr(p, '\n');
        while (b > log && b[-1] != '\n')
            b--;
        char *line = xasprintf("%.*s", (int)(e ? e - b : (long)strlen(b)), b);
        char want[32];
        snprintf(want, sizeof want, "\"slide\":%d,", n);
        if (strstr(line, want))
            return line;
        free(line);
    }
    return NULL;
}

/* Headless playback: each clip's slide line carries what it played. A clip as long as its slide
 * (duration auto) plays all its frames; a fixed duration repeats a clip and cuts it; a copy cut
 * in half ends its slide early with a warning, and the board goes on to the next slide. */
static void test_play_logs_seconds_and_frames(void **state)
{
    (void)state;
    write_file("play.yaml", "honorboard: 1\n"
                            "defaults: { transition: cut }\n"
                            "slides:\n"
                            "  - type: video\n"
                            "    video: clips/h264.mp4\n"
                            "    caption: 第一段\n"
                            "  - type: video\n"
                            "    video: clips/cut.mp4\n"
                            "  - type: video\n"
                            "    video: clips/vp9.webm\n"
                            "    duration: 3s\n"
                            "    fit: cover\n"
                            "  - type: text\n"
                            "    title: 之后\n"
                            "    text: 视频之后的一页。\n");
    char log[256], stats[256];
    snprintf(log, sizeof log, "%s/play.jsonl", dir);
    snprintf(stats, sizeof stats, "%s/stats.jsonl", dir);
    sh("rm -f %s %s; %s play %s/play.yaml --window=480x270 --log %s --stats %s --quit-after 8 "
       "2>%s/play.err",
       log, stats, bin(), dir, log, stats, dir);
    char *text = slurp(log);
    char *s1 = slide_line(text, 1), *s2 = slide_line(text, 2), *s3 = slide_line(text, 3);
    if (!s1 || !s2 || !s3 || !strstr(text, "\"slide\":4,"))
        fail_msg("slides missing in the log:\n%s", text);
    /* 1: 2 s at 25 fps, all of it */
    assert_non_null(strstr(s1, "\"type\":\"video\""));
    assert_true(fabs(num_after(s1, "\"seconds\":") - 2.0) <= 0.3);
    double f1 = num_after(s1, "\"frames\":"), d1 = num_after(s1, "\"frames_dropped\":");
    assert_true(f1 >= 40 && d1 >= 0);
    assert_true(f1 + d1 >= 46 && f1 + d1 <= 51);
    assert_null(strstr(s1, "\"error\""));
    /* 2: the cut copy stops after its first half second, with the reason, and a warning line */
    assert_true(num_after(s2, "\"seconds\":") < 1.0);
    assert_non_null(strstr(s2, "\"error\":\"提前结束")); /* the board's language */
    assert_non_null(strstr(text, "\"event\":\"warning\",\"message\":"));
    assert_non_null(strstr(text, "slide 2: video stopped after"));
    /* 3: a 2 s clip in a 3 s slide: repeated, cut at 3 s (about 75 frames shown or dropped) */
    assert_true(fabs(num_after(s3, "\"seconds\":") - 3.0) <= 0.4);
    double f3 = num_after(s3, "\"frames\":"), d3 = num_after(s3, "\"frames_dropped\":");
    assert_true(f3 > 55 && f3 + d3 <= 80);
    /* --stats has a line per clip with its pre-roll and decode times */
    char *st = slurp(stats);
    assert_true(count_str(st, "{\"video\":{\"seconds\":") >= 3);
    assert_non_null(strstr(st, "\"preroll_ms\":"));
    assert_non_null(strstr(st, "\"decode_ms_avg\":"));
    free(st);
    free(s1), free(s2), free(s3), free(text);
}

/* Fraction of pixels in the box close to colour (r, g, b). */
static double share(SDL_Surface *s, int x0, int y0, int w, int h, int r, int g, int b)
{
    long hit = 0, all = 0;
    for (int y = y0; y < y0 + h && y < s->h; y++)
        for (int x = x0; x < x0 + w && x < s->w; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            int pr = (p >> 16) & 255, pg = (p >> 8) & 255, pb = p & 255;
            hit += abs(pr - r) + abs(pg - g) + abs(pb - b) < 90;
            all++;
        }
    return all ? (double)hit / (double)all : 0;
}

static SDL_Surface *load_png(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        fail_msg("cannot load %s: %s", path, IMG_GetError());
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    return s;
}

/* The frame loop's path for a playing clip, on the software renderer (the dummy driver): frames
 * converted on the clip's render thread, taken with video_update(), painted into the page on
 * screen. A clip red for 1 s, then blue: at 1.6 s the screen's frame shows blue in the clip's
 * box and the page around it. */
static void test_screen_shows_live_frames(void **state)
{
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    char err[512], clip[256], png[256];
    struct screen *scr = screen_create(
        &(struct screen_opts){.window = true, .win_w = 320, .win_h = 180}, err, sizeof err);
    if (!scr)
        fail_msg("no screen: %s", err);
    SDL_Surface *page = SDL_CreateRGBSurfaceWithFormat(0, 320, 180, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(page, NULL, SDL_MapRGB(page->format, 128, 128, 128));
    assert_true(screen_show(scr, page, TRANS_CUT, 0, now_seconds()));
    snprintf(clip, sizeof clip, "%s/clips/redblue.mp4", dir);
    struct video *v = video_open(clip, &(struct video_opts){.loops = 1}, 160, 120, err, sizeof err);
    if (!v)
        fail_msg("cannot open %s: %s", clip, err);
    const int rect[4] = {40, 30, 160, 120};
    int w, h, taken = 0;
    size_t stride;
    const uint32_t *px = video_pixels(v, &w, &h, &stride);
    screen_paint_page(scr, rect, px, stride);
    video_play(v, true);
    struct screen_overlay ov = {0};
    double until = now_seconds() + 1.6;
    while (now_seconds() < until) {
        if (video_update(v) > 0) {
            px = video_pixels(v, &w, &h, &stride);
            screen_paint_page(scr, rect, px, stride);
            taken++;
        }
        screen_draw(scr, now_seconds(), &ov);
        SDL_Delay(10);
    }
    snprintf(png, sizeof png, "%s/live/frame.png", dir);
    screen_dump_next(scr, png);
    screen_draw(scr, now_seconds(), &ov);
    SDL_Surface *shot = load_png(png);
    double blue = share(shot, 44, 34, 152, 112, 0x10, 0x10, 0xD0);
    double grey = share(shot, 0, 0, 320, 28, 128, 128, 128);
    if (blue < 0.95 || grey < 0.95 || taken < 20)
        fail_msg("the clip's box is %.0f%% blue, the page around it %.0f%% grey, %d frames taken",
                 100 * blue, 100 * grey, taken);
    SDL_FreeSurface(shot);
    video_destroy(v);
    screen_destroy(scr);
    SDL_Quit();
}

/* The share of pixels of px (w x h, rows stride bytes apart) within 90 of r, g, b. */
static double px_share(const uint32_t *px, int w, int h, size_t stride, int r, int g, int b)
{
    long hit = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t p = ((const uint32_t *)((const unsigned char *)px + (size_t)y * stride))[x];
            int pr = (p >> 16) & 255, pg = (p >> 8) & 255, pb = p & 255;
            hit += abs(pr - r) + abs(pg - g) + abs(pb - b) < 90;
        }
    return w > 0 && h > 0 ? (double)hit / ((double)w * h) : 0;
}

/* A clip's frames are converted into one buffer of the size it shows at (two of them
 * at 1920x1080 were 16.6 MB of the film's peak): while it plays, frames taken and released one
 * by one, the buffers of all clips hold one w x h frame, and nothing once it is closed. The
 * frames still come (red, then blue) and a poster frame costs no buffer afterwards. */
static void test_conversion_memory(void **state)
{
    (void)state;
    char err[512], clip[256];
    snprintf(clip, sizeof clip, "%s/clips/redblue.mp4", dir);
    size_t before = video_buffer_bytes();
    struct video *v = video_open(clip, &(struct video_opts){.loops = 1}, 200, 150, err, sizeof err);
    if (!v)
        fail_msg("cannot open %s: %s", clip, err);
    int w, h, taken = 0;
    size_t stride, most = video_buffer_bytes() - before;
    const uint32_t *px = video_pixels(v, &w, &h, &stride);
    assert_true(stride >= 200 * 4);
    assert_true(px_share(px, w, h, stride, 0xD0, 0x10, 0x10) > 0.95); /* red at first */
    video_release_pixels(v);
    video_play(v, true);
    double until = now_seconds() + 1.6;
    while (now_seconds() < until) {
        int st = video_update(v);
        if (st < 0)
            break;
        if (st > 0) {
            px = video_pixels(v, &w, &h, &stride);
            double blue = px_share(px, w, h, stride, 0x10, 0x10, 0xD0);
            double red = px_share(px, w, h, stride, 0xD0, 0x10, 0x10);
            if (blue + red < 0.95) /* a frame is whole, never half converted */
                fail_msg("frame %d: %.0f%% red, %.0f%% blue", taken, 100 * red, 100 * blue);
            video_release_pixels(v);
            taken++;
        }
        size_t now = video_buffer_bytes() - before;
        most = now > most ? now : most;
        SDL_Delay(5);
    }
    px = video_pixels(v, &w, &h, &stride);
    double blue = px_share(px, w, h, stride, 0x10, 0x10, 0xD0);
    if (most != stride * 150 || taken < 20 || blue < 0.95)
        fail_msg("%zu bytes of buffers at most for one %zu-byte frame; %d frames taken; the last "
                 "%.0f%% blue",
                 most, stride * 150, taken, 100 * blue);
    video_destroy(v);
    assert_int_equal(video_buffer_bytes(), before);
    uint32_t *poster = video_frame_at(clip, 0.2, 200, 150, err, sizeof err);
    if (!poster)
        fail_msg("no poster frame: %s", err);
    assert_true(px_share(poster, 200, 150, 200 * 4, 0xD0, 0x10, 0x10) > 0.95);
    assert_int_equal(video_buffer_bytes(), before);
    free(poster);
}

/* The decoder runs on one thread: libavcodec's frame threading holds a decoded frame
 * more per thread (3 MB each at 1080p), and a 1080p30 H.264 film decodes in a fraction of a
 * frame's time on one core (make bench 8a: none dropped). */
static void test_one_decoder_thread(void **state)
{
    (void)state;
    char err[512], clip[256], val[32];
    snprintf(clip, sizeof clip, "%s/clips/h264.mp4", dir);
    struct video *v = video_open(clip, &(struct video_opts){.loops = 1}, 64, 48, err, sizeof err);
    if (!v)
        fail_msg("cannot open %s: %s", clip, err);
    video_option(v, "vd-lavc-threads", val, sizeof val);
    assert_string_equal(val, "1");
    video_destroy(v);
}

static long rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &pages, &resident) != 2)
        fail_msg("cannot read /proc/self/statm");
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Opens the 1080p clip at 1920x1080 and plays it for half a second; the RSS at its highest. */
static long play_hd(void)
{
    char err[512], clip[256];
    snprintf(clip, sizeof clip, "%s/clips/hd.mp4", dir);
    struct video *v =
        video_open(clip, &(struct video_opts){.loops = 1}, 1920, 1080, err, sizeof err);
    if (!v)
        fail_msg("cannot open %s: %s", clip, err);
    video_play(v, true);
    long most = rss_kb();
    for (double until = now_seconds() + 0.5; now_seconds() < until; SDL_Delay(5)) {
        if (video_update(v) > 0)
            video_release_pixels(v);
        long r = rss_kb();
        most = r > most ? r : most;
    }
    video_destroy(v);
    return most;
}

/* A film's memory goes back to the system when it is closed: the board plays one
 * every few minutes for months. The second 1080p clip (libmpv's libraries are loaded by the
 * first) takes tens of MB while it plays; closed, the RSS is back within 4 MB of before. Not
 * under the sanitizers, whose allocator keeps freed memory on purpose. */
static void test_clip_memory_returns(void **state)
{
    (void)state;
    if (getenv("HB_SANITIZED") && *getenv("HB_SANITIZED"))
        skip();
    play_hd();
    long before = rss_kb();
    long during = play_hd();
    long after = rss_kb();
    if (during - before < 10 * 1024 || after - before > 4 * 1024)
        fail_msg("RSS %ld kB before, %ld kB while the clip played, %ld kB after", before, during,
                 after);
}

/* render (and the contact sheet) show a frame of the clip, or the poster when there is one. */
static void test_render_poster(void **state)
{
    (void)state;
    write_file("poster.yaml", "honorboard: 1\n"
                              "slides:\n"
                              "  - type: video\n"
                              "    video: clips/h264.mp4\n"
                              "    fit: cover\n"
                              "  - type: video\n"
                              "    video: clips/h264.mp4\n"
                              "    poster: clips/poster.jpg\n"
                              "    caption: 海报\n");
    sh("%s render %s/poster.yaml --out %s/png --size 640x360 --sheet %s/png/sheet.png "
       "2>/dev/null",
       bin(), dir, dir, dir);
    char p[256];
    snprintf(p, sizeof p, "%s/png/slide-001.png", dir);
    SDL_Surface *a = load_png(p);
    /* testsrc's colour bars: yellow, cyan, magenta and blue all show; no placeholder */
    assert_true(share(a, 0, 0, 640, 300, 255, 255, 0) > 0.03);
    assert_true(share(a, 0, 0, 640, 300, 0, 255, 255) > 0.03);
    assert_true(share(a, 0, 0, 640, 300, 255, 0, 255) > 0.03);
    assert_true(share(a, 0, 0, 640, 300, 0, 0, 255) > 0.03);
    SDL_FreeSurface(a);
    snprintf(p, sizeof p, "%s/png/slide-002.png", dir);
    SDL_Surface *b = load_png(p);
    /* the red poster fills the picture box (contain: the middle of it), not the bars */
    assert_true(share(b, 200, 40, 240, 200, 0xC8, 0x1E, 0x1E) > 0.9);
    assert_true(share(b, 0, 0, 640, 280, 255, 255, 0) < 0.01);
    SDL_FreeSurface(b);
    snprintf(p, sizeof p, "%s/png/sheet.png", dir);
    SDL_Surface *sheet = load_png(p);
    assert_true(share(sheet, 0, 0, sheet->w, sheet->h, 255, 255, 0) > 0.01);      /* the frame */
    assert_true(share(sheet, 0, 0, sheet->w, sheet->h, 0xC8, 0x1E, 0x1E) > 0.05); /* the poster */
    SDL_FreeSurface(sheet);
}

/* import copies clips and posters byte for byte, and refuses a bundle with a broken clip. */
static void test_import_copies_clips(void **state)
{
    (void)state;
    sh("rm -rf %s/stick %s/store && mkdir -p %s/stick/honorboard/clips && "
       "cp %s/clips/vp9.webm %s/clips/poster.jpg %s/stick/honorboard/clips/ && "
       "printf 'honorboard: 1\\nslides:\\n  - type: video\\n    video: clips/vp9.webm\\n"
       "    poster: clips/poster.jpg\\n' > %s/stick/honorboard/a.yaml",
       dir, dir, dir, dir, dir, dir, dir);
    sh("%s import %s/stick --store %s/store >/dev/null 2>&1", bin(), dir, dir);
    sh("cmp %s/clips/vp9.webm %s/store/current/clips/vp9.webm", dir, dir);
    sh("cmp %s/clips/poster.jpg %s/store/current/clips/poster.jpg", dir, dir);
    /* a cut copy is refused before anything is copied, with check's message */
    sh("cp %s/clips/cut.mp4 %s/stick/honorboard/clips/vp9.webm", dir, dir);
    int rc = run("%s import %s/stick --store %s/store > %s/import.out 2>&1", bin(), dir, dir, dir);
    assert_int_equal(rc, 1);
    char p[256];
    snprintf(p, sizeof p, "%s/import.out", dir);
    char *out = slurp(p);
    /* (import speaks the board's language, Chinese by default) */
    expect(out, "a.yaml:4:12: 错误: 第 1 张（视频）：视频“clips/vp9.webm”无法播放到结尾");
    free(out);
    sh("cmp %s/clips/vp9.webm %s/store/current/clips/vp9.webm", dir, dir); /* still the old one */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe),
        cmocka_unit_test(test_check_good_clips),
        cmocka_unit_test(test_check_bad_clips),
        cmocka_unit_test(test_render_poster),
        cmocka_unit_test(test_import_copies_clips),
        cmocka_unit_test(test_play_logs_seconds_and_frames),
        cmocka_unit_test(test_screen_shows_live_frames),
        cmocka_unit_test(test_conversion_memory),
        cmocka_unit_test(test_one_decoder_thread),
        cmocka_unit_test(test_clip_memory_returns),
    };
    return cmocka_run_group_tests(tests, make_clips, remove_clips);
}
