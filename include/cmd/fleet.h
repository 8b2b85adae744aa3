/* fleet.h - `honorboard fleet DIR [--html OUT]`: every board's outbox (OUTBOX/<name>/status.json
 * and screen.png, carried back to the office by Syncthing or rsync) read from DIR, one line per
 * board - ok, behind, refused, stale or silent - or a self-contained HTML page with the
 * screenshots inline. The exit code is that of the worst board. */
#ifndef HB_FLEET_H
#define HB_FLEET_H

/* What a board is, best first; the exit code of `fleet` is the worst board's. */
enum fleet_state {
    FLEET_OK,      /* exit 0: running, the newest content, nothing refused */
    FLEET_BEHIND,  /* exit 3: plays an older signed version than the newest in the fleet */
    FLEET_REFUSED, /* exit 4: its inbox refused a bundle (the reason is shown) */
    FLEET_STALE,   /* exit 5: no status for longer than --stale (hung, or the sync is late) */
    FLEET_SILENT,  /* exit 6: stopped, no status at all, or none for longer than --silent */
};

int fleet_main(int argc, char **argv);

#endif
