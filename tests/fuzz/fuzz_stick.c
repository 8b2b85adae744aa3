/* fuzz_stick.c - libFuzzer harness over a stick's directory tree, not only file contents: the
 * input is a list of records, each making one node of a tree under SRC (a stick's root) -
 * regular files (bytes of the input, or a good playlist or a small PNG), folders, FIFOs,
 * symbolic links inside the stick and out of it (to a folder beside the stick, the store,
 * /etc/passwd, /dev/zero, `..`, themselves), hard links, sparse big files - under names from
 * the input (invalid UTF-8, 255 bytes, dots, `.txt` slips) or from a list of the names that
 * matter (honorboard in any case, near misses, 01.yaml, photos, REPORT.txt and its temporary,
 * 预览.png, 只预览.txt, SIGNATURE, MANIFEST, 送审). Then what a board does when a stick comes:
 * finding the folder (stick.h), the import's judgement and copy (store_import_with(): the
 * checker's rules in one process, as judge_child.c runs them) and REPORT.txt written back.
 *
 * Findings besides crashes, hangs and sanitizer reports (abort()): a file beside the stick
 * written or changed, or a bundle in the store holding a link, a FIFO or the bytes of a file
 * that lives outside the stick. */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "store/stick.h"
#include "store/store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SECRET "OUTSIDE-THE-STICK-7f3a"
#define MAX_NODES 64

static char base[256], src[320], store[320], outside[320], secret[384];
static time_t secret_mtime;

static const char *const known_names[] = {
    "honorboard",
    "HONORBOARD",
    "HonorBoard",
    "Honorbaord",
    "honorboard (2)",
    "honor board",
    "01.yaml",
    "01.yaml.txt",
    "02.YAML",
    "playlist.yml",
    "photos",
    "a.png",
    "a.PNG",
    "b.jpg",
    "REPORT.txt",
    ".REPORT.txt.tmp",
    "预览.png",
    "预览-2.png",
    "只预览.txt",
    "preview-only",
    "SIGNATURE",
    "MANIFEST",
    "送审",
    "films",
    "x.mp4",
    ".",
    "..",
    "~$01.yaml",
    "desktop.ini",
};
#define NKNOWN (sizeof known_names / sizeof *known_names)

/* A playlist that passes check, using photos/a.png; a 1x1 PNG. */
static const char good_yaml[] = "honorboard: 1\ntitle: 测试\nslides:\n  - type: story\n"
                                "    name: 张三\n    photo: photos/a.png\n    text: 好。\n"
                                "  - type: photo\n    image: a.png\n";
static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99,
    0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (flag == FTW_DP)
        rmdir(p);
    else
        unlink(p);
    return 0;
}

