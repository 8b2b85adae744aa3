/* test_details.c - the smaller points of issue 24 (item 13), each as the board shows or writes
 * it: the standby card never shows a file path or a library's English to visitors; a stick
 * pulled while it is being checked is reported as removed, not as content with errors (in
 * process, and through `honorboard import` with the confined checker); REPORT.txt says when the
 * preview sheets could not be made; the play log's lines are in time order even when slides
 * change while the importer thread is busy judging a stick. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "store/store.h"

#include <SDL.h>
#include <SDL_image.h>
#include <signal.h>
#include <sys/wait.h>

#define T "build/test-details"

static const char *faults_bin(void)
{
    const char *b = getenv("HONORBOARD_FAULTS_BIN");
    return b ? b : "build/honorboard-faults";
}

static void make_stick(const char *dir, const char *title, const char *duration)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "%s/honorboard/photos/ && printf 'honorboard: 1\\ntitle: %s\\nslides:\\n"
       "  - { type: story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文, duration: %s }\\n"
       "  - { type: text, title: 第二张, text: 二, duration: %s }\\n' > %s/honorboard/a.yaml",
       dir, dir, dir, title, duration, duration, dir);
}

static int stop_within(pid_t pid, int sig, double secs)
{
    kill(pid, sig);
    double end = now_seconds() + secs;
    int st = 0;
    while (now_seconds() < end) {
        if (waitpid(pid, &st, WNOHANG) == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        usleep(50000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

/* Rows [y0, y1) of s holding light ink (text: green channel over 150) between x0 and x1, as
 * bands of consecutive rows: the number of text lines, and the widest band's ink width. */
