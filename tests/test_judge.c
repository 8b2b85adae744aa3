/* test_judge.c - stick content is judged only in the confined checker child: a child that
 * crashes, loops, hangs, eats memory or makes a forbidden system call ends the import
 * `rejected` with the file named, the player keeps playing and the store does not change; the
 * child cannot read or write the store's current bundle; the player process itself never
 * opens a playlist or an image on the stick (strace). The faults come from the test build
 * build/honorboard-faults (tests/faults.c); the shipped binary has no such switch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/sandbox.h"
#include "store/store.h"
#include "base/util.h"

#define T "build/test-judge"

static const char *faults_bin(void)
{
    const char *b = getenv("HONORBOARD_FAULTS_BIN");
    return b ? b : "build/honorboard-faults";
}

/* A stick at dir with one playlist `name` naming one photo `photo` (a copy of a sample). */
static void make_stick(const char *dir, const char *name, const char *photo, const char *title)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "%s/honorboard/photos/%s && printf 'honorboard: 1\\ntitle: %s\\nslides:\\n  - { type: "
       "story, "
       "name: 余程, photo: photos/%s, text: 正文 }\\n' > %s/honorboard/%s",
       dir, dir, dir, photo, title, photo, dir, name);
}

static char *link_of(const char *store)
{
    char *p = path_join(store, "current"), buf[1024];
    ssize_t n = readlink(p, buf, sizeof buf - 1);
    free(p);
    buf[n > 0 ? n : 0] = '\0';
    return xstrdup(buf);
}

/* The store holds nothing but bundles/, current, previous: no staging left behind. */
static void assert_no_staging(const char *store)
{
    if (run("ls %s | grep -q staging", store) == 0) {
        run("ls -lR %s >&2", store);
        fail_msg("a staging folder was left in %s", store);
    }
}

static int setup(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T);
    make_stick(T "/good", "a.yaml", "yu-cheng.jpg", "原有内容");
    sh("%s import " T "/good --store " T "/store 2>/dev/null", bin());
    return 0;
}

struct fault_case {
    const char *stick, *playlist, *photo; /* the bad stick's files */
    const char *spec;                     /* HONORBOARD_TEST_FAULT */
    const char *named;                    /* the file the message must name */
    const char *why;                      /* words of the reason */
};

static const struct fault_case cases[] = {
    {"crash", "crash.yaml", "p1.jpg", "crash:crash.yaml", "crash.yaml", "检查程序崩溃"},
    {"imgcrash", "a.yaml", "boom.jpg", "crash:boom.jpg", "photos/boom.jpg", "检查程序崩溃"},
    {"loop", "loop.yaml", "p2.jpg", "loop:loop.yaml", "loop.yaml", "处理器时间超过 1 秒"},
    {"hang", "hang.yaml", "p3.jpg", "hang:hang.yaml", "hang.yaml", "超过 5 秒没有完成"},
    {"alloc", "alloc.yaml", "p4.jpg", "alloc:alloc.yaml", "alloc.yaml", "内存用量超过 600 MB"},
    {"syscall", "sys.yaml", "p5.jpg", "syscall:sys.yaml", "sys.yaml", "被禁止的系统功能 socket"},
};

/* One player, six bad sticks put in one after the other, then a good one: each bad one is
 * rejected naming its file, the board goes on showing slides, the store stays as it was; the
 * good one after them is imported (the player is still whole). */
