/* test_privilege.c - the board's rights: what `make install` puts in place (a system user with
 * the console's groups, its folders, a unit that systemd-analyze rates 1.0 or lower), and the
 * player really running under what can be emulated without systemd as PID 1: an unprivileged
 * user, no capabilities, no-new-privs, a file system read-only outside the store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define T "build/test-privilege"
#define ROOT T "/root"

static bool have(const char *tool)
{
    return run("command -v %s >/dev/null 2>&1", tool) == 0;
}

/* Installs into ROOT the way a package does (PREFIX=/usr), with the binary under test. */
static int setup(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " ROOT);
    sh("make --no-print-directory -s -o honorboard install DESTDIR=$PWD/" ROOT
       " PREFIX=/usr INSTALL_BIN=%s >/dev/null",
       bin());
    return 0;
}

/* The exposure figure systemd-analyze prints for the installed unit (offline: no systemd as
 * PID 1 is needed), or -1 when the line is missing. */
static double exposure(const char *out)
{
    const char *p = strstr(out, "Overall exposure level for honorboard.service:");
    return p ? strtod(p + strlen("Overall exposure level for honorboard.service:"), NULL) : -1;
}

static void unit_rates_one_or_lower(void **state)
{
    (void)state;
    if (!have("systemd-analyze"))
        skip();
    sh("systemd-analyze security --offline=true --root=" ROOT " honorboard.service > " T
       "/security.txt 2>&1");
    char *out = slurp(T "/security.txt");
    double e = exposure(out);
    if (e < 0 || e > 1.0)
        fail_msg("exposure %.1f (want <= 1.0):\n%s", e, out);
    free(out);
    /* the same check as a threshold, which fails the command itself above 1.0 (10 = 1.0) */
    sh("systemd-analyze security --offline=true --threshold=10 --root=" ROOT
       " honorboard.service >/dev/null 2>&1");
}

static void unit_runs_as_its_user(void **state)
{
    (void)state;
    char *u = slurp(ROOT "/usr/lib/systemd/system/honorboard.service");
    assert_non_null(strstr(u, "\nUser=honorboard\n"));
    assert_non_null(strstr(u, "\nExecStart=/usr/bin/honorboard play "));
    assert_non_null(strstr(u, "\nCapabilityBoundingSet=\n"));
    assert_null(strstr(u, "\nUser=root"));
    free(u);
}

/* Issue 29, item 11: every unit the board's unit Conflicts= with is also ordered (After= or
 * Before=); without it systemd may stop the getty on tty1 while the board already starts there. */
static void unit_orders_its_conflicts(void **state)
{
    (void)state;
    char *u = slurp("assets/honorboard.service");
    int n = 0;
    for (char *l = strstr(u, "\nConflicts="); l; l = strstr(l + 1, "\nConflicts=")) {
        char names[512];
        snprintf(names, sizeof names, "%.*s", (int)strcspn(l + 11, "\n"), l + 11);
        for (char *name = strtok(names, " "); name; name = strtok(NULL, " "), n++) {
            bool ordered = false;
            for (const char *o = u; !ordered && (o = strstr(o, name)); o++) {
                const char *bol = o;
                while (bol > u && bol[-1] != '\n')
                    bol--;
                ordered = strncmp(bol, "After=", 6) == 0 || strncmp(bol, "Before=", 7) == 0;
            }
            if (!ordered)
                fail_msg("Conflicts=%s without After= or Before=%s", name, name);
        }
    }
    assert_true(n >= 1);
    free(u);
}

/* systemd-sysusers and systemd-tmpfiles applied to the installed image: the user exists with
 * the console's groups, and its folders are made owned by it. */
