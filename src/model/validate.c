/* validate.c - file checks for a parsed playlist: existence, letter case (FAT sticks hide it),
 * confinement to the playlist's folder (absolute, .., symlinks), decodability. */
#include "model/validate.h"
#include "model/yamldoc.h"
#include "base/i18n.h"
#include "model/playlist_walk.h"
#include "picture/images.h"
#include "text/graphemes.h"
#include "text/textlayout.h"
#include "base/util.h"

#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool has_dotdot(const char *p)
{
    const char *s = p;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return true;
        if (!e)
            break;
        s = e + 1;
    }
    return false;
}

/* Walks rel under dir component by component, matching names ignoring case.
 * Returns the path as it really is on disk (caller frees), or NULL. */
static char *find_case_insensitive(const char *dir, const char *rel)
{
    char *cur = xstrdup(dir);
    char *copy = xstrdup(rel);
    char *save = NULL;
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        DIR *dh = opendir(cur);
        if (!dh)
            goto fail;
        char *found = NULL;
        struct dirent *e;
        while ((e = readdir(dh)))
            if (strcasecmp(e->d_name, part) == 0) {
                found = xstrdup(e->d_name);
                break;
            }
        closedir(dh);
        if (!found)
            goto fail;
        char *next = path_join(cur, found);
        free(found);
        free(cur);
        cur = next;
    }
    free(copy);
    return cur;
fail:
    free(cur);
    free(copy);
    return NULL;
}

/* rel with each full-width ／ and ． made '/' and '.', or NULL when it has none. Caller frees. */
static char *halfwidth_path(const char *rel)
{
    if (!strstr(rel, "／") && !strstr(rel, "．"))
        return NULL;
    struct strbuf b = {0};
    for (const char *p = rel; *p;) {
        if (strncmp(p, "／", strlen("／")) == 0 || strncmp(p, "．", strlen("．")) == 0) {
            sb_puts(&b, strncmp(p, "／", strlen("／")) == 0 ? "/" : ".");
            p += strlen("／"); /* both are three bytes */
        } else {
            sb_add(&b, p++, 1);
        }
    }
    return b.s;
}

/* The file on disk that rel was meant to be, named the way Windows showed it: 张三.jpg saved as
 * 张三.jpg.jpg (the ending hidden), or the reverse, or .jpeg for .jpg and back. Returns the
 * name relative to dir as it is on disk (caller frees), or NULL. */
static char *hidden_ending_twin(const char *dir, const char *rel)
{
    const char *dot = strrchr(rel, '.');
    if (!dot || strchr(dot, '/') || dot == rel)
        return NULL;
    size_t stem = (size_t)(dot - rel);
    char *tries[4] = {xasprintf("%s%s", rel, dot), NULL, NULL, NULL};
    const char *prev = stem > 0 ? rel + stem - 1 : rel; /* "张三.jpg.jpg" -> "张三.jpg" */
    while (prev > rel && *prev != '.' && *prev != '/')
        prev--;
    if (*prev == '.' && strncasecmp(prev, dot, strlen(dot)) == 0 &&
        (size_t)(dot - prev) == strlen(dot))
        tries[1] = xasprintf("%.*s", (int)stem, rel);
    if (strcasecmp(dot, ".jpeg") == 0)
        tries[2] = xasprintf("%.*s.jpg", (int)stem, rel);
    else if (strcasecmp(dot, ".jpg") == 0)
        tries[2] = xasprintf("%.*s.jpeg", (int)stem, rel);
    char *found = NULL;
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        if (!found && tries[i])
            found = find_case_insensitive(dir, tries[i]);
        free(tries[i]);
    }
    if (!found)
        return NULL;
    char *shown = xstrdup(found + (strcmp(dir, ".") == 0 ? 0 : strlen(dir) + 1));
    free(found);
    return shown;
}

/* m is not on disk: says why as exactly as can be known, with the fix. */
static void say_not_found(const struct playlist *pl, const struct media_ref *m, const char *what,
                          struct diag *d)
{
    const char *f = pl->path;
    int line = m->pos.line, col = m->pos.col;
    char *half = halfwidth_path(m->path);
    if (half) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s' has a full-width '／' or '．' in it: write '%s'"), what, m->path, half);
        free(half);
        return;
    }
    char *real = find_case_insensitive(pl->dir, m->path);
    if (real) {
        const char *shown = real + (strcmp(pl->dir, ".") == 0 ? 0 : strlen(pl->dir) + 1);
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s' not found, but '%s' exists: the names differ only in letter case, "
                   "which Windows and FAT sticks hide but the board does not; make them the same"),
                 what, m->path, shown);
        free(real);
        return;
    }
    char *twin = hidden_ending_twin(pl->dir, m->path);
    if (twin) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s' not found, but '%s' exists (Windows hides endings such as .jpg): "
                   "rename the file '%s' to '%s', or write '%s' in the playlist"),
                 what, m->path, twin, twin, m->path, twin);
        free(twin);
        return;
    }
    diag_add(d, DIAG_ERROR, f, line, col, _("%s '%s' not found"), what, m->path);
}

