/* sign.c - keygen, sign and verify content bundles. The signature is checked before any YAML
 * of the bundle is parsed, so an unsigned or tampered stick never reaches the parser. */
#include "store/sign.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/bundle.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SIG_MAX_BYTES (4u << 20)

/* BLAKE2b-256 of what fd reads, hex; closes fd. */
static int hash_fd(int fd, char out[65], uint64_t *size)
{
    if (fd < 0)
        return -1;
    struct hash h;
    hash_init(&h);
    int rc = hash_update_fd(&h, fd, size);
    close(fd);
    hash_final_hex(&h, out);
    return rc;
}

int sign_hash_file(const char *path, char out[65], uint64_t *size)
{
    return hash_fd(open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), out, size);
}

static int read_key(const char *path, unsigned char *key, size_t len, char *err, size_t errlen)
{
    char *text = file_read_all(path, NULL);
    if (!text) {
        snprintf(err, errlen, "cannot read key %s: %s", path, strerror(errno));
        return -1;
    }
    size_t got = 0;
    int rc = sodium_hex2bin(key, len, text, strlen(text), " \r\n", &got, NULL);
    free(text);
    if (rc < 0 || got != len) {
        snprintf(err, errlen, "%s is not a honorboard key", path);
        return -1;
    }
    return 0;
}

static int write_text(const char *path, const char *text, mode_t mode)
{
    return fileio_write_atomic(path, text, strlen(text), mode, true);
}

