/* inbox.c - the sync-engine inbox: decides when a bundle written file by file is complete. */
#include "inbox.h"
#include "fileio.h"
#include "sign.h"
#include "util.h"

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
    const char *const *keys;
    int nkeys;
    char seen[65];     /* fingerprint of the tree as last looked at */
    double changed_at; /* when it last changed */
    char handed[65];   /* fingerprint last handed out for import */
    double next_poll;
};

/* Fingerprint of every file's path, size and mtime under root (not READY's mtime: a sender
 * rewriting READY alone is not new content). Empty string when root does not exist. */
static void walk(const char *root, const char *rel, struct hash *st, int *n)
{
    char *dir = rel[0] ? path_join(root, rel) : xstrdup(root);
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t nn = 0;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "REPORT.txt") == 0)
            continue; /* sync engines' temporary files start with a dot; REPORT is ours */
        names = xrealloc(names, (nn + 1) * sizeof *names);
        names[nn++] = xstrdup(e->d_name);
    }
    if (d)
        closedir(d);
    for (size_t i = 0; i < nn; i++) { /* readdir order is arbitrary: sort for a stable hash */
        for (size_t j = i + 1; j < nn; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    }
    for (size_t i = 0; i < nn; i++) {
        char *r = rel[0] ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
        char *full = path_join(root, r);
        struct stat s;
        if (lstat(full, &s) == 0) {
            if (S_ISDIR(s.st_mode)) {
                walk(root, r, st, n);
            } else {
                char meta[96];
                bool ready = strcmp(r, "READY") == 0;
                snprintf(meta, sizeof meta, "%lld %lld", (long long)s.st_size,
                         ready ? 0LL : (long long)s.st_mtim.tv_sec * 1000000000LL + s.st_mtim.tv_nsec);
                hash_update_str(st, r);
                hash_update_str(st, meta);
                (*n)++;
            }
        }
        free(full), free(r), free(names[i]);
    }
    free(names);
    free(dir);
}

static void fingerprint(const char *root, char out[65])
{
    struct hash h;
    hash_init(&h);
    int n = 0;
    walk(root, "", &h, &n);
    hash_final_hex(&h, out);
    if (n == 0)
        out[0] = '\0';
}

struct inbox *inbox_create(const char *dir, const struct store_policy *policy)
{
    if (sodium_init() < 0)
        return NULL;
    struct inbox *ib = xcalloc(1, sizeof *ib);
    ib->dir = xstrdup(dir);
    ib->root = path_join(dir, "honorboard");
    if (policy) {
        ib->keys = policy->trusted_keys;
        ib->nkeys = policy->ntrusted;
    }
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

bool inbox_poll(struct inbox *ib, double now)
{
    char fp[65];
    fingerprint(ib->root, fp);
    if (strcmp(fp, ib->seen) != 0) {
        memcpy(ib->seen, fp, sizeof fp);
        ib->changed_at = now;
    }
    if (!fp[0] || strcmp(fp, ib->handed) == 0)
        return false; /* empty, or already handed out in exactly this state */
    char *sig = path_join(ib->root, "SIGNATURE");
    bool is_signed = path_is_file(sig);
    free(sig);
    bool complete;
    if (is_signed && ib->nkeys > 0) {
        /* complete when every listed file is there and matches: the signature says so */
        struct manifest m;
        char err[512];
        complete = sign_verify(ib->root, ib->keys, ib->nkeys, &m, err, sizeof err) == 0;
        if (complete)
            manifest_free(&m);
    } else {
        char *ready = path_join(ib->root, "READY");
        complete = path_is_file(ready) && now - ib->changed_at >= INBOX_QUIET_SECONDS;
        free(ready);
    }
    if (!complete)
        return false;
    memcpy(ib->handed, fp, sizeof fp);
    return true;
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
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "READY") == 0 ||
            strcmp(e->d_name, "REPORT.txt") == 0)
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

int inbox_publish_main(int argc, char **argv)
{
    if (argc != 3 || argv[1][0] == '-') {
        bool help = argc == 2 && strcmp(argv[1], "--help") == 0;
        fputs("usage: honorboard publish SRC INBOX\n"
              "  SRC holds the honorboard/ folder (sign it first if the screens want signatures);\n"
              "  writes INBOX/honorboard/ in the order screens need: READY removed, the files,\n"
              "  SIGNATURE, READY last. INBOX is a folder a sync engine sends to the screens.\n",
              help ? stdout : stderr);
        return help ? 0 : 2;
    }
    char *src = path_join(argv[1], "honorboard"), *dst = path_join(argv[2], "honorboard");
    int rc = 2;
    if (!path_is_dir(src)) {
        fprintf(stderr, "honorboard publish: %s is not a folder\n", src);
        goto out;
    }
    if (path_mkdirs(dst) < 0) {
        fprintf(stderr, "honorboard publish: cannot create %s: %s\n", dst, strerror(errno));
        goto out;
    }
    char *ready = path_join(dst, "READY");
    unlink(ready); /* a screen must not take the half-written state for the new bundle */
    bool has_sig = false;
    if (publish_tree(src, dst, "", &has_sig) == 0) {
        char *s_from = path_join(src, "SIGNATURE"), *s_to = path_join(dst, "SIGNATURE");
        int ok = has_sig ? copy_into(s_from, s_to) : 0;
        free(s_from), free(s_to);
        char stamp[64];
        time_t t = time(NULL);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S\n", localtime(&t));
        if (ok == 0 && fileio_write_atomic(ready, stamp, strlen(stamp), 0644, true) == 0) {
            fprintf(stderr, "honorboard publish: %s is complete%s\n", dst,
                    has_sig ? " (signed)" : "");
            rc = 0;
        } else {
            fprintf(stderr, "honorboard publish: cannot finish %s: %s\n", dst, strerror(errno));
        }
    }
    free(ready);
out:
    free(src);
    free(dst);
    return rc;
}
