/* player.h - `honorboard play`: the lobby screen. */
#ifndef HB_PLAYER_H
#define HB_PLAYER_H

/* argv[0] is "play" (or the program name when called without a command). */
int player_main(int argc, char **argv);

#endif