int sign_keygen_main(int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--help") == 0) {
            puts("usage: honorboard keygen --out DIR\n"
                 "  writes DIR/honorboard.key (secret: keep it in the office) and\n"
                 "  DIR/honorboard.pub (install it on the screens, trusted_keys: in the config)");
            return 0;
        }
    }
    if (!out) {
        fputs("usage: honorboard keygen --out DIR\n", stderr);
        return 2;
    }
    if (sodium_init() < 0 || path_mkdirs(out) < 0) {
        fprintf(stderr, "honorboard keygen: cannot create %s: %s\n", out, strerror(errno));
        return 2;
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    char pkh[sizeof pk * 2 + 1], skh[sizeof sk * 2 + 1];
    sodium_bin2hex(pkh, sizeof pkh, pk, sizeof pk);
    sodium_bin2hex(skh, sizeof skh, sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    char *kp = path_join(out, "honorboard.key"), *pp = path_join(out, "honorboard.pub");
    char *sline = xasprintf("%s\n", skh), *pline = xasprintf("%s\n", pkh);
    int rc = write_text(kp, sline, 0600) == 0 && write_text(pp, pline, 0644) == 0 ? 0 : 2;
    sodium_memzero(skh, sizeof skh);
    sodium_memzero(sline, strlen(sline));
    if (rc)
        fprintf(stderr, "honorboard keygen: cannot write keys in %s: %s\n", out, strerror(errno));
    else
        fprintf(stderr, "honorboard keygen: wrote %s (secret) and %s\n", kp, pp);
    free(kp), free(pp), free(sline), free(pline);
    return rc;
}

/* How far ahead of its references a version may be (seconds) before sign asks for --force. */
#define SIGN_MAX_AHEAD SIGN_RESET_MARGIN

/* The newest version this key has signed (KEY.version beside it), 0 when none. */
static uint64_t last_signed(const char *key)
{
    char *p = xasprintf("%s.version", key), *text = file_read_limited(p, 64, NULL);
    uint64_t v = text ? strtoull(text, NULL, 10) : 0;
    free(text), free(p);
    return v;
}

/* Is version credible against what sign can check without a board: the newest version this
 * key signed and the newest file's time? A clock set ahead would lock every board that takes
 * the bundle (they refuse every lower version after it). 0 when it is, -1 with words. */
static int version_credible(uint64_t version, uint64_t last, const char *root, char **files,
                            size_t n, char *err, size_t errlen)
{
    uint64_t newest = 0;
    for (size_t i = 0; i < n; i++) {
        char *full = path_join(root, files[i]);
        struct stat st;
        if (lstat(full, &st) == 0 && st.st_mtime > 0 && (uint64_t)st.st_mtime > newest)
            newest = (uint64_t)st.st_mtime;
        free(full);
    }
    uint64_t ref = last > newest ? last : newest;
    if (!ref || version <= ref + SIGN_MAX_AHEAD)
        return 0;
    char v[32], r[32];
    time_t tv = (time_t)version, tr = (time_t)ref;
    struct tm a, b;
    strftime(v, sizeof v, "%Y-%m-%d %H:%M", localtime_r(&tv, &a));
    strftime(r, sizeof r, "%Y-%m-%d %H:%M", localtime_r(&tr, &b));
    snprintf(err, errlen,
             _("version %llu (%s) is more than a day ahead of the newest version this key signed "
               "and of the newest file (%s): is this computer's clock set ahead? Boards that take "
               "it refuse every correctly dated bundle after it. Set the clock right, or give "
               "--version N, or --force if you are sure"),
             (unsigned long long)version, v, r);
    return -1;
}

static void sign_usage(void)
{
    puts("usage: honorboard sign SRC --key SECRET [--version N] [--reset] [--force]\n"
         "  SRC holds the honorboard/ folder (as a stick does); writes "
         "honorboard/SIGNATURE\n"
         "  --version N   the bundle's version (default: the current time); a board only\n"
         "                takes versions newer than the one it plays\n"
         "  --force       sign a version more than a day ahead of the newest this key\n"
         "                signed and of the files' times (refused otherwise: a clock set\n"
         "                ahead would lock every board that takes it)\n"
         "  --reset       a signed reset: boards whose version is more than a day ahead\n"
         "                of this one (signed under a clock set ahead) take it although\n"
         "                it is lower; boards with a correctly dated version refuse it\n"
         "The content is checked first as every board's import checks it; with errors\n"
         "nothing is signed (exit 1).");
}

/* What sign says of a version lower than this key signed before, and of a reset. */
static void sign_notes(uint64_t version, uint64_t last, bool reset)
{
    if (last && version < last && !reset)
        fprintf(stderr, "honorboard sign: %s\n",
                _("warning: this version is lower than one this key signed before; boards that "
                  "took that one refuse this one"));
    if (reset)
        fprintf(stderr, "honorboard sign: %s\n",
                _("a reset: boards whose version is more than a day ahead of this one take it "
                  "although it is lower; every other board refuses it as older"));
}

/* The full check every board's import makes, its messages printed: the number of errors. */
static int sign_check_first(const char *root)
{
    struct diag d = {0};
    struct bundle_plan plan = {0};
    char bhash[65];
    int errors = bundle_check(root, &plan, bhash, &d); /* what every board would refuse */
    diag_print(&d, stderr);
    diag_free(&d);
    bundle_plan_free(&plan);
    if (errors > 0)
        fprintf(stderr,
                _("honorboard sign: %s has %d error(s); not signed (every board would refuse "
                  "it)\n"),
                root, errors);
    return errors;
}

int sign_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"key", required_argument, 0, 'k'}, {"version", required_argument, 0, 'v'},
        {"force", no_argument, 0, 'f'},     {"reset", no_argument, 0, 'r'},
        {"help", no_argument, 0, 'h'},      {0, 0, 0, 0}};
    const char *key = NULL;
    uint64_t version = (uint64_t)time(NULL);
    bool force = false, reset = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'k':
            key = optarg;
            break;
        case 'v':
            version = strtoull(optarg, NULL, 10);
            break;
        case 'f':
            force = true;
            break;
        case 'r':
            reset = true;
            break;
        case 'h':
            sign_usage();
            return 0;
        default:
            return 2;
        }
    }
    if (optind != argc - 1 || !key) {
        fputs("usage: honorboard sign SRC --key SECRET [--version N] [--reset] [--force]\n",
              stderr);
        return 2;
    }
    if (sodium_init() < 0)
        return 2;
    char err[512];
    unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
    if (read_key(key, sk, sizeof sk, err, sizeof err) < 0) {
        fprintf(stderr, "honorboard sign: %s\n", err);
        return 2;
    }
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    char *root = path_join(argv[optind], "honorboard");
    if (!path_is_dir(root)) {
        fprintf(stderr, "honorboard sign: %s is not a folder\n", root);
        free(root);
        return 2;
    }
    if (sign_check_first(root) > 0) {
        sodium_memzero(sk, sizeof sk);
        free(root);
        return 1;
    }
    char **files;
    size_t n;
    manifest_list_files(root, true, &files, &n); /* sorted; not SIGNATURE, MANIFEST, REPORT.txt */
    uint64_t last = last_signed(key);
    if (!force && version_credible(version, last, root, files, n, err, sizeof err) < 0) {
        fprintf(stderr, "honorboard sign: %s\n", err);
        for (size_t i = 0; i < n; i++)
            free(files[i]);
        free(files);
        free(root);
        sodium_memzero(sk, sizeof sk);
        return 2;
    }
    sign_notes(version, last, reset);
    char pkh[sizeof pk * 2 + 1];
    sodium_bin2hex(pkh, sizeof pkh, pk, sizeof pk);
    struct strbuf b = {0};
    sb_printf(&b, "honorboard-signature 1\nversion %llu\n%skey %s\n", (unsigned long long)version,
              reset ? "reset\n" : "", pkh);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *full = path_join(root, files[i]), hash[65];
        uint64_t size;
        if (strchr(files[i], '\n') || sign_hash_file(full, hash, &size) < 0) {
            fprintf(stderr, "honorboard sign: cannot read %s\n", full);
            rc = 2;
        } else {
            sb_printf(&b, "file %s %llu %s\n", hash, (unsigned long long)size, files[i]);
        }
        free(full);
        free(files[i]);
    }
    free(files);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)b.s, b.len, sk);
    sodium_memzero(sk, sizeof sk);
    char sigh[sizeof sig * 2 + 1];
    sodium_bin2hex(sigh, sizeof sigh, sig, sizeof sig);
    sb_printf(&b, "signature %s\n", sigh);
    char *out = path_join(root, "SIGNATURE");
    if (rc == 0 && write_text(out, b.s, 0644) < 0) {
        fprintf(stderr, "honorboard sign: cannot write %s: %s\n", out, strerror(errno));
        rc = 2;
    }
    if (rc == 0) {
        fprintf(stderr, "honorboard sign: %s: version %llu%s, %zu files\n", out,
                (unsigned long long)version, reset ? " (reset)" : "", n);
        char *vp = xasprintf("%s.version", key), vs[32]; /* a reset is the new reference */
        snprintf(vs, sizeof vs, "%llu\n",
                 (unsigned long long)(version > last || reset ? version : last));
        write_text(vp, vs, 0600); /* the reference of the next sign */
        free(vp);
    }
    free(out);
    free(root);
    sb_free(&b);
    return rc;
}

