/* test_timeline.c - what plays next and when, driven by a fake clock: order and pages, page
 * times and pause, schedules at the choice and at the boundary, the standby card, an unset
 * clock, previous, skipping. No SDL, no window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>

#include "model/content.h"
#include "board/timeline.h"
#include "testutil.h"

#define T "build/tests/timeline"

struct fake {
    double now;
    struct tm tm;
    int warned, warned_year;
};

static double fake_now(void *ctx)
{
    return ((struct fake *)ctx)->now;
}

static void fake_local(void *ctx, struct tm *out)
{
    *out = ((struct fake *)ctx)->tm;
}

static void fake_warn(void *ctx, int year)
{
    struct fake *f = ctx;
    f->warned++;
    f->warned_year = year;
}

/* A Tuesday, 10:30, 2026-11-24. */
static struct tm tuesday(int hour, int min)
{
    return (struct tm){
        .tm_year = 126, .tm_mon = 10, .tm_mday = 24, .tm_wday = 2, .tm_hour = hour, .tm_min = min};
}

static struct content *load(const char *name, const char *yaml)
{
    char path[256];
    snprintf(path, sizeof path, T "/%s", name);
    sh("mkdir -p " T);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(yaml, f);
    fclose(f);
    struct diag d = {0};
    struct content *c = content_load(path, &d);
    diag_free(&d);
    return c;
}

static const char three[] =
    "honorboard: 1\n"
    "slides:\n"
    "  - { type: text, title: 一, text: 甲 }\n"
    "  - { type: text, title: 二, text: 乙, schedule: { hours: \"08:00-09:00\" } }\n"
    "  - { type: text, title: 三, text: 丙 }\n";

static struct timeline *make(struct fake *f, struct content *c)
{
    struct timeline_env env = {fake_now, fake_local, fake_warn, f};
    struct timeline *t = timeline_create(&env);
    timeline_set_content(t, c);
    content_unref(c); /* the timeline keeps its own reference */
    return t;
}

static void test_order_pages_and_time(void **state)
{
    (void)state;
    struct fake f = {.now = 100, .tm = tuesday(8, 30)};
    struct timeline *t = make(&f, load("three.yaml", three));
    assert_true(timeline_change_due(t)); /* the first page goes up when ready */
    struct timeline_step s = timeline_first(t);
    assert_int_equal(s.item, 0);
    assert_int_equal(s.page, 0);
    timeline_shown(t, 0, 0, 2, 5, true);
    assert_false(timeline_change_due(t));
    s = timeline_following(t); /* the next page of the same slide */
    assert_int_equal(s.item, 0);
    assert_int_equal(s.page, 1);
    f.now = 104.9;
    assert_false(timeline_change_due(t));
    f.now = 105;
    assert_true(timeline_change_due(t));
    assert_true(timeline_due_at(t) == 105);
    timeline_shown(t, 0, 1, 2, 5, true);
    s = timeline_following(t); /* 08:30: slide 2's hours are open */
    assert_int_equal(s.item, 1);
    assert_int_equal(s.page, 0);
    /* pause holds the page; the time left is kept */
    f.now = 107;
    timeline_toggle_pause(t);
    assert_true(timeline_paused(t));
    f.now = 200;
    assert_false(timeline_change_due(t));
    assert_true(isinf(timeline_due_at(t)));
    timeline_toggle_pause(t);
    assert_true(timeline_due_at(t) == 203);
    /* the user asks for the next page now */
    timeline_advance_now(t);
    assert_true(timeline_change_due(t));
    timeline_shown(t, 1, 0, 1, 5, true);
    assert_false(timeline_change_due(t));
    /* the same page made again at a new size keeps its clock */
    f.now = 202;
    timeline_shown(t, 1, 0, 1, 5, false);
    assert_true(timeline_due_at(t) == 205);
    /* round the end back to the first */
    timeline_shown(t, 2, 0, 1, 5, true);
    assert_int_equal(timeline_following(t).item, 0);
    timeline_destroy(t);
}

