/* displaypower.c - the display switched off in screen-off hours: DPMS through the X server
 * (libX11 and libXext, loaded at run time), DPMS through the KMS connector's property (libdrm,
 * when SDL drives the screen without X), and HDMI-CEC standby (libcec, loaded at run time, on
 * its own thread: finding and opening an adapter takes seconds). Whatever is missing is said
 * once; the frame loop's black page stays underneath all of them. */
#include "board/displaypower.h"
#include "base/util.h"
#include "model/config.h"

#include <SDL_syswm.h>
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>
#include <dlfcn.h>
#include <libcec/cecc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xf86drmMode.h>

#define X11_SONAME "libX11.so.6"
#define XEXT_SONAME "libXext.so.6"
#define DRM_SONAME "libdrm.so.2"
#define CEC_SONAME "libcec.so.6"

/* How each way got on, so that each is said in the log once. */
enum way_state { WAY_UNTRIED, WAY_READY, WAY_ABSENT };

struct x11dpms {
    enum way_state state;
    Display *dpy;
    bool was_enabled; /* DPMS as the X server had it before the board forced it */
    __typeof__(XOpenDisplay) *open;
    __typeof__(XCloseDisplay) *close;
    __typeof__(XSync) *sync;
    __typeof__(DPMSQueryExtension) *query;
    __typeof__(DPMSCapable) *capable;
    __typeof__(DPMSInfo) *info;
    __typeof__(DPMSEnable) *enable;
    __typeof__(DPMSDisable) *disable;
    __typeof__(DPMSForceLevel) *force;
};

struct kmsdpms {
    enum way_state state;
    int fd;
    uint32_t connector, prop; /* the connected connector and its "DPMS" property */
    __typeof__(drmModeConnectorSetProperty) *set;
};

struct cec {
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool want_on, done_on, quit; /* asked for, and last sent */
    libcec_connection_t conn;
    void *lib;
};

struct displaypower {
    SDL_Window *win;
    bool off, dpms_off, none_said;
    struct x11dpms x;
    struct kmsdpms k;
    struct cec c;
};

static void *sym(void *lib, const char *name, bool *all)
{
    void *f = lib ? dlsym(lib, name) : NULL;
    if (!f)
        *all = false;
    return f;
}

/* ---- DPMS through the X server ---- */

static bool x11_ready(struct x11dpms *x)
{
    x->state = WAY_ABSENT;
    const char *xext = getenv("HONORBOARD_LIBXEXT"); /* tests: the DPMS calls of a fake */
    void *xl = dlopen(X11_SONAME, RTLD_NOW | RTLD_LOCAL);
    void *xe = dlopen(xext && *xext ? xext : XEXT_SONAME, RTLD_NOW | RTLD_LOCAL);
    bool all = xl && xe;
    x->open = (__typeof__(x->open))sym(xl, "XOpenDisplay", &all);
    x->close = (__typeof__(x->close))sym(xl, "XCloseDisplay", &all);
    x->sync = (__typeof__(x->sync))sym(xl, "XSync", &all);
    x->query = (__typeof__(x->query))sym(xe, "DPMSQueryExtension", &all);
    x->capable = (__typeof__(x->capable))sym(xe, "DPMSCapable", &all);
    x->info = (__typeof__(x->info))sym(xe, "DPMSInfo", &all);
    x->enable = (__typeof__(x->enable))sym(xe, "DPMSEnable", &all);
    x->disable = (__typeof__(x->disable))sym(xe, "DPMSDisable", &all);
    x->force = (__typeof__(x->force))sym(xe, "DPMSForceLevel", &all);
    int ev, er;
    if (!all) {
        const char *why = dlerror(); /* NULL when a symbol was missing, not a library */
        fprintf(stderr, "honorboard: DPMS: cannot load %s and %s (%s): the screen is only black\n",
                X11_SONAME, XEXT_SONAME, why ? why : "a function is missing");
    } else if (!(x->dpy = x->open(NULL))) {
        fprintf(stderr, "honorboard: DPMS: cannot open the X display: the screen is only black\n");
    } else if (!x->query(x->dpy, &ev, &er) || !x->capable(x->dpy)) {
        fprintf(stderr, "honorboard: DPMS: the X server does not offer it: the screen is only "
                        "black\n");
        x->close(x->dpy);
        x->dpy = NULL;
    } else {
        fprintf(stderr, "honorboard: DPMS: the X server switches the monitor off in screen-off "
                        "hours\n");
        x->state = WAY_READY; /* the libraries stay loaded: the connection uses them */
        return true;
    }
    if (xe)
        dlclose(xe);
    if (xl)
        dlclose(xl);
    return false;
}

