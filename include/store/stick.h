/* stick.h - finding the honorboard/ folder on a USB stick as FAT and Windows show it: any
 * letter case (FAT tools upper-case names), and near misses (Honorbaord, honorboard (2),
 * "honor board") that deserve a REPORT.txt at the stick's root saying the right name. */
#ifndef HB_STICK_H
#define HB_STICK_H

#include <stdbool.h>

/* The folder the board's content lives in: "honorboard". */
#define STICK_FOLDER "honorboard"
/* The preview sheets on a stick: 预览.png, 预览-2.png ... */
#define STICK_PREVIEW_STEM "预览"
/* The folder of the preview for approval (送审) beside REPORT.txt. */
#define STICK_APPROVAL_DIR "送审"

/* SRC/honorboard in whatever letter case it exists as a real folder, or NULL: a symbolic
 * link of that name is never taken for it (it could lead into the store or anywhere else).
 * Caller frees. */
char *stick_folder(const char *src);
/* The name of a symbolic link in SRC named honorboard (any letter case) when no real folder
 * of that name exists, or NULL: a stick the board refuses with a message. Caller frees. */
char *stick_folder_link(const char *src);
/* A folder fd of dir (the stick's honorboard/ folder), opened O_DIRECTORY | O_NOFOLLOW: a link
 * swapped in after the folder was found is not followed. -1 with errno (ELOOP, ENOTDIR). */
int stick_open_folder(const char *dir);
/* The name of a folder in SRC that looks meant to be honorboard/ but is not (when no real one
 * exists), or NULL. Caller frees. */
char *stick_near_miss(const char *src);
/* Either of the above: a drive the board should answer (import, or explain). */
bool stick_is_for_us(const char *src);

/* The marker file an author puts into honorboard/ to get REPORT.txt and the preview sheets
 * without changing what the board plays: 只预览.txt (or preview-only.txt, any letter case,
 * with or without .txt - Windows hides the extension). */
bool stick_preview_only(const char *bundle_root);

/* Where the preview sheets of an import go: the folder REPORT.txt is written to (the stick's
 * honorboard/, or its root for a near miss), or NULL. Caller frees. */
char *stick_report_dir(const char *src);

#endif
