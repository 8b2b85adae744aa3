/* test_inbox.c - many screens: bundles written into an inbox slowly, file by file, in random
 * order (nothing until complete, then exactly one import), an interrupted sync (nothing), a
 * newer bundle replacing an older one, signed bundles, `honorboard publish`, and an end-to-end
 * run with two real rsync transfers into two players' inboxes, both switching content. */
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
#include <unistd.h>

#include "inbox.h"
#include "util.h"

#define T "build/test-inbox"

/* The source bundle: a playlist and three photos. */
static void make_source(const char *dir, const char *title)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "playlists/photos/wang-hui.jpg playlists/photos/li-luqie.jpg %s/honorboard/photos/ && "
       "printf 'honorboard: 1\\ntitle: %s\\nslides:\\n  - { type: story, name: 余程, photo: "
       "photos/yu-cheng.jpg, text: 正文 }\\n  - type: roll\\n    title: 名单\\n    people:\\n"
       "      - { name: 王辉, photo: photos/wang-hui.jpg }\\n      - { name: 李露窃, photo: "
       "photos/li-luqie.jpg }\\n' > %s/honorboard/a.yaml",
       dir, dir, dir, title, dir);
}

static const char *files[] = {"a.yaml", "photos/yu-cheng.jpg", "photos/wang-hui.jpg",
                              "photos/li-luqie.jpg"};

/* Copies the files one by one in a shuffled order, polling in between: not complete before the
 * last file; after it, complete exactly when `last_completes`. */
