/* stick.h - finding the honorboard/ folder on a USB stick as FAT and Windows show it: any
 * letter case (FAT tools upper-case names), and near misses (Honorbaord, honorboard (2),
 * "honor board") that deserve a REPORT.txt at the stick's root saying the right name. */
#ifndef HB_STICK_H
#define HB_STICK_H

#include <stdbool.h>

/* The folder the board's content lives in: "honorboard". */
#define STICK_FOLDER "honorboard"

/* SRC/honorboard in whatever letter case it exists, or NULL. Caller frees. */
char *stick_folder(const char *src);
/* The name of a folder in SRC that looks meant to be honorboard/ but is not (when no real one
 * exists), or NULL. Caller frees. */
char *stick_near_miss(const char *src);
/* Either of the above: a drive the board should answer (import, or explain). */
bool stick_is_for_us(const char *src);

#endif
