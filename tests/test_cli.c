/* test_cli.c - the command line as scripts and installers use it: exit codes (0 ok, 1 bad
 * content, 2 usage or I/O), --help of every command, and `play` end to end under the dummy
 * video driver: proof-of-play log, --quit-after, SIGTERM, SIGHUP, a broken playlist shown as a
 * card while the rest plays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/util.h"

static void test_exit_codes(void **state)
{
    (void)state;
    assert_int_equal(run("%s check playlists 2>/dev/null", bin()), 0);
    assert_int_equal(run("%s check tests/data/bad/version.yaml 2>/dev/null", bin()), 1);
    assert_int_equal(run("%s check tests/data/nope.yaml 2>/dev/null", bin()), 2);
    assert_int_equal(run("%s check 2>/dev/null", bin()), 2);
    assert_int_equal(run("%s frobnicate 2>/dev/null", bin()), 2);
    assert_int_equal(run("%s play --rotate 45 2>/dev/null", bin()), 2);
    assert_int_equal(run("%s play --window=axb 2>/dev/null", bin()), 2);
    assert_int_equal(run("%s --version >/dev/null", bin()), 0);
}

/* check --config sums its findings in the language of its messages (an English line closed
 * the Chinese ones). */
static void test_config_summary_language(void **state)
{
    (void)state;
    sh("mkdir -p build/test-cli && printf 'clock: true\\ntikcer: 欢迎\\n' > "
       "build/test-cli/config.yaml");
    assert_int_equal(run("LANG=zh_CN.UTF-8 %s check --config build/test-cli/config.yaml "
                         "2> build/test-cli/zh.txt",
                         bin()),
                     1);
    char *zh = slurp("build/test-cli/zh.txt");
    if (!strstr(zh, "config.yaml：1 个错误，0 个警告"))
        fail_msg("check --config said in Chinese: %s", zh);
    free(zh);
    assert_int_equal(
        run("LANG=C.UTF-8 %s check --config build/test-cli/config.yaml 2> build/test-cli/en.txt",
            bin()),
        1);
    char *en = slurp("build/test-cli/en.txt");
    if (!strstr(en, "config.yaml: 1 error, 0 warnings"))
        fail_msg("check --config said: %s", en);
    free(en);
}

/* --version prints VERSION, and CHANGELOG.md's newest entry is that version. */
static void test_version(void **state)
{
    (void)state;
    assert_int_equal(run("%s --version > build/version.txt", bin()), 0);
    char *printed = slurp("build/version.txt");
    char *version = slurp("VERSION");
    version[strcspn(version, "\n")] = '\0';
    assert_true(version[0] >= '0' && version[0] <= '9');
    char want[64];
    snprintf(want, sizeof want, "honorboard %s ", version);
    assert_non_null(strstr(printed, want));
    assert_int_equal(run("grep -m1 '^## ' CHANGELOG.md | grep -q '^## %s '", version), 0);
    free(printed);
    free(version);
}

static void test_help(void **state)
{
    (void)state;
    static const char *cmds[] = {"", "check", "render", "play"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        assert_int_equal(run("%s %s --help > build/help.txt", bin(), cmds[i]), 0);
        char *h = slurp("build/help.txt");
        assert_non_null(strstr(h, "usage: honorboard"));
        free(h);
    }
    assert_int_equal(run("%s play --help > build/help.txt", bin()), 0);
    char *h = slurp("build/help.txt");
    static const char *opts[] = {"--window", "--fullscreen", "--display",
                                 "--rotate", "--log",        "--quit-after"};
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        assert_non_null(strstr(h, opts[i]));
    free(h);
    assert_int_equal(run("%s render --help > build/help.txt", bin()), 0);
    h = slurp("build/help.txt");
    static const char *ropts[] = {"--out", "--size", "--slides", "--sheet", "--layout-json"};
    for (size_t i = 0; i < sizeof ropts / sizeof *ropts; i++)
        assert_non_null(strstr(h, ropts[i]));
    free(h);
}

static void test_play_log(void **state)
{
    (void)state;
    unlink("build/play.jsonl");
    /* 1 s slides so several change within the run */
    system("rm -rf build/playdir && mkdir -p build/playdir && cp -r playlists/photos "
           "build/playdir/ && "
           "sed 's/duration: 12s/duration: 1s/; s/duration: 20s/duration: 1s/; s/duration: "
           "auto/duration: 1s/' "
           "playlists/01-xianjin-fengcai.yaml > build/playdir/a.yaml && "
           "printf 'honorboard: 1\\nslides: [\\n' > build/playdir/b-broken.yaml");
    assert_int_equal(run("SDL_VIDEODRIVER=dummy %s play build/playdir --window=640x360 "
                         "--quit-after 14 --log build/play.jsonl 2>build/play.err",
                         bin()),
                     0);
    char *log = slurp("build/play.jsonl");
    assert_int_equal(count_str(log, "\"event\":\"start\""), 1);
    assert_int_equal(count_str(log, "\"event\":\"stop\",\"reason\":\"quit-after\""), 1);
    assert_true(count_str(log, "\"event\":\"slide\"") >= 4);
    assert_non_null(strstr(log, "\"playlist\":\"build/playdir/a.yaml\",\"slide\":1,\"page\":1"));
    assert_non_null(strstr(log, "\"type\":\"story\",\"title\":\"杨建桥\""));
    /* the broken playlist is shown as an error card, and the good one keeps playing after it */
    assert_non_null(strstr(log, "\"playlist\":\"build/playdir/b-broken.yaml\",\"slide\":0"));
    assert_non_null(strstr(log, "\"type\":\"card\""));
    /* every line is one JSON object with a time */
    for (char *l = strtok(log, "\n"); l; l = strtok(NULL, "\n")) {
        assert_true(l[0] == '{' && l[strlen(l) - 1] == '}');
        assert_non_null(strstr(l, "{\"time\":\"20"));
    }
    free(log);
    char *err = slurp("build/play.err");
    assert_non_null(strstr(err, "b-broken.yaml:"));
    free(err);
}

static pid_t spawn_play(const char *log)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "playlists", "--window=320x180", "--log", log, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void test_signals(void **state)
{
    (void)state;
    unlink("build/sig.jsonl");
    pid_t pid = spawn_play("build/sig.jsonl");
    assert_true(pid > 0);
    wait_for("build/sig.jsonl", "\"event\":\"ready\"", 20); /* the first page is up */
    kill(pid, SIGHUP);
    wait_for("build/sig.jsonl", "\"event\":\"reload\"", 10);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    char *log = slurp("build/sig.jsonl");
    assert_non_null(strstr(log, "\"event\":\"stop\",\"reason\":\"signal\""));
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_codes), cmocka_unit_test(test_version),
        cmocka_unit_test(test_help),       cmocka_unit_test(test_play_log),
        cmocka_unit_test(test_signals),    cmocka_unit_test(test_config_summary_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
