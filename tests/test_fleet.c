/* test_fleet.c - knowing twenty boards from one office: `honorboard status` says "stopped" when
 * the player is gone or its status is old, the status file names the board and the signed
 * version and hash it plays, and `publish` prints the version and hash it published. */
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

#define T "build/test-fleet"

/* A signed bundle at DIR/honorboard: one story slide titled `title`, version v. */
static void make_signed(const char *dir, const char *title, int v)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "%s/honorboard/photos/ && printf 'honorboard: 1\\ntitle: %s\\nslides:\\n  - { type: story, "
       "name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n' > %s/honorboard/a.yaml",
       dir, dir, dir, title, dir);
    sh("%s sign %s --key " T "/keys/honorboard.key --version %d 2>/dev/null", bin(), dir, v);
}

static void keys(void)
{
    sh("mkdir -p " T " && ( test -f " T "/keys/honorboard.key || %s keygen --out " T
       "/keys >/dev/null 2>&1 )",
       bin());
}

/* Starts a player on store `store` with config `cfg`, writing `status`; returns its pid. */
static pid_t start_board(const char *store, const char *cfg, const char *status, const char *log)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "--store", store, "--config", cfg, "--status", status,
              "--watch", T "/none", "--window=320x180", "--log", log, "--quit-after", "120",
              (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* The output of a shell command (stdout), and its exit code in *rc. Caller frees. */
static char *output(int *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *output(int *rc, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    char *full = xasprintf("%s > " T "/out.txt", cmd);
    int r = system(full);
    free(full);
    *rc = WIFEXITED(r) ? WEXITSTATUS(r) : -1;
    return slurp(T "/out.txt");
}

/* Defect 2: the status file names the board and its signed content; `status` of a stopped
 * board says "stopped" and fails; `publish` prints what it published. */
static void test_status_names_and_stops(void **state)
{
    (void)state;
    keys();
    sh("rm -rf " T "/b1 && mkdir -p " T "/b1 " T "/none");
    make_signed(T "/b1/office", "第五版光荣榜", 5);
    int rc;
    char *pub = output(&rc, "%s publish " T "/b1/office " T "/b1/outbox 2>/dev/null", bin());
    assert_int_equal(rc, 0);
    assert_non_null(strstr(pub, "version 5"));
    char *hash = strstr(pub, "hash ");
    assert_non_null(hash);
    char h[65] = "";
    sscanf(hash + 5, "%64[0-9a-f]", h);
    assert_int_equal(strlen(h), 64);
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    FILE *f = fopen(T "/b1/config.yaml", "w");
    assert_non_null(f);
    fprintf(f, "name: 七号屏\ntrusted_keys: [%s/" T "/keys/honorboard.pub]\n", cwd);
    fclose(f);
    sh("%s import " T "/b1/outbox --store " T "/b1/store --config " T
       "/b1/config.yaml >/dev/null 2>&1",
       bin());
    pid_t pid =
        start_board(T "/b1/store", T "/b1/config.yaml", T "/b1/status.json", T "/b1/play.jsonl");
    wait_for(T "/b1/status.json", "\"name\": \"七号屏\"", 30);
    char *st = slurp(T "/b1/status.json");
    assert_non_null(strstr(st, "\"content_title\": \"第五版光荣榜\""));
    assert_non_null(strstr(st, "\"version\": 5"));
    char *want = xasprintf("\"hash\": \"%s\"", h);
    assert_non_null(strstr(st, want)); /* the hash publish printed is the one the board plays */
    free(want), free(st);
    char *out = output(&rc, "%s status " T "/b1/status.json", bin());
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "running"));
    assert_non_null(strstr(out, "七号屏"));
    free(out);
    kill(pid, SIGKILL); /* a board that died: the file stays, the pid is gone */
    int ws;
    waitpid(pid, &ws, 0);
    out = output(&rc, "%s status " T "/b1/status.json", bin());
    assert_int_equal(rc, 3);
    assert_non_null(strstr(out, "stopped"));
    free(out);
    /* a living pid (this test) but a status nobody has written for ten minutes: a hung board */
    char *s = slurp(T "/b1/status.json");
    char *u = strstr(s, "\"updated\": \"");
    assert_non_null(u);
    char stamp[64];
    time_t old = time(NULL) - 600;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", localtime(&old));
    memcpy(u + 12, stamp, strlen(stamp));
    char *p = strstr(s, "\"pid\": ");
    char *line_end = strchr(p, ',');
    char *fixed = xasprintf("%.*s\"pid\": %d%s", (int)(p - s), s, (int)getpid(), line_end);
    f = fopen(T "/b1/old.json", "w");
    fputs(fixed, f);
    fclose(f);
    out = output(&rc, "%s status " T "/b1/old.json", bin());
    assert_int_equal(rc, 3);
    assert_non_null(strstr(out, "stopped"));
    free(out), free(s), free(fixed), free(pub);
}

