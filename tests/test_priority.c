/* test_priority.c - the frame thread goes first under the shipped unit: the unit's system-call
 * filter (assets/honorboard.service, SystemCallFilter= lines in order, groups expanded by
 * `systemd-analyze syscall-filter`, calls outside it failing with EPERM as
 * SystemCallErrorNumber= says) is rebuilt with libseccomp, the player runs under it with
 * no-new-privs as systemd starts it, and each thread's nice value is read from /proc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define T "build/test-priority"

struct names {
    char **v;
    size_t n;
};

static bool has(const struct names *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], name) == 0)
            return true;
    return false;
}

/* Adds (or, remove: takes away) name, a call or a @group expanded by systemd-analyze. */
static void apply(struct names *s, const char *name, bool remove)
{
    if (name[0] != '@') {
        if (remove) {
            for (size_t i = 0; i < s->n; i++)
                if (strcmp(s->v[i], name) == 0) {
                    free(s->v[i]);
                    s->v[i--] = s->v[--s->n];
                }
        } else if (!has(s, name)) {
            s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
            s->v[s->n++] = xstrdup(name);
        }
        return;
    }
    char cmd[256], line[256];
    snprintf(cmd, sizeof cmd, "systemd-analyze syscall-filter %s", name);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    bool header = true;
    while (fgets(line, sizeof line, p)) {
        char item[128];
        if (header) { /* the group's own name */
            header = false;
            continue;
        }
        if (sscanf(line, " %127s", item) == 1 && item[0] != '#')
            apply(s, item, remove);
    }
    assert_int_equal(pclose(p), 0);
}

/* The unit's allowed calls: the first SystemCallFilter= line sets the list, each later one
 * adds to it or (~) takes from it, in the order written. */
static struct names unit_filter(void)
{
    struct names s = {0};
    FILE *f = fopen("assets/honorboard.service", "r");
    assert_non_null(f);
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "SystemCallFilter=", 17) != 0)
            continue;
        char *p = line + 17;
        bool remove = *p == '~';
        if (remove)
            p++;
        for (char *tok = strtok(p, " \n"); tok; tok = strtok(NULL, " \n"))
            apply(&s, tok, remove);
    }
    fclose(f);
    assert_true(s.n > 100);
    return s;
}

/* The nice value of each thread of pid: main's, the preparer's (named hb-prepare) and the
 * importer's (hb-import). */
static void nice_values(pid_t pid, int *main_nice, int *prep_nice, int *import_nice)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/%d/task", (int)pid);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[352];
        snprintf(p, sizeof p, "%s/%s/stat", dir, e->d_name);
        char *st = slurp(p), *close_paren = strrchr(st, ')');
        int nice = 99;
        /* after "pid (comm) ": state is field 3, nice field 19 */
        if (close_paren)
            sscanf(close_paren + 2,
                   "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d "
                   "%*d %d",
                   &nice);
        char *comm = strchr(st, '(');
        if (atoi(e->d_name) == pid)
            *main_nice = nice;
        else if (comm && strncmp(comm, "(hb-prepare)", 12) == 0)
            *prep_nice = nice;
        else if (comm && strncmp(comm, "(hb-import)", 11) == 0)
            *import_nice = nice;
        free(st);
    }
    closedir(d);
}

/* Defect 6: under the unit's filter (~@resources takes setpriority away) every thread ran at
 * nice 0: the page being painted competed with the frame of a transition. */
static void test_frame_thread_first_under_unit_filter(void **state)
{
    (void)state;
    sh("mkdir -p " T " && rm -f " T "/play.jsonl");
    struct names allowed = unit_filter();
    assert_true(has(&allowed, "execve") && has(&allowed, "seccomp"));
    pid_t pid = fork();
    if (pid == 0) {
        /* from nice 0, as systemd starts the unit (`nice make test` would start it at 10) */
        if (getpriority(PRIO_PROCESS, 0) != 0 && setpriority(PRIO_PROCESS, 0, 0) < 0)
            _exit(125);
        scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM)); /* SystemCallErrorNumber */
        for (size_t i = 0; ctx && i < allowed.n; i++) {
            int nr = seccomp_syscall_resolve_name(allowed.v[i]);
            if (nr != __NR_SCMP_ERROR)
                seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
        }
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        /* LeakSanitizer's exit check needs ptrace, which the unit's filter forbids */
        if (getenv("HB_SANITIZED") && *getenv("HB_SANITIZED"))
            setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
        freopen(T "/stderr.txt", "w", stderr);
        if (!ctx || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || seccomp_load(ctx) < 0)
            _exit(126);
        execl(bin(), bin(), "play", "playlists/01-xianjin-fengcai.yaml", "--window=320x180",
              "--log", T "/play.jsonl", "--quit-after", "30", (char *)NULL);
        _exit(127);
    }
    for (size_t i = 0; i < allowed.n; i++)
        free(allowed.v[i]);
    free(allowed.v);
    wait_for(T "/play.jsonl", "\"event\":\"ready\"", 30); /* it plays under the filter */
    int main_nice = 99, prep_nice = 99, import_nice = 99;
    nice_values(pid, &main_nice, &prep_nice, &import_nice);
    kill(pid, SIGTERM);
    int ws;
    waitpid(pid, &ws, 0);
    if (WIFEXITED(ws) && WEXITSTATUS(ws) == 125) {
        skip(); /* started niced and not root: nice 0 cannot be had back */
        return;
    }
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    assert_int_equal(main_nice, 0);  /* the frame thread */
    assert_int_equal(prep_nice, 10); /* the page being painted waits behind it */
    /* so does an import (its checker and preview processes are forked from this thread and
     * inherit its nice value, their workers too) */
    assert_int_equal(import_nice, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_thread_first_under_unit_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