static void test_schedules(void **state)
{
    (void)state;
    struct fake f = {.now = 0, .tm = tuesday(10, 30)};
    struct timeline *t = make(&f, load("three.yaml", three));
    timeline_shown(t, 0, 0, 1, 5, true);
    assert_int_equal(timeline_following(t).item, 2); /* slide 2 only shows 08:00-09:00 */
    /* prepared at 08:59, but at the boundary it is 09:00: something else instead */
    f.tm = tuesday(9, 0);
    struct timeline_step instead;
    assert_false(timeline_boundary(t, (struct timeline_step){1, 0}, &instead));
    assert_int_equal(instead.item, 2);
    assert_true(timeline_boundary(t, (struct timeline_step){2, 0}, &instead));
    /* later pages of a slide already showing are not held back */
    assert_true(timeline_boundary(t, (struct timeline_step){1, 1}, &instead));
    /* previous from slide 3 skips the closed slide 2, to slide 1's last page */
    timeline_shown(t, 2, 0, 1, 5, true);
    struct timeline_step p = timeline_previous(t);
    assert_int_equal(p.item, 0);
    assert_true(p.page > 1000);
    assert_int_equal(f.warned, 0);
    timeline_destroy(t);
}

static void test_standby_and_unset_clock(void **state)
{
    (void)state;
    static const char weekend[] = "honorboard: 1\n"
                                  "schedule: { days: sat-sun, from: 2026-01-01 }\n"
                                  "slides:\n"
                                  "  - { type: text, title: 一, text: 甲 }\n";
    struct fake f = {.now = 0, .tm = tuesday(10, 0)};
    struct timeline *t = make(&f, load("weekend.yaml", weekend));
    assert_int_equal(timeline_first(t).item, CONTENT_STANDBY); /* never black */
    f.tm.tm_wday = 6;                                          /* Saturday */
    assert_int_equal(timeline_first(t).item, 0);
    /* a clock stuck in 1990: the dates are ignored (with one warning), the days still count */
    f.tm.tm_year = 90;
    assert_int_equal(timeline_first(t).item, 0);
    assert_int_equal(timeline_first(t).item, 0);
    assert_int_equal(f.warned, 1);
    assert_int_equal(f.warned_year, 1990);
    f.tm.tm_wday = 2;
    assert_int_equal(timeline_first(t).item, CONTENT_STANDBY);
    timeline_destroy(t);
}

static void test_skip_and_new_content(void **state)
{
    (void)state;
    struct fake f = {.now = 0, .tm = tuesday(8, 30)};
    struct timeline *t = make(&f, load("three.yaml", three));
    struct timeline_step s;
    assert_true(timeline_skip(t, 0, &s));
    assert_int_equal(s.item, 1);
    assert_true(timeline_skip(t, 2, &s));
    assert_int_equal(s.item, 0); /* round the end */
    assert_true(timeline_skip(t, 0, &s));
    assert_false(timeline_skip(t, 1, &s)); /* every item failed in a row: stop asking */
    timeline_shown(t, 1, 0, 1, 5, true);   /* a page showed: skipping may start again */
    assert_true(timeline_skip(t, 1, &s));
    /* new content plays from its first item at the next boundary; the page up stays */
    f.now = 3;
    static const char one[] = "honorboard: 1\nslides:\n  - { type: text, title: 新, text: 新 }\n";
    struct content *c = load("one.yaml", one);
    timeline_set_content(t, c);
    assert_ptr_equal(timeline_content(t), c);
    content_unref(c);
    assert_int_equal(timeline_following(t).item, 0);
    assert_false(timeline_change_due(t));
    f.now = 5;
    assert_true(timeline_change_due(t));
    timeline_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_pages_and_time),
        cmocka_unit_test(test_schedules),
        cmocka_unit_test(test_standby_and_unset_clock),
        cmocka_unit_test(test_skip_and_new_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
