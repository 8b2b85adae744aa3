/* test_author.c - what the content author (a Chinese office worker with Notepad, WPS and a
 * phone) meets: text pasted from Word, rosters kept line by line, photos in CMYK, HEIC, WebP
 * and the kinds the board never shows, warnings about blurred photos and too little reading
 * time. Checked on the laid-out lines, the painted and decoded pixels, the messages in both
 * languages. Sample photos are made here with ImageMagick, heif-enc and cwebp. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <turbojpeg.h>

#include "cmd/check.h"
#include "model/content.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "base/i18n.h"
#include "picture/images.h"
#include "page/layout.h"
#include "picture/photoconv.h"
#include "model/playlist.h"
#include "base/util.h"

static struct fonts *fonts;

static int setup(void **state)
{
    (void)state;
    char err[256];
    fonts = fonts_create(NULL, err, sizeof err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fonts_destroy(fonts);
    return 0;
}

/* Pixels in the rectangle clearly unlike the background colour bg. */
static long ink_px(SDL_Surface *s, double x, double y, double w, double h, struct color bg)
{
    int x0 = (int)fmax(0, x), y0 = (int)fmax(0, y);
    int x1 = (int)fmin(s->w, x + w), y1 = (int)fmin(s->h, y + h);
    long hit = 0;
    const uint32_t *px = s->pixels;
    for (int yy = y0; yy < y1; yy++)
        for (int xx = x0; xx < x1; xx++) {
            uint32_t p = px[yy * (s->pitch / 4) + xx];
            int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            if (abs(r - bg.r) + abs(g - bg.g) + abs(b - bg.b) > 90)
                hit++;
        }
    return hit;
}

static const struct element *body_of(const struct slide_layout *l)
{
    for (size_t i = 0; i < l->pages[0].n; i++)
        if (l->pages[0].els[i].kind == EL_TEXT && strcmp(l->pages[0].els[i].role, "body") == 0)
            return &l->pages[0].els[i];
    return NULL;
}

/* Lays out the text slide (a `text` body) and checks every paragraph: `want` paragraphs, each
 * first line starting at `indent_em` em, painted with ink there and none in the indent. */
static void check_paragraphs(const char *yaml, int want, double indent_em, int w, int h)
{
    struct diag d = {0};
    struct playlist *pl = playlist_parse("pasted.yaml", yaml, strlen(yaml), &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%s\n", d.msgs[i].text);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], w, h, &env);
    const struct element *body = body_of(l);
    assert_non_null(body);
    const struct tl_result *r = body->tl;
    assert_int_equal(l->npages, 1);
    int paras = 0;
    char err[256];
    SDL_Surface *s = draw_page(l, 0, fonts, err, sizeof err);
    assert_non_null(s);
    for (size_t i = 0; i < r->nlines; i++) {
        const struct tl_line *ln = &r->lines[i];
        bool first = i == 0 || r->lines[i - 1].para != ln->para;
        if (!first)
            continue;
        assert_int_equal(ln->para, paras);
        paras++;
        /* indented exactly once: never the author's U+3000 on top of the standard indent */
        if (fabs(ln->x - indent_em * r->px) > 0.5 && ln->width < r->box_w - indent_em * r->px)
            fail_msg("paragraph %d starts at %.1f px, want %.1f (%.0f em at %.1f px)", paras, ln->x,
                     indent_em * r->px, indent_em, r->px);
        double y = body->y + ln->y;
        if (indent_em > 0) /* nothing painted in the indent */
            assert_int_equal(
                ink_px(s, body->x + 2, y, indent_em * r->px - 4, r->line_h, pl->theme.background),
                0);
        assert_true(ink_px(s, body->x + ln->x, y, r->px * 2, r->line_h, pl->theme.background) > 20);
    }
    assert_int_equal(paras, want);
    SDL_FreeSurface(s);
    layout_free(l);
    playlist_free(pl);
    diag_free(&d);
}

/* A story pasted from Word: one paragraph a line, each starting with two U+3000, no blank
 * lines. Every line is its own paragraph, indented once (2 em), at 1920x1080 and 1080x1920. */
static void test_word_pasted_story(void **state)
{
    (void)state;
    const char *yaml =
        "honorboard: 1\ntitle: 测试\nslides:\n  - type: text\n    title: 哪里需要，哪里就有老杨\n"
        "    text: |\n"
        "      　　民警杨建桥是二分监狱的一名普通民警，在后勤保障岗位上一干就是十年。\n"
        "      　　疏通管道、搬运水桶、维修设备，平日里办公室很少能看到老杨。\n"
        "      　　同事们都说：“哪里需要，哪里就有老杨。”\n"
        "        他总是笑笑说，这是分内的事。\n";
    check_paragraphs(yaml, 4, 2, 1920, 1080);
    check_paragraphs(yaml, 4, 2, 1080, 1920);
}

/* A duty roster with `lines: true`: each entry its own line, no indent, never run together. */
static void test_roster_lines(void **state)
{
    (void)state;
    const char *yaml =
        "honorboard: 1\ntitle: 测试\nslides:\n  - type: text\n    title: 本周值班表\n"
        "    lines: true\n"
        "    text: |\n"
        "      周一：张伟\n      周二：李娜\n      周三：王强\n      周四：赵敏\n"
        "      周五：刘洋\n";
    check_paragraphs(yaml, 5, 0, 1920, 1080);
    struct diag d = {0};
    struct playlist *pl = playlist_parse("roster.yaml", yaml, strlen(yaml), &d);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], 1920, 1080, &env);
    const struct element *body = body_of(l);
    assert_non_null(body);
    assert_int_equal(body->nlines, 5);
    assert_string_equal(body->lines[0].text, "周一：张伟");
    assert_string_equal(body->lines[4].text, "周五：刘洋");
    layout_free(l);
    playlist_free(pl);
    diag_free(&d);
}

