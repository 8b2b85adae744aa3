/* test_stickmount.c - sticks the board can write to (issue 29, item 8). The README's udev rule
 * (docs/operating.md, "Automounting") is read from the document itself, run as udev runs it
 * with systemd-mount stood in for, and its mount options applied to a real FAT image made by
 * mkfs.vfat. This machine's kernel has no vfat module (mount -t vfat: "unknown filesystem
 * type"), so the image is mounted through FUSE by fusefat, whose uid=, gid= and umask= options
 * mean what the kernel's vfat ones mean (every file's owner and mode), with the kernel checking
 * the rights (default_permissions). An import run as the board's user then writes REPORT.txt
 * into the image (预览.png cannot be asked for: fusefat 0.1a makes no file whose long name is
 * not ASCII, where the kernel's vfat does); mounted as the rule's other branch mounts it (root's),
 * it cannot, and says so. And a board whose stick is read-only says so on the screen: the notice
 * band's frame
 * (--dump-frames) grows by the sentence. Skipped without root, /dev/fuse, fusefat, mkfs.vfat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <signal.h>
#include <spng.h>
#include <stdint.h>
#include <sys/stat.h>

#define T "build/test-stickmount"
#define BOARD_UID 4322

static bool have(const char *prog)
{
    return run("command -v %s >/dev/null 2>&1", prog) == 0;
}

static bool can_mount(void)
{
    return geteuid() == 0 && access("/dev/fuse", R_OK | W_OK) == 0 && have("fusefat") &&
           have("mkfs.vfat") && have("setpriv") && have("fsck.fat");
}

/* A FAT image with a stick's honorboard/ folder on it (one story slide). */
static void make_stick(const char *img)
{
    sh("rm -f %s && truncate -s 32M %s && mkfs.vfat -n STICK %s >/dev/null", img, img, img);
    sh("mkdir -p " T "/m && fusefat -o rw+ %s " T "/m >/dev/null && mkdir -p " T
       "/m/honorboard/photos && cp playlists/photos/yu-cheng.jpg " T
       "/m/honorboard/photos/ && printf 'honorboard: 1\\ntitle: 光荣榜\\nslides:\\n  - { type: "
       "story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n' > " T
       "/m/honorboard/a.yaml && umount " T "/m",
       img);
}

static void unmount(const char *dir)
{
    run("umount %s 2>/dev/null || fusermount -u %s 2>/dev/null", dir, dir);
}

/* The options the README's rule gives systemd-mount for a FAT stick, udev's way: $$ is $,
 * $devnode the device, %k its kernel name; `id` answers for a board user of uid 4322. */
static char *rule_options(void)
{
    sh("mkdir -p " T "/bin");
    FILE *f = fopen(T "/bin/systemd-mount", "w");
    assert_non_null(f);
    fputs("#!/bin/sh\nprintf '%s\\n' \"$@\" > " T "/mountargs.txt\n", f);
    fclose(f);
    assert_non_null(f = fopen(T "/bin/id", "w"));
    fprintf(f, "#!/bin/sh\n[ \"$2\" = honorboard ] && echo %d && exit 0\nexec /usr/bin/id \"$@\"\n",
            BOARD_UID);
    fclose(f);
    sh("chmod +x " T "/bin/*");
    sh("sed -n \"s|.*RUN{program}+=\\\"/bin/sh -c '\\(.*\\)'\\\"\\$|\\1|p\" docs/operating.md | "
       "head -n 1 | sed -e 's/[$][$]/$/g' -e 's|/usr/bin/systemd-mount|" T
       "/bin/systemd-mount|' -e 's|[$]devnode|/dev/sdz1|' -e 's|%%k|sdz1|' > " T "/rule.sh");
    char *rule = slurp(T "/rule.sh");
    assert_non_null(strstr(rule, "--options=")); /* the rule is still in the document */
    free(rule);
    sh("PATH=" T "/bin:$PATH sh " T "/rule.sh");
    char *args = slurp(T "/mountargs.txt");
    assert_non_null(args);
    if (!strstr(args, "/dev/sdz1\n/media/usb-sdz1\n"))
        fail_msg("the rule gave systemd-mount: %s", args ? args : "(nothing)");
    char *o = strstr(args, "--options=");
    assert_non_null(o);
    o += strlen("--options=");
    o[strcspn(o, "\n")] = '\0';
    char *opts = xstrdup(o);
    free(args);
    return opts;
}