static void sysusers_and_tmpfiles(void **state)
{
    (void)state;
    if (!have("systemd-sysusers") || !have("systemd-tmpfiles"))
        skip();
    sh("mkdir -p " ROOT "/etc && systemd-sysusers --root=" ROOT " >/dev/null 2>&1");
    char *pw = slurp(ROOT "/etc/passwd"), *g0 = slurp(ROOT "/etc/group");
    char *gr = xasprintf("\n%s", g0); /* every line starts with a newline */
    free(g0);
    const char *u = strstr(pw, "honorboard:x:");
    assert_non_null(u);
    unsigned uid = 0;
    assert_int_equal(sscanf(u, "honorboard:x:%u:", &uid), 1);
    assert_true(uid > 0 && uid < 1000); /* a system user, not root */
    assert_non_null(strstr(u, ":/usr/sbin/nologin"));
    static const char *const groups[] = {"video", "render", "input"};
    for (size_t i = 0; i < 3; i++) {
        char *line = xasprintf("\n%s:x:", groups[i]);
        const char *g = strstr(gr, line);
        if (!g) { /* the explicit branch also tells GCC's ASan build that g is not NULL below */
            free(line);
            fail_msg("group %s missing:\n%s", groups[i], gr);
            continue;
        }
        const char *eol = strchr(g + 1, '\n');
        char *members = xasprintf("%.*s", (int)(eol ? eol - g : (ptrdiff_t)strlen(g)), g);
        if (!strstr(members, "honorboard"))
            fail_msg("honorboard is not in %s: %s", groups[i], members);
        free(line), free(members);
    }
    sh("systemd-tmpfiles --root=" ROOT " --create >/dev/null 2>&1");
    static const char *const dirs[] = {"/var/lib/honorboard", "/var/log/honorboard",
                                       "/var/cache/honorboard"};
    for (size_t i = 0; i < 3; i++) {
        char *p = xasprintf(ROOT "%s", dirs[i]);
        struct stat st;
        assert_int_equal(stat(p, &st), 0);
        assert_int_equal(st.st_uid, uid);
        assert_int_equal(st.st_mode & 07777, 0750);
        free(p);
    }
    free(pw), free(gr);
}

/* `play` under the rights the unit gives, emulated: as nobody with no groups, no capabilities
 * and no-new-privs, in a mount namespace where everything but the store, log and status
 * folders is read-only. It plays, writes its log and status, imports a stick through the
 * confined checker, and cannot write anywhere else. Needs root (to set that up). */
static void plays_unprivileged_on_read_only_system(void **state)
{
    (void)state;
    if (geteuid() != 0 || !have("setpriv") || !have("unshare") ||
        run("unshare -m true 2>/dev/null") != 0)
        skip();
    sh("rm -rf " T "/run && mkdir -p " T "/run/elsewhere " T "/run/store " T "/run/log " T
       "/run/status " T "/run/media/stick/honorboard/photos && cp playlists/photos/yu-cheng.jpg " T
       "/run/media/stick/honorboard/photos/ && printf 'honorboard: 1\\ntitle: 棍子\\nslides:\\n"
       "  - { type: story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n' > " T
       "/run/media/stick/honorboard/a.yaml && chown -R 65534:65534 " T "/run/elsewhere " T
       "/run/store " T "/run/log " T "/run/status");
    int rc = run("unshare -m sh -c 'mount --make-rprivate / && mount --bind / / && "
                 "mount -o remount,bind,ro / && for d in store log status; do mount --bind " T
                 "/run/$d " T "/run/$d && mount -o remount,bind,rw " T "/run/$d; done && "
                 "exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs "
                 "--inh-caps=-all --bounding-set=-all "
                 "sh -c \"touch /tmp/hb-priv-probe 2>/dev/null && echo WROTE-TMP; "
                 "touch " T "/run/elsewhere/probe 2>/dev/null && echo WROTE-TREE; "
                 "exec %s play --store " T "/run/store --log " T "/run/log/play.jsonl "
                 "--status " T "/run/status/status.json --watch " T
                 "/run/media --quit-after 4\"' > " T "/run/out.txt 2>&1",
                 bin());
    char *out = slurp(T "/run/out.txt");
    if (rc != 0)
        fail_msg("play exited %d:\n%s", rc, out);
    assert_null(strstr(out, "WROTE-TMP"));
    assert_null(strstr(out, "WROTE-TREE"));
    free(out);
    char *log = slurp(T "/run/log/play.jsonl");
    assert_non_null(strstr(log, "\"event\":\"slide\""));
    assert_non_null(strstr(log, "\"event\":\"import\""));
    if (!strstr(log, "\"result\":\"ok\""))
        fail_msg("the stick was not imported:\n%s", log);
    free(log);
    char *st = slurp(T "/run/status/status.json");
    assert_non_null(strstr(st, "\"playlist\""));
    free(st);
}