int validate_media(const struct playlist *pl, const struct media_ref *m, const char *what,
                   bool decode, struct diag *d)
{
    const char *f = pl->path;
    int line = m->pos.line, col = m->pos.col;
    if (m->path[0] == '/' || m->path[0] == '\\' || (m->path[0] && m->path[1] == ':')) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s' is an absolute path; name files relative to the playlist's folder"),
                 what, m->path);
        return -1;
    }
    if (strchr(m->path, '\\')) {
        diag_add(d, DIAG_ERROR, f, line, col, _("%s '%s' uses '\\'; write folders with '/'"), what,
                 m->path);
        return -1;
    }
    if (has_dotdot(m->path)) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s' leaves the playlist's folder ('..'); keep media beside the playlist"),
                 what, m->path);
        return -1;
    }
    struct stat st;
    bool found = lstat(m->resolved, &st) == 0 && stat(m->resolved, &st) == 0;
#ifdef _WIN32
    /* Windows opens IMG_001.JPG by the name img_001.jpg; the board does not: the same verdict */
    if (found) {
        char *real = find_case_insensitive(pl->dir, m->path);
        char *asked = path_join(pl->dir, m->path);
        found = !real || strcmp(real, asked) == 0;
        free(real);
        free(asked);
    }
#endif
    if (!found) {
        say_not_found(pl, m, what, d);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_add(d, DIAG_ERROR, f, line, col, _("%s '%s' is not a file"), what, m->path);
        return -1;
    }
    char dreal[PATH_MAX], freal[PATH_MAX];
    if (!realpath(pl->dir, dreal) || !realpath(m->resolved, freal) ||
        strncmp(freal, dreal, strlen(dreal)) != 0 || freal[strlen(dreal)] != '/') {
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s' leaves the playlist's folder through a symbolic link"), what, m->path);
        return -1;
    }
    if (decode) {
        char err[512];
        int w = 0, h = 0;
        if (images_check(m->resolved, &w, &h, err, sizeof err) < 0) {
            diag_add(d, DIAG_ERROR, f, line, col, _("%s '%s' cannot be shown: %s"), what, m->path,
                     err);
            return -1;
        }
        if (w < 200 || h < 200)
            diag_add(d, DIAG_WARNING, f, line, col,
                     _("%s '%s' is only %dx%d pixels and will look blurred on a large screen"),
                     what, m->path, w, h);
    }
    return 0;
}

struct media_walk {
    const struct playlist *pl;
    bool decode;
    struct diag *d;
};

static void check_media(void *ctx, const struct media_ref *m, const char *what)
{
    struct media_walk *w = ctx;
    validate_media(w->pl, m, what, w->decode && !m->is_video, w->d);
}

void validate_playlist(const struct playlist *pl, const struct validate_opts *o, struct diag *d)
{
    struct media_walk w = {pl, o && o->decode_images, d};
    playlist_foreach_media(pl, check_media, &w);
    for (size_t i = 0; w.decode && o->probe_video && i < pl->nslides; i++) /* clips */
        if (pl->slides[i].type == SLIDE_VIDEO)
            o->probe_video(pl, &pl->slides[i], d);
}

struct glyph_walk {
    const struct playlist *pl;
    const struct glyph_checker *g;
    void *chain;
    struct diag *d;
    char *src; /* the playlist file, to find each character's line and column; NULL if unread */
    size_t srclen;
    int reported;
};

/* At most this many characters are listed per playlist; then one line says how many more. */
#define GLYPH_REPORT_MAX 50

/* Byte offset of line:col (col in characters, as libyaml counts them) in the source. */
static size_t src_offset(const struct glyph_walk *w, struct pos p)
{
    size_t off = 0;
    for (int line = 1; line < p.line && off < w->srclen; off++)
        if (w->src[off] == '\n')
            line++;
    for (int col = 1; col < p.col && off < w->srclen && w->src[off] != '\n'; col++) {
        off++;
        while (off < w->srclen && ((unsigned char)w->src[off] & 0xC0) == 0x80)
            off++;
    }
    return off;
}

