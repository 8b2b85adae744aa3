/* config.h - the board's own settings: one YAML file (--config FILE, else
 * /etc/honorboard/config.yaml, else $XDG_CONFIG_HOME/honorboard/config.yaml). Command-line
 * options override it. Errors are file:line:col like a playlist's. */
#ifndef HB_CONFIG_H
#define HB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/schedule.h"

/* screen_off_power: DPMS (X11, KMS) and HDMI-CEC standby, each where present. */
enum { CONFIG_POWER_DPMS = 1, CONFIG_POWER_CEC = 2 };

/* Every string in it is owned by the config (freed by config_free()). */
struct config {
    char *path; /* the file read, or NULL when none */
    char *store;
    char *inbox;  /* a folder a sync engine fills */
    char *outbox; /* a folder a sync engine carries back: OUTBOX/<name>/status.json, screen.png */
    char *name;   /* this board in the fleet (`honorboard fleet`); config_apply_args(): the
                   * host name when not set */
    char *watch[8];
    int nwatch;
    int display;                /* -1 = not set */
    int rotate;                 /* -1 = not set */
    struct schedule screen_off; /* black screen, no rendering inside these windows */
    int screen_off_power;       /* CONFIG_POWER_* bits: how the display is also put to sleep
                                 * in those hours (screen_off_power: auto = both) */
    char *log;
    long long log_max;    /* bytes before the log is rotated; 0 = never */
    int log_keep;         /* rotated files kept at most (a file a day, or per log_max) */
    int log_keep_days;    /* rotated files older than this are removed; 0 = no limit */
    long long log_budget; /* the rotated files together at most this; 0 = no limit */
    char *status;
    bool english; /* language: en (default zh-CN) */
    char *ticker;
    bool clock;            /* date and clock in the header */
    char *trusted_keys[8]; /* public keys (.pub); when set, only content they signed is taken */
    int ntrusted;
    bool hwdec;                   /* hwdec: auto (default no: software decoding) */
    int video_max_w, video_max_h; /* video_max_size: WxH; default 4096x4096 */
};

/* The default config file that exists, or NULL. Caller frees. */
char *config_default_path(void);
/* Reads path into cfg (defaults first). Problems go to d. Returns 0, or -1 when the file has
 * errors or cannot be read. Free with config_free() in every case. */
int config_load(const char *path, struct config *cfg, struct diag *d);
void config_defaults(struct config *cfg);
void config_free(struct config *cfg);
/* What a command line may say over the config file; NULL, 0 or -1 = not given. The strings
 * are borrowed (argv): config_apply_args() copies what it keeps into the config. */
struct config_args {
    const char *config; /* --config FILE; NULL = the default file, if any */
    const char *store, *inbox, *log, *status;
    const char *const *watch; /* nwatch roots; when given they replace the config's list */
    int nwatch;
    int display, rotate; /* -1 = not given */
};

/* One way for every command (play, import) to get the board's settings: config_defaults(),
 * the config file (a->config, else config_default_path()), then the command line over it, then
 * the notice language. Messages about the file go to stderr, each headed by cmd ("honorboard
 * play"). Afterwards display and rotate are never -1. Returns 0, or -1 when the file has errors
 * or cannot be read (what could be read is still applied). Free cfg with config_free(). */
int config_apply_args(struct config *cfg, const struct config_args *a, const char *cmd);

/* The keys whose values differ from a to b, as comma-separated lists: in live those a running
 * board applies on reload (screen_off, language, rotate, ticker, clock), in restart those that
 * take effect only when it starts again (store, inbox, log, ...). "" when none. */
void config_changes(const struct config *a, const struct config *b, char *live, size_t nlive,
                    char *restart, size_t nrestart);

/* "10MB", "500KB", "1GB" or bytes. 0 ok, -1 bad. */
int config_parse_size(const char *s, long long *bytes);

#endif