static int text_lines(SDL_Surface *s, int x0, int x1, int y0, int y1, int *last_width)
{
    int bands = 0;
    bool in = false;
    *last_width = 0;
    int lo = x1, hi = x0;
    for (int y = y0; y < y1; y++) {
        bool ink = false;
        for (int x = x0; x < x1; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            if ((int)(p >> 8 & 255) > 150) {
                ink = true;
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
        }
        if (ink && !in) {
            bands++;
            lo = x1, hi = x0;
            for (int x = x0; x < x1; x++)
                if ((int)(((uint32_t *)s->pixels)[y * (s->pitch / 4) + x] >> 8 & 255) > 150) {
                    lo = x < lo ? x : lo;
                    hi = x > hi ? x : hi;
                }
        }
        if (ink)
            *last_width = hi - lo + 1;
        in = ink;
    }
    return bands;
}

/* The standby card (every slide unplayable: the only photo truncated) in Chinese: the date, the
 * time and one short sentence - before, the card showed "没有可以播放的内容：/tmp/.../a.yaml:4:27:
 * ... Premature end of JPEG file" over three lines. The reason still reaches the status. */
static void standby_card_without_paths(void **state)
{
    (void)state;
    sh("rm -rf " T "/sb && mkdir -p " T "/sb/pl/photos && cp playlists/photos/wang-hui.jpg " T
       "/sb/pl/photos/ && truncate -s 6000 " T "/sb/pl/photos/wang-hui.jpg && printf "
       "'honorboard: 1\\ntitle: 照片\\nslides:\\n  - { type: photo, image: photos/wang-hui.jpg, "
       "duration: 2s }\\n' > " T "/sb/pl/a.yaml");
    int rc = run("SDL_VIDEODRIVER=dummy LANG=zh_CN.UTF-8 timeout 60 %s play " T
                 "/sb/pl --window=960x540 --dump-frames " T "/sb/frames --status " T
                 "/sb/status.json --quit-after 8 > " T "/sb/err.txt 2>&1",
                 bin());
    assert_int_equal(rc, 0);
    SDL_Surface *raw = IMG_Load(T "/sb/frames/960x540/standby.png");
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    int width = 0, lines = text_lines(s, 40, 920, 100, 500, &width);
    printf("  standby card: %d lines of text, the last %d px wide\n", lines, width);
    assert_int_equal(lines, 3);   /* the date, the time, one sentence */
    assert_true(width < 960 / 2); /* a short sentence, not a path and an error */
    SDL_FreeSurface(s);
    char *st = slurp(T "/sb/status.json");
    assert_non_null(strstr(st, "photos/wang-hui.jpg")); /* the staff still read why */
    free(st);
}

static void pull_stick(void *ctx, const char *file)
{
    (void)ctx;
    if (strstr(file, "a.yaml"))
        sh("mv " T "/pull/stick " T "/pull/gone"); /* unmounted mid-check */
}

/* A stick pulled while its playlists are judged: "removed", not "content has errors". In
 * process (the judging callback pulls it), and through `honorboard import` in Chinese, its
 * confined checker stuck on the playlist while the stick goes (the checker's deadline ends it). */
static void pulled_during_check(void **state)
{
    (void)state;
    sh("rm -rf " T "/pull && mkdir -p " T "/pull");
    make_stick(T "/pull/stick", "拔出", "5s");
    struct store_policy pol = {.judging = pull_stick};
    struct store_result r;
    assert_int_equal(store_import_with(T "/pull/store", T "/pull/stick", &pol, NULL, NULL, &r), -1);
    printf("  in process: %s: %s\n", store_outcome_name(r.outcome), r.message);
    assert_int_equal(r.outcome, STORE_ABORTED);
    assert_non_null(strstr(r.message, "removed while it was being checked"));
    store_result_free(&r);
    make_stick(T "/pull/stick", "拔出", "5s");
    sh("(sleep 1.5; mv " T "/pull/stick " T "/pull/gone2) >/dev/null 2>&1 &");
    int rc = run("LANG=zh_CN.UTF-8 HONORBOARD_TEST_FAULT=hang:a.yaml "
                 "HONORBOARD_TEST_JUDGE_IDLE_SECONDS=4 timeout 60 %s import " T
                 "/pull/stick --store " T "/pull/store > " T "/pull/out.txt 2>&1",
                 faults_bin());
    char *out = slurp(T "/pull/out.txt");
    printf("  import: exit %d\n%s", rc, out);
    if (rc != 2 || !strstr(out, "U盘在检查过程中被拔出") || strstr(out, "内容有误") ||
        strstr(out, "使检查程序失败"))
        fail_msg("a stick pulled during the check: exit %d\n%s", rc, out);
    free(out);
}

/* The preview child crashing (the tests' fault switch at 预览.png): the import goes in, and
 * REPORT.txt's last line says the preview could not be made. */
static void report_says_preview_failed(void **state)
{
    (void)state;
    sh("rm -rf " T "/pv && mkdir -p " T "/pv");
    make_stick(T "/pv/stick", "预览失败", "5s");
    int rc = run("LANG=zh_CN.UTF-8 HONORBOARD_TEST_FAULT=crash:预览.png timeout 60 %s import " T
                 "/pv/stick --store " T "/pv/store > " T "/pv/out.txt 2>&1",
                 faults_bin());
    char *out = slurp(T "/pv/out.txt"), *rep = slurp(T "/pv/stick/honorboard/REPORT.txt");
    if (rc != 0 || !strstr(rep, "这次未能生成预览图") || !strstr(rep, "结果：已载入"))
        fail_msg("preview crashed: exit %d\n%s\nREPORT.txt:\n%s", rc, out, rep);
    assert_false(path_is_file(T "/pv/stick/honorboard/预览.png"));
    free(out), free(rep);
    /* and a preview that works says nothing of the kind */
    make_stick(T "/pv/stick2", "预览正常", "5s");
    rc = run("LANG=zh_CN.UTF-8 timeout 60 %s import " T "/pv/stick2 --store " T
             "/pv/store > /dev/null 2>&1",
             bin());
    rep = slurp(T "/pv/stick2/honorboard/REPORT.txt");
    assert_int_equal(rc, 0);
    assert_null(strstr(rep, "未能生成预览图"));
    assert_true(path_is_file(T "/pv/stick2/honorboard/预览.png"));
    free(rep);
}

/* Slides change every second while the importer thread draws a big stick's preview sheets
 * (160 slides: seconds): the slide lines queued meanwhile were written after the import line,
 * with earlier times. Now every line of the log is at or after the one before it. */
static void log_in_time_order(void **state)
{
    (void)state;
    sh("rm -rf " T "/order && mkdir -p " T "/order/root");
    make_stick(T "/order/seed", "原有内容", "1s");
    sh("%s import " T "/order/seed --store " T "/order/store >/dev/null 2>&1", bin());
    sh("mkdir -p " T
       "/order/stick/honorboard && { printf 'honorboard: 1\\ntitle: 多页\\nslides:\\n'; "
       "for i in $(seq 1 160); do printf '  - { type: text, title: 第%%d张, text: 第%%d张的正文, "
       "duration: 1s }\\n' $i $i; done; } > " T "/order/stick/honorboard/a.yaml");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        if (!freopen(T "/order/err.txt", "w", stderr))
            _exit(126);
        execl(bin(), bin(), "play", "--store", T "/order/store", "--watch", T "/order/root",
              "--window=320x180", "--log", T "/order/play.jsonl", "--quit-after", "120",
              (char *)NULL);
        _exit(127);
    }
    wait_for(T "/order/play.jsonl", "\"event\":\"slide\"", 30);
    sh("mv " T "/order/stick " T "/order/root/stick");
    wait_for(T "/order/play.jsonl", "\"event\":\"import\"", 90);
    sleep(2);
    stop_within(pid, SIGTERM, 20);
    char *log = slurp(T "/order/play.jsonl");
    char prev[40] = "";
    int n = 0, slides = 0;
    for (const char *p = log; (p = strstr(p, "{\"time\":\"")); p++, n++) {
        char t[40];
        snprintf(t, sizeof t, "%.25s", p + 9);
        slides += strncmp(p + 36, "\"event\":\"slide\"", 15) == 0;
        if (strcmp(t, prev) < 0)
            fail_msg("line %d at %s comes after one at %s:\n%s", n + 1, t, prev, log);
        snprintf(prev, sizeof prev, "%s", t);
    }
    printf("  %d lines (%d slides) in time order\n", n, slides);
    assert_true(slides >= 3);
    assert_non_null(strstr(log, "\"result\":\"ok\""));
    free(log);
}

