/* playlist_nodes.c - one YAML node of a playlist into one value of the model, with its
 * file:line:col: durations, transitions, media references, focus points, schedules, people;
 * required keys and texts written but blank. The slide kinds (playlist_slides.c) and the
 * playlist's own keys (playlist.c) are read through these. Every message names the node it is
 * about (libyaml marks are 0-based: +1). */
#include "model/playlist_nodes.h"
#include "base/i18n.h"
#include "model/slips.h"
#include "model/keywords.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Keys allowed in a schedule and a person. NULL-terminated. */
static const char *const schedule_keys[] = {"from", "until", "days", "hours", NULL};
static const char *const person_keys[] = {"name", "honor", "unit", "photo", "focus", NULL};

/* duration: 12s | auto. Stores into *secs / *is_auto. */
void pnode_duration(struct pnode_ctx *c, yaml_node_t *n, const char *where, double *secs,
                    bool *is_auto)
{
    const char *s = ydoc_scalar(c->y, n, where, "duration");
    if (!s)
        return;
    if (strcmp(s, "auto") == 0) {
        *is_auto = true;
        return;
    }
    double v;
    if (playlist_parse_duration(s, &v) < 0 || v <= 0)
        ydoc_err(c->y, n, _("%sbad duration '%s' (write it like 12s, 1.5s, 500ms, 2m or auto)"),
                 where, s);
    else if (v < 1)
        ydoc_err(c->y, n, _("%sduration '%s' is too short to read (at least 1s)"), where, s);
    else
        *secs = v;
}

void pnode_transition(struct pnode_ctx *c, yaml_node_t *n, const char *where, int *out)
{
    const char *s = ydoc_scalar(c->y, n, where, "transition");
    if (!s)
        return;
    int t = playlist_transition_by_name(s);
    if (t >= 0) {
        *out = t;
        return;
    }
    const char *sug = ydoc_suggest(s, transition_names, TRANS_COUNT);
    struct strbuf all = {0};
    for (int i = 0; i < TRANS_COUNT; i++)
        sb_printf(&all, "%s%s", i ? ", " : "", transition_names[i]);
    if (sug)
        ydoc_err(c->y, n, _("%sunknown transition '%s' (did you mean '%s'?)"), where, s, sug);
    else
        ydoc_err(c->y, n, _("%sunknown transition '%s' (one of: %s)"), where, s, all.s);
    sb_free(&all);
}

void pnode_transition_time(struct pnode_ctx *c, yaml_node_t *n, const char *where, double *out)
{
    const char *s = ydoc_scalar(c->y, n, where, "transition_duration");
    double v;
    if (!s)
        return;
    if (playlist_parse_duration(s, &v) < 0 || v > 10)
        ydoc_err(c->y, n, _("%sbad transition_duration '%s' (like 0.8s or 500ms, at most 10s)"),
                 where, s);
    else
        *out = v;
}

void pnode_media(struct pnode_ctx *c, yaml_node_t *n, const char *where, const char *key,
                 struct media_ref *m)
{
    const char *s = ydoc_scalar(c->y, n, where, key);
    if (!s)
        return;
    if (!*s) {
        ydoc_err(c->y, n, _("%s'%s' is empty"), where, key);
        return;
    }
    for (const char *q = s; *q; q++) {
        if ((unsigned char)*q <
            0x20) { /* "photos\new.jpg" in double quotes: \n became a line break */
            ydoc_err(c->y, n, _("%s'%s' holds a line break or a tab; write file names on one line"),
                     where, key);
            return;
        }
    }
    free(m->path);
    free(m->resolved);
    m->path = xstrdup(s);
    m->resolved = path_join(c->pl->dir, s);
    m->pos = ydoc_pos(n);
}

/* Past spaces and one of the marks (UTF-8 strings) at s, if there is one. */
static const char *skip_mark(const char *s, const char *const *marks)
{
    while (*s == ' ')
        s++;
    for (size_t i = 0; marks[i]; i++)
        if (strncmp(s, marks[i], strlen(marks[i])) == 0)
            return s + strlen(marks[i]);
    return s;
}

/* Two numbers between 0 and 1 written as one value: "[0.5, 0.3]", "0.5，0.3", "0.5 0.3" - what
 * an author writes when told to quote the list or to use the Chinese comma. 0 when read. */
static int focus_in_one(const char *s, double v[2])
{
    static const char *const open[] = {"[", "［", NULL}, *const close[] = {"]", "］", NULL},
                             *const comma[] = {",", "，", "、", NULL};
    s = skip_mark(s, open);
    for (int i = 0; i < 2; i++) {
        char *end = NULL;
        v[i] = strtod(s, &end);
        if (end == s || !(v[i] >= 0 && v[i] <= 1))
            return -1;
        s = i == 0 ? skip_mark(end, comma) : skip_mark(end, close);
    }
    while (*s == ' ')
        s++;
    return *s ? -1 : 0;
}

