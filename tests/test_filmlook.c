/* test_filmlook.c - how films look and what they cost on the board. Clips are made at test time
 * with ffmpeg: interlaced footage as a camcorder writes it (1080i, 576i), subtitle tracks
 * (mov_text in MP4 with and without a language, SubRip in Matroska, an English track), a clip
 * with sound for a board without a sound device, a picture larger than a board's limit. Each
 * goes through check, render, import or play where it applies. */
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

#include "film/video.h"
#include "film/videofile.h"

static char dir[64]; /* the clips and playlists of this run */

/* Interlaced: a picture moving fast sideways, two moments a frame, one in each field (what a
 * 1080i camcorder writes: -flags +ilme+ildct, top field first). Subtitles: one line of Chinese
 * from 0 to 3 s on a flat dark blue picture. */
#define MOVING "testsrc2=size=%s:rate=50,scroll=h=0.01,tinterlace=interleave_top,setfield=tff"
#define FLAT "color=c=0x204060:s=640x360:r=25:d=3"
static int make_clips(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hb-look-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    chmod(dir, 0755);
    const char *ff = "ffmpeg -nostdin -v error -y";
    const char *x264i = "-c:v libx264 -flags +ilme+ildct -x264opts tff=1 -pix_fmt yuv420p";
    int rc = run(
        "mkdir -p %s/clips && cd %s/clips && "
        "%s -f lavfi -i \"" MOVING "\" -t 2 %s i576.mp4 && "
        "%s -f lavfi -i \"" MOVING "\" -t 1 %s i1080.mp4 && "
        "%s -f lavfi -i \"" MOVING "\" -t 2 -c:v mpeg2video -flags +ilme+ildct -top 1 -b:v 8M "
        "i576.ts && "
        "%s -f lavfi -i testsrc2=size=720x576:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p "
        "p576.mp4 && "
        "printf '1\\n00:00:00,000 --> 00:00:03,000\\n荣誉属于每一位坚守岗位的同志\\n' > zh.srt && "
        "%s -f lavfi -i " FLAT " -i zh.srt -c:v libx264 -pix_fmt yuv420p -c:s mov_text "
        "-metadata:s:s:0 language=chi subzh.mp4 && "
        "%s -f lavfi -i " FLAT " -i zh.srt -c:v libx264 -pix_fmt yuv420p -c:s srt subnone.mkv && "
        "%s -f lavfi -i " FLAT " -i zh.srt -c:v libx264 -pix_fmt yuv420p -c:s mov_text "
        "-metadata:s:s:0 language=eng subeng.mp4 && "
        "%s -f lavfi -i testsrc=size=320x180:rate=25 -f lavfi -i sine -t 2 -c:v libx264 "
        "-pix_fmt yuv420p -c:a aac sound.mp4 && "
        "%s -f lavfi -i testsrc=size=640x360:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p "
        "big.mp4 && "
        "%s -f lavfi -i color=c=0x204060:s=320x180:r=60:d=1 -c:v libx264 -pix_fmt yuv420p f60.mp4",
        dir, dir, ff, "720x576", x264i, ff, "1920x1080", x264i, ff, "720x576", ff, ff, ff, ff, ff,
        ff, ff);
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

static char *out_of(const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return slurp(p);
}

static void clip(char *p, size_t n, const char *name)
{
    snprintf(p, n, "%s/clips/%s", dir, name);
}

static double luma(uint32_t p)
{
    return 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
}

/* Combing: how much each row differs from the mean of its neighbours, against how much it
 * differs from the mean of the rows two away (the same field). A woven interlaced frame with
 * motion has rows that disagree with their neighbours but agree with their field: about 2 and
 * more; a clean picture about 1 or less. */
static double combing(const uint32_t *px, int w, int h)
{
    double odd = 0, same = 0;
    for (int y = 2; y < h - 2; y++)
        for (int x = 0; x < w; x++) {
            double c = luma(px[y * w + x]);
            odd += fabs(2 * c - luma(px[(y - 1) * w + x]) - luma(px[(y + 1) * w + x]));
            same += fabs(2 * c - luma(px[(y - 2) * w + x]) - luma(px[(y + 2) * w + x]));
        }
    return odd / (same + 1);
}

/* An interlaced film is deinterlaced (its first frame already), a progressive one is not: mpv's
 * filter chain read back, the clip's info, and the comb left in the picture. Before, every
 * interlaced frame reached the screen woven, combs on every moving edge. */
static void test_deinterlace(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int w, h;
        bool interlaced;
    } cases[] = {{"i576.mp4", 720, 576, true},
                 {"i576.ts", 720, 576, true},
                 {"i1080.mp4", 1920, 1080, true},
                 {"p576.mp4", 720, 576, false}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char p[256], err[512], vf[512];
        clip(p, sizeof p, cases[i].file);
        struct video_opts o = {.loops = 1, .start = 0.5};
        struct video *v = video_open(p, &o, cases[i].w, cases[i].h, err, sizeof err);
        if (!v)
            fail_msg("%s: %s", cases[i].file, err);
        struct video_info in;
        video_get_info(v, &in);
        video_option(v, "vf", vf, sizeof vf);
        int w, h;
        size_t stride;
        const uint32_t *px = video_pixels(v, &w, &h, &stride);
        assert_int_equal(stride, (size_t)w * 4);
        double comb = combing(px, w, h);
        printf("%s: vf '%s', interlaced %d, combing %.2f\n", cases[i].file, vf, in.interlaced,
               comb);
        if (in.interlaced != cases[i].interlaced || (strstr(vf, "yadif") != NULL) != in.interlaced)
            fail_msg("%s: interlaced %d, filters '%s'", cases[i].file, in.interlaced, vf);
        if (comb > 1.0)
            fail_msg("%s: the picture is combed (%.2f)", cases[i].file, comb);
        video_destroy(v);
    }
}

