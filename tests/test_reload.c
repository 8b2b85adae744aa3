/* test_reload.c - `systemctl reload` (SIGHUP) applies the board's config: rotation, language,
 * ticker and clock, screen-off hours at once; keys that need a restart are named in the log
 * and in the status file's warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <signal.h>
#include <spng.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define T "build/test-reload"

static void write_config(const char *text)
{
    FILE *f = fopen(T "/config.yaml.new", "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    sh("mv " T "/config.yaml.new " T "/config.yaml");
}

/* Defect 4: after SIGHUP the new rotation lays the page out turned (its frames are dumped at
 * 180x320), the new screen-off hours black the screen, and a changed store is reported as
 * needing a restart. */
static void test_sighup_applies_config(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T);
    write_config("language: zh-CN\nrotate: 0\nticker: 甲\nclock: true\n");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen(T "/stderr.txt", "w", stderr);
        execl(bin(), bin(), "play", "playlists/01-xianjin-fengcai.yaml", "--config",
              T "/config.yaml", "--status", T "/status.json", "--log", T "/play.jsonl",
              "--window=320x180", "--dump-frames", T "/dump", "--quit-after", "90", (char *)NULL);
        _exit(127);
    }
    wait_for(T "/status.json", "\"screen\": \"on\"", 30);
    double end = now_seconds() + 30;
    while (access(T "/dump/320x180", F_OK) != 0 && now_seconds() < end)
        usleep(100000);
    assert_int_equal(access(T "/dump/320x180", F_OK), 0);
    /* turned, in English, another ticker */
    write_config("language: en\nrotate: 90\nticker: 乙\nclock: true\n");
    kill(pid, SIGHUP);
    wait_for(T "/play.jsonl", "\"event\":\"config\",\"applied\":\"language, rotate, ticker\"", 20);
    end = now_seconds() + 30;
    while (access(T "/dump/180x320", F_OK) != 0 && now_seconds() < end)
        usleep(100000);
    assert_int_equal(access(T "/dump/180x320", F_OK), 0); /* laid out for the turned screen */
    /* screen-off hours covering the whole day, and a store that needs a restart */
    write_config("language: en\nrotate: 90\nticker: 乙\nclock: true\nscreen_off: "
                 "[\"00:00-23:59\"]\nstore: " T "/elsewhere\n");
    kill(pid, SIGHUP);
    wait_for(T "/play.jsonl", "\"applied\":\"screen_off\"", 20);
    wait_for(T "/status.json", "\"screen\": \"off\"", 10);
    wait_for(T "/status.json", "config: store changed; this takes effect after a restart", 10);
    kill(pid, SIGTERM);
    int ws;
    waitpid(pid, &ws, 0);
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
}

/* The width of a PNG (its IHDR), 0 when it cannot be read. */
static int png_width(const char *path)
{
    unsigned char h[24] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    return n == sizeof h ? (h[16] << 24) | (h[17] << 16) | (h[18] << 8) | h[19] : 0;
}

/* M9: a board turned by a reload (rotate: 0 to 90) writes the stick's preview for the screen it
 * now shows, portrait pages (240 wide on the sheet), as `import --config` does; it kept the
 * size it started with. */
static void test_sighup_rotate_turns_stick_preview(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T "/root " T "/stick/honorboard");
    sh("printf 'honorboard: 1\ntitle: 甲\nslides:\n  - type: text\n    title: 通知\n    text: "
       "好\n  - type: text\n    title: 通知二\n    text: 好\n' > " T "/stick/honorboard/a.yaml");
    write_config("rotate: 0\n");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen(T "/stderr.txt", "w", stderr);
        execl(bin(), bin(), "play", "--store", T "/store", "--watch", T "/root", "--config",
              T "/config.yaml", "--log", T "/play.jsonl", "--window=320x180", "--quit-after", "90",
              (char *)NULL);
        _exit(127);
    }
    wait_for(T "/play.jsonl", "\"event\":\"ready\"", 30);
    write_config("rotate: 90\n");
    kill(pid, SIGHUP);
    wait_for(T "/play.jsonl", "\"event\":\"config\",\"applied\":\"rotate\"", 20);
    sh("mv " T "/stick " T "/root/USB");
    wait_for(T "/play.jsonl", "\"event\":\"import\"", 30);
    kill(pid, SIGTERM);
    int ws;
    waitpid(pid, &ws, 0);
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    assert_int_equal(png_width(T "/root/USB/honorboard/预览.png"), 2 * (240 + 16) + 16);
}

/* The example the package ships as /etc/honorboard/config.yaml: every key it shows, with the
 # taken away, is a key the board knows with a value it takes; as shipped (all comments) it
 * sets nothing. */
static void test_shipped_config_example(void **state)
{
    (void)state;
    sh("mkdir -p " T " && %s check --config assets/config.yaml 2>" T "/ex.err", bin());
    sh("mkdir -p " T "/keys && touch " T "/keys/office.pub && sed -e 's/^#\\([a-z_]*:\\)/\\1/' "
       "-e 's|/etc/honorboard/office.pub|" T "/keys/office.pub|' assets/config.yaml > " T
       "/all.yaml");
    char *all = slurp(T "/all.yaml");
    assert_true(count_str(all, "\nlog_budget:") == 1 && count_str(all, "\nname:") == 1);
    free(all);
    sh("%s check --config " T "/all.yaml 2>" T "/all.err", bin());
    char *err = slurp(T "/all.err");
    assert_non_null(strstr(err, "0 errors, 0 warnings"));
    free(err);
}