static struct pos src_pos(const struct glyph_walk *w, size_t off)
{
    struct pos p = {1, 1};
    for (size_t i = 0; i < off && i < w->srclen; i++) {
        if (w->src[i] == '\n')
            p.line++, p.col = 1;
        else if (((unsigned char)w->src[i] & 0xC0) != 0x80)
            p.col++;
    }
    return p;
}

static size_t find_bytes(const struct glyph_walk *w, size_t from, const char *s, size_t n)
{
    if (!w->src || n == 0 || from >= w->srclen)
        return SIZE_MAX;
    const char *hit = memmem(w->src + from, w->srclen - from, s, n);
    return hit ? (size_t)(hit - w->src) : SIZE_MAX;
}

/* Warns about every character of s that no font has, each at its own line:col in the file
 * (found after the field's own first line, which is searched for from pos, the slide's or
 * person's position); where the file spells it differently (an escape), at pos. */
static void check_glyphs(void *ctx, const char *s, struct pos pos, const char *what)
{
    struct glyph_walk *w = ctx;
    size_t n = strlen(s), len;
    size_t start = w->src ? src_offset(w, pos) : 0;
    size_t first_line = strcspn(s, "\n");
    size_t field = find_bytes(w, start, s, first_line < 64 ? first_line : 64);
    size_t cursor = field != SIZE_MAX ? field : start;
    /* one grapheme at a time (👮‍♂️, 🇨🇳, 1️⃣ are one each): its first code point
     * decides
     */
    uint32_t *cps = xmalloc((n + 1) * sizeof *cps);
    size_t *offs = xmalloc((n + 1) * sizeof *offs), nc = 0;
    for (size_t i = 0; i < n; i += len) {
        offs[nc] = i;
        cps[nc++] = utf8_decode(s + i, n - i, &len);
    }
    offs[nc] = n;
    bool *joined = xmalloc((nc + 1) * sizeof *joined);
    graphemes_joined(cps, nc, joined);
    for (size_t k = 0; k < nc; k++) {
        uint32_t cp = cps[k];
        size_t e = k + 1;
        while (e < nc && joined[e])
            e++;
        size_t i = offs[k];
        len = offs[e] - i;
        if (cp < 0x20 || tl_is_space(cp) || cp == 0xFEFF || w->g->has(w->chain, cp))
            continue;
        if (++w->reported > GLYPH_REPORT_MAX)
            continue;
        struct pos at = pos;
        size_t off = find_bytes(w, cursor, s + i, len);
        if (off != SIZE_MAX) {
            at = src_pos(w, off);
            cursor = off + len;
        }
        diag_add(w->d, DIAG_WARNING, w->pl->path, at.line, at.col,
                 _("%s: character '%.*s' (U+%04X) has no glyph in any installed font and will "
                   "show as a box"),
                 what, (int)len, s + i, cp);
    }
    free(cps), free(offs), free(joined);
}

void validate_glyphs(const struct playlist *pl, const struct glyph_checker *g, struct diag *d)
{
    char err[256];
    void *chain = g->open(pl->theme.font, err, sizeof err);
    if (!chain) {
        diag_add(d, DIAG_WARNING, pl->path, 0, 0, "%s", err);
        return;
    }
    struct glyph_walk w = {pl, g, chain, d, NULL, 0, 0};
    w.src = file_read_limited(pl->path, YDOC_MAX_BYTES, &w.srclen); /* never a FIFO */
    playlist_foreach_text(pl, check_glyphs, &w);
    if (w.reported > GLYPH_REPORT_MAX)
        diag_add(d, DIAG_WARNING, pl->path, 0, 0,
                 _("%d more characters have no glyph in any installed font"),
                 w.reported - GLYPH_REPORT_MAX);
    free(w.src);
    g->close(chain);
}

struct playlist *validate_playlist_file(const char *path, const struct validate_opts *o,
                                        struct diag *d)
{
    if (o && o->judging)
        o->judging(o->judging_ctx, path);
    size_t first_msg = d->n;
    struct playlist *pl = playlist_load(path, d);
    if (pl) {
        validate_playlist(pl, o, d);
        if (o && o->glyphs)
            validate_glyphs(pl, o->glyphs, d);
        if (o && o->advise)
            o->advise(pl, d);
    }
    diag_sort_from(d, first_msg);
    return pl;
}
