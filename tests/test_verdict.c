/* test_verdict.c - one verdict everywhere (issue 26): `check`, `render`, REPORT.txt and the
 * stick's 预览.png say the same thing about the same content. What the author cannot act on (a
 * long story set at the smallest size over several pages) is no warning anywhere: no red frame,
 * no "警告" line; what she can act on (a photo blown up) is a warning everywhere, with its
 * line:col. Checked on the bytes of REPORT.txt, the pixels of 预览.png and render's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cmd/stickpreview.h"
#include "page/approval.h"
#include "picture/images.h"

#define S "build/test-verdict"

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* A story of 14 paragraphs (about 1,000 characters: the smallest size, three pages) and, when
 * blurred, a photo slide of a 240x320 photo shown full screen. */
static void make_stick(bool blurred)
{
    sh("rm -rf " S " " S "-store " S "-r && mkdir -p " S "/honorboard && convert -size 240x320 "
       "xc:'#808080' " S "/honorboard/small.jpg");
    struct strbuf b = {0};
    sb_puts(&b, "honorboard: 1\ntitle: 先进事迹\nslides:\n  - type: text\n    title: 哪里需要\n"
                "    duration: auto\n    text: |\n");
    for (int i = 0; i < 14; i++) {
        sb_puts(&b, "      ");
        for (int k = 0; k < 6; k++)
            sb_puts(&b, "民警杨建桥在后勤一干十年");
        sb_puts(&b, "\n");
    }
    if (blurred)
        sb_puts(&b, "  - type: photo\n    image: small.jpg\n");
    write_text(S "/honorboard/a.yaml", b.s);
    sb_free(&b);
}

/* Tile i of a landscape 1920x1080 sheet (pages.c's geometry): framed red? */
static bool framed(SDL_Surface *sheet, int i)
{
    int tw = 400, th = 225, x = 16 + (i % 4) * (tw + 16), y = 48 + 16 + (i / 4) * (th + 36 + 16);
    const uint32_t *px = sheet->pixels;
    uint32_t p = px[(y + th / 2) * (sheet->pitch / 4) + x - 3];
    int r = (p >> 16) & 255, g = (p >> 8) & 255;
    return abs(r - 230) < 30 && abs(g - 40) < 30;
}

