/* test_house.c - the shared pieces every module leans on: the playlist walks (every text and
 * file, once), glyph checks through a callback, the file helpers (atomic writes, copies, the
 * one hash), the playback policy and the transitions table; and the checks of `make lint`
 * (layers read from README's source map, file and function sizes) on small made-up houses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/check.h"
#include "base/fileio.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "model/slidekinds.h"
#include "page/policy.h"
#include "board/transition.h"
#include "model/validate.h"
#include "testutil.h"

#define T "build/tests/house"

static const char walk_yaml[] =
    "honorboard: 1\n"
    "title: 标题\n"
    "subtitle: 副标题\n"
    "ticker: 滚动字幕\n"
    "theme: { emblem: e.png }\n"
    "slides:\n"
    "  - { type: story, name: 杨, unit: 单位甲, honor: 荣誉, photo: a.jpg, text: 正文 }\n"
    "  - { type: photo, image: b.jpg, caption: 说明 }\n"
    "  - type: roll\n"
    "    title: 名单\n"
    "    people:\n"
    "      - { name: 余程, unit: 单位乙, honor: 党员, photo: c.jpg }\n";

static void collect_text(void *ctx, const char *text, struct pos pos, const char *what)
{
    (void)pos;
    sb_printf(ctx, "%s=%s;", what, text);
}

static void collect_media(void *ctx, const struct media_ref *m, const char *what)
{
    sb_printf(ctx, "%s=%s;", what, m->path);
}

/* Every walk over a playlist goes through these two: the glyph check used to miss a person's
 * unit and the ticker. */
static void test_walks(void **state)
{
    (void)state;
    struct diag d = {0};
    struct playlist *pl = playlist_parse("w.yaml", walk_yaml, sizeof walk_yaml - 1, &d);
    assert_non_null(pl);
    assert_int_equal(d.errors, 0);
    struct strbuf t = {0}, m = {0};
    playlist_foreach_text(pl, collect_text, &t);
    playlist_foreach_media(pl, collect_media, &m);
    assert_non_null(strstr(t.s, "ticker=滚动字幕;"));
    assert_non_null(strstr(t.s, "subtitle=副标题;"));
    assert_non_null(strstr(t.s, "slide 1=单位甲;"));
    assert_non_null(strstr(t.s, "slide 3=单位乙;"));
    assert_non_null(strstr(t.s, "slide 3=党员;"));
    assert_non_null(strstr(t.s, "slide 2=说明;"));
    assert_string_equal(m.s, "theme: emblem=e.png;slide 1 (story): photo=a.jpg;"
                             "slide 2 (photo): image=b.jpg;"
                             "slide 3 (roll): person 1 (余程): photo=c.jpg;");
    sb_free(&t);
    sb_free(&m);
    playlist_free(pl);
    diag_free(&d);
}

/* A fake font chain: only ASCII and the CJK block. */
static int opened, closed;
static void *fake_open(const char *family, char *err, size_t errlen)
{
    (void)family, (void)err, (void)errlen;
    opened++;
    return &opened;
}
static bool fake_has(void *chain, uint32_t cp)
{
    (void)chain;
    return cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF);
}
static void fake_close(void *chain)
{
    (void)chain;
    closed++;
}

static void test_glyph_callback(void **state)
{
    (void)state;
    static const char yaml[] = "honorboard: 1\n"
                               "title: 标题\n"
                               "ticker: 欢迎★来宾\n"
                               "slides:\n"
                               "  - type: roll\n"
                               "    title: 名单\n"
                               "    people:\n"
                               "      - { name: 余程, unit: 第①监区 }\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("g.yaml", yaml, sizeof yaml - 1, &d);
    const struct glyph_checker fake = {fake_open, fake_has, fake_close};
    validate_glyphs(pl, &fake, &d);
    assert_int_equal(opened, 1);
    assert_int_equal(closed, 1);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.errors, 0);
    bool ticker = false, unit = false;
    for (size_t i = 0; i < d.n; i++) {
        ticker |= strstr(d.msgs[i].text, "ticker: character '★'") != NULL;
        unit |= strstr(d.msgs[i].text, "slide 1: character '①'") != NULL && d.msgs[i].line == 8;
    }
    assert_true(ticker);
    assert_true(unit);
    playlist_free(pl);
    diag_free(&d);
}

