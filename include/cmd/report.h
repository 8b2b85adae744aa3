/* report.h - `honorboard report LOG... [--from DATE] [--until DATE] [--board NAME] [--csv |
 * --html OUT]`: proof of play. Per day, board, playlist (its title) and slide (its title), how
 * often it was on screen and for how long, from the "slide" lines of the logs (one per page
 * shown, with its start and seconds on screen): a table, CSV, or a printable HTML page. */
#ifndef HB_REPORT_H
#define HB_REPORT_H

int report_main(int argc, char **argv);

#endif
