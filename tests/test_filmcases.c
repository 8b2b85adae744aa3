/* test_filmcases.c - films as people shoot them. Clips are made at test time with ffmpeg: phone
 * videos recorded sideways with a rotation tag (90, 180, 270, as phones write them), MPEG-TS and
 * camcorder M2TS files; each goes through check, render, import and play. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>

#include "film/video.h"
#include "film/videocontainer.h"
#include "film/videofile.h"

static char dir[64]; /* the clips and playlists of this run */

/* A portrait picture, red above blue, recorded the way a phone records it: the sensor's frame is
 * landscape (the picture turned on its side) and the container says how to turn it back.
 * ffmpeg 5.1's rotate tag sets the display matrix to that many degrees counter-clockwise, so
 * rotate=270 is what a phone held upright writes (ffprobe: rotation=-90). */
#define PORTRAIT                                                                                   \
    "color=c=0xD01010:s=180x160:r=25:d=2[a];color=c=0x1010D0:s=180x160:r=25:d=2[b];[a][b]vstack"
static int make_clips(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hb-films-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    chmod(dir, 0755); /* a checker started by root reads sticks as the board's user */
    const char *ff = "ffmpeg -nostdin -v error -y";
    int rc =
        run("mkdir -p %s/clips && cd %s/clips && "
            "for spec in 270:transpose=cclock 90:transpose=clock 180:hflip,vflip; do "
            "  r=${spec%%%%:*} f=${spec#*:}; "
            "  %s -f lavfi -i \"" PORTRAIT ",$f\" -c:v libx264 -pix_fmt yuv420p raw$r.mp4 &&"
            "  %s -i raw$r.mp4 -c copy -metadata:s:v:0 rotate=$r phone$r.mp4 && rm raw$r.mp4 "
            "  || exit 1; "
            "done && "
            "%s -f lavfi -i testsrc=size=320x180:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p "
            "plain.mp4 && "
            /* broadcast and camcorder streams: GOPs of 12 frames, as they are written */
            "%s -f lavfi -i testsrc=size=320x180:rate=25 -t 2 -c:v mpeg2video -g 12 "
            "-f mpegts mpeg2.ts && "
            "%s -f lavfi -i testsrc=size=320x180:rate=25 -f lavfi -i sine -t 2 -c:v libx264 "
            "-g 12 -pix_fmt yuv420p -c:a aac -f mpegts h264.ts && "
            "%s -f lavfi -i testsrc=size=320x180:rate=25 -f lavfi -i sine -t 2 -c:v libx264 "
            "-g 12 -pix_fmt yuv420p -c:a ac3 -mpegts_m2ts_mode 1 -f mpegts cam.m2ts && "
            "cp cam.m2ts 00001.MTS && "
            "%s -f lavfi -i testsrc=size=320x180:rate=25 -t 6 -c:v libx264 -g 25 "
            "-pix_fmt yuv420p six.mp4 && "
            /* copies cut short, as a stick pulled too early leaves them */
            "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 20 -c:v libx264 -pix_fmt yuv420p "
            "-movflags +faststart long.mp4 && "
            "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 20 -c:v libx264 -g 25 "
            "-pix_fmt yuv420p -f mpegts long.ts && "
            "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 20 -c:v libvpx-vp9 -b:v 100k "
            "-deadline realtime long.webm && "
            "for f in long.mp4 long.ts long.webm; do s=$(stat -c %%s $f); "
            "  head -c $((s * 4 / 10)) $f > cut40-$f; head -c $((s * 9 / 10)) $f > cut90-$f; "
            "done && "
            /* what lands on a stick named as a film but is not one */
            ": > empty.mp4 && %s -f lavfi -i color=c=red:s=64x64 -frames:v 1 -f mjpeg photo.mp4 "
            "&& %s -f lavfi -i sine -t 1 -c:a aac song.mp4 && "
            "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 1 -c:v wmv2 -f asf film.wmv && "
            "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 1 -c:v mpeg2video -f vob film.vob",
            dir, dir, ff, ff, ff, ff, ff, ff, ff, ff, ff, ff, ff, ff, ff, ff);
    if (rc == 0) /* (a second command: one is at most 4 KB) */
        rc = run("cd %s/clips && "
                 /* damage in the middle: 300 bytes of noise at 45%% and 55%% of a 6 s film */
                 "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 6 -c:v libx264 -g 50 "
                 "-pix_fmt yuv420p -movflags +faststart damaged.mp4 && "
                 "s=$(stat -c %%s damaged.mp4) && for o in 45 55; do "
                 "  head -c 300 /dev/urandom | dd of=damaged.mp4 bs=1 seek=$((s * o / 100)) "
                 "  conv=notrunc status=none; done && "
                 /* a film that stands still for 1.5 s after 2 s (its frames' times jump) */
                 "%s -f lavfi -i testsrc=size=320x240:rate=25 -t 5 "
                 "-vf \"setpts='if(gte(T,2),PTS+1.5/TB,PTS)'\" -fps_mode passthrough "
                 "-c:v libx264 -pix_fmt yuv420p stall.mp4",
                 dir, ff, ff);
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

static void expect(const char *out, const char *line)
{
    if (!out || !strstr(out, line))
        fail_msg("expected\n  %s\nin\n%s", line, out ? out : "(no output)");
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

/* The bounding box of the pixels near (r, g, b), and their count. */
struct blob {
    int x0, y0, x1, y1;
    long n;
};
static struct blob find(SDL_Surface *s, int r, int g, int b)
{
    struct blob o = {s->w, s->h, -1, -1, 0};
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            int pr = (p >> 16) & 255, pg = (p >> 8) & 255, pb = p & 255;
            if (abs(pr - r) + abs(pg - g) + abs(pb - b) < 60) {
                o.n++;
                o.x0 = x < o.x0 ? x : o.x0, o.x1 = x > o.x1 ? x : o.x1;
                o.y0 = y < o.y0 ? y : o.y0, o.y1 = y > o.y1 ? y : o.y1;
            }
        }
    return o;
}

/* The portrait picture upright and whole in the PNG: red right above blue, together a box
 * 9:16 (within a few pixels), at least min_h tall. */
static void expect_upright(const char *png, int min_h)
{
    SDL_Surface *s = load_png(png);
    struct blob red = find(s, 0xD0, 0x10, 0x10), blue = find(s, 0x10, 0x10, 0xD0);
    int h = blue.y1 - red.y0 + 1, w = red.x1 - red.x0 + 1;
    if (red.n < 100 || blue.n < 100 || red.y1 > blue.y0 + 2 || h < min_h ||
        fabs((double)w / h - 180.0 / 320) > 0.04)
        fail_msg("%s: red %d,%d-%d,%d (%ld px), blue %d,%d-%d,%d (%ld px): not the portrait "
                 "picture upright",
                 png, red.x0, red.y0, red.x1, red.y1, red.n, blue.x0, blue.y0, blue.x1, blue.y1,
                 blue.n);
    SDL_FreeSurface(s);
}

static const char *const phones[] = {"phone90.mp4", "phone180.mp4", "phone270.mp4"};

/* The size a phone clip shows at is the upright one. */
static void test_portrait_probe(void **state)
{
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        char p[256], err[512];
        struct video_info in;
        snprintf(p, sizeof p, "%s/clips/%s", dir, phones[i]);
        if (video_probe(p, &in, err, sizeof err) != 0)
            fail_msg("%s: %s", phones[i], err);
        if (in.w != 180 || in.h != 320)
            fail_msg("%s shows at %dx%d, not 180x320", phones[i], in.w, in.h);
    }
}

