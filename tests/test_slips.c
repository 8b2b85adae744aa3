/* test_slips.c - the slips between the author's Windows PC and the lobby (issue 26): names
 * Windows shows without their endings (01-先进事迹.yaml.txt, 照片.jpg.jpg), .jpeg for .jpg,
 * full-width ／ and ． in paths, the litter Windows, WPS and macOS leave on a stick (~$ lock
 * files, Thumbs.db, desktop.ini, ._*, .DS_Store), and an import that would empty most of the
 * board. Each is taken when unambiguous or named with its exact fix, by `check` and by an
 * import's REPORT.txt, in Chinese. Driven through ./honorboard as the author meets it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "model/playlist.h"
#include "text/punct.h"

#define D "build/test-slips"

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* A playlist of n text slides, and photo slides naming each of photos[] (NULL-terminated). */
static char *playlist_text(int n, const char *const *photos)
{
    struct strbuf b = {0};
    sb_puts(&b, "honorboard: 1\ntitle: 测试\nslides:\n");
    for (int i = 0; i < n; i++)
        sb_printf(&b, "  - type: text\n    title: 通知%d\n    text: 周五下午学习。\n", i + 1);
    for (size_t i = 0; photos && photos[i]; i++)
        sb_printf(&b, "  - type: photo\n    image: %s\n", photos[i]);
    return b.s;
}

static void write_playlist(const char *path, int n, const char *const *photos)
{
    char *s = playlist_text(n, photos);
    write_text(path, s);
    free(s);
}

/* `check` in Chinese; its output. Caller frees. */
static char *check_zh(const char *path, int *rc)
{
    *rc = run("LANG=zh_CN.UTF-8 %s check '%s' > " D "-out.txt 2>&1", bin(), path);
    return slurp(D "-out.txt");
}

static void expect(const char *out, const char *want)
{
    if (!out)
        fail_msg("want \"%s\"; the command wrote nothing", want);
    else if (!strstr(out, want))
        fail_msg("want \"%s\" in:\n%s", want, out);
}

/* A playlist Notepad saved as 01-先进事迹.yaml.txt (Explorer shows "01-先进事迹.yaml") is named
 * with its fix, never dropped in silence; with every playlist so named too. .yml.txt the same;
 * .yaml.yaml is taken (it is a playlist, only named twice). */
static void test_playlist_saved_as_txt(void **state)
{
    (void)state;
    sh("rm -rf " D " && mkdir -p " D "/a " D "/b");
    write_playlist(D "/a/01-先进事迹.yaml.txt", 2, NULL);
    write_playlist(D "/a/02-通知.yaml", 1, NULL);
    write_playlist(D "/a/03-名单.yml.txt", 1, NULL);
    write_playlist(D "/a/04-表彰.yaml.yaml", 1, NULL);
    int rc;
    char *out = check_zh(D "/a", &rc);
    assert_int_not_equal(rc, 0);
    expect(out, "把“01-先进事迹.yaml.txt”改名为“01-先进事迹.yaml”：Windows 隐藏了 .txt");
    expect(out, "把“03-名单.yml.txt”改名为“03-名单.yml”：Windows 隐藏了 .txt");
    expect(out, "2 个播放单"); /* 02 and 04 are read */
    free(out);

    write_playlist(D "/b/01-先进事迹.yaml.txt", 2, NULL);
    out = check_zh(D "/b", &rc);
    assert_int_not_equal(rc, 0);
    expect(out, "把“01-先进事迹.yaml.txt”改名为“01-先进事迹.yaml”：Windows 隐藏了 .txt");
    free(out);
    /* render on her PC says the same */
    run("LANG=zh_CN.UTF-8 %s render " D "/b --out " D "/b-out > " D "-out.txt 2>&1", bin());
    out = slurp(D "-out.txt");
    expect(out, "把“01-先进事迹.yaml.txt”改名为“01-先进事迹.yaml”：Windows 隐藏了 .txt");
    free(out);
}

/* What Windows, WPS and macOS leave beside the playlists is not content: a WPS lock file
 * ~$01.yaml, Thumbs.db, desktop.ini, ._01.yaml, .DS_Store. `check` passes with the one
 * playlist. */