int sign_verify(const char *root, const char *const *trusted, int ntrusted, struct manifest *m,
                char *err, size_t errlen)
{
    *m = (struct manifest){0};
    if (sodium_init() < 0) {
        snprintf(err, errlen, _("libsodium cannot start"));
        return -1;
    }
    char *sp = path_join(root, "SIGNATURE");
    struct stat st;
    if (lstat(sp, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen,
                 _("the content is not signed (no honorboard/SIGNATURE) and this board "
                   "only takes signed content"));
        free(sp);
        return -1;
    }
    if (st.st_size > SIG_MAX_BYTES) {
        snprintf(err, errlen, _("SIGNATURE is too large"));
        free(sp);
        return -1;
    }
    size_t len;
    char *text = file_read_limited(sp, SIG_MAX_BYTES, &len);
    free(sp);
    if (!text) {
        snprintf(err, errlen, _("cannot read SIGNATURE: %s"), _(file_error_text(errno)));
        return -1;
    }
    int rc = -1;
    char *sigline = strstr(text, "\nsignature ");
    unsigned char sig[crypto_sign_BYTES];
    size_t got = 0;
    if (!sigline || strncmp(text, "honorboard-signature 1\n", 23) != 0 ||
        sodium_hex2bin(sig, sizeof sig, sigline + 11, strcspn(sigline + 11, "\n"), NULL, &got,
                       NULL) < 0 ||
        got != sizeof sig) {
        snprintf(err, errlen, _("SIGNATURE is damaged"));
        goto out;
    }
    size_t signed_len = (size_t)(sigline - text) + 1;
    bool ok = false;
    for (int i = 0; i < ntrusted && !ok; i++) {
        unsigned char pk[crypto_sign_PUBLICKEYBYTES];
        char kerr[256];
        if (read_key(trusted[i], pk, sizeof pk, kerr, sizeof kerr) == 0)
            ok = crypto_sign_verify_detached(sig, (const unsigned char *)text, signed_len, pk) == 0;
    }
    if (!ok) {
        snprintf(err, errlen,
                 _("the signature does not match any trusted key (tampered, or signed "
                   "by another office)"));
        goto out;
    }
    /* the signed part is trusted from here on: parse it */
    sigline[1] = '\0';
    if (manifest_parse(text, m, err, errlen) < 0)
        goto out;
    for (size_t i = 0; i < m->n; i++) {
        char hash[65];
        uint64_t size = 0; /* opened confined to the bundle: no link leads out of it */
        int h = hash_fd(path_open_beneath(root, m->files[i].path), hash, &size);
        if (h < 0 || size != m->files[i].size || strcmp(hash, m->files[i].hash) != 0) {
            snprintf(err, errlen, _("%s does not match the signature (changed after signing?)"),
                     m->files[i].path);
            goto out;
        }
    }
    rc = 0;
out:
    if (rc < 0)
        manifest_free(m);
    free(text);
    return rc;
}
