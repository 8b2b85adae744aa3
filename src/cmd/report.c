/* report.c - `honorboard report LOG...` (report.h): proof of play from the boards' logs. Every
 * "slide" line (one per page shown, written when it leaves the screen) carries its start, its
 * seconds on screen, the board, the playlist's title and the slide's; they are summed per day,
 * board, playlist and slide. A log of a month (1.8 million lines) is read in one pass with a
 * small scanner of our own flat JSON lines, no allocation per line (tests/bench.sh times it). */
#include "cmd/report.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fields of a line that are read: raw JSON (strings without their quotes, escaped). */
enum { K_EVENT, K_TIME, K_START, K_SECONDS, K_BOARD, K_PTITLE, K_PLAYLIST, K_TITLE, K_N };
static const char *const wanted[K_N] = {"event", "time",           "start",    "seconds",
                                        "board", "playlist_title", "playlist", "title"};

struct span {
    const char *s;
    size_t n;
};

/* One row: a slide of a playlist on a board on a day. key: day \x1f board \x1f playlist
 * \x1f slide, raw (escaped) as in the log. */
struct row {
    char *key;
    uint64_t hash;
    unsigned long times;
    double seconds;
};

struct report {
    struct row *rows; /* open addressing, cap a power of two */
    size_t n, cap;
    const char *from, *until, *board;
    unsigned long lines, slides;
};

/* The value after "key": of a flat JSON object, one pass over the line: fills v[] for the
 * wanted keys. Returns false when the line is not such an object. */
static bool scan(const char *p, const char *end, struct span v[K_N])
{
    memset(v, 0, sizeof(struct span) * K_N);
    if (p >= end || *p++ != '{')
        return false;
    while (p < end && *p == '"') {
        const char *k = ++p;
        while (p < end && *p != '"')
            p++;
        size_t kn = (size_t)(p - k);
        if (p + 1 >= end || p[1] != ':')
            return false;
        p += 2;
        const char *val = p;
        if (*p == '"') {
            val = ++p;
            while (p < end && *p != '"')
                p += *p == '\\' ? 2 : 1;
        } else {
            while (p < end && *p != ',' && *p != '}')
                p++;
        }
        if (p > end)
            return false;
        for (int i = 0; i < K_N; i++)
            if (strlen(wanted[i]) == kn && memcmp(wanted[i], k, kn) == 0)
                v[i] = (struct span){val, (size_t)(p - val)};
        if (*p == '"')
            p++;
        if (p < end && *p == ',')
            p++;
    }
    return true;
}

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static struct row *find(struct report *r, const char *key, size_t n)
{
    if (r->n * 2 >= r->cap) { /* grow: rehash */
        size_t cap = r->cap ? r->cap * 2 : 1024;
        struct row *rows = xcalloc(cap, sizeof *rows);
        for (size_t i = 0; i < r->cap; i++)
            if (r->rows[i].key) {
                size_t j = r->rows[i].hash & (cap - 1);
                while (rows[j].key)
                    j = (j + 1) & (cap - 1);
                rows[j] = r->rows[i];
            }
        free(r->rows);
        r->rows = rows, r->cap = cap;
    }
    uint64_t h = fnv(key, n);
    size_t j = h & (r->cap - 1);
    while (r->rows[j].key && (r->rows[j].hash != h || strncmp(r->rows[j].key, key, n) != 0 ||
                              r->rows[j].key[n] != '\0'))
        j = (j + 1) & (r->cap - 1);
    if (!r->rows[j].key) {
        r->rows[j] = (struct row){.key = xmalloc(n + 1), .hash = h};
        memcpy(r->rows[j].key, key, n);
        r->rows[j].key[n] = '\0';
        r->n++;
    }
    return &r->rows[j];
}

static bool span_is(struct span s, const char *text)
{
    return s.n == strlen(text) && memcmp(s.s, text, s.n) == 0;
}