static void test_litter_is_not_content(void **state)
{
    (void)state;
    sh("rm -rf " D " && mkdir -p " D "/c/photos");
    write_playlist(D "/c/01.yaml", 1, NULL);
    write_text(D "/c/~$01.yaml", "\x01\x02 WPS lock");
    write_text(D "/c/._01.yaml", "\x00\x05\x16\x07 AppleDouble");
    write_text(D "/c/Thumbs.db", "\xd0\xcf\x11\xe0");
    write_text(D "/c/photos/Thumbs.db", "\xd0\xcf\x11\xe0");
    write_text(D "/c/desktop.ini", "[.ShellClassInfo]\r\n");
    write_text(D "/c/.DS_Store", "Bud1");
    int rc;
    char *out = check_zh(D "/c", &rc);
    if (rc != 0)
        fail_msg("check failed on litter:\n%s", out);
    expect(out, "1 个播放单");
    free(out);
}

/* A photo the playlist names that is on the stick under a name Windows showed differently:
 * 张三.jpg saved as 张三.jpg.jpg, 李四.jpeg for 李四.jpg, the reverse, a full-width ／ or ． in
 * the path. Each message names the file that is there and the fix. */
static void test_photo_name_slips(void **state)
{
    (void)state;
    sh("rm -rf " D " && mkdir -p " D "/p/photos");
    static const char *const disk[] = {"张三.jpg.jpg", "李四.jpg", "王五.jpeg", "赵六.jpg",
                                       "钱七.jpg"};
    for (size_t i = 0; i < sizeof disk / sizeof *disk; i++)
        sh("convert -size 400x400 xc:gray '" D "/p/photos/%s'", disk[i]);
    static const char *const named[] = {"photos/张三.jpg",  "photos/李四.jpeg", "photos/王五.jpg",
                                        "photos／赵六.jpg", "photos/钱七．jpg", NULL};
    write_playlist(D "/p/01.yaml", 1, named);
    int rc;
    char *out = check_zh(D "/p", &rc);
    assert_int_not_equal(rc, 0);
    expect(out, "01.yaml:8:12: 错误: 第2张（photo）：图片找不到“photos/张三.jpg”，但有"
                "“photos/张三.jpg.jpg”");
    expect(out, "把文件“photos/张三.jpg.jpg”改名为“photos/张三.jpg”");
    expect(out, "但有“photos/李四.jpg”");
    expect(out, "把文件“photos/王五.jpeg”改名为“photos/王五.jpg”");
    expect(out, "“photos／赵六.jpg”里有全角的“／”或“．”：请写“photos/赵六.jpg”");
    expect(out, "“photos/钱七．jpg”里有全角的“／”或“．”：请写“photos/钱七.jpg”");
    free(out);
}

/* Import through the board's own command: REPORT.txt names the .yaml.txt fix; an import that
 * shrinks the board to under half its slides says so in its notice and in REPORT.txt. */
static void test_import_report_and_shrink(void **state)
{
    (void)state;
    sh("rm -rf " D " && mkdir -p " D "/s/honorboard");
    write_playlist(D "/s/honorboard/01-先进事迹.yaml", 8, NULL);
    write_playlist(D "/s/honorboard/02-通知.yaml", 6, NULL);
    sh("LANG=zh_CN.UTF-8 %s import " D "/s --store " D "/store >/dev/null 2>&1", bin());
    char *rep = slurp(D "/s/honorboard/REPORT.txt");
    expect(rep, "共 14 张");
    free(rep);

    /* Notepad saved the story again, as .yaml.txt: rejected, the fix in REPORT.txt */
    sh("mv " D "/s/honorboard/01-先进事迹.yaml " D "/s/honorboard/01-先进事迹.yaml.txt");
    int rc =
        run("LANG=zh_CN.UTF-8 %s import " D "/s --store " D "/store > " D "-imp.txt 2>&1", bin());
    assert_int_not_equal(rc, 0);
    rep = slurp(D "/s/honorboard/REPORT.txt");
    expect(rep, "把“01-先进事迹.yaml.txt”改名为“01-先进事迹.yaml”：Windows 隐藏了 .txt");
    expect(rep, "错误：1 个");
    free(rep);

    /* the story deleted by mistake: 6 of 14 slides; loaded, and both say so */
    sh("rm " D "/s/honorboard/01-先进事迹.yaml.txt");
    rc = run("LANG=zh_CN.UTF-8 %s import " D "/s --store " D "/store > " D "-imp.txt 2>&1", bin());
    assert_int_equal(rc, 0);
    char *said = slurp(D "-imp.txt");
    expect(said, "共 6 张（现在播放 14 张）");
    free(said);
    rep = slurp(D "/s/honorboard/REPORT.txt");
    expect(rep, "共 6 张（现在播放 14 张）");
    free(rep);

    /* a small change is not remarked on */
    write_playlist(D "/s/honorboard/02-通知.yaml", 5, NULL);
    rc = run("LANG=zh_CN.UTF-8 %s import " D "/s --store " D "/store > " D "-imp.txt 2>&1", bin());
    assert_int_equal(rc, 0);
    said = slurp(D "-imp.txt");
    expect(said, "共 5 张");
    assert_null(strstr(said, "现在播放"));
    free(said);
}

