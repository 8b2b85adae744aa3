/* config.c - the board's config file, parsed with the same helpers and messages as playlists. */
#include "model/config.h"
#include "base/i18n.h"
#include "base/util.h"
#include "model/yamldoc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const keys[] = {"store",
                                   "watch",
                                   "display",
                                   "rotate",
                                   "screen_off",
                                   "log",
                                   "log_max_size",
                                   "log_keep",
                                   "status",
                                   "language",
                                   "ticker",
                                   "clock",
                                   "trusted_keys",
                                   "inbox",
                                   "name",
                                   "outbox",
                                   "log_keep_days",
                                   "log_budget",
                                   "hwdec",
                                   "video_max_size",
                                   "screen_off_power",
                                   NULL};

/* screen_off_power: what screen-off hours do besides the black page (always drawn). */
static const struct {
    const char *name;
    int ways;
} power_values[] = {
    {"auto", CONFIG_POWER_DPMS | CONFIG_POWER_CEC},
    {"dpms", CONFIG_POWER_DPMS},
    {"cec", CONFIG_POWER_CEC},
    {"black", 0},
};

void config_defaults(struct config *cfg)
{
    /* the log: a file a day (or per 10 MB), 400 days kept within 1 GB: at 12 s slides a day is
     * about 7,200 lines, 2.4 MB */
    *cfg = (struct config){.display = -1,
                           .rotate = -1,
                           .log_max = 10LL << 20,
                           .log_keep = 1000,
                           .log_keep_days = 400,
                           .log_budget = 1LL << 30,
                           .video_max_w = 4096,
                           .video_max_h = 4096,
                           .screen_off_power = CONFIG_POWER_DPMS | CONFIG_POWER_CEC};
}

char *config_default_path(void)
{
    if (path_is_file("/etc/honorboard/config.yaml"))
        return xstrdup("/etc/honorboard/config.yaml");
    const char *x = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *p = x && *x ? path_join(x, "honorboard/config.yaml")
                      : xasprintf("%s/.config/honorboard/config.yaml", home ? home : ".");
    if (path_is_file(p))
        return p;
    free(p);
    return NULL;
}

int config_parse_size(const char *s, long long *bytes)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || v < 0)
        return -1;
    while (*end == ' ')
        end++;
    double mul = 1;
    if (!*end || strcasecmp(end, "B") == 0)
        mul = 1;
    else if (strcasecmp(end, "KB") == 0 || strcasecmp(end, "K") == 0)
        mul = 1024;
    else if (strcasecmp(end, "MB") == 0 || strcasecmp(end, "M") == 0)
        mul = 1024 * 1024;
    else if (strcasecmp(end, "GB") == 0 || strcasecmp(end, "G") == 0)
        mul = 1024.0 * 1024 * 1024;
    else
        return -1;
    *bytes = (long long)(v * mul);
    return 0;
}

