/* yamldoc.c - loading YAML with libyaml and the schema helpers shared by playlists and the
 * config file: every message carries file:line:col of the node it is about. */
#include "model/yamldoc.h"
#include "base/i18n.h"
#include "base/util.h"
#include "model/keywords.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct pos ydoc_pos(const yaml_node_t *n)
{
    return (struct pos){(int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
}

static void report(struct ydoc *y, enum diag_level lv, const yaml_node_t *n, const char *fmt,
                   va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    struct pos p = n ? ydoc_pos(n) : (struct pos){0, 0};
    if (lv == DIAG_ERROR && slips_has_line(&y->slips, p.line)) { /* already explained */
        free(msg);
        return;
    }
    diag_add(y->d, lv, y->file, p.line, p.col, "%s", msg ? msg : "?");
    free(msg);
}

void ydoc_err(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(y, DIAG_ERROR, n, fmt, ap);
    va_end(ap);
}

void ydoc_warn(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(y, DIAG_WARNING, n, fmt, ap);
    va_end(ap);
}

const char *ydoc_kind_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return _("a single value");
    case YAML_SEQUENCE_NODE:
        return _("a list");
    case YAML_MAPPING_NODE:
        return _("a set of keys");
    default:
        return _("nothing");
    }
}

/* The scalar's text, or NULL with an error saying what was expected. */
const char *ydoc_scalar(struct ydoc *y, yaml_node_t *n, const char *where, const char *key)
{
    if (n->type == YAML_SCALAR_NODE)
        return (const char *)n->data.scalar.value;
    ydoc_err(y, n, _("%s'%s' should be a single value, not %s"), where, key, ydoc_kind_name(n));
    return NULL;
}

/* Where the value of n shows the character at byte off: its line:col when the value is one
 * plain line, else the value's start. */
static struct pos pos_in_value(const yaml_node_t *n, const char *s, size_t off)
{
    struct pos p = ydoc_pos(n);
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || n->end_mark.line != n->start_mark.line)
        return p;
    for (size_t i = 0; i < off; i++)
        p.col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return p;
}

/* "优秀民警  ＃说明": a full-width ＃ after a space, meant as a comment, is shown on the screen. */
static void fullwidth_hash(struct ydoc *y, const yaml_node_t *n, const char *where, const char *s)
{
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return; /* a quoted or block text is the author's own words */
    for (const char *h = strstr(s, "＃"); h; h = strstr(h + 1, "＃")) {
        bool after_space =
            h > s && (h[-1] == ' ' || h[-1] == '\t' || (h - s >= 3 && memcmp(h - 3, "　", 3) == 0));
        if (!after_space)
            continue;
        struct pos p = pos_in_value(n, s, (size_t)(h - s));
        diag_add(y->d, DIAG_WARNING, y->file, p.line, p.col,
                 _("%s'＃' is the full-width sign, which YAML does not take for a comment: '%s' is "
                   "shown on the screen; for a comment type the English '#' after a space"),
                 where, h);
        return;
    }
}

/* A text value: trims trailing newlines YAML block scalars leave. */
char *ydoc_text(struct ydoc *y, yaml_node_t *n, const char *where, const char *key)
{
    const char *s = ydoc_scalar(y, n, where, key);
    if (!s)
        return NULL;
    fullwidth_hash(y, n, where, s);
    char *t = xstrdup(s);
    size_t len = strlen(t);
    while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == ' ' || t[len - 1] == '\r'))
        t[--len] = '\0';
    return t;
}