/* Defect 8: the man page has an entry for every command `--help` lists and names every key
 * the config file takes. */
static void test_manpage_covers_commands_and_keys(void **state)
{
    (void)state;
    sh("mkdir -p " T " && %s --help | sed -n '/^commands:/,/^$/s/^  \\([a-z]*\\) .*/\\1/p' > " T
       "/commands.txt",
       bin());
    sh("sed -n '/keys\\[\\] = {/,/NULL}/p' src/model/config.c | grep -o '\"[a-z_]*\"' | tr -d "
       "'\"' > " T "/keys.txt");
    char *man = slurp("assets/honorboard.1"), *cmds = slurp(T "/commands.txt"),
         *keys = slurp(T "/keys.txt");
    int n = 0;
    for (char *c = strtok(cmds, "\n"); c; c = strtok(NULL, "\n"), n++) {
        char entry[64];
        snprintf(entry, sizeof entry, ".TP\n.B %s\n", c);
        if (!strstr(man, entry))
            fail_msg("the man page has no entry for the command '%s'", c);
    }
    assert_true(n >= 10);
    n = 0;
    for (char *k = strtok(keys, "\n"); k; k = strtok(NULL, "\n"), n++)
        if (!strstr(man, k))
            fail_msg("the man page does not name the config key '%s'", k);
    assert_true(n >= 18);
    /* every option a command's --help lists, and the version `--version` prints */
    sh("for c in $(cat " T "/commands.txt); do %s $c --help 2>&1 | grep -o -- '--[a-z][a-z-]*' | "
       "grep -v -x -- --help | sed \"s/^/$c /\"; done | sort -u > " T "/options.txt",
       bin());
    char *opts = slurp(T "/options.txt");
    n = 0;
    for (char *o = strtok(opts, "\n"); o; o = strtok(NULL, "\n"), n++) {
        const char *flag = strchr(o, ' ') ? strchr(o, ' ') + 1 : o;
        char roff[128] = "";
        for (size_t i = 0, k = 0; flag[i] && k + 3 < sizeof roff; i++) {
            if (flag[i] == '-')
                roff[k++] = '\\';
            roff[k++] = flag[i];
            roff[k] = '\0';
        }
        if (!strstr(man, roff))
            fail_msg("the man page does not name %.*s's option %s", (int)(flag - o - 1), o, flag);
    }
    assert_true(n >= 30);
    char *version = slurp("VERSION");
    version[strcspn(version, "\n")] = '\0';
    char th[64];
    snprintf(th, sizeof th, "\"honorboard %s\"", version);
    if (!strstr(man, th))
        fail_msg("the man page's .TH line does not say %s", th);
    free(version), free(opts);
    free(man), free(cmds), free(keys);
}

/* The top-right corner of a dumped frame (where the clock is), as RGBA rows. Caller frees. */
static unsigned char *clock_corner(const char *png, int cw, int ch)
{
    size_t len;
    char *data = file_read_all(png, &len);
    assert_non_null(data);
    spng_ctx *ctx = spng_ctx_new(0);
    spng_set_png_buffer(ctx, data, len);
    struct spng_ihdr ih;
    assert_int_equal(spng_get_ihdr(ctx, &ih), 0);
    size_t n;
    spng_decoded_image_size(ctx, SPNG_FMT_RGBA8, &n);
    unsigned char *px = malloc(n), *out = malloc((size_t)cw * ch * 4);
    assert_int_equal(spng_decode_image(ctx, px, n, SPNG_FMT_RGBA8, 0), 0);
    spng_ctx_free(ctx);
    free(data);
    for (int y = 0; y < ch; y++)
        memcpy(out + (size_t)y * cw * 4, px + ((size_t)y * ih.width + ih.width - cw) * 4,
               (size_t)cw * 4);
    free(px);
    return out;
}

/* Issue 29, item 11: the clock speaks the board's language (`language: en`: "Mon 07 Dec"), not
 * Chinese whatever the config says: the same page at the same minute, its clock corner drawn
 * differently in the two languages. */
static void test_clock_speaks_the_board_language(void **state)
{
    (void)state;
    for (int attempt = 0; attempt < 2; attempt++) {
        sh("rm -rf " T "/clk && mkdir -p " T "/clk && printf 'language: en\\nclock: true\\n' > " T
           "/clk/en.yaml && printf 'language: zh-CN\\nclock: true\\n' > " T "/clk/zh.yaml");
        time_t t0 = time(NULL);
        sh("for l in en zh; do SDL_VIDEODRIVER=dummy %s play playlists/01-xianjin-fengcai.yaml "
           "--config " T "/clk/$l.yaml --window=640x360 --dump-frames " T "/clk/$l --quit-after 3 "
           "2>/dev/null & done; wait",
           bin());
        if (t0 / 60 != time(NULL) / 60)
            continue; /* the minute turned between them: once more */
        unsigned char *en = clock_corner(T "/clk/en/640x360/slide-001.png", 200, 40),
                      *zh = clock_corner(T "/clk/zh/640x360/slide-001.png", 200, 40);
        assert_int_not_equal(memcmp(en, zh, 200 * 40 * 4), 0);
        free(en), free(zh);
        return;
    }
    fail_msg("the minute turned twice while the clocks were drawn");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manpage_covers_commands_and_keys),
        cmocka_unit_test(test_shipped_config_example),
        cmocka_unit_test(test_sighup_applies_config),
        cmocka_unit_test(test_sighup_rotate_turns_stick_preview),
        cmocka_unit_test(test_clock_speaks_the_board_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