/* The Debian package made from the installed tree (packaging/make-deb.sh, what `make deb` runs
 * on its own PREFIX=/usr build): Depends computed from the linked libraries plus what SDL loads
 * at run time, the unit, the user and folder entries, and the postinst that applies them. */
static void debian_package(void **state)
{
    (void)state;
    if (run("command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null") != 0)
        skip();
    sh("rm -rf " T "/debroot && cp -a " ROOT " " T "/debroot && sh packaging/make-deb.sh " T
       "/debroot 9.9 $(dpkg --print-architecture) " T "/hb.deb >/dev/null");
    sh("dpkg-deb --field " T "/hb.deb Depends > " T "/depends.txt && dpkg-deb --contents " T
       "/hb.deb > " T "/contents.txt && dpkg-deb --info " T "/hb.deb > " T "/info.txt");
    char *dep = slurp(T "/depends.txt"), *con = slurp(T "/contents.txt"),
         *inf = slurp(T "/info.txt");
    /* every library the program links (ELF NEEDED), by the package that holds it */
    sh("objdump -p " T "/debroot/usr/bin/honorboard | awk '/NEEDED/ {print $2}' | while read lib; "
       "do { dpkg -S \"*/$(cc -print-multiarch)/$lib\" 2>/dev/null || dpkg -S \"*/$lib\"; } "
       "| head -n 1 | cut -d: -f1; done | sort -u > " T "/needed.txt");
    char *needed = slurp(T "/needed.txt");
    int nneeded = 0;
    for (char *line = strtok(needed, "\n"); line; line = strtok(NULL, "\n"), nneeded++) {
        char *want = xasprintf("%s ", line), *want2 = xasprintf("%s,", line);
        if (!strstr(dep, want) && !strstr(dep, want2))
            fail_msg("Depends lacks %s (a linked library's package): %s", line, dep);
        free(want), free(want2);
    }
    free(needed);
    assert_true(nneeded >= 8); /* libc6, SDL2, yaml, sodium, seccomp ... */
    /* and what no ELF names: the fonts, and what SDL dlopens for KMSDRM */
    static const char *const deps[] = {"fonts-noto-cjk", "libegl1", "libgles2", "libgl1-mesa-dri"};
    for (size_t i = 0; i < sizeof deps / sizeof *deps; i++)
        if (!strstr(dep, deps[i]))
            fail_msg("Depends lacks %s: %s", deps[i], dep);
    static const char *const files[] = {"./usr/bin/honorboard",
                                        "./usr/lib/systemd/system/honorboard.service",
                                        "./usr/lib/sysusers.d/honorboard.conf",
                                        "./usr/lib/tmpfiles.d/honorboard.conf",
                                        "./usr/share/man/man1/honorboard.1.gz",
                                        "./usr/share/honorboard/playlists/01-xianjin-fengcai.yaml"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (!strstr(con, files[i]))
            fail_msg("the package lacks %s:\n%s", files[i], con);
    assert_null(strstr(con, "DEBIAN"));
    assert_non_null(strstr(inf, "Version: 9.9"));
    assert_non_null(strstr(inf, " postinst"));
    free(dep), free(con), free(inf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unit_rates_one_or_lower),
        cmocka_unit_test(unit_runs_as_its_user),
        cmocka_unit_test(unit_orders_its_conflicts),
        cmocka_unit_test(sysusers_and_tmpfiles),
        cmocka_unit_test(plays_unprivileged_on_read_only_system),
        cmocka_unit_test(debian_package),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