static void faults_end_rejected_player_alive(void **state)
{
    (void)state;
    sh("rm -rf " T "/root " T "/play.jsonl && mkdir -p " T "/root && cp -a " T "/store " T
       "/pstore");
    char *before = link_of(T "/pstore");
    struct strbuf spec = {0};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *dir = xasprintf(T "/%s", cases[i].stick);
        make_stick(dir, cases[i].playlist, cases[i].photo, cases[i].stick);
        free(dir);
        sb_printf(&spec, "%s%s", i ? "," : "", cases[i].spec);
    }
    make_stick(T "/fresh", "a.yaml", "yu-cheng.jpg", "新内容");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("HONORBOARD_TEST_FAULT", spec.s, 1);
        setenv("HONORBOARD_TEST_JUDGE_IDLE_SECONDS", "5", 1); /* > CPU limit, on a busy machine */
        setenv("HONORBOARD_TEST_JUDGE_CPU_SECONDS", "1", 1);
        setenv("HONORBOARD_TEST_JUDGE_MEMORY_MB", "600",
               1); /* address space: libmpv and the fonts map ~300 MB */
        freopen(T "/play.err", "w", stderr);
        execl(faults_bin(), faults_bin(), "play", "--store", T "/pstore", "--watch", T "/root",
              "--window=320x180", "--log", T "/play.jsonl", "--quit-after", "120", (char *)NULL);
        _exit(127);
    }
    sb_free(&spec);
    wait_for_n(T "/play.jsonl", "\"event\":\"ready\"", 1, 20); /* the first page is up */
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sh("mv " T "/%s " T "/root/%s", cases[i].stick, cases[i].stick);
        wait_for_n(T "/play.jsonl", "\"result\":\"rejected\"", (int)i + 1, 30);
        char *log = slurp(T "/play.jsonl");
        const char *line = log;
        for (size_t k = 0; k <= i; k++) /* this stick's import line */
            line = strstr(line, "\"result\":\"rejected\"") + 1;
        const char *eol = strchr(line, '\n');
        char *mine = xasprintf("%.*s", (int)(eol ? eol - line : (ptrdiff_t)strlen(line)), line);
        char *named = xasprintf("文件 %s 使检查程序失败", cases[i].named);
        if (!strstr(mine, named) || !strstr(mine, cases[i].why))
            fail_msg("%s: want '%s' and '%s' in: %s", cases[i].spec, named, cases[i].why, mine);
        free(named), free(mine), free(log);
        char *now = link_of(T "/pstore");
        assert_string_equal(now, before); /* the store did not change */
        free(now);
        assert_no_staging(T "/pstore");
        /* REPORT.txt on the stick says it too, naming the file */
        char *rp = xasprintf(T "/root/%s/honorboard/REPORT.txt", cases[i].stick);
        char *rep = slurp(rp), *named2 = xasprintf("文件 %s 使检查程序失败", cases[i].named);
        if (!strstr(rep, "未载入") || !strstr(rep, named2))
            fail_msg("%s: REPORT.txt:\n%s", cases[i].spec, rep);
        free(rep), free(rp), free(named2);
    }
    /* still playing: slides are logged after the last rejection */
    char *log = slurp(T "/play.jsonl");
    int slides = count_str(log, "\"event\":\"slide\"");
    free(log);
    wait_for_n(T "/play.jsonl", "\"event\":\"slide\"", slides + 1, 30);
    sh("mv " T "/fresh " T "/root/fresh");
    wait_for(T "/play.jsonl", "\"result\":\"ok\"", 30);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char *now = link_of(T "/pstore");
    assert_string_not_equal(now, before);
    free(now), free(before);
    assert_no_staging(T "/pstore");
}

/* `honorboard import` goes through the same child: exit 1, message on stderr, store kept. */
static void import_command_rejects_a_crash(void **state)
{
    (void)state;
    make_stick(T "/c", "a.yaml", "x.jpg", "坏");
    char *before = link_of(T "/store");
    int rc = run("HONORBOARD_TEST_FAULT=crash:x.jpg %s import " T "/c --store " T "/store > " T
                 "/c.out 2>&1",
                 faults_bin());
    char *out = slurp(T "/c.out");
    if (rc != 1 || !strstr(out, "文件 photos/x.jpg 使检查程序失败"))
        fail_msg("exit %d:\n%s", rc, out);
    free(out);
    char *now = link_of(T "/store");
    assert_string_equal(now, before);
    free(now), free(before);
    assert_no_staging(T "/store");
}

/* The shipped program has no fault switch: the same variable changes nothing. */
static void shipped_binary_ignores_the_switch(void **state)
{
    (void)state;
    make_stick(T "/s", "a.yaml", "x.jpg", "正常");
    sh("rm -rf " T "/sstore");
    int rc = run("HONORBOARD_TEST_FAULT=crash:a.yaml,crash:x.jpg HONORBOARD_TEST_JUDGE_MEMORY_MB=1 "
                 "%s import " T "/s --store " T "/sstore > " T "/s.out 2>&1",
                 bin());
    char *out = slurp(T "/s.out");
    if (rc != 0)
        fail_msg("exit %d:\n%s", rc, out);
    free(out);
}

