/* test_untrusted.c - a malformed or malicious stick: every bad input is refused with its exact
 * error (file and line where there is one), the store and the screen's content stay as they
 * were; signed bundles round-trip, tampered, unsigned and older ones are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <SDL_image.h>
#include <turbojpeg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "picture/images.h"
#include "store/sign.h"
#include "store/store.h"
#include "base/util.h"

#define T "build/test-untrusted"

static char *current(void)
{
    char buf[1024];
    ssize_t n = readlink(T "/store/current", buf, sizeof buf - 1);
    if (n <= 0)
        return xstrdup("");
    buf[n] = '\0';
    return xstrdup(buf);
}

/* A good stick, imported once so the store has content to protect. */
static int setup(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T
       "/good/honorboard/photos && cp playlists/photos/yu-cheng.jpg " T
       "/good/honorboard/photos/ && printf 'honorboard: 1\\ntitle: 原有内容\\nslides:\\n  - { "
       "type: "
       "story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n' > " T
       "/good/honorboard/a.yaml");
    struct store_result r;
    assert_int_equal(store_import(T "/store", T "/good", NULL, NULL, &r), 0);
    store_result_free(&r);
    return 0;
}

/* Writes a stick with playlist text (len bytes) and an optional extra file; imports it; checks
 * that it was refused with `want` among its messages and that the store did not change. */
static void refuse(const char *yaml, size_t len, const char *file, const char *data, size_t dlen,
                   const char *want)
{
    sh("rm -rf " T "/bad && mkdir -p " T "/bad/honorboard/photos");
    FILE *f = fopen(T "/bad/honorboard/a.yaml", "wb");
    fwrite(yaml, 1, len, f);
    fclose(f);
    if (file) {
        char *p = xasprintf(T "/bad/honorboard/%s", file);
        f = fopen(p, "wb");
        fwrite(data, 1, dlen, f);
        fclose(f);
        free(p);
    }
    char *before = current();
    struct store_result r;
    assert_int_equal(store_import(T "/store", T "/bad", NULL, NULL, &r), -1);
    assert_int_equal(r.outcome, STORE_REJECTED);
    bool found = false;
    for (size_t i = 0; i < r.diag.n; i++) {
        char *m = diag_format(&r.diag.msgs[i]);
        found |= strstr(m, want) != NULL;
        free(m);
    }
    if (!found) {
        struct strbuf b = {0};
        for (size_t i = 0; i < r.diag.n; i++) {
            char *m = diag_format(&r.diag.msgs[i]);
            sb_printf(&b, "%s\n", m);
            free(m);
        }
        fail_msg("expected '%s' among:\n%s", want, b.s ? b.s : "(nothing)");
    }
    store_result_free(&r);
    char *after = current();
    assert_string_equal(before, after);
    free(before), free(after);
}

#define REFUSE_YAML(y, want) refuse((y), sizeof(y) - 1, NULL, NULL, 0, (want))

