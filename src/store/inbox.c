/* inbox.c - the sync-engine inbox: decides when a bundle written file by file is complete (its
 * files are exactly what its MANIFEST lists), remembers what it judged so nothing is hashed
 * twice for the same state, and `honorboard publish`, which writes MANIFEST last. */
#include "store/inbox.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "store/bundle.h"
#include "store/manifest.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct inbox {
    char *dir, *root; /* INBOX and INBOX/honorboard */
    char checked[65]; /* fingerprint of the tree the last full check was made on */
    char handed[65];  /* fingerprint last handed out for import */
    enum inbox_state state;
    char reason[1024];    /* why it waits, why it was refused, or the import's message */
    unsigned long hashed; /* files hashed by completeness checks so far */
};

static void add_stat(struct hash *h, const char *root, const char *rel)
{
    char *full = path_join(root, rel);
    struct stat s;
    if (lstat(full, &s) == 0) {
        char meta[128]; /* a chmod or chown alone (a refusal by "Permission denied" fixed) counts */
        snprintf(meta, sizeof meta, "%lld %lld %o %u %u", (long long)s.st_size,
                 (long long)s.st_mtim.tv_sec * 1000000000LL + s.st_mtim.tv_nsec,
                 (unsigned)s.st_mode, (unsigned)s.st_uid, (unsigned)s.st_gid);
        hash_update_str(h, rel);
        hash_update_str(h, meta);
    }
    free(full);
}

/* Fingerprint of every file's path, size, mtime, mode and owner under root, MANIFEST's
 * included: while it
 * stays the same, nothing is read or hashed again. Empty string when root holds no file. */
static void fingerprint(const char *root, char out[65])
{
    char **files;
    size_t n;
    manifest_list_files(root, false, &files, &n);
    struct hash h;
    hash_init(&h);
    add_stat(&h, root, MANIFEST_NAME);
    for (size_t i = 0; i < n; i++) {
        add_stat(&h, root, files[i]);
        free(files[i]);
    }
    free(files);
    hash_final_hex(&h, out);
    char *mp = path_join(root, MANIFEST_NAME);
    if (n == 0 && !path_is_file(mp))
        out[0] = '\0';
    free(mp);
}

struct inbox *inbox_create(const char *dir)
{
    if (sodium_init() < 0)
        return NULL;
    struct inbox *ib = xcalloc(1, sizeof *ib);
    ib->dir = xstrdup(dir);
    ib->root = path_join(dir, "honorboard");
    return ib;
}

void inbox_destroy(struct inbox *ib)
{
    if (!ib)
        return;
    free(ib->dir);
    free(ib->root);
    free(ib);
}

const char *inbox_dir(const struct inbox *ib)
{
    return ib->dir;
}

const char *inbox_root(const struct inbox *ib)
{
    return ib->root;
}

static void set_state(struct inbox *ib, enum inbox_state st, const char *reason)
{
    ib->state = st;
    snprintf(ib->reason, sizeof ib->reason, "%s", reason ? reason : "");
}

/* The full check: is the tree exactly what its MANIFEST (else its SIGNATURE) lists? */
static void check(struct inbox *ib)
{
    struct manifest m;
    char why[900];
    bool by_sig = false;
    if (manifest_load(ib->root, MANIFEST_NAME, &m, why, sizeof why) < 0) {
        if (errno != ENOENT) { /* a MANIFEST arrives whole (renamed into place): it is bad */
            char r[1024];
            snprintf(r, sizeof r, _("MANIFEST cannot be used (%s)"), why);
            set_state(ib, INBOX_REFUSED, r);
            return;
        }
        char *sp = path_join(ib->root, "SIGNATURE");
        bool has_sig = path_is_file(sp);
        free(sp);
        if (!has_sig || manifest_load(ib->root, "SIGNATURE", &m, why, sizeof why) < 0) {
            set_state(ib, INBOX_WAITING,
                      _("no MANIFEST yet (honorboard publish writes it after every file)"));
            return;
        }
        by_sig = true; /* a signed bundle copied without publish: its signature lists the files */
    }
    if (manifest_match(ib->root, &m, by_sig, &ib->hashed, why, sizeof why) == 0)
        set_state(ib, INBOX_COMPLETE, NULL);
    else
        set_state(ib, INBOX_WAITING, why);
    manifest_free(&m);
}

enum inbox_event inbox_poll(struct inbox *ib)
{
    char fp[65];
    fingerprint(ib->root, fp);
    if (!fp[0]) {
        set_state(ib, INBOX_EMPTY, NULL);
        ib->checked[0] = '\0';
        return INBOX_NOTHING;
    }
    if (strcmp(fp, ib->handed) == 0 || strcmp(fp, ib->checked) == 0)
        return INBOX_NOTHING; /* handed out, or judged, in exactly this state */
    memcpy(ib->checked, fp, sizeof fp);
    check(ib);
    if (ib->state == INBOX_REFUSED)
        return INBOX_REFUSAL;
    if (ib->state != INBOX_COMPLETE)
        return INBOX_NOTHING;
    memcpy(ib->handed, fp, sizeof fp);
    return INBOX_IMPORT;
}

void inbox_imported(struct inbox *ib, enum inbox_state st, const char *message)
{
    set_state(ib, st, message);
}

enum inbox_state inbox_state(const struct inbox *ib, const char **reason)
{
    if (reason)
        *reason = ib->reason;
    return ib->state;
}

const char *inbox_state_name(enum inbox_state st)
{
    static const char *const names[] = {"empty",    "waiting", "complete",
                                        "imported", "refused", "not-loaded"};
    return st <= INBOX_NOT_LOADED ? names[st] : "?";
}

unsigned long inbox_files_hashed(const struct inbox *ib)
{
    return ib->hashed;
}