static void x11_set(struct x11dpms *x, bool on, bool change)
{
    CARD16 level = 0;
    BOOL enabled = False;
    if (change && !on) { /* remember whether DPMS was on, to leave it so afterwards */
        x->info(x->dpy, &level, &enabled);
        x->was_enabled = enabled;
    }
    if (!on)
        x->enable(x->dpy); /* forcing a level needs DPMS enabled */
    x->force(x->dpy, on ? DPMSModeOn : DPMSModeOff);
    if (on && change && !x->was_enabled)
        x->disable(x->dpy); /* its own timeouts must not blank the board in the day */
    x->sync(x->dpy, False);
}

/* ---- DPMS through the KMS connector (SDL's kmsdrm driver, no X) ---- */

static bool kms_find(struct kmsdpms *k, void *lib)
{
    bool all = true;
    __typeof__(drmModeGetResources) *res_get = sym(lib, "drmModeGetResources", &all);
    __typeof__(drmModeFreeResources) *res_free = sym(lib, "drmModeFreeResources", &all);
    __typeof__(drmModeGetConnector) *con_get = sym(lib, "drmModeGetConnector", &all);
    __typeof__(drmModeFreeConnector) *con_free = sym(lib, "drmModeFreeConnector", &all);
    __typeof__(drmModeGetProperty) *prop_get = sym(lib, "drmModeGetProperty", &all);
    __typeof__(drmModeFreeProperty) *prop_free = sym(lib, "drmModeFreeProperty", &all);
    k->set = sym(lib, "drmModeConnectorSetProperty", &all);
    drmModeRes *res = all ? res_get(k->fd) : NULL;
    for (int i = 0; res && i < res->count_connectors && !k->prop; i++) {
        drmModeConnector *con = con_get(k->fd, res->connectors[i]);
        for (int j = 0; con && con->connection == DRM_MODE_CONNECTED && j < con->count_props; j++) {
            drmModePropertyRes *p = prop_get(k->fd, con->props[j]);
            if (p && strcmp(p->name, "DPMS") == 0)
                k->connector = con->connector_id, k->prop = p->prop_id;
            prop_free(p);
        }
        con_free(con);
    }
    if (res)
        res_free(res);
    return k->prop != 0;
}

static bool kms_ready(struct kmsdpms *k, int fd)
{
    k->state = WAY_ABSENT;
    k->fd = fd;
    void *lib = dlopen(DRM_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib && kms_find(k, lib)) {
        fprintf(stderr, "honorboard: DPMS: the display's connector is switched off in "
                        "screen-off hours\n");
        k->state = WAY_READY;
        return true;
    }
    fprintf(stderr, "honorboard: DPMS: %s: the screen is only black\n",
            lib ? "no connected connector with a DPMS property" : "cannot load " DRM_SONAME);
    if (lib)
        dlclose(lib);
    return false;
}

/* ---- HDMI-CEC standby (libcec), on a thread of its own ---- */

static bool cec_open(struct cec *c)
{
    if (!(c->lib = dlopen(CEC_SONAME, RTLD_NOW | RTLD_LOCAL))) {
        fprintf(stderr,
                "honorboard: HDMI-CEC: %s is not installed (Debian package libcec6): the "
                "TV is not put in standby\n",
                CEC_SONAME);
        return false;
    }
    bool all = true;
    __typeof__(libcec_clear_configuration) *clear = sym(c->lib, "libcec_clear_configuration", &all);
    __typeof__(libcec_initialise) *init = sym(c->lib, "libcec_initialise", &all);
    __typeof__(libcec_find_adapters) *find = sym(c->lib, "libcec_find_adapters", &all);
    __typeof__(libcec_open) *open_ = sym(c->lib, "libcec_open", &all);
    if (!all) {
        fprintf(stderr,
                "honorboard: HDMI-CEC: %s lacks a function: the TV is not put in "
                "standby\n",
                CEC_SONAME);
        return false;
    }
    libcec_configuration cfg;
    clear(&cfg);
    cfg.clientVersion = LIBCEC_VERSION_CURRENT;
    cfg.bActivateSource = 0;
    cfg.deviceTypes.types[0] = CEC_DEVICE_TYPE_PLAYBACK_DEVICE;
    snprintf(cfg.strDeviceName, sizeof cfg.strDeviceName, "honorboard");
    cec_adapter found[4];
    c->conn = init(&cfg);
    int8_t n = c->conn ? find(c->conn, found, 4, NULL) : -1;
    if (n <= 0 || !open_(c->conn, found[0].comm, 10000)) {
        fprintf(stderr, "honorboard: HDMI-CEC: %s: the TV is not put in standby\n",
                n <= 0 ? "no CEC adapter found" : "the CEC adapter cannot be opened");
        /* not libcec_destroy(): libcec 6.0.2's own thread still runs after it and crashes
         * the board (seen here with no adapter); the connection is kept, unused */
        return false;
    }
    fprintf(stderr,
            "honorboard: HDMI-CEC: the TV is put in standby in screen-off hours "
            "(adapter %s)\n",
            found[0].comm);
    return true;
}