static SDL_Surface *load_png(const char *path)
{
    char err[512];
    SDL_Surface *s = images_load(path, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

/* A long story: REPORT.txt says 0 warnings, and 预览.png frames none of its three pages;
 * `render` says no warning either. */
static void test_smallest_size_is_no_warning(void **state)
{
    (void)state;
    make_stick(false);
    sh("LANG=zh_CN.UTF-8 %s import " S " --store " S "-store >/dev/null 2>&1", bin());
    char *rep = slurp(S "/honorboard/REPORT.txt");
    if (!strstr(rep, "警告：0 个"))
        fail_msg("REPORT.txt:\n%s", rep);
    free(rep);
    SDL_Surface *sheet = load_png(S "/honorboard/预览.png");
    assert_int_equal(sheet->w, 3 * (400 + 16) + 16); /* three pages */
    for (int i = 0; i < 3; i++)
        if (framed(sheet, i))
            fail_msg("page %d is framed red, but REPORT.txt has no warning", i + 1);
    SDL_FreeSurface(sheet);
    sh("LANG=zh_CN.UTF-8 %s render " S "/honorboard --out " S "-r > " S "-r.txt 2>&1", bin());
    char *said = slurp(S "-r.txt");
    if (strstr(said, "警告"))
        fail_msg("render warns where check does not:\n%s", said);
    free(said);
}

/* A blurred photo: a warning in REPORT.txt, `check` and `render` alike, with its line:col, and
 * its page framed on 预览.png. */
static void test_blurred_photo_warned_everywhere(void **state)
{
    (void)state;
    make_stick(true);
    const char *want = "a.yaml:23:12: 警告: 第2张：照片“small.jpg”（240x320 像素）";
    sh("LANG=zh_CN.UTF-8 %s import " S " --store " S "-store > " S "-n.txt 2>&1", bin());
    char *notice = slurp(S "-n.txt"); /* the board's notice says so too */
    if (!strstr(notice, "已载入新内容") || !strstr(notice, "1 个警告，见U盘上的 REPORT.txt"))
        fail_msg("notice: %s", notice);
    free(notice);
    char *rep = slurp(S "/honorboard/REPORT.txt");
    if (!strstr(rep, "警告：1 个") || !strstr(rep, want))
        fail_msg("REPORT.txt:\n%s", rep);
    free(rep);
    run("LANG=zh_CN.UTF-8 %s check " S "/honorboard > " S "-c.txt 2>&1", bin());
    char *chk = slurp(S "-c.txt");
    if (!strstr(chk, want) || count_str(chk, "警告:") != 1)
        fail_msg("check:\n%s", chk);
    free(chk);
    run("LANG=zh_CN.UTF-8 %s render " S "/honorboard --out " S "-r > " S "-r.txt 2>&1", bin());
    char *said = slurp(S "-r.txt");
    if (!strstr(said, want) || count_str(said, "警告") != 1)
        fail_msg("render:\n%s", said);
    free(said);
    SDL_Surface *sheet = load_png(S "/honorboard/预览.png");
    for (int i = 0; i < 4; i++)
        assert_true(framed(sheet, i) == (i == 3)); /* only the photo's page */
    SDL_FreeSurface(sheet);
}

/* A reading-time warning (a slide shown too briefly for its text) is one the author can act on
 * (its duration): REPORT.txt lists it, and 预览.png frames that slide's pages as it frames a
 * blurred photo's - it framed none. */
static void test_reading_time_framed_on_the_sheet(void **state)
{
    (void)state;
    sh("rm -rf " S "-rt " S "-rt-store && mkdir -p " S "-rt/honorboard");
    struct strbuf b = {0};
    sb_puts(&b, "honorboard: 1\ntitle: 先进事迹\nslides:\n  - type: text\n    title: 哪里需要\n"
                "    duration: 5s\n    text: |\n      ");
    for (int k = 0; k < 12; k++)
        sb_puts(&b, "民警杨建桥在后勤一干十年");
    sb_puts(&b, "\n  - { type: text, title: 通知, text: 明天开会。 }\n");
    write_text(S "-rt/honorboard/a.yaml", b.s);
    sb_free(&b);
    sh("LANG=zh_CN.UTF-8 %s import " S "-rt --store " S "-rt-store >/dev/null 2>&1", bin());
    char *rep = slurp(S "-rt/honorboard/REPORT.txt");
    if (!strstr(rep, "警告：1 个") || !strstr(rep, "a.yaml:4:5: 警告: 第1张"))
        fail_msg("REPORT.txt:\n%s", rep);
    free(rep);
    SDL_Surface *sheet = load_png(S "-rt/honorboard/预览.png");
    assert_true(framed(sheet, 0));  /* the story read too fast */
    assert_false(framed(sheet, 1)); /* the short notice */
    SDL_FreeSurface(sheet);
}

/* The preview for approval (送审), asked with 只预览.txt: a cover (A4 at 150 dpi) listing the
 * playlist, each slide with the seconds of each page as the board plays them and every warning
 * REPORT.txt lists; then one image per page at the screen's size, where the body text printed
 * across A4 (277 mm) is at least 10 pt. */
static void test_approval_preview(void **state)
{
    (void)state;
    make_stick(true);
    write_text(S "/honorboard/只预览.txt", "");
    sh("LANG=zh_CN.UTF-8 %s import " S " --store " S "-store >/dev/null 2>&1", bin());
    SDL_Surface *cover = load_png(S "/honorboard/送审/00-封面.png");
    assert_int_equal(cover->w, 1240);
    assert_int_equal(cover->h, 1754);
    SDL_FreeSurface(cover);
    static const char *const pages[] = {"slide-001-p1.png", "slide-001-p2.png", "slide-001-p3.png",
                                        "slide-002.png"};
    for (size_t i = 0; i < 4; i++) {
        char *p = xasprintf(S "/honorboard/送审/%s", pages[i]);
        SDL_Surface *pg = load_png(p);
        assert_int_equal(pg->w, 1920);
        assert_int_equal(pg->h, 1080);
        SDL_FreeSurface(pg);
        free(p);
    }
    /* the body's size on those pages, printed 277 mm wide */
    sh("%s render " S "/honorboard --out " S "-r --layout-json " S "-r/l.json >/dev/null 2>&1",
       bin());
    char *js = slurp(S "-r/l.json");
    const char *body = strstr(js, "\"role\":\"body\"");
    assert_non_null(body);
    const char *fp = strstr(body, "\"font_px\":");
    assert_non_null(fp);
    double px = atof(fp + strlen("\"font_px\":"));
    double pt = px * 277.0 / 1920 / 25.4 * 72;
    print_message("body %.0f px: %.1f pt on A4\n", px, pt);
    assert_true(pt >= 10);
    free(js);

    i18n_set_language("zh");
    struct diag d = {0};
    diag_add(&d, DIAG_WARNING, S "/honorboard/a.yaml", 23, 12, "照片放大了");
    char *text = approval_cover_text(S "/honorboard", 1920, 1080, "送审", &d);
    i18n_set_language("en");
    static const char *const want[] = {"送审\n",
                                       "播放单 1 个，幻灯片 2 张，共 4 页",
                                       "错误：0 个，警告：1 个",
                                       "a.yaml（先进事迹）",
                                       "第1张（文字）哪里需要：3 页，",
                                       " 秒 + ",
                                       "第2张（照片）",
                                       "a.yaml:23:12: 警告: 照片放大了"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i]))
            fail_msg("want \"%s\" on the cover:\n%s", want[i], text);
    free(text);
    diag_free(&d);
}

