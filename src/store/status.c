/* status.c - the status file: written by the player every few seconds, read by people and
 * by monitoring (`honorboard status`). One key per line, so it is easy to read raw too. */
#include "store/status.h"
#include "base/fileio.h"
#include "model/config.h"
#include "base/util.h"
#include "base/i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HB_DEFAULT_STATUS "/run/honorboard/status.json"

static void field(struct strbuf *b, const char *key, const char *val, bool last)
{
    sb_printf(b, "  \"%s\": ", key);
    if (val)
        sb_json_str(b, val);
    else
        sb_puts(b, "null");
    sb_puts(b, last ? "\n" : ",\n");
}

int status_write(const char *path, const struct status_info *s)
{
    char now[64];
    hb_local_time(now, sizeof now, "%Y-%m-%dT%H:%M:%S%z");
    struct strbuf b = {0};
    sb_puts(&b, "{\n");
    field(&b, "updated", now, false);
    sb_printf(&b, "  \"pid\": %d,\n", (int)getpid());
    sb_printf(&b, "  \"state\": \"%s\",\n", s->stopped ? "stopped" : "running");
    field(&b, "name", s->name, false);
    field(&b, "content_title", s->content_title, false);
    sb_printf(&b, "  \"version\": %llu,\n", (unsigned long long)s->version);
    field(&b, "hash", s->hash, false);
    sb_printf(&b, "  \"screen\": \"%s\",\n", s->screen_on ? "on" : "off");
    field(&b, "playlist", s->playlist, false);
    sb_printf(&b, "  \"slide\": %d,\n  \"page\": %d,\n  \"pages\": %d,\n", s->slide, s->page,
              s->pages);
    field(&b, "type", s->type, false);
    field(&b, "title", s->title, false);
    field(&b, "bundle", s->bundle, false);
    field(&b, "last_import_time", s->import_time, false);
    field(&b, "last_import_source", s->import_source, false);
    field(&b, "last_import_result", s->import_result, false);
    field(&b, "last_import_message", s->import_message, false);
    field(&b, "warning", s->warning, false);
    field(&b, "inbox_bundle", s->inbox_bundle, false);
    field(&b, "inbox_state", s->inbox_state, false);
    field(&b, "inbox_reason", s->inbox_reason, false);
    sb_printf(&b, "  \"uptime_s\": %.0f,\n  \"fps\": %.1f,\n  \"rss_kb\": %ld\n}\n", s->uptime,
              s->fps, s->rss_kb);
    /* every 2 s: not fsynced (a status file lives in /run; the next one comes soon) */
    int rc = fileio_write_atomic(path, b.s, b.len, 0644, false);
    sb_free(&b);
    return rc;
}

/* In our own one-key-per-line file. */
char *status_value(const char *json, const char *key)
{
    char *pat = xasprintf("\"%s\": ", key);
    const char *p = strstr(json, pat);
    free(pat);
    if (!p)
        return xstrdup("?");
    p = strchr(p, ':') + 2;
    size_t n = strcspn(p, "\n");
    if (n && p[n - 1] == ',')
        n--;
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
        p++, n -= 2;
    char *v = xmalloc(n + 1);
    memcpy(v, p, n);
    v[n] = '\0';
    return v;
}

long long status_parse_time(const char *stamp)
{
    struct tm tm = {0};
#ifdef _WIN32
    /* no strptime, no tm_gmtoff: "%Y-%m-%dT%H:%M:%S" read by hand, then "Z", "+HH", "+HHMM" or
     * "+HH:MM" (what strptime's %z takes) */
    int n = 0;
    if (sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
        n == 0)
        return -1;
    tm.tm_year -= 1900, tm.tm_mon -= 1;
    const char *z = stamp + n;
    long off = 0;
    if (z[0] == 'Z' && !z[1]) {
        off = 0;
    } else if (z[0] == '+' || z[0] == '-') {
        const char *d = z + 1;
        int k = 0, v[4];
        for (; k < 4 && *d; k++, d++) {
            if (k == 2 && *d == ':')
                d++;
            if (*d < '0' || *d > '9')
                return -1;
            v[k] = *d - '0';
        }
        if (*d || (k != 2 && k != 4))
            return -1;
        off = (v[0] * 10 + v[1]) * 3600L + (k == 4 ? (v[2] * 10 + v[3]) * 60L : 0);
        off = z[0] == '-' ? -off : off;
    } else {
        return -1;
    }
    return (long long)_mkgmtime(&tm) - off;
#else
    const char *end = strptime(stamp, "%Y-%m-%dT%H:%M:%S%z", &tm);
    if (!end || *end)
        return -1;
    long off = tm.tm_gmtoff; /* timegm() reads the fields as UTC */
    return (long long)timegm(&tm) - off;
#endif
}

