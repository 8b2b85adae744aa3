/* test_live.c - the screen keeps up with the author (issue 26): the live preview on her PC
 * (`play FOLDER --window`) reloads when a photo is saved, from its first moment, not only after
 * a playlist was saved once; and on the board, content loaded from a stick starts within 5 s of
 * the "loaded" notice, not when the slide on screen (up to minutes long) ends. The whole player
 * runs headless (SDL's dummy driver); what it did is read from its play log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define L "build/test-live"

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* ./honorboard play with args, headless, stderr to err. */
static pid_t spawn_play(const char *err, const char *const *args)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        if (!freopen(err, "w", stderr))
            _exit(126);
        const char *argv[32] = {bin(), "play", "--window=320x180"};
        int n = 3;
        for (int i = 0; args[i] && n < 31; i++)
            argv[n++] = args[i];
        argv[n] = NULL;
        execv(bin(), (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static void stop(pid_t pid)
{
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* A photo in photos/ saved again before any playlist was saved: the preview reloads. */
static void test_photo_save_followed_at_once(void **state)
{
    (void)state;
    sh("rm -rf " L " && mkdir -p " L "/photos && convert -size 400x400 xc:'#808080' " L
       "/photos/a.jpg");
    write_text(L "/a.yaml", "honorboard: 1\ntitle: 直播\nslides:\n  - type: story\n    name: 余程\n"
                            "    photo: photos/a.jpg\n    text: 好\n    duration: 60s\n");
    const char *args[] = {L, "--log", L "/play.jsonl", "--quit-after", "60", NULL};
    pid_t pid = spawn_play(L "/err.txt", args);
    /* the first page is up ("ready"; a slide's own line is written when it leaves) */
    wait_for_n(L "/play.jsonl", "\"event\":\"ready\"", 1, 20);
    usleep(500000);
    sh("convert -size 400x400 xc:'#C01010' " L "/photos/a.new.jpg && mv " L "/photos/a.new.jpg " L
       "/photos/a.jpg");
    wait_for_n(L "/play.jsonl", "\"event\":\"reload\"", 1, 10);
    stop(pid);
}

/* The board plays slides of 2 minutes; a stick brings new content; its first slide is up
 * within 5 s of the import's result. */
static void test_new_content_within_5s(void **state)
{
    (void)state;
    sh("rm -rf " L "-b && mkdir -p " L "-b/old/honorboard " L "-b/new/honorboard " L "-b/root");
    write_text(L "-b/old/honorboard/a.yaml",
               "honorboard: 1\ntitle: 旧\nslides:\n  - type: text\n    title: 旧的一张\n"
               "    text: 好\n    duration: 120s\n  - type: text\n    title: 旧的二张\n"
               "    text: 好\n    duration: 120s\n");
    write_text(L "-b/new/honorboard/a.yaml",
               "honorboard: 1\ntitle: 新\nslides:\n  - type: text\n    title: 新的一张\n"
               "    text: 好\n    duration: 120s\n");
    write_text(L "-b/en.yaml", "language: en\n");
    sh("%s import " L "-b/old --store " L "-b/store >/dev/null 2>&1", bin());
    const char *args[] = {"--config",     L "-b/en.yaml", "--store", L "-b/store",
                          "--watch",      L "-b/root",    "--log",   L "-b/play.jsonl",
                          "--quit-after", "90",           NULL};
    pid_t pid = spawn_play(L "-b/err.txt", args);
    wait_for_n(L "-b/play.jsonl", "\"event\":\"ready\"", 1, 20); /* 旧的一张 is up */
    sh("cp -r " L "-b/new " L "-b/root/.stick && mv " L "-b/root/.stick " L "-b/root/stick");
    wait_for_n(L "-b/play.jsonl", "\"event\":\"import\"", 1, 60);
    double t0 = now_seconds();
    wait_for_n(L "-b/play.jsonl", "\"event\":\"reload\"", 1, 30); /* 新的一张 is up */
    double waited = now_seconds() - t0;
    print_message("new content up %.1f s after the import\n", waited);
    char *log = slurp(L "-b/play.jsonl");
    if (!strstr(log, "New content loaded"))
        fail_msg("no import:\n%s", log);
    free(log);
    stop(pid);
    assert_true(waited < 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_photo_save_followed_at_once),
        cmocka_unit_test(test_new_content_within_5s),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
