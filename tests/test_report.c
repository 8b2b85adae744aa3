/* test_report.c - proof of play: every slide line the player writes carries its start, its
 * seconds on screen, the board and the playlist's title; `honorboard report` over a generated
 * month of three boards' logs (1.8 million lines, made here by tests/tools/genplaylog.py) gives
 * the same sums per day, board, playlist and slide as Python's json module, also filtered by
 * dates and board. (How long it takes is a bench figure: tests/bench.sh.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "store/playlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T "build/test-report"

/* The sums of the slide lines of the logs, by Python, compared with report's CSV: exits 0 when
 * every row matches (times exactly, seconds within 0.05) and no row is missing or extra. */
static const char *const compare_py =
    "import csv,json,sys,glob;f,u,b=sys.argv[1:4];S={}\n"
    "for p in glob.glob('" T "/month/*/play.jsonl*'):\n"
    " for l in open(p):\n"
    "  o=json.loads(l)\n"
    "  if o['event']!='slide' or not f<=o['start'][:10]<=u or (b and o['board']!=b):continue\n"
    "  k=(o['start'][:10],o['board'],o['playlist_title'] or o['playlist'].rsplit('/',1)[-1],"
    "o['title']);s=S.setdefault(k,[0,0.0]);s[0]+=1;s[1]+=o['seconds']\n"
    "R={tuple(r[:4]):(int(r[4]),float(r[5])) for r in list(csv.reader(open(sys.argv[4])))[1:]}\n"
    "bad=[k for k in set(S)|set(R) if k not in S or k not in R or S[k][0]!=R[k][0] or "
    "abs(S[k][1]-R[k][1])>0.05]\n"
    "print(len(S),'rows',sum(v[0] for v in S.values()),'slides',len(bad),'differ');"
    "sys.exit(1 if bad or not S else 0)\n";

static void compare(const char *from, const char *until, const char *board, const char *csv)
{
    FILE *f = fopen(T "/compare.py", "w");
    assert_non_null(f);
    fputs(compare_py, f);
    fclose(f);
    sh("python3 " T "/compare.py '%s' '%s' '%s' %s", from, until, board, csv);
}

/* Defect 7: a month of logs, summed by report and by Python alike. */
static void test_report_month(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T " && python3 tests/tools/genplaylog.py " T "/month 1800000");
    char *wc = NULL;
    sh("cat " T "/month/*/play.jsonl* | wc -l > " T "/lines.txt");
    wc = slurp(T "/lines.txt");
    assert_true(atol(wc) >= 1800000);
    free(wc);
    sh("%s report " T "/month/*/play.jsonl* --csv > " T "/all.csv 2>" T "/all.err", bin());
    compare("0000-00-00", "9999-99-99", "", T "/all.csv");
    /* three days of one board (a name with quotes in it) */
    sh("%s report " T "/month/*/play.jsonl* --csv --from 2026-11-10 --until 2026-11-12 --board "
       "'三楼\"东\"屏' --html " T "/part.html > " T "/part.csv 2>/dev/null",
       bin());
    compare("2026-11-10", "2026-11-12", "三楼\"东\"屏", T "/part.csv");
    char *csv = slurp(T "/part.csv"), *html = slurp(T "/part.html");
    assert_null(strstr(csv, "2026-11-09"));
    assert_null(strstr(csv, "gate-2"));
    assert_non_null(strstr(csv, "\"李露窃 \"\"老李\"\"\"")); /* unescaped, then CSV-quoted */
    assert_non_null(strstr(csv, "\"03-untitled.yaml\""));    /* untitled: the file, no path */
    assert_int_equal(count_str(html, "<h2>2026-11-1"), 3);   /* a table per day */
    assert_non_null(strstr(html, "<td>李露窃 \"老李\"</td>"));
    free(csv), free(html);
    sh("rm -rf " T "/month"); /* 600 MB */
}

/* Defect 7: the player's slide lines: one per page shown, each with when it went up and how
 * long it stayed, the board's name and the playlist's title (not only the bundle's path). */
