/* manifest.c - a bundle's list of files and sizes and hashes (manifest.h): parsing MANIFEST and
 * the signed part of SIGNATURE, comparing a tree with the list, and writing MANIFEST. */
#include "store/manifest.h"
#include "base/renderpool.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names that are never part of a bundle at its top: ours, and the markers. */
static bool skipped(const char *rel, bool skip_signature)
{
    static const char *const names[] = {"REPORT.txt", "READY", MANIFEST_NAME};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(rel, names[i]) == 0)
            return true;
    return skip_signature && strcmp(rel, "SIGNATURE") == 0;
}

static void list_files(const char *root, const char *rel, bool skip_sig, char ***out, size_t *n)
{
    char *dir = rel[0] ? path_join(root, rel) : xstrdup(root);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') /* sync engines' temporary files start with a dot */
            continue;
        char *r = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        char *full = path_join(root, r);
        struct stat st;
        if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            list_files(root, r, skip_sig, out, n);
            free(r);
        } else if (lstat(full, &st) == 0 && S_ISREG(st.st_mode) && !skipped(r, skip_sig)) {
            *out = xrealloc(*out, (*n + 1) * sizeof **out);
            (*out)[(*n)++] = r;
        } else {
            free(r);
        }
        free(full);
    }
    if (d)
        closedir(d);
    free(dir);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void manifest_list_files(const char *root, bool skip_signature, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    list_files(root, "", skip_signature, out, n);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_str);
}

/* A relative path that stays inside the bundle: no "..", ".", empty parts, "/" or "\". */
static bool safe_rel(const char *p)
{
    if (!*p || p[0] == '/' || strchr(p, '\\'))
        return false;
    for (const char *s = p; *s;) {
        size_t len = strcspn(s, "/");
        if ((len == 2 && s[0] == '.' && s[1] == '.') || (len == 1 && s[0] == '.') || len == 0)
            return false;
        s += len;
        if (*s == '/')
            s++;
    }
    return true;
}

int manifest_parse(char *text, struct manifest *m, char *err, size_t errlen)
{
    *m = (struct manifest){0};
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "version ", 8) == 0) {
            m->version = strtoull(line + 8, NULL, 10);
        } else if (strcmp(line, "reset") == 0) {
            m->reset = true;
        } else if (strncmp(line, "file ", 5) == 0) {
            char hash[65];
            unsigned long long size;
            int off = 0;
            if (sscanf(line + 5, "%64s %llu %n", hash, &size, &off) != 2 || !off ||
                strlen(hash) != 64 || !safe_rel(line + 5 + off) || m->n >= MANIFEST_MAX_FILES) {
                snprintf(err, errlen, _("the list of files names a file it may not: %.200s"), line);
                manifest_free(m);
                return -1;
            }
            m->files = xrealloc(m->files, (m->n + 1) * sizeof *m->files);
            struct manifest_file *f = &m->files[m->n++];
            f->path = xstrdup(line + 5 + off);
            f->size = size;
            memcpy(f->hash, hash, 65);
        }
    }
    return 0;
}

int manifest_load(const char *root, const char *name, struct manifest *m, char *err, size_t errlen)
{
    *m = (struct manifest){0};
    char *p = path_join(root, name);
    size_t len;
    char *text = file_read_limited(p, MANIFEST_MAX_BYTES, &len);
    free(p);
    if (!text) {
        int e = errno;
        snprintf(err, errlen, _("cannot read %s: %s"), name, _(file_error_text(e)));
        errno = e;
        return -1;
    }
    int rc = manifest_parse(text, m, err, errlen);
    free(text);
    errno = EINVAL;
    return rc;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const struct manifest_file *)a)->path, ((const struct manifest_file *)b)->path);
}

