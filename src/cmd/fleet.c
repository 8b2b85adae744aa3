/* fleet.c - `honorboard fleet DIR [--html OUT]` (fleet.h): the office's view of its boards.
 * Each board writes OUTBOX/<name>/status.json (every minute and whenever its content, inbox or
 * import changes) and screen.png (every few minutes); Syncthing or rsync carry the outboxes
 * into DIR. A board's folder is DIR/X/ or DIR/X/Y/ holding status.json. */
#include "cmd/fleet.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/status.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const struct {
    const char *name;
    int exit_code;
} states[] = {[FLEET_OK] = {"ok", 0},
              [FLEET_BEHIND] = {"behind", 3},
              [FLEET_REFUSED] = {"refused", 4},
              [FLEET_STALE] = {"stale", 5},
              [FLEET_SILENT] = {"silent", 6}};

/* What the status file says, unescaped; "" for null or missing. */
enum field {
    F_NAME,
    F_STATE,
    F_TITLE,
    F_VERSION,
    F_HASH,
    F_UPDATED,
    F_SCREEN,
    F_SLIDE_TITLE,
    F_TYPE,
    F_WARNING,
    F_INBOX,
    F_REASON,
    F_IMPORT_TIME,
    F_IMPORT_RESULT,
    F_IMPORT_MESSAGE,
    F_UPTIME,
    F_NFIELDS
};
static const char *const keys[F_NFIELDS] = {"name",
                                            "state",
                                            "content_title",
                                            "version",
                                            "hash",
                                            "updated",
                                            "screen",
                                            "title",
                                            "type",
                                            "warning",
                                            "inbox_state",
                                            "inbox_reason",
                                            "last_import_time",
                                            "last_import_result",
                                            "last_import_message",
                                            "uptime_s"};

struct board {
    char *dir;          /* its outbox folder in DIR */
    char *f[F_NFIELDS]; /* owned */
    bool has_status;
    long long age; /* seconds since `updated`, -1 unknown */
    unsigned long long version;
    enum fleet_state st;
    char why[1024];
};

struct fleet {
    struct board *b;
    size_t n;
    long long now, stale_s, silent_s;
    unsigned long long newest;
};

/* A status value, escapes undone; "" for null or missing. */
static char *unescape(const char *s)
{
    if (strcmp(s, "null") == 0 || strcmp(s, "?") == 0)
        return xstrdup("");
    return json_unescape(s, strlen(s));
}

static void add_board(struct fleet *fl, const char *dir)
{
    fl->b = xrealloc(fl->b, (fl->n + 1) * sizeof *fl->b);
    struct board *b = &fl->b[fl->n++];
    *b = (struct board){.dir = xstrdup(dir), .age = -1};
    char *p = path_join(dir, "status.json"), *json = file_read_all(p, NULL);
    free(p);
    b->has_status = json != NULL;
    for (int i = 0; i < F_NFIELDS; i++) {
        char *raw = json ? status_value(json, keys[i]) : xstrdup("");
        b->f[i] = unescape(raw);
        free(raw);
    }
    free(json);
    if (!b->f[F_NAME][0]) { /* no status: the folder's name */
        free(b->f[F_NAME]);
        const char *slash = strrchr(dir, '/');
        b->f[F_NAME] = xstrdup(slash ? slash + 1 : dir);
    }
    long long t = status_parse_time(b->f[F_UPDATED]);
    b->age = t < 0 ? -1 : fl->now - t;
    b->version = strtoull(b->f[F_VERSION], NULL, 10);
    if (b->version > fl->newest)
        fl->newest = b->version;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of the folders in dir (not hidden). Caller frees each and the list. */
static size_t subdirs(const char *dir, char ***out)
{
    *out = NULL;
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char *p = path_join(dir, e->d_name);
        if (e->d_name[0] != '.' && path_is_dir(p)) {
            *out = xrealloc(*out, (n + 1) * sizeof **out);
            (*out)[n++] = p;
        } else
            free(p);
    }
    if (d)
        closedir(d);
    if (n)
        qsort(*out, n, sizeof **out, cmp_name);
    return n;
}

static bool has_status(const char *dir)
{
    char *p = path_join(dir, "status.json");
    bool yes = path_is_file(p);
    free(p);
    return yes;
}

/* DIR/X/status.json, else DIR/X/Y/status.json; a folder X with neither is a silent board. */
static void find_boards(struct fleet *fl, const char *root)
{
    char **a;
    size_t na = subdirs(root, &a);
    for (size_t i = 0; i < na; i++) {
        size_t before = fl->n;
        if (has_status(a[i])) {
            add_board(fl, a[i]);
        } else {
            char **b;
            size_t nb = subdirs(a[i], &b);
            for (size_t k = 0; k < nb; k++) {
                if (has_status(b[k]))
                    add_board(fl, b[k]);
                free(b[k]);
            }
            free(b);
        }
        if (fl->n == before)
            add_board(fl, a[i]);
        free(a[i]);
    }
    free(a);
}