/* On the approval cover a slide known only by its kind (a banner, a couplet) is named by the
 * start of its words, never by the English kind ("第1张（横幅）banner"). */
static void test_cover_names_signs_by_their_words(void **state)
{
    (void)state;
    sh("rm -rf " S "-sign && mkdir -p " S "-sign/honorboard");
    write_text(S "-sign/honorboard/a.yaml",
               "honorboard: 1\ntitle: 标语\nslides:\n  - { type: banner, text: 欢迎莅临指导 }\n"
               "  - type: couplet\n    text: |\n      春回大地千山秀\n      日照神州万木荣\n");
    i18n_set_language("zh");
    struct diag d = {0};
    char *text = approval_cover_text(S "-sign/honorboard", 1920, 1080, "送审", &d);
    i18n_set_language("en");
    if (!strstr(text, "第1张（横幅）欢迎莅临指导：") ||
        !strstr(text, "（对联）春回大地千山秀…：") || strstr(text, "banner") ||
        strstr(text, "couplet"))
        fail_msg("the cover names the signs so:\n%s", text);
    free(text);
    diag_free(&d);
}

/* Her PC shows what the board shows: a HEIC and a WebP photo rendered from the stick's folder
 * give the very pixels the board shows after the import converted them to JPEG (render of the
 * stored bundle), not the "照片缺失" placeholder or a skipped slide. */