static void *cec_main(void *arg)
{
    struct cec *c = arg;
    bool ready = cec_open(c);
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->quit && c->want_on == c->done_on)
            pthread_cond_wait(&c->cv, &c->mu);
        bool on = c->want_on;
        if (c->quit && on == c->done_on)
            break;
        c->done_on = on;
        pthread_mutex_unlock(&c->mu);
        if (ready && on) {
            ((__typeof__(libcec_power_on_devices) *)dlsym(c->lib, "libcec_power_on_devices"))(
                c->conn, CECDEVICE_TV);
            ((__typeof__(libcec_set_active_source) *)dlsym(c->lib, "libcec_set_active_source"))(
                c->conn, CEC_DEVICE_TYPE_RESERVED);
        } else if (ready) {
            ((__typeof__(libcec_standby_devices) *)dlsym(c->lib, "libcec_standby_devices"))(
                c->conn, CECDEVICE_TV);
        }
        pthread_mutex_lock(&c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    if (ready) /* closed, not destroyed (see cec_open()) */
        ((__typeof__(libcec_close) *)dlsym(c->lib, "libcec_close"))(c->conn);
    return NULL; /* libcec stays loaded: its own threads may still be winding down */
}

static void cec_set(struct cec *c, bool on)
{
    if (!c->started) {
        if (on)
            return; /* never used: the TV is as it was */
        c->done_on = true;
        c->want_on = true;
        pthread_mutex_init(&c->mu, NULL);
        pthread_cond_init(&c->cv, NULL);
        c->started = pthread_create(&c->thread, NULL, cec_main, c) == 0;
        if (!c->started)
            return;
    }
    pthread_mutex_lock(&c->mu);
    c->want_on = on;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

/* ---- the display ---- */

static bool dpms_ready(struct displaypower *p);

struct displaypower *displaypower_create(SDL_Window *win, int ways)
{
    struct displaypower *p = xcalloc(1, sizeof *p);
    p->win = win;
    if (ways & CONFIG_POWER_DPMS) /* dlopen() reads files: here, not on the frame thread */
        dpms_ready(p);
    return p;
}

/* DPMS the way the video driver allows: through X, or the KMS connector; said once when none. */
static bool dpms_ready(struct displaypower *p)
{
    if (p->x.state == WAY_READY || p->k.state == WAY_READY)
        return true;
    if (p->x.state == WAY_ABSENT || p->k.state == WAY_ABSENT || p->none_said)
        return false;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    bool known = p->win && SDL_GetWindowWMInfo(p->win, &info);
    if (known && info.subsystem == SDL_SYSWM_X11)
        return x11_ready(&p->x);
    if (known && info.subsystem == SDL_SYSWM_KMSDRM)
        return kms_ready(&p->k, info.info.kmsdrm.drm_fd);
    const char *drv = SDL_GetCurrentVideoDriver();
    fprintf(stderr,
            "honorboard: DPMS: not through SDL's %s video driver: the screen is only black\n",
            drv ? drv : "(none)");
    p->none_said = true;
    return false;
}

void displaypower_set(struct displaypower *p, bool on, int ways)
{
    if (on && !p->off)
        return;                 /* on already */
    bool change = on == p->off; /* else: off again (DPMS forced once more) */
    if (!on && change) /* SDL keeps the monitor awake (it resets the X screen saver every 30 s
                        * while the saver is disabled): let the screen sleep while it is off */
        SDL_EnableScreenSaver();
    if ((on ? p->dpms_off : (ways & CONFIG_POWER_DPMS) != 0) && dpms_ready(p)) {
        if (p->k.state == WAY_READY)
            p->k.set(p->k.fd, p->k.connector, p->k.prop, on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF);
        else
            x11_set(&p->x, on, change);
        p->dpms_off = !on;
    }
    if (change && (on ? p->c.started : (ways & CONFIG_POWER_CEC) != 0))
        cec_set(&p->c, on);
    if (on)
        SDL_DisableScreenSaver();
    p->off = !on;
}

void displaypower_destroy(struct displaypower *p)
{
    if (!p)
        return;
    displaypower_set(p, true, 0); /* what was switched off is switched on */
    if (p->c.started) {
        pthread_mutex_lock(&p->c.mu);
        p->c.quit = true;
        pthread_cond_signal(&p->c.cv);
        pthread_mutex_unlock(&p->c.mu);
        pthread_join(p->c.thread, NULL);
        pthread_mutex_destroy(&p->c.mu);
        pthread_cond_destroy(&p->c.cv);
    }
    if (p->x.dpy)
        p->x.close(p->x.dpy);
    free(p);
}
