/* test_reliability.c - the board under real faults: a content switch while the status file is
 * written, hostile files on a stick (a FIFO, a link to /dev/zero, a 600 MB playlist), a lost
 * `current`, two writers on one store, bytes changed between check and copy, a half-synced
 * inbox, silent refusals, a log on a full or vanished disk, nothing playable, bad screen_off
 * hours, full and read-only stores, and signals. Each test names the defect it reproduces;
 * README's reliability table points at these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#define T "build/test-reliability"

/* A stick: DIR/honorboard/a.yaml titled `title` with a story and a photo slide. */
static void make_stick(const char *dir, const char *title)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "playlists/photos/wang-hui.jpg %s/honorboard/photos/ && printf 'honorboard: 1\\ntitle: %s\\n"
       "slides:\\n  - { type: story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n"
       "  - { type: photo, image: photos/wang-hui.jpg, caption: 合影 }\\n' > %s/honorboard/a.yaml",
       dir, dir, dir, title, dir);
}

/* Starts `honorboard play` headless with the given extra arguments (NULL-terminated); its
 * stderr goes to err_path. Extra environment: one "NAME=value" or NULL. */
static pid_t spawn_player(const char *err_path, const char *env, const char *const *args)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        if (env)
            putenv((char *)env);
        if (!freopen(err_path, "w", stderr))
            _exit(126);
        const char *argv[32] = {bin(), "play", "--window=160x90"};
        int n = 3;
        for (int i = 0; args[i] && n < 31; i++)
            argv[n++] = args[i];
        argv[n] = NULL;
        execv(bin(), (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* Sends sig and returns the exit status (or 128+signal when it was killed by one). */
static int stop_player(pid_t pid, int sig)
{
    if (sig)
        kill(pid, sig);
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The string value of "key" in our one-key-per-line status file, or NULL for null/absent. */
static char *status_value(const char *json, const char *key)
{
    char *pat = xasprintf("\"%s\": \"", key);
    const char *p = strstr(json, pat);
    size_t plen = strlen(pat);
    free(pat);
    if (!p)
        return NULL;
    p += plen;
    struct strbuf b = {0};
    for (; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1])
            p++;
        sb_add(&b, p, 1);
    }
    if (!b.s)
        b.s = xstrdup("");
    return b.s;
}

static bool valid_utf8(const char *s)
{
    size_t n = strlen(s), len;
    for (size_t i = 0; i < n; i += len)
        if (utf8_decode(s + i, n - i, &len) == 0xFFFD)
            return false;
    return true;
}

/* Defect 1: after SIGHUP (systemctl reload) the status file's "playlist" pointed into freed
 * content. glibc's MALLOC_PERTURB_ fills freed memory, so the plain build shows the garbage;
 * under SANITIZE=1 AddressSanitizer stops the player (its exit status is checked). */
static void test_status_after_reload(void **state)
{
    (void)state;
    sh("rm -rf " T "/uaf && mkdir -p " T "/uaf");
    make_stick(T "/uaf/stick", "状态文件");
    sh("%s import " T "/uaf/stick --store " T "/uaf/store 2>/dev/null", bin());
    const char *args[] = {"--store", T "/uaf/store", "--watch", T "/uaf/none", "--status",
                          T "/uaf/status.json", "--log", T "/uaf/play.jsonl", "--quit-after", "60",
                          NULL};
    pid_t pid = spawn_player(T "/uaf/err.txt", "MALLOC_PERTURB_=165", args);
    wait_for(T "/uaf/play.jsonl", "\"event\":\"slide\"", 20);
    for (int round = 0; round < 3; round++) {
        kill(pid, SIGHUP);
        wait_for_n(T "/uaf/play.jsonl", "\"event\":\"reload\"", round + 1, 20);
        usleep(2600000); /* the status file is rewritten every 2 s; slides last 12 s */
        char *json = slurp(T "/uaf/status.json");
        char *pl = status_value(json, "playlist");
        if (pl && (!valid_utf8(pl) || !path_is_file(pl)))
            fail_msg("status \"playlist\" after a reload is not a playlist file: '%s'\n%s", pl, json);
        free(pl);
        free(json);
    }
    int rc = stop_player(pid, SIGTERM);
    if (rc != 0) {
        char *err = slurp(T "/uaf/err.txt");
        fail_msg("the player exited with %d:\n%s", rc, err);
    }
}

/* Imports `stick` by hand with a time limit; returns the exit status (124 = it hung). */
static int import_with_limit(const char *stick, const char *store, const char *out)
{
    sh("mkdir -p " T " && echo 'language: en' > " T "/en.yaml"); /* import speaks the board's language */
    return run("timeout -s KILL 20 %s import %s --store %s --config " T "/en.yaml > %s 2>&1", bin(),
               stick, store, out);
}

static void expect_refused(const char *stick, const char *want)
{
    int rc = import_with_limit(stick, T "/hostile/store", T "/hostile/out.txt");
    char *out = slurp(T "/hostile/out.txt");
    if (rc != 1 || !strstr(out, want))
        fail_msg("import of %s: exit %d (want 1, rejected), output lacks '%s':\n%s", stick, rc,
                 want, out);
    free(out);
}

/* Defect 2: a playlist that is a link to /dev/zero, a FIFO, or a 600 MB file took the board
 * down (out of memory, or a hang even on SIGTERM). Now: refused with a message, and the size
 * limit holds while reading (the message is the reader's, not the parser's). */
static void test_hostile_stick_files(void **state)
{
    (void)state;
    sh("rm -rf " T "/hostile && mkdir -p " T "/hostile");
    make_stick(T "/hostile/good", "原有内容");
    sh("%s import " T "/hostile/good --store " T "/hostile/store 2>/dev/null", bin());
    make_stick(T "/hostile/zero", "零");
    sh("ln -sf /dev/zero " T "/hostile/zero/honorboard/a.yaml");
    expect_refused(T "/hostile/zero", "a.yaml: error: cannot read: it is a symbolic link");
    make_stick(T "/hostile/fifo", "管道");
    sh("rm " T "/hostile/fifo/honorboard/a.yaml && mkfifo " T "/hostile/fifo/honorboard/a.yaml");
    expect_refused(T "/hostile/fifo", "a.yaml: error: cannot read: it is not a plain file");
    make_stick(T "/hostile/huge", "巨大");
    sh("truncate -s 600M " T "/hostile/huge/honorboard/a.yaml");
    expect_refused(T "/hostile/huge", "a.yaml: error: the file is more than 1048576 bytes");
    make_stick(T "/hostile/photofifo", "照片管道");
    sh("rm " T "/hostile/photofifo/honorboard/photos/wang-hui.jpg && mkfifo " T
       "/hostile/photofifo/honorboard/photos/wang-hui.jpg");
    expect_refused(T "/hostile/photofifo", "image 'photos/wang-hui.jpg' is not a file");
    /* the player watching drives: each stick refused, the board plays on and stops on SIGTERM */
    sh("mkdir -p " T "/hostile/root");
    const char *args[] = {"--store", T "/hostile/store", "--watch", T "/hostile/root", "--log",
                          T "/hostile/play.jsonl", "--quit-after", "90", NULL};
    pid_t pid = spawn_player(T "/hostile/err.txt", NULL, args);
    wait_for(T "/hostile/play.jsonl", "\"event\":\"slide\"", 20);
    const char *sticks[] = {"zero", "fifo", "huge"};
    for (int i = 0; i < 3; i++) {
        sh("mv " T "/hostile/%s " T "/hostile/root/%s", sticks[i], sticks[i]);
        wait_for_n(T "/hostile/play.jsonl", "\"result\":\"rejected\"", i + 1, 40);
    }
    int rc = stop_player(pid, SIGTERM);
    assert_int_equal(rc, 0);
    char *cur = store_current(T "/hostile/store");
    char *y = path_join(cur, "a.yaml"), *text = slurp(y);
    assert_non_null(strstr(text, "title: 原有内容"));
    free(text), free(y), free(cur);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_after_reload),
        cmocka_unit_test(test_hostile_stick_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