/* play: an interlaced film's line in the play log says it was deinterlaced, and it played
 * all its frames; a progressive one's says nothing of it. render: its poster has no combs. */
static void test_deinterlace_play(void **state)
{
    (void)state;
    write_file("il.yaml", "honorboard: 1\n"
                          "defaults: { transition: cut }\n"
                          "slides:\n"
                          "  - { type: video, video: clips/i576.mp4 }\n"
                          "  - { type: video, video: clips/p576.mp4 }\n"
                          "  - { type: text, title: 之后, text: 之后 }\n");
    char log[256];
    snprintf(log, sizeof log, "%s/il.jsonl", dir);
    run("rm -f %s; %s play %s/il.yaml --window=480x270 --log %s --quit-after 6 2>/dev/null", log,
        bin(), dir, log);
    char *text = slurp(log);
    const char *l1 = strstr(text, "\"slide\":1,"), *l2 = strstr(text, "\"slide\":2,");
    if (!l1 || !l2)
        fail_msg("no film lines:\n%s", text);
    char *s1 = strndup(l1, strcspn(l1, "\n")), *s2 = strndup(l2, strcspn(l2, "\n"));
    expect(s1, "\"deinterlaced\":true");
    const char *f = strstr(s1, "\"frames\":");
    if (!f || strtol(f + 9, NULL, 10) < 40)
        fail_msg("the interlaced film played too few frames:\n%s", s1);
    if (strstr(s2, "deinterlaced"))
        fail_msg("a progressive film deinterlaced:\n%s", s2);
    free(s1), free(s2), free(text);
    /* render: the poster of the interlaced film at its own size has no combs */
    sh("rm -rf %s/ilpng && %s render %s/il.yaml --out %s/ilpng --size 720x576 2>/dev/null", dir,
       bin(), dir, dir);
    char png[256];
    snprintf(png, sizeof png, "%s/ilpng/slide-001.png", dir);
    SDL_Surface *raw = IMG_Load(png);
    if (!raw)
        fail_msg("cannot load %s", png);
    SDL_Surface *pg = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    double comb = combing(pg->pixels, pg->w, pg->h);
    printf("render's poster of i576.mp4: combing %.2f\n", comb);
    if (comb > 1.0)
        fail_msg("%s: render's poster of the interlaced film is combed (%.2f)", png, comb);
    SDL_FreeSurface(pg);
}