void pnode_focus(struct pnode_ctx *c, yaml_node_t *n, const char *where, double *fx, double *fy)
{
    yaml_node_t *one = n; /* a single value holding both numbers, or a list of one such */
    if (n->type == YAML_SEQUENCE_NODE &&
        n->data.sequence.items.top - n->data.sequence.items.start == 1)
        one = yaml_document_get_node(&c->y->doc, n->data.sequence.items.start[0]);
    double v[2];
    if (one && one->type == YAML_SCALAR_NODE &&
        focus_in_one((const char *)one->data.scalar.value, v) == 0) {
        *fx = v[0], *fy = v[1];
        return;
    }
    if (n->type != YAML_SEQUENCE_NODE ||
        n->data.sequence.items.top - n->data.sequence.items.start != 2) {
        ydoc_err(c->y, n, _("%s'focus' should be two numbers [x, y] between 0 and 1"), where);
        return;
    }
    for (int i = 0; i < 2; i++) {
        yaml_node_t *it = yaml_document_get_node(&c->y->doc, n->data.sequence.items.start[i]);
        char *end = NULL;
        const char *s =
            it && it->type == YAML_SCALAR_NODE ? (const char *)it->data.scalar.value : "";
        v[i] = strtod(s, &end);
        if (!*s || *end || v[i] < 0 || v[i] > 1) {
            ydoc_err(c->y, it ? it : n,
                     _("%s'focus' values must be numbers between 0 and 1, not '%s'"), where, s);
            return;
        }
    }
    *fx = v[0];
    *fy = v[1];
}

/* A link (qr: https：//…): the full-width marks a Chinese input method types in it (：／．？＝
 * ＆ and the rest of U+FF01..U+FF5E) make a QR code no phone opens; in a link they are never
 * meant, so they are read as their ASCII selves, with a warning at the first. A value that is
 * not a link (a QR code of words) is left as written. Caller frees. */
char *pnode_link(struct pnode_ctx *c, yaml_node_t *n, const char *where, const char *key)
{
    char *t = ydoc_text(c->y, n, where, key);
    if (!t || (strncasecmp(t, "http", 4) != 0 && strncasecmp(t, "www.", 4) != 0))
        return t;
    char *out = xmalloc(strlen(t) + 1), *o = out, first[8] = "", ascii = 0;
    int chars = 0, first_at = 0; /* characters before the first full-width mark */
    size_t len;
    for (const char *p = t; *p; p += len, chars++) {
        uint32_t cp = utf8_decode(p, strlen(p), &len);
        if (cp < 0xFF01 || cp > 0xFF5E) {
            memcpy(o, p, len), o += len;
            continue;
        }
        *o++ = (char)(cp - 0xFEE0);
        if (!first[0])
            snprintf(first, sizeof first, "%.*s", (int)len, p), first_at = chars, ascii = o[-1];
    }
    *o = '\0';
    if (first[0]) {
        struct pos at = ydoc_pos(n);
        if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
            n->end_mark.line == n->start_mark.line)
            at.col += first_at;
        diag_add(
            c->y->d, DIAG_WARNING, c->y->file, at.line, at.col,
            _("%s'%s' has the full-width '%s' in its link, which no phone can open: it is read "
              "with the English '%c' as %s; type links with the input method in English"),
            where, key, first, ascii, out);
    }
    free(t);
    return out;
}

