/* fakedpms.c - the DPMS calls of libXext.so.6 and nothing else, for test_screenpower: no X server
 * Debian 12 can run without a monitor (Xvfb, Xorg's dummy driver, Xvnc) offers DPMS, so the test
 * hands the board this library (HONORBOARD_LIBXEXT) and reads what the board asked of it from the
 * file $FAKEDPMS_STATE: "enabled=E level=L calls=N" (level 0 on, 3 off). */
#include <stdio.h>
#include <stdlib.h>

static int enabled, level, calls;

static void save(void)
{
    const char *p = getenv("FAKEDPMS_STATE");
    FILE *f = p ? fopen(p, "w") : NULL;
    if (f) {
        fprintf(f, "enabled=%d level=%d calls=%d\n", enabled, level, ++calls);
        fclose(f);
    }
}

int DPMSQueryExtension(void *dpy, int *ev, int *er)
{
    (void)dpy;
    *ev = *er = 0;
    return 1;
}

int DPMSCapable(void *dpy)
{
    (void)dpy;
    return 1;
}

int DPMSInfo(void *dpy, unsigned short *lvl, unsigned char *on)
{
    (void)dpy;
    *lvl = (unsigned short)level;
    *on = (unsigned char)enabled;
    return 1;
}

int DPMSEnable(void *dpy)
{
    (void)dpy;
    enabled = 1;
    save();
    return 1;
}

int DPMSDisable(void *dpy)
{
    (void)dpy;
    enabled = 0;
    save();
    return 1;
}

int DPMSForceLevel(void *dpy, unsigned short lvl)
{
    (void)dpy;
    if (!enabled)
        return 0; /* the real server answers BadMatch */
    level = lvl;
    save();
    return 1;
}