/* `lines` takes true or false, nothing else. */
static void test_lines_value(void **state)
{
    (void)state;
    const char *yaml = "honorboard: 1\nslides:\n  - type: text\n    title: a\n    text: b\n"
                       "    lines: 是\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("l.yaml", yaml, strlen(yaml), &d);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.msgs[0].line, 6);
    assert_non_null(strstr(d.msgs[0].text, "'lines' is true"));
    playlist_free(pl);
    diag_free(&d);
}

/* ---- photos from phones and offices ----------------------------------------------------- */

#define P "build/test-author"

/* The colour at (x, y) of a decoded picture. */
static struct color at(SDL_Surface *s, int x, int y)
{
    uint32_t p = ((const uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
    return (struct color){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p, 255};
}

static void assert_close(struct color c, int r, int g, int b, const char *what)
{
    if (abs(c.r - r) > 24 || abs(c.g - g) > 24 || abs(c.b - b) > 24)
        fail_msg("%s: colour %d,%d,%d, want about %d,%d,%d", what, c.r, c.g, c.b, r, g, b);
}

/* A 400x300 test picture: red, with a green top-right quarter and a blue bottom-left one. */
static void make_source(void)
{
    sh("rm -rf " P " && mkdir -p " P
       "/photos && convert -size 400x300 xc:'#C01010' -fill '#10A010' "
       "-draw 'rectangle 200,0 400,150' -fill '#1030C0' -draw 'rectangle 0,150 200,300' PNG24:" P
       "/src.png"); /* PNG24: heif-enc 1.15 reads a palette PNG's colours wrongly */
}

static void assert_test_colours(SDL_Surface *s, const char *what)
{
    assert_non_null(s);
    assert_int_equal(s->w, 400);
    assert_int_equal(s->h, 300);
    assert_close(at(s, 60, 60), 0xC0, 0x10, 0x10, what);
    assert_close(at(s, 340, 60), 0x10, 0xA0, 0x10, what);
    assert_close(at(s, 60, 240), 0x10, 0x30, 0xC0, what);
}

/* CMYK JPEGs from print offices (ImageMagick writes them the Photoshop way, inverted, with the
 * Adobe marker) and YCCK ones (libjpeg's own CMYK encoding) show with their colours. */
static void test_cmyk_and_ycck_jpeg(void **state)
{
    (void)state;
    make_source();
    sh("convert " P "/src.png -colorspace CMYK -quality 95 " P "/photos/cmyk.jpg");
    sh("identify -format '%%[colorspace]' " P "/photos/cmyk.jpg | grep -q CMYK");
    char err[512];
    SDL_Surface *s = images_load(P "/photos/cmyk.jpg", err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    assert_test_colours(s, "CMYK JPEG");
    SDL_FreeSurface(s);
    /* the screen's path too: scaled decode */
    s = images_load_scaled(P "/photos/cmyk.jpg", 100, 75, err, sizeof err);
    assert_non_null(s);
    assert_close(at(s, s->w / 6, s->h / 5), 0xC0, 0x10, 0x10, "scaled CMYK JPEG");
    SDL_FreeSurface(s);

    /* YCCK: libturbojpeg encodes CMYK input as YCCK with the Adobe marker (inverted values) */
    SDL_Surface *src = images_load(P "/src.png", err, sizeof err);
    assert_non_null(src);
    unsigned char *cmyk = malloc((size_t)src->w * src->h * 4);
    for (int y = 0; y < src->h; y++)
        for (int x = 0; x < src->w; x++) {
            struct color c = at(src, x, y);
            int k = 255 - (c.r > c.g ? (c.r > c.b ? c.r : c.b) : (c.g > c.b ? c.g : c.b));
            unsigned char *p = cmyk + ((size_t)y * src->w + x) * 4;
            double kk = 255 - k; /* inverted (Adobe): 255 = no ink */
            p[0] = (unsigned char)(kk ? 255 - (kk - c.r) * 255 / kk : 255);
            p[1] = (unsigned char)(kk ? 255 - (kk - c.g) * 255 / kk : 255);
            p[2] = (unsigned char)(kk ? 255 - (kk - c.b) * 255 / kk : 255);
            p[3] = (unsigned char)(255 - k);
        }
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long len = 0;
    assert_int_equal(
        tjCompress2(tj, cmyk, src->w, src->w * 4, src->h, TJPF_CMYK, &jpg, &len, TJSAMP_444, 95, 0),
        0);
    FILE *f = fopen(P "/photos/ycck.jpg", "wb");
    fwrite(jpg, 1, len, f);
    fclose(f);
    tjFree(jpg);
    tjDestroy(tj);
    free(cmyk);
    SDL_FreeSurface(src);
    tjhandle td = tjInitDecompress();
    int w, h, sub, cs;
    char *buf = file_read_all(P "/photos/ycck.jpg", NULL);
    assert_int_equal(tjDecompressHeader3(td, (const unsigned char *)buf, len, &w, &h, &sub, &cs),
                     0);
    assert_int_equal(cs, TJCS_YCCK);
    tjDestroy(td);
    free(buf);
    s = images_load(P "/photos/ycck.jpg", err, sizeof err);
    assert_test_colours(s, "YCCK JPEG");
    SDL_FreeSurface(s);
    /* and check accepts both */
    sh("printf 'honorboard: 1\\nslides:\\n  - type: photo\\n    image: photos/cmyk.jpg\\n"
       "  - type: photo\\n    image: photos/ycck.jpg\\n' > " P "/cmyk.yaml");
    char *out = NULL;
    size_t olen = 0;
    FILE *o = open_memstream(&out, &olen);
    char cmyk_yaml[] = P "/cmyk.yaml";
    char *paths[] = {cmyk_yaml};
    assert_int_equal(check_paths(paths, 1, o), 0);
    fclose(o);
    free(out);
}

/* iPhone HEIC and WebP: accepted by check, refused by playback itself (JPEG and PNG only,
 * with a message saying so), turned into JPEG with the right colours on import. */
static void test_heic_and_webp(void **state)
{
    (void)state;
    make_source();
    sh("heif-enc -q 95 -o " P "/photos/a.heic " P "/src.png >/dev/null");
    sh("cwebp -quiet -q 95 " P "/src.png -o " P "/photos/b.webp");
    assert_int_equal(photoconv_sniff_file(P "/photos/a.heic"), PHOTO_HEIC);
    assert_int_equal(photoconv_sniff_file(P "/photos/b.webp"), PHOTO_WEBP);
    char err[512];
    int w = 0, h = 0;
    assert_int_equal(images_check(P "/photos/a.heic", &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 400);
    assert_int_equal(h, 300);
    assert_int_equal(images_check(P "/photos/b.webp", &w, &h, err, sizeof err), 0);
    i18n_set_language("en");
    /* on the author's PC: the JPEG an import makes of it (cached), never a blank */
    SDL_Surface *pc = images_load(P "/photos/a.heic", err, sizeof err);
    if (!pc)
        fail_msg("%s", err);
    assert_test_colours(pc, P "/photos/a.heic");
    SDL_FreeSurface(pc);

    sh("mkdir -p " P "/stick/honorboard && cp -r " P "/photos " P "/stick/honorboard/ && "
       "printf 'honorboard: 1\\ntitle: 手机照片\\nslides:\\n  - type: photo\\n    image: "
       "photos/a.heic\\n"
       "  - type: photo\\n    image: photos/b.webp\\n' > " P "/stick/honorboard/a.yaml");
    /* 400x300 shown full screen: blurred, as on the board (its size is known, as imported) */
    sh("%s check " P "/stick/honorboard 2>&1 | grep -q '0 errors, 2 warnings'", bin());
    sh("%s import " P "/stick --store " P "/store 2>/dev/null", bin());
    static const char *const stored[] = {P "/store/current/photos/a.heic",
                                         P "/store/current/photos/b.webp"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(photoconv_sniff_file(stored[i]), PHOTO_JPEG); /* converted, same name */
        SDL_Surface *s = images_load(stored[i], err, sizeof err);
        if (!s)
            fail_msg("%s", err);
        assert_test_colours(s, stored[i]);
        SDL_FreeSurface(s);
    }
    /* the stick itself is not changed */
    assert_int_equal(photoconv_sniff_file(P "/stick/honorboard/photos/a.heic"), PHOTO_HEIC);
}

/* Anything else gets a message naming the kind of file and how to save it as JPEG, at the
 * line of the key, in English and in Chinese. */
static void test_other_kinds_named(void **state)
{
    (void)state;
    make_source();
    sh("convert " P "/src.png " P "/photos/c.gif && convert " P "/src.png " P "/photos/d.bmp && "
       "printf 'honorboard: 1\\nslides:\\n  - type: photo\\n    image: photos/c.gif\\n"
       "  - type: photo\\n    image: photos/d.bmp\\n' > " P "/kinds.yaml");
    static const char *const want[][2] = {
        {"kinds.yaml:4:12: error: slide 1 (photo): image 'photos/c.gif' cannot be shown: "
         "'photos/c.gif' is a GIF picture, which the board does not show: open it and save it as "
         "JPEG",
         "kinds.yaml:4:12: 错误: 第1张（photo）：图片“photos/c.gif”无法显示：“photos/c.gif”是GIF "
         "图片，"
         "播放器不能显示：请打开它另存为 JPEG"},
        {"kinds.yaml:6:12: error: slide 2 (photo): image 'photos/d.bmp' cannot be shown: "
         "'photos/d.bmp' is a BMP picture",
         "kinds.yaml:6:12: 错误: 第2张（photo）：图片“photos/d.bmp”无法显示：“photos/d.bmp”是BMP "
         "图片"},
    };
    for (int lang = 0; lang < 2; lang++) {
        sh("cd " P " && LANG=%s %s/%s check kinds.yaml > kinds.out 2>&1; test $? = 1",
           lang ? "zh_CN.UTF-8" : "C.UTF-8", getenv("PWD"), bin());
        char *out = slurp(P "/kinds.out");
        for (int i = 0; i < 2; i++)
            if (!strstr(out, want[i][lang]))
                fail_msg("expected\n  %s\nin\n%s", want[i][lang], out);
        free(out);
    }
}

/* A 240x320 photo blown up full screen, and a long text given too little time: warnings (not
 * errors) at their lines, in both languages; the page is framed on the contact sheet. */
static void test_enlarged_photo_and_reading_time_warnings(void **state)
{
    (void)state;
    sh("rm -rf " P " && mkdir -p " P " && convert -size 240x320 xc:'#808080' " P "/small.jpg");
    struct strbuf b = {0};
    sb_puts(&b, "honorboard: 1\nslides:\n  - type: photo\n    image: small.jpg\n"
                "  - type: text\n    title: 长文\n    duration: 12s\n    text: ");
    for (int i = 0; i < 40; i++)
        sb_puts(&b, "民警杨建桥是二分监狱的一名普通民警。");
    sb_puts(&b, "\n");
    FILE *f = fopen(P "/warn.yaml", "w");
    fputs(b.s, f);
    fclose(f);
    sb_free(&b);
    static const char *const want[][3] = {
        {"warn.yaml:4:12: warning: slide 1: photo 'small.jpg' (240x320 pixels) is enlarged 8.0 "
         "times on a 1920x1080 screen and will look blurred",
         "warn.yaml:5:5: warning: slide 2: its text (720 characters) takes about 144 s to read, "
         "but its 2 page(s) show for 12 s in all (page ",
         "0 errors, 2 warnings"},
        {"warn.yaml:4:12: 警告: 第1张：照片“small.jpg”（240x320 像素）在 1920x1080 的屏幕上要放大 "
         "8.0 倍，会显得模糊",
         "warn.yaml:5:5: 警告: 第2张：正文有 720 个字，大约要 144 秒才能读完，但它的 2 "
         "页一共只显示 12 秒（第 ",
         "0 个错误，2 个警告"},
    };
    for (int lang = 0; lang < 2; lang++) {
        sh("cd " P " && LANG=%s %s/%s check warn.yaml > warn.out 2>&1",
           lang ? "zh_CN.UTF-8" : "C.UTF-8", getenv("PWD"), bin());
        char *out = slurp(P "/warn.out");
        for (int i = 0; i < 3; i++)
            if (!strstr(out, want[lang][i]))
                fail_msg("expected\n  %s\nin\n%s", want[lang][i], out);
        free(out);
    }
    /* the layout marks the page, so the contact sheet frames it */
    struct diag d = {0};
    struct playlist *pl = playlist_load(P "/warn.yaml", &d);
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, &pl->slides[0], 1920, 1080, &env);
    assert_true(l->pages[0].warning);
    assert_non_null(strstr(l->pages[0].warn_text, "enlarged"));
    layout_free(l);
    playlist_free(pl);
    diag_free(&d);
}

/* ---- the stick comes back with a preview ------------------------------------------------ */

#define S "build/test-author-stick"

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A stick with one playlist of `nslides` text slides (the first with a photo too small). */
static void make_stick(const char *dir, int nslides, const char *extra)
{
    sh("rm -rf %s %s-store* && mkdir -p %s/honorboard/photos && convert -size 240x320 "
       "xc:'#808080' %s/honorboard/photos/small.jpg",
       dir, dir, dir, dir);
    struct strbuf b = {0};
    sb_puts(
        &b,
        "honorboard: 1\ntitle: 预览测试\nslides:\n  - type: photo\n    image: photos/small.jpg\n");
    for (int i = 1; i < nslides; i++)
        sb_printf(&b, "  - type: text\n    title: 通知%d\n    text: 周五下午学习。\n", i);
    sb_puts(&b, extra ? extra : "");
    char *p = xasprintf("%s/honorboard/a.yaml", dir);
    write_text(p, b.s);
    free(p);
    sb_free(&b);
}

static SDL_Surface *load_png(const char *path)
{
    char err[512];
    SDL_Surface *s = images_load(path, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

/* Thumbnail geometry of a contact sheet for a W x H screen (as render's sheets lay it out). */
static void thumb_size(int W, int H, int *tw, int *th)
{
    *tw = W >= H ? 400 : 240;
    *th = (int)lround((double)*tw * H / W);
}

/* After an import the stick holds REPORT.txt and 预览.png: every page, at this screen's shape
 * (portrait here), the page with a warning framed red, the others not. */
static void test_stick_preview_after_import(void **state)
{
    (void)state;
    make_stick(S, 3, NULL);
    sh("%s import " S " --store " S "-store --size 1080x1920 2>/dev/null", bin());
    char *rep = slurp(S "/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "结果：已载入"));
    free(rep);
    SDL_Surface *sheet = load_png(S "/honorboard/预览.png");
    int tw, th;
    thumb_size(1080, 1920, &tw, &th);
    assert_int_equal(sheet->w, 3 * (tw + 16) + 16);     /* three pages side by side, portrait */
    assert_int_equal(sheet->h, 48 + th + 36 + 16 + 16); /* a header line, one row */
    struct color red = {230, 40, 40, 255};
    for (int i = 0; i < 3; i++) {
        int x = 16 + i * (tw + 16), y = 48 + 16;
        struct color frame = at(sheet, x - 3, y + th / 2); /* inside the 6-px frame */
        bool framed = abs(frame.r - red.r) < 30 && abs(frame.g - red.g) < 30;
        assert_true(framed == (i == 0)); /* only the enlarged photo's page */
        /* the page itself is drawn: the theme's red background with the header's ink */
        assert_true(ink_px(sheet, x, y, tw, th, (struct color){0x2A, 0x2A, 0x2E, 255}) >
                    (long)tw * th / 2);
    }
    SDL_FreeSurface(sheet);
}

/* A rejected stick still gets the preview of what could be read; a stick asking for a preview
 * only (只预览.txt) gets report and preview and the board keeps its content. */
static void test_stick_preview_rejected_and_preview_only(void **state)
{
    (void)state;
    make_stick(S, 2, "  - type: photo\n    image: photos/gone.jpg\n");
    sh("rm -f " S "/honorboard/预览.png; %s import " S " --store " S
       "-store2 2>/dev/null; test $? = 1",
       bin());
    char *rep = slurp(S "/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "a.yaml:10:12: 错误:")); /* the missing photo */
    free(rep);
    SDL_Surface *sheet = load_png(S "/honorboard/预览.png");
    int tw, th;
    thumb_size(1920, 1080, &tw, &th);
    assert_int_equal(sheet->w, 3 * (tw + 16) + 16); /* the two good slides and the placeholder */
    SDL_FreeSurface(sheet);

    make_stick(S, 2, NULL);
    sh("rm -rf build/test-author-keep && %s import " S
       " --store build/test-author-keep 2>/dev/null",
       bin());
    char *before = realpath("build/test-author-keep/current", NULL);
    assert_non_null(before);
    make_stick(S, 4, NULL); /* new content, but only a preview is asked for */
    write_text(S "/honorboard/只预览.txt", "");
    sh("%s import " S " --store build/test-author-keep 2>" S "-said.txt; test $? = 0", bin());
    char *after = realpath("build/test-author-keep/current", NULL);
    assert_string_equal(before, after);
    /* said as a preview only, nothing loaded on purpose: never "the same content" (the stick
     * differs from the board's) */
    char *said = slurp(S "-said.txt");
    assert_non_null(strstr(said, "honorboard import: preview: "));
    assert_null(strstr(said, "unchanged"));
    free(said);
    rep = slurp(S "/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "结果：只预览，未载入"));
    assert_non_null(strstr(rep, "内容未载入，继续播放原有内容"));
    assert_null(strstr(rep, "内容相同"));
    free(rep);
    sheet = load_png(S "/honorboard/预览.png");
    assert_int_equal(sheet->w, 4 * (tw + 16) + 16); /* the stick's four pages */
    SDL_FreeSurface(sheet);
    free(before);
    free(after);
}

/* More pages than one sheet holds: 预览-2.png; a later, shorter preview removes it. */
static void test_stick_preview_several_sheets(void **state)
{
    (void)state;
    make_stick(S, 23, NULL);
    sh("%s import " S " --store " S "-store4 2>/dev/null", bin());
    assert_true(path_is_file(S "/honorboard/预览.png"));
    assert_true(path_is_file(S "/honorboard/预览-2.png"));
    SDL_Surface *second = load_png(S "/honorboard/预览-2.png");
    int tw, th;
    thumb_size(1920, 1080, &tw, &th);
    assert_int_equal(second->w, 3 * (tw + 16) + 16); /* 23 = 20 + 3 */
    SDL_FreeSurface(second);
    make_stick(S "-b", 2, NULL);
    sh("cp " S "/honorboard/预览*.png " S "-b/honorboard/ && %s import " S "-b --store " S
       "-store4 2>/dev/null",
       bin());
    assert_true(path_is_file(S "-b/honorboard/预览.png"));
    assert_false(path_is_file(S "-b/honorboard/预览-2.png"));
}

/* Every message wrapped for translation in the sources has its Chinese in assets/po/zh_CN.po
 * (extracted afresh here, so a new English message without Chinese fails). */
static void test_every_message_translated(void **state)
{
    (void)state;
    sh("mkdir -p build/test-author-po && xgettext --from-code=UTF-8 -k_ -kN_ "
       "-ki18n_ngettext:1,2 -o build/test-author-po/fresh.pot src/*/*.c && "
       "msgmerge -q assets/po/zh_CN.po build/test-author-po/fresh.pot "
       "-o build/test-author-po/merged.po && "
       "msgfmt --check --statistics -o /dev/null build/test-author-po/merged.po "
       "> build/test-author-po/stats 2>&1");
    char *stats = slurp("build/test-author-po/stats");
    if (strstr(stats, "untranslated") || strstr(stats, "fuzzy") || !strstr(stats, "translated"))
        fail_msg("messages without Chinese (run 'make po' and translate): %s", stats);
    free(stats);
}

/* ---- live preview while editing ---------------------------------------------------------- */

#define L "build/test-author-live"

static void save_playlist(const char *second_title, bool broken)
{
    /* as an editor saves: a new file renamed over the old one */
    FILE *f = fopen(L "/a.yaml.new", "w");
    assert_non_null(f);
    fprintf(f,
            "honorboard: 1\ntitle: 直播\nslides:\n"
            "  - type: text\n    title: 第一张\n    text: 一\n    duration: 1s\n"
            "  - type: text\n    title%s %s\n    text: 二\n    duration: 60s\n"
            "  - type: text\n    title: 第三张\n    text: 三\n",
            broken ? "：" : ":", second_title);
    fclose(f);
    assert_int_equal(rename(L "/a.yaml.new", L "/a.yaml"), 0);
}

/* The text of the log from the n-th (1-based) reload on. Caller frees. */
static char *after_reload(int n)
{
    char *log = slurp(L "/play.jsonl");
    char *p = log;
    for (int i = 0; i < n && p; i++) {
        p = strstr(p, "\"event\":\"reload\"");
        if (p)
            p++;
    }
    char *out = xstrdup(p ? p : "");
    free(log);
    return out;
}

/* Waits until the status file says slide `slide` titled `title` (or of type `type`) is on
 * screen. (The log's slide lines come when a page leaves the screen.) */
static void wait_on_screen(int slide, const char *title, const char *type)
{
    char want_slide[32], want_title[128], want_type[64];
    snprintf(want_slide, sizeof want_slide, "\"slide\": %d,", slide);
    snprintf(want_title, sizeof want_title, "\"title\": \"%s\"", title ? title : "");
    snprintf(want_type, sizeof want_type, "\"type\": \"%s\"", type ? type : "");
    double end = now_seconds() + 20;
    while (now_seconds() < end) {
        char *st = slurp("build/test-author-live-status.json");
        bool yes = (type ? strstr(st, want_type) != NULL
                         : strstr(st, want_slide) && strstr(st, want_title));
        free(st);
        if (yes)
            return;
        usleep(100000);
    }
    char *st = slurp("build/test-author-live-status.json");
    fail_msg("slide %d '%s' (%s) not on screen within 20 s:\n%s", slide, title ? title : "",
             type ? type : "", st);
}

/* `play FOLDER --window` with the dummy video driver: the whole player, headless. Saving the
 * playlist while slide 2 is up shows the new slide 2 at once (not slide 1, not at the next
 * boundary); saving a slip shows the error card; fixing it comes back to slide 2. */
static void test_live_preview_reloads_in_place(void **state)
{
    (void)state;
    sh("rm -rf " L " build/test-author-live-status.json && mkdir -p " L);
    save_playlist("第二张", false);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", L, "--window=320x180", "--log", L "/play.jsonl", "--status",
              "build/test-author-live-status.json", "--quit-after", "60", (char *)NULL);
        _exit(127);
    }
    wait_on_screen(2, "第二张", NULL);
    save_playlist("改过的第二张", false);
    wait_on_screen(2, "改过的第二张", NULL);
    /* the edited slide came at once: no other page went up and left since the reload */
    char *tail = after_reload(1);
    assert_null(strstr(tail, "\"slide\":1,"));
    assert_null(strstr(tail, "\"slide\":3,"));
    free(tail);

    save_playlist("坏了", true); /* a full-width colon: the card with its line */
    wait_on_screen(0, NULL, "card");
    save_playlist("修好了", false);
    wait_on_screen(2, "修好了", NULL);
    tail = after_reload(3);
    assert_null(strstr(tail, "\"slide\":1,"));
    assert_null(strstr(tail, "\"slide\":3,"));
    free(tail);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* The card of a broken playlist lists its errors with file:line:col; the nearest slide after a
 * reload is the same slide, else the one before it, else the playlist's first item. */
static void test_card_and_nearest(void **state)
{
    (void)state;
    sh("rm -rf " L "2 && mkdir -p " L "2");
    FILE *f = fopen(L "2/a.yaml", "w");
    fputs("honorboard: 1\nslides:\n  - type: text\n    title：一\n    text: 一\n"
          "  - type: story\n    nmae: 张三\n",
          f);
    fclose(f);
    i18n_set_language("zh");
    struct diag d = {0};
    struct content *c = content_load(L "2", &d);
    i18n_set_language("en");
    assert_int_equal(c->nitems, 1);
    assert_int_equal(c->items[0].slide, -1);
    assert_non_null(strstr(c->items[0].card_message, "a.yaml:4:10: 错误: “title”后面用了全角冒号"));
    content_unref(c);
    diag_free(&d);
    f = fopen(L "2/a.yaml", "w");
    fputs("honorboard: 1\nslides:\n  - type: text\n    title: 一\n    text: 一\n"
          "  - type: text\n    title: 三\n    text: 三\n",
          f);
    fclose(f);
    c = content_load(L "2", &d);
    assert_int_equal(content_nearest(c, L "2/a.yaml", 1), 1);
    assert_int_equal(content_nearest(c, L "2/a.yaml", 5), 1); /* slides 3-6 were deleted */
    assert_int_equal(content_nearest(c, L "2/a.yaml", 0), 0);
    assert_int_equal(content_nearest(c, L "2/other.yaml", 1), 0);
    content_unref(c);
    diag_free(&d);
}

/* ---- a start for a new author ------------------------------------------------------------ */

/* `init DIR` writes a template with one slide of each type and every optional key (in a
 * comment), and the photos it names; `check` passes it as written, with no warning; a second
 * `init` changes nothing. */
static void test_init_template(void **state)
{
    (void)state;
    sh("rm -rf build/test-author-init && %s init build/test-author-init > /dev/null", bin());
    sh("%s check build/test-author-init > build/test-author-init.out 2>&1", bin());
    char *out = slurp("build/test-author-init.out");
    assert_non_null(strstr(out, "1 playlist, 11 slides: 0 errors, 0 warnings"));
    free(out);
    char *yaml = slurp("build/test-author-init/01-光荣榜.yaml");
    static const char *const types[] = {"type: story",     "type: photo",   "type: text",
                                        "type: roll",      "type: banner",  "type: wall",
                                        "type: notice",    "type: couplet", "type: gallery",
                                        "type: countdown", "type: calendar"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        assert_non_null(strstr(yaml, types[i]));
    /* every key of the format, most of them in comments */
    static const char *const keys[] = {"honorboard:", "title:",
                                       "subtitle:",   "ticker:",
                                       "theme:",      "background:",
                                       "accent:",     "text:",
                                       "font:",       "emblem:",
                                       "defaults:",   "duration:",
                                       "transition:", "transition_duration:",
                                       "schedule:",   "from:",
                                       "until:",      "days:",
                                       "hours:",      "slides:",
                                       "name:",       "unit:",
                                       "honor:",      "photo:",
                                       "focus:",      "align:",
                                       "lines:",      "image:",
                                       "caption:",    "fit:",
                                       "people:",     "columns:",
                                       "per_page:",   "number:",
                                       "to:",         "attachments:",
                                       "sign:",       "date:",
                                       "qr:",         "qr_label:",
                                       "design:",     "speed:",
                                       "photos:",     "lunar:"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (!strstr(yaml, keys[i]))
            fail_msg("the template does not show '%s'", keys[i]);
    assert_int_not_equal(run("%s init build/test-author-init 2>/dev/null", bin()), 0);
    char *again = slurp("build/test-author-init/01-光荣榜.yaml");
    assert_string_equal(yaml, again);
    free(again);
    free(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_pasted_story),
        cmocka_unit_test(test_roster_lines),
        cmocka_unit_test(test_lines_value),
        cmocka_unit_test(test_cmyk_and_ycck_jpeg),
        cmocka_unit_test(test_heic_and_webp),
        cmocka_unit_test(test_other_kinds_named),
        cmocka_unit_test(test_enlarged_photo_and_reading_time_warnings),
        cmocka_unit_test(test_stick_preview_after_import),
        cmocka_unit_test(test_stick_preview_rejected_and_preview_only),
        cmocka_unit_test(test_stick_preview_several_sheets),
        cmocka_unit_test(test_every_message_translated),
        cmocka_unit_test(test_live_preview_reloads_in_place),
        cmocka_unit_test(test_card_and_nearest),
        cmocka_unit_test(test_init_template),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
