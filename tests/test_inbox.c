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
#include <limits.h>

#include "store/inbox.h"
#include "store/store.h"
#include "base/util.h"

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
 * last file; after it, complete exactly when `last_completes` (a list of these files is there). */
static void trickle(struct inbox *ib, const char *src, unsigned seed, bool last_completes)
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
        sh("sleep 0.01 && cp %s/honorboard/%s " T "/inbox/honorboard/%s", src, files[order[k]],
           files[order[k]]);
        if (k == 3 && last_completes) {
            assert_int_equal(inbox_poll(ib), INBOX_IMPORT);
            assert_int_equal(inbox_poll(ib), INBOX_NOTHING); /* once */
            continue;
        }
        assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
        assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
        assert_int_equal(inbox_state(ib, NULL), INBOX_WAITING);
    }
}

/* The manifest publish would write for src (written into src/honorboard/MANIFEST). */
static void make_manifest(const char *src)
{
    sh("rm -rf " T "/mk && %s publish %s " T "/mk 2>/dev/null && cp " T
       "/mk/honorboard/MANIFEST %s/honorboard/MANIFEST",
       bin(), src, src);
}

/* Defect 6: complete only when the files are exactly what MANIFEST (written last) lists; an
 * old MANIFEST with new files arriving (a sync in progress) is never complete; nothing is read
 * or hashed again while the inbox stays the same. */
static void test_manifest_last(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T "/inbox");
    make_source(T "/src1", "第一批");
    make_manifest(T "/src1");
    struct inbox *ib = inbox_create(T "/inbox");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING); /* empty */
    assert_int_equal(inbox_state(ib, NULL), INBOX_EMPTY);
    trickle(ib, T "/src1", 7, false);
    const char *why;
    inbox_state(ib, &why);
    assert_non_null(strstr(why, "no MANIFEST yet"));
    sh("cp " T "/src1/honorboard/MANIFEST " T "/inbox/honorboard/"); /* the sender's last file */
    assert_int_equal(inbox_poll(ib), INBOX_IMPORT); /* complete: at once, no quiet period */
    unsigned long hashed = inbox_files_hashed(ib);
    assert_int_equal(hashed, 4);
    for (int i = 0; i < 5; i++) /* nothing changed: not handed out again, nothing hashed */
        assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    assert_int_equal(inbox_files_hashed(ib), hashed);
    /* a newer bundle arrives file by file while the old MANIFEST is still there */
    make_source(T "/src2", "第二批");
    sh("convert -size 300x200 xc:red " T "/src2/honorboard/photos/wang-hui.jpg");
    make_manifest(T "/src2");
    sh("sleep 0.01 && cp " T "/src2/honorboard/a.yaml " T "/inbox/honorboard/a.yaml");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    inbox_state(ib, &why);
    assert_non_null(strstr(why, "a.yaml"));
    sh("sleep 0.01 && cp " T "/src2/honorboard/photos/wang-hui.jpg " T "/inbox/honorboard/photos/");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    /* a file the old MANIFEST does not list: still not complete */
    sh("cp " T "/src2/honorboard/a.yaml " T "/inbox/honorboard/b.yaml");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    inbox_state(ib, &why);
    assert_non_null(strstr(why, "b.yaml is not in the list"));
    sh("rm " T "/inbox/honorboard/b.yaml");
    hashed = inbox_files_hashed(ib);
    for (int i = 0; i < 5; i++) /* waiting: looked at once, not again */
        assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    assert_true(inbox_files_hashed(ib) <= hashed + 4);
    hashed = inbox_files_hashed(ib);
    for (int i = 0; i < 5; i++)
        assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    assert_int_equal(inbox_files_hashed(ib), hashed);
    sh("sleep 0.01 && cp " T "/src2/honorboard/MANIFEST " T "/inbox/honorboard/");
    assert_int_equal(inbox_poll(ib), INBOX_IMPORT);
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    inbox_destroy(ib);
}