static void test_playlist_limits(void **state)
{
    (void)state;
    REFUSE_YAML("honorboard: 1\nx: &a [*a]\nslides: []\n",
                "a.yaml:2:8: error: aliases (*a) are not allowed in a playlist");
    REFUSE_YAML("honorboard: 1\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\nslides: []\n",
                "a.yaml:3:8: error: aliases (*a) are not allowed");
    struct strbuf deep = {0};
    sb_puts(&deep, "honorboard: 1\nslides: ");
    for (int i = 0; i < 100; i++)
        sb_puts(&deep, "[");
    for (int i = 0; i < 100; i++)
        sb_puts(&deep, "]");
    sb_puts(&deep, "\n");
    refuse(deep.s, deep.len, NULL, NULL, 0, "a.yaml:2:40: error: nested more than 32 levels deep");
    sb_free(&deep);
    REFUSE_YAML("honorboard: 1\ntitle: a\0b\nslides: []\n",
                "a.yaml:2:1: error: the file contains a NUL byte");
    REFUSE_YAML("\xff\xfeh\0o\0", "a.yaml:1:1: error: the file is saved as UTF-16");
    REFUSE_YAML("honorboard: 1\ntitle: \xb9\xe2\xc8\xd9\nslides: []\n",
                "a.yaml:2:8: error: YAML syntax: invalid leading UTF-8 octet");
    struct strbuf big = {0};
    sb_puts(&big, "honorboard: 1\nslides:\n");
    while (big.len < (1u << 20) + 10)
        sb_puts(&big, "  - { type: text, title: 标题, text: 正文正文正文正文正文正文正文正文 }\n");
    refuse(big.s, big.len, NULL, NULL, 0, "a.yaml: error: the file is ");
    sb_free(&big);
    struct strbuf longv = {0};
    sb_puts(&longv, "honorboard: 1\ntitle: ");
    for (int i = 0; i < 70000; i++)
        sb_puts(&longv, "a");
    sb_puts(&longv, "\nslides: []\n");
    refuse(longv.s, longv.len, NULL, NULL, 0, "a.yaml:2:8: error: a value of 70000 bytes");
    sb_free(&longv);
    /* a UTF-8 BOM is fine: Notepad writes one */
    sh("rm -rf " T "/bom && mkdir -p " T
       "/bom/honorboard && printf '\\357\\273\\277honorboard: 1\\n"
       "title: 带BOM\\nslides:\\n  - { type: text, title: a, text: b }\\n' > " T
       "/bom/honorboard/a.yaml");
    struct store_result r;
    assert_int_equal(store_import(T "/store", T "/bom", NULL, NULL, &r), 0);
    store_result_free(&r);
    assert_int_equal(store_import(T "/store", T "/good", NULL, NULL, &r), 0); /* back */
    store_result_free(&r);
}

static const char photo_yaml[] =
    "honorboard: 1\nslides:\n  - { type: photo, image: photos/x.jpg }\n";

/* A small progressive JPEG whose last scan is repeated 3000 times: thousands of scans. */
static char *scan_bomb(size_t *len)
{
    unsigned char px[64 * 64 * 3];
    for (int i = 0; i < (int)sizeof px; i++)
        px[i] = (unsigned char)(i * 7);
    tjhandle tj = tjInitCompress();
    unsigned char *jpg = NULL;
    unsigned long n = 0;
    assert_int_equal(
        tjCompress2(tj, px, 64, 64 * 3, 64, TJPF_RGB, &jpg, &n, TJSAMP_420, 80, TJFLAG_PROGRESSIVE),
        0);
    tjDestroy(tj);
    size_t sos = 0, eoi = n - 2;
    for (size_t i = 0; i + 1 < n; i++)
        if (jpg[i] == 0xFF && jpg[i + 1] == 0xDA)
            sos = i; /* the last scan */
    assert_true(sos > 0 && jpg[eoi] == 0xFF && jpg[eoi + 1] == 0xD9);
    struct strbuf b = {0};
    sb_add(&b, (const char *)jpg, eoi);
    for (int k = 0; k < 3000; k++)
        sb_add(&b, (const char *)jpg + sos, eoi - sos);
    sb_add(&b, "\xff\xd9", 2);
    tjFree(jpg);
    *len = b.len;
    return b.s;
}