static int import_as_board(const char *stick, const char *err)
{
    sh("mkdir -p " T "/home " T "/store && chown -R %d:%d " T "/home " T "/store && printf "
       "'language: en\\n' > " T "/en.yaml",
       BOARD_UID, BOARD_UID);
    return run("setpriv --reuid=%d --regid=%d --clear-groups env HOME=$(pwd)/" T
               "/home %s import %s --store " T "/store --config " T "/en.yaml >/dev/null 2>%s",
               BOARD_UID, BOARD_UID, bin(), stick, err);
}

/* Item 8: mounted with the rule's options, the board's user writes REPORT.txt and the preview
 * onto the FAT image; mounted as root's (the rule's other branch), the import still takes the
 * content and says REPORT.txt could not be written. */
static void test_rule_mounts_for_the_board(void **state)
{
    (void)state;
    if (!can_mount())
        skip();
    sh("rm -rf " T " && mkdir -p " T "/stick");
    char *opts = rule_options();
    assert_non_null(strstr(opts, "uid=4322"));
    assert_non_null(strstr(opts, "gid=4322"));
    make_stick(T "/fat.img");
    sh("fusefat -o rw+,allow_other,default_permissions,%s " T "/fat.img " T "/stick >/dev/null",
       opts);
    free(opts);
    struct stat st;
    assert_int_equal(stat(T "/stick/honorboard/a.yaml", &st), 0);
    assert_int_equal(st.st_uid, BOARD_UID); /* what uid= means */
    int rc = import_as_board(T "/stick", T "/imp.err");
    bool report = stat(T "/stick/honorboard/REPORT.txt", &st) == 0 && st.st_size > 0;
    unmount(T "/stick");
    char *err = slurp(T "/imp.err");
    /* (预览.png is not asked for: fusefat 0.1a cannot make a file whose long name is not
     * ASCII, EPERM even for root; the kernel's vfat can) */
    if (rc != 0 || !report)
        fail_msg("import as the board's user on the rule's mount: rc %d, REPORT.txt %d: %s", rc,
                 report, err);
    assert_null(strstr(err, "could not be written"));
    free(err);
    /* in the FAT image itself, and the image still sound */
    sh("fsck.fat -n " T "/fat.img >/dev/null");
    sh("MTOOLS_SKIP_CHECK=1 mdir -i " T "/fat.img ::/honorboard | grep -q 'REPORT.txt'");
    /* a FAT stick mounted without the options (the kernel's vfat then gives root every file,
     * mode 755 under the usual umask 022): the board's user reads but cannot write */
    make_stick(T "/fat2.img");
    sh("fusefat -o rw+,allow_other,default_permissions,umask=022 " T "/fat2.img " T
       "/stick >/dev/null");
    rc = import_as_board(T "/stick", T "/imp2.err");
    report = access(T "/stick/honorboard/REPORT.txt", F_OK) == 0;
    unmount(T "/stick");
    err = slurp(T "/imp2.err");
    assert_int_equal(rc, 0); /* the content is taken all the same */
    assert_false(report);
    assert_non_null(strstr(err, "REPORT.txt could not be written on the USB stick (Permission "
                                "denied): it is read-only or mounted for another user"));
    free(err);
}

/* The height of the notice band at the bottom of a frame: the dark rows up from the bottom at
 * its left edge (the band is nearly black, the pages' backgrounds are not; text never reaches
 * the edge's first pixels). */