static void test_interrupted_sync(void **state)
{
    (void)state;
    sh("rm -rf " T "/inbox && mkdir -p " T "/inbox/honorboard/photos");
    make_source(T "/src1", "第一批");
    make_manifest(T "/src1");
    struct inbox *ib = inbox_create(T "/inbox");
    /* the manifest and half the files arrive, then the connection drops: never imported */
    sh("cp " T "/src1/honorboard/MANIFEST " T "/src1/honorboard/a.yaml " T
       "/inbox/honorboard/ && cp " T "/src1/honorboard/photos/yu-cheng.jpg " T
       "/inbox/honorboard/photos/");
    for (int i = 0; i < 10; i++)
        assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    const char *why;
    assert_int_equal(inbox_state(ib, &why), INBOX_WAITING);
    assert_non_null(strstr(why, "has not arrived"));
    /* a half-copied photo (its temporary file renamed too early): its size says so */
    sh("cp " T "/src1/honorboard/photos/wang-hui.jpg " T "/src1/honorboard/photos/li-luqie.jpg " T
       "/inbox/honorboard/photos/ && truncate -s 1000 " T "/inbox/honorboard/photos/li-luqie.jpg");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    inbox_state(ib, &why);
    assert_non_null(strstr(why, "li-luqie.jpg has 1000 of"));
    /* a damaged MANIFEST is refused, once */
    sh("echo 'file zz 12 ../../etc/passwd' > " T "/inbox/honorboard/MANIFEST");
    assert_int_equal(inbox_poll(ib), INBOX_REFUSAL);
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    assert_int_equal(inbox_state(ib, &why), INBOX_REFUSED);
    assert_non_null(strstr(why, "MANIFEST cannot be used"));
    inbox_destroy(ib);
}

static void test_signed_in_any_order(void **state)
{
    (void)state;
    sh("rm -rf " T "/inbox " T "/keys && mkdir -p " T "/inbox");
    sh("%s keygen --out " T "/keys 2>/dev/null", bin());
    make_source(T "/src3", "签名内容");
    sh("%s sign " T "/src3 --key " T "/keys/honorboard.key --version 3 2>/dev/null", bin());
    struct inbox *ib = inbox_create(T "/inbox");
    /* a sync engine may deliver the SIGNATURE first; without MANIFEST its list of files is
     * what completes the bundle */
    sh("mkdir -p " T "/inbox/honorboard && cp " T "/src3/honorboard/SIGNATURE " T
       "/inbox/honorboard/");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    trickle(ib, T "/src3", 99, true);
    /* a file changed afterwards (a half-synced newer version) does not match: not handed out */
    sh("sleep 0.01 && echo '# edit' >> " T "/inbox/honorboard/a.yaml");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    assert_int_equal(inbox_state(ib, NULL), INBOX_WAITING);
    inbox_destroy(ib);
}

static void test_publish_order(void **state)
{
    (void)state;
    make_source(T "/src4", "发布");
    sh("rm -rf " T "/pub && %s publish " T "/src4 " T "/pub 2>/dev/null", bin());
    assert_true(path_is_file(T "/pub/honorboard/MANIFEST"));
    assert_false(path_is_file(T "/pub/honorboard/READY"));
    assert_true(path_is_file(T "/pub/honorboard/photos/li-luqie.jpg"));
    /* MANIFEST is newer than every file (written last) and lists each with its size */
    assert_int_equal(system("test -z \"$(find " T "/pub/honorboard -type f -newer " T
                            "/pub/honorboard/MANIFEST)\""),
                     0);
    char *m = slurp(T "/pub/honorboard/MANIFEST");
    assert_int_equal(count_str(m, "\nfile "), 4);
    assert_non_null(strstr(m, " 148604 photos/wang-hui.jpg\n"));
    free(m);
    /* publishing again first removes MANIFEST, so a reader never sees it with new half-files */
    sh("cp " T "/pub/honorboard/MANIFEST " T "/manifest.before");
    sh("sleep 1.1 && %s publish " T "/src4 " T "/pub 2>/dev/null", bin());
    assert_true(path_is_file(T "/pub/honorboard/MANIFEST"));
    assert_int_equal(system("test -z \"$(find " T "/pub/honorboard -type f -newer " T
                            "/pub/honorboard/MANIFEST)\""),
                     0);
}

/* The import itself holds an inbox bundle to its MANIFEST: a file changed after the inbox found
 * the bundle complete (a new sync started) is not stored. A stick's stale MANIFEST is ignored. */