static const char phone_playlist[] = "honorboard: 1\n"
                                     "defaults: { transition: cut }\n"
                                     "slides:\n"
                                     "  - type: text\n"
                                     "    title: 之前\n"
                                     "    text: 视频之前的一页。\n"
                                     "    duration: 1s\n"
                                     "  - type: video\n"
                                     "    video: clips/phone90.mp4\n"
                                     "  - type: video\n"
                                     "    video: clips/phone180.mp4\n"
                                     "  - type: video\n"
                                     "    video: clips/phone270.mp4\n"
                                     "  - type: text\n"
                                     "    title: 之后\n"
                                     "    text: 视频之后的一页。\n";

static void test_portrait_check(void **state)
{
    (void)state;
    write_file("phones.yaml", phone_playlist);
    int rc = run("%s check %s/phones.yaml > %s/check.out 2>&1", bin(), dir, dir);
    char p[256];
    snprintf(p, sizeof p, "%s/check.out", dir);
    char *out = slurp(p);
    expect(out, "1 playlist, 5 slides: 0 errors, 0 warnings");
    assert_int_equal(rc, 0);
    free(out);
}

/* The poster of each phone clip, on a landscape and on a portrait screen: upright and whole
 * (contain), filling the height of the picture box. */
static void test_portrait_render(void **state)
{
    (void)state;
    write_file("phones.yaml", phone_playlist);
    static const char *const sizes[] = {"640x360", "360x640"};
    for (int k = 0; k < 2; k++) {
        sh("rm -rf %s/png && %s render %s/phones.yaml --out %s/png --size %s 2>/dev/null", dir,
           bin(), dir, dir, sizes[k]);
        for (int i = 2; i <= 4; i++) {
            char png[256];
            snprintf(png, sizeof png, "%s/png/slide-%03d.png", dir, i);
            expect_upright(png, k == 0 ? 200 : 300);
        }
    }
    sh("cp -r %s/png /tmp/hb-films-portrait-png", dir); /* to look at */
}