static void test_image_limits(void **state)
{
    (void)state;
    /* thousands of progressive scans: refused, quickly, by check and by playback alike */
    size_t blen;
    char *bomb = scan_bomb(&blen);
    double t0 = now_seconds();
    refuse(photo_yaml, sizeof photo_yaml - 1, "photos/x.jpg", bomb, blen,
           "image 'photos/x.jpg' cannot be shown: cannot decode image");
    char err[256];
    assert_null(images_load(T "/bad/honorboard/photos/x.jpg", err, sizeof err));
    assert_non_null(strstr(err, "more than 500 scans"));
    assert_true(now_seconds() - t0 < 5);
    free(bomb);
    /* a PCX picture renamed .jpg: refused by its bytes before any decoder sees it */
    const char pcx[] = "\x0a\x05\x01\x08\x00\x00\x00\x00\x0f\x00\x0f\x00";
    refuse(photo_yaml, sizeof photo_yaml - 1, "photos/x.jpg", pcx, sizeof pcx,
           "a.yaml:3:27: error: slide 1 (photo): image 'photos/x.jpg' cannot be shown: '" T
           "/bad/honorboard/photos/x.jpg' is not a JPEG or PNG picture");
    /* a PNG header claiming 100000 x 100000 pixels */
    unsigned char png[33] = {0x89, 'P',  'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0, 0,
                             13,   'I',  'H', 'D', 'R',  0,    1,    0x86, 0xA0, 0, 1,
                             0x86, 0xA0, 8,   6,   0,    0,    0,    0,    0,    0, 0};
    refuse(photo_yaml, sizeof photo_yaml - 1, "photos/x.jpg", (const char *)png, sizeof png,
           "is 100000x100000, larger than honorboard accepts");
    /* a PNG whose chunk runs past the end of the file: SDL_image's PNG reader looped for ever on
     * it (found by fuzzing, kept in tests/fuzz/crashers) */
    size_t clen;
    char *crash = file_read_all("tests/fuzz/crashers/png-chunk-past-eof.img", &clen);
    assert_non_null(crash);
    refuse(photo_yaml, sizeof photo_yaml - 1, "photos/x.jpg", crash, clen,
           "is a damaged PNG (truncated, or its chunks do not add up)");
    free(crash);
    /* a truncated JPEG */
    size_t len;
    char *jpg = file_read_all("playlists/photos/yu-cheng.jpg", &len);
    refuse(photo_yaml, sizeof photo_yaml - 1, "photos/x.jpg", jpg, len / 2,
           "image 'photos/x.jpg' cannot be shown: cannot decode image");
    free(jpg);
    /* a file too large to be a photo (sparse, so it costs no disk) */
    refuse(photo_yaml, sizeof photo_yaml - 1, "photos/x.jpg", "\xff\xd8\xff", 3,
           "cannot decode image");
    sh("truncate -s 70M " T "/bad/honorboard/photos/x.jpg");
    char *before = current();
    struct store_result r;
    assert_int_equal(store_import(T "/store", T "/bad", NULL, NULL, &r), -1);
    assert_non_null(strstr(r.message, "x.jpg"));
    store_result_free(&r);
    char *after = current();
    assert_string_equal(before, after);
    free(before), free(after);
}

/* Files are opened confined to the bundle: no symbolic link (file or folder) and no '..' leads
 * out, whatever the earlier checks said. */
static void test_confined_open(void **state)
{
    (void)state;
    sh("rm -rf " T "/conf && mkdir -p " T "/conf/b/photos " T "/conf/outside && echo secret > " T
       "/conf/outside/s.jpg && cp playlists/photos/yu-cheng.jpg " T "/conf/b/photos/ && ln -s "
       "\"$PWD/" T "/conf/outside\" " T "/conf/b/linkdir && ln -s \"$PWD/" T
       "/conf/outside/s.jpg\" " T "/conf/b/photos/link.jpg");
    int fd = path_open_beneath(T "/conf/b", "photos/yu-cheng.jpg");
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(path_open_beneath(T "/conf/b", "linkdir/s.jpg"), -1);
    assert_int_equal(path_open_beneath(T "/conf/b", "photos/link.jpg"), -1);
    assert_int_equal(path_open_beneath(T "/conf/b", "../outside/s.jpg"), -1);
    assert_int_equal(path_open_beneath(T "/conf/b", "/etc/passwd"), -1);
    /* and a playlist naming such a file is refused with its line */
    sh("mkdir -p " T "/conf/stick && mv " T "/conf/b " T "/conf/stick/honorboard && printf "
       "'honorboard: 1\nslides:\n  - { type: photo, image: linkdir/s.jpg }\n' > " T
       "/conf/stick/honorboard/a.yaml");
    struct store_result r;
    assert_int_equal(store_import(T "/store", T "/conf/stick", NULL, NULL, &r), -1);
    bool found = false;
    for (size_t i = 0; i < r.diag.n; i++)
        found |=
            strstr(r.diag.msgs[i].text, "leaves the playlist's folder through a symbolic link") &&
            r.diag.msgs[i].line == 3;
    assert_true(found);
    store_result_free(&r);
}

