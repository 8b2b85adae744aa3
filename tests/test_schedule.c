/* test_schedule.c - running for months: schedule evaluation (dates, weekdays, overnight hours,
 * an unset clock), the config file and its errors, the playlist's schedule keys, and a headless
 * run where a slide outside its window never plays, a screen-off window plays nothing, the
 * status file is kept up to date; and systemd-analyze verify of the unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "model/config.h"
#include "model/playlist.h"
#include "base/schedule.h"
#include "base/util.h"

static struct tm at(int y, int mon, int d, int h, int min)
{
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mon - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = min,
                    .tm_isdst = -1};
    time_t t = timegm(&tm); /* normalise and fill tm_wday, without any time zone */
    gmtime_r(&t, &tm);
    return tm;
}

static struct schedule sched(const char *from, const char *until, const char *days, const char *w1,
                             const char *w2)
{
    struct schedule s = {.set = true};
    if (from)
        assert_int_equal(schedule_parse_date(from, &s.from), 0);
    if (until)
        assert_int_equal(schedule_parse_date(until, &s.until), 0);
    if (days)
        assert_int_equal(schedule_parse_days(days, &s.days), 0);
    const char *w[] = {w1, w2};
    for (int i = 0; i < 2; i++)
        if (w[i]) {
            assert_int_equal(schedule_parse_window(w[i], &s.windows[s.nwindows].start,
                                                   &s.windows[s.nwindows].end),
                             0);
            s.nwindows++;
        }
    return s;
}

static void test_parsers(void **state)
{
    (void)state;
    int d, a, b;
    unsigned m;
    assert_int_equal(schedule_parse_date("2026-02-28", &d), 0);
    assert_int_equal(d, 20260228);
    assert_int_equal(schedule_parse_date("2026-02-29", &d), -1); /* not a leap year */
    assert_int_equal(schedule_parse_date("2028-02-29", &d), 0);
    assert_int_equal(schedule_parse_date("2026-13-01", &d), -1);
    assert_int_equal(schedule_parse_date("26-1-1", &d), -1);
    assert_int_equal(schedule_parse_days("mon-fri", &m), 0);
    assert_int_equal(m, 0x1F);
    assert_int_equal(schedule_parse_days("sat,sun", &m), 0);
    assert_int_equal(m, 0x60);
    assert_int_equal(schedule_parse_days("fri-mon", &m), 0); /* wraps over the weekend */
    assert_int_equal(m, 0x71);
    assert_int_equal(schedule_parse_days("funday", &m), -1);
    assert_int_equal(schedule_parse_window("07:30-12:00", &a, &b), 0);
    assert_int_equal(a, 450);
    assert_int_equal(b, 720);
    assert_int_equal(schedule_parse_window("22:00-02:00", &a, &b), 0);
    assert_int_equal(schedule_parse_window("25:00-26:00", &a, &b), -1);
    assert_int_equal(schedule_parse_window("08:00-08:00", &a, &b), -1);
    assert_int_equal(schedule_parse_window("8-9", &a, &b), -1);
}

static void test_dates_and_days(void **state)
{
    (void)state;
    struct schedule s = sched("2026-03-01", "2026-03-31", "mon-fri", NULL, NULL);
    struct tm tue = at(2026, 3, 10, 9, 0), sat = at(2026, 3, 14, 9, 0);
    struct tm before = at(2026, 2, 27, 9, 0), after = at(2026, 4, 1, 9, 0);
    assert_int_equal(tue.tm_wday, 2);
    assert_true(schedule_open(&s, &tue, true));
    assert_false(schedule_open(&s, &sat, true));
    assert_false(schedule_open(&s, &before, true));
    assert_false(schedule_open(&s, &after, true));
    struct tm last = at(2026, 3, 31, 23, 59);
    assert_true(schedule_open(&s, &last, true)); /* 'until' is inclusive */
    struct schedule none = {0};
    assert_true(schedule_open(&none, &sat, true));
}

