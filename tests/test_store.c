/* test_store.c - content from USB drives, without hardware: bundles imported into the store
 * (good, bad playlist, missing photo, undecodable image, the same twice, two in a row, rollback),
 * a stick pulled mid-copy, `kill -9` of the importer mid-copy then a restart, and the player
 * (headless, --quit-after) noticing drives renamed into a watch root. After each: the store
 * holds one complete bundle, the log shows the right result, REPORT.txt says what happened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <SDL_image.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "picture/images.h"
#include "store/store.h"
#include "store/store_keep.h"
#include "picture/photomemo.h"
#include "base/i18n.h"
#include "base/util.h"

#define T "build/test-store"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A stick: DIR/honorboard/ with one playlist titled `title`, two photos it uses and one it
 * does not (which must not be copied). */
static void make_stick(const char *dir, const char *title, const char *extra_slide)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "playlists/photos/wang-hui.jpg playlists/photos/zhou-ming.jpg %s/honorboard/photos/",
       dir, dir, dir);
    char *y = xasprintf("honorboard: 1\ntitle: %s\nslides:\n"
                        "  - type: story\n    name: 余程\n    honor: 优秀共产党员\n"
                        "    photo: photos/yu-cheng.jpg\n    text: 小家有难，大家帮忙。\n"
                        "  - type: roll\n    title: 优秀民警\n    people:\n"
                        "      - { name: 王辉, photo: photos/wang-hui.jpg }\n%s",
                        title, extra_slide ? extra_slide : "");
    char *p = xasprintf("%s/honorboard/a.yaml", dir);
    write_file(p, y);
    free(p);
    free(y);
}

static char *current_target(const char *store)
{
    char *p = path_join(store, "current");
    char buf[1024];
    ssize_t n = readlink(p, buf, sizeof buf - 1);
    free(p);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return xstrdup(buf);
}

/* The store holds exactly the complete bundles current and previous, nothing half-made. */
static void assert_store_clean(const char *store)
{
    char *cmd = xasprintf("ls -a %s | grep -E 'staging|\\.new' >/dev/null", store);
    assert_int_not_equal(system(cmd), 0);
    free(cmd);
    char *cur = store_current(store);
    assert_non_null(cur);
    char *y = path_join(cur, "a.yaml"), *info = path_join(cur, ".honorboard-bundle");
    assert_true(path_is_file(y));
    assert_true(path_is_file(info));
    free(y), free(info), free(cur);
}

static int import(const char *store, const char *src, struct store_result *res)
{
    int rc = store_import(store, src, NULL, NULL, res);
    store_write_report(src, res);
    return rc;
}