static void test_slide_lines_carry_start_and_seconds(void **state)
{
    (void)state;
    sh("mkdir -p " T " && printf 'name: 大厅一号\\n' > " T "/config.yaml && rm -f " T
       "/play.jsonl");
    sh("SDL_VIDEODRIVER=dummy %s play playlists/01-xianjin-fengcai.yaml --config " T
       "/config.yaml --window=320x180 --log " T "/play.jsonl --quit-after 15 2>/dev/null",
       bin());
    sh("python3 -c \"import json,sys;L=[json.loads(l) for l in open('" T "/play.jsonl')];"
       "S=[o for o in L if o['event']=='slide'];assert len(S)>=2,S;"
       "assert all(o['board']=='大厅一号' and o['playlist_title']=='省乔司监狱 · 先进风采' and "
       "o['seconds']>0 and o['start']<=o['time'] for o in S),S;"
       "assert sum(o['seconds'] for o in S)<=15.5,S;"
       "assert len({(o['start'],o['page']) for o in S})==len(S),S\"");
    /* the pages follow each other: each starts about when the one before left */
    char *log = slurp(T "/play.jsonl");
    assert_true(count_str(log, "\"event\":\"slide\",\"start\":") >= 2);
    free(log);
}

/* Defect 7: the log turns over at the first line of a new day as well as by size, and keeps
 * 400 days within a disk budget: older files, and the oldest beyond the budget, are removed. */
static void test_log_by_day_within_budget(void **state)
{
    (void)state;
    sh("rm -rf " T "/rot && mkdir -p " T "/rot && printf '{\"event\":\"old\"}\\n' > " T
       "/rot/play.jsonl && touch -d '1 day ago' " T "/rot/play.jsonl");
    /* rotated files of earlier days: 1 MB each; .4 is 500 days old */
    for (int i = 1; i <= 6; i++)
        sh("head -c 1048576 /dev/zero > " T "/rot/play.jsonl.%d && touch -d '%d days ago' " T
           "/rot/play.jsonl.%d",
           i, i == 4 ? 500 : i + 1, i);
    struct playlog *l = playlog_open(T "/rot/play.jsonl", 10 << 20, 1000);
    playlog_set_retention(l, 400, 4LL << 20); /* 400 days, 4 MB */
    playlog_event(l, "today", NULL, NULL);
    playlog_close(l);
    char *now = slurp(T "/rot/play.jsonl"), *before = slurp(T "/rot/play.jsonl.1");
    assert_non_null(strstr(now, "\"today\""));
    assert_null(strstr(now, "\"old\"")); /* yesterday's lines went to .1 */
    assert_non_null(strstr(before, "\"old\""));
    free(now), free(before);
    /* .2 .3 .4 (1 MB each, the old .1 .2 .3) fit the budget with .1; the old .4 (500 days) and
     * everything after it is gone */
    for (int i = 2; i <= 4; i++) {
        char p[128];
        snprintf(p, sizeof p, T "/rot/play.jsonl.%d", i);
        assert_int_equal(access(p, F_OK), 0);
    }
    assert_int_equal(access(T "/rot/play.jsonl.5", F_OK), -1);
    assert_int_equal(access(T "/rot/play.jsonl.6", F_OK), -1);
    assert_int_equal(access(T "/rot/play.jsonl.7", F_OK), -1);
    /* the budget: 1 MB files and a 2.5 MB budget: the new .1 (one line) and two of them */
    for (int i = 1; i <= 5; i++)
        sh("head -c 1048576 /dev/zero > " T "/rot/play.jsonl.%d", i);
    sh("touch -d '1 day ago' " T "/rot/play.jsonl");
    l = playlog_open(T "/rot/play.jsonl", 10 << 20, 1000);
    playlog_set_retention(l, 400, 5LL << 19);
    playlog_event(l, "today", NULL, NULL);
    playlog_close(l);
    assert_int_equal(access(T "/rot/play.jsonl.3", F_OK), 0);
    assert_int_equal(access(T "/rot/play.jsonl.4", F_OK), -1);
}

int main(void)
{
    if (getenv("HB_TEST_FILTER")) /* e.g. HB_TEST_FILTER=test_log_by_day_within_budget */
        cmocka_set_test_filter(getenv("HB_TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slide_lines_carry_start_and_seconds),
        cmocka_unit_test(test_log_by_day_within_budget),
        cmocka_unit_test(test_report_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
