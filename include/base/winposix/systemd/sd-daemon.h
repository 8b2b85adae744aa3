/* systemd/sd-daemon.h for the Windows build: no service manager to tell (READY, WATCHDOG). */
#ifndef HB_WIN_SD_DAEMON_H
#define HB_WIN_SD_DAEMON_H
static inline int sd_notify(int unset_environment, const char *state)
{
    (void)unset_environment, (void)state;
    return 0;
}
#endif