/* Why the board of this status is not running, or NULL when it is. */
static const char *stopped_why(const char *json, char *buf, size_t n)
{
    char *state = status_value(json, "state"), *pid = status_value(json, "pid"),
         *upd = status_value(json, "updated");
    const char *why = NULL;
    long long t = status_parse_time(upd), age = (long long)time(NULL) - t;
    long p = atol(pid);
    if (strcmp(state, "stopped") == 0) {
        why = _("the player stopped");
    } else if (p > 0 && kill((pid_t)p, 0) < 0 && errno == ESRCH) {
        snprintf(buf, n, _("its process %ld is gone"), p);
        why = buf;
    } else if (t < 0 || age > STATUS_STALE_S) {
        snprintf(buf, n, _("not updated for %lld s"), t < 0 ? -1 : age);
        why = buf;
    }
    free(state), free(pid), free(upd);
    return why;
}

int status_main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && (strcmp(argv[1], "--help") == 0 || argv[1][0] == '-'))) {
        fputs("usage: honorboard status [FILE]\n"
              "  FILE    the player's status file (default: `status:` in the config file, else\n"
              "          " HB_DEFAULT_STATUS ")\n"
              "Prints what the board is showing, its last import, uptime, frame rate and memory.\n"
              "Exit: 0 running, 3 stopped (its process is gone, it stopped, or the file is older\n"
              "than 60 s), 2 the file cannot be read.\n",
              argc == 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
        return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
    char *path = NULL;
    if (argc == 2) {
        path = xstrdup(argv[1]);
    } else {
        char *cfgpath = config_default_path();
        struct config cfg;
        struct diag d = {0};
        if (cfgpath && config_load(cfgpath, &cfg, &d) == 0 && cfg.status)
            path = xstrdup(cfg.status);
        if (cfgpath)
            config_free(&cfg);
        diag_free(&d);
        free(cfgpath);
        if (!path)
            path = xstrdup(HB_DEFAULT_STATUS);
    }
    char *json = file_read_all(path, NULL);
    if (!json) {
        fprintf(stderr,
                "honorboard status: cannot read %s: %s (is the player running with --status?)\n",
                path, strerror(errno));
        free(path);
        return 2;
    }
    static const struct {
        const char *key, *label;
    } rows[] = {{"name", "board"},
                {"updated", "updated"},
                {"screen", "screen"},
                {"playlist", "playlist"},
                {"slide", "slide"},
                {"page", "page"},
                {"pages", "of pages"},
                {"type", "type"},
                {"title", "title"},
                {"content_title", "content"},
                {"version", "  version"},
                {"hash", "  hash"},
                {"bundle", "content bundle"},
                {"last_import_time", "last import"},
                {"last_import_source", "  from"},
                {"last_import_result", "  result"},
                {"last_import_message", "  message"},
                {"warning", "warning"},
                {"inbox_bundle", "inbox"},
                {"inbox_state", "  state"},
                {"inbox_reason", "  reason"},
                {"uptime_s", "uptime (s)"},
                {"fps", "frames/s"},
                {"rss_kb", "memory (KiB)"}};
    char why[256];
    const char *stopped = stopped_why(json, why, sizeof why);
    if (stopped)
        printf("%-15s %s (%s)\n", "state", _("stopped"), stopped);
    else
        printf("%-15s %s\n", "state", _("running"));
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char *v = status_value(json, rows[i].key);
        printf("%-15s %s\n", rows[i].label, strcmp(v, "null") == 0 ? "-" : v);
        free(v);
    }
    free(json);
    free(path);
    return stopped ? 3 : 0;
}