static void test_hours_and_overnight(void **state)
{
    (void)state;
    struct schedule s = sched(NULL, NULL, NULL, "07:30-12:00", "14:00-18:00");
    struct tm t;
    t = at(2026, 3, 10, 7, 29);
    assert_false(schedule_open(&s, &t, true));
    t = at(2026, 3, 10, 7, 30);
    assert_true(schedule_open(&s, &t, true));
    t = at(2026, 3, 10, 12, 0);
    assert_false(schedule_open(&s, &t, true)); /* the end is exclusive */
    t = at(2026, 3, 10, 15, 0);
    assert_true(schedule_open(&s, &t, true));
    /* overnight on Fridays: Friday 23:00 and Saturday 01:00 are in, Friday 01:00 is not */
    struct schedule n = sched(NULL, NULL, "fri", "22:00-02:00", NULL);
    t = at(2026, 3, 13, 23, 0); /* Friday */
    assert_int_equal(t.tm_wday, 5);
    assert_true(schedule_open(&n, &t, true));
    t = at(2026, 3, 14, 1, 0); /* Saturday early morning: Friday's night */
    assert_true(schedule_open(&n, &t, true));
    t = at(2026, 3, 13, 1, 0); /* Friday early morning: Thursday's night, not scheduled */
    assert_false(schedule_open(&n, &t, true));
    t = at(2026, 3, 14, 2, 0);
    assert_false(schedule_open(&n, &t, true));
    assert_true(schedule_in_windows(&n, 23 * 60));
    assert_false(schedule_in_windows(&n, 12 * 60));
}

static void test_unset_clock(void **state)
{
    (void)state;
    struct tm y1970 = at(1970, 1, 1, 10, 0), now = at(2030, 1, 1, 10, 0);
    assert_false(schedule_clock_ok(&y1970));
    assert_true(schedule_clock_ok(&now));
    /* with the clock unset, the dates are ignored but the hours still count */
    struct schedule s = sched("2026-01-01", "2026-12-31", NULL, "09:00-17:00", NULL);
    assert_false(schedule_open(&s, &y1970, true));
    assert_true(schedule_open(&s, &y1970, false));
    struct tm night = at(1970, 1, 1, 22, 0);
    assert_false(schedule_open(&s, &night, false));
}

static void test_playlist_schedule_keys(void **state)
{
    (void)state;
    const char *y =
        "honorboard: 1\nschedule: { days: mon-fri }\nticker: 欢迎\nslides:\n"
        "  - type: text\n    title: a\n    text: b\n"
        "    schedule:\n      from: 2026-03-01\n      hours: [\"07:30-12:00\", \"22:00-02:00\"]\n"
        "  - type: text\n    title: a\n    text: b\n"
        "    schedule: { from: 2026-05-01, until: 2026-04-01, hours: \"7-9\", day: mon }\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("tests/data/s.yaml", y, strlen(y), &d);
    assert_true(pl->schedule.set);
    assert_int_equal(pl->schedule.days, 0x1F);
    assert_string_equal(pl->ticker, "欢迎");
    assert_true(pl->slides[0].schedule.set);
    assert_int_equal(pl->slides[0].schedule.from, 20260301);
    assert_int_equal(pl->slides[0].schedule.nwindows, 2);
    char *all = NULL;
    size_t len;
    FILE *f = open_memstream(&all, &len);
    diag_print(&d, f);
    fclose(f);
    assert_non_null(
        strstr(all, "s.yaml:14:15: error: slide 2 (text): schedule: 'from' is after 'until'"));
    assert_non_null(strstr(all, "s.yaml:14:61: error: slide 2 (text): schedule: bad hours '7-9'"));
    assert_non_null(strstr(
        all,
        "s.yaml:14:68: error: slide 2 (text): schedule: unknown key 'day' (did you mean 'days'?)"));
    assert_int_equal(d.errors, 3);
    free(all);
    playlist_free(pl);
    diag_free(&d);
}

