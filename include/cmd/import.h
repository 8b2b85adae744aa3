/* import.h - `honorboard import`: take a content bundle into the store by hand, or roll back. */
#ifndef HB_IMPORT_H
#define HB_IMPORT_H

int import_main(int argc, char **argv);

#endif