void pnode_schedule(struct pnode_ctx *c, yaml_node_t *n, const char *where, struct schedule *out)
{
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("%s'schedule' should be keys: from, until, days, hours"), where);
        return;
    }
    char w[160];
    snprintf(w, sizeof w, _("%sschedule: "), where);
    ydoc_check_keys(c->y, n, w, schedule_keys, NULL);
    struct schedule sc = {.set = true};
    yaml_node_t *v;
    static const char *const dkeys[] = {"from", "until"};
    int *dates[] = {&sc.from, &sc.until};
    for (int i = 0; i < 2; i++) {
        if (!(v = ydoc_get(c->y, n, dkeys[i])))
            continue;
        const char *s = ydoc_scalar(c->y, v, w, dkeys[i]);
        if (s && schedule_parse_date(s, dates[i]) < 0)
            ydoc_err(c->y, v, _("%sbad date '%s' for '%s' (write it like 2026-03-01)"), w, s,
                     dkeys[i]);
    }
    if (sc.from && sc.until && sc.from > sc.until)
        ydoc_err(c->y, n, _("%s'from' is after 'until': it would never show"), w);
    if ((v = ydoc_get(c->y, n, "days"))) {
        const char **items = NULL;
        int k = ydoc_strings(c->y, v, w, "days", &items);
        for (int i = 0; i < k; i++) {
            unsigned m;
            if (schedule_parse_days(items[i], &m) < 0)
                ydoc_err(c->y, v, _("%sbad days '%s' (like mon-fri, sat, or mon,wed,fri)"), w,
                         items[i]);
            else
                sc.days |= m;
        }
        free(items);
    }
    if ((v = ydoc_get(c->y, n, "hours"))) {
        const char **items = NULL;
        int k = ydoc_strings(c->y, v, w, "hours", &items);
        for (int i = 0; i < k; i++) {
            int a, b;
            if (schedule_parse_window(items[i], &a, &b) < 0)
                ydoc_err(c->y, v,
                         _("%sbad hours '%s' (like \"07:30-12:00\" or \"22:00-02:00\", in quotes)"),
                         w, items[i]);
            else if (sc.nwindows == SCHEDULE_MAX_WINDOWS)
                ydoc_err(c->y, v, _("%sat most %d hour windows"), w, SCHEDULE_MAX_WINDOWS);
            else
                sc.windows[sc.nwindows].start = a, sc.windows[sc.nwindows++].end = b;
        }
        free(items);
    }
    *out = sc;
}

/* Does map hold another word meaning `key` (照片 or image for photo)? Its unknown-key message
 * names key, so a "missing" one would say the same thing twice. */
bool pnode_key_meant(struct pnode_ctx *c, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&c->y->doc, p->key);
        const char *w = k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
        const char *en = keywords_english(w) ? keywords_english(w) : keywords_alias(w);
        for (const char *e = en; e && *e;) {
            size_t l = strcspn(e, " ");
            if (l == strlen(key) && strncmp(e, key, l) == 0)
                return true;
            e += l;
            while (*e == ' ')
                e++;
        }
    }
    return false;
}

void pnode_require(struct pnode_ctx *c, yaml_node_t *map, const char *where, const char *key,
                   const char *hint)
{
    yaml_node_t *v = ydoc_get(c->y, map, key);
    if (!v && pnode_key_meant(c, map, key))
        return; /* 姓名: ... was written for name: the unknown-key message says so */
    if (!v || ydoc_is_empty(v))
        ydoc_err(c->y, map, _("%smissing '%s'%s%s"), where, key, hint ? " " : "", hint ? hint : "");
}

/* True when the scalar holds nothing a screen can show: spaces, ideographic spaces, newlines. */
static bool scalar_blank(const yaml_node_t *v)
{
    const unsigned char *s = v->data.scalar.value;
    size_t n = v->data.scalar.length;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            continue;
        if (i + 2 < n && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) { /* U+3000 */
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

/* A text, title or name written but empty ("", or only spaces) would put nothing on the screen
 * (an empty story leaves half of it bare): an error at the value. An absent or bare `key:` is
 * pnode_require()'s "missing". */
void pnode_reject_blank(struct pnode_ctx *c, yaml_node_t *map, const char *where)
{
    static const char *const keys[] = {"name", "title", "text"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        yaml_node_t *v = ydoc_get(c->y, map, keys[k]);
        if (v && v->type == YAML_SCALAR_NODE && !ydoc_is_empty(v) && scalar_blank(v))
            ydoc_err(c->y, v, _("%s'%s' is empty: write what the screen should show"), where,
                     keys[k]);
    }
}

void pnode_person(struct pnode_ctx *c, yaml_node_t *n, struct person *p, const char *where)
{
    p->focus_x = 0.5;
    p->focus_y = 0.3;
    p->pos = ydoc_pos(n);
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n,
                 _("%sa person should be keys like { name: 余程, honor: 优秀党员, photo: ... }"),
                 where);
        return;
    }
    ydoc_check_keys(c->y, n, where, person_keys, NULL);
    pnode_require(c, n, where, "name", NULL);
    pnode_reject_blank(c, n, where);
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "name")))
        p->name = ydoc_text(c->y, v, where, "name");
    if ((v = ydoc_get(c->y, n, "honor")))
        p->honor = ydoc_text(c->y, v, where, "honor");
    if ((v = ydoc_get(c->y, n, "unit")))
        p->unit = ydoc_text(c->y, v, where, "unit");
    if ((v = ydoc_get(c->y, n, "photo")))
        pnode_media(c, v, where, "photo", &p->photo);
    if ((v = ydoc_get(c->y, n, "focus")))
        pnode_focus(c, v, where, &p->focus_x, &p->focus_y);
}