static void add_line(struct report *r, const char *line, size_t len)
{
    struct span v[K_N];
    r->lines++;
    if (!scan(line, line + len, v) || !span_is(v[K_EVENT], "slide"))
        return;
    struct span when = v[K_START].n >= 10 ? v[K_START] : v[K_TIME]; /* older lines: "time" */
    if (when.n < 10)
        return;
    char day[11];
    memcpy(day, when.s, 10);
    day[10] = '\0';
    if ((r->from && strcmp(day, r->from) < 0) || (r->until && strcmp(day, r->until) > 0))
        return;
    if (r->board) {
        char *b = json_unescape(v[K_BOARD].s ? v[K_BOARD].s : "", v[K_BOARD].n);
        bool other = strcmp(b, r->board) != 0;
        free(b);
        if (other)
            return;
    }
    struct span pt = v[K_PTITLE];
    if (!pt.n && v[K_PLAYLIST].s) { /* untitled: the file's name (the bundle's folder changes) */
        pt = v[K_PLAYLIST];
        const char *slash = memrchr(pt.s, '/', pt.n);
        if (slash)
            pt.n -= (size_t)(slash + 1 - pt.s), pt.s = slash + 1;
    }
    char key[2048];
    int n = snprintf(key, sizeof key, "%s\x1f%.*s\x1f%.*s\x1f%.*s", day, (int)v[K_BOARD].n,
                     v[K_BOARD].s ? v[K_BOARD].s : "", (int)pt.n, pt.s ? pt.s : "",
                     (int)v[K_TITLE].n, v[K_TITLE].s ? v[K_TITLE].s : "");
    if (n < 0 || (size_t)n >= sizeof key)
        return;
    struct row *row = find(r, key, (size_t)n);
    row->times++;
    row->seconds += v[K_SECONDS].s ? strtod(v[K_SECONDS].s, NULL) : 0;
    r->slides++;
}

static int read_log(struct report *r, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    static char buf[1 << 20];
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    while (fgets(buf, sizeof buf, f)) {
        size_t len = strlen(buf);
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            len--;
        add_line(r, buf, len);
    }
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    return rc;
}

static int cmp_row(const void *a, const void *b)
{
    return strcmp(((const struct row *)a)->key, ((const struct row *)b)->key);
}

/* The four parts of a row's key, unescaped. Caller frees each. */
static void parts(const struct row *row, char *out[4])
{
    const char *p = row->key;
    for (int i = 0; i < 4; i++) {
        const char *e = strchr(p, '\x1f');
        size_t n = e && i < 3 ? (size_t)(e - p) : strlen(p);
        out[i] = json_unescape(p, n);
        p += n + (e && i < 3 ? 1 : 0);
    }
}

static void hms(double s, char *buf, size_t n)
{
    long t = (long)(s + 0.5);
    snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

static void csv_field(FILE *out, const char *s, const char *after)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out); /* doubled inside quotes */
        fputc(*s, out);
    }
    fprintf(out, "\"%s", after);
}

static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<' || *s == '>' || *s == '&')
            fputs(*s == '<' ? "&lt;" : *s == '>' ? "&gt;" : "&amp;", out);
        else
            fputc(*s, out);
    }
}

/* s padded with spaces to `width` columns of a terminal (CJK characters take two). */
static void padded(FILE *out, const char *s, int width)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xc0) == 0x80)
            continue; /* a continuation byte */
        unsigned cp = *p < 0x80   ? *p
                      : *p < 0xe0 ? 0x80
                      : *p < 0xf0 ? (unsigned)(*p & 15) << 12
                                  : 0x10000;
        w += cp >= 0x2e80 ? 2 : 1;
    }
    fputs(s, out);
    for (; w < width; w++)
        fputc(' ', out);
    fputs("  ", out);
}

static void print_rows(const struct report *r, const struct row *rows, FILE *out, int how)
{
    static const int widths[4] = {10, 12, 24, 30};
    char d[32], prev_day[16] = "";
    double total = 0;
    unsigned long times = 0;
    if (how == 1)
        fputs("day,board,playlist,slide,times,seconds\n", out);
    else if (how == 0) {
        const char *head[4] = {_("day"), _("board"), _("playlist"), _("slide")};
        for (int k = 0; k < 4; k++)
            padded(out, head[k], widths[k]);
        fprintf(out, "%7s  %10s\n", _("times"), _("on screen"));
    }
    for (size_t i = 0; i < r->n; i++) {
        char *p[4];
        parts(&rows[i], p);
        hms(rows[i].seconds, d, sizeof d);
        if (how == 1) {
            fprintf(out, "%s,", p[0]);
            csv_field(out, p[1], ",");
            csv_field(out, p[2], ",");
            csv_field(out, p[3], ",");
            fprintf(out, "%lu,%.1f\n", rows[i].times, rows[i].seconds);
        } else if (how == 0) {
            for (int k = 0; k < 4; k++)
                padded(out, p[k], widths[k]);
            fprintf(out, "%7lu  %10s\n", rows[i].times, d);
        } else {
            if (strcmp(prev_day, p[0]) != 0)
                fprintf(out,
                        "%s<h2>%s</h2><table><tr><th>%s</th><th>%s</th><th>%s</th>"
                        "<th>%s</th><th>%s</th></tr>\n",
                        prev_day[0] ? "</table>" : "", p[0], _("board"), _("playlist"), _("slide"),
                        _("times"), _("on screen"));
            snprintf(prev_day, sizeof prev_day, "%s", p[0]);
            for (int k = 1; k < 4; k++) {
                fputs(k == 1 ? "<tr><td>" : "</td><td>", out);
                html_text(out, p[k]);
            }
            fprintf(out, "</td><td class=\"n\">%lu</td><td class=\"n\">%s</td></tr>\n",
                    rows[i].times, d);
        }
        total += rows[i].seconds, times += rows[i].times;
        for (int k = 0; k < 4; k++)
            free(p[k]);
    }
    hms(total, d, sizeof d);
    if (how == 0) {
        padded(out, _("total"), widths[0] + widths[1] + widths[2] + widths[3] + 6);
        fprintf(out, "%7lu  %10s\n", times, d);
    } else if (how == 2)
        fprintf(out, "%s<p>%s: %lu, %s</p>\n", prev_day[0] ? "</table>" : "", _("total"), times, d);
}

