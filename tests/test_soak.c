/* test_soak.c - the short soak: 400 slide changes at 100x speed with content swaps through
 * `honorboard import` and the player's inbox, log rotations and (as root) a full log disk in
 * the middle; memory, descriptors and textures must not grow (tests/soak.sh does the
 * work; `make soak` runs 10,000). Under SANITIZE=1 the player runs with ASan/LeakSanitizer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/util.h"

static void test_short_soak(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "bash tests/soak.sh %s 400 > build/soak.txt 2>&1", bin());
    int rc = system(cmd);
    char *out = file_read_all("build/soak.txt", NULL);
    if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
        fail_msg("soak failed:\n%s", out ? out : "");
    assert_non_null(strstr(out, "soak: ok"));
    assert_non_null(strstr(out, "content swaps"));
    assert_non_null(strstr(out, "imported by the player")); /* imports through the inbox ran */
    if (geteuid() == 0) /* root mounts the log's small disk: it was filled mid-run */
        assert_non_null(strstr(out, "soak: full disk from change"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_short_soak)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