static void test_heic_webp_as_imported(void **state)
{
    (void)state;
    sh("rm -rf " S "-h && mkdir -p " S "-h/stick/honorboard/photos && "
       "convert -size 400x300 gradient:red-blue " S "-h/src.png && "
       "heif-enc -q 90 -o " S "-h/stick/honorboard/photos/a.heic " S "-h/src.png >/dev/null && "
       "cwebp -quiet -q 90 " S "-h/src.png -o " S "-h/stick/honorboard/photos/b.webp");
    write_text(
        S "-h/stick/honorboard/a.yaml",
        "honorboard: 1\ntitle: 手机照片\nslides:\n  - type: photo\n    image: photos/a.heic\n"
        "  - type: story\n    name: 余程\n    photo: photos/b.webp\n    text: 好\n");
    int rc = run("LANG=zh_CN.UTF-8 %s render " S "-h/stick/honorboard --out " S "-h/pc > " S
                 "-h/pc.txt 2>&1",
                 bin());
    char *said = slurp(S "-h/pc.txt");
    if (rc != 0)
        fail_msg("render on her PC:\n%s", said);
    free(said);
    sh("%s import " S "-h/stick --store " S "-h/store >/dev/null 2>&1", bin());
    sh("%s render " S "-h/store/current --out " S "-h/board >/dev/null 2>&1", bin());
    sh("cmp " S "-h/pc/slide-001.png " S "-h/board/slide-001.png");
    sh("cmp " S "-h/pc/slide-002.png " S "-h/board/slide-002.png");
    /* a photo that is not there: render's line in Chinese, at its line:col */
    write_text(S "-h/stick/honorboard/a.yaml",
               "honorboard: 1\ntitle: 手机照片\nslides:\n  - type: photo\n    image: photos/c.jpg\n"
               "  - type: text\n    title: 通知\n    text: 好\n");
    run("LANG=zh_CN.UTF-8 %s render " S "-h/stick/honorboard --out " S "-h/pc > " S
        "-h/pc.txt 2>&1",
        bin());
    said = slurp(S "-h/pc.txt");
    if (!strstr(said,
                "a.yaml:5:12: 第1张：图片“photos/c.jpg”无法显示：屏幕上跳过这一张，所以没有 PNG"))
        fail_msg("render's skip line:\n%s", said);
    free(said);
}

/* A rejected import's 预览.png has a tile for the playlist that failed - the board's own error
 * card, framed red - beside the pages of the one that can be read. */
static void test_rejected_preview_names_failed_playlist(void **state)
{
    (void)state;
    sh("rm -rf " S "-x " S "-x-store && mkdir -p " S "-x/honorboard");
    write_text(S "-x/honorboard/a.yaml", "honorboard: 1\ntitle: 通知\nslides:\n  - type: text\n"
                                         "    title: 一\n    text: 好\n  - type: text\n"
                                         "    title: 二\n    text: 好\n");
    write_text(S "-x/honorboard/b.yaml", "honorboard: 1\ntitle: 先进\nslides:\n  - type: story\n"
                                         "    name：徐国强\n    text: 好\n");
    int rc = run("%s import " S "-x --store " S "-x-store >/dev/null 2>&1", bin());
    assert_int_equal(rc, 1);
    SDL_Surface *sheet = load_png(S "-x/honorboard/预览.png");
    assert_int_equal(sheet->w, 3 * (400 + 16) + 16); /* two pages and the failed playlist */
    assert_false(framed(sheet, 0));
    assert_false(framed(sheet, 1));
    assert_true(framed(sheet, 2));
    SDL_FreeSurface(sheet);
}

/* A portrait board: the warnings REPORT.txt lists are those of its own screen, as its preview
 * frames them: a 1280x960 photo fills a 1920x1080 screen at 1.5x (fine) but a 1080x1920 one at
 * 2x (blurred). */
static void test_portrait_board_one_verdict(void **state)
{
    (void)state;
    sh("rm -rf " S "-p " S "-p-store && mkdir -p " S "-p/honorboard && convert -size 1280x960 "
       "gradient:red-blue " S "-p/honorboard/mid.jpg");
    write_text(S "-p/honorboard/a.yaml", "honorboard: 1\ntitle: 竖屏\nslides:\n  - type: photo\n"
                                         "    image: mid.jpg\n  - type: text\n    title: 通知\n"
                                         "    text: 好\n");
    sh("LANG=zh_CN.UTF-8 %s import " S "-p --store " S "-p-store --size 1080x1920 >/dev/null 2>&1",
       bin());
    char *rep = slurp(S "-p/honorboard/REPORT.txt");
    if (!strstr(rep, "警告：1 个") || !strstr(rep, "在 1080x1920 的屏幕上要放大"))
        fail_msg("REPORT.txt of a portrait board:\n%s", rep);
    free(rep);
    /* check at her desk, told the board's screen, says the same */
    run("LANG=zh_CN.UTF-8 %s check --size 1080x1920 " S "-p/honorboard > " S "-p.txt 2>&1", bin());
    char *chk = slurp(S "-p.txt");
    if (!strstr(chk, "在 1080x1920 的屏幕上要放大") || !strstr(chk, "1 个警告"))
        fail_msg("check --size 1080x1920:\n%s", chk);
    free(chk);
    SDL_Surface *sheet = load_png(S "-p/honorboard/预览.png");
    int tw = 240, th = 427, x = 16, y = 48 + 16;
    const uint32_t *px = sheet->pixels;
    uint32_t p = px[(y + th / 2) * (sheet->pitch / 4) + x - 3];
    assert_true(abs((int)((p >> 16) & 255) - 230) < 30); /* the photo's page is framed */
    (void)tw;
    SDL_FreeSurface(sheet);
}