static int int_value(struct ydoc *y, yaml_node_t *n, const char *key, int lo, int hi, int *out)
{
    const char *s = ydoc_scalar(y, n, "", key);
    if (!s)
        return -1;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) {
        ydoc_err(y, n, _("'%s' should be a whole number from %d to %d, not '%s'"), key, lo, hi, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static void string_list(struct ydoc *y, yaml_node_t *n, const char *key, char **out, int max,
                        int *count)
{
    const char **items = NULL;
    int k = ydoc_strings(y, n, "", key, &items);
    for (int i = 0; i < k; i++) {
        if (*count == max) {
            ydoc_err(y, n, _("at most %d entries in '%s'"), max, key);
            break;
        }
        out[(*count)++] = xstrdup(items[i]);
    }
    free(items);
}

/* The film keys: hwdec (no or auto) and video_max_size (WxH, 16 to 4096 a side). */
static void film_keys(struct ydoc *y, yaml_node_t *root, struct config *cfg)
{
    yaml_node_t *v;
    const char *s;
    if ((v = ydoc_get(y, root, "hwdec")) && (s = ydoc_scalar(y, v, "", "hwdec"))) {
        if (strcmp(s, "auto") == 0 || strcmp(s, "yes") == 0 || strcmp(s, "true") == 0)
            cfg->hwdec = true;
        else if (strcmp(s, "no") != 0 && strcmp(s, "false") != 0)
            ydoc_err(y, v, _("'hwdec' is no (software decoding) or auto, not '%s'"), s);
    }
    if ((v = ydoc_get(y, root, "video_max_size")) &&
        (s = ydoc_scalar(y, v, "", "video_max_size"))) {
        int w = 0, h = 0, n = 0;
        if (sscanf(s, "%dx%d%n", &w, &h, &n) != 2 || s[n] || w < 16 || h < 16 || w > 4096 ||
            h > 4096)
            ydoc_err(y, v,
                     _("'video_max_size' is a picture size from 16x16 to 4096x4096, like "
                       "1920x1080, not '%s'"),
                     s);
        else
            cfg->video_max_w = w, cfg->video_max_h = h;
    }
}

static void power_value(struct ydoc *y, yaml_node_t *v, int *ways)
{
    const char *s = ydoc_scalar(y, v, "", "screen_off_power");
    if (!s)
        return;
    for (size_t i = 0; i < sizeof power_values / sizeof *power_values; i++)
        if (strcasecmp(s, power_values[i].name) == 0) {
            *ways = power_values[i].ways;
            return;
        }
    ydoc_err(y, v, _("'screen_off_power' is auto, dpms, cec or black, not '%s'"), s);
}

int config_load(const char *path, struct config *cfg, struct diag *d)
{
    config_defaults(cfg);
    cfg->path = xstrdup(path);
    size_t len;
    /* a link to the config is fine (resolved first); a device, a FIFO or a huge file is not */
    char *real = realpath(path, NULL);
    char *text = real ? file_read_limited(real, YDOC_MAX_BYTES, &len) : NULL;
    int e = errno;
    free(real);
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, _("cannot read: %s"), _(file_error_text(e)));
        return -1;
    }
    int errors_before = d->errors;
    size_t first_msg = d->n;
    struct ydoc y;
    yaml_node_t *root = ydoc_load_salvage(&y, path, text, len, d); /* a slip costs one key */
    if (root && root->type != YAML_MAPPING_NODE)
        ydoc_err(&y, root, _("the config file is a set of keys like 'store: /var/lib/honorboard'"));
    if (root && root->type == YAML_MAPPING_NODE) {
        ydoc_check_keys(&y, root, "", keys, NULL);
        yaml_node_t *v;
        const char *s;
        if ((v = ydoc_get(&y, root, "store")))
            cfg->store = ydoc_text(&y, v, "", "store");
        if ((v = ydoc_get(&y, root, "inbox")))
            cfg->inbox = ydoc_text(&y, v, "", "inbox");
        if ((v = ydoc_get(&y, root, "outbox")))
            cfg->outbox = ydoc_text(&y, v, "", "outbox");
        if ((v = ydoc_get(&y, root, "name")))
            cfg->name = ydoc_text(&y, v, "", "name");
        if ((v = ydoc_get(&y, root, "watch")))
            string_list(&y, v, "watch", cfg->watch, 8, &cfg->nwatch);
        if ((v = ydoc_get(&y, root, "display")))
            int_value(&y, v, "display", 0, 15, &cfg->display);
        if ((v = ydoc_get(&y, root, "rotate"))) {
            int r;
            if (int_value(&y, v, "rotate", 0, 270, &r) == 0) {
                if (r % 90)
                    ydoc_err(&y, v, _("'rotate' is 0, 90, 180 or 270, not %d"), r);
                else
                    cfg->rotate = r;
            }
        }
        if ((v = ydoc_get(&y, root, "screen_off"))) {
            const char **items = NULL;
            int k = ydoc_strings(&y, v, "", "screen_off", &items);
            cfg->screen_off.set = false; /* only windows that parse: never "always off" */
            for (int i = 0; i < k; i++) {
                int a, b;
                if (schedule_parse_window(items[i], &a, &b) < 0)
                    ydoc_err(&y, v, _("bad screen_off '%s' (like \"22:30-06:30\", in quotes)"),
                             items[i]);
                else if (cfg->screen_off.nwindows < SCHEDULE_MAX_WINDOWS) {
                    int w = cfg->screen_off.nwindows++;
                    cfg->screen_off.windows[w].start = a;
                    cfg->screen_off.windows[w].end = b;
                    cfg->screen_off.set = true;
                }
            }
            free(items);
        }
        if ((v = ydoc_get(&y, root, "screen_off_power")))
            power_value(&y, v, &cfg->screen_off_power);
        if ((v = ydoc_get(&y, root, "log")))
            cfg->log = ydoc_text(&y, v, "", "log");
        if ((v = ydoc_get(&y, root, "log_max_size")) &&
            (s = ydoc_scalar(&y, v, "", "log_max_size")) && config_parse_size(s, &cfg->log_max) < 0)
            ydoc_err(&y, v, _("bad log_max_size '%s' (like 10MB)"), s);
        if ((v = ydoc_get(&y, root, "log_keep")))
            int_value(&y, v, "log_keep", 0, 10000, &cfg->log_keep);
        if ((v = ydoc_get(&y, root, "log_keep_days")))
            int_value(&y, v, "log_keep_days", 0, 36500, &cfg->log_keep_days);
        if ((v = ydoc_get(&y, root, "log_budget")) && (s = ydoc_scalar(&y, v, "", "log_budget")) &&
            config_parse_size(s, &cfg->log_budget) < 0)
            ydoc_err(&y, v, _("bad log_budget '%s' (like 1GB)"), s);
        if ((v = ydoc_get(&y, root, "status")))
            cfg->status = ydoc_text(&y, v, "", "status");
        if ((v = ydoc_get(&y, root, "language")) && (s = ydoc_scalar(&y, v, "", "language"))) {
            if (strcasecmp(s, "en") == 0)
                cfg->english = true;
            else if (strcasecmp(s, "zh-CN") != 0 && strcasecmp(s, "zh") != 0)
                ydoc_err(&y, v, _("'language' is zh-CN or en, not '%s'"), s);
        }
        if ((v = ydoc_get(&y, root, "ticker")))
            cfg->ticker = ydoc_text(&y, v, "", "ticker");
        if ((v = ydoc_get(&y, root, "clock")) && (s = ydoc_scalar(&y, v, "", "clock"))) {
            if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0 || strcmp(s, "on") == 0)
                cfg->clock = true;
            else if (strcmp(s, "false") != 0 && strcmp(s, "no") != 0 && strcmp(s, "off") != 0)
                ydoc_err(&y, v, _("'clock' is true or false, not '%s'"), s);
        }
        film_keys(&y, root, cfg);
        if ((v = ydoc_get(&y, root, "trusted_keys"))) {
            string_list(&y, v, "trusted_keys", cfg->trusted_keys, 8, &cfg->ntrusted);
            for (int i = 0; i < cfg->ntrusted; i++)
                if (!path_is_file(cfg->trusted_keys[i]))
                    ydoc_err(&y, v, _("trusted key '%s' not found"), cfg->trusted_keys[i]);
        }
    }
    ydoc_free(&y);
    free(text);
    diag_sort_from(d, first_msg);
    return d->errors > errors_before ? -1 : 0;
}

