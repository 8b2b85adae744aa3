/* test_desk.c - `honorboard desk DIR`, what 检查和预览.bat runs on the author's Windows PC:
 * REPORT.txt holds check's messages with CRLF line ends, 预览.png the stick's contact sheet,
 * and the exit code is check's. (The Windows build itself: make test-windows.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void test_desk_writes_report_and_preview(void **state)
{
    (void)state;
    sh("rm -rf build/test-desk && %s init build/test-desk > /dev/null", bin());
    /* one error: a photo that is not there, at its line and column */
    sh("printf 'honorboard: 1\\nslides:\\n  - type: photo\\n    image: photos/none.jpg\\n' "
       "> build/test-desk/02-missing.yaml");
    int rc = run("LANG=zh_CN.UTF-8 %s desk build/test-desk --no-window > build/test-desk.out 2>&1",
                 bin());
    assert_int_equal(rc, 1);
    char *report = slurp("build/test-desk/REPORT.txt");
    assert_non_null(report);
    assert_non_null(strstr(report, "build/test-desk/02-missing.yaml:4:12: 错误: "));
    /* the summary check prints for the same folder, word for word */
    run("LANG=zh_CN.UTF-8 %s check build/test-desk 2>&1 | grep 个播放单 | tail -n 1 | tr -d '\\n' "
        "> "
        "build/test-desk.check",
        bin());
    char *summary = slurp("build/test-desk.check");
    assert_non_null(strstr(summary, "2 个播放单，"));
    assert_non_null(strstr(summary, "：1 个错误，0 个警告"));
    char *line = xasprintf("%s\r\n", summary);
    assert_non_null(strstr(report, line));
    free(line);
    free(summary);
    for (const char *p = strchr(report, '\n'); p; p = strchr(p + 1, '\n'))
        assert_true(p > report && p[-1] == '\r'); /* Notepad's line ends */
    char *out = slurp("build/test-desk.out");     /* what the console shows: the same report */
    assert_non_null(strstr(out, "1 个错误"));
    assert_non_null(strstr(out, "build/test-desk/预览.png"));
    struct stat st;
    assert_int_equal(stat("build/test-desk/预览.png", &st), 0);
    assert_true(st.st_size > 1000);
    free(out);
    free(report);
}

/* Issue 26: the preview for approval (送审) came only from a board (a stick with a 送审 folder).
 * Now 检查和预览.bat writes it on her PC too: the cover listing the messages of REPORT.txt and
 * every page at the screen's size. */
static void test_desk_writes_approval(void **state)
{
    (void)state;
    sh("rm -rf build/test-desk2 && %s init build/test-desk2 > /dev/null && mkdir "
       "build/test-desk2/送审",
       bin());
    sh("printf 'honorboard: 1\nslides:\n  - type: photo\n    image: photos/none.jpg\n' "
       "> build/test-desk2/02-missing.yaml");
    int rc = run("LANG=zh_CN.UTF-8 %s desk build/test-desk2 --no-window > build/test-desk2.out "
                 "2>&1",
                 bin());
    assert_int_equal(rc, 1);
    char *out = slurp("build/test-desk2.out");
    assert_non_null(strstr(out, "送审用的预览：build/test-desk2/送审"));
    free(out);
    struct stat st;
    assert_int_equal(stat("build/test-desk2/送审/00-封面.png", &st), 0);
    assert_true(st.st_size > 1000);
    /* a page at the screen's size, as `render` names it */
    assert_int_equal(system("ls build/test-desk2/送审 | grep -q '^01-.*slide-001.*png$'"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_desk_writes_report_and_preview),
        cmocka_unit_test(test_desk_writes_approval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