static void test_config(void **state)
{
    (void)state;
    struct config c;
    struct diag d = {0};
    assert_int_equal(config_load("tests/data/config-good.yaml", &c, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_string_equal(c.store, "/var/lib/honorboard");
    assert_int_equal(c.nwatch, 2);
    assert_string_equal(c.watch[1], "/run/media");
    assert_int_equal(c.display, 1);
    assert_int_equal(c.rotate, 90);
    assert_true(c.screen_off.set);
    assert_int_equal(c.screen_off.nwindows, 2);
    assert_true(schedule_in_windows(&c.screen_off, 23 * 60));
    assert_true(schedule_in_windows(&c.screen_off, 12 * 60 + 10));
    assert_false(schedule_in_windows(&c.screen_off, 9 * 60));
    assert_int_equal(c.log_max, 5LL << 20);
    assert_int_equal(c.log_keep, 4);
    assert_true(c.english);
    assert_true(c.clock);
    assert_string_equal(c.ticker, "欢迎各位来宾莅临指导");
    config_free(&c);
    /* the bad one: every error with its position, through `check --config` */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s check --config tests/data/config-bad.yaml 2> build/cfg.txt",
             bin());
    int rc = system(cmd);
    assert_int_equal(WEXITSTATUS(rc), 1);
    char *out = file_read_all("build/cfg.txt", NULL),
         *want = file_read_all("tests/data/config-bad.yaml", NULL);
    int n = 0;
    for (char *l = strtok(want, "\n"); l; l = strtok(NULL, "\n"))
        if (strncmp(l, "# expect: ", 10) == 0) {
            n++;
            if (!strstr(out, l + 10))
                fail_msg("expected '%s' in\n%s", l + 10, out);
        }
    assert_int_equal(n, 4);
    free(out), free(want);
    diag_free(&d);
}

/* One slip in the board's config (no space after a colon, a key without its colon) no longer
 * drops the file: the keys before it, and after it where the parser can go on, are applied
 * (a portrait lobby screen stays portrait); the broken key is named at its line:col, in
 * Chinese, and left at its default; `check --config` still fails. */
static void test_config_with_a_slip(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
        bool after; /* the key after the slip is read too */
    } cases[] = {
        {"rotate: 90\nclock: true\nticker:欢迎来宾\nscreen_off: \"22:30-06:30\"\n",
         "cfg-slip.yaml:3:7: 错误: “ticker”的冒号后面缺少空格", true},
        {"rotate: 90\nclock: true\nticker：欢迎来宾\nscreen_off: \"22:30-06:30\"\n",
         "cfg-slip.yaml:3:7: 错误: “ticker”后面用了全角冒号“：”", true},
        {"rotate: 90\nclock: true\nticker 欢迎来宾\nscreen_off: \"22:30-06:30\"\n",
         "cfg-slip.yaml:3:1: 错误: YAML 语法错误：找不到应有的冒号", true},
        {"rotate: 90\nclock: true\nticker: \"欢迎来宾\n", "cfg-slip.yaml:", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        FILE *f = fopen("build/cfg-slip.yaml", "w");
        assert_non_null(f);
        fputs(cases[i].text, f);
        fclose(f);
        i18n_set_language("zh");
        struct config c;
        struct diag d = {0};
        assert_int_equal(config_load("build/cfg-slip.yaml", &c, &d), -1);
        i18n_set_language("en");
        char *said = xstrdup("");
        for (size_t k = 0; k < d.n; k++) {
            char *m = xasprintf("%s%s:%d:%d: %s: %s\n", said, "cfg-slip.yaml", d.msgs[k].line,
                                d.msgs[k].col, d.msgs[k].level == DIAG_ERROR ? "错误" : "警告",
                                d.msgs[k].text);
            free(said);
            said = m;
        }
        if (!strstr(said, cases[i].want) || c.rotate != 90 || !c.clock || c.ticker)
            fail_msg("case %zu: rotate %d, clock %d, ticker %s; said:\n%s", i, c.rotate, c.clock,
                     c.ticker ? c.ticker : "-", said);
        if (cases[i].after && !(c.screen_off.set && c.screen_off.nwindows == 1))
            fail_msg("case %zu: screen_off after the slip not read", i);
        free(said);
        config_free(&c);
        diag_free(&d);
    }
    /* play's path: the board's rotate applies; check --config still fails at the slip */
    FILE *f = fopen("build/cfg-slip.yaml", "w");
    assert_non_null(f);
    fputs(cases[0].text, f);
    fclose(f);
    struct config c;
    struct config_args a = {.config = "build/cfg-slip.yaml", .display = -1, .rotate = -1};
    fflush(stderr);
    int saved = dup(2);
    FILE *err = fopen("build/cfg-slip.err", "w");
    assert_non_null(err);
    dup2(fileno(err), 2);
    i18n_set_language("zh");
    assert_int_equal(config_apply_args(&c, &a, "honorboard play"), -1);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fclose(err);
    assert_int_equal(c.rotate, 90);
    assert_true(c.clock);
    config_free(&c);
    i18n_set_language("en");
    char *said = slurp("build/cfg-slip.err");
    if (!strstr(said, "honorboard play：build/cfg-slip.yaml 有错误；能读出的设置照常使用：") ||
        !strstr(said, "cfg-slip.yaml:3:7: 错误: “ticker”的冒号后面缺少空格"))
        fail_msg("play said:\n%s", said);
    free(said);
    assert_int_equal(run("LANG=zh_CN.UTF-8 %s check --config build/cfg-slip.yaml 2> "
                         "build/cfg-slip.txt",
                         bin()),
                     1);
    char *out = slurp("build/cfg-slip.txt");
    if (!strstr(out, "cfg-slip.yaml:3:7: 错误: “ticker”的冒号后面缺少空格"))
        fail_msg("check --config said:\n%s", out);
    free(out);
}

/* A window of one hour either side of now, as "HH:MM-HH:MM" (wrapping past midnight). */
static void window_around_now(char *out, size_t n, int start_off_min, int len_min)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    int a = ((tm.tm_hour * 60 + tm.tm_min + start_off_min) % 1440 + 1440) % 1440;
    int b = (a + len_min) % 1440;
    snprintf(out, n, "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
}

static int play(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "SDL_VIDEODRIVER=dummy %s play --window=320x180 %s 2>/dev/null",
             bin(), args);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_headless_schedules_and_status(void **state)
{
    (void)state;
    system("rm -rf build/sched && mkdir -p build/sched/pl");
    char open_now[32], closed_now[32];
    window_around_now(open_now, sizeof open_now, -60, 120);
    window_around_now(closed_now, sizeof closed_now, 120, 60);
    char *y = xasprintf(
        "honorboard: 1\ntitle: 排程\ndefaults: { duration: 1s, transition: cut }\nslides:\n"
        "  - { type: text, title: 一直, text: 正文 }\n"
        "  - { type: text, title: 此刻不播, text: 正文, schedule: { hours: \"%s\" } }\n"
        "  - { type: text, title: 此刻播放, text: 正文, schedule: { hours: \"%s\" } }\n"
        "  - { type: text, title: 早已过期, text: 正文, schedule: { until: 2026-01-01 } }\n",
        closed_now, open_now);
    FILE *f = fopen("build/sched/pl/a.yaml", "w");
    fputs(y, f);
    fclose(f);
    free(y);
    assert_int_equal(play("build/sched/pl --quit-after 6 --log build/sched/a.jsonl "
                          "--status build/sched/status.json"),
                     0);
    char *log = slurp("build/sched/a.jsonl");
    assert_true(strstr(log, "\"title\":\"一直\"") != NULL);
    assert_true(strstr(log, "\"title\":\"此刻播放\"") != NULL);
    assert_null(strstr(log, "此刻不播"));
    assert_null(strstr(log, "早已过期"));
    free(log);
    char *st = slurp("build/sched/status.json");
    assert_non_null(strstr(st, "\"screen\": \"on\""));
    assert_non_null(strstr(st, "\"playlist\": \"build/sched/pl/a.yaml\""));
    assert_non_null(strstr(st, "\"rss_kb\": "));
    assert_non_null(strstr(st, "\"uptime_s\": "));
    free(st);
    /* a screen-off window around now: black, and no slide at all */
    char cfg[256];
    snprintf(cfg, sizeof cfg, "screen_off: \"%s\"\n", open_now);
    f = fopen("build/sched/off.yaml", "w");
    fputs(cfg, f);
    fclose(f);
    assert_int_equal(play("build/sched/pl --quit-after 4 --config build/sched/off.yaml "
                          "--log build/sched/off.jsonl --status build/sched/off-status.json"),
                     0);
    log = slurp("build/sched/off.jsonl");
    assert_non_null(strstr(log, "\"event\":\"screen-off\""));
    assert_null(strstr(log, "\"event\":\"slide\""));
    free(log);
    st = slurp("build/sched/off-status.json");
    assert_non_null(strstr(st, "\"screen\": \"off\""));
    free(st);
    /* nothing scheduled at all: the standby card, never black */
    f = fopen("build/sched/pl/a.yaml", "w");
    fprintf(f,
            "honorboard: 1\ntitle: 排程\nslides:\n"
            "  - { type: text, title: 此刻不播, text: 正文, schedule: { hours: \"%s\" } }\n",
            closed_now);
    fclose(f);
    assert_int_equal(play("build/sched/pl --quit-after 3 --log build/sched/sb.jsonl"), 0);
    log = slurp("build/sched/sb.jsonl");
    assert_non_null(strstr(log, "\"type\":\"standby\""));
    assert_null(strstr(log, "此刻不播"));
    free(log);
}

static void test_status_command(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s status build/sched/status.json > build/sched/status.txt", bin());
    /* that player has stopped (--quit-after): said, with exit 3, and what was on screen then */
    assert_int_equal(WEXITSTATUS(system(cmd)), 3);
    char *s = slurp("build/sched/status.txt");
    assert_non_null(strstr(s, "state           stopped (the player stopped)"));
    assert_non_null(strstr(s, "playlist        build/sched/pl/a.yaml"));
    assert_non_null(strstr(s, "screen          on"));
    free(s);
    snprintf(cmd, sizeof cmd, "%s status build/sched/none.json 2>/dev/null", bin());
    assert_int_equal(WEXITSTATUS(system(cmd)), 2);
}

static void test_systemd_unit(void **state)
{
    (void)state;
    if (system("command -v systemd-analyze >/dev/null 2>&1") != 0) {
        skip();
        return;
    }
    /* verify checks that ExecStart's binary exists: point it at the binary under test (the
     * sanitized build's when make passes one), so this test needs no other build first */
    char *dir = realpath(bin(), NULL);
    assert_non_null(dir);
    *strrchr(dir, '/') = '\0';
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "sed 's|@BINDIR@|%s|' assets/honorboard.service > build/honorboard.service && "
             "systemd-analyze verify --man=no build/honorboard.service 2> build/verify.txt",
             dir);
    free(dir);
    int rc = system(cmd);
    if (rc != 0) {
        char *v = slurp("build/verify.txt");
        fail_msg("systemd-analyze verify failed:\n%s", v);
    }
    char *unit = slurp("assets/honorboard.service");
    assert_non_null(strstr(unit, "Restart=always"));
    assert_non_null(strstr(unit, "WatchdogSec="));
    assert_non_null(strstr(unit, "MemoryMax="));
    assert_non_null(strstr(unit, "Type=notify"));
    free(unit);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsers),
        cmocka_unit_test(test_dates_and_days),
        cmocka_unit_test(test_hours_and_overnight),
        cmocka_unit_test(test_unset_clock),
        cmocka_unit_test(test_playlist_schedule_keys),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_config_with_a_slip),
        cmocka_unit_test(test_headless_schedules_and_status),
        cmocka_unit_test(test_status_command),
        cmocka_unit_test(test_systemd_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