/* Light pixels (the subtitle's letters, white) in rows y0..y1 of a w-wide frame. */
static long ink(const uint32_t *px, int w, int y0, int y1)
{
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < w; x++)
            n += luma(px[y * w + x]) > 180;
    return n;
}

/* The subtitle at 1 s, drawn by libass into the frame: ink in the lower part of the picture
 * when the track is chosen, none anywhere when not. Chinese and unnamed tracks are chosen
 * by default, an English one only when asked for. */
static void test_subtitles_drawn(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int subs;
        bool drawn;
    } cases[] = {{"subzh.mp4", VIDEO_SUBS_AUTO, true},   {"subzh.mp4", VIDEO_SUBS_OFF, false},
                 {"subnone.mkv", VIDEO_SUBS_AUTO, true}, {"subeng.mp4", VIDEO_SUBS_AUTO, false},
                 {"subeng.mp4", VIDEO_SUBS_ON, true},    {"subzh.mp4", VIDEO_SUBS_ON, true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char p[256], err[512];
        clip(p, sizeof p, cases[i].file);
        struct video_opts o = {.loops = 1, .start = 1, .subtitles = cases[i].subs};
        struct video *v = video_open(p, &o, 640, 360, err, sizeof err);
        if (!v)
            fail_msg("%s: %s", cases[i].file, err);
        int w, h;
        size_t stride;
        const uint32_t *px = video_pixels(v, &w, &h, &stride);
        long low = ink(px, w, h * 2 / 3, h), high = ink(px, w, 0, h * 2 / 3);
        struct video_info in;
        video_get_info(v, &in);
        printf("%s subs=%d: track %d, ink %ld below, %ld above\n", cases[i].file, cases[i].subs,
               in.subtitle_track, low, high);
        if (cases[i].drawn && (low < 300 || high > 0 || in.subtitle_track == 0))
            fail_msg("%s: no subtitle in the lower third (%ld px; %ld above)", cases[i].file, low,
                     high);
        if (!cases[i].drawn && (low > 0 || high > 0 || in.subtitle_track != 0))
            fail_msg("%s: a subtitle drawn that should not be (%ld px)", cases[i].file, low);
        if (cases[i].drawn) {
            char font[128];
            video_option(v, "sub-font", font, sizeof font);
            assert_string_equal(font, VIDEO_SUB_FONT);
        }
        video_destroy(v);
    }
}

/* The YAML key: check takes true and false and names a bad value in Chinese with its line and
 * column; play draws the Chinese track by default and none with subtitles: false (its log line
 * names the track drawn). */