void config_free(struct config *cfg)
{
    free(cfg->path), free(cfg->store), free(cfg->inbox), free(cfg->log), free(cfg->status),
        free(cfg->ticker), free(cfg->name), free(cfg->outbox);
    for (int i = 0; i < cfg->nwatch; i++)
        free(cfg->watch[i]);
    for (int i = 0; i < cfg->ntrusted; i++)
        free(cfg->trusted_keys[i]);
    config_defaults(cfg);
}

static bool str_differ(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") != 0;
}

static bool list_differ(char *const *a, int na, char *const *b, int nb)
{
    bool d = na != nb;
    for (int i = 0; !d && i < na; i++)
        d = str_differ(a[i], b[i]);
    return d;
}

static bool windows_differ(const struct schedule *a, const struct schedule *b)
{
    bool d = a->set != b->set || a->nwindows != b->nwindows;
    for (int i = 0; !d && i < a->nwindows; i++)
        d = a->windows[i].start != b->windows[i].start || a->windows[i].end != b->windows[i].end;
    return d;
}

void config_changes(const struct config *a, const struct config *b, char *live, size_t nlive,
                    char *restart, size_t nrestart)
{
    const struct {
        const char *key;
        bool live, differ;
    } keys_now[] = {
        {"screen_off", true, windows_differ(&a->screen_off, &b->screen_off)},
        {"language", true, a->english != b->english},
        {"rotate", true, a->rotate != b->rotate},
        {"ticker", true, str_differ(a->ticker, b->ticker)},
        {"clock", true, a->clock != b->clock},
        {"screen_off_power", true, a->screen_off_power != b->screen_off_power},
        {"store", false, str_differ(a->store, b->store)},
        {"inbox", false, str_differ(a->inbox, b->inbox)},
        {"outbox", false, str_differ(a->outbox, b->outbox)},
        {"name", false, str_differ(a->name, b->name)},
        {"watch", false, list_differ(a->watch, a->nwatch, b->watch, b->nwatch)},
        {"display", false, a->display != b->display},
        {"log", false, str_differ(a->log, b->log)},
        {"log_max_size", false, a->log_max != b->log_max},
        {"log_keep", false, a->log_keep != b->log_keep},
        {"log_keep_days", false, a->log_keep_days != b->log_keep_days},
        {"log_budget", false, a->log_budget != b->log_budget},
        {"status", false, str_differ(a->status, b->status)},
        {"hwdec", false, a->hwdec != b->hwdec},
        {"video_max_size", false,
         a->video_max_w != b->video_max_w || a->video_max_h != b->video_max_h},
        {"trusted_keys", false,
         list_differ(a->trusted_keys, a->ntrusted, b->trusted_keys, b->ntrusted)},
    };
    live[0] = restart[0] = '\0';
    for (size_t i = 0; i < sizeof keys_now / sizeof *keys_now; i++) {
        if (!keys_now[i].differ)
            continue;
        char *out = keys_now[i].live ? live : restart;
        size_t n = keys_now[i].live ? nlive : nrestart, len = strlen(out);
        snprintf(out + len, n - len, "%s%s", len ? ", " : "", keys_now[i].key);
    }
}

