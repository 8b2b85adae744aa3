/* desk.h - `honorboard desk DIR`: the author's check at her desk, what 检查和预览.bat runs on
 * Windows (docs/windows.md). */
#ifndef HB_DESK_H
#define HB_DESK_H

/* argv: "desk" DIR [--no-window]. Checks DIR, writes DIR/REPORT.txt (check's messages) and
 * DIR/预览.png (the same contact sheets a board writes onto a stick), prints the report, then
 * opens the preview window on DIR unless --no-window. Returns check's exit code (0, 1, 2), or
 * the window's when it failed to open. */
int desk_main(int argc, char **argv);

#endif