static void test_import_checks_manifest(void **state)
{
    (void)state;
    make_source(T "/src5", "清单");
    sh("rm -rf " T "/pub5 " T "/store5 && %s publish " T "/src5 " T "/pub5 2>/dev/null", bin());
    sh("echo '# 改过' >> " T "/pub5/honorboard/a.yaml");
    struct store_policy pol = {.need_manifest = true};
    struct store_result r;
    assert_int_equal(store_import_with(T "/store5", T "/pub5", &pol, NULL, NULL, &r), -1);
    assert_int_equal(r.outcome, STORE_ABORTED);
    const struct diag_msg *m = diag_first_error(&r.diag);
    assert_non_null(m);
    assert_non_null(strstr(m->text, "a.yaml does not match MANIFEST"));
    store_result_free(&r);
    assert_null(store_current(T "/store5"));
    /* the same folder as a stick: its MANIFEST is not the author's business */
    assert_int_equal(store_import_with(T "/store5", T "/pub5", NULL, NULL, NULL, &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
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
    wait_for(T "/e2e/play1.jsonl", "\"event\":\"ready\"", 30); /* the first page is up */
    wait_for(T "/e2e/play2.jsonl", "\"event\":\"ready\"", 30); /* the first page is up */
    /* the office publishes, then pushes with rsync as the README shows */
    sh("%s publish " T "/e2e/office " T "/e2e/outbox 2>/dev/null", bin());
    for (int n = 1; n <= 2; n++)
        sh("rsync -a --delete --delay-updates " T "/e2e/outbox/honorboard/ " T
           "/e2e/inbox%d/honorboard/",
           n);
    wait_for(T "/e2e/play1.jsonl",
             "\"result\":\"ok\",\"message\":\"已从收件文件夹载入新内容：远程下发内容", 40);
    wait_for(T "/e2e/play2.jsonl",
             "\"result\":\"ok\",\"message\":\"已从收件文件夹载入新内容：远程下发内容", 40);
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
        assert_null(strstr(log, "U盘")); /* an inbox has no stick to pull out (issue 29) */
        free(log);
    }
}

/* Version v of a bundle at DIR/honorboard: a playlist titled "第v版" and three photos of its
 * own (about 120 KB each, different in every version). */
static void make_version(const char *dir, int v)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos", dir, dir);
    for (int k = 1; k <= 3; k++)
        sh("convert -size 640x480 -seed %d plasma:fractal -quality 90 %s/honorboard/photos/p%d.jpg",
           v * 10 + k, dir, k);
    sh("printf 'honorboard: 1\\ntitle: 第%d版\\nslides:\\n  - { type: story, name: 余程, photo: "
       "photos/p1.jpg, text: 正文 }\\n  - { type: photo, image: photos/p2.jpg, caption: 合影 }\\n"
       "  - { type: photo, image: photos/p3.jpg, caption: 集体 }\\n' > %s/honorboard/a.yaml",
       v, dir);
}

/* Runs `rsync ARGS` (throttled) while watching the inbox: true when rsync's temporary files were
 * seen there while it ran. */
static bool rsync_watched(const char *args)
{
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", args, (char *)NULL);
        _exit(127);
    }
    bool saw_temp = false;
    int st = 0;
    while (waitpid(pid, &st, WNOHANG) == 0) {
        saw_temp |= system("find " T "/rs/inbox -name '.*' | grep -q .") == 0;
        usleep(100000);
    }
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    return saw_temp;
}

/* Every file of the stored bundle is byte for byte the file of version dir. */
static void assert_bundle_is(const char *bundle, const char *dir)
{
    static const char *const names[] = {"a.yaml", "photos/p1.jpg", "photos/p2.jpg",
                                        "photos/p3.jpg"};
    for (int i = 0; i < 4; i++)
        if (run("cmp -s %s/%s %s/honorboard/%s", bundle, names[i], dir, names[i]) != 0)
            fail_msg("stored %s/%s is not the file of %s: a mixed bundle was imported", bundle,
                     names[i], dir);
}

/* Defect 6, for real: the README's rsync recipes over a slow link (rsync --bwlimit really writes
 * its dot-named temporary files into the inbox while the player polls it), once plain (each file
 * lands when it is done, MANIFEST among them) and once with --delay-updates. The board imports
 * each version exactly once, complete - never a mix of old and new files. */