/* play shows the photo before, each phone clip for its two seconds, and the page after. */
static void test_portrait_play(void **state)
{
    (void)state;
    write_file("phones.yaml", phone_playlist);
    char log[256];
    snprintf(log, sizeof log, "%s/play.jsonl", dir);
    int rc = run("rm -f %s; %s play %s/phones.yaml --window=480x270 --log %s --quit-after 10 "
                 "2>%s/play.err",
                 log, bin(), dir, log, dir);
    char *text = slurp(log);
    if (rc != 0 || !strstr(text, "\"slide\":5,"))
        fail_msg("play ended with %d before the last slide:\n%s", rc, text);
    for (int n = 2; n <= 4; n++) {
        char want[64];
        snprintf(want, sizeof want, "\"slide\":%d,", n);
        const char *l = strstr(text, want);
        assert_non_null(l);
        const char *f = strstr(l, "\"frames\":");
        if (!f || strtol(f + 9, NULL, 10) < 30)
            fail_msg("slide %d played too few frames:\n%s", n, text);
    }
    free(text);
}

static const char ts_playlist[] = "honorboard: 1\n"
                                  "defaults: { transition: cut }\n"
                                  "slides:\n"
                                  "  - type: video\n"
                                  "    video: clips/mpeg2.ts\n"
                                  "  - type: video\n"
                                  "    video: clips/h264.ts\n"
                                  "  - type: video\n"
                                  "    video: clips/cam.m2ts\n"
                                  "  - type: video\n"
                                  "    video: clips/00001.MTS\n";

/* MPEG-TS (MPEG-2 and H.264) and camcorders' M2TS/MTS: named by their bytes, checked, imported
 * through the confined checker (whose sandbox killed it when the TS demuxer mapped a character
 * set converter), drawn by render and played. */
