/* mpvlib.c - libmpv, loaded when the first clip is opened instead of at start. libmpv links
 * FFmpeg's codecs and filters, librsvg, GnuTLS, speech synthesisers and more: 34 MB of
 * resident memory at start-up (a third of the process) that a board showing no film never
 * uses. The mpv_* functions video.c calls are defined here, with the library's own
 * prototypes, and forward to it. The program is not linked with libmpv, so these are the only
 * definitions it sees; the executable does not export them, so libmpv's own calls stay inside
 * libmpv. */
#include "film/mpvlib.h"

#include <dlfcn.h>
#include <iconv.h>
#include <mpv/client.h>
#include <mpv/render.h>
#include <pthread.h>
#include <stdio.h>

/* the soname follows the client API's major version */
#if MPV_CLIENT_API_VERSION >> 16 == 2
#define MPV_SONAME "libmpv.so.2"
#elif MPV_CLIENT_API_VERSION >> 16 == 1
#define MPV_SONAME "libmpv.so.1"
#else
#error "a libmpv client API this file does not know"
#endif

/* Every function used: its name, and the pointer it is called through. */
// clang-format off
#define MPV_FUNCTIONS(X) \
    X(mpv_create) \
    X(mpv_initialize) \
    X(mpv_terminate_destroy) \
    X(mpv_error_string) \
    X(mpv_free) \
    X(mpv_command) \
    X(mpv_set_option_string) \
    X(mpv_set_property) \
    X(mpv_set_property_string) \
    X(mpv_get_property) \
    X(mpv_get_property_string) \
    X(mpv_request_log_messages) \
    X(mpv_wait_event) \
    X(mpv_render_context_create) \
    X(mpv_render_context_free) \
    X(mpv_render_context_render) \
    X(mpv_render_context_update) \
    X(mpv_observe_property) \
    X(mpv_hook_add) \
    X(mpv_hook_continue) \
    X(mpv_render_context_set_update_callback)
// clang-format on

static struct {
#define SLOT(name) __typeof__(name) *name;
    MPV_FUNCTIONS(SLOT)
#undef SLOT
} fn;
static bool loaded;
static char why[256] = "libmpv is not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    void *lib = dlopen(MPV_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(why, sizeof why, "cannot load %s: %s", MPV_SONAME, dlerror());
        fprintf(stderr, "honorboard: %s\n", why);
        return;
    }
    bool all = true;
#define FIND(name)                                                                                 \
    if (!(fn.name = (__typeof__(name) *)dlsym(lib, #name))) {                                      \
        snprintf(why, sizeof why, "%s has no %s", MPV_SONAME, #name);                              \
        all = false;                                                                               \
    }
    MPV_FUNCTIONS(FIND)
#undef FIND
    if (!all) {
        fprintf(stderr, "honorboard: %s\n", why);
        dlclose(lib);
        return;
    }
    loaded = true; /* never unloaded: its threads may outlive a clip (video_destroy_later) */
}

bool mpvlib_load(void)
{
    pthread_once(&once, load);
    return loaded;
}

/* The character sets lavf's MPEG-TS demuxer converts a stream's service and provider names
 * from (mpegts.c, getstr8: a DVB string's first bytes name one): glibc's iconv_open() maps the
 * converter's code from /usr/lib/.../gconv the first time one is asked for. */
static const char *const dvb_charsets[] = {
    "ISO6937",     "ISO-8859-1",  "ISO-8859-2",  "ISO-8859-3", "ISO-8859-4",  "ISO-8859-5",
    "ISO-8859-6",  "ISO-8859-7",  "ISO-8859-8",  "ISO-8859-9", "ISO-8859-10", "ISO-8859-11",
    "ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "UCS-2BE",    "KSC_5601",    "GB2312",
};

bool mpvlib_load_for_confinement(void)
{
    /* kept open for the life of the process: glibc unloads a converter nobody holds, and the
     * next iconv_open() would map its code again, which the confined process may not */
    for (size_t i = 0; i < sizeof dvb_charsets / sizeof *dvb_charsets; i++)
        (void)iconv_open("UTF-8", dvb_charsets[i]);
    return mpvlib_load();
}

mpv_handle *mpv_create(void)
{
    return mpvlib_load() ? fn.mpv_create() : NULL;
}

/* The rest are only called with a handle mpv_create() made, so the library is loaded; the
 * error string also answers before (a failed mpv_create() is reported with it). */
const char *mpv_error_string(int error)
{
    return mpvlib_load() ? fn.mpv_error_string(error) : why;
}

int mpv_initialize(mpv_handle *ctx)
{
    return fn.mpv_initialize(ctx);
}

void mpv_terminate_destroy(mpv_handle *ctx)
{
    fn.mpv_terminate_destroy(ctx);
}

void mpv_free(void *data)
{
    if (loaded)
        fn.mpv_free(data);
}

int mpv_command(mpv_handle *ctx, const char **args)
{
    return fn.mpv_command(ctx, args);
}

int mpv_set_option_string(mpv_handle *ctx, const char *name, const char *data)
{
    return fn.mpv_set_option_string(ctx, name, data);
}

int mpv_set_property(mpv_handle *ctx, const char *name, mpv_format format, void *data)
{
    return fn.mpv_set_property(ctx, name, format, data);
}

int mpv_get_property(mpv_handle *ctx, const char *name, mpv_format format, void *data)
{
    return fn.mpv_get_property(ctx, name, format, data);
}

char *mpv_get_property_string(mpv_handle *ctx, const char *name)
{
    return fn.mpv_get_property_string(ctx, name);
}

int mpv_request_log_messages(mpv_handle *ctx, const char *min_level)
{
    return fn.mpv_request_log_messages(ctx, min_level);
}

mpv_event *mpv_wait_event(mpv_handle *ctx, double timeout)
{
    return fn.mpv_wait_event(ctx, timeout);
}

int mpv_render_context_create(mpv_render_context **res, mpv_handle *mpv, mpv_render_param *params)
{
    return fn.mpv_render_context_create(res, mpv, params);
}

void mpv_render_context_free(mpv_render_context *ctx)
{
    fn.mpv_render_context_free(ctx);
}

int mpv_render_context_render(mpv_render_context *ctx, mpv_render_param *params)
{
    return fn.mpv_render_context_render(ctx, params);
}

uint64_t mpv_render_context_update(mpv_render_context *ctx)
{
    return fn.mpv_render_context_update(ctx);
}

int mpv_observe_property(mpv_handle *mpv, uint64_t reply_userdata, const char *name,
                         mpv_format format)
{
    return fn.mpv_observe_property(mpv, reply_userdata, name, format);
}

void mpv_render_context_set_update_callback(mpv_render_context *ctx, mpv_render_update_fn callback,
                                            void *callback_ctx)
{
    fn.mpv_render_context_set_update_callback(ctx, callback, callback_ctx);
}

int mpv_hook_add(mpv_handle *ctx, uint64_t reply_userdata, const char *name, int priority)
{
    return fn.mpv_hook_add(ctx, reply_userdata, name, priority);
}

int mpv_hook_continue(mpv_handle *ctx, uint64_t id)
{
    return fn.mpv_hook_continue(ctx, id);
}

int mpv_set_property_string(mpv_handle *ctx, const char *name, const char *data)
{
    return fn.mpv_set_property_string(ctx, name, data);
}
