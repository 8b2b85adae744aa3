/* sandbox.c - rlimits, Landlock and a libseccomp allow-list for the process that parses
 * untrusted bytes. The allow-list is what the checker (libyaml, libjpeg-turbo, libpng through
 * SDL_image, libexif, fontconfig, libsodium, file copies) was seen to need under strace; a call
 * outside it raises SIGSYS, which the checker reports and dies of. */
#include "base/sandbox.h"

#include <errno.h>
#include <pwd.h>
#include <grp.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

/* Rights newer than Debian 12's <linux/landlock.h>; the kernel tells which it knows (ABI). */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#endif
#define HB_LANDLOCK_NET_BIND_TCP (1ULL << 0)        /* ABI 4 */
#define HB_LANDLOCK_NET_CONNECT_TCP (1ULL << 1)     /* ABI 4 */
#define HB_LANDLOCK_SCOPE_ABSTRACT_UNIX (1ULL << 0) /* ABI 6 */
#define HB_LANDLOCK_SCOPE_SIGNAL (1ULL << 1)        /* ABI 6 */

/* struct landlock_ruleset_attr as of ABI 6; older kernels get a shorter size. */
struct hb_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

int sandbox_landlock_abi(void)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi > 0 ? (int)abi : 0;
}

static uint64_t fs_rights(int abi)
{
    uint64_t r = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1; /* ABI 1: bits 0..12 */
    if (abi >= 2)
        r |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        r |= LANDLOCK_ACCESS_FS_TRUNCATE;
    if (abi >= 5)
        r |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
    return r;
}

static int add_rule(int ruleset, const char *path, uint64_t want, uint64_t handled)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT || errno == EACCES ? 0 : -1; /* what it cannot open it cannot read */
    struct stat st;
    uint64_t allowed = want & handled;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) /* a file: only file rights apply */
        allowed &= LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                   LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_EXECUTE;
    struct landlock_path_beneath_attr pb = {.allowed_access = allowed, .parent_fd = fd};
    long rc = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    int e = errno;
    close(fd);
    errno = e;
    return rc == 0 ? 0 : -1;
}