static bool key_in(const char *key, const char *const *keys)
{
    for (size_t i = 0; keys && keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* The closest name in list (n names, or NULL-terminated), if it is a plausible typo. */
static const char *suggest_in(const char *key, const char *const *list, size_t n, const char *best,
                              int *bestd)
{
    for (size_t i = 0; list && (n == YDOC_NUL_TERMINATED ? list[i] != NULL : i < n); i++) {
        int dist = str_distance(key, list[i]);
        int limit = strlen(key) <= 4 ? 1 : 2;
        if (dist <= limit && dist < *bestd) {
            best = list[i];
            *bestd = dist;
        }
    }
    return best;
}

static const char *suggest(const char *key, const char *const *a, const char *const *b)
{
    int bestd = 99;
    const char *best = suggest_in(key, a, YDOC_NUL_TERMINATED, NULL, &bestd);
    return suggest_in(key, b, YDOC_NUL_TERMINATED, best, &bestd);
}

const char *ydoc_suggest(const char *key, const char *const *list, size_t n)
{
    int bestd = 99;
    return suggest_in(key, list, n, NULL, &bestd);
}

/* Reports unknown and duplicate keys of a mapping. */
void ydoc_check_keys(struct ydoc *y, yaml_node_t *map, const char *where, const char *const *keys,
                     const char *const *keys2)
{
    bool new_slide = false; /* a second `type`: duplicates after it are that slide's keys */
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
        if (!k || k->type != YAML_SCALAR_NODE) {
            ydoc_err(y, k, _("%skeys must be plain words"), where);
            continue;
        }
        const char *key = (const char *)k->data.scalar.value;
        const char *zh = key_in(key, keys) || key_in(key, keys2) ? NULL : keywords_english(key);
        if (zh) { /* 单位 -> unit: the candidate this mapping allows, else the first */
            char cand[32] = "", first[32] = "";
            for (const char *c = zh; *c;) {
                size_t l = strcspn(c, " ");
                char one[32];
                snprintf(one, sizeof one, "%.*s", (int)(l < sizeof one ? l : sizeof one - 1), c);
                if (!first[0])
                    snprintf(first, sizeof first, "%s", one);
                if (!cand[0] && (key_in(one, keys) || key_in(one, keys2)))
                    snprintf(cand, sizeof cand, "%s", one);
                c += l;
                while (*c == ' ')
                    c++;
            }
            ydoc_err(y, k, _("%s'%s' is not a key: keys are written in English; for %s write '%s'"),
                     where, key, key, cand[0] ? cand : first);
        } else if (!key_in(key, keys) && !key_in(key, keys2)) {
            const char *s = suggest(key, keys, keys2);
            for (const char *a = s ? NULL : keywords_alias(key); a && *a && !s;) {
                size_t l = strcspn(a, " "); /* photo in a gallery's photo: did you mean image */
                for (size_t i = 0; !s && keys && keys[i]; i++)
                    s = strlen(keys[i]) == l && strncmp(keys[i], a, l) == 0 ? keys[i] : NULL;
                for (size_t i = 0; !s && keys2 && keys2[i]; i++)
                    s = strlen(keys2[i]) == l && strncmp(keys2[i], a, l) == 0 ? keys2[i] : NULL;
                a += l + (a[l] == ' ');
            }
            if (s)
                ydoc_err(y, k, _("%sunknown key '%s' (did you mean '%s'?)"), where, key, s);
            else
                ydoc_err(y, k, _("%sunknown key '%s'"), where, key);
        }
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p && !new_slide; q++) {
            yaml_node_t *k2 = yaml_document_get_node(&y->doc, q->key);
            if (!k2 || k2->type != YAML_SCALAR_NODE ||
                strcmp((const char *)k2->data.scalar.value, key) != 0)
                continue;
            if (strcmp(key, "type") == 0) { /* the keys from here on are the next slide's */
                ydoc_err(y, k,
                         _("%sanother 'type': a new slide starts here but the '- ' before it is "
                           "missing; write '- type: …' lined up with the slides above"),
                         where);
                new_slide = true;
            } else {
                ydoc_err(y, k, _("%skey '%s' appears twice (first on line %d)"), where, key,
                         ydoc_pos(k2).line);
            }
            break;
        }
    }
}