/* Defect 3: `sign` and `publish` refuse what every board would refuse, with the boards'
 * file:line:col messages, and leave nothing signed or published. */
static void test_sign_publish_refuse_broken(void **state)
{
    (void)state;
    keys();
    sh("rm -rf " T "/bad && mkdir -p " T "/bad/src/honorboard/photos && cp "
       "playlists/photos/yu-cheng.jpg " T "/bad/src/honorboard/photos/");
    /* a full-width colon after a key; in another playlist, a photo that is not there */
    sh("printf 'honorboard: 1\ntitle: 坏内容\nslides:\n  - type: story\n    name：余程\n"
       "    photo: photos/yu-cheng.jpg\n    text: 正文\n' > " T
       "/bad/src/honorboard/a.yaml && printf 'honorboard: 1\ntitle: 坏内容二\nslides:\n  - { "
       "type: story, name: 王辉, photo: photos/missing.jpg, text: 正文 }\n' > " T
       "/bad/src/honorboard/b.yaml");
    int rc = run("%s sign " T "/bad/src --key " T "/keys/honorboard.key --version 9 2>" T
                 "/bad/sign.err",
                 bin());
    assert_int_equal(rc, 1);
    assert_int_equal(access(T "/bad/src/honorboard/SIGNATURE", F_OK), -1);
    char *err = slurp(T "/bad/sign.err");
    assert_non_null(strstr(err, "a.yaml:5:")); /* the colon's line, as check names it */
    assert_non_null(strstr(err, "missing.jpg"));
    free(err);
    rc = run("%s publish " T "/bad/src " T "/bad/out 2>" T "/bad/pub.err", bin());
    assert_int_equal(rc, 1);
    assert_int_equal(access(T "/bad/out/honorboard", F_OK), -1);
    err = slurp(T "/bad/pub.err");
    assert_non_null(strstr(err, "a.yaml:5:"));
    assert_non_null(strstr(err, "missing.jpg"));
    free(err);
    /* the same messages a board's import gives (a board speaks Chinese by default) */
    run("%s import " T "/bad/src --store " T "/bad/store 2>" T "/bad/imp.err", bin());
    run("LANG=zh_CN.UTF-8 %s publish " T "/bad/src " T "/bad/out 2>" T "/bad/pub-zh.err", bin());
    char *imp = slurp(T "/bad/imp.err"), *pub = slurp(T "/bad/pub-zh.err");
    char *line = strstr(imp, "a.yaml:5:");
    assert_non_null(line);
    char first[256];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(line, "\n"), line);
    assert_non_null(strstr(pub, first));
    free(imp), free(pub);
}

/* A board for the fleet test: its config (name, trusted key, outbox), its store holding the
 * bundle in `content`, and the player started (stopping by itself after `secs`). */