static void set_str(char **dst, const char *v)
{
    if (!v)
        return;
    free(*dst);
    *dst = xstrdup(v);
}

int config_apply_args(struct config *cfg, const struct config_args *a, const char *cmd)
{
    config_defaults(cfg);
    int rc = 0;
    char *path = a->config ? xstrdup(a->config) : config_default_path();
    if (path) {
        struct diag d = {0};
        if (config_load(path, cfg, &d) < 0) {
            fprintf(stderr, _("%s: %s has errors; using what could be read:\n"), cmd, path);
            rc = -1;
        }
        diag_print(&d, stderr);
        diag_free(&d);
        free(path);
    }
    set_str(&cfg->store, a->store);
    set_str(&cfg->inbox, a->inbox);
    set_str(&cfg->log, a->log);
    set_str(&cfg->status, a->status);
    if (!cfg->name || !cfg->name[0]) { /* the board's name in the fleet: the host's by default */
        char host[256] = "";
        if (gethostname(host, sizeof host - 1) < 0 || !host[0])
            snprintf(host, sizeof host, "honorboard");
        set_str(&cfg->name, host);
    }
    if (a->nwatch > 0) {
        for (int i = 0; i < cfg->nwatch; i++)
            free(cfg->watch[i]);
        cfg->nwatch = 0;
        for (int i = 0; i < a->nwatch && i < (int)(sizeof cfg->watch / sizeof *cfg->watch); i++)
            cfg->watch[cfg->nwatch++] = xstrdup(a->watch[i]);
    }
    if (a->display >= 0)
        cfg->display = a->display;
    if (a->rotate >= 0)
        cfg->rotate = a->rotate;
    if (cfg->display < 0)
        cfg->display = 0;
    if (cfg->rotate < 0)
        cfg->rotate = 0;
    i18n_set_language(cfg->english ? "en" : "zh");
    return rc;
}