yaml_node_t *ydoc_get(struct ydoc *y, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(&y->doc, p->value);
    }
    return NULL;
}

bool ydoc_is_empty(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
           n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static void offset_to_line_col(const char *text, size_t len, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* libyaml's own words (its problem and context texts are constant strings), listed so they are
 * extracted for translation: a Chinese message then has no English inside. */
static const char *const libyaml_words[] __attribute__((unused)) = {
    N_("could not find expected ':'"),
    N_("mapping values are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("did not find expected key"),
    N_("did not find expected '-' indicator"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("did not find expected node content"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("found unexpected ':'"),
    N_("invalid leading UTF-8 octet"),
    N_("invalid trailing UTF-8 octet"),
    N_("incomplete UTF-8 octet sequence"),
    N_("control characters are not allowed"),
    N_("block sequence entries are not allowed in this context"),
    N_("found unexpected document indicator"),
    N_("while scanning a simple key"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
    N_("while scanning a block scalar"),
    N_("could not find expected directive name"),
    N_("did not find URI escaped octet"),
    N_("did not find expected '!'"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected tag URI"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found duplicate anchor; first occurrence"),
    N_("found extremely long version number"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined alias"),
    N_("found undefined tag handle"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("incomplete UTF-16 character"),
    N_("incomplete UTF-16 surrogate pair"),
    N_("invalid Unicode character"),
    N_("invalid length of a UTF-8 sequence"),
    N_("mapping keys are not allowed in this context"),
    N_("unexpected low surrogate area"),
    N_("while parsing a %TAG directive"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag"),
    N_("while parsing a tag directive"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a directive"),
    N_("while scanning a tag"),
    N_("while scanning a tag directive"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
};

/* Adds a plain-words hint to libyaml's problem text for the mistakes people make in Notepad. */
static const char *syntax_hint(const yaml_parser_t *p)
{
    const char *prob = p->problem ? p->problem : "";
    if (strstr(prob, "tab character"))
        return _(" (indent with spaces, not tabs)");
    if (strstr(prob, "cannot start any token"))
        return _(
            " (a tab, or a character like @ or ` at the start of a value? use spaces to indent, "
            "and put such values in quotes)");
    if (strstr(prob, "invalid leading UTF-8 octet") ||
        strstr(prob, "invalid trailing UTF-8 octet") || strstr(prob, "incomplete UTF-8"))
        return _(" (the file is not saved as UTF-8; in Notepad choose Save As, Encoding: UTF-8)");
    if (strstr(prob, "mapping values are not allowed"))
        return _(" (a ':' inside a value? put the value in quotes, or check the indentation)");
    if (strstr(prob, "did not find expected key") || strstr(prob, "did not find expected '-'"))
        return _(" (check that this line is indented like the ones around it)");
    return "";
}

/* Limits checked before a document is built: a playlist is small and simple, and a file from a
 * stick may be hostile (libyaml 0.2.5 has no depth limit, and aliases can expand without end). */
#define YDOC_MAX_DEPTH 32
#define YDOC_MAX_EVENTS 200000
#define YDOC_MAX_SCALAR (64u << 10)

/* The first control character of a value (C0 but newline and tab; DEL; C1), or 0. */
static uint32_t control_in(const char *s, size_t n)
{
    size_t len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = utf8_decode(s + i, n - i, &len);
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0))
            return cp;
    }
    return 0;
}

/* A pass over the parser's events: refuses aliases, deep nesting, huge node counts and long
 * values, with the position of the first offender. Returns 0 when the file may be loaded. */
static int prescan(const char *file, const char *text, size_t len, struct diag *d)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    int depth = 0, rc = 0, controls = 0;
    long events = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break; /* the loader reports syntax errors with their hints */
        int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
        yaml_event_type_t type = ev.type;
        if (type == YAML_ALIAS_EVENT) {
            diag_add(d, DIAG_ERROR, file, line, col,
                     _("aliases (*%s) are not allowed in a playlist: write the value out"),
                     (const char *)ev.data.alias.anchor);
            rc = -1;
        } else if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
            if (++depth > YDOC_MAX_DEPTH) {
                diag_add(d, DIAG_ERROR, file, line, col, _("nested more than %d levels deep"),
                         YDOC_MAX_DEPTH);
                rc = -1;
            }
        } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
            depth--;
        } else if (type == YAML_SCALAR_EVENT && ev.data.scalar.length > YDOC_MAX_SCALAR) {
            diag_add(d, DIAG_ERROR, file, line, col, _("a value of %zu bytes is longer than %u"),
                     ev.data.scalar.length, YDOC_MAX_SCALAR);
            rc = -1;
        } else if (type == YAML_SCALAR_EVENT) {
            uint32_t cp = control_in((const char *)ev.data.scalar.value, ev.data.scalar.length);
            if (cp) { /* every such value is named; the file is refused after the pass */
                diag_add(d, DIAG_ERROR, file, line, col,
                         _("a control character (U+%04X) is in this value: terminal escapes and "
                           "other invisible characters are not allowed; remove it (in the file "
                           "it may be written as \\e, \\a or \\x..)"),
                         (unsigned)cp);
                controls++;
            }
        }
        if (++events > YDOC_MAX_EVENTS && rc == 0) {
            diag_add(d, DIAG_ERROR, file, line, col, _("more than %d values in one file"),
                     YDOC_MAX_EVENTS);
            rc = -1;
        }
        yaml_event_delete(&ev);
        if (rc < 0 || type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return controls ? -1 : rc;
}

yaml_node_t *ydoc_load(struct ydoc *y, const char *file, const char *text, size_t len,
                       struct diag *d)
{
    *y = (struct ydoc){.file = file, .d = d};
    if (len > YDOC_MAX_BYTES) {
        diag_add(d, DIAG_ERROR, file, 0, 0, _("the file is %zu bytes; a playlist is at most %u"),
                 len, YDOC_MAX_BYTES);
        return NULL;
    }
    if (len >= 2 && ((unsigned char)text[0] == 0xFF || (unsigned char)text[0] == 0xFE) &&
        ((unsigned char)text[1] == 0xFE || (unsigned char)text[1] == 0xFF)) {
        diag_add(d, DIAG_ERROR, file, 1, 1,
                 _("the file is saved as UTF-16; in Notepad choose Save As, Encoding: UTF-8"));
        return NULL;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        int line = 1;
        for (const char *q = text; q < nul; q++)
            line += *q == '\n';
        diag_add(d, DIAG_ERROR, file, line, 1,
                 _("the file contains a NUL byte: it is not a text file"));
        return NULL;
    }
    size_t nslips = slips_scan(file, text, len, d, &y->slips);
    if (prescan(file, text, len, d) < 0)
        return NULL;
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &y->doc)) {
        const yaml_mark_t *m = &parser.problem_mark;
        if (parser.context && strcmp(parser.context, "while scanning a simple key") == 0)
            m = &parser.context_mark; /* a key without ':' is found only on the next line */
        int line = (int)m->line + 1, col = (int)m->column + 1;
        if (parser.error == YAML_READER_ERROR) /* encoding errors carry a byte offset only */
            offset_to_line_col(text, len, parser.problem_offset, &line, &col);
        y->syntax_error = parser.error != YAML_READER_ERROR; /* ydoc_load_salvage() may go on */
        if (nslips && y->slips.lines[0] <= line)
            ; /* libyaml trips over a slip already named at its own line: say it once */
        else if (parser.context)
            diag_add(d, DIAG_ERROR, file, line, col, _("YAML syntax: %s %s%s"), _(parser.problem),
                     _(parser.context), syntax_hint(&parser));
        else
            diag_add(d, DIAG_ERROR, file, line, col, _("YAML syntax: %s%s"),
                     parser.problem ? _(parser.problem) : _("cannot parse"), syntax_hint(&parser));
        yaml_parser_delete(&parser);
        return NULL;
    }
    y->loaded = true;
    /* A second document in the same file is almost always a pasted duplicate. */
    yaml_document_t extra;
    if (yaml_parser_load(&parser, &extra)) {
        if (yaml_document_get_root_node(&extra))
            diag_add(d, DIAG_WARNING, file, (int)extra.start_mark.line + 1, 1,
                     _("a second YAML document ('---') is ignored"));
        yaml_document_delete(&extra);
    }
    yaml_parser_delete(&parser);
    return yaml_document_get_root_node(&y->doc);
}

/* Turns line (1-based) of buf into spaces. False when it was blank already, or past the end. */
static bool blank_line(char *buf, size_t len, int line)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++)
        l += buf[i] == '\n';
    bool changed = false;
    for (; i < len && buf[i] != '\n'; i++) {
        changed |= buf[i] != ' ' && buf[i] != '\r';
        if (buf[i] != '\r')
            buf[i] = ' ';
    }
    return changed;
}

/* The line libyaml's error is about: where the key or quote it was scanning started, when it
 * says so (a key without ':' is found only on the line after), else where it stopped. */
static int broken_line(const yaml_parser_t *p)
{
    const yaml_mark_t *m = p->context && p->context_mark.line <= p->problem_mark.line
                               ? &p->context_mark
                               : &p->problem_mark;
    return (int)m->line + 1;
}

/* Most lines a salvage blanks, one by one, before it gives up. */
#define YDOC_SALVAGE_LINES 64

yaml_node_t *ydoc_load_salvage(struct ydoc *y, const char *file, const char *text, size_t len,
                               struct diag *d)
{
    yaml_node_t *root = ydoc_load(y, file, text, len, d);
    if (root || !y->syntax_error)
        return root;
    char *buf = xmalloc(len ? len : 1);
    memcpy(buf, text, len);
    for (size_t i = 0; i < y->slips.n; i++) /* what was named is left out */
        blank_line(buf, len, y->slips.lines[i]);
    for (int tries = 0; tries < YDOC_SALVAGE_LINES && !y->loaded; tries++) {
        struct diag quiet = {0}; /* the file's problems were told by ydoc_load() */
        int pre = prescan(file, buf, len, &quiet);
        diag_free(&quiet);
        if (pre < 0)
            break;
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
        if (yaml_parser_load(&parser, &y->doc))
            y->loaded = true;
        else if (parser.error == YAML_READER_ERROR || !blank_line(buf, len, broken_line(&parser)))
            tries = YDOC_SALVAGE_LINES; /* no line left to take out */
        yaml_parser_delete(&parser);
    }
    free(buf);
    return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

void ydoc_free(struct ydoc *y)
{
    slips_free(&y->slips);
    if (y->loaded)
        yaml_document_delete(&y->doc);
    y->loaded = false;
}

int ydoc_strings(struct ydoc *y, yaml_node_t *n, const char *where, const char *key,
                 const char ***out)
{
    *out = NULL;
    if (n->type == YAML_SCALAR_NODE) {
        *out = xmalloc(sizeof **out);
        (*out)[0] = (const char *)n->data.scalar.value;
        return 1;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        ydoc_err(y, n, _("%s'%s' should be a value or a list of values"), where, key);
        return -1;
    }
    size_t cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    *out = xcalloc(cnt ? cnt : 1, sizeof **out);
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *it = yaml_document_get_node(&y->doc, n->data.sequence.items.start[i]);
        const char *s = it ? ydoc_scalar(y, it, where, key) : NULL;
        if (!s) {
            free(*out);
            *out = NULL;
            return -1;
        }
        (*out)[i] = s;
    }
    return (int)cnt;
}
