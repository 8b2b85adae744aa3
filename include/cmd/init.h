/* init.h - `honorboard init DIR`: a commented Chinese template playlist and a photos/ folder
 * for a new author, which passes `check` as written. */
#ifndef HB_INIT_H
#define HB_INIT_H

/* The template's file name in DIR. */
#define INIT_PLAYLIST_NAME "01-光荣榜.yaml"

int init_main(int argc, char **argv);

#endif