static void rm_tree(const char *p)
{
    nftw(p, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *p, const void *b, size_t n)
{
    int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    if (n && write(fd, b, n) < 0) {
        /* a name the file system refuses is fine: the tree is what it is */
    }
    close(fd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char cwd[200];
    if (!getcwd(cwd, sizeof cwd))
        abort();
    snprintf(base, sizeof base, "%s/build/fuzz/stick-%d", cwd, (int)getpid());
    snprintf(src, sizeof src, "%s/src", base);
    snprintf(store, sizeof store, "%s/store", base);
    snprintf(outside, sizeof outside, "%s/outside", base);
    snprintf(secret, sizeof secret, "%s/secret.yaml", outside);
    rm_tree(base);
    if (path_mkdirs(outside) < 0)
        abort();
    write_file(secret, SECRET "\n", sizeof SECRET);
    struct stat st;
    if (stat(secret, &st) < 0)
        abort();
    secret_mtime = st.st_mtime;
    return 0;
}

struct tree {
    char *dirs[MAX_NODES]; /* folders made so far (dirs[0] = SRC) */
    int ndirs;
    char *files[MAX_NODES]; /* regular files made so far */
    int nfiles;
};

struct in {
    const uint8_t *p;
    size_t n;
};

static unsigned take(struct in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

/* A name: one of known_names, or bytes of the input ('/' and NUL made '_'), up to 255 bytes
 * (longer when asked: the file system refuses it). Caller frees. */
static char *take_name(struct in *in)
{
    unsigned k = take(in);
    if (k < 96)
        return xstrdup(known_names[k % NKNOWN]);
    size_t len = k >= 250 ? (k == 255 ? 300 : 255) : (take(in) % 40) + 1;
    char *s = xmalloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned c = i < 40 ? take(in) : 'a' + (unsigned)(i % 26);
        s[i] = (char)(c == '/' || c == 0 ? '_' : c);
    }
    s[len] = '\0';
    if (k % 7 == 0 && len + 4 <= 255) { /* a Windows slip: the hidden .txt */
        char *t = xasprintf("%s.txt", s);
        free(s);
        s = t;
    }
    return s;
}

static const char *link_target(unsigned k, const struct tree *t, char *buf, size_t n)
{
    switch (k % 12) {
    case 0:
        return "../outside/secret.yaml";
    case 1:
        return secret;
    case 2:
        return outside;
    case 3:
        return "/etc/passwd";
    case 4:
        return "/dev/zero";
    case 5:
        return "..";
    case 6:
        return ".";
    case 7:
        snprintf(buf, n, "%s/current", store);
        return buf;
    case 8:
        return "../../../../../../../../etc/passwd";
    case 9:
        return "honorboard";
    default:
        if (t->nfiles == 0)
            return "a.png";
        snprintf(buf, n, "%s", t->files[k % (unsigned)t->nfiles] + strlen(src) + 1);
        return buf; /* relative to SRC: right only in SRC itself, a dangling link elsewhere */
    }
}

/* One record: what, where (a folder made so far), its name, then its bytes or target. */
static void make_node(struct in *in, struct tree *t)
{
    unsigned what = take(in) % 9, where = take(in);
    const char *dir = t->dirs[where % (unsigned)t->ndirs];
    char *name = take_name(in);
    char *p = xasprintf("%s/%s", dir, name);
    char buf[512];
    switch (what) {
    case 0: { /* a file of the input's bytes */
        size_t len = take(in) | (size_t)take(in) << 8;
        len = len > in->n ? in->n : len;
        write_file(p, in->p, len);
        in->p += len, in->n -= len;
        break;
    }
    case 1: /* a good playlist or a small picture */
        if (take(in) & 1)
            write_file(p, good_yaml, sizeof good_yaml - 1);
        else
            write_file(p, tiny_png, sizeof tiny_png);
        break;
    case 2:
    case 3:
        if (mkdir(p, 0755) == 0 && t->ndirs < MAX_NODES) {
            t->dirs[t->ndirs++] = p;
            p = NULL;
        }
        break;
    case 4:
        mkfifo(p, 0644);
        break;
    case 5:
    case 6:
        if (symlink(link_target(take(in), t, buf, sizeof buf), p) < 0) {
            /* the name exists or is refused: nothing made */
        }
        break;
    case 7:
        if (t->nfiles && link(t->files[take(in) % (unsigned)t->nfiles], p) < 0) {
            /* a hard link refused: nothing made */
        }
        break;
    default: { /* a sparse file of up to 16 MB */
        int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0) {
            if (ftruncate(fd, (off_t)(take(in) + 1) << 16) < 0) {
                /* no room: an empty file */
            }
            close(fd);
        }
    }
    }
    if (p && (what <= 1 || what == 7 || what == 8) && t->nfiles < MAX_NODES) {
        t->files[t->nfiles++] = p;
        p = NULL;
    }
    free(p);
    free(name);
}

static int bad_node(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_SL || flag == FTW_SLN || S_ISFIFO(st->st_mode) || S_ISCHR(st->st_mode)) {
        fprintf(stderr, "fuzz_stick: the store holds a link or device: %s\n", p);
        abort();
    }
    if (flag == FTW_F && S_ISREG(st->st_mode) && st->st_size < (1 << 20)) {
        size_t n;
        char *b = file_read_all(p, &n);
        if (b && (memmem(b, n, SECRET, strlen(SECRET)) || memmem(b, n, "root:x:0:0:", 11))) {
            fprintf(stderr, "fuzz_stick: the store holds a file from outside the stick: %s\n", p);
            abort();
        }
        free(b);
    }
    return 0;
}

/* Nothing beside the stick written; the store holds only regular files and folders of the
 * stick's own bytes. */
static void check_outside(void)
{
    struct stat st;
    char *b = file_read_all(secret, NULL);
    if (lstat(secret, &st) < 0 || !S_ISREG(st.st_mode) || st.st_mtime != secret_mtime || !b ||
        strcmp(b, SECRET "\n") != 0) {
        fprintf(stderr, "fuzz_stick: the file beside the stick was changed\n");
        abort();
    }
    free(b);
    size_t count = 0;
    DIR *d = opendir(outside);
    for (struct dirent *e; d && (e = readdir(d));)
        count += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    if (count != 1) {
        fprintf(stderr, "fuzz_stick: something was written beside the stick (%zu entries)\n",
                count);
        abort();
    }
    char *bundles = xasprintf("%s/bundles", store);
    nftw(bundles, bad_node, 16, FTW_PHYS);
    free(bundles);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    rm_tree(src);
    rm_tree(store);
    if (mkdir(src, 0755) < 0)
        abort();
    struct tree t = {.dirs = {xstrdup(src)}, .ndirs = 1};
    struct in in = {data, size};
    for (int k = 0; in.n > 0 && k < MAX_NODES; k++)
        make_node(&in, &t);
    /* what the importer thread asks of a drive first */
    free(stick_folder(src));
    free(stick_folder_link(src));
    free(stick_near_miss(src));
    free(stick_report_dir(src));
    if (stick_is_for_us(src)) {
        char *root = store_bundle_root(src);
        if (root)
            (void)stick_preview_only(root);
        free(root);
        struct store_policy pol = {.lock_wait = -1, .prescale = 960};
        struct store_result res = {0};
        store_import_with(store, src, &pol, NULL, NULL, &res);
        store_write_report(src, &res);
        store_result_free(&res);
    }
    check_outside();
    for (int i = 0; i < t.ndirs; i++)
        free(t.dirs[i]);
    for (int i = 0; i < t.nfiles; i++)
        free(t.files[i]);
    return 0;
}