/* Each board's state and why, against the newest version any board plays. */
static void judge(struct fleet *fl)
{
    for (size_t i = 0; i < fl->n; i++) {
        struct board *b = &fl->b[i];
        if (!b->has_status) {
            b->st = FLEET_SILENT;
            snprintf(b->why, sizeof b->why, _("no status.json in %s"), b->dir);
        } else if (strcmp(b->f[F_STATE], "stopped") == 0) {
            b->st = FLEET_SILENT;
            snprintf(b->why, sizeof b->why, "%s", _("the player stopped"));
        } else if (b->age < 0 || b->age > fl->silent_s) {
            b->st = FLEET_SILENT;
            snprintf(b->why, sizeof b->why, _("no status for %lld min"), b->age / 60);
        } else if (b->age > fl->stale_s) {
            b->st = FLEET_STALE;
            snprintf(b->why, sizeof b->why, _("no status for %lld min"), b->age / 60);
        } else if (strcmp(b->f[F_INBOX], "refused") == 0) {
            b->st = FLEET_REFUSED;
            snprintf(b->why, sizeof b->why, _("refused a bundle: %s"), b->f[F_REASON]);
        } else if (b->version < fl->newest) {
            b->st = FLEET_BEHIND;
            snprintf(b->why, sizeof b->why, _("plays version %llu; the newest is %llu"), b->version,
                     fl->newest);
        } else {
            b->st = FLEET_OK;
        }
    }
}

static void age_text(long long s, char *buf, size_t n)
{
    if (s < 0)
        snprintf(buf, n, "-");
    else if (s < 120)
        snprintf(buf, n, _("%lld s ago"), s);
    else if (s < 7200)
        snprintf(buf, n, _("%lld min ago"), s / 60);
    else if (s < 172800)
        snprintf(buf, n, _("%lld h ago"), s / 3600);
    else
        snprintf(buf, n, _("%lld days ago"), s / 86400);
}

static void print_text(const struct fleet *fl, FILE *out)
{
    int count[5] = {0};
    for (size_t i = 0; i < fl->n; i++) {
        const struct board *b = &fl->b[i];
        char age[64];
        age_text(b->age, age, sizeof age);
        fprintf(out, "%-16s %-8s v%-11s %-12.12s %-14s %s%s%s%s%s\n", b->f[F_NAME],
                states[b->st].name, b->f[F_VERSION][0] ? b->f[F_VERSION] : "-",
                b->f[F_HASH][0] ? b->f[F_HASH] : "-", age, b->f[F_TITLE][0] ? b->f[F_TITLE] : "-",
                b->why[0] ? " - " : "", b->why, b->f[F_WARNING][0] ? _(" - warning: ") : "",
                b->f[F_WARNING]);
        count[b->st]++;
    }
    fprintf(out, _("%zu boards: %d ok, %d behind, %d refused, %d stale, %d silent\n"), fl->n,
            count[FLEET_OK], count[FLEET_BEHIND], count[FLEET_REFUSED], count[FLEET_STALE],
            count[FLEET_SILENT]);
}

static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else
            fputc(*s, out);
    }
}

/* The board's screen.png inline (data: URL), or a grey box saying there is none. */
static void html_thumb(FILE *out, const struct board *b)
{
    char *p = path_join(b->dir, "screen.png");
    size_t len = 0;
    char *png = file_read_all(p, &len);
    free(p);
    if (!png || len == 0 || len > (8u << 20)) {
        fprintf(out, "<div class=\"nothumb\">%s</div>", _("no screenshot"));
        free(png);
        return;
    }
    size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(n);
    sodium_bin2base64(b64, n, (const unsigned char *)png, len, sodium_base64_VARIANT_ORIGINAL);
    fprintf(out, "<img alt=\"\" src=\"data:image/png;base64,%s\">", b64);
    free(b64), free(png);
}

static const char *const css =
    "body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px;background:#f4f4f4;color:#222}"
    "h1{font-size:22px}th{white-space:nowrap}table{border-collapse:collapse;background:#fff}"
    "td,th{border:1px solid #ccc;padding:6px 10px;vertical-align:top;text-align:left}"
    "img,.nothumb{width:240px;display:block}.nothumb{height:135px;background:#ddd;color:#777;"
    "line-height:135px;text-align:center}.st{font-weight:bold;padding:2px 8px;border-radius:4px;"
    "color:#fff}.ok{background:#2e7d32}.behind{background:#ef6c00}.refused{background:#c62828}"
    ".stale{background:#6d4c41}.silent{background:#424242}.why{color:#b71c1c}"
    ".small{color:#666;font-size:12px;word-break:break-all}"
    "@media print{body{background:#fff}}";

