/* test_signreset.c - the way back from a version signed under a clock set ahead (issue 24,
 * item 5): a board that took a bundle dated 2035 refuses every correctly dated bundle as older;
 * `honorboard sign --reset` from the office's key writes a signed reset the board takes although
 * its version is lower. An unsigned reset (the line typed into SIGNATURE), one signed by another
 * office's key, and the same reset replayed on a board that already plays a correctly dated
 * version are refused. The last step goes through `honorboard import` (the confined checker)
 * as README's recipe does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "store/store.h"

#include <SDL.h>
#include <time.h>

#define T "build/test-signreset"

static void make_stick(const char *dir, const char *title)
{
    sh("rm -rf %s && mkdir -p %s/honorboard/photos && cp playlists/photos/yu-cheng.jpg "
       "%s/honorboard/photos/ && printf 'honorboard: 1\\ntitle: %s\\nslides:\\n  - { type: story, "
       "name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\\n' > %s/honorboard/a.yaml",
       dir, dir, dir, title, dir);
}

static int import_signed(const char *stick, struct store_result *r)
{
    const char *keys[] = {T "/keys/honorboard.pub"};
    struct store_policy pol = {.trusted_keys = keys, .ntrusted = 1};
    return store_import_with(T "/store", stick, &pol, NULL, NULL, r);
}

static uint64_t current_version(void)
{
    char hash[65];
    uint64_t v = 0;
    assert_int_equal(store_current_info(T "/store", hash, &v), 0);
    return v;
}

static bool diag_has(const struct store_result *r, const char *words)
{
    for (size_t i = 0; i < r->diag.n; i++)
        if (strstr(r->diag.msgs[i].text, words))
            return true;
    return strstr(r->message, words) != NULL;
}

static void sign(const char *stick, const char *key, long long version, const char *extra)
{
    sh("%s sign %s --key %s --version %lld %s > " T "/sign.txt 2>&1", bin(), stick, key, version,
       extra);
}

static void signed_reset(void **state)
{
    (void)state;
    long long now = (long long)time(NULL), ahead = now + 9LL * 365 * 86400; /* 2035 */
    sh("rm -rf " T " && mkdir -p " T);
    sh("%s keygen --out " T "/keys >/dev/null 2>&1 && %s keygen --out " T "/other >/dev/null 2>&1",
       bin(), bin());
    const char *key = T "/keys/honorboard.key";
    /* a board takes a bundle signed under a clock set to 2035 */
    make_stick(T "/future", "二〇三五年");
    sign(T "/future", key, ahead, "--force");
    struct store_result r;
    assert_int_equal(import_signed(T "/future", &r), 0);
    store_result_free(&r);
    assert_true(current_version() == (uint64_t)ahead);
    /* and refuses every correctly dated bundle afterwards */
    make_stick(T "/right", "正确日期");
    sign(T "/right", key, now, "");
    assert_int_equal(import_signed(T "/right", &r), -1);
    assert_true(diag_has(&r, "is not newer than the content on screen"));
    store_result_free(&r);
    /* "reset" typed into a signed SIGNATURE by hand: the signature no longer matches */
    sh("rm -rf " T "/forged && cp -r " T "/right " T "/forged && sed -i 's/^key /reset\\nkey /' " T
       "/forged/honorboard/SIGNATURE && grep -q '^reset$' " T "/forged/honorboard/SIGNATURE");
    assert_int_equal(import_signed(T "/forged", &r), -1);
    assert_true(diag_has(&r, "does not match any trusted key"));
    store_result_free(&r);
    /* a reset signed by another office */
    make_stick(T "/other-reset", "别处的重置");
    sign(T "/other-reset", T "/other/honorboard.key", now, "--reset");
    assert_int_equal(import_signed(T "/other-reset", &r), -1);
    assert_true(diag_has(&r, "does not match any trusted key"));
    store_result_free(&r);
    /* an unsigned stick is no reset either */
    make_stick(T "/unsigned", "未签名");
    assert_int_equal(import_signed(T "/unsigned", &r), -1);
    assert_true(diag_has(&r, "not signed"));
    store_result_free(&r);
    assert_true(current_version() == (uint64_t)ahead);
    /* the office's signed reset, through `honorboard import` (the confined checker) */
    make_stick(T "/reset", "重置");
    sign(T "/reset", key, now, "--reset");
    char *out = slurp(T "/sign.txt");
    assert_non_null(strstr(out, "(reset)"));
    free(out);
    out = slurp(T "/reset/honorboard/SIGNATURE");
    assert_non_null(strstr(out, "\nreset\n"));
    free(out);
    sh("printf 'language: en\\ntrusted_keys: [%%s/" T "/keys/honorboard.pub]\\n' \"$(pwd)\" > " T
       "/board.yaml");
    int rc = run("%s import " T "/reset --store " T "/store --config " T "/board.yaml > " T
                 "/import.txt 2>&1",
                 bin());
    out = slurp(T "/import.txt");
    if (rc != 0 || !strstr(out, "replaces version"))
        fail_msg("import of a signed reset: exit %d\n%s", rc, out);
    free(out);
    assert_true(current_version() == (uint64_t)now);
    /* correctly dated bundles go in again */
    sign(T "/right", key, now + 60, "");
    assert_int_equal(import_signed(T "/right", &r), 0);
    store_result_free(&r);
    /* the reset replayed on a board that plays a correctly dated version: older, refused */
    assert_int_equal(import_signed(T "/reset", &r), -1);
    assert_true(diag_has(&r, "is not newer than the content on screen"));
    store_result_free(&r);
    assert_true(current_version() == (uint64_t)now + 60);
    /* a reset signed a month ago (left in a drawer) on a board correctly playing today's version,
     * more than a day ahead of it: the board's version is not ahead of its own clock, so no
     * rollback */
    make_stick(T "/old-reset", "上个月的重置");
    sign(T "/old-reset", key, now - 30LL * 86400, "--reset");
    assert_int_equal(import_signed(T "/old-reset", &r), -1);
    assert_true(diag_has(&r, "is not newer than the content on screen"));
    store_result_free(&r);
    assert_true(current_version() == (uint64_t)now + 60);
}

int main(void)
{
    SDL_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signed_reset),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
