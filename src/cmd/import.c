/* import.c - `honorboard import SRC [--store DIR]` and `honorboard import --rollback`: the same
 * store_import() the player runs when a stick is plugged in. */
#include "cmd/import.h"
#include "page/advice.h"
#include "cmd/render.h"
#include "cmd/stickpreview.h"
#include "model/config.h"
#include "page/fonts.h"
#include "store/judge.h"
#include "store/judge_preview.h"
#include "store/store.h"
#include "base/util.h"
#include "base/i18n.h"
#include "film/video.h"

#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The owner of the store (the board's user) and what a root import made in it. */
static uid_t owner_uid;
static gid_t owner_gid;

static int give(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)type, (void)ftw;
    /* root's files, and the checker's (it never runs as root: the board's user, else nobody) */
    if (st->st_uid != owner_uid && lchown(path, owner_uid, owner_gid) < 0)
        fprintf(stderr, "honorboard import: cannot hand %s to uid %u: %s\n", path,
                (unsigned)owner_uid, strerror(errno));
    return 0;
}

/* An import run as root (sudo honorboard import) left root's files in the board's store, which
 * the board could then never clean up: everything root owns in it goes to the store's owner. */
static void hand_over(const char *dir)
{
    struct stat st;
    if (geteuid() != 0 || stat(dir, &st) < 0 || st.st_uid == 0)
        return;
    owner_uid = st.st_uid, owner_gid = st.st_gid;
    nftw(dir, give, 16, FTW_PHYS);
}

static void usage(FILE *out)
{
    fputs("usage: honorboard import SRC [--store DIR]\n"
          "       honorboard import --rollback [--store DIR]\n"
          "  SRC          a drive or folder holding honorboard/ (or the honorboard folder itself)\n"
          "  --store DIR  the content store (default $XDG_DATA_HOME/honorboard, or\n"
          "               /var/lib/honorboard for root)\n"
          "  --rollback   make the previous bundle current again\n"
          "  --config FILE  the board's config (its store and trusted_keys); default as for play\n"
          "  --prescale N   store JPEGs cut down so their shorter side is about N pixels (the\n"
          "                 screen's long side): playback then decodes screen-sized photos\n"
          "  --size WxH     the screen the preview sheets and the warnings are for (default\n"
          "                 1920x1080, turned by the config's rotate: 90 or 270 to 1080x1920)\n"
          "  --wait SECS    how long to wait for another import or rollback on the same store\n"
          "                 (default 120; 0 = say busy at once)\n"
          "  --help       this text\n"
          "Writes REPORT.txt and the preview sheets 预览.png (预览-2.png ...) onto the stick.\n"
          "Exit: 0 imported, unchanged or a preview only (只预览.txt), 1 content rejected,\n"
          "      2 aborted, I/O or usage error.\n",
          out);
}

/* REPORT.txt on the stick, or a line saying why it could not be written. */
static void write_report(const char *src, const struct store_result *res)
{
    if (store_write_report(src, res) < 0) {
        char w[512];
        snprintf(w, sizeof w,
                 _("REPORT.txt could not be written on the USB stick (%s): it is read-only or "
                   "mounted for another user"),
                 strerror(errno));
        fprintf(stderr, "honorboard import: %s\n", w);
    }
}

/* The exit status of an import: 0 ok, unchanged or a preview only (what the stick asked for),
 * 1 rejected, 2 aborted or failed. */
static int exit_code(enum store_outcome o)
{
    switch (o) {
    case STORE_OK:
    case STORE_UNCHANGED:
    case STORE_PREVIEW:
        return 0;
    case STORE_REJECTED:
        return 1;
    default:
        return 2;
    }
}

int import_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"store", required_argument, 0, 's'},    {"config", required_argument, 0, 'c'},
        {"prescale", required_argument, 0, 'p'}, {"size", required_argument, 0, 'z'},
        {"rollback", no_argument, 0, 'r'},       {"wait", required_argument, 0, 'w'},
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
    const char *store = NULL, *config = NULL;
    int prescale = 0, pw = 1920, ph = 1080;
    bool rollback = false, sized = false;
    double wait = STORE_LOCK_WAIT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            store = optarg;
            break;
        case 'c':
            config = optarg;
            break;
        case 'p':
            prescale = atoi(optarg);
            if (prescale < 64 || prescale > 16384) {
                fprintf(stderr,
                        "honorboard import: --prescale takes the screen's long side, like 1920\n");
                return 2;
            }
            break;
        case 'r':
            rollback = true;
            break;
        case 'w': {
            char *end = NULL;
            wait = strtod(optarg, &end);
            if (!end || *end || wait < 0 || wait > 86400) {
                fprintf(stderr, "honorboard import: --wait takes seconds, like 120\n");
                return 2;
            }
            if (wait == 0)
                wait = -1; /* the policy's "do not wait" */
            break;
        }
        case 'z':
            if (render_parse_size(optarg, &pw, &ph) < 0) {
                fprintf(stderr, "honorboard import: bad --size '%s' (like 1920x1080)\n", optarg);
                return 2;
            }
            sized = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if ((rollback && optind != argc) || (!rollback && optind != argc - 1)) {
        usage(stderr);
        return 2;
    }
    struct config cfg;
    const struct config_args args = {.config = config, .store = store, .display = -1, .rotate = -1};
    if (config_apply_args(&cfg, &args, "honorboard import") < 0 && config) {
        config_free(&cfg); /* a config named on the command line must be right */
        return 2;
    }
    if (!sized && cfg.rotate % 180) { /* a screen on its side: as the board's own import sees it */
        int t = pw;
        pw = ph, ph = t;
    }
    char *dir = cfg.store ? xstrdup(cfg.store) : store_default_dir();
    int rc;
    video_configure(&(struct video_settings){
        .hwdec = cfg.hwdec, .max_w = cfg.video_max_w, .max_h = cfg.video_max_h});
    if (rollback) {
        char err[512];
        rc = store_rollback(dir, err, sizeof err) == 0 ? 0 : 2;
        if (rc)
            fprintf(stderr, "honorboard import: %s\n", err);
        else
            fprintf(stderr, "honorboard import: back to the previous bundle in %s\n", dir);
        free(dir);
        config_free(&cfg);
        return rc;
    }
    struct store_result res;
    struct store_policy pol = {.glyphs = &fonts_glyph_checker,
                               .advise = advice_check,
                               .advise_w = pw, /* the warnings of the screen of the preview */
                               .advise_h = ph,
                               .trusted_keys = (const char *const *)cfg.trusted_keys,
                               .ntrusted = cfg.ntrusted,
                               .prescale = prescale,
                               .lock_wait = wait,
                               .sheets_w = pw, /* drawn by the checker: judge_preview() */
                               .sheets_h = ph};
    judge_import(dir, argv[optind], &pol, NULL, NULL, &res);
    hand_over(dir); /* run as root: what it made belongs to the board's user */
    diag_print(&res.diag, stderr);
    char *shown = str_visible(res.message); /* never a raw escape on the terminal */
    fprintf(stderr, "honorboard import: %s: %s\n", store_outcome_name(res.outcome), shown);
    free(shown);
    write_report(argv[optind], &res);
    if (judge_preview(argv[optind], &res, pw, ph) < 0) /* confined too; REPORT.txt says so */
        store_write_report_no_preview(argv[optind], &res);
    rc = exit_code(res.outcome);
    store_result_free(&res);
    free(dir);
    config_free(&cfg);
    return rc;
}
