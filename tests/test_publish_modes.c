/* test_publish_modes.c - an office with a restrictive umask: `publish` still writes files every
 * board can read (0644, folders 0755), and a bundle the inbox refused is tried again when any
 * of its files changes - also only its mode (the fix for a refusal by "Permission denied"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/inbox.h"

#define T "build/test-publish-modes"

static void make_source(void)
{
    sh("rm -rf " T " && mkdir -p " T "/src/honorboard/photos && cp playlists/photos/yu-cheng.jpg " T
       "/src/honorboard/photos/ && printf 'honorboard: 1\\ntitle: 权限\\nslides:\\n  - { type: "
       "story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n' > " T
       "/src/honorboard/a.yaml");
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* Defect 5: publish under umask 077 wrote 0600 files and 0700 folders; every board then
 * refused the bundle with "Permission denied". */
static void test_publish_ignores_umask(void **state)
{
    (void)state;
    make_source();
    sh("umask 077 && %s publish " T "/src " T "/out >/dev/null 2>&1", bin());
    assert_int_equal(mode_of(T "/out/honorboard"), 0755);
    assert_int_equal(mode_of(T "/out/honorboard/photos"), 0755);
    assert_int_equal(mode_of(T "/out/honorboard/a.yaml"), 0644);
    assert_int_equal(mode_of(T "/out/honorboard/photos/yu-cheng.jpg"), 0644);
    assert_int_equal(mode_of(T "/out/honorboard/MANIFEST"), 0644);
}

/* Defect 5: a refused bundle stayed refused after chmod 644 (same sizes and times). */
static void test_refused_retried_after_chmod(void **state)
{
    (void)state;
    make_source();
    sh("%s publish " T "/src " T "/inbox >/dev/null 2>&1", bin());
    struct inbox *ib = inbox_create(T "/inbox");
    assert_non_null(ib);
    assert_int_equal(inbox_poll(ib), INBOX_IMPORT);
    inbox_imported(ib, INBOX_REFUSED, "MANIFEST: Permission denied");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING); /* nothing changed: not again */
    assert_int_equal(inbox_state(ib, NULL), INBOX_REFUSED);
    sh("chmod 600 " T "/inbox/honorboard/a.yaml"); /* only the mode changes */
    assert_int_equal(inbox_poll(ib), INBOX_IMPORT);
    inbox_imported(ib, INBOX_REFUSED, "a.yaml: Permission denied");
    assert_int_equal(inbox_poll(ib), INBOX_NOTHING);
    sh("chmod 644 " T "/inbox/honorboard/a.yaml");
    assert_int_equal(inbox_poll(ib), INBOX_IMPORT); /* fixed: tried again */
    inbox_destroy(ib);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_publish_ignores_umask),
        cmocka_unit_test(test_refused_retried_after_chmod),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
