/* slips.c - the slips of a Chinese keyboard, named before libyaml's own message (see slips.h).
 *
 * A line-by-line pass over the raw text. libyaml reports most of these slips a line later and
 * in its own words ("could not find expected ':'"), or not at all (an unquoted colour is a
 * comment, so the value is just empty); here each gets its line, its column (in characters,
 * like libyaml's) and what to type instead. */
#include "model/slips.h"
#include "model/keywords.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Keys naming a file: a backslash in their value is a Windows path. */
static const char *const media_keys[] = {"photo", "image", "emblem", "background", NULL};

struct scan {
    const char *file;
    struct diag *d;
    struct slips *out;
    size_t cap;
    size_t found;
    /* across lines */
    bool in_block;      /* in a block scalar (| or >): its lines are the author's text */
    int block_parent;   /* ... whose lines are indented more than this */
    bool in_flow_quote; /* in a double-quoted value running over several lines */
    int block_line;     /* the line of the key the block belongs to ("text: |") */
    char block_key[65];
    int block_first; /* indentation of the block's first line (-1 before it) */
    int block_first_line;
    bool block_said; /* a slip of this block was named: one message a block */
    int plain_text;  /* "text:" without '|': its line (0 none), so run-on lines are named */
    int plain_col;
    bool plain_said;
};