static void test_subtitles_key(void **state)
{
    (void)state;
    write_file("subs.yaml", "honorboard: 1\n"
                            "defaults: { transition: cut }\n"
                            "slides:\n"
                            "  - { type: video, video: clips/subzh.mp4 }\n"
                            "  - { type: video, video: clips/subzh.mp4, subtitles: false }\n"
                            "  - { type: video, video: clips/subeng.mp4, subtitles: true }\n"
                            "  - { type: text, title: 之后, text: 之后 }\n");
    write_file("badsubs.yaml", "honorboard: 1\n"
                               "slides:\n"
                               "  - type: video\n"
                               "    video: clips/subzh.mp4\n"
                               "    subtitles: 中文\n"
                               "  - type: video\n"
                               "    video: clips/subzh.mp4\n"
                               "    字幕: false\n");
    int rc = run("%s check %s/subs.yaml > %s/subs.out 2>&1", bin(), dir, dir);
    char *out = out_of("subs.out");
    expect(out, "0 errors, 0 warnings");
    assert_int_equal(rc, 0);
    free(out);
    rc = run("LANG=zh_CN.UTF-8 %s check %s/badsubs.yaml > %s/badsubs.out 2>&1", bin(), dir, dir);
    out = out_of("badsubs.out");
    expect(out, "badsubs.yaml:5:16: 错误: 第1张（video）：“subtitles”是“中文”；请写 "
                "true（显示视频的字幕）或 false");
    expect(out, "“字幕”不是键名：键名要用英文写，“字幕”应写成“subtitles”");
    assert_int_equal(rc, 1);
    free(out);
    char log[256];
    snprintf(log, sizeof log, "%s/subs.jsonl", dir);
    run("rm -f %s; %s play %s/subs.yaml --window=480x270 --log %s --quit-after 10 2>/dev/null", log,
        bin(), dir, log);
    char *text = slurp(log);
    const char *l[3];
    for (int i = 0; i < 3; i++) {
        char want[32];
        snprintf(want, sizeof want, "\"slide\":%d,", i + 1);
        if (!(l[i] = strstr(text, want)))
            fail_msg("no line for slide %d:\n%s", i + 1, text);
    }
    char *s1 = strndup(l[0], strcspn(l[0], "\n")), *s2 = strndup(l[1], strcspn(l[1], "\n")),
         *s3 = strndup(l[2], strcspn(l[2], "\n"));
    expect(s1, "\"subtitles\":");
    expect(s3, "\"subtitles\":");
    if (strstr(s2, "\"subtitles\""))
        fail_msg("subtitles: false drew them:\n%s", s2);
    free(s1), free(s2), free(s3), free(text);
}

/* hwdec from config.yaml reaches mpv for playback (never for checks); the default is software
 * decoding. Before, every film tried hardware decoding (a VDPAU line in the journal a clip). */
static void test_hwdec_setting(void **state)
{
    (void)state;
    char p[256], err[512], val[64];
    clip(p, sizeof p, "p576.mp4");
    for (int k = 0; k < 3; k++) {
        video_configure(&(struct video_settings){.hwdec = k > 0});
        struct video_opts o = {.loops = 1, .hwdec = k < 2}; /* k 2: a check, which never asks */
        struct video *v = video_open(p, &o, 320, 256, err, sizeof err);
        if (!v)
            fail_msg("%s", err);
        video_option(v, "hwdec", val, sizeof val);
        assert_string_equal(val, k == 1 ? "auto-copy-safe" : "no");
        video_destroy(v);
    }
    video_configure(&(struct video_settings){0});
    write_file("hw.yaml", "hwdec: auto\nvideo_max_size: 1920x1080\n");
    write_file("badhw.yaml", "hwdec: vaapi\nvideo_max_size: 8000x100\n");
    assert_int_equal(run("%s check --config %s/hw.yaml >/dev/null 2>&1", bin(), dir), 0);
    int rc = run("LANG=zh_CN.UTF-8 %s check --config %s/badhw.yaml > %s/badhw.out 2>&1", bin(), dir,
                 dir);
    char *out = out_of("badhw.out");
    expect(out, "badhw.yaml:1:8: 错误: “hwdec”应为 no（软件解码）或 auto，不能是“vaapi”");
    expect(out, "badhw.yaml:2:17: 错误: “video_max_size”应为 16x16 到 4096x4096 之间的画面尺寸");
    assert_int_equal(rc, 1);
    free(out);
}

/* A film with sound and audio: true on a board without a sound device (no /dev/snd, no sound
 * server: this machine, or one made so): play and render say nothing of ALSA, PipeWire or
 * VDPAU on the terminal or in the log, and the film plays, silent. Before: 16 "ALSA lib" lines
 * and two of PipeWire's a clip. */