static void test_ts_and_m2ts(void **state)
{
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s/clips/mpeg2.ts", dir);
    assert_string_equal(video_sniff(p), "mpegts");
    snprintf(p, sizeof p, "%s/clips/00001.MTS", dir);
    assert_string_equal(video_sniff(p), "m2ts");
    write_file("ts.yaml", ts_playlist);
    int rc = run("%s check %s/ts.yaml > %s/ts.out 2>&1", bin(), dir, dir);
    snprintf(p, sizeof p, "%s/ts.out", dir);
    char *out = slurp(p);
    expect(out, "1 playlist, 4 slides: 0 errors, 0 warnings");
    assert_int_equal(rc, 0);
    free(out);
    /* import: the checker child, confined, passes them and they are stored byte for byte */
    sh("rm -rf %s/stick %s/store && mkdir -p %s/stick/honorboard && "
       "cp -r %s/clips %s/ts.yaml %s/stick/honorboard/",
       dir, dir, dir, dir, dir, dir);
    rc = run("%s import %s/stick --store %s/store > %s/import.out 2>&1", bin(), dir, dir, dir);
    snprintf(p, sizeof p, "%s/import.out", dir);
    out = slurp(p);
    if (rc != 0)
        fail_msg("import refused the TS files (%d):\n%s", rc, out);
    free(out);
    sh("cmp %s/clips/cam.m2ts %s/store/current/clips/cam.m2ts && "
       "cmp %s/clips/mpeg2.ts %s/store/current/clips/mpeg2.ts",
       dir, dir, dir, dir);
    /* render: a frame of each (testsrc's colour bars), no skip tile */
    sh("rm -rf %s/tspng && %s render %s/ts.yaml --out %s/tspng --size 640x360 2>/dev/null", dir,
       bin(), dir, dir);
    for (int i = 1; i <= 4; i++) {
        snprintf(p, sizeof p, "%s/tspng/slide-%03d.png", dir, i);
        SDL_Surface *s = load_png(p);
        if (find(s, 255, 255, 0).n < 2000 || find(s, 0, 255, 255).n < 2000)
            fail_msg("%s does not show the film's colour bars", p);
        SDL_FreeSurface(s);
    }
    /* play: each for its two seconds */
    char log[256];
    snprintf(log, sizeof log, "%s/ts.jsonl", dir);
    rc = run("rm -f %s; %s play %s/ts.yaml --window=480x270 --log %s --quit-after 9 2>/dev/null",
             log, bin(), dir, log);
    char *text = slurp(log);
    for (int n = 1; n <= 4; n++) {
        char want[64];
        snprintf(want, sizeof want, "\"slide\":%d,", n);
        const char *l = strstr(text, want), *f = l ? strstr(l, "\"frames\":") : NULL;
        if (rc != 0 || !f || strtol(f + 9, NULL, 10) < 30 || strstr(l, "\"error\""))
            fail_msg("slide %d did not play:\n%s", n, text);
    }
    free(text);
}

static bool have(const char *prog)
{
    return run("command -v %s >/dev/null 2>&1", prog) == 0;
}

/* The preview window resized twice while a 6 s film plays (on a real X server, as a technician
 * drags it or a monitor changes mode): the film plays on, all of it, in one slide line; before,
 * the page laid out again restarted it at frame 0, paused for the rest of the slide. */
static void test_resize_keeps_playing(void **state)
{
    (void)state;
    if (!have("Xvfb") || !have("xdotool") || !have("xwininfo"))
        skip();
    write_file("six.yaml", "honorboard: 1\n"
                           "defaults: { transition: cut }\n"
                           "slides:\n"
                           "  - type: video\n"
                           "    video: clips/six.mp4\n"
                           "  - type: text\n"
                           "    title: 之后\n"
                           "    text: 视频之后的一页。\n");
    int d = 60 + (int)(getpid() % 200);
    sh("Xvfb :%d -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 & echo $! > %s/xvfb.pid; "
       "sleep 1",
       d, dir);
    char log[256];
    snprintf(log, sizeof log, "%s/six.jsonl", dir);
    run("cd %s && (SDL_VIDEODRIVER=x11 DISPLAY=:%d %s/%s play six.yaml --window=480x270 --log %s "
        "--quit-after 8 2>six.err &) ; sleep 2; "
        "w=$(DISPLAY=:%d xwininfo -root -children | awk '/\"honorboard\"/{print $1; exit}'); "
        "DISPLAY=:%d xdotool windowsize $w 640 360; sleep 1; "
        "DISPLAY=:%d xdotool windowsize $w 400 300; sleep 6",
        dir, d, getcwd((char[512]){0}, 512), bin(), log, d, d, d);
    run("kill $(cat %s/xvfb.pid)", dir);
    char *text = slurp(log);
    const char *l = strstr(text, "\"slide\":1,");
    const char *again = l ? strstr(l + 1, "\"slide\":1,") : NULL;
    const char *f = l ? strstr(l, "\"frames\":") : NULL;
    const char *sec = l ? strstr(l, "\"seconds\":") : NULL;
    if (!f || !sec || again || strtol(f + 9, NULL, 10) < 130 || strtod(sec + 10, NULL) < 5.5)
        fail_msg("the film did not play on across the resizes:\n%s", text);
    free(text);
}

