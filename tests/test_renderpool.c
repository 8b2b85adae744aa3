/* test_renderpool.c - pages drawn on every core come out as a one-by-one run would: the pool
 * runs each job once and hands results back in order (with jobs finishing out of order), and
 * `render --jobs N` writes the same bytes, the same layout JSON, the same contact sheet and the
 * same messages in the same order as `--jobs 1`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <pthread.h>
#include <stdint.h>

#include "base/renderpool.h"

#define NJOBS 300

struct ctx {
    pthread_mutex_t mu;
    int ran[NJOBS], done_order[NJOBS];
    int ndone, in_flight, max_in_flight, workers_made, workers_freed;
    bool ran_when_done[NJOBS];
};

static void *mk(void *c)
{
    struct ctx *x = c;
    pthread_mutex_lock(&x->mu);
    x->workers_made++;
    pthread_mutex_unlock(&x->mu);
    return x;
}

static void rm(void *w)
{
    struct ctx *x = w;
    pthread_mutex_lock(&x->mu);
    x->workers_freed++;
    pthread_mutex_unlock(&x->mu);
}

static void job(void *c, void *w, size_t i)
{
    struct ctx *x = c;
    assert_ptr_equal(w, x);
    /* finish out of order: later jobs are often quicker */
    usleep((useconds_t)((i * 7919) % 13) * 150);
    pthread_mutex_lock(&x->mu);
    x->ran[i]++;
    x->in_flight++; /* finished, not yet handed back */
    if (x->in_flight > x->max_in_flight)
        x->max_in_flight = x->in_flight;
    pthread_mutex_unlock(&x->mu);
}

static void done(void *c, size_t i)
{
    struct ctx *x = c;
    pthread_mutex_lock(&x->mu);
    x->ran_when_done[i] = x->ran[i] == 1;
    x->done_order[x->ndone++] = (int)i;
    x->in_flight--;
    pthread_mutex_unlock(&x->mu);
}

static void run_pool(int workers)
{
    struct ctx *x = calloc(1, sizeof *x);
    pthread_mutex_init(&x->mu, NULL);
    const struct renderpool_ops ops = {
        .worker_create = mk, .worker_destroy = rm, .job = job, .done = done};
    assert_int_equal(renderpool_run(NJOBS, workers, &ops, x), 0);
    assert_int_equal(x->ndone, NJOBS);
    for (int i = 0; i < NJOBS; i++) {
        assert_int_equal(x->ran[i], 1);
        assert_int_equal(x->done_order[i], i);
        assert_true(x->ran_when_done[i]);
    }
    assert_int_equal(x->workers_made, workers);
    assert_int_equal(x->workers_freed, workers);
    /* results wait in a bounded window, not for the whole run */
    assert_true(x->max_in_flight <= 3 * workers);
    pthread_mutex_destroy(&x->mu);
    free(x);
}

static void test_pool_order(void **state)
{
    (void)state;
    run_pool(1);
    run_pool(2);
    run_pool(5);
}

static void test_pool_no_jobs(void **state)
{
    (void)state;
    struct ctx *x = calloc(1, sizeof *x);
    pthread_mutex_init(&x->mu, NULL);
    const struct renderpool_ops ops = {.job = job, .done = done};
    assert_int_equal(renderpool_run(0, 4, &ops, x), 0);
    assert_int_equal(x->ndone, 0);
    pthread_mutex_destroy(&x->mu);
    free(x);
}

static void test_render_jobs_same_output(void **state)
{
    (void)state;
    sh("rm -rf build/test-jobs && mkdir -p build/test-jobs/in");
    sh("cp -r playlists/* tests/data/files.yaml tests/data/photos build/test-jobs/in/");
    for (int j = 1; j <= 3; j += 2)
        run("%s render build/test-jobs/in --out build/test-jobs/j%d --jobs %d "
            "--sheet build/test-jobs/j%d/sheet.png --layout-json build/test-jobs/j%d/layout.json "
            "2> build/test-jobs/j%d.err",
            bin(), j, j, j, j, j);
    /* the same files, byte for byte, and something was written */
    sh("ls build/test-jobs/j3/*.png | wc -l | grep -qv '^0$'");
    sh("diff -r build/test-jobs/j1 build/test-jobs/j3");
    /* the same messages in the same order, apart from the folder named in the last line */
    sh("sed 's/j[13]$//' build/test-jobs/j1.err > build/test-jobs/e1 && "
       "sed 's/j[13]$//' build/test-jobs/j3.err > build/test-jobs/e3 && "
       "diff build/test-jobs/e1 build/test-jobs/e3");
    /* a photo slide without its image is skipped, as on the screen (README, render) */
    sh("grep -q \"files.yaml:14:12: slide 2: image 'photos/none.jpg' cannot be shown: the screen "
       "skips this slide, so it has no PNG\" build/test-jobs/j3.err");
    assert_int_equal(run("%s render playlists --out build/test-jobs/x --jobs 0 2>/dev/null", bin()),
                     2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_order),
        cmocka_unit_test(test_pool_no_jobs),
        cmocka_unit_test(test_render_jobs_same_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
