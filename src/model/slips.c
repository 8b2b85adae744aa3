/* slips.c - the slips of a Chinese keyboard, named before libyaml's own message (see slips.h).
 *
 * A line-by-line pass over the raw text. libyaml reports most of these slips a line later and
 * in its own words ("could not find expected ':'"), or not at all (an unquoted colour is a
 * comment, so the value is just empty); here each gets its line, its column (in characters,
 * like libyaml's) and what to type instead. */
#include "model/slips.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Chinese words an author types for a key, and the English key(s) they mean. Where a word
 * fits two keys (照片 is `photo` on a story, `image` on a photo slide) both are listed; the
 * caller picks the one its mapping allows. */
static const struct {
    const char *zh, *en;
} zh_keys[] = {
    {"版本", "honorboard"},
    {"格式", "honorboard"},
    {"标题", "title"},
    {"题目", "title"},
    {"副标题", "subtitle"},
    {"主题", "theme"},
    {"背景", "background"},
    {"背景色", "background"},
    {"背景颜色", "background"},
    {"强调色", "accent"},
    {"文字颜色", "text"},
    {"字色", "text"},
    {"字体", "font"},
    {"徽标", "emblem"},
    {"警徽", "emblem"},
    {"标志", "emblem"},
    {"默认", "defaults"},
    {"默认值", "defaults"},
    {"幻灯片", "slides"},
    {"页面", "slides"},
    {"类型", "type"},
    {"姓名", "name"},
    {"名字", "name"},
    {"人名", "name"},
    {"单位", "unit"},
    {"部门", "unit"},
    {"荣誉", "honor"},
    {"称号", "honor"},
    {"荣誉称号", "honor"},
    {"奖项", "honor"},
    {"照片", "photo image"},
    {"相片", "photo image"},
    {"头像", "photo"},
    {"图片", "image photo"},
    {"图像", "image photo"},
    {"正文", "text"},
    {"内容", "text"},
    {"文字", "text"},
    {"事迹", "text"},
    {"文本", "text"},
    {"时长", "duration"},
    {"时间", "duration"},
    {"持续时间", "duration"},
    {"停留时间", "duration"},
    {"切换", "transition"},
    {"过渡", "transition"},
    {"转场", "transition"},
    {"切换时间", "transition_duration"},
    {"说明", "caption"},
    {"图注", "caption"},
    {"配文", "caption"},
    {"图片说明", "caption"},
    {"填充", "fit"},
    {"适应", "fit"},
    {"焦点", "focus"},
    {"对齐", "align"},
    {"人员", "people"},
    {"名单", "people"},
    {"人物", "people"},
    {"排期", "schedule"},
    {"日程", "schedule"},
    {"播放时间", "schedule"},
    {"开始", "from"},
    {"开始日期", "from"},
    {"结束", "until"},
    {"结束日期", "until"},
    {"星期", "days"},
    {"日期", "days"},
    {"时段", "hours"},
    {"小时", "hours"},
    {"滚动字幕", "ticker"},
    {"字幕", "ticker"},
    {"跑马灯", "ticker"},
    {"分行", "lines"},
    {"逐行", "lines"},
    // clang-format off
    {"视频", "video"}, {"影片", "video"}, {"宣传片", "video"}, {"海报", "poster"},
    {"封面", "poster"}, {"声音", "audio"}, {"音频", "audio"}, {"循环", "loops"},
    {"循环次数", "loops"},
    // clang-format on
};

const char *slips_english_key(const char *word)
{
    for (size_t i = 0; i < sizeof zh_keys / sizeof *zh_keys; i++)
        if (strcmp(word, zh_keys[i].zh) == 0)
            return zh_keys[i].en;
    return NULL;
}

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
    const char *en = slips_english_key(word);
    if (!en)
        return "";
    char first[32];
    size_t l = strcspn(en, " ");
    snprintf(first, sizeof first, "%.*s", (int)(l < sizeof first ? l : sizeof first - 1), en);
    snprintf(buf, n, _("; keys are written in English: for %s write '%s'"), word, first);
    return buf;
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

/* The key at q (after indentation and dashes) and its value: colon slips, a block scalar
 * starting (its lines are then skipped), the value's own checks, a quote left open. */
static void scan_key(struct scan *s, int line, const char *ls, const char *q, const char *end)
{
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
    bool zh_key = slips_english_key(word) != NULL;
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
        return;
    }
    check_value(s, line, ls, w, wn, v, end);
    /* a double-quoted value left open runs on to later lines: not keys */
    if (v < end && *v == '"')
        s->in_flow_quote = !quote_closes(v + 1, end);
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
        if (s.in_block && spaces > s.block_parent)
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