/* check decides a copy cut short the same way every time: 30 runs (two at a time, so the
 * machine is busy) on six cut copies (MP4, TS, WebM cut at 40% and 90%) give one answer. Before,
 * a cut MP4 passed one run in three. */
static void test_truncation_is_sure(void **state)
{
    (void)state;
    write_file("cut.yaml", "honorboard: 1\n"
                           "slides:\n"
                           "  - { type: video, video: clips/cut40-long.mp4 }\n"
                           "  - { type: video, video: clips/cut90-long.mp4 }\n"
                           "  - { type: video, video: clips/cut40-long.ts }\n"
                           "  - { type: video, video: clips/cut90-long.ts }\n"
                           "  - { type: video, video: clips/cut40-long.webm }\n"
                           "  - { type: video, video: clips/cut90-long.webm }\n");
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    const char *b = bin()[0] == '/' ? "" : cwd;
    sh("cd %s && for i in $(seq 1 15); do "
       "  %s/%s check cut.yaml > cut-a$i.out 2>&1 & %s/%s check cut.yaml > cut-b$i.out 2>&1; "
       "  wait; "
       "done",
       dir, b, bin(), b, bin());
    char p[256];
    snprintf(p, sizeof p, "%s/cut-a1.out", dir);
    char *first = slurp(p);
    /* a TS has no index and no length in its header: a cut one is a shorter film, and plays as
     * one; MP4 and WebM say how long they are */
    expect(first, "1 playlist, 6 slides: 4 errors, 0 warnings");
    /* the decision: which slides fail (the library's own detail after it may come or not) */
    int differ = run("cd %s && for f in cut-*.out; do sed 's/its end: .*/its end/' $f > $f.d; done "
                     "&& for f in cut-*.out.d; do cmp -s $f cut-a1.out.d || echo $f; done | "
                     "grep -q .",
                     dir);
    if (differ == 0) {
        sh("cd %s && cat cut-*.out.d | sort | uniq -c > cut.sum", dir);
        snprintf(p, sizeof p, "%s/cut.sum", dir);
        char *sum = slurp(p);
        fail_msg("30 checks of the same cut copies disagree:\n%s\nfirst:\n%s", sum, first);
    }
    free(first);
}

/* Every refusal says in Chinese what the file is and what to do; a Chinese key gets its English
 * name. */