static void test_rsync_throttled(void **state)
{
    (void)state;
    sh("rm -rf " T "/rs && mkdir -p " T "/rs/inbox " T "/rs/none");
    make_version(T "/rs/v1", 1);
    make_version(T "/rs/v2", 2);
    make_version(T "/rs/v3", 3);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen(T "/rs/err.txt", "w", stderr);
        execl(bin(), bin(), "play", "--store", T "/rs/store", "--inbox", T "/rs/inbox", "--watch",
              T "/rs/none", "--window=320x180", "--log", T "/rs/play.jsonl", "--status",
              T "/rs/status.json", "--quit-after", "150", (char *)NULL);
        _exit(127);
    }
    wait_for(T "/rs/play.jsonl", "\"event\":\"ready\"", 30); /* the first page is up */
    sh("%s publish " T "/rs/v1 " T "/rs/outbox 2>/dev/null", bin());
    sh("rsync -a --delete " T "/rs/outbox/honorboard/ " T "/rs/inbox/honorboard/");
    wait_for(T "/rs/play.jsonl", "第1版", 40);
    /* plain rsync, 30 KB/s: each photo takes about 4 s, in a dot-named temporary file */
    sh("%s publish " T "/rs/v2 " T "/rs/outbox 2>/dev/null", bin());
    assert_true(rsync_watched("rsync -a --delete --bwlimit=30 " T "/rs/outbox/honorboard/ " T
                              "/rs/inbox/honorboard/"));
    wait_for(T "/rs/play.jsonl", "第2版", 40);
    /* the README's recipe: --delay-updates puts every file in place at the end */
    sh("%s publish " T "/rs/v3 " T "/rs/outbox 2>/dev/null", bin());
    assert_true(rsync_watched("rsync -a --delete --delay-updates --bwlimit=30 " T
                              "/rs/outbox/honorboard/ " T "/rs/inbox/honorboard/"));
    wait_for(T "/rs/play.jsonl", "第3版", 40);
    wait_for(T "/rs/status.json", "\"inbox_state\": \"imported\"", 10); /* rewritten every 2 s */
    kill(pid, SIGTERM);
    int st;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* exactly three imports, all ok, in order; the stored bundles are whole versions */
    char *log = slurp(T "/rs/play.jsonl");
    if (count_str(log, "\"event\":\"import\"") != 3 || count_str(log, "\"result\":\"ok\"") != 3)
        fail_msg("want exactly 3 ok imports:\n%s", log);
    char *i2 = strstr(log, "第2版"), *i3 = strstr(log, "第3版");
    assert_true(i2 && i3 && i2 < i3);
    free(log);
    char *cur = store_current(T "/rs/store");
    assert_bundle_is(cur, T "/rs/v3");
    char *prev = realpath(T "/rs/store/previous", NULL);
    assert_non_null(prev);
    assert_bundle_is(prev, T "/rs/v2");
    free(cur), free(prev);
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
              "--config", T "/st/config.yaml", "--watch", T "/st/none", "--window=320x180", "--log",
              T "/st/play.jsonl", "--quit-after", "150", (char *)NULL);
        _exit(127);
    }
    wait_for(T "/st/play.jsonl", "\"event\":\"ready\"", 30); /* the first page is up */
    make_source(T "/st/office", "同步下发内容");
    sh("%s sign " T "/st/office --key " T "/st/keys/honorboard.key --version 7 2>/dev/null", bin());
    sh("%s publish " T "/st/office " T "/st/pair/outbox 2>/dev/null", bin());
    wait_for(T "/st/play.jsonl",
             "\"result\":\"ok\",\"message\":\"已从收件文件夹载入新内容：同步下发内容", 120);
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
    if (getenv("HB_TEST_FILTER")) /* e.g. HB_TEST_FILTER=test_rsync_throttled: one test */
        cmocka_set_test_filter(getenv("HB_TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manifest_last),          cmocka_unit_test(test_interrupted_sync),
        cmocka_unit_test(test_signed_in_any_order),    cmocka_unit_test(test_publish_order),
        cmocka_unit_test(test_import_checks_manifest), cmocka_unit_test(test_rsync_throttled),
        cmocka_unit_test(test_rsync_two_screens),      cmocka_unit_test(test_syncthing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
