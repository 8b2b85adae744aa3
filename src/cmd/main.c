/* main.c - honorboard: a fullscreen player for honour-roll boards (光荣榜 / 先进事迹).
 *
 * Start reading here: the command table below hands each command to its module. The layers,
 * bottom first, are the folders named in src/LAYERS (docs/architecture.md walks through them);
 * data flows one way: YAML -> model/ -> page/ (layout, pixels) -> board/ (the screen).
 * main.c only parses the command line and hands over. Exit codes: 0 ok, 1 bad content,
 * 2 usage or I/O error. */
#include "cmd/check.h"
#include "page/advice.h"
#include "cmd/fleet.h"
#include "cmd/report.h"
#include "cmd/desk.h"
#include "model/config.h"
#include "store/status.h"
#include "cmd/import.h"
#include "cmd/init.h"
#include "store/inbox.h"
#include "cmd/judge_child.h"
#include "cmd/player.h"
#include "cmd/render.h"
#include "film/videotrial.h"
#include "store/sign.h"
#include "base/util.h"
#include "base/i18n.h"
#include "film/video.h"

#include <stdbool.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HB_VERSION
#error "HB_VERSION comes from the file VERSION (the Makefile passes it)"
#endif

static void usage(FILE *out)
{
    fputs(
        "usage: honorboard COMMAND [OPTIONS]\n"
        "\n"
        "commands:\n"
        "  play   [PATH] [--window[=WxH]] [--fullscreen] ...  play playlists (default command)\n"
        "  init   DIR                                         a commented template to start from\n"
        "  check  PATH...                                     validate playlists\n"
        "  render PATH --out DIR [--size WxH] ...             render slides to PNG files\n"
        "  desk   DIR [--no-window]                           check, REPORT.txt, 预览.png, "
        "preview\n"
        "  import SRC [--store DIR] | --rollback              take a content bundle into the "
        "store\n"
        "  status [FILE]                                      what a running board shows\n"
        "  keygen --out DIR                                   make a signing key pair\n"
        "  sign SRC --key SECRET [--version N] [--force]      sign the bundle SRC/honorboard\n"
        "  publish SRC INBOX                                  write a bundle into a sync folder\n"
        "  fleet  DIR [--html OUT]                            every board's outbox: ok, behind...\n"
        "  report LOG... [--from D --until D] [--csv]         proof of play: times and seconds\n"
        "\n"
        "  honorboard COMMAND --help   lists the options of a command\n"
        "  honorboard --version        prints the version\n"
        "\n"
        "PATH is a playlist file, or a folder whose *.yaml files play in name order.\n"
        "Exit codes: 0 ok, 1 bad content, 2 usage or I/O error.\n",
        out);
}

static int cmd_check(int argc, char **argv)
{
    bool help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
    if (argc < 2 || help) {
        fputs("usage: honorboard check [--size WxH] PATH...\n"
              "       honorboard check --config FILE [PATH...]\n"
              "  PATH           a playlist file or a folder of *.yaml playlists (several allowed)\n"
              "  --config FILE  also check the board's config file\n"
              "  --size WxH     the board's screen: the layout warnings are for it (default\n"
              "                 1920x1080), and the slides that cannot be shown well on it\n"
              "                 are named\n"
              "  --help         this text\n"
              "Prints every problem as file:line:col: error|warning: message, then a summary.\n"
              "Exit: 0 no errors (warnings allowed), 1 errors in the content, 2 unreadable path.\n",
              help ? stdout : stderr);
        return help ? 0 : 2;
    }
    const char *config = NULL;
    char **paths = xcalloc((size_t)argc, sizeof *paths);
    int npaths = 0, w = 0, h = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (render_parse_size(argv[++i], &w, &h) < 0) {
                fprintf(stderr, "honorboard check: bad --size '%s' (want WxH)\n", argv[i]);
                free(paths);
                return 2;
            }
            advice_set_screen(w, h); /* warn as an import for that board warns */
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "honorboard check: unknown option '%s' (see --help)\n", argv[i]);
            free(paths);
            return 2;
        } else {
            paths[npaths++] = argv[i];
        }
    }
    int rc = 0;
    if (config) {
        struct config cfg;
        struct diag d = {0};
        int c = config_load(config, &cfg, &d);
        video_configure(&(struct video_settings){
            .hwdec = cfg.hwdec, .max_w = cfg.video_max_w, .max_h = cfg.video_max_h});
        diag_print(&d, stderr);
        char *errs = xasprintf(i18n_ngettext("%d error", "%d errors", (unsigned long)d.errors),
                               d.errors),
             *warns = xasprintf(
                 i18n_ngettext("%d warning", "%d warnings", (unsigned long)d.warnings), d.warnings);
        fprintf(stderr, _("%s: %s, %s\n"), config, errs, warns); /* the messages' language */
        free(errs), free(warns);
        if (c < 0) /* an unreadable file is an I/O error; anything else is bad content */
            rc = d.n && d.msgs[0].line == 0 ? 2 : 1;
        diag_free(&d);
        config_free(&cfg);
    }
    if (npaths) {
        int r2 = check_paths_at(paths, npaths, w, h, stderr);
        if (r2 > rc)
            rc = r2;
    }
    free(paths);
    return rc;
}

/* Every command: its name on the command line and the function that runs it with argv[0] set
 * to that name. Each returns the exit code. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"play", player_main}, {"check", cmd_check}, {"render", render_main},
    {"desk", desk_main}, /* check, REPORT.txt, 预览.png, preview window: 检查和预览.bat */
#ifdef _WIN32 /* the author's PC: check, render, the preview window, init (docs/windows.md) */
    {"init", init_main},
#else
    {"import", import_main},         {"status", status_main},
    {"keygen", sign_keygen_main},    {"sign", sign_main},
    {"publish", inbox_publish_main}, {"init", init_main},
    {"fleet", fleet_main},           {"report", report_main},
    {"judge", judge_main}, /* internal: the confined checker that play and import start */
    {"video-trial", videotrial_main}, /* internal: a clip probed where a crash costs a slide */
#endif
};

int main(int argc, char **argv)
{
    /* Pages are allocated by the preparing thread and freed by the frame thread. A fixed mmap
     * threshold keeps every page-sized block in its own mapping: glibc's sliding threshold would
     * move them into the preparer's heap, and the frame thread trimming that heap makes glibc
     * read /proc/sys/vm/overcommit_memory - file I/O in the frame loop. */
#ifdef _WIN32
    compat_init_console(); /* UTF-8 messages in cmd.exe */
#else
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    i18n_init_from_env(); /* commands speak LANG's language; the board its config's */
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("honorboard %s (playlist format %d)\n", HB_VERSION, 1);
        return 0;
    }
    if (argc < 2 || argv[1][0] == '-') {
        videotrial_enable();
        return player_main(argc, argv); /* "honorboard --window" means play */
    }
    if (strcmp(argv[1], "judge") != 0) /* the confined checker cannot start programs */
        videotrial_enable();
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "honorboard: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