/* ---- messages at the cause (issue 26, point 8 and the missing '|') ------------------------ */

static const struct {
    const char *name, *slides, *want;
} causes[] = {
    {"fullwidth-comma-in-roll",
     "  - type: roll\n    title: 名单\n    people:\n      - { name: 余程， honor: 优秀党员 }\n",
     "x.yaml:7:19: 错误: { } 里的各项之间用了全角逗号“，”：请输入英文逗号“,”"},
    {"ascii-comma-in-honor",
     "  - type: roll\n    title: 名单\n    people:\n      - { name: 余程, honor: 一等功,二等功 }\n",
     "x.yaml:7:31: 错误: 英文逗号“,”在 { } 里会结束“honor”的值"},
    {"value-starts-with-quote",
     "  - type: text\n    title: \"党建红\"引领\"警察蓝\"\n    text: 好\n",
     "x.yaml:5:12: 错误: “title”的值以引号“\"”开头，但引号关上后还有文字"},
    {"value-starts-with-bracket", "  - type: text\n    title: [2026]年度表彰\n    text: 好\n",
     "x.yaml:5:12: 错误: “title”的值以“[”开头"},
    {"value-starts-with-star", "  - type: text\n    title: *先进\n    text: 好\n",
     "x.yaml:5:12: 错误: “title”的值以“*”开头，YAML 把它当作特殊符号：请给整个值加上引号（title: "
     "\"*先进\"）"},
    {"value-starts-with-at", "  - type: text\n    title: @先进\n    text: 好\n",
     "x.yaml:5:12: 错误: “title”的值以“@”开头，YAML 把它当作特殊符号"},
    {"value-starts-with-amp", "  - type: text\n    title: &先进 好\n    text: 好\n",
     "x.yaml:5:12: 错误: “title”的值以“&”开头，YAML 把它当作特殊符号"},
    {"value-starts-with-bang", "  - type: text\n    title: !先进\n    text: 好\n",
     "x.yaml:5:12: 错误: “title”的值以“!”开头，YAML 把它当作特殊符号"},
    {"ideographic-space-after-colon", "  - type: story\n    name:　徐国强\n    text: 好\n",
     "x.yaml:5:10: 错误: “name”的冒号后面是全角空格（“　”，U+3000）"},
    {"first-text-line-over-indented",
     "  - type: text\n    title: 通知\n    text: |\n        第一段。\n      第二段。\n      "
     "第三段。\n"
     "      第四段。\n      第五段。\n",
     "x.yaml:7:9: 错误: 正文第一行比第 8 行缩进得多"},
    {"pasted-at-column-0",
     "  - type: text\n    title: 通知\n    text: |\n      "
     "第一段。\n第二段顶格粘贴。\n第三段也是。\n"
     "    duration: 30s\n",
     "x.yaml:8:1: 错误: 这一行没有缩进：正文的每一行都要比第 6 行的“text:”缩进得更深"},
    {"missing-dash-before-slide",
     "  - type: text\n    title: 通知一\n    text: 一\n    type: text\n    title: 通知二\n    "
     "text: 二\n",
     "x.yaml:7:5: 错误: 第1张（text）：又一个“type”：这里开始了新的一张幻灯片，但前面少了“- ”"},
    {"pinyin-danwei", "  - type: story\n    name: 徐国强\n    danwei: 后勤\n    text: 好\n",
     "“danwei”应写成“unit”"},
    {"pinyin-xingming", "  - type: story\n    xingming: 徐国强\n    text: 好\n",
     "“xingming”应写成“name”"},
    {"pinyin-biaoti", "  - type: text\n    biaoti: 通知\n    text: 好\n", "“biaoti”应写成“title”"},
    {"pinyin-zhaopian", "  - type: story\n    name: 徐国强\n    zhaopian: a.jpg\n    text: 好\n",
     "“zhaopian”应写成“photo”"},
    {"text-without-bar",
     "  - type: text\n    title: 通知\n    text:\n      第一段。\n      第二段。\n",
     "x.yaml:6:5: 错误: 正文有多行时，请在 text: 后面写 |"},
    {"text-without-bar-on-line",
     "  - type: text\n    title: 通知\n    text: 第一段。\n      第二段。\n",
     "x.yaml:6:5: 错误: 正文有多行时，请在 text: 后面写 |"},
    {"text-without-bar-word-indent",
     "  - type: text\n    title: 通知\n    text:\n      　　第一段。\n      　　第二段。\n",
     "x.yaml:6:5: 错误: 正文有多行时，请在 text: 后面写 |"},
};