static void trickle(struct inbox *ib, const char *src, double *now, unsigned seed,
                    bool last_completes)
{
    int order[4] = {0, 1, 2, 3};
    for (int i = 3; i > 0; i--) {
        seed = seed * 1103515245u + 12345u;
        int j = (int)((seed >> 16) % (unsigned)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    sh("mkdir -p " T "/inbox/honorboard/photos");
    for (int k = 0; k < 4; k++) {
        sh("cp %s/honorboard/%s " T "/inbox/honorboard/%s", src, files[order[k]], files[order[k]]);
        *now += 10; /* long pauses: the tree is quiet, but it is not complete */
        if (k == 3 && last_completes) {
            assert_true(inbox_poll(ib, *now));
            assert_false(inbox_poll(ib, *now += 10)); /* once */
            continue;
        }
        assert_false(inbox_poll(ib, *now));
        *now += 10;
        assert_false(inbox_poll(ib, *now));
    }
}

static void test_unsigned_ready_last(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T "/inbox");
    make_source(T "/src1", "第一批");
    struct inbox *ib = inbox_create(T "/inbox", NULL);
    double now = 1000;
    assert_false(inbox_poll(ib, now)); /* empty */
    trickle(ib, T "/src1", &now, 7, false);
    sh("date > " T "/inbox/honorboard/READY"); /* the sender's last file */
    assert_false(inbox_poll(ib, now += 1));    /* not quiet long enough yet */
    assert_true(inbox_poll(ib, now += INBOX_QUIET_SECONDS + 0.5)); /* complete: once */
    assert_false(inbox_poll(ib, now += 10));
    assert_false(inbox_poll(ib, now += 100)); /* nothing changed: no repeat */
    /* a newer bundle replaces the older one, again file by file */
    make_source(T "/src2", "第二批");
    sh("rm " T "/inbox/honorboard/READY");
    sh("sleep 0.01 && cp " T "/src2/honorboard/a.yaml " T "/inbox/honorboard/a.yaml");
    assert_false(inbox_poll(ib, now += 10));
    sh("date > " T "/inbox/honorboard/READY");
    assert_false(inbox_poll(ib, now += 1));
    assert_true(inbox_poll(ib, now += INBOX_QUIET_SECONDS + 0.5));
    assert_false(inbox_poll(ib, now += 10));
    inbox_destroy(ib);
}

static void test_interrupted_sync(void **state)
{
    (void)state;
    sh("rm -rf " T "/inbox && mkdir -p " T "/inbox/honorboard/photos");
    make_source(T "/src1", "第一批");
    struct inbox *ib = inbox_create(T "/inbox", NULL);
    double now = 1000;
    /* half the files arrive, then the connection drops: no READY, never imported */
    sh("cp " T "/src1/honorboard/a.yaml " T "/inbox/honorboard/ && cp "
       T "/src1/honorboard/photos/yu-cheng.jpg " T "/inbox/honorboard/photos/");
    for (int i = 0; i < 10; i++)
        assert_false(inbox_poll(ib, now += 60));
    inbox_destroy(ib);
}

static void test_signed_in_any_order(void **state)
{
    (void)state;
    sh("rm -rf " T "/inbox " T "/keys && mkdir -p " T "/inbox");
    sh("%s keygen --out " T "/keys 2>/dev/null", bin());
    make_source(T "/src3", "签名内容");
    sh("%s sign " T "/src3 --key " T "/keys/honorboard.key --version 3 2>/dev/null", bin());
    const char *keys[] = {T "/keys/honorboard.pub"};
    struct store_policy pol = {.trusted_keys = keys, .ntrusted = 1};
    struct inbox *ib = inbox_create(T "/inbox", &pol);
    double now = 1000;
    /* a sync engine may deliver the SIGNATURE first */
    sh("mkdir -p " T "/inbox/honorboard && cp " T "/src3/honorboard/SIGNATURE " T "/inbox/honorboard/");
    assert_false(inbox_poll(ib, now += 10));
    /* complete the moment every listed file is there and matches: no READY, no quiet period */
    trickle(ib, T "/src3", &now, 99, true);
    /* a file changed afterwards (a half-synced newer version) does not match: not handed out */
    sh("sleep 0.01 && echo '# edit' >> " T "/inbox/honorboard/a.yaml");
    assert_false(inbox_poll(ib, now += 60));
    inbox_destroy(ib);
}

static void test_publish_order(void **state)
{
    (void)state;
    make_source(T "/src4", "发布");
    sh("rm -rf " T "/pub && %s publish " T "/src4 " T "/pub 2>/dev/null", bin());
    assert_true(path_is_file(T "/pub/honorboard/READY"));
    assert_true(path_is_file(T "/pub/honorboard/photos/li-luqie.jpg"));
    /* READY is newer than every file (written last) */
    assert_int_equal(system("test -z \"$(find " T "/pub/honorboard -type f -newer " T
                            "/pub/honorboard/READY)\""),
                     0);
    /* publishing again first removes READY, so a reader never sees READY with new half-files */
    sh("cp " T "/pub/honorboard/READY " T "/ready.before");
    sh("sleep 1.1 && %s publish " T "/src4 " T "/pub 2>/dev/null", bin());
    assert_int_not_equal(system("cmp -s " T "/ready.before " T "/pub/honorboard/READY"), 0);
}

static pid_t player(int n)
{
    pid_t pid = fork();
    if (pid == 0) {
        char store[64], inbox[64], log[64];
        snprintf(store, sizeof store, T "/e2e/store%d", n);
        snprintf(inbox, sizeof inbox, T "/e2e/inbox%d", n);
        snprintf(log, sizeof log, T "/e2e/play%d.jsonl", n);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "--store", store, "--inbox", inbox, "--watch", T "/e2e/none",
              "--window=320x180", "--log", log, "--quit-after", "90", (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void test_rsync_two_screens(void **state)
{
    (void)state;
    if (system("command -v rsync >/dev/null 2>&1") != 0) {
        fail_msg("rsync is not installed (make deps installs it)");
    }
    sh("rm -rf " T "/e2e && mkdir -p " T "/e2e/inbox1 " T "/e2e/inbox2 " T "/e2e/none");
    make_source(T "/e2e/office", "远程下发内容");
    pid_t a = player(1), b = player(2);
    wait_for(T "/e2e/play1.jsonl", "\"event\":\"slide\"", 30);
    wait_for(T "/e2e/play2.jsonl", "\"event\":\"slide\"", 30);
    /* the office pushes with rsync: files first, READY last, as the README shows */
    for (int n = 1; n <= 2; n++) {
        sh("rsync -a --exclude READY " T "/e2e/office/honorboard/ " T "/e2e/inbox%d/honorboard/", n);
        sh("date > " T "/e2e/office/honorboard/READY && rsync -a " T
           "/e2e/office/honorboard/READY " T "/e2e/inbox%d/honorboard/", n);
    }
    wait_for(T "/e2e/play1.jsonl", "\"result\":\"ok\",\"message\":\"已载入新内容：远程下发内容", 40);
    wait_for(T "/e2e/play2.jsonl", "\"result\":\"ok\",\"message\":\"已载入新内容：远程下发内容", 40);
    wait_for(T "/e2e/play1.jsonl", "\"title\":\"余程\"", 40); /* the new content on screen */
    wait_for(T "/e2e/play2.jsonl", "\"title\":\"余程\"", 40);
    kill(a, SIGTERM);
    kill(b, SIGTERM);
    int st;
    waitpid(a, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    waitpid(b, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* exactly one import each: nothing repeated while the inbox stayed the same */
    for (int n = 1; n <= 2; n++) {
        char p[64];
        snprintf(p, sizeof p, T "/e2e/play%d.jsonl", n);
        char *log = slurp(p);
        int imports = 0;
        for (const char *q = log; (q = strstr(q, "\"event\":\"import\"")); q++)
            imports++;
        assert_int_equal(imports, 1);
        free(log);
    }
}

/* The README's Syncthing setup, for real on this machine: an office instance with a Send Only
 * folder, a screen instance receiving it, a player with that folder as its inbox, a signed
 * bundle published at the office. */
static void test_syncthing(void **state)
{
    (void)state;
    if (system("command -v syncthing >/dev/null 2>&1") != 0)
        fail_msg("syncthing is not installed (make deps installs it)");
    sh("rm -rf " T "/st && mkdir -p " T "/st");
    sh("bash tests/tools/syncthing-pair.sh start " T "/st/pair");
    sh("%s keygen --out " T "/st/keys 2>/dev/null", bin());
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    FILE *cf = fopen(T "/st/config.yaml", "w");
    assert_non_null(cf);
    fprintf(cf, "trusted_keys: [%s/" T "/st/keys/honorboard.pub]\n", cwd);
    fclose(cf);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "--store", T "/st/store", "--inbox", T "/st/pair/inbox",
              "--config", T "/st/config.yaml", "--watch", T "/st/none", "--window=320x180",
              "--log", T "/st/play.jsonl", "--quit-after", "150", (char *)NULL);
        _exit(127);
    }
    wait_for(T "/st/play.jsonl", "\"event\":\"slide\"", 30);
    make_source(T "/st/office", "同步下发内容");
    sh("%s sign " T "/st/office --key " T "/st/keys/honorboard.key --version 7 2>/dev/null", bin());
    sh("%s publish " T "/st/office " T "/st/pair/outbox 2>/dev/null", bin());
    wait_for(T "/st/play.jsonl", "\"result\":\"ok\",\"message\":\"已载入新内容：同步下发内容", 120);
    wait_for(T "/st/play.jsonl", "\"title\":\"余程\"", 40);
    kill(pid, SIGTERM);
    int st;
    waitpid(pid, &st, 0);
    sh("bash tests/tools/syncthing-pair.sh stop " T "/st/pair");
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char *log = slurp(T "/st/play.jsonl");
    assert_int_equal(count_str(log, "\"event\":\"import\""), 1);
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsigned_ready_last), cmocka_unit_test(test_interrupted_sync),
        cmocka_unit_test(test_signed_in_any_order), cmocka_unit_test(test_publish_order),
        cmocka_unit_test(test_rsync_two_screens), cmocka_unit_test(test_syncthing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