int manifest_match(const char *root, const struct manifest *m, bool skip_signature,
                   unsigned long *hashed, char *why, size_t whylen)
{
    char **have;
    size_t nh;
    manifest_list_files(root, skip_signature, &have, &nh);
    struct manifest_file *want = xmalloc((m->n + 1) * sizeof *want);
    if (m->n)
        memcpy(want, m->files, m->n * sizeof *want);
    qsort(want, m->n, sizeof *want, cmp_file);
    int rc = 0;
    size_t i = 0, k = 0; /* the two sorted lists side by side: the first difference */
    while (rc == 0 && (i < nh || k < m->n)) {
        int c = i == nh ? 1 : k == m->n ? -1 : strcmp(have[i], want[k].path);
        if (c < 0)
            snprintf(why, whylen, _("%s is not in the list of files"), have[i]);
        else if (c > 0)
            snprintf(why, whylen, _("%s has not arrived"), want[k].path);
        rc = c != 0;
        i++, k++;
    }
    for (size_t f = 0; rc == 0 && f < m->n; f++) { /* sizes: cheap, before any hashing */
        char *full = path_join(root, want[f].path);
        struct stat st;
        if (lstat(full, &st) < 0 || (uint64_t)st.st_size != want[f].size) {
            snprintf(why, whylen, _("%s has %lld of %llu bytes"), want[f].path,
                     (long long)(lstat(full, &st) < 0 ? 0 : st.st_size),
                     (unsigned long long)want[f].size);
            rc = 1;
        }
        free(full);
    }
    for (size_t f = 0; rc == 0 && f < m->n; f++) {
        char hash[65];
        uint64_t size = 0;
        int fd = path_open_beneath(root, want[f].path);
        struct hash h;
        hash_init(&h);
        int hr = fd < 0 ? -1 : hash_update_fd(&h, fd, &size);
        if (fd >= 0)
            close(fd);
        hash_final_hex(&h, hash);
        if (hashed)
            (*hashed)++;
        if (hr < 0 || size != want[f].size || strcmp(hash, want[f].hash) != 0) {
            snprintf(why, whylen, _("%s differs from the list of files"), want[f].path);
            rc = 1;
        }
    }
    for (i = 0; i < nh; i++)
        free(have[i]);
    free(have);
    free(want);
    return rc;
}

/* The files of a manifest being written, hashed side by side (a bundle of photos is tens of
 * MB: a worker per core). */
struct hashing {
    const char *root;
    char **files;
    char (*hash)[65];
    uint64_t *size;
    int *err; /* errno, or 0 */
};

static void hash_job(void *ctx, void *worker, size_t i)
{
    (void)worker;
    struct hashing *hs = ctx;
    int fd = path_open_beneath(hs->root, hs->files[i]);
    struct hash h;
    hash_init(&h);
    hs->err[i] = 0;
    if (fd < 0 || hash_update_fd(&h, fd, &hs->size[i]) < 0 || strchr(hs->files[i], '\n'))
        hs->err[i] = errno ? errno : EINVAL;
    if (fd >= 0)
        close(fd);
    hash_final_hex(&h, hs->hash[i]);
}

int manifest_write(const char *root)
{
    char **files;
    size_t n;
    manifest_list_files(root, false, &files, &n);
    struct hashing hs = {.root = root,
                         .files = files,
                         .hash = xcalloc(n ? n : 1, sizeof *hs.hash),
                         .size = xcalloc(n ? n : 1, sizeof *hs.size),
                         .err = xcalloc(n ? n : 1, sizeof *hs.err)};
    static const struct renderpool_ops ops = {.job = hash_job};
    if (renderpool_run(n, renderpool_default_workers(), &ops, &hs) < 0)
        renderpool_run(n, 1, &ops, &hs);
    struct strbuf b = {0};
    sb_puts(&b, "honorboard-manifest 1\n");
    int rc = 0, e = 0;
    for (size_t i = 0; i < n; i++) {
        if (hs.err[i] && rc == 0)
            e = hs.err[i], rc = -1;
        sb_printf(&b, "file %s %llu %s\n", hs.hash[i], (unsigned long long)hs.size[i], files[i]);
        free(files[i]);
    }
    free(files);
    free(hs.hash), free(hs.size), free(hs.err);
    if (rc == 0) {
        char *p = path_join(root, MANIFEST_NAME);
        rc = fileio_write_atomic(p, b.s, b.len, 0644, true);
        e = errno;
        free(p);
    }
    sb_free(&b);
    errno = e;
    return rc;
}

bool manifest_has(const struct manifest *m, const char *path)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->files[i].path, path) == 0)
            return true;
    return false;
}

void manifest_free(struct manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->files[i].path);
    free(m->files);
    *m = (struct manifest){0};
}