static void test_import_ok_unchanged_and_only_used_files(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T);
    make_stick(T "/stick", "乔司监狱先进风采", NULL);
    struct store_result r;
    assert_int_equal(import(T "/store", T "/stick", &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    assert_int_equal(r.slides, 2);
    assert_string_equal(r.message, "已载入新内容：乔司监狱先进风采，共 2 张。可以拔出U盘。");
    store_result_free(&r);
    assert_store_clean(T "/store");
    char *cur = store_current(T "/store");
    char *used = path_join(cur, "photos/wang-hui.jpg"),
         *unused = path_join(cur, "photos/zhou-ming.jpg");
    assert_true(path_is_file(used));
    assert_false(path_is_file(unused)); /* only what the playlists use */
    free(used), free(unused);
    char *report = slurp(T "/stick/honorboard/REPORT.txt");
    assert_non_null(strstr(report, "结果：已载入"));
    free(report);
    /* the same stick again: nothing re-imported */
    char *before = current_target(T "/store");
    assert_int_equal(import(T "/store", T "/stick", &r), 0);
    assert_int_equal(r.outcome, STORE_UNCHANGED);
    store_result_free(&r);
    char *after = current_target(T "/store");
    assert_string_equal(before, after);
    free(before), free(after), free(cur);
    report = slurp(T "/stick/honorboard/REPORT.txt");
    assert_non_null(strstr(report, "结果：内容相同，无需载入"));
    free(report);
}

static void expect_rejected(const char *extra, const char *setup, const char *want_in_report)
{
    make_stick(T "/bad", "坏内容", extra);
    if (setup)
        sh("%s", setup);
    char *before = current_target(T "/store");
    struct store_result r;
    assert_int_equal(import(T "/store", T "/bad", &r), -1);
    assert_int_equal(r.outcome, STORE_REJECTED);
    assert_non_null(strstr(r.message, "继续播放原有内容"));
    store_result_free(&r);
    char *after = current_target(T "/store");
    assert_string_equal(before, after); /* the store did not change */
    assert_store_clean(T "/store");
    char *report = slurp(T "/bad/honorboard/REPORT.txt");
    assert_non_null(strstr(report, "结果：未载入（内容有误）"));
    if (!strstr(report, want_in_report))
        fail_msg("REPORT.txt lacks '%s':\n%s", want_in_report, report);
    free(report), free(before), free(after);
}

static void test_rejected_bundles(void **state)
{
    (void)state;
    /* a bad playlist: the error with its line */
    expect_rejected("  - type: photo\n    imag: photos/x.jpg\n", NULL,
                    "a.yaml:14:5: 错误: 第3张（photo）：没有“imag”这个键（是不是“image”？）");
    /* a missing photo */
    expect_rejected("  - type: photo\n    image: photos/gone.jpg\n", NULL,
                    "a.yaml:14:12: 错误: 第3张（photo）：图片找不到“photos/gone.jpg”");
    /* an undecodable image */
    expect_rejected("  - type: photo\n    image: photos/broken.jpg\n",
                    "printf 'not a jpeg' > " T "/bad/honorboard/photos/broken.jpg",
                    "图片“photos/broken.jpg”无法显示");
    /* no honorboard folder at all */
    sh("rm -rf " T "/empty && mkdir -p " T "/empty");
    struct store_result r;
    assert_int_equal(import(T "/store", T "/empty", &r), -1);
    assert_int_equal(r.outcome, STORE_REJECTED);
    store_result_free(&r);
}

static int run_rollback(void)
{
    char *cmd = xasprintf("%s import --rollback --store " T "/store 2>/dev/null", bin());
    int rc = system(cmd);
    free(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_two_in_a_row_and_rollback(void **state)
{
    (void)state;
    make_stick(T "/s1", "第一版", NULL);
    make_stick(T "/s2", "第二版", "  - type: text\n    title: 通知\n    text: 新内容。\n");
    struct store_result r;
    assert_int_equal(import(T "/store", T "/s1", &r), 0);
    store_result_free(&r);
    char *first = current_target(T "/store");
    assert_int_equal(import(T "/store", T "/s2", &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    assert_int_equal(r.slides, 3);
    store_result_free(&r);
    char *second = current_target(T "/store");
    assert_string_not_equal(first, second);
    assert_store_clean(T "/store");
    /* only current and previous are kept */
    char *cmd = xasprintf("test $(ls " T "/store/bundles | wc -l) -eq 2");
    assert_int_equal(system(cmd), 0);
    free(cmd);
    assert_int_equal(run_rollback(), 0);
    char *now = current_target(T "/store");
    assert_string_equal(now, first);
    free(first), free(second), free(now);
}

/* The stick is pulled while a large photo is being copied: the file comes up short. */
static bool pull_midway(void *ctx, uint64_t done, uint64_t total)
{
    (void)total;
    const char *big = ctx;
    if (done >= (2u << 20))
        truncate(big, 1000); /* what a vanished device looks like to read(): the data ends */
    return true;
}

static void make_big_jpeg(const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 3000, 2000, 32, SDL_PIXELFORMAT_ARGB8888);
    uint32_t *px = s->pixels, seed = 7;
    for (int i = 0; i < 3000 * 2000; i++) {
        seed = seed * 1664525u + 1013904223u;
        px[i] = 0xFF000000u | (seed >> 8);
    }
    assert_int_equal(IMG_SaveJPG(s, path, 98), 0);
    SDL_FreeSurface(s);
}

static void test_pulled_mid_copy(void **state)
{
    (void)state;
    make_stick(T "/big", "大照片", "  - type: photo\n    image: photos/big.jpg\n");
    make_big_jpeg(T "/big/honorboard/photos/big.jpg");
    struct stat st;
    assert_int_equal(stat(T "/big/honorboard/photos/big.jpg", &st), 0);
    assert_true(st.st_size > (3 << 20));
    char *before = current_target(T "/store");
    struct store_result r;
    assert_int_equal(store_import(T "/store", T "/big", pull_midway,
                                  (void *)T "/big/honorboard/photos/big.jpg", &r),
                     -1);
    if (r.outcome != STORE_ABORTED)
        fail_msg("outcome %d: %s", (int)r.outcome, r.message);
    assert_non_null(strstr(r.message, "继续播放原有内容"));
    store_result_free(&r);
    char *after = current_target(T "/store");
    assert_string_equal(before, after);
    assert_store_clean(T "/store");
    free(before), free(after);
}

/* Photos larger than the screen needs are stored cut down (and the same stick stays
 * "unchanged": identity is the source's, not the stored copy's). */
static void test_prescale(void **state)
{
    (void)state;
    make_stick(T "/ps", "大照片", "  - type: photo\n    image: photos/big.jpg\n");
    make_big_jpeg(T "/ps/honorboard/photos/big.jpg");
    struct store_policy pol = {.prescale = 960};
    struct store_result r;
    assert_int_equal(store_import_with(T "/psstore", T "/ps", &pol, NULL, NULL, &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    char *cur = store_current(T "/psstore");
    char *big = path_join(cur, "photos/big.jpg"), err[256];
    int w = 0, h = 0;
    assert_int_equal(images_probe(big, &w, &h, err, sizeof err), 0);
    assert_int_equal(w, 1500); /* 3000x2000 at 1/2 would do; 1/4 leaves 750x500 < 960: 1/2 */
    assert_int_equal(h, 1000);
    free(big), free(cur);
    assert_int_equal(store_import_with(T "/psstore", T "/ps", &pol, NULL, NULL, &r), 0);
    assert_int_equal(r.outcome, STORE_UNCHANGED);
    store_result_free(&r);
}

/* Bytes this process has read (read(2) and the like) so far, from /proc/self/io. */
static uint64_t bytes_read(void)
{
    char *io = slurp("/proc/self/io"), *r = io ? strstr(io, "rchar: ") : NULL;
    uint64_t n = r ? strtoull(r + 7, NULL, 10) : 0;
    free(io);
    return n;
}

/* Issue 26: an import read every photo six times (the check, the content hash, the copy, the
 * check and the hash of the copy, the cut-down) and fsynced each file. Now each file is read
 * once: hashed, judged and staged from those bytes, the copy's check finding them judged. */
static void test_reads_each_file_once(void **state)
{
    (void)state;
    make_stick(T "/once", "一次", "  - type: photo\n    image: photos/big.jpg\n");
    make_big_jpeg(T "/once/honorboard/photos/big.jpg");
    FILE *du = popen("find " T "/once/honorboard -type f -printf '%s\\n'", "r");
    assert_non_null(du);
    uint64_t stick = 0;
    unsigned long long sz;
    while (fscanf(du, "%llu", &sz) == 1)
        stick += sz;
    pclose(du);
    struct store_policy pol = {.prescale = 960};
    photomemo_start(pol.prescale); /* as the confined checker runs it */
    uint64_t before = bytes_read();
    struct store_result r;
    assert_int_equal(store_import_with(T "/oncestore", T "/once", &pol, NULL, NULL, &r), 0);
    uint64_t got = bytes_read() - before;
    photomemo_stop();
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    /* the stick once, and the store's list of what it holds hashing the (smaller) copy */
    if (got > stick + stick / 2)
        fail_msg("the import read %llu bytes for a stick of %llu", (unsigned long long)got,
                 (unsigned long long)stick);
}

static void test_kill_9_mid_copy(void **state)
{
    (void)state;
    make_stick(T "/big2", "大照片二", "  - type: photo\n    image: photos/big.jpg\n");
    make_big_jpeg(T "/big2/honorboard/photos/big.jpg");
    char *before = current_target(T "/store");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("HONORBOARD_TEST_COPY_DELAY_MS", "300", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "import", T "/big2", "--store", T "/store", (char *)NULL);
        _exit(127);
    }
    /* wait until the copy has started (staging exists), then kill -9 */
    bool staged = false;
    for (int i = 0; i < 200 && !staged; i++) {
        usleep(50000);
        staged = system("ls " T "/store | grep -q staging") == 0;
    }
    assert_true(staged);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    char *mid = current_target(T "/store");
    assert_string_equal(before, mid); /* still the old, complete bundle */
    char err[256];
    assert_int_equal(store_open(T "/store", err, sizeof err), 0); /* the restart */
    assert_store_clean(T "/store");
    struct store_result r;
    assert_int_equal(import(T "/store", T "/big2", &r), 0); /* and it imports fine now */
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    assert_store_clean(T "/store");
    free(before), free(mid);
}

/* The player notices drives renamed into a watch root: insert, a bad one, pull, insert again. */
static void test_player_watches_drives(void **state)
{
    (void)state;
    sh("rm -rf " T "/root " T "/pstore " T "/play.jsonl && mkdir -p " T "/root");
    make_stick(T "/good", "新内容", NULL);
    make_stick(T "/badstick", "坏内容", "  - type: photo\n    image: photos/gone.jpg\n");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "--store", T "/pstore", "--watch", T "/root",
              "--window=320x180", "--log", T "/play.jsonl", "--quit-after", "60", (char *)NULL);
        _exit(127);
    }
    wait_for_n(T "/play.jsonl", "\"event\":\"ready\"", 1, 20); /* the first page is up */
    sh("mv " T "/good " T "/root/USB-A");                      /* insert */
    wait_for_n(T "/play.jsonl", "\"result\":\"ok\"", 1, 30);
    char *log = slurp(T "/play.jsonl");
    assert_non_null(
        strstr(log, "\"event\":\"import\",\"source\":\"" T "/root/USB-A\",\"result\":\"ok\","
                    "\"message\":\"已载入新内容：新内容，共 2 张。可以拔出U盘。\",\"slides\":2"));
    free(log);
    sh("mv " T "/badstick " T "/root/USB-B"); /* a bad stick: rejected, old content stays */
    wait_for_n(T "/play.jsonl", "\"result\":\"rejected\"", 1, 30);
    char *rep = slurp(T "/root/USB-B/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "图片找不到“photos/gone.jpg”"));    /* the board speaks Chinese */
    assert_true(path_is_file(T "/root/USB-B/honorboard/预览.png")); /* and sends a preview */
    free(rep);
    sh("mv " T "/root/USB-A " T "/pulled"); /* pull it out */
    usleep(1500000);
    sh("mv " T "/pulled " T "/root/USB-A"); /* and insert it again: looked at again */
    wait_for_n(T "/play.jsonl", "\"result\":\"unchanged\"", 1, 30);
    /* the new content is on screen: a slide from the store's bundle is logged */
    wait_for_n(T "/play.jsonl", "\"type\":\"story\",\"title\":\"余程\"", 1, 30);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_store_clean(T "/pstore");
    char *cur = store_current(T "/pstore");
    char *y = path_join(cur, "a.yaml");
    char *text = slurp(y);
    assert_non_null(strstr(text, "title: 新内容"));
    free(text), free(y), free(cur);
}

/* A stick asking for a preview only (只预览.txt) with content other than the board's: said as a
 * preview only - nothing loaded on purpose, the board keeps its content - never "unchanged". */
static void test_preview_only_is_not_unchanged(void **state)
{
    (void)state;
    sh("rm -rf " T "/pv " T "/pvstore && mkdir -p " T "/pv");
    make_stick(T "/pv/first", "第一版", NULL);
    struct store_result r;
    assert_int_equal(import(T "/pvstore", T "/pv/first", &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    char *before = current_target(T "/pvstore");
    make_stick(T "/pv/second", "第二版", NULL);
    write_file(T "/pv/second/honorboard/只预览.txt", "");
    assert_int_equal(import(T "/pvstore", T "/pv/second", &r), 0);
    assert_string_equal(store_outcome_name(r.outcome), "preview");
    assert_non_null(strstr(r.message, "只预览"));
    assert_non_null(strstr(r.message, "继续播放原有内容"));
    assert_string_equal(r.bundle, ""); /* nothing of the store is its content */
    store_result_free(&r);
    char *after = current_target(T "/pvstore");
    assert_string_equal(before, after);
    char *rep = slurp(T "/pv/second/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "结果：只预览，未载入"));
    assert_null(strstr(rep, "内容相同"));
    free(rep), free(before), free(after);
    /* the board: its log, its status and its notice say the same */
    sh("rm -rf " T "/pv/root && mkdir -p " T "/pv/root && rm -f " T "/pv/play.jsonl " T
       "/pv/status.json");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen("/dev/null", "w", stderr);
        execl(bin(), bin(), "play", "--store", T "/pvstore", "--watch", T "/pv/root",
              "--window=320x180", "--log", T "/pv/play.jsonl", "--status", T "/pv/status.json",
              "--quit-after", "60", (char *)NULL);
        _exit(127);
    }
    wait_for_n(T "/pv/play.jsonl", "\"event\":\"ready\"", 1, 20);
    sh("mv " T "/pv/second " T "/pv/root/USB-P");
    wait_for_n(T "/pv/play.jsonl", "\"event\":\"import\"", 1, 30);
    usleep(1500000); /* the status file follows the import */
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char *log = slurp(T "/pv/play.jsonl");
    assert_non_null(strstr(log, "\"result\":\"preview\",\"message\":\"只预览"));
    assert_null(strstr(log, "\"result\":\"unchanged\""));
    free(log);
    char *status = slurp(T "/pv/status.json");
    assert_non_null(strstr(status, "\"last_import_result\": \"preview\""));
    free(status);
    char *cur = store_current(T "/pvstore"), *y = path_join(cur, "a.yaml");
    char *text = slurp(y);
    assert_non_null(strstr(text, "title: 第一版")); /* the board kept its content */
    free(text), free(y), free(cur);
}

/* A real FAT image mounted under a watch root, where this machine allows loop mounts. */
static void test_fat_image(void **state)
{
    (void)state;
    if (geteuid() != 0 || system("command -v mkfs.vfat >/dev/null 2>&1") != 0 ||
        system("command -v losetup >/dev/null 2>&1") != 0) {
        skip(); /* reported as skipped by cmocka, never as passed */
        return;
    }
    sh("rm -rf " T "/fat " T "/fatroot && mkdir -p " T "/fat " T "/fatroot/usb && "
       "dd if=/dev/zero of=" T "/fat.img bs=1M count=16 status=none && mkfs.vfat -n HONOR " T
       "/fat.img >/dev/null");
    if (system("mount -o loop " T "/fat.img " T "/fatroot/usb 2>/dev/null") != 0) {
        skip(); /* no loop devices in this sandbox */
        return;
    }
    make_stick(T "/fatsrc", "FAT内容", NULL);
    sh("cp -r " T "/fatsrc/honorboard " T "/fatroot/usb/ && sync");
    struct store_result r;
    int rc = import(T "/fatstore", T "/fatroot/usb", &r);
    assert_int_equal(rc, 0);
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    char *rep = slurp(T "/fatroot/usb/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "结果：已载入"));
    free(rep);
    system("umount " T "/fatroot/usb");
}

/* Folder names as FAT shows them: HONORBOARD imports; a near miss (Honorbaord) is refused
 * with a REPORT.txt at the stick's root naming the right folder; a stick with no such folder
 * is left alone. Paths in REPORT.txt are relative to the honorboard folder. */
static void test_folder_letter_case_and_near_miss(void **state)
{
    (void)state;
    make_stick(T "/upper", "大写", NULL);
    sh("mv " T "/upper/honorboard " T "/upper/HONORBOARD");
    struct store_result r;
    assert_int_equal(import(T "/casestore", T "/upper", &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    char *rep = slurp(T "/upper/HONORBOARD/REPORT.txt");
    assert_non_null(strstr(rep, "结果：已载入"));
    free(rep);

    make_stick(T "/near", "拼错", "  - type: photo\n    image: photos/gone.jpg\n");
    sh("mv " T "/near/honorboard " T "/near/Honorbaord");
    assert_int_equal(import(T "/casestore", T "/near", &r), -1);
    assert_int_equal(r.outcome, STORE_REJECTED);
    assert_non_null(strstr(r.message, "Honorbaord"));
    store_result_free(&r);
    rep = slurp(T "/near/REPORT.txt");
    assert_non_null(strstr(rep, "U盘上的文件夹名为“Honorbaord”，应为 honorboard"));
    assert_non_null(strstr(rep, "Honorbaord: 错误: 这个文件夹必须命名为 honorboard"));
    assert_null(strstr(rep, T)); /* no path of the board's machine */
    free(rep);

    sh("rm -rf " T "/other && mkdir -p " T "/other/photos");
    assert_int_equal(import(T "/casestore", T "/other", &r), -1);
    store_result_free(&r);
    assert_false(path_is_file(T "/other/REPORT.txt")); /* not our stick: nothing written */

    /* relative paths, also inside messages */
    make_stick(T "/rel", "相对路径", "  - type: photo\n    image: photos/broken.jpg\n");
    sh("printf 'not a jpeg' > " T "/rel/honorboard/photos/broken.jpg");
    assert_int_equal(import(T "/casestore", T "/rel", &r), -1);
    store_result_free(&r);
    rep = slurp(T "/rel/honorboard/REPORT.txt");
    assert_non_null(strstr(rep, "a.yaml:14:12: 错误:"));
    if (strstr(rep, "build/"))
        fail_msg("REPORT.txt shows a path of the board's machine:\n%s", rep);
    free(rep);
}

/* The preview sheets an import's checker drew wait beside the store (STAGING.sheets) until
 * the import copies them onto the stick, after it let go of the store's lock: another writer's
 * cleanup meanwhile (`honorboard import` beside the player) leaves those of a process that
 * still runs, and removes those of one that died, like any staging folder. */
static void test_cleanup_spares_live_sheets(void **state)
{
    (void)state;
    sh("rm -rf " T "/sh && mkdir -p " T "/sh");
    make_stick(T "/sh/stick", "预览等待", NULL);
    struct store_result r;
    assert_int_equal(import(T "/sh/store", T "/sh/stick", &r), 0);
    store_result_free(&r);
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    assert_true(dead > 0);
    waitpid(dead, NULL, 0);
    sh("mkdir -p " T "/sh/store/staging-%d.sheets " T "/sh/store/staging-%d.sheets " T
       "/sh/store/staging-%d",
       (int)getppid(), (int)dead, (int)getppid());
    sh("touch " T "/sh/store/staging-%d.sheets/预览.png", (int)getppid());
    store_cleanup(T "/sh/store");
    char p[256];
    snprintf(p, sizeof p, T "/sh/store/staging-%d.sheets/预览.png", (int)getppid());
    assert_true(path_is_file(p)); /* a running import's: kept */
    snprintf(p, sizeof p, T "/sh/store/staging-%d.sheets", (int)dead);
    assert_false(path_is_dir(p)); /* a dead one's: removed */
    snprintf(p, sizeof p, T "/sh/store/staging-%d", (int)getppid());
    assert_false(path_is_dir(p)); /* staging itself: removed, as always */
}

int main(void)
{
    SDL_Init(0);
    i18n_set_language("zh"); /* as the board does by default (config language: zh-CN) */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_ok_unchanged_and_only_used_files),
        cmocka_unit_test(test_preview_only_is_not_unchanged),
        cmocka_unit_test(test_rejected_bundles),
        cmocka_unit_test(test_two_in_a_row_and_rollback),
        cmocka_unit_test(test_pulled_mid_copy),
        cmocka_unit_test(test_prescale),
        cmocka_unit_test(test_reads_each_file_once),
        cmocka_unit_test(test_kill_9_mid_copy),
        cmocka_unit_test(test_player_watches_drives),
        cmocka_unit_test(test_fat_image),
        cmocka_unit_test(test_folder_letter_case_and_near_miss),
        cmocka_unit_test(test_cleanup_spares_live_sheets),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