static int write_html(const struct fleet *fl, const char *path)
{
    FILE *out = fopen(path, "w");
    if (!out)
        return -1;
    char now[64];
    time_t t = (time_t)fl->now;
    strftime(now, sizeof now, "%Y-%m-%d %H:%M", localtime(&t));
    fprintf(out,
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>honorboard fleet"
            "</title><style>%s</style></head><body>\n<h1>",
            css);
    fprintf(out, _("%zu boards, as of %s"), fl->n, now);
    fprintf(out, "</h1>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
            _("screen"), _("board"), _("content"), _("last seen"), _("last import"));
    for (size_t i = 0; i < fl->n; i++) {
        const struct board *b = &fl->b[i];
        fputs("<tr><td>", out);
        html_thumb(out, b);
        fputs("</td><td><b>", out);
        html_text(out, b->f[F_NAME]);
        fprintf(out, "</b><br><span class=\"st %s\">%s</span>", states[b->st].name,
                states[b->st].name);
        if (b->why[0]) {
            fputs("<div class=\"why\">", out);
            html_text(out, b->why);
            fputs("</div>", out);
        }
        if (b->f[F_WARNING][0]) {
            fprintf(out, "<div class=\"why\">%s", _("warning: "));
            html_text(out, b->f[F_WARNING]);
            fputs("</div>", out);
        }
        fputs("</td><td>", out);
        html_text(out, b->f[F_TITLE][0] ? b->f[F_TITLE] : "-");
        fprintf(out, "<br>%s %s<div class=\"small\">", _("version"),
                b->f[F_VERSION][0] ? b->f[F_VERSION] : "-");
        html_text(out, b->f[F_HASH]);
        fputs("</div>", out);
        if (b->f[F_SLIDE_TITLE][0]) {
            fprintf(out, "<div class=\"small\">%s", _("on screen: "));
            html_text(out, b->f[F_SLIDE_TITLE]);
            fputs("</div>", out);
        }
        char age[64];
        age_text(b->age, age, sizeof age);
        fputs("</div></td><td>", out);
        html_text(out, age);
        fputs("<div class=\"small\">", out);
        html_text(out, b->f[F_UPDATED]);
        if (b->f[F_UPTIME][0])
            fprintf(out, "<br>%s %s s", _("uptime"), b->f[F_UPTIME]);
        fputs("</div></td><td>", out);
        html_text(out, b->f[F_IMPORT_TIME][0] ? b->f[F_IMPORT_TIME] : "-");
        fputs("<div class=\"small\">", out);
        html_text(out, b->f[F_IMPORT_RESULT]);
        fputs(" ", out);
        html_text(out, b->f[F_IMPORT_MESSAGE]);
        fputs("</div></td></tr>\n", out);
    }
    fputs("</table>\n</body></html>\n", out);
    return fclose(out) == 0 ? 0 : -1;
}

static int usage(bool help)
{
    fputs("usage: honorboard fleet DIR [--html OUT] [--stale MIN] [--silent MIN] [--at TIME]\n"
          "  DIR           the boards' outboxes as the sync brings them: DIR/X/status.json or\n"
          "                DIR/X/NAME/status.json (config `outbox:` on each board)\n"
          "  --html OUT    also write a self-contained page (screenshots inline) to OUT\n"
          "  --stale MIN   no status for longer: stale (default 5; boards write every minute)\n"
          "  --silent MIN  no status for longer: silent (default 30)\n"
          "  --at TIME     judge ages as of TIME (2026-12-07T12:00:00+0800), not now\n"
          "Prints one line per board: ok, behind (an older version than the newest any board\n"
          "plays), refused (its inbox refused a bundle), stale, silent (stopped or not heard).\n"
          "Exit: the worst board's: 0 ok, 3 behind, 4 refused, 5 stale, 6 silent; 2 usage or\n"
          "I/O error.\n",
          help ? stdout : stderr);
    return help ? 0 : 2;
}

int fleet_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"html", required_argument, 0, 'o'},   {"stale", required_argument, 0, 's'},
        {"silent", required_argument, 0, 'S'}, {"at", required_argument, 0, 'a'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
    struct fleet fl = {.now = (long long)time(NULL), .stale_s = 300, .silent_s = 1800};
    const char *html = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'o')
            html = optarg;
        else if (c == 's' || c == 'S')
            *(c == 's' ? &fl.stale_s : &fl.silent_s) = atoll(optarg) * 60;
        else if (c == 'a' && (fl.now = status_parse_time(optarg)) < 0) {
            fprintf(stderr, "honorboard fleet: bad --at '%s'\n", optarg);
            return 2;
        } else if (c != 'a')
            return usage(c == 'h');
    }
    if (optind != argc - 1)
        return usage(false);
    if (!path_is_dir(argv[optind])) {
        fprintf(stderr, "honorboard fleet: %s is not a folder\n", argv[optind]);
        return 2;
    }
    find_boards(&fl, argv[optind]);
    judge(&fl);
    print_text(&fl, stdout);
    int rc = 0;
    for (size_t i = 0; i < fl.n; i++)
        if (states[fl.b[i].st].exit_code > rc)
            rc = states[fl.b[i].st].exit_code;
    if (html && write_html(&fl, html) < 0) {
        fprintf(stderr, "honorboard fleet: cannot write %s: %s\n", html, strerror(errno));
        rc = 2;
    }
    for (size_t i = 0; i < fl.n; i++) {
        for (int k = 0; k < F_NFIELDS; k++)
            free(fl.b[i].f[k]);
        free(fl.b[i].dir);
    }
    free(fl.b);
    return rc;
}