/* 1 applied, 0 unavailable (note says so), -1 failed. */
static int landlock(const struct sandbox_spec *spec, char *note, size_t n)
{
    int abi = sandbox_landlock_abi();
    if (abi <= 0) {
        snprintf(note, n,
                 "Landlock is not available in this kernel (%s): the checker can read "
                 "every file its user can; seccomp and the limits still apply",
                 strerror(errno));
        return 0;
    }
    uint64_t handled = fs_rights(abi);
    struct hb_ruleset_attr attr = {.handled_access_fs = handled};
    size_t size = sizeof attr.handled_access_fs;
    if (abi >= 4) { /* no TCP at all (seccomp forbids sockets too) */
        attr.handled_access_net = HB_LANDLOCK_NET_BIND_TCP | HB_LANDLOCK_NET_CONNECT_TCP;
        size += sizeof attr.handled_access_net;
    }
    if (abi >= 6) { /* no signals to processes outside, no abstract sockets */
        attr.scoped = HB_LANDLOCK_SCOPE_ABSTRACT_UNIX | HB_LANDLOCK_SCOPE_SIGNAL;
        size += sizeof attr.scoped;
    }
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (rs < 0) {
        snprintf(note, n, "Landlock ruleset: %s", strerror(errno));
        return -1;
    }
    const uint64_t rd = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
    const uint64_t wr = rd | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |
                        LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_DIR |
                        LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                        LANDLOCK_ACCESS_FS_REFER;
    int rc = 0;
    for (const char *const *p = spec->read; p && *p && rc == 0; p++)
        if (add_rule(rs, *p, rd, handled) < 0) {
            snprintf(note, n, "Landlock rule for %s: %s", *p, strerror(errno));
            rc = -1;
        }
    if (rc == 0 && spec->write && add_rule(rs, spec->write, wr, handled) < 0) {
        snprintf(note, n, "Landlock rule for %s: %s", spec->write, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
        snprintf(note, n, "no_new_privs: %s", strerror(errno));
        rc = -1;
    }
    if (rc == 0 && syscall(SYS_landlock_restrict_self, rs, 0) < 0) {
        snprintf(note, n, "Landlock restrict: %s", strerror(errno));
        rc = -1;
    }
    close(rs);
    return rc == 0 ? 1 : -1;
}

static int limits(const struct sandbox_spec *spec, char *note, size_t n)
{
    struct {
        int res;
        rlim_t val;
        const char *name;
    } const table[] = {
        {RLIMIT_CORE, 0, "core"}, /* stick content never lands in a core file */
        {RLIMIT_CPU, spec->max_cpu_seconds, "cpu"},
        {RLIMIT_FSIZE, spec->max_file_size, "fsize"},
        {RLIMIT_AS, spec->max_address_space, "as"},
        {RLIMIT_NOFILE, 256, "nofile"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (table[i].val == 0 && table[i].res != RLIMIT_CORE)
            continue; /* not asked for */
        struct rlimit rl = {table[i].val, table[i].val};
        if (table[i].res == RLIMIT_CPU) /* SIGXCPU first (reported), SIGKILL a second later */
            rl.rlim_max = table[i].val + 1;
        if (setrlimit(table[i].res, &rl) < 0) {
            snprintf(note, n, "rlimit %s: %s", table[i].name, strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* The system calls the checker makes. Everything else raises SIGSYS. */
static const int allowed_calls[] = {
    SCMP_SYS(read),
    SCMP_SYS(write),
    SCMP_SYS(readv),
    SCMP_SYS(writev),
    SCMP_SYS(pread64),
    SCMP_SYS(pwrite64),
    SCMP_SYS(lseek),
    SCMP_SYS(close),
    SCMP_SYS(open),
    SCMP_SYS(openat),
    SCMP_SYS(openat2),
    SCMP_SYS(stat),
    SCMP_SYS(fstat),
    SCMP_SYS(lstat),
    SCMP_SYS(newfstatat),
    SCMP_SYS(statx),
    SCMP_SYS(statfs),
    SCMP_SYS(fstatfs),
    SCMP_SYS(getdents64),
    SCMP_SYS(readlink),
    SCMP_SYS(readlinkat),
    SCMP_SYS(access),
    SCMP_SYS(faccessat),
    SCMP_SYS(faccessat2),
    SCMP_SYS(mkdir),
    SCMP_SYS(mkdirat),
    SCMP_SYS(unlink),
    SCMP_SYS(unlinkat),
    SCMP_SYS(rename),
    SCMP_SYS(renameat),
    SCMP_SYS(renameat2),
    SCMP_SYS(rmdir),
    SCMP_SYS(ftruncate),
    SCMP_SYS(fsync),
    SCMP_SYS(fdatasync),
    SCMP_SYS(syncfs),
    SCMP_SYS(sync_file_range), /* a staged file's write-back started (fileio_start_writeback) */
    SCMP_SYS(fcntl),
    SCMP_SYS(dup),
    SCMP_SYS(dup2),
    SCMP_SYS(dup3),
    SCMP_SYS(munmap),
    SCMP_SYS(mremap),
    SCMP_SYS(brk),
    SCMP_SYS(madvise),
    SCMP_SYS(getrandom),
    SCMP_SYS(clock_gettime),
    SCMP_SYS(clock_getres),
    SCMP_SYS(gettimeofday),
    SCMP_SYS(time),
    SCMP_SYS(nanosleep),
    SCMP_SYS(clock_nanosleep),
    SCMP_SYS(getpid),
    SCMP_SYS(gettid),
    SCMP_SYS(getuid),
    SCMP_SYS(geteuid),
    SCMP_SYS(getgid),
    SCMP_SYS(getegid),
    SCMP_SYS(uname),
    SCMP_SYS(sysinfo),
    SCMP_SYS(rt_sigaction),
    SCMP_SYS(rt_sigprocmask),
    SCMP_SYS(rt_sigreturn),
    SCMP_SYS(sigaltstack),
    SCMP_SYS(futex),
    SCMP_SYS(set_robust_list),
    SCMP_SYS(rseq),
    SCMP_SYS(exit),
    SCMP_SYS(exit_group),
    SCMP_SYS(sched_yield),
    SCMP_SYS(sched_getaffinity),
    SCMP_SYS(getcwd),
    SCMP_SYS(umask),
    SCMP_SYS(fchmod),
    SCMP_SYS(alarm),
    SCMP_SYS(setitimer),
    SCMP_SYS(fadvise64) /* libjpeg-turbo, stdio */,
};

static int seccomp(char *note, size_t n)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx) {
        snprintf(note, n, "seccomp_init failed");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < sizeof allowed_calls / sizeof *allowed_calls && rc == 0; i++)
        if (allowed_calls[i] >= 0) /* a call this architecture lacks */
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed_calls[i], 0);
    /* memory, but never executable: no code can be written and then run */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    /* threads (libheif decodes HEIC with a few), never processes: clone only with CLONE_THREAD;
     * clone3 passes its flags in memory the filter cannot read, so it says ENOSYS and glibc
     * falls back to clone */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    /* signals only to itself (abort(), raise()) */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                              SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid()));
    /* limits may be read, never set again */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1, SCMP_A2(SCMP_CMP_EQ, 0));
    /* libmpv probing a video clip: it names its threads */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1,
                              SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME));
    /* the only ioctl: stdio asking whether stderr is a terminal */
    if (rc == 0)
        rc =
            seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_EQ, TCGETS));
    if (rc == 0)
        rc = seccomp_load(ctx);
    if (rc < 0)
        snprintf(note, n, "seccomp filter: %s", strerror(-rc));
    seccomp_release(ctx);
    return rc < 0 ? -1 : 0;
}

int sandbox_enter(const struct sandbox_spec *spec, char *note, size_t notelen)
{
    note[0] = '\0';
    if (limits(spec, note, notelen) < 0)
        return -1;
    int ll = landlock(spec, note, notelen);
    if (ll < 0)
        return -1;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
        snprintf(note, notelen, "no_new_privs: %s", strerror(errno));
        return -1;
    }
    char snote[256];
    if (seccomp(snote, sizeof snote) < 0) {
        snprintf(note, notelen, "%s", snote);
        return -1;
    }
    return ll == 1 ? 0 : 1;
}

/* ---- never root ------------------------------------------------------------------------------ */

int sandbox_drop_ids(uid_t *uid, gid_t *gid)
{
    static const char *const names[] = {"honorboard", "nobody"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        struct passwd *pw = getpwnam(names[i]);
        if (pw && pw->pw_uid != 0) {
            *uid = pw->pw_uid;
            *gid = pw->pw_gid;
            return 0;
        }
    }
    return -1;
}

int sandbox_drop_root(char *note, size_t notelen)
{
    if (geteuid() != 0 && getuid() != 0)
        return 0;
    uid_t uid;
    gid_t gid;
    if (sandbox_drop_ids(&uid, &gid) < 0) {
        snprintf(note, notelen, "no user 'honorboard' or 'nobody' to run the checker as");
        return -1;
    }
    if (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0) {
        snprintf(note, notelen, "cannot leave root: %s", strerror(errno));
        return -1;
    }
    if (setuid(0) == 0 || geteuid() == 0) { /* it must not be possible to come back */
        snprintf(note, notelen, "root could be taken back after dropping it");
        return -1;
    }
    return 1;
}