static void test_quiet_without_sound(void **state)
{
    (void)state;
    write_file("snd.yaml", "honorboard: 1\n"
                           "defaults: { transition: cut }\n"
                           "slides:\n"
                           "  - { type: video, video: clips/sound.mp4, audio: true }\n"
                           "  - { type: text, title: 之后, text: 之后 }\n");
    char log[256];
    snprintf(log, sizeof log, "%s/snd.jsonl", dir);
    /* no sound server reachable (XDG_RUNTIME_DIR empty), whatever the machine has */
    run("rm -f %s; mkdir -p %s/rt && XDG_RUNTIME_DIR=%s/rt PULSE_SERVER= %s play %s/snd.yaml "
        "--window=320x180 --log %s --quit-after 4 > %s/snd.err 2>&1; "
        "%s render %s/snd.yaml --out %s/sndpng --size 320x180 >> %s/snd.err 2>&1",
        log, dir, dir, bin(), dir, log, dir, bin(), dir, dir, dir);
    char *err = out_of("snd.err"), *text = slurp(log);
    if (!access("/dev/snd", F_OK))
        printf("(this machine has /dev/snd: only the sound servers were out of reach)\n");
    static const char *const noise[] = {"ALSA lib", "pw.conf", "VDPAU", "vdpau", "PulseAudio"};
    for (size_t i = 0; i < sizeof noise / sizeof *noise; i++)
        if (strstr(err, noise[i]) || strstr(text, noise[i]))
            fail_msg("'%s' on the terminal or in the log:\n%s\n%s", noise[i], err, text);
    const char *l = strstr(text, "\"slide\":1,");
    const char *f = l ? strstr(l, "\"frames\":") : NULL;
    if (!f || strtol(f + 9, NULL, 10) < 30)
        fail_msg("the film did not play:\n%s", text);
    free(err), free(text);
}

/* video_max_size caps what a film may cost: a board set to 320x240 skips a 640x360 film with
 * a message naming the setting (play, in its log) and check --config says so; a portrait film
 * within the limit turned plays; the default plays it. */