static int import_signed(const char *stick, struct store_result *r)
{
    const char *keys[] = {T "/keys/honorboard.pub"};
    struct store_policy pol = {.trusted_keys = keys, .ntrusted = 1};
    return store_import_with(T "/sstore", stick, &pol, NULL, NULL, r);
}

static void test_signed_content(void **state)
{
    (void)state;
    sh("%s keygen --out " T "/keys 2>/dev/null", bin());
    sh("%s keygen --out " T "/otherkeys 2>/dev/null", bin());
    sh("rm -rf " T "/s && cp -r " T "/good " T "/s && echo '不在清单里' > " T
       "/s/honorboard/extra.txt");
    sh("%s sign " T "/s --key " T "/keys/honorboard.key --version 10 2>/dev/null", bin());
    struct store_result r;
    assert_int_equal(import_signed(T "/s", &r), 0); /* round trip */
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    char *cur = store_current(T "/sstore");
    char *extra = xasprintf("%s/extra.txt", cur);
    assert_false(path_is_file(extra)); /* listed files only, and only those the playlists use */
    free(extra);
    free(cur);
    /* tampered after signing */
    sh("rm -rf " T "/t && cp -r " T "/s " T "/t && sed -i 's/原有内容/篡改内容/' " T
       "/t/honorboard/a.yaml");
    assert_int_equal(import_signed(T "/t", &r), -1);
    assert_int_equal(r.outcome, STORE_REJECTED);
    assert_non_null(strstr(r.message, "a.yaml does not match the signature"));
    store_result_free(&r);
    /* unsigned */
    assert_int_equal(import_signed(T "/good", &r), -1);
    assert_non_null(strstr(r.message, "not signed"));
    store_result_free(&r);
    /* signed by a key the board does not trust */
    sh("rm -rf " T "/o && cp -r " T "/good " T "/o && %s sign " T "/o --key " T
       "/otherkeys/honorboard.key --version 99 2>/dev/null",
       bin());
    assert_int_equal(import_signed(T "/o", &r), -1);
    assert_non_null(strstr(r.message, "does not match any trusted key"));
    store_result_free(&r);
    /* an older version of different content: no rollback through a stick */
    sh("rm -rf " T "/old && cp -r " T "/good " T "/old && sed -i 's/原有内容/旧内容/' " T
       "/old/honorboard/a.yaml && %s sign " T "/old --key " T
       "/keys/honorboard.key --version 9 2>/dev/null",
       bin());
    assert_int_equal(import_signed(T "/old", &r), -1);
    assert_non_null(strstr(r.diag.msgs[r.diag.n - 1].text, "version 9 is not newer"));
    store_result_free(&r);
    /* a newer version goes in */
    sh("%s sign " T "/old --key " T "/keys/honorboard.key --version 11 2>/dev/null", bin());
    assert_int_equal(import_signed(T "/old", &r), 0);
    assert_int_equal(r.outcome, STORE_OK);
    store_result_free(&r);
    /* the SIGNATURE file itself edited (a version bumped by hand) */
    sh("rm -rf " T "/v && cp -r " T "/old " T "/v && sed -i 's/^version 11/version 12/' " T
       "/v/honorboard/SIGNATURE");
    assert_int_equal(import_signed(T "/v", &r), -1);
    assert_non_null(strstr(r.message, "does not match any trusted key"));
    store_result_free(&r);
}

int main(void)
{
    SDL_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_playlist_limits),
        cmocka_unit_test(test_image_limits),
        cmocka_unit_test(test_confined_open),
        cmocka_unit_test(test_signed_content),
    };
    int rc = cmocka_run_group_tests(tests, setup, NULL);
    SDL_Quit();
    return rc;
}