static void test_refusals_in_chinese(void **state)
{
    (void)state;
    write_file("refuse.yaml", "honorboard: 1\n"
                              "slides:\n"
                              "  - { type: video, video: clips/empty.mp4 }\n"
                              "  - { type: video, video: clips/photo.mp4 }\n"
                              "  - { type: video, video: clips/song.mp4 }\n"
                              "  - { type: video, video: clips/film.wmv }\n"
                              "  - { type: video, video: clips/film.vob }\n"
                              "  - type: video\n"
                              "    视频: clips/plain.mp4\n");
    int rc = run("LANG=zh_CN.UTF-8 %s check %s/refuse.yaml > %s/refuse.out 2>&1", bin(), dir, dir);
    char p[256];
    snprintf(p, sizeof p, "%s/refuse.out", dir);
    char *out = slurp(p);
    assert_int_equal(rc, 1);
    expect(out, "refuse.yaml:3:27: 错误: 第 1 张（视频）：视频“clips/empty.mp4”是空文件（0 "
                "字节）：请重新复制");
    expect(out, "refuse.yaml:4:27: 错误: 第 2 张（视频）：视频“clips/photo.mp4”是一张 JPEG "
                "图片，不是视频：请用 type: photo");
    expect(out, "refuse.yaml:5:27: 错误: 第 3 "
                "张（视频）：视频“clips/song.mp4”无法播放：它只有声音，没有画面");
    expect(out, "refuse.yaml:6:27: 错误: 第 4 张（视频）：视频“clips/film.wmv”是 WMV（Windows "
                "Media）视频，本机不播放这种格式：请另存或导出为 MP4");
    expect(out, "refuse.yaml:7:27: 错误: 第 5 张（视频）：视频“clips/film.vob”是 "
                "MPEG-PS（VOB、MPG）视频，本机不播放这种格式：请另存或导出为 MP4");
    expect(out, "“视频”不是键名：键名要用英文写，“视频”应写成“video”");
    /* nothing half in English */
    if (strstr(out, "unrecognized") || strstr(out, "failed"))
        fail_msg("English words in the Chinese messages:\n%s", out);
    free(out);
}

/* What went wrong while a film played is in its log line, with the time into the film, and
 * the line names the film's file: decoder errors of a file damaged in the middle, a 1.5 s
 * freeze. Before, the line said "frames_dropped":0 and nothing else. */
static void test_play_logs_damage(void **state)
{
    (void)state;
    write_file("damage.yaml", "honorboard: 1\n"
                              "defaults: { transition: cut }\n"
                              "slides:\n"
                              "  - { type: video, video: clips/damaged.mp4 }\n"
                              "  - { type: text, title: 之间, text: 之间, duration: 1s }\n"
                              "  - { type: video, video: clips/stall.mp4 }\n"
                              "  - { type: text, title: 之后, text: 之后 }\n");
    char log[256];
    snprintf(log, sizeof log, "%s/damage.jsonl", dir);
    run("rm -f %s; %s play %s/damage.yaml --window=320x180 --log %s --quit-after 14 2>/dev/null",
        log, bin(), dir, log);
    char *text = slurp(log);
    const char *l1 = strstr(text, "\"slide\":1,"), *l2 = strstr(text, "\"slide\":3,");
    if (!l1 || !l2)
        fail_msg("no slide lines:\n%s", text);
    char *s1 = strndup(l1, strcspn(l1, "\n")), *s2 = strndup(l2, strcspn(l2, "\n"));
    expect(s1, "\"file\":\"");
    expect(s1, "clips/damaged.mp4\"");
    expect(s1, "\"decoder_errors\":");
    const char *at = strstr(s1, "\"errors\":[{\"at\":");
    if (!at || strtod(at + 16, NULL) < 0.5 || strtod(at + 16, NULL) > 5)
        fail_msg("the decoder's error is not placed in the film:\n%s", s1);
    expect(s2, "clips/stall.mp4\"");
    const char *fz = strstr(s2, "\"frozen\":[{\"at\":");
    if (!fz || fabs(strtod(fz + 16, NULL) - 2) > 0.5)
        fail_msg("the freeze at 2 s is not logged:\n%s", s2);
    const char *secs = strstr(fz, "\"seconds\":");
    if (!secs || fabs(strtod(secs + 10, NULL) - 1.5) > 0.4)
        fail_msg("the freeze is not 1.5 s long:\n%s", s2);
    free(s1), free(s2), free(text);
}

/* mpv's built-in Lua scripts (stats, console, auto profiles) start no thread for a clip: 2
 * threads and about 4 MB each film before. */