static void add(struct scan *s, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(struct scan *s, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    diag_add(s->d, DIAG_ERROR, s->file, line, col, "%s", msg ? msg : "?");
    free(msg);
    if (s->out) {
        if (s->out->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 8;
            s->out->lines = xrealloc(s->out->lines, s->cap * sizeof *s->out->lines);
        }
        s->out->lines[s->out->n++] = line;
    }
    s->found++;
}

static uint32_t cp_at(const char *p, const char *end, size_t *n)
{
    if (p >= end) {
        *n = 0;
        return 0;
    }
    return utf8_decode(p, (size_t)(end - p), n);
}

/* 1-based column (in characters) of p within the line starting at start. */
static int col_of(const char *start, const char *p)
{
    int col = 1;
    for (const char *q = start; q < p; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            col++;
    return col;
}

static bool is_ident(const char *w, size_t n)
{
    if (n == 0 || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z') || w[0] == '_'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    }
    return true;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool looks_like_image_name(const char *v, size_t n)
{
    static const char *const ext[] = {".jpg", ".jpeg", ".png", ".heic", ".webp", ".gif", ".bmp"};
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        size_t l = strlen(ext[i]);
        if (n >= l && strncasecmp(v + n - l, ext[i], l) == 0)
            return true;
    }
    return false;
}

/* "单位" -> " (keys are English: write 'unit')", or "" for an English key. Static buffer. */
static const char *english_hint(const char *word, char *buf, size_t n)
{
    const char *en = keywords_english(word);
    if (!en)
        return "";
    char first[32];
    size_t l = strcspn(en, " ");
    snprintf(first, sizeof first, "%.*s", (int)(l < sizeof first ? l : sizeof first - 1), en);
    snprintf(buf, n, _("; keys are written in English: for %s write '%s'"), word, first);
    return buf;
}

/* Past the quote or bracket opening v: the character after its close, or NULL. */
static const char *past_close(const char *v, const char *end)
{
    if (*v == '"' || *v == '\'') {
        for (const char *q = v + 1; q < end; q++) {
            if (*v == '"' && *q == '\\')
                q++;
            else if (*q == *v)
                return q + 1;
        }
        return NULL;
    }
    int depth = 0;
    for (const char *q = v; q < end; q++) {
        depth += *q == '[' || *q == '{';
        depth -= *q == ']' || *q == '}';
        if (depth == 0)
            return q + 1;
    }
    return NULL;
}

/* A value opening with a quote or bracket that closes before the value ends: YAML takes only
 * the quoted (or listed) part and trips over the rest. True when it was named. */
static bool value_runs_on(struct scan *s, int line, const char *ls, const char *key, size_t keyn,
                          const char *v, const char *end)
{
    if (v >= end || !strchr("\"'[{", *v))
        return false;
    const char *after = past_close(v, end);
    while (after && after < end && (*after == ' ' || *after == '\t'))
        after++;
    if (!after || after >= end || *after == '#')
        return false;
    if (*v == '"' || *v == '\'')
        add(s, line, col_of(ls, v),
            _("the value of '%.*s' starts with a quote '%c' but goes on after the closing quote: "
              "YAML takes only the quoted part; use Chinese quotes “ ” in the text, or put the "
              "whole value in single quotes"),
            (int)keyn, key, *v);
    else
        add(s, line, col_of(ls, v),
            _("the value of '%.*s' starts with '%c', which YAML reads as a list: write 【】 or "
              "put the whole value in quotes"),
            (int)keyn, key, *v);
    return true;
}

/* The value after "key: " (v..end): an unquoted colour, a backslash inside double quotes. */
static void check_value(struct scan *s, int line, const char *ls, const char *key, size_t keyn,
                        const char *v, const char *end)
{
    if (v < end && *v == '#') {
        size_t h = 0;
        while (v + 1 + h < end && is_hex(v[1 + h]))
            h++;
        bool ends = v + 1 + h == end || v[1 + h] == ' ' || v[1 + h] == '\t';
        if (ends && (h == 3 || h == 4 || h == 6 || h == 8))
            add(s, line, col_of(ls, v),
                _("the colour %.*s must be in quotes: YAML reads everything from '#' on as a "
                  "comment, so '%.*s' is left empty; write %.*s: \"%.*s\""),
                (int)(h + 1), v, (int)keyn, key, (int)keyn, key, (int)(h + 1), v);
        return;
    }
    if (v < end && strchr("*&!@`%", *v)) { /* YAML's own signs: libyaml's words are cryptic */
        const char *e = end;
        while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        add(s, line, col_of(ls, v),
            _("the value of '%.*s' starts with '%c', which YAML reserves: put the whole value in "
              "quotes (%.*s: \"%.*s\")"),
            (int)keyn, key, *v, (int)keyn, key, (int)(e - v), v);
        return;
    }
    if (value_runs_on(s, line, ls, key, keyn, v, end))
        return;
    if (v < end && *v == '"') {
        const char *close = NULL, *bs = NULL;
        for (const char *q = v + 1; q < end; q++) {
            if (*q == '\\') {
                if (!bs)
                    bs = q;
                q++; /* an escape: skip the escaped character (\" does not close) */
                continue;
            }
            if (*q == '"') {
                close = q;
                break;
            }
        }
        if (!bs)
            return;
        size_t vn = close ? (size_t)(close - v - 1) : (size_t)(end - v - 1);
        bool media = false;
        for (size_t i = 0; media_keys[i]; i++)
            media |= strlen(media_keys[i]) == keyn && strncmp(media_keys[i], key, keyn) == 0;
        if (media || looks_like_image_name(v + 1, vn))
            add(s, line, col_of(ls, bs),
                _("a backslash '\\' inside double quotes in %.*s: YAML reads '\\' there as an "
                  "escape (\\n is a line break); write folders with '/' like photos/a.jpg"),
                (int)(vn + 2), v);
    }
}

/* Is the value a block scalar header (| or > with optional indicators and a comment)? */
static bool is_block_header(const char *v, const char *end)
{
    if (v >= end || (*v != '|' && *v != '>'))
        return false;
    const char *q = v + 1;
    while (q < end && (*q == '-' || *q == '+' || (*q >= '1' && *q <= '9')))
        q++;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    return q == end || *q == '#';
}

/* Whitespace only (spaces, tabs, U+3000)? */
static bool is_blank(const char *p, const char *end)
{
    while (p < end) {
        size_t n;
        uint32_t c = cp_at(p, end, &n);
        if (c != ' ' && c != '\t' && c != 0x3000)
            return false;
        p += n;
    }
    return true;
}

/* Past a double-quoted value's opening quote: does the quote close on this line? */
static bool quote_closes(const char *r, const char *end)
{
    for (; r < end; r++) {
        if (*r == '\\')
            r++;
        else if (*r == '"')
            return true;
    }
    return false;
}

/* A line indented with a tab or U+3000 at q (c): reported. True when it was. */
static bool slip_in_indent(struct scan *s, int line, const char *ls, const char *q, uint32_t c)
{
    if (c == '\t')
        add(s, line, col_of(ls, q),
            _("this line is indented with a tab: indent with spaces (the Tab key types "
              "a tab; press the space bar instead)"));
    else if (c == 0x3000)
        add(s, line, col_of(ls, q),
            _("this line is indented with full-width spaces ('　', U+3000): indent with "
              "ordinary half-width spaces (switch the input method to English); inside "
              "a text every line must be indented deeper than its key"));
    return c == '\t' || c == 0x3000;
}

/* Steps *q over list dashes, possibly nested ("- - key: v"). False when a dash slip was
 * reported (the rest of the line is not looked at). */
static bool skip_dashes(struct scan *s, int line, const char *ls, const char **q, const char *end)
{
    for (;;) {
        size_t n;
        uint32_t c = cp_at(*q, end, &n);
        if (c == 0xFF0D || c == 0x2014 || c == 0x2013 || c == 0x2212) {
            add(s, line, col_of(ls, *q),
                _("a list item starts with a full-width dash '%.*s': type the ASCII '-' "
                  "followed by a space (switch the input method to English)"),
                (int)n, *q);
            return false;
        }
        if (c == '-' && *q + 1 < end && (*q)[1] == ' ') {
            *q += 2;
            while (*q < end && **q == ' ')
                (*q)++;
            continue;
        }
        if (c == '-' && *q + 1 < end && ((unsigned char)(*q)[1] >= 0x80 || is_ident(*q + 1, 1))) {
            add(s, line, col_of(ls, *q),
                _("a list item needs a space after '-' (write '- ' then the item)"));
            return false;
        }
        return true;
    }
}

/* Does q..end start with a key and its colon (ASCII or full-width)? Sets *kn to its length. */
static bool key_then_colon(const char *q, const char *end, size_t *kn)
{
    const char *w = q;
    size_t n;
    uint32_t c = 0;
    while (q < end) {
        c = cp_at(q, end, &n);
        if (c == ':' || c == 0xFF1A || c == ' ' || c == ',' || c == '}' || c == 0xFF0C)
            break;
        q += n;
    }
    *kn = (size_t)(q - w);
    if (*kn == 0 || (c != ':' && c != 0xFF1A))
        return false;
    char word[65];
    snprintf(word, sizeof word, "%.*s", (int)(*kn < 64 ? *kn : 64), w);
    return is_ident(w, *kn) || keywords_english(word);
}

/* Keys whose value is a list: a comma splitting one inside { } is mended with brackets. */
static const char *const list_keys[] = {"focus", "attachments", "days", "hours", "photos", NULL};

static bool is_list_key(const char *key, size_t n)
{
    for (size_t i = 0; list_keys[i]; i++)
        if (strlen(list_keys[i]) == n && strncmp(list_keys[i], key, n) == 0)
            return true;
    return false;
}

/* A person on one line, { name: 余程, honor: 优秀党员 }: a full-width comma between entries,
 * an ASCII comma inside a value (it ends the value, and the rest becomes a key). A value that
 * is itself a list or a set of keys (focus: [0.5, 0.3]) is stepped over whole. */
static void scan_flow(struct scan *s, int line, const char *ls, const char *q, const char *end)
{
    const char *key = NULL, *val = NULL; /* the current key and where its value starts */
    size_t keyn = 0, n;
    bool in_value = false;
    for (q++; q < end && *q != '}' && *q != '#'; q += n) {
        uint32_t c = cp_at(q, end, &n);
        if (c == '"' || c == '\'' || (in_value && (c == '[' || c == '{') && is_blank(val, q))) {
            const char *past = past_close(q, end); /* quoted, or a list: no slip inside */
            if (!past)
                return;
            n = (size_t)(past - q);
            continue;
        }
        const char *r = q + n;
        while (r < end && *r == ' ')
            r++;
        size_t kn;
        if (!in_value && c != ' ' && key_then_colon(q, end, &kn)) {
            size_t cl;
            cp_at(q + kn, end, &cl); /* ':' or '：' */
            key = q, keyn = kn, in_value = true;
            val = q + kn + cl;
            n = kn + cl;
            continue;
        }
        if (c == 0xFF0C && in_value && key_then_colon(r, end, &kn)) {
            add(s, line, col_of(ls, q),
                _("a full-width comma '，' between the entries of { }: type the ASCII ',' "
                  "(switch the input method to English)"));
            return;
        }
        if (c == ',' && in_value && r < end && *r != '}' && !key_then_colon(r, end, &kn)) {
            const char *stop = r;
            while (stop < end && *stop != '}')
                stop++;
            while (stop > r && stop[-1] == ' ')
                stop--;
            const char *vs = val;
            while (vs < q && *vs == ' ')
                vs++;
            if (is_list_key(key, keyn))
                add(s, line, col_of(ls, q),
                    _("the ASCII comma ',' ends the value of '%.*s' inside { }: '%.*s' is a list: "
                      "put it in square brackets (%.*s: [%.*s])"),
                    (int)keyn, key, (int)keyn, key, (int)keyn, key, (int)(stop - vs), vs);
            else
                add(s, line, col_of(ls, q),
                    _("the ASCII comma ',' ends the value of '%.*s' inside { }: if the comma "
                      "belongs to the value, write the Chinese '，' or put the value in quotes "
                      "(%.*s: \"%.*s\")"),
                    (int)keyn, key, (int)keyn, key, (int)(stop - vs), vs);
            return;
        }
        if (c == ',')
            in_value = false;
    }
}

/* The key at q (after indentation and dashes) and its value: colon slips, a block scalar
 * starting (its lines are then skipped), the value's own checks, a quote left open. */
static void scan_key(struct scan *s, int line, const char *ls, const char *q, const char *end)
{
    if (q < end && *q == '{')
        scan_flow(s, line, ls, q, end);
    if (q >= end || *q == '"' || *q == '\'' || *q == '{' || *q == '[' || *q == '#')
        return;
    /* the key: up to ':', '：' or a space */
    const char *w = q;
    size_t n;
    uint32_t c;
    while (q < end) {
        c = cp_at(q, end, &n);
        if (c == ':' || c == 0xFF1A || c == ' ' || c == '\t' || c == 0x3000)
            break;
        q += n;
    }
    size_t wn = (size_t)(q - w);
    if (wn == 0 || wn > 64)
        return;
    char word[65];
    memcpy(word, w, wn);
    word[wn] = '\0';
    bool zh_key = keywords_english(word) != NULL;
    bool key_like = is_ident(w, wn) || zh_key;
    char hint[160];
    c = cp_at(q, end, &n);
    if (c == 0xFF1A && key_like) {
        add(s, line, col_of(ls, q),
            _("full-width colon '：' after '%s': type the English colon ':' followed by a "
              "space (switch the input method to English)%s"),
            word, english_hint(word, hint, sizeof hint));
        return;
    }
    if (c != ':')
        return;
    const char *after = q + 1;
    if (cp_at(after, end, &n) == 0x3000 && key_like) {
        add(s, line, col_of(ls, after),
            _("a full-width space ('　', U+3000) after the ':' of '%s': type an ordinary "
              "half-width space (switch the input method to English)%s"),
            word, english_hint(word, hint, sizeof hint));
        return;
    }
    if (after < end && *after != ' ' && *after != '\t' && *after != '/' && key_like) {
        add(s, line, col_of(ls, q),
            _("no space after the ':' of '%s': YAML needs a space after the colon, like "
              "'%s: …'%s"),
            word, word, english_hint(word, hint, sizeof hint));
        return;
    }
    const char *v = after;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    if (is_block_header(v, end)) {
        s->in_block = true;
        s->block_parent = col_of(ls, w) - 1;
        s->block_line = line;
        snprintf(s->block_key, sizeof s->block_key, "%s", word);
        s->block_first = -1;
        s->block_said = false;
        return;
    }
    if (strcmp(word, "text") == 0 && (v >= end || !strchr("\"'[{&*!|>", *v))) {
        s->plain_text = line; /* a plain text: lines indented under it run on into one */
        s->plain_col = col_of(ls, w);
        s->plain_said = false;
    }
    check_value(s, line, ls, w, wn, v, end);
    /* a double-quoted value left open runs on to later lines: not keys */
    if (v < end && *v == '"')
        s->in_flow_quote = !quote_closes(v + 1, end);
}

/* A line while a block (text: |) is open: true when it belongs to the block. Names a first
 * line indented deeper than the rest (YAML takes its indentation for the whole block, so the
 * lines after it end the block) and lines pasted without indentation. */
static bool in_block_line(struct scan *s, int line, const char *ls, const char *end, int spaces)
{
    if (spaces > s->block_parent) {
        if (s->block_first < 0) {
            s->block_first = spaces;
            s->block_first_line = line;
        } else if (spaces < s->block_first && !s->block_said) {
            add(s, s->block_first_line, s->block_first + 1,
                _("the first line of the text is indented more than line %d: YAML takes the "
                  "first line's indentation for the whole text; indent its lines alike"),
                line);
            s->block_said = true;
        }
        return true;
    }
    const char *q = ls + spaces;
    size_t kn, n;
    uint32_t c = cp_at(q, end, &n);
    static const uint32_t goes_on[] = {'#', '-', 0xFF0D, 0x2014, 0x2013, 0x2212, 0x3000, '\t'};
    for (size_t i = 0; i < sizeof goes_on / sizeof *goes_on; i++)
        if (c == goes_on[i]) /* a list item (or its slip), a comment, an indentation slip */
            return false;
    if (q >= end || key_then_colon(q, end, &kn))
        return false; /* the playlist goes on */
    if (!s->block_said)
        add(s, line, spaces + 1,
            _("this line is not indented: every line of a text must be indented deeper than "
              "'%s:' on line %d; put spaces before it"),
            s->block_key, s->block_line);
    s->block_said = true;
    return true;
}

size_t slips_scan(const char *file, const char *text, size_t len, struct diag *d, struct slips *out)
{
    struct scan s = {.file = file, .d = d, .out = out};
    if (out)
        *out = (struct slips){0};
    const char *p = text, *tend = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    for (int line = 1; p < tend; line++) {
        const char *nl = memchr(p, '\n', (size_t)(tend - p));
        const char *end = nl ? nl : tend;
        const char *ls = p; /* line start */
        const char *next = nl ? nl + 1 : tend;
        if (end > ls && end[-1] == '\r')
            end--;
        p = next;
        if (s.in_flow_quote) { /* inside a quoted value running over several lines */
            s.in_flow_quote = !quote_closes(ls, end);
            continue;
        }
        if (is_blank(ls, end))
            continue;
        int spaces = 0;
        while (ls + spaces < end && ls[spaces] == ' ')
            spaces++;
        if (s.plain_text && spaces + 1 > s.plain_col) { /* runs on after "text:" without | */
            if (!s.plain_said)
                add(&s, s.plain_text, s.plain_col,
                    _("a text of several lines needs '|' after 'text:' (text: |), or its lines "
                      "run together into one paragraph"));
            s.plain_said = true;
            continue;
        }
        s.plain_text = 0;
        if (s.in_block && in_block_line(&s, line, ls, end, spaces))
            continue; /* text the author wrote: anything goes */
        s.in_block = false;
        const char *q = ls + spaces;
        size_t n;
        uint32_t c = cp_at(q, end, &n);
        if (slip_in_indent(&s, line, ls, q, c))
            continue;
        if (c == '#' ||
            (spaces == 0 && end - q >= 3 && (memcmp(q, "---", 3) == 0 || memcmp(q, "...", 3) == 0)))
            continue;
        if (skip_dashes(&s, line, ls, &q, end))
            scan_key(&s, line, ls, q, end);
    }
    return s.found;
}

int slips_has_line(const struct slips *s, int line)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (s->lines[i] == line)
            return 1;
    return 0;
}

void slips_free(struct slips *s)
{
    if (!s)
        return;
    free(s->lines);
    *s = (struct slips){0};
}