static int usage(bool help)
{
    fputs("usage: honorboard report LOG... [--from DATE] [--until DATE] [--board NAME]\n"
          "                         [--csv | --html OUT]\n"
          "  LOG          proof-of-play logs (play.jsonl and its rotated files, any boards')\n"
          "  --from DATE  the first day counted (YYYY-MM-DD); --until DATE the last\n"
          "  --board NAME only the board with this name (config `name`)\n"
          "  --csv        day,board,playlist,slide,times,seconds instead of the table\n"
          "  --html OUT   also a printable page with a table per day\n"
          "Per day, board, playlist (its title) and slide (its title): how often it was on\n"
          "screen and for how long. Exit: 0, 2 usage or a log that cannot be read.\n",
          help ? stdout : stderr);
    return help ? 0 : 2;
}

int report_main(int argc, char **argv)
{
    static const struct option opts[] = {{"from", required_argument, 0, 'f'},
                                         {"until", required_argument, 0, 'u'},
                                         {"board", required_argument, 0, 'b'},
                                         {"csv", no_argument, 0, 'c'},
                                         {"html", required_argument, 0, 'o'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct report r = {0};
    bool csv = false;
    const char *html = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'f' || c == 'u') {
            if (strlen(optarg) != 10 || optarg[4] != '-' || optarg[7] != '-') {
                fprintf(stderr, "honorboard report: a date is YYYY-MM-DD, not '%s'\n", optarg);
                return 2;
            }
            *(c == 'f' ? &r.from : &r.until) = optarg;
        } else if (c == 'b') {
            r.board = optarg;
        } else if (c == 'c') {
            csv = true;
        } else if (c == 'o') {
            html = optarg;
        } else {
            return usage(c == 'h');
        }
    }
    if (optind >= argc)
        return usage(false);
    int rc = 0;
    for (int i = optind; i < argc; i++)
        if (read_log(&r, argv[i]) < 0) {
            fprintf(stderr, "honorboard report: cannot read %s: %s\n", argv[i], strerror(errno));
            rc = 2;
        }
    struct row *rows = xcalloc(r.n + 1, sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < r.cap; i++)
        if (r.rows[i].key)
            rows[k++] = r.rows[i];
    qsort(rows, r.n, sizeof *rows, cmp_row);
    print_rows(&r, rows, stdout, csv ? 1 : 0);
    FILE *out = html ? fopen(html, "w") : NULL;
    if (html && !out) {
        fprintf(stderr, "honorboard report: cannot write %s: %s\n", html, strerror(errno));
        rc = 2;
    } else if (out) {
        fprintf(out,
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>"
                "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px}"
                "table{border-collapse:collapse;margin-bottom:16px}td,th{border:1px solid "
                "#999;padding:4px 8px;text-align:left}.n{text-align:right}h2{font-size:"
                "16px;margin:16px 0 6px}@media print{h2{break-after:avoid}}</style></head>"
                "<body><h1>%s</h1>\n",
                _("proof of play"), _("proof of play"));
        print_rows(&r, rows, out, 2);
        fputs("</body></html>\n", out);
        if (fclose(out) != 0)
            rc = 2;
    }
    fprintf(stderr, "honorboard report: %lu lines, %lu slides shown, %zu rows\n", r.lines, r.slides,
            r.n);
    for (size_t i = 0; i < r.n; i++)
        free(rows[i].key);
    free(rows), free(r.rows);
    return rc;
}