/* Each slip gets one message, at its own line and column, saying what to type; no other error
 * (libyaml's later, vaguer words, or errors on the correct lines around it). */
static void test_messages_at_the_cause(void **state)
{
    (void)state;
    sh("rm -rf " D " && mkdir -p " D "/m");
    int bad = 0;
    for (size_t i = 0; i < sizeof causes / sizeof *causes; i++) {
        char *yaml = xasprintf("honorboard: 1\ntitle: 测试\nslides:\n%s", causes[i].slides);
        write_text(D "/m/x.yaml", yaml);
        free(yaml);
        run("LANG=zh_CN.UTF-8 %s check " D "/m/x.yaml > " D "/m/out.txt 2>&1", bin());
        char *out = slurp(D "/m/out.txt");
        if (!strstr(out, causes[i].want) || count_str(out, "错误:") != 1) {
            print_message("%s: want \"%s\" as the one error, got:\n%s\n", causes[i].name,
                          causes[i].want, out);
            bad++;
        }
        free(out);
    }
    assert_int_equal(bad, 0);
}

/* The error card quotes the mark it is about: "全角冒号“：”" must show the colon at full width,
 * or it looks like the "英文冒号“:”" the message contrasts it with. A mark quoted alone keeps
 * its full width; the marks around it are squeezed as usual. */
static void test_quoted_mark_full_width(void **state)
{
    (void)state;
    static const char *const texts[] = {"全角冒号“：”", "全角逗号“，”和句号“。”", "书名号「《」"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        uint32_t cps[64];
        bool half[64];
        size_t n = 0, len;
        for (const char *p = texts[t]; *p && n < 64; p += len)
            cps[n++] = utf8_decode(p, strlen(p), &len);
        punct_pair_forms(cps, n, half);
        for (size_t i = 1; i + 1 < n; i++) {
            bool alone = punct_class(cps[i - 1]) == PC_OPEN && punct_class(cps[i + 1]) == PC_CLOSE;
            if (alone && half[i])
                fail_msg("%s: the quoted mark %zu is set half width", texts[t], i);
        }
    }
    /* squeezing elsewhere is unchanged: ”， keeps its half-width closing quote */
    uint32_t q[] = {0x201D, 0xFF0C};
    bool h[2];
    punct_pair_forms(q, 2, h);
    assert_true(h[0]);
}

/* Every problem and context text of libyaml (read from the library itself) has its Chinese, so a
 * syntax error under a Chinese locale has no English inside. */
static void test_libyaml_words_translated(void **state)
{
    (void)state;
    sh("strings $(ldconfig -p | sed -n 's/.*libyaml-0.so.2 .* => //p' | head -n 1) | "
       "grep -E '^(while|did not|found|could not|invalid|incomplete|control|block sequence|"
       "mapping (keys|values)|unexpected low)' | grep -v '[<>=&]' | grep -v '^mapping > 0' "
       "| sort -u > " D "-libyaml.txt");
    char *words = slurp(D "-libyaml.txt");
    assert_true(strlen(words) > 100);
    i18n_set_language("zh");
    int missing = 0;
    for (char *line = strtok(words, "\n"); line; line = strtok(NULL, "\n"))
        if (strcmp(i18n_gettext(line), line) == 0) {
            print_message("no Chinese for libyaml's \"%s\"\n", line);
            missing++;
        }
    i18n_set_language("en");
    free(words);
    assert_int_equal(missing, 0);
}