/* `import --config` of a board turned on its side (rotate: 90 or 270) and no --size: the
 * preview and the warnings are the portrait screen's, as the board's own import makes them
 * (it said landscape: a 1680-wide sheet and the 1920x1080 warnings); --size still wins. */
static void test_import_config_rotate_is_portrait(void **state)
{
    (void)state;
    static const char *const turns[] = {"90", "270"};
    for (int i = 0; i < 2; i++) {
        sh("rm -rf " S "-r " S "-r-store && mkdir -p " S "-r/honorboard && convert -size 1280x960 "
           "gradient:red-blue " S "-r/honorboard/mid.jpg");
        write_text(S "-r/honorboard/a.yaml", "honorboard: 1\ntitle: 竖屏\nslides:\n  - type: "
                                             "photo\n    image: mid.jpg\n  - type: text\n    "
                                             "title: 通知\n    text: 好\n");
        char *cfg = xasprintf("rotate: %s\nstore: " S "-r-store\n", turns[i]);
        write_text(S "-r.yaml", cfg);
        free(cfg);
        sh("LANG=zh_CN.UTF-8 %s import " S "-r --config " S "-r.yaml >/dev/null 2>&1", bin());
        char *rep = slurp(S "-r/honorboard/REPORT.txt");
        if (!strstr(rep, "警告：1 个") || !strstr(rep, "在 1080x1920 的屏幕上要放大"))
            fail_msg("REPORT.txt of import --config (rotate: %s):\n%s", turns[i], rep);
        free(rep);
        SDL_Surface *sheet = load_png(S "-r/honorboard/预览.png");
        assert_int_equal(sheet->w, 2 * (240 + 16) + 16); /* two portrait pages side by side */
        SDL_FreeSurface(sheet);
    }
    sh("LANG=zh_CN.UTF-8 %s import " S "-r --config " S "-r.yaml --size 1920x1080 >/dev/null "
       "2>&1",
       bin());
    SDL_Surface *sheet = load_png(S "-r/honorboard/预览.png");
    assert_int_equal(sheet->w, 2 * (400 + 16) + 16); /* told the screen: landscape */
    SDL_FreeSurface(sheet);
}

/* The preview is drawn by a confined process told only the outcome: its header still names
 * the content by its title, not "honorboard". */
static void test_preview_header_names_title(void **state)
{
    (void)state;
    make_stick(false);
    struct store_result res = {.outcome = STORE_REJECTED};
    char *h = stickpreview_header(S "/honorboard", S "/honorboard", &res, 1920, 1080);
    if (strncmp(h, "先进事迹 · ", strlen("先进事迹 · ")) != 0)
        fail_msg("header: %s", h);
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reading_time_framed_on_the_sheet),
        cmocka_unit_test(test_cover_names_signs_by_their_words),
        cmocka_unit_test(test_smallest_size_is_no_warning),
        cmocka_unit_test(test_blurred_photo_warned_everywhere),
        cmocka_unit_test(test_approval_preview),
        cmocka_unit_test(test_heic_webp_as_imported),
        cmocka_unit_test(test_rejected_preview_names_failed_playlist),
        cmocka_unit_test(test_portrait_board_one_verdict),
        cmocka_unit_test(test_import_config_rotate_is_portrait),
        cmocka_unit_test(test_preview_header_names_title),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
