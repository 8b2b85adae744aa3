/* player.c - placeholder until the player lands. */
#include "player.h"
#include <stdio.h>
int player_main(int argc, char **argv, int unused)
{
    (void)argc, (void)argv, (void)unused;
    fputs("honorboard play: not yet\n", stderr);
    return 2;
}