/* ---- honorboard publish -------------------------------------------------------------------- */

/* Copies from into to through a temporary file renamed into place, so a sync engine never
 * sends half a file under its real name. */
static int copy_into(const char *from, const char *to)
{
    char *tmp = fileio_temp_name(to);
    char *parent = path_dirname(to);
    path_mkdirs(parent);
    free(parent);
    int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), out = -1, rc = -1;
    if (in >= 0)
        out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (in >= 0 && out >= 0 && fileio_copy_fd(in, out, NULL, NULL, NULL) >= 0 && fsync(out) == 0)
        rc = 0;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) < 0)
        rc = -1;
    if (rc == 0 && rename(tmp, to) < 0)
        rc = -1;
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    return rc;
}

static int publish_tree(const char *src, const char *dst, const char *rel, bool *has_sig)
{
    char *dir = rel[0] ? path_join(src, rel) : xstrdup(src);
    DIR *d = opendir(dir);
    free(dir);
    if (!d)
        return -1;
    char *to_dir = rel[0] ? path_join(dst, rel) : xstrdup(dst);
    path_mkdirs(to_dir);
    chmod(to_dir, 0755); /* every board's user reads it, whatever the office's umask */
    free(to_dir);
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' ||
            (!rel[0] && (strcmp(e->d_name, "READY") == 0 || strcmp(e->d_name, "REPORT.txt") == 0 ||
                         strcmp(e->d_name, MANIFEST_NAME) == 0)))
            continue;
        char *r = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        if (!rel[0] && strcmp(e->d_name, "SIGNATURE") == 0) {
            *has_sig = true; /* written after every file it covers */
            free(r);
            continue;
        }
        char *from = path_join(src, r), *to = path_join(dst, r);
        struct stat st;
        if (lstat(from, &st) == 0 && S_ISDIR(st.st_mode))
            rc |= publish_tree(src, dst, r, has_sig);
        else if (lstat(from, &st) == 0 && S_ISREG(st.st_mode) && copy_into(from, to) < 0) {
            fprintf(stderr, "honorboard publish: cannot copy %s: %s\n", from, strerror(errno));
            rc = -1;
        }
        free(from), free(to), free(r);
    }
    closedir(d);
    return rc;
}

/* The version in root/SIGNATURE, or 0 when it is not signed. */
static unsigned long long signed_version(const char *root)
{
    char *p = path_join(root, "SIGNATURE"), *s = file_read_all(p, NULL);
    const char *v = s ? strstr(s, "\nversion ") : NULL;
    unsigned long long n = v ? strtoull(v + 9, NULL, 10) : 0;
    free(p), free(s);
    return n;
}

int inbox_publish_main(int argc, char **argv)
{
    if (argc != 3 || argv[1][0] == '-') {
        bool help = argc == 2 && strcmp(argv[1], "--help") == 0;
        fputs(
            "usage: honorboard publish SRC INBOX\n"
            "  SRC holds the honorboard/ folder (sign it first if the screens want signatures);\n"
            "  writes INBOX/honorboard/ in the order screens need: MANIFEST removed, the files,\n"
            "  SIGNATURE, then MANIFEST (every file's size and hash) last. INBOX is a folder a\n"
            "  sync engine sends to the screens; a screen imports the bundle only when its files\n"
            "  are exactly the ones MANIFEST lists.\n"
            "  The content is checked first as every board's import checks it; with errors,\n"
            "  nothing is published (exit 1). Prints the version and hash published.\n",
            help ? stdout : stderr);
        return help ? 0 : 2;
    }
    umask(022); /* files 0644 and folders 0755 on every board, whatever the office's umask */
    char *src = path_join(argv[1], "honorboard"), *dst = path_join(argv[2], "honorboard");
    char *man = path_join(dst, MANIFEST_NAME), *ready = path_join(dst, "READY");
    int rc = 2;
    bool has_sig = false;
    if (!path_is_dir(src)) {
        fprintf(stderr, "honorboard publish: %s is not a folder\n", src);
        goto out;
    }
    /* every board would refuse what has errors: refuse it here, with the boards' messages */
    struct diag d = {0};
    struct bundle_plan plan = {0};
    char hash[65];
    int errors = bundle_check(src, &plan, hash, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    size_t nplanned = plan.n;
    bundle_plan_free(&plan);
    if (errors > 0) {
        fprintf(stderr,
                _("honorboard publish: %s has %d error(s); nothing was published (every board "
                  "would refuse it)\n"),
                src, errors);
        rc = 1;
        goto out;
    }
    if (path_mkdirs(dst) < 0) {
        fprintf(stderr, "honorboard publish: cannot create %s: %s\n", dst, strerror(errno));
        goto out;
    }
    unlink(man);   /* a screen must not take the half-written state for the new bundle */
    unlink(ready); /* the marker of older versions: no longer used */
    if (publish_tree(src, dst, "", &has_sig) < 0)
        goto out;
    char *s_from = path_join(src, "SIGNATURE"), *s_to = path_join(dst, "SIGNATURE");
    int ok = has_sig ? copy_into(s_from, s_to) : 0;
    free(s_from), free(s_to);
    if (ok < 0 || manifest_write(dst) < 0) {
        fprintf(stderr, "honorboard publish: cannot finish %s: %s\n", dst, strerror(errno));
        goto out;
    }
    fprintf(stderr, "honorboard publish: %s is complete%s\n", dst, has_sig ? " (signed)" : "");
    /* what the office compares with the boards' status (`honorboard fleet`) */
    printf(_("published %s: version %llu, hash %s, %zu files\n"), dst,
           (unsigned long long)signed_version(src), hash[0] ? hash : "-", nplanned);
    rc = 0;
out:
    free(src), free(dst), free(man), free(ready);
    return rc;
}