static void test_no_scripts(void **state)
{
    (void)state;
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    const char *b = bin()[0] == '/' ? "" : cwd;
    write_file("six.yaml", "honorboard: 1\nslides:\n  - { type: video, video: clips/six.mp4 }\n");
    sh("cd %s && (%s/%s play six.yaml --window=320x180 --log /dev/null --quit-after 4 "
       ">/dev/null 2>&1 & echo $! > play.pid; wait) & sleep 2.5; "
       "cat /proc/$(cat %s/play.pid)/task/*/comm > %s/threads.txt; wait",
       dir, b, bin(), dir, dir);
    char p[256];
    snprintf(p, sizeof p, "%s/threads.txt", dir);
    char *t = slurp(p);
    if (!strstr(t, "mpv/"))
        fail_msg("no clip was playing:\n%s", t);
    if (strstr(t, "lua"))
        fail_msg("mpv's scripts run beside the clip:\n%s", t);
    free(t);
}

static const char *faults_bin(void)
{
    const char *b = getenv("HONORBOARD_FAULTS_BIN");
    return b ? b : "build/honorboard-faults";
}

/* A film the video library aborts on (the test build of the program makes the probe's child
 * abort() at plain.mp4, as libmpv's failed assertion did on phone films) costs its slide only:
 * play goes on to the page after it and logs why, check and render report it and finish. */
static void test_crash_costs_one_slide(void **state)
{
    (void)state;
    write_file("crash.yaml", "honorboard: 1\n"
                             "defaults: { transition: cut }\n"
                             "slides:\n"
                             "  - type: text\n"
                             "    title: 之前\n"
                             "    text: 视频之前的一页。\n"
                             "    duration: 1s\n"
                             "  - type: video\n"
                             "    video: clips/plain.mp4\n"
                             "  - type: text\n"
                             "    title: 之后\n"
                             "    text: 视频之后的一页。\n");
    char log[256], p[256];
    snprintf(log, sizeof log, "%s/crash.jsonl", dir);
    int rc = run("rm -f %s; HONORBOARD_TEST_FAULT=abort:plain.mp4 %s play %s/crash.yaml "
                 "--window=480x270 --log %s --quit-after 4 2>%s/crash.err",
                 log, faults_bin(), dir, log, dir);
    char *text = slurp(log);
    if (rc != 0 || !strstr(text, "\"slide\":3,"))
        fail_msg("play ended with %d before the page after the film:\n%s", rc, text);
    expect(text, "视频库处理它时崩溃（SIGABRT）"); /* the board's language */
    free(text);
    rc = run("HONORBOARD_TEST_FAULT=abort:plain.mp4 %s check %s/crash.yaml > %s/crash.out 2>&1",
             faults_bin(), dir, dir);
    snprintf(p, sizeof p, "%s/crash.out", dir);
    text = slurp(p);
    expect(text, "crash.yaml:9:12: error: slide 2 (video): video 'clips/plain.mp4' cannot be "
                 "played: the video library crashed on it (SIGABRT)");
    assert_int_equal(rc, 1);
    free(text);
    sh("rm -rf %s/cpng && HONORBOARD_TEST_FAULT=abort:plain.mp4 %s render %s/crash.yaml --out "
       "%s/cpng --size 640x360 2>/dev/null; test -s %s/cpng/slide-001.png && "
       "test -s %s/cpng/slide-003.png",
       dir, faults_bin(), dir, dir, dir, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        // clang-format off
        cmocka_unit_test(test_portrait_check),
        cmocka_unit_test(test_portrait_render),
        cmocka_unit_test(test_portrait_play),
        cmocka_unit_test(test_portrait_probe),
        cmocka_unit_test(test_crash_costs_one_slide),
        cmocka_unit_test(test_ts_and_m2ts),
        cmocka_unit_test(test_resize_keeps_playing),
        cmocka_unit_test(test_truncation_is_sure),
        cmocka_unit_test(test_refusals_in_chinese),
        cmocka_unit_test(test_play_logs_damage),
        cmocka_unit_test(test_no_scripts),
        // clang-format on
    };
    return cmocka_run_group_tests(tests, make_clips, remove_clips);
}