static int notice_band(const char *png)
{
    size_t len;
    char *data = file_read_all(png, &len);
    assert_non_null(data);
    spng_ctx *ctx = spng_ctx_new(0);
    spng_set_png_buffer(ctx, data, len);
    struct spng_ihdr ih;
    assert_int_equal(spng_get_ihdr(ctx, &ih), 0);
    size_t n;
    spng_decoded_image_size(ctx, SPNG_FMT_RGBA8, &n);
    unsigned char *px = malloc(n);
    assert_int_equal(spng_decode_image(ctx, px, n, SPNG_FMT_RGBA8, 0), 0);
    spng_ctx_free(ctx);
    free(data);
    int w = (int)ih.width, h = (int)ih.height, band = 0;
    for (int y = h - 1; y > 0; y--, band++) {
        const unsigned char *p = px + ((size_t)y * w + 1) * 4;
        if (p[0] + p[1] + p[2] >= 120)
            break;
    }
    free(px);
    return band;
}

/* The highest-numbered notice frame the board dumped, into out. */
static void last_notice(char *out, size_t n)
{
    sh("ls " T "/dump/640x360/notice-*.png | sort -t- -k2 -n | tail -n 1 > " T "/last.txt");
    char *p = slurp(T "/last.txt");
    p[strcspn(p, "\n")] = '\0';
    snprintf(out, n, "%s", p);
    free(p);
}

/* Item 8: a board whose stick it cannot write says so on the screen: the result's notice band
 * carries the sentence (two lines at 640x360 where the result alone takes one), and the journal
 * and the status file's warning say it (the new content no longer clears that warning). */
static void test_unwritable_stick_on_screen(void **state)
{
    (void)state;
    if (!can_mount())
        skip();
    sh("rm -rf " T " && mkdir -p " T "/media " T "/stick && printf 'language: en\\n' > " T
       "/en.yaml");
    make_stick(T "/fat.img");
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        freopen(T "/play.err", "w", stderr);
        execl(bin(), bin(), "play", "--config", T "/en.yaml", "--store", T "/store", "--watch",
              T "/media", "--status", T "/status.json", "--log", T "/play.jsonl",
              "--window=640x360", "--dump-frames", T "/dump", "--quit-after", "120", (char *)NULL);
        _exit(127);
    }
    wait_for(T "/play.jsonl", "\"event\":\"ready\"", 30);
    /* read-only (fusefat without rw+): even root cannot write REPORT.txt */
    sh("mkdir -p " T "/media/usb-sdz1 && fusefat -o ro,allow_other " T "/fat.img " T
       "/media/usb-sdz1 >/dev/null");
    wait_for(T "/play.jsonl", "\"event\":\"import\"", 60);
    wait_for(T "/play.err",
             "REPORT.txt could not be written on the USB stick (Read-only file system)", 10);
    wait_for(T "/status.json", "REPORT.txt could not be written on the USB stick", 10);
    sleep(3);
    char ro[512], rw[512];
    last_notice(ro, sizeof ro);
    unmount(T "/media/usb-sdz1");
    /* the same stick writable, plugged in again: the result alone */
    sh("mkdir -p " T "/media/usb-sdz2 && fusefat -o rw+,allow_other " T "/fat.img " T
       "/media/usb-sdz2 >/dev/null");
    wait_for_n(T "/play.jsonl", "\"event\":\"import\"", 2, 60);
    sleep(3);
    last_notice(rw, sizeof rw);
    kill(pid, SIGTERM);
    int ws;
    waitpid(pid, &ws, 0);
    unmount(T "/media/usb-sdz2");
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    assert_string_not_equal(ro, rw);
    int band_ro = notice_band(ro), band_rw = notice_band(rw);
    print_message("notice band: %d px read-only (%s), %d px writable (%s)\n", band_ro, ro, band_rw,
                  rw);
    assert_true(band_rw > 20);
    assert_true(band_ro >= band_rw + 15); /* at least one more line: the sentence */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_mounts_for_the_board),
        cmocka_unit_test(test_unwritable_stick_on_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