/* Words of Latin letters (3 or more) in s that are not inside a path or a file name, a quoted
 * key, or a name the Chinese messages keep (JPEG, PNG, the slide kinds ...). */
static char *english_words(const char *s)
{
    static const char *const kept[] = {"JPEG", "PNG",        "GIF",   "HEIC",  "WebP",
                                       "YAML", "honorboard", "photo", "story", "text",
                                       "roll", "video",      "USB",   "RGB"};
    struct strbuf out = {0};
    for (const char *p = s; *p;) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            p++;
            continue;
        }
        const char *b = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            p++;
        bool path = (b > s && strchr("/._-'", b[-1])) || strchr("/._-'", *p);
        bool keep = p - b < 3 || path;
        for (size_t i = 0; !keep && i < sizeof kept / sizeof *kept; i++)
            keep = strlen(kept[i]) == (size_t)(p - b) && strncmp(b, kept[i], (size_t)(p - b)) == 0;
        if (!keep)
            sb_printf(&out, "%.*s ", (int)(p - b), b);
    }
    return out.s;
}

/* Chinese messages hold no English fragment: a photo cut short (libjpeg's "Premature end of
 * JPEG file"), a text file and a GIF named .jpg, a broken PNG, a playlist that is a link and one
 * that is a FIFO, through `check` in Chinese. */
static void chinese_without_english(void **state)
{
    (void)state;
    sh("rm -rf " T "/zh && mkdir -p " T "/zh/pl/photos && head -c 3000 "
       "playlists/photos/yu-cheng.jpg > " T "/zh/pl/photos/cut.jpg && echo hello > " T
       "/zh/pl/photos/text.jpg && head -c 200 playlists/photos/emblem.png > " T
       "/zh/pl/photos/cut.png && printf 'GIF89a' > " T
       "/zh/pl/photos/g.jpg && ln -s /etc/hostname " T "/zh/pl/b.yaml && mkfifo " T
       "/zh/pl/c.yaml && { printf 'honorboard: 1\\ntitle: 图\\nslides:\\n'; "
       "for f in cut.jpg text.jpg cut.png g.jpg; do printf '  - { type: photo, image: photos/%%s "
       "}\\n' "
       "$f; done; } > " T "/zh/pl/a.yaml");
    run("LANG=zh_CN.UTF-8 %s check " T "/zh/pl > " T "/zh/out.txt 2>&1", bin());
    char *out = slurp(T "/zh/out.txt");
    char *san = strstr(out, "\n-----"); /* a sanitized build's report after the messages */
    if (san)
        san[1] = '\0';
    char *words = english_words(out);
    bool ok = !words && strstr(out, "cut.jpg") && strstr(out, "c.yaml");
    if (!ok)
        print_error("English inside Chinese messages: %s\n%s", words ? words : "-", out);
    free(words);
    free(out);
    assert_true(ok);
}

int main(void)
{
    SDL_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standby_card_without_paths), cmocka_unit_test(pulled_during_check),
        cmocka_unit_test(report_says_preview_failed), cmocka_unit_test(log_in_time_order),
        cmocka_unit_test(chinese_without_english),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