/* Landlock: the child can neither read the bundle on screen nor write into the store. */
static void checker_cannot_touch_the_store(void **state)
{
    (void)state;
    if (sandbox_landlock_abi() == 0)
        skip(); /* this kernel has no Landlock: the child says so in the log instead */
    make_stick(T "/peek", "a.yaml", "x.jpg", "偷看");
    char *cur = store_current(T "/store");
    assert_non_null(cur);
    int rc = run("HONORBOARD_TEST_FAULT=peek:a.yaml HONORBOARD_TEST_PEEK_READ=%s/a.yaml "
                 "HONORBOARD_TEST_PEEK_WRITE=%s/planted %s import " T "/peek --store " T
                 "/store > " T "/peek.out 2>&1",
                 cur, cur, faults_bin());
    char *out = slurp(T "/peek.out");
    if (rc != 0 || !strstr(out, "PEEK-READ-DENIED") || !strstr(out, "PEEK-WRITE-DENIED") ||
        strstr(out, "-OK"))
        fail_msg("exit %d:\n%s", rc, out);
    free(out);
    char *planted = path_join(cur, "planted");
    assert_false(path_is_file(planted));
    free(planted), free(cur);
}

/* strace -f on a player importing a stick: the files on the stick are opened only by the
 * checker child (a process that exec'd `honorboard judge`), never by the player's own
 * threads; and the child did open them (so the check is not empty). */
static void player_never_opens_stick_files(void **state)
{
    (void)state;
    if (run("command -v strace >/dev/null") != 0)
        skip();
    sh("rm -rf " T "/sroot " T "/sstore2 && mkdir -p " T "/sroot");
    make_stick(T "/sroot/USB", "a.yaml", "x.jpg", "追踪");
    /* and a stick that is rejected: its preview sheets are drawn from the stick itself */
    make_stick(T "/sroot/BAD", "b.yaml", "y.jpg", "坏的");
    sh("printf '  - { type: photo, image: photos/gone.jpg }\\n' >> " T
       "/sroot/BAD/honorboard/b.yaml");
    /* LeakSanitizer cannot run under ptrace: leaks are checked by the other tests */
    int rc = run("ASAN_OPTIONS=detect_leaks=0 SDL_VIDEODRIVER=dummy strace -f -qq -y -e "
                 "trace=open,openat,openat2,execve,clone,clone3 -o " T
                 "/trace.txt %s play --store " T "/sstore2 --watch " T "/sroot --window=320x180 "
                 "--log " T "/strace.jsonl --quit-after 6 2>/dev/null",
                 bin());
    assert_int_equal(rc, 0);
    char *log = slurp(T "/strace.jsonl");
    assert_non_null(strstr(log, "\"result\":\"ok\""));
    assert_non_null(strstr(log, "\"result\":\"rejected\""));
    free(log);
    assert_true(path_is_file(T "/sroot/BAD/honorboard/预览.png")); /* drawn by a child */
    /* pids that exec'd the checker; the first line's pid is the player itself */
    char *trace = slurp(T "/trace.txt");
    int player = atoi(trace), judges[64], nj = 0; /* in order: a thread after its process */
    for (const char *l = trace; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        const char *eol = strchr(l, '\n');
        char *line = xasprintf("%.*s", (int)(eol ? eol - l : (ptrdiff_t)strlen(l)), l);
        int pid = atoi(line);
        bool judge = false;
        for (int k = 0; k < nj; k++)
            judge |= pid == judges[k];
        if (strstr(line, "execve(") && strstr(line, "\"judge\"") && nj < 64)
            judges[nj++] = pid;
        /* a checker's threads (the preview draws with a few) are the checker too */
        const char *eq = strrchr(line, '=');
        if (judge && strstr(line, "clone") && eq && atoi(eq + 1) > 0 && nj < 64)
            judges[nj++] = atoi(eq + 1);
        free(line);
    }
    assert_true(nj >= 1);
    int child_opens = 0;
    for (const char *l = trace; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        const char *eol = strchr(l, '\n');
        char *line = xasprintf("%.*s", (int)(eol ? eol - l : (ptrdiff_t)strlen(l)), l);
        /* by full path, or relative to a folder descriptor (openat2 RESOLVE_BENEATH, or
         * the O_NOFOLLOW walk one component at a time) */
        bool stick = strstr(line, "sroot/USB/honorboard/a.yaml") ||
                     strstr(line, "sroot/USB/honorboard/photos/x.jpg") ||
                     strstr(line, "sroot/BAD/honorboard/b.yaml") ||
                     strstr(line, "sroot/BAD/honorboard/photos/y.jpg") ||
                     /* relative: strace -y names the folder; the store's own bundles (a.yaml
                      * there, verified before playing) are not the stick */
                     (strstr(line, "sroot/") &&
                      (strstr(line, ", \"a.yaml\"") || strstr(line, ", \"photos/x.jpg\"") ||
                       strstr(line, ", \"x.jpg\"") || strstr(line, ", \"b.yaml\"") ||
                       strstr(line, ", \"y.jpg\"") || strstr(line, ", \"photos/y.jpg\"")));
        if (stick && strstr(line, "open")) {
            int pid = atoi(line);
            bool judge = false;
            for (int k = 0; k < nj; k++)
                judge |= pid == judges[k];
            if (!judge)
                fail_msg("the player (pid %d, process %d) opened a stick file: %s", player, pid,
                         line);
            child_opens++;
        }
        free(line);
    }
    free(trace);
    assert_true(child_opens >= 4); /* both sticks' playlist and photo, at least */
}