/* The author's three references - 作者指南, init's template and the man page - name every kind
 * of slide there is (the kinds table, so a new kind must be documented) and the commands she
 * uses; the guide no longer says there are four kinds. */
static void test_guides_cover_every_kind(void **state)
{
    (void)state;
    sh("rm -rf " D "-init && %s init " D "-init >/dev/null 2>&1", bin());
    char *guide = slurp("docs/作者指南.md"), *man = slurp("assets/honorboard.1"),
         *tmpl = slurp(D "-init/01-光荣榜.yaml");
    assert_true(strlen(tmpl) > 100);
    assert_null(strstr(guide, "四种"));
    for (int k = 0; k < SLIDE_TYPE_COUNT; k++) {
        char *row = xasprintf("| `%s` |", slide_type_names[k]),
             *line = xasprintf("type: %s", slide_type_names[k]);
        if (!strstr(guide, row))
            fail_msg("作者指南 has no row for the kind '%s'", slide_type_names[k]);
        if (!strstr(tmpl, line))
            fail_msg("init's template does not show '%s'", line);
        if (!strstr(man, slide_type_names[k]))
            fail_msg("the man page does not name the kind '%s'", slide_type_names[k]);
        free(row), free(line);
    }
    static const char *const commands[] = {"honorboard check", "honorboard render",
                                           "honorboard play",  "honorboard init",
                                           "只预览",           "送审"};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strstr(guide, commands[i]))
            fail_msg("作者指南 does not tell '%s'", commands[i]);
    if (!strstr(man, "送审") || !strstr(man, ".yaml.txt"))
        fail_msg("the man page does not tell the approval preview or the hidden .txt");
    free(guide), free(man), free(tmpl);
}

/* ---- list values inside { } (trial H2) --------------------------------------------------- */

/* The parsed playlist of one flow-mapped line (under a roll's people, a gallery's photos or
 * the slides), with no message at all. Caller frees. */