/* `check` finds the same through the installed fonts (a private-use character has no glyph). */
static void test_check_walks_everything(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char *paths[] = {(char *)"tests/data/missing-glyph-walk.yaml"};
    int rc = check_paths(paths, 1, f);
    fclose(f);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(buf, "warning: ticker: character"));
    assert_non_null(strstr(buf, "missing-glyph-walk.yaml:8:28: warning: slide 1: character"));
    assert_non_null(strstr(buf, "0 errors, 2 warnings"));
    free(buf);
}

static void test_write_atomic(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T);
    assert_int_equal(fileio_write_atomic(T "/a.txt", "first", 5, 0600, true), 0);
    assert_int_equal(fileio_write_atomic(T "/a.txt", "second!", 7, 0600, false), 0);
    char *s = slurp(T "/a.txt");
    assert_string_equal(s, "second!");
    free(s);
    struct stat st;
    assert_int_equal(stat(T "/a.txt", &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *tmp = fileio_temp_name(T "/a.txt");
    assert_string_equal(tmp, T "/.a.txt.tmp");
    assert_int_equal(access(tmp, F_OK), -1); /* no temporary file left */
    free(tmp);
    /* a folder that does not exist: an error, errno kept, nothing written */
    assert_int_equal(fileio_write_atomic(T "/none/b.txt", "x", 1, 0644, true), -1);
    assert_int_equal(errno, ENOENT);
}

static bool stop_after_first(void *ctx, uint64_t copied)
{
    *(uint64_t *)ctx = copied;
    return false;
}

static void test_copy_and_hash(void **state)
{
    (void)state;
    sh("mkdir -p " T " && head -c 3000000 /dev/urandom > " T "/big && printf abc > " T "/abc");
    int in = open(T "/big", O_RDONLY), out = open(T "/copy", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_int_equal(fileio_copy_fd(in, out, NULL, NULL, NULL), 3000000);
    close(in), close(out);
    sh("cmp " T "/big " T "/copy");
    /* a progress callback that says stop */
    uint64_t seen = 0;
    in = open(T "/big", O_RDONLY), out = open(T "/copy2", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_int_equal(fileio_copy_fd(in, out, stop_after_first, &seen, NULL), -1);
    assert_int_equal(errno, ECANCELED);
    assert_true(seen > 0 && seen < 3000000);
    close(in), close(out);
    /* BLAKE2b-256 of "abc" (the RFC 7693 function at 32 bytes) */
    struct hash h;
    hash_init(&h);
    int fd = open(T "/abc", O_RDONLY);
    uint64_t size = 0;
    assert_int_equal(hash_update_fd(&h, fd, &size), 0);
    close(fd);
    char hex[65];
    hash_final_hex(&h, hex);
    assert_int_equal(size, 3);
    assert_string_equal(hex, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void test_policy(void **state)
{
    (void)state;
    struct diag d = {0};
    struct playlist *pl = playlist_parse("w.yaml", walk_yaml, sizeof walk_yaml - 1, &d);
    const struct slide *story = &pl->slides[0];
    struct page_timing first = policy_page_timing(pl, story, 0, 3);
    struct page_timing second = policy_page_timing(pl, story, 1, 3);
    assert_true(first.duration == 12.0 / 3);
    assert_int_equal(first.transition, TRANS_FADE);
    assert_true(first.transition_time == 0.8);
    assert_int_equal(second.transition, TRANS_FADE); /* pages turn with a quick fade */
    assert_true(second.transition_time == 0.5);
    assert_true(policy_page_timing(pl, story, 0, 100).duration == 1); /* never under 1 s */
    /* a photo slide whose photo is missing is skipped, with its file:line:col */
    char *why = policy_skip_reason(pl, &pl->slides[1]);
    assert_non_null(why);
    assert_non_null(strstr(why, "w.yaml:8:"));
    free(why);
    assert_null(policy_skip_reason(pl, story)); /* a missing portrait is a placeholder */
    assert_string_equal(policy_slide_label(story), "杨");
    assert_string_equal(policy_slide_label(&pl->slides[1]), "说明");
    playlist_free(pl);
    diag_free(&d);
}

static void test_transition_table(void **state)
{
    (void)state;
    for (int k = 0; k < TRANS_COUNT; k++)
        assert_true(transition_can_mix(k)); /* the software renderer mixes every kind */
    assert_false(transition_can_mix(-1));
    assert_false(transition_can_mix(TRANS_COUNT));
}

/* Adding a kind to SLIDE_KINDS (or a transition to TRANSITIONS) without its descriptor, layout
 * or drawing functions does not compile: each table is generated from the one list. The real
 * sources are compiled against a copy of playlist_values.h with one more entry. */
#define KT T "/kinds"
#define KCC                                                                                        \
    "cc -std=c11 -D_GNU_SOURCE -fsyntax-only -I" KT " -Iinclude "                                  \
    "$(pkg-config --cflags sdl2 yaml-0.1 harfbuzz freetype2 fontconfig)"
static void test_kind_tables_complete(void **state)
{
    (void)state;
    /* every descriptor whole, under the name the list gives it */
    for (int k = 0; k < SLIDE_TYPE_COUNT; k++) {
        const struct slide_kind *d = slide_kind_of(k);
        assert_non_null(d);
        assert_string_equal(d->name, slide_type_names[k]);
        assert_non_null(d->zh);
        assert_non_null(d->keys);
        assert_non_null(d->parse);
        assert_int_equal(slide_kind_by_name(d->name), k);
    }
    assert_null(slide_kind_of(SLIDE_TYPE_COUNT));
    const char *files[] = {"src/model/slidekinds.c", "src/page/layout.c",
                           "src/model/playlist_values.c", "src/board/transition.c"};
    sh("rm -rf " KT " && mkdir -p " KT "/model");
    sh("cp include/model/playlist_values.h " KT "/model/");
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) /* as they are: they build */
        assert_int_equal(run(KCC " %s > " KT "/out 2>&1", files[i]), 0);
    /* a new kind "mural" in the list (after video, wherever video's line ends), nothing else */
    sh("sed -i 's/X(VIDEO, video)/X(VIDEO, video) X(MURAL, mural)/' " KT
       "/model/playlist_values.h && grep -q 'X(MURAL, mural)' " KT "/model/playlist_values.h");
    assert_int_not_equal(run(KCC " src/model/slidekinds.c > " KT "/out 2>&1"), 0);
    char *out = slurp(KT "/out");
    assert_non_null(strstr(out, "slide_kind_mural"));
    free(out);
    assert_int_not_equal(run(KCC " src/page/layout.c > " KT "/out 2>&1"), 0);
    out = slurp(KT "/out");
    assert_non_null(strstr(out, "layout_mural"));
    free(out);
    /* the names are generated from the same list: nothing to forget there */
    assert_int_equal(run(KCC " src/model/playlist_values.c > " KT "/out 2>&1"), 0);
    /* a new transition without its t_ and mix_ functions */
    sh("cp include/model/playlist_values.h " KT "/model/ && sed -i "
       "'s/^    X(ZOOM, \"zoom\", zoom)$/    X(ZOOM, \"zoom\", zoom) X(IRIS, \"iris\", iris)/' " KT
       "/model/playlist_values.h && grep -q 'X(IRIS' " KT "/model/playlist_values.h");
    assert_int_not_equal(run(KCC " src/board/transition.c > " KT "/out 2>&1"), 0);
    out = slurp(KT "/out");
    assert_non_null(strstr(out, "t_iris"));
    free(out);
}

/* A small house for the layer check: src/LAYERS (bottom first) and three layers low, mid and
 * top, a room each (src/L/L.c with include/L/L.h), compiled into obj/ as make does. */
#define LT T "/layers"
#define LCC "cc -std=c11 -Iinclude -c"
static void layers_tree(void)
{
    sh("rm -rf " LT " && mkdir -p " LT "/src " LT "/include && cd " LT " && "
       "printf '%%s\\n' '# bottom first' 'low  the ground' 'mid  the middle' 'top  the roof' "
       "> src/LAYERS && for r in low mid top; do mkdir -p src/$r include/$r obj/$r && "
       "printf 'int %%s_fn(void);\\n' $r > include/$r/$r.h; done && "
       "printf '#include \"low/low.h\"\\nint low_fn(void) { return 1; }\\n' > src/low/low.c && "
       "printf '#include \"mid/mid.h\"\\n#include \"low/low.h\"\\nint mid_fn(void) { return "
       "low_fn(); }\\n' > src/mid/mid.c && "
       "printf '#include \"top/top.h\"\\n#include \"mid/mid.h\"\\nint top_fn(void) { return "
       "mid_fn(); }\\n' > src/top/top.c");
}
static void layers_build(void)
{
    sh("cd " LT " && for c in src/*/*.c; do o=${c#src/}; " LCC
       " -o obj/${o%%.c}.o $c || exit 1; done");
}

/* make lint's layer check passes on a house whose includes and calls point down, and fails -
 * naming the file - on an include of a higher layer, a call up a layer that no include shows,
 * a circle of calls inside one layer, a .c without its header, a file outside the folders and a
 * folder that is no layer. */
static void test_layer_check(void **state)
{
    (void)state;
    const char *check = "sh \"$OLDPWD/tests/tools/check-layers.sh\" obj > ../layers.out 2>&1";
    layers_tree();
    layers_build();
    assert_int_equal(run("cd " LT " && %s", check), 0);
    char *out = slurp(T "/layers.out");
    assert_non_null(strstr(out, "check-layers: ok (3 layers"));
    free(out);

    sh("printf '#include \"top/top.h\"\\n' >> " LT "/src/low/low.c"); /* low includes top */
    assert_int_equal(run("cd " LT " && %s", check), 1);
    out = slurp(T "/layers.out");
    assert_non_null(strstr(out, "src/low/low.c:3: includes include/top/top.h of layer \"top\", "
                                "above its own layer \"low\""));
    assert_non_null(strstr(out, "files include each other in a circle: "));
    free(out);

    layers_tree(); /* a call up with no include to show it: only the objects tell */
    sh("printf 'int top_fn(void);\\nint low_up(void) { return top_fn(); }\\n' >> " LT
       "/src/low/low.c");
    layers_build();
    assert_int_equal(run("cd " LT " && %s", check), 1);
    out = slurp(T "/layers.out");
    assert_non_null(strstr(out, "src/low/low.c uses top_fn() of src/top/top.c, a higher layer"));
    assert_non_null(strstr(out, "files call each other in a circle: "));
    free(out);

    layers_tree(); /* two files of one layer calling each other */
    sh("cd " LT " && printf 'int mid2_fn(void);\\n' > include/mid/mid2.h && "
       "printf '#include \"mid/mid2.h\"\\nint mid_fn(void);\\nint mid2_fn(void) { return mid_fn(); "
       "}\\n' > src/mid/mid2.c && "
       "printf 'int mid2_fn(void);\\nint mid_x(void) { return mid2_fn(); }\\n' >> src/mid/mid.c");
    layers_build();
    assert_int_equal(run("cd " LT " && %s", check), 1);
    out = slurp(T "/layers.out");
    assert_true(strstr(out, "circle: mid/mid -> mid/mid2 -> mid/mid") ||
                strstr(out, "circle: mid/mid2 -> mid/mid -> mid/mid2"));
    free(out);

    layers_tree(); /* one symbol defined by two files; an include through .. */
    sh("cd " LT " && printf 'int low_fn(void) { return 2; }\\n' >> src/mid/mid.c && "
       "printf '#include \"../../include/top/top.h\"\\n' >> src/low/low.c");
    layers_build();
    assert_int_equal(run("cd " LT " && %s", check), 1);
    out = slurp(T "/layers.out");
    assert_true(strstr(out, "src/low/low.c and src/mid/mid.c both define low_fn") ||
                strstr(out, "src/mid/mid.c and src/low/low.c both define low_fn"));
    assert_non_null(strstr(out, "through .."));
    free(out);

    layers_tree(); /* a .c without its header */
    sh("printf 'int lone(void) { return 0; }\\n' > " LT "/src/mid/lone.c");
    assert_int_equal(run("cd " LT " && %s", check), 1);
    out = slurp(T "/layers.out");
    assert_non_null(strstr(out, "src/mid/lone.c: has no header include/mid/lone.h"));
    free(out);

    layers_tree(); /* a file loose in src/, a folder that is no layer */
    sh("cd " LT " && printf '/* */\\n' > src/loose.c && mkdir src/attic");
    assert_int_equal(run("cd " LT " && %s", check), 1);
    out = slurp(T "/layers.out");
    assert_non_null(strstr(out, "src/loose.c: lies loose"));
    assert_non_null(strstr(out, "src/attic: a folder that is not a layer"));
    free(out);
}

/* make lint's size check: 600 lines per file and 120 per function, exceptions listed with a
 * reason. */
static void test_size_check(void **state)
{
    (void)state;
    const char *check = "sh \"$OLDPWD/tests/tools/check-size.sh\" > ../size.out 2>&1";
    sh("rm -rf " T "/size && mkdir -p " T "/size/src/x " T "/size/tests/tools");
    /* a 120-line function and a 600-line file: within the limits */
    sh("cd " T "/size && { printf 'int f(void)\\n{\\n'; i=0; while [ $i -lt 117 ]; do "
       "echo '    (void)0;'; i=$((i+1)); done; printf '}\\n'; } > src/x/a.c && "
       "i=$(wc -l < src/x/a.c); while [ $i -lt 600 ]; do echo '/* */' >> src/x/a.c; i=$((i+1)); "
       "done");
    assert_int_equal(run("cd " T "/size && %s", check), 0);
    sh("echo '/* */' >> " T "/size/src/x/a.c"); /* 601 lines */
    assert_int_equal(run("cd " T "/size && %s", check), 1);
    char *out = slurp(T "/size.out");
    assert_non_null(strstr(out, "src/x/a.c: 601 lines, over 600"));
    free(out);
    sh("cd " T "/size && sed -i '3i\\    (void)1;' src/x/a.c && sed -i '$d' src/x/a.c && "
       "sed -i '$d' src/x/a.c"); /* 600 lines, f() now 121 */
    assert_int_equal(run("cd " T "/size && %s", check), 1);
    out = slurp(T "/size.out");
    assert_non_null(strstr(out, "src/x/a.c:1: f() is 121 lines, over 120"));
    free(out);
    sh("printf '%%s\\n' '# why' 'src/x/a.c:f  a reason' > " T
       "/size/tests/tools/size-exceptions.txt");
    assert_int_equal(run("cd " T "/size && %s", check), 0); /* listed: allowed */
    /* a function braced on its own line or on the signature's is found either way */
    sh("cd " T "/size && : > tests/tools/size-exceptions.txt && "
       "{ printf 'static int g(int x) {\\n'; i=0; while [ $i -lt 125 ]; do "
       "echo '    x++;'; i=$((i+1)); done; printf '    return x;\\n}\\n'; } > src/x/a.c");
    assert_int_equal(run("cd " T "/size && %s", check), 1);
    out = slurp(T "/size.out");
    assert_non_null(strstr(out, "src/x/a.c:1: g() is 128 lines, over 120"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walks),
        cmocka_unit_test(test_glyph_callback),
        cmocka_unit_test(test_check_walks_everything),
        cmocka_unit_test(test_write_atomic),
        cmocka_unit_test(test_copy_and_hash),
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_transition_table),
        cmocka_unit_test(test_kind_tables_complete),
        cmocka_unit_test(test_layer_check),
        cmocka_unit_test(test_size_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
