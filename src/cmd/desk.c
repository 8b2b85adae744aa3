/* desk.c - `honorboard desk DIR`: check, REPORT.txt, 预览.png and the preview window in one go,
 * for an author who double-clicks rather than types (检查和预览.bat beside the stick's
 * honorboard folder). Every part is the command it names: check_paths(), the stick's contact
 * sheets (pages_sheets(), as a board writes them), player_main(). */
#include "cmd/desk.h"
#include "cmd/check.h"
#include "cmd/player.h"
#include "cmd/stickpreview.h"
#include "base/i18n.h"
#include "page/approval.h"
#include "page/pages.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report as the board writes it onto a stick: CRLF lines, so every Notepad shows them. */
static int write_report(const char *dir, char *path, int *rc)
{
    char *report = path_join(dir, "REPORT.txt");
    FILE *tmp = tmpfile();
    if (!tmp) {
        free(report);
        return -1;
    }
    *rc = check_paths(&path, 1, tmp);
    rewind(tmp);
    FILE *out = fopen(report, "wb");
    int c;
    while ((c = fgetc(tmp)) != EOF) {
        fputc(c, stdout);
        if (out && c == '\n')
            fputc('\r', out);
        if (out)
            fputc(c, out);
    }
    fclose(tmp);
    int ok = out && fclose(out) == 0 ? 0 : -1;
    if (ok < 0)
        fprintf(stderr, _("cannot write %s\n"), report);
    free(report);
    return ok;
}

/* The preview for approval (送审) when DIR has a folder 送审, as a board writes it onto a stick
 * that has one: the cover lists what REPORT.txt lists. */
static void approval(char *dir, const char *header)
{
    char *folder = path_join(dir, STICKPREVIEW_APPROVAL);
    if (path_is_dir(folder)) {
        struct diag d = {0};
        FILE *quiet = tmpfile(); /* a path that cannot be read is in REPORT.txt already */
        check_collect(&dir, 1, 0, 0, &d, NULL, NULL, quiet ? quiet : stderr);
        if (quiet)
            fclose(quiet);
        if (approval_write(dir, 1920, 1080, folder, header, &d) > 0)
            printf(_("For approval: %s\n"), folder);
        diag_free(&d);
    }
    free(folder);
}

int desk_main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fputs("usage: honorboard desk DIR [--no-window]\n"
              "  checks DIR, writes DIR/REPORT.txt and DIR/预览.png, opens the preview window\n",
              argc < 2 ? stderr : stdout);
        return 2;
    }
    bool window = !(argc >= 3 && strcmp(argv[2], "--no-window") == 0);
    char *dir = argv[1];
    const char *sep = strchr(dir, '\\') ? "\\" : "/"; /* E:\honorboard\REPORT.txt */
    int rc = 2;
    write_report(dir, dir, &rc);
    char header[256];
    snprintf(header, sizeof header, "%s", _("preview only"));
    int n = 0;
    if (pages_sheets(dir, 1920, 1080, dir, STICKPREVIEW_STEM, STICKPREVIEW_PER_SHEET, header, &n) ==
            0 &&
        n > 0)
        printf(_("Report: %s%sREPORT.txt   Preview: %s%s%s.png\n"), dir, sep, dir, sep,
               STICKPREVIEW_STEM);
    approval(dir, header);
    if (!window)
        return rc;
    printf("%s\n", _("The preview window follows your saves; close it when you are done."));
    fflush(stdout);
    char cmd[] = "play", opt[] = "--window";
    char *play[] = {cmd, dir, opt, NULL};
    int prc = player_main(3, play);
    return prc > rc ? prc : rc;
}