static struct playlist *parse_clean(const char *yaml)
{
    struct diag d = {0};
    struct playlist *pl = playlist_parse("x.yaml", yaml, strlen(yaml), &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%d:%d %s\n", d.msgs[i].line, d.msgs[i].col, d.msgs[i].text);
    if (d.n)
        fail_msg("messages for:\n%s", yaml);
    diag_free(&d);
    return pl;
}

static char *roll_with(const char *person)
{
    return xasprintf("honorboard: 1\ntitle: 测试\nslides:\n  - type: roll\n    title: 名单\n"
                     "    people:\n      - %s\n",
                     person);
}

/* The documented `focus: [0.5, 0.3]` inside { } is read, and so is every form the author may
 * write for the same two numbers: quoted, with a Chinese comma, without brackets. */
static void test_focus_inside_braces(void **state)
{
    (void)state;
    static const char *const forms[] = {"focus: [0.25, 0.75]",   "focus: \"[0.25, 0.75]\"",
                                        "focus: [0.25，0.75]",   "focus: \"0.25，0.75\"",
                                        "focus: \"0.25, 0.75\"", "focus: 0.25，0.75",
                                        "focus: ［0.25，0.75］", "focus: '[0.25,0.75]'"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        char *person =
            xasprintf("{ name: 王强, honor: 执法标兵, photo: photos/a.jpg, %s }", forms[i]);
        char *yaml = roll_with(person);
        struct playlist *pl = parse_clean(yaml);
        assert_int_equal(pl->slides[0].npeople, 1);
        if (pl->slides[0].people[0].focus_x != 0.25 || pl->slides[0].people[0].focus_y != 0.75)
            fail_msg("%s: focus read as %g, %g", forms[i], pl->slides[0].people[0].focus_x,
                     pl->slides[0].people[0].focus_y);
        playlist_free(pl), free(yaml), free(person);
    }
    /* the block form without brackets, as the quoted advice reads */
    struct playlist *pl = parse_clean("honorboard: 1\ntitle: 测试\nslides:\n  - type: story\n"
                                      "    name: 王强\n    focus: 0.25, 0.75\n    text: 好\n");
    assert_true(pl->slides[0].focus_x == 0.25 && pl->slides[0].focus_y == 0.75);
    playlist_free(pl);
    /* a list inside a slide written in { }: attachments, a schedule's days */
    pl = parse_clean("honorboard: 1\ntitle: 测试\nslides:\n  - { type: notice, title: 通知, text: "
                     "正文, attachments: [活动安排表, 评比细则], schedule: { days: [mon, wed], "
                     "hours: \"08:00-18:00\" }, duration: 20s }\n");
    assert_int_equal(pl->slides[0].nattachments, 2);
    assert_true(pl->slides[0].duration == 20);
    playlist_free(pl);
}

/* The docs' gallery line and init's roll example (uncommented) are read as written. */
static void test_documented_braces_read(void **state)
{
    (void)state;
    char *doc = slurp("docs/playlist-format.md");
    const char *at = strstr(doc, "- { image: photos/jieli.jpg");
    assert_non_null(at);
    char *line = xasprintf("%.*s", (int)strcspn(at, "\n"), at);
    char *yaml = xasprintf("honorboard: 1\ntitle: 测试\nslides:\n  - type: gallery\n    title: "
                           "运动会\n    photos:\n      - photos/a.jpg\n      %s\n",
                           line);
    struct playlist *pl = parse_clean(yaml);
    assert_int_equal(pl->slides[0].nphotos, 2);
    assert_true(pl->slides[0].photos[1].focus_y == 0.3);
    playlist_free(pl), free(yaml), free(line), free(doc);

    sh("rm -rf " D "-init2 && %s init " D "-init2 >/dev/null 2>&1", bin());
    sh("sed -i 's/^      # - { name: 王强/      - { name: 王强/' '" D "-init2/01-光荣榜.yaml'");
    char *tmpl = slurp(D "-init2/01-光荣榜.yaml");
    assert_non_null(strstr(tmpl, "\n      - { name: 王强"));
    struct diag d = {0};
    pl = playlist_parse("01.yaml", tmpl, strlen(tmpl), &d);
    for (size_t i = 0; i < d.n; i++)
        if (d.msgs[i].level == DIAG_ERROR)
            fail_msg("init's template, uncommented: %d:%d %s", d.msgs[i].line, d.msgs[i].col,
                     d.msgs[i].text);
    playlist_free(pl), diag_free(&d), free(tmpl);
}

/* A comma splitting a value inside { } is named with advice that then works: a list key is
 * told to use brackets, a text key the Chinese comma or quotes. */
static void test_comma_advice_works(void **state)
{
    (void)state;
    sh("rm -rf " D "/c2 && mkdir -p " D "/c2");
    char *person = xasprintf("{ name: 王强, focus: 0.25, 0.75 }");
    char *yaml = roll_with(person);
    write_text(D "/c2/x.yaml", yaml);
    int rc;
    char *out = check_zh(D "/c2/x.yaml", &rc);
    expect(out,
           "x.yaml:7:32: 错误: 英文逗号“,”在 { } 里会结束“focus”的值：“focus”是一组值，请用方括号"
           "括起来（focus: [0.25, 0.75]）");
    free(out), free(yaml);
    yaml = xasprintf("honorboard: 1\ntitle: 测试\nslides:\n  - { type: notice, title: 通知, "
                     "text: 正文, attachments: 活动安排表, 评比细则 }\n");
    write_text(D "/c2/x.yaml", yaml);
    out = check_zh(D "/c2/x.yaml", &rc);
    expect(out, "（attachments: [活动安排表, 评比细则]）");
    free(out), free(yaml), free(person);
}

/* ---- what check let through (trial L8, L3) ---------------------------------------------- */

/* A countdown titled as the sentence (距离春节还有) said 距“距离春节还有”还有 61 天: the words
 * the screen adds are taken off, with a warning at the title saying what shows. */
static void test_countdown_title_words(void **state)
{
    (void)state;
    sh("rm -rf " D "/cd && mkdir -p " D "/cd");
    write_text(D "/cd/x.yaml", "honorboard: 1\ntitle: 乔司监狱\nslides:\n  - type: countdown\n"
                               "    title: 距离春节还有\n    date: 2027-02-06\n"
                               "  - type: countdown\n    title: 春节倒计时\n    date: 2027-02-06\n"
                               "  - type: countdown\n    title: 春节\n    date: 2027-02-06\n");
    int rc;
    char *out = check_zh(D "/cd/x.yaml", &rc);
    assert_int_equal(rc, 0);
    expect(out,
           "x.yaml:5:12: 警告: 第1张（countdown）：倒计时的“title”只写那一天的名字（春节）：屏幕上"
           "显示为 距“春节”还有 N 天；请写 title: 春节");
    expect(out, "x.yaml:8:12: 警告: 第2张（countdown）：倒计时的“title”只写那一天的名字（春节）");
    expect(out, "0 个错误，2 个警告");
    free(out);
    char *text = slurp(D "/cd/x.yaml");
    struct diag d = {0};
    struct playlist *pl = playlist_parse("x.yaml", text, strlen(text), &d);
    assert_string_equal(pl->slides[0].title, "春节");
    assert_string_equal(pl->slides[1].title, "春节");
    assert_string_equal(pl->slides[2].title, "春节");
    playlist_free(pl), diag_free(&d), free(text);
    /* what the card says: the head of both cards is 距“春节”还有 */
    sh("%s render " D "/cd/x.yaml --out " D "/cd/out --at 2026-12-07 --jobs 1 --layout-json " D
       "/cd/l.json >/dev/null 2>&1",
       bin());
    char *json = slurp(D "/cd/l.json");
    assert_int_equal(count_str(json, "\"text\":\"距“春节”还有\""), 3);
    assert_null(strstr(json, "距离"));
    free(json);
}

/* Full-width marks that passed check: https：// made a QR code no phone could open (the link
 * is read with ASCII marks, and a warning names the '：'); a full-width ＃ meant as a comment
 * was shown on the screen (a warning says ＃ is not a YAML comment). */
static void test_fullwidth_marks_named(void **state)
{
    (void)state;
    sh("rm -rf " D "/fw && mkdir -p " D "/fw");
    const char *qr = "honorboard: 1\ntitle: 测试\nslides:\n  - type: calendar\n"
                     "    qr: https：//www.example.gov.cn/a.html\n";
    write_text(D "/fw/qr.yaml", qr);
    int rc;
    char *out = check_zh(D "/fw/qr.yaml", &rc);
    expect(out, "qr.yaml:5:14: 警告: "
                "第1张（calendar）：“qr”的链接里有全角的“：”，手机扫码打不开：已按英文的“:”读作"
                " https://www.example.gov.cn/a.html；请在英文输入法下输入链接");
    free(out);
    struct diag d = {0};
    struct playlist *pl = playlist_parse("qr.yaml", qr, strlen(qr), &d);
    assert_string_equal(pl->slides[0].qr, "https://www.example.gov.cn/a.html");
    playlist_free(pl), diag_free(&d);
    /* the code on the card, decoded back from its pixels, is the link that opens */
    sh("%s render " D "/fw/qr.yaml --out " D "/fw/out --jobs 1 >/dev/null 2>&1", bin());
    sh("zbarimg --raw -q " D "/fw/out/slide-001.png > " D "/fw/qr.txt 2>/dev/null || true");
    out = slurp(D "/fw/qr.txt");
    assert_string_equal(out, "https://www.example.gov.cn/a.html\n");
    free(out);
    /* a QR code of words (not a link) is left as written */
    const char *words = "honorboard: 1\ntitle: 测试\nslides:\n  - type: calendar\n"
                        "    qr: 联系电话：0571-1234\n";
    pl = playlist_parse("qr.yaml", words, strlen(words), &d);
    assert_string_equal(pl->slides[0].qr, "联系电话：0571-1234");
    assert_int_equal(d.n, 0);
    playlist_free(pl), diag_free(&d);

    write_text(D "/fw/hash.yaml", "honorboard: 1\ntitle: 乔司监狱\nslides:\n  - type: story\n"
                                  "    name: 张伟\n    honor: 优秀民警  ＃这是说明，不显示\n"
                                  "    text: 正文。第＃1号楼 ＃不是注释的地方\n");
    out = check_zh(D "/fw/hash.yaml", &rc);
    assert_int_equal(rc, 0);
    expect(out, "hash.yaml:6:18: 警告: 第1张（story）：“＃”是全角的井号，YAML 不把它当作注释："
                "“＃这是说明，不显示”会显示在屏幕上；注释请用英文的“#”，前面空一格");
    expect(out, "hash.yaml:7:20: 警告:");
    expect(out, "0 个错误，2 个警告");
    free(out);
}

/* ---- a gallery's messages all at once, each naming the key meant (trial M7) ------------- */

static void test_gallery_messages(void **state)
{
    (void)state;
    sh("rm -rf " D "/g && mkdir -p " D "/g");
    /* saved by Notepad: a BOM and CRLF */
    write_text(D "/g/x.yaml", "\xEF\xBB\xBFhonorboard: 1\r\ntitle: 乔司监狱\r\nslides:\r\n"
                              "  - type: gallery\r\n    title: 运动会\r\n    photos:\r\n"
                              "      - { image: photos/group.jpg, caption: 开幕式 }\r\n"
                              "  - type: gallery\r\n    title: 运动会\r\n    fit: 铺满\r\n"
                              "    photos:\r\n"
                              "      - { photo: photos/group.jpg, caption: 开幕式 }\r\n"
                              "      - { image: photos/sport.jpg, 说明: 拔河 }\r\n"
                              "      - photos/tall.jpg\r\n      - photos/tall.jpg\r\n"
                              "      - photos/group.jpg\r\n");
    int rc;
    char *out = check_zh(D "/g/x.yaml", &rc);
    expect(out, "x.yaml:12:7: 错误: 第2张（gallery）：图文一次放 2 到 4 张照片，这里有 5 张");
    expect(out,
           "x.yaml:12:11: 错误: 第2张（gallery）第1张照片：没有“photo”这个键（是不是“image”？）");
    expect(out, "x.yaml:13:36: 错误: "
                "第2张（gallery）第2张照片：“说明”不是键名：键名要用英文写，“说明”应写成"
                "“caption”");
    expect(out, "5 个错误"); /* slide 1's count, 铺满, slide 2's count, photo, 说明 */
    assert_null(strstr(out, "缺少“image”"));
    free(out);

    write_text(D "/g/y.yaml", "honorboard: 1\ntitle: 乔司监狱\nslides:\n"
                              "  - type: gallery\n    title: 运动会\n    photos:\n"
                              "      - { photo: photos/group.jpg, caption: 开幕式 }\n"
                              "      - { 图片: photos/tall.jpg, caption: 接力 }\n"
                              "  - type: gallery\n    title: 运动会\n    图片:\n"
                              "      - photos/group.jpg\n      - photos/sport.jpg\n"
                              "  - type: gallery\n    title: 运动会\n    images:\n"
                              "      - photos/group.jpg\n      - photos/sport.jpg\n");
    out = check_zh(D "/g/y.yaml", &rc);
    expect(out,
           "y.yaml:7:11: 错误: 第1张（gallery）第1张照片：没有“photo”这个键（是不是“image”？）");
    expect(
        out,
        "y.yaml:8:11: 错误: 第1张（gallery）第2张照片：“图片”不是键名：键名要用英文写，“图片”应写成"
        "“image”");
    expect(out, "y.yaml:11:5: 错误: "
                "第2张（gallery）：“图片”不是键名：键名要用英文写，“图片”应写成“photos”");
    expect(out, "y.yaml:16:5: 错误: 第3张（gallery）：没有“images”这个键（是不是“photos”？）");
    expect(out, "4 个错误");
    assert_null(strstr(out, "缺少"));
    free(out);
}

/* A wall's person whose photo is missing is named as on a wall, not as on a roll. */
static void test_wall_person_named_as_wall(void **state)
{
    (void)state;
    sh("mkdir -p " D "/wall");
    write_text(D "/wall/w.yaml",
               "honorboard: 1\nslides:\n  - type: wall\n    title: 优秀民警\n    people:\n"
               "      - { name: 王强, photo: photos/nope.jpg }\n");
    int rc;
    char *out = check_zh(D "/wall/w.yaml", &rc);
    expect(out, "w.yaml:6:28: 错误: 第1张（wall）第1人（王强）：照片找不到");
    assert_null(strstr(out, "（roll）"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_playlist_saved_as_txt),
        cmocka_unit_test(test_wall_person_named_as_wall),
        cmocka_unit_test(test_litter_is_not_content),
        cmocka_unit_test(test_photo_name_slips),
        cmocka_unit_test(test_import_report_and_shrink),
        cmocka_unit_test(test_messages_at_the_cause),
        cmocka_unit_test(test_quoted_mark_full_width),
        cmocka_unit_test(test_libyaml_words_translated),
        cmocka_unit_test(test_guides_cover_every_kind),
        cmocka_unit_test(test_focus_inside_braces),
        cmocka_unit_test(test_documented_braces_read),
        cmocka_unit_test(test_comma_advice_works),
        cmocka_unit_test(test_countdown_title_words),
        cmocka_unit_test(test_fullwidth_marks_named),
        cmocka_unit_test(test_gallery_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