/* How many processes exec'd `honorboard judge` in an strace -f -e trace=execve log. */
static int judges_in(const char *trace_path)
{
    char *trace = slurp(trace_path);
    int n = 0;
    static const char argv01[] = "[\"honorboard\", \"judge\"";
    for (const char *l = trace; l && (l = strstr(l, "execve(")); l++)
        if (strncmp(strchr(l, '[') ? strchr(l, '[') : l, argv01, sizeof argv01 - 1) == 0)
            n++;
    free(trace);
    return n;
}

/* The preview sheets of an import are drawn by its checker, once its verdict is sent, from the
 * photos it has just decoded: one checker process, not a second one that decodes them all
 * again; the sheets reach the stick; the stored bundle and the store hold nothing of them.
 * An import the board already shows ("unchanged") draws its sheets in a checker of its own,
 * as before. */
static void checker_draws_the_preview(void **state)
{
    (void)state;
    if (run("command -v strace >/dev/null") != 0)
        skip();
    make_stick(T "/pv", "a.yaml", "x.jpg", "预览");
    sh("rm -rf " T "/pvstore");
    int rc = run("ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=execve -o " T
                 "/pv1.trace %s import " T "/pv --store " T "/pvstore --prescale 400 > " T
                 "/pv.out 2>&1",
                 bin());
    char *out = slurp(T "/pv.out");
    if (rc != 0)
        fail_msg("exit %d:\n%s", rc, out);
    free(out);
    assert_int_equal(judges_in(T "/pv1.trace"), 1);
    assert_true(path_is_file(T "/pv/honorboard/预览.png"));
    char *sheet = slurp(T "/pv/honorboard/预览.png");
    assert_non_null(sheet);
    free(sheet);
    assert_no_staging(T "/pvstore");
    char *cur = store_current(T "/pvstore");
    assert_non_null(cur);
    if (run("ls -A %s | grep -q sheets", cur) == 0)
        fail_msg("the sheets were stored in the bundle %s", cur);
    free(cur);
    /* the same stick again: unchanged, and the sheets drawn anew by a preview checker */
    sh("rm -f " T "/pv/honorboard/预览.png");
    rc = run("ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=execve -o " T
             "/pv2.trace %s import " T "/pv --store " T "/pvstore --prescale 400 > " T
             "/pv.out 2>&1",
             bin());
    assert_int_equal(rc, 0);
    assert_int_equal(judges_in(T "/pv2.trace"), 2);
    assert_true(path_is_file(T "/pv/honorboard/预览.png"));
    assert_no_staging(T "/pvstore");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(faults_end_rejected_player_alive),
        cmocka_unit_test(import_command_rejects_a_crash),
        cmocka_unit_test(shipped_binary_ignores_the_switch),
        cmocka_unit_test(checker_cannot_touch_the_store),
        cmocka_unit_test(player_never_opens_stick_files),
        cmocka_unit_test(checker_draws_the_preview),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