static pid_t fleet_board(const char *name, const char *content, const char *secs)
{
    char cwd[1024], p[256];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(p, sizeof p, T "/fl/%s.yaml", name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fprintf(f,
            "name: %s\ntrusted_keys: [%s/" T "/keys/honorboard.pub]\noutbox: " T
            "/fl/outbox-%s\ninbox: " T "/fl/inbox-%s\n",
            name, cwd, name, name);
    fclose(f);
    sh("%s import %s --store " T "/fl/store-%s --config %s >/dev/null 2>&1", bin(), content, name,
       p);
    pid_t pid = fork();
    if (pid == 0) {
        char store[128], log[128];
        snprintf(store, sizeof store, T "/fl/store-%s", name);
        snprintf(log, sizeof log, T "/fl/play-%s.jsonl", name);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "--store", store, "--config", p, "--watch", T "/none",
              "--window=320x180", "--log", log, "--quit-after", secs, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Defect 2: three boards' outboxes, carried to the office with rsync: one stopped, one whose
 * inbox refused a bundle (signed by a key it does not trust), one playing an older version.
 * `fleet` names each, exits with the worst (silent), and writes an HTML page with the
 * screenshots inline. */
static void test_fleet_three_boards(void **state)
{
    (void)state;
    keys();
    sh("rm -rf " T "/fl && mkdir -p " T "/fl/office " T "/none && ( test -f " T
       "/otherkeys/honorboard.key || %s keygen --out " T "/otherkeys >/dev/null 2>&1 )",
       bin());
    make_signed(T "/fl/v1", "第一版", 1);
    make_signed(T "/fl/v2", "第二版", 2);
    pid_t a = fleet_board("lobby-1", T "/fl/v2", "4");
    pid_t b = fleet_board("gate-2", T "/fl/v2", "120");
    pid_t c = fleet_board("hall-3", T "/fl/v1", "120");
    int ws;
    waitpid(a, &ws, 0); /* lobby-1 stops by itself */
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    /* gate-2 is sent a bundle signed by a key it does not trust */
    make_signed(T "/fl/v3", "第三版", 3);
    sh("%s sign " T "/fl/v3 --key " T "/otherkeys/honorboard.key --version 3 2>/dev/null", bin());
    sh("%s publish " T "/fl/v3 " T "/fl/inbox-gate-2 >/dev/null 2>&1", bin());
    wait_for(T "/fl/outbox-gate-2/gate-2/status.json", "\"inbox_state\": \"refused\"", 30);
    wait_for(T "/fl/outbox-hall-3/hall-3/status.json", "\"version\": 1", 30);
    wait_for(T "/fl/outbox-lobby-1/lobby-1/status.json", "\"state\": \"stopped\"", 5);
    double end = now_seconds() + 20; /* the first screenshot comes with the first slide */
    while (access(T "/fl/outbox-hall-3/hall-3/screen.png", F_OK) != 0 && now_seconds() < end)
        usleep(100000);
    /* the office collects each board's outbox into one folder */
    const char *names[] = {"lobby-1", "gate-2", "hall-3"};
    for (int i = 0; i < 3; i++)
        sh("rsync -a " T "/fl/outbox-%s/ " T "/fl/office/board%d/", names[i], i + 1);
    int rc;
    char *out = output(&rc, "%s fleet " T "/fl/office --html " T "/fl/fleet.html", bin());
    kill(b, SIGTERM), kill(c, SIGTERM);
    waitpid(b, &ws, 0), waitpid(c, &ws, 0);
    assert_int_equal(rc, 6); /* the worst: a silent board */
    char *line;
    assert_non_null(line = strstr(out, "lobby-1 "));
    assert_int_equal(strncmp(line + 17, "silent", 6), 0);
    assert_non_null(line = strstr(out, "gate-2 "));
    assert_int_equal(strncmp(line + 17, "refused", 7), 0);
    assert_non_null(strstr(line, "签名与受信任的公钥都不符")); /* in the board's language */
    assert_non_null(line = strstr(out, "hall-3 "));
    assert_int_equal(strncmp(line + 17, "behind", 6), 0);
    assert_non_null(strstr(line, "the newest is 2"));
    assert_non_null(strstr(out, "3 boards: 0 ok, 1 behind, 1 refused, 0 stale, 1 silent"));
    char *html = slurp(T "/fl/fleet.html");
    assert_true(count_str(html, "data:image/png;base64,") >= 2);
    assert_non_null(strstr(html, "第一版"));
    assert_non_null(strstr(html, "class=\"st refused\""));
    free(html), free(out);
    /* an hour later nobody has written: all silent; between 5 and 30 min: stale */
    char at[64];
    time_t later = time(NULL) + 600;
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%S%z", localtime(&later));
    out = output(&rc, "%s fleet " T "/fl/office --at %s", bin(), at);
    assert_int_equal(rc, 6);
    assert_non_null(strstr(out, "0 ok, 0 behind, 0 refused, 2 stale, 1 silent"));
    free(out);
}

/* The same three boards with real Syncthing from Debian between folders on this machine
 * (tests/tools/syncthing-fleet.sh: an office instance and one per board, loopback only, sync
 * completion asked of the REST API): each board's outbox comes back to the office, the refused
 * bundle goes out to gate-2 through its inbox. `fleet` over the office's folders says what it
 * says over rsync's, and its page is photographed by headless Chromium when it is installed
 * (build/test-fleet/st/fleet.png, to look at). */
static void test_fleet_over_syncthing(void **state)
{
    (void)state;
    if (system("command -v syncthing >/dev/null 2>&1") != 0)
        fail_msg("syncthing is not installed (make deps installs it)");
    keys();
    sh("rm -rf " T "/fl && mkdir -p " T "/fl " T "/none && ( test -f " T
       "/otherkeys/honorboard.key || %s keygen --out " T "/otherkeys >/dev/null 2>&1 )",
       bin());
    sh("bash tests/tools/syncthing-fleet.sh start " T "/fl lobby-1 gate-2 hall-3");
    make_signed(T "/fl/v1", "第一版", 1);
    make_signed(T "/fl/v2", "第二版", 2);
    pid_t a = fleet_board("lobby-1", T "/fl/v2", "4");
    pid_t b = fleet_board("gate-2", T "/fl/v2", "150");
    pid_t c = fleet_board("hall-3", T "/fl/v1", "150");
    int ws;
    waitpid(a, &ws, 0); /* lobby-1 stops by itself */
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    /* the office publishes into gate-2's Send Only folder a bundle signed by a key gate-2
     * does not trust; Syncthing carries it into gate-2's inbox */
    make_signed(T "/fl/v3", "第三版", 3);
    sh("%s sign " T "/fl/v3 --key " T "/otherkeys/honorboard.key --version 3 2>/dev/null", bin());
    sh("%s publish " T "/fl/v3 " T "/fl/publish-gate-2 >/dev/null 2>&1", bin());
    sh("bash tests/tools/syncthing-fleet.sh complete " T "/fl office in-gate-2 gate-2");
    /* what the office receives: the boards' outboxes, through Syncthing only */
    wait_for(T "/fl/office/gate-2/gate-2/status.json", "\"inbox_state\": \"refused\"", 60);
    wait_for(T "/fl/office/hall-3/hall-3/status.json", "\"version\": 1", 60);
    sh("bash tests/tools/syncthing-fleet.sh complete " T "/fl lobby-1 out-lobby-1 office");
    wait_for(T "/fl/office/lobby-1/lobby-1/status.json", "\"state\": \"stopped\"", 5);
    double end = now_seconds() + 40; /* the first screenshot comes with the first slide */
    while (access(T "/fl/office/hall-3/hall-3/screen.png", F_OK) != 0 && now_seconds() < end)
        usleep(200000);
    sh("bash tests/tools/syncthing-fleet.sh complete " T "/fl hall-3 out-hall-3 office");
    int rc;
    char *out = output(&rc, "%s fleet " T "/fl/office --html " T "/fl/fleet.html", bin());
    kill(b, SIGTERM), kill(c, SIGTERM);
    waitpid(b, &ws, 0), waitpid(c, &ws, 0);
    sh("bash tests/tools/syncthing-fleet.sh stop " T "/fl");
    print_message("%s", out);
    assert_int_equal(rc, 6); /* the worst: a silent board */
    char *line;
    assert_non_null(line = strstr(out, "lobby-1 "));
    assert_int_equal(strncmp(line + 17, "silent", 6), 0);
    assert_non_null(line = strstr(out, "gate-2 "));
    assert_int_equal(strncmp(line + 17, "refused", 7), 0);
    assert_non_null(strstr(line, "签名与受信任的公钥都不符"));
    assert_non_null(line = strstr(out, "hall-3 "));
    assert_int_equal(strncmp(line + 17, "behind", 6), 0);
    assert_non_null(strstr(line, "the newest is 2"));
    assert_non_null(strstr(out, "3 boards: 0 ok, 1 behind, 1 refused, 0 stale, 1 silent"));
    char *html = slurp(T "/fl/fleet.html");
    assert_true(count_str(html, "data:image/png;base64,") >= 2);
    assert_non_null(strstr(html, "第一版"));
    assert_non_null(strstr(html, "class=\"st refused\""));
    assert_non_null(strstr(html, "class=\"st silent\""));
    assert_non_null(strstr(html, "class=\"st behind\""));
    free(html), free(out);
    if (system("command -v chromium >/dev/null 2>&1") == 0) { /* to look at */
        sh("cd " T "/fl && chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
           "--window-size=1280,900 --screenshot=fleet.png file://$(pwd)/fleet.html "
           ">chromium.log 2>&1");
        assert_int_equal(access(T "/fl/fleet.png", F_OK), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_names_and_stops),
        cmocka_unit_test(test_sign_publish_refuse_broken),
        cmocka_unit_test(test_fleet_three_boards),
        cmocka_unit_test(test_fleet_over_syncthing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
