/* sandbox.h - confining the calling process before it touches untrusted bytes: resource limits,
 * a Landlock file-system ruleset, and a seccomp filter (libseccomp). Used by the checker child
 * (judge.c); knows nothing about bundles. */
#ifndef HB_SANDBOX_H
#define HB_SANDBOX_H

#include <stddef.h>
#include <sys/types.h>
#include <stdint.h>

struct sandbox_spec {
    const char *const *read;    /* folders (or files) readable beneath, NULL-terminated */
    const char *write;          /* the one folder writable beneath (and readable), or NULL */
    uint64_t max_address_space; /* bytes; 0 = leave as is (sanitized builds) */
    unsigned max_cpu_seconds;
    uint64_t max_file_size; /* bytes a written file may reach */
};

/* The Landlock ABI version this kernel offers, or 0 when it has none. */
int sandbox_landlock_abi(void);

/* Applies, in this order: rlimits (no core files, the limits in spec),
 * Landlock (when available), no-new-privs and the seccomp filter. After it the process can
 * read only spec->read, write only spec->write, cannot open devices or sockets, execute
 * programs, create processes (threads yes), map executable memory, or ioctl anything but a
 * terminal query; a forbidden system call raises SIGSYS. Returns 0 when everything was
 * applied; 1 when all but Landlock was (note says why); -1 on failure (note says why; the
 * caller must not go on). */
int sandbox_enter(const struct sandbox_spec *spec, char *note, size_t notelen);

/* The user a confined child started by root becomes: the board's own system user
 * ("honorboard"), else "nobody". 0 with *uid, *gid, or -1 when neither exists. */
int sandbox_drop_ids(uid_t *uid, gid_t *gid);
/* When running as root: no supplementary groups, then that user's gid and uid (real, effective
 * and saved; every capability goes with uid 0), checked to be irreversible. 0 when not root,
 * 1 when dropped, -1 when it could not be done (note says why; the caller must not go on). */
int sandbox_drop_root(char *note, size_t notelen);

#endif