static void test_max_size(void **state)
{
    (void)state;
    write_file("max.yaml", "honorboard: 1\n"
                           "defaults: { transition: cut }\n"
                           "slides:\n"
                           "  - { type: video, video: clips/big.mp4 }\n"
                           "  - { type: text, title: 之后, text: 之后, duration: 2s }\n");
    write_file("small.yaml", "video_max_size: 320x240\n");
    int rc = run("LANG=zh_CN.UTF-8 %s check --config %s/small.yaml %s/max.yaml > %s/max.out 2>&1",
                 bin(), dir, dir, dir);
    char *out = out_of("max.out");
    expect(out, "max.yaml:4:27: 错误: 第 1 张（视频）：视频“clips/big.mp4”无法播放：画面是 "
                "640x360；本机只播放不超过 320x240 的视频（配置中的 video_max_size）");
    assert_int_equal(rc, 1);
    free(out);
    assert_int_equal(run("%s check %s/max.yaml >/dev/null 2>&1", bin(), dir), 0);
    char log[256];
    snprintf(log, sizeof log, "%s/max.jsonl", dir);
    run("rm -f %s; %s play %s/max.yaml --config %s/small.yaml --window=320x180 --log %s "
        "--quit-after 3 2>/dev/null",
        log, bin(), dir, dir, log);
    char *text = slurp(log);
    expect(text, "video_max_size");
    if (strstr(text, "\"type\":\"video\""))
        fail_msg("the film over the limit played:\n%s", text);
    free(text);
    /* import on that board: the confined checker refuses it as check does */
    sh("rm -rf %s/stick %s/store && mkdir -p %s/stick/honorboard/clips && "
       "cp %s/clips/big.mp4 %s/stick/honorboard/clips/ && cp %s/max.yaml %s/stick/honorboard/",
       dir, dir, dir, dir, dir, dir, dir);
    rc = run("%s import %s/stick --store %s/store --config %s/small.yaml > %s/maximp.out 2>&1",
             bin(), dir, dir, dir, dir);
    out = out_of("maximp.out");
    char *report = NULL;
    char rp[256];
    snprintf(rp, sizeof rp, "%s/stick/honorboard/REPORT.txt", dir);
    report = slurp(rp);
    if (rc == 0 || !strstr(report, "video_max_size"))
        fail_msg("import took a film over the board's limit (%d):\n%s\n%s", rc, out, report);
    free(out), free(report);
    rc = run("%s import %s/stick --store %s/store > %s/maximp.out 2>&1", bin(), dir, dir, dir);
    assert_int_equal(rc, 0);
    char p[256], err[512];
    struct video_info in;
    clip(p, sizeof p, "big.mp4");
    /* the clip opened in this process: refused by its track's size before a frame is decoded */
    video_configure(&(struct video_settings){.max_w = 320, .max_h = 240});
    struct video_opts o = {.loops = 1};
    struct video *v = video_open(p, &o, 320, 180, err, sizeof err);
    if (v || !strstr(err, "video_max_size"))
        fail_msg("a 640x360 clip opened on a 320x240 board: %s", v ? "(opened)" : err);
    video_configure(&(struct video_settings){.max_w = 360, .max_h = 640});
    if (video_probe(p, &in, err, sizeof err) != 0) /* 640x360 within 360x640 turned */
        fail_msg("%s", err);
    video_configure(&(struct video_settings){0});
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

/* Pixels near (r, g, b) in the w x h rectangle at x, y of s. */
static long count_near(SDL_Surface *s, int x0, int y0, int w, int h, int r, int g, int b)
{
    long n = 0;
    for (int y = y0; y < y0 + h && y < s->h; y++)
        for (int x = x0; x < x0 + w && x < s->w; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            n += abs((int)((p >> 16) & 255) - r) + abs((int)((p >> 8) & 255) - g) +
                     abs((int)(p & 255) - b) <
                 40;
        }
    return n;
}

/* The tiles of a landscape sheet (pages.c: 400 wide, 16 apart, below a 48-pixel header when
 * there is one): the film badge (amber) on each film's tile and on no other; the red frame of
 * a warning around the 60 fps film's, not around the plain film's. */
static void expect_sheet_marks(const char *png, int top, const bool *film, const bool *warn, int n)
{
    SDL_Surface *s = load_png(png);
    for (int i = 0; i < n; i++) {
        int x = 16 + i * 416, y = top + 16;
        long badge = count_near(s, x + 8, y + 8, 60, 30, 255, 176, 0);
        long frame = count_near(s, x - 5, y + 40, 3, 100, 230, 40, 40);
        if ((badge > 300) != film[i] || (frame > 200) != warn[i])
            fail_msg("%s tile %d: %ld badge pixels, %ld of a red frame (film %d, warning %d)", png,
                     i + 1, badge, frame, film[i], warn[i]);
    }
    SDL_FreeSurface(s);
}

/* The preview sheet marks films: render's contact sheet and the 预览.png an import writes on
 * the stick, with a "▶ 视频" badge on each film's page and a warning on a 60 fps one. The
 * import's checker takes the interlaced and subtitled films too. Before, a film's poster was a
 * picture like any photo's. */
static void test_sheet_marks_films(void **state)
{
    (void)state;
    static const char playlist[] = "honorboard: 1\n"
                                   "slides:\n"
                                   "  - { type: text, title: 开始, text: 片子之前的一页。 }\n"
                                   "  - { type: video, video: clips/subzh.mp4 }\n"
                                   "  - { type: video, video: clips/f60.mp4 }\n"
                                   "  - { type: video, video: clips/i576.ts }\n"
                                   "  - { type: video, video: clips/subnone.mkv }\n";
    write_file("sheet.yaml", playlist);
    static const bool film[] = {false, true, true, true}, warn[] = {false, false, true, false};
    sh("rm -rf %s/sheetpng && %s render %s/sheet.yaml --out %s/sheetpng --sheet "
       "%s/sheetpng/sheet.png 2>/dev/null",
       dir, bin(), dir, dir, dir);
    char p[256];
    snprintf(p, sizeof p, "%s/sheetpng/sheet.png", dir);
    expect_sheet_marks(p, 0, film, warn, 4);
    sh("rm -rf %s/stick %s/store && mkdir -p %s/stick/honorboard && "
       "cp -r %s/clips %s/sheet.yaml %s/stick/honorboard/",
       dir, dir, dir, dir, dir, dir);
    int rc = run("%s import %s/stick --store %s/store > %s/import.out 2>&1", bin(), dir, dir, dir);
    char *out = out_of("import.out");
    if (rc != 0)
        fail_msg("import refused the films (%d):\n%s", rc, out);
    free(out);
    snprintf(p, sizeof p, "%s/stick/honorboard/预览.png", dir);
    expect_sheet_marks(p, 48, film, warn, 4);
    sh("cp %s /tmp/hb-look-sheet.png", p); /* to look at */
}

static bool have(const char *prog)
{
    return run("command -v %s >/dev/null 2>&1", prog) == 0;
}

/* The screen itself (play in a 640x360 window on an X server, a screenshot 2.5 s in): the
 * film's Chinese subtitle is on it, in the lower third of the film's box, and nowhere with
 * subtitles: false. */
static void test_subtitles_on_screen(void **state)
{
    (void)state;
    if (!have("Xvfb") || !have("xwininfo") || !have("import"))
        skip();
    write_file("on.yaml", "honorboard: 1\nslides:\n  - { type: video, video: clips/subzh.mp4 }\n");
    write_file("off.yaml", "honorboard: 1\nslides:\n"
                           "  - { type: video, video: clips/subzh.mp4, subtitles: false }\n");
    /* a display number no other server holds, as Xvfb finds it */
    sh("Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>%s/xvfb.num >/dev/null 2>&1 & "
       "echo $! > %s/xvfb.pid; for i in $(seq 1 50); do test -s %s/xvfb.num && break; sleep 0.1; "
       "done; sleep 0.3",
       dir, dir, dir);
    char *num = out_of("xvfb.num");
    int d = atoi(num);
    free(num);
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    const char *b = bin()[0] == '/' ? "" : cwd;
    static const char *const names[] = {"on", "off"};
    for (int k = 0; k < 2; k++)
        run("cd %s && (SDL_VIDEODRIVER=x11 DISPLAY=:%d %s/%s play %s.yaml --window=640x360 "
            "--log /dev/null --quit-after 4 2>/dev/null &) ; sleep 2.5; "
            "w=$(DISPLAY=:%d xwininfo -root -children | awk '/\"honorboard\"/{print $1; exit}'); "
            "DISPLAY=:%d import -window $w %s-shot.png; sleep 2",
            dir, d, b, bin(), names[k], d, d, names[k]);
    run("kill $(cat %s/xvfb.pid)", dir);
    for (int k = 0; k < 2; k++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s-shot.png", dir, names[k]);
        SDL_Surface *s = load_png(p);
        assert_int_equal(s->w, 640);
        long blue = count_near(s, 0, 0, s->w, s->h, 0x20, 0x40, 0x60);
        long low = count_near(s, 0, s->h * 2 / 3, s->w, s->h / 3, 255, 255, 255);
        long high = count_near(s, 0, 0, s->w, s->h * 2 / 3, 255, 255, 255);
        printf("%s: %ld film pixels, subtitle ink %ld below, %ld above\n", names[k], blue, low,
               high);
        if (blue < s->w * s->h / 2)
            fail_msg("%s: the film is not on the screen", p);
        if (k == 0 ? (low < 300 || high > 0) : (low > 0 || high > 0))
            fail_msg("%s: subtitle ink %ld in the lower third, %ld above", p, low, high);
        SDL_FreeSurface(s);
    }
    sh("cp %s/on-shot.png /tmp/hb-look-subtitle.png", dir); /* to look at */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        // clang-format off
        cmocka_unit_test(test_deinterlace),
        cmocka_unit_test(test_deinterlace_play),
        cmocka_unit_test(test_subtitles_drawn),
        cmocka_unit_test(test_subtitles_key),
        cmocka_unit_test(test_hwdec_setting),
        cmocka_unit_test(test_quiet_without_sound),
        cmocka_unit_test(test_max_size),
        cmocka_unit_test(test_sheet_marks_films),
        cmocka_unit_test(test_subtitles_on_screen),
        // clang-format on
    };
    return cmocka_run_group_tests(tests, make_clips, remove_clips);
}
