/* i18n.c - gettext lookup with a language chosen by honorboard (see i18n.h).
 *
 * glibc's gettext honours LANGUAGE only when LC_MESSAGES is not "C"; C.UTF-8 exists on every
 * Debian, so messages run under C.UTF-8 with LANGUAGE=zh_CN and the catalogue bound to
 * assets/locale, and LC_CTYPE C.UTF-8 so glibc's own Chinese (strerror) is not turned into
 * question marks. LC_NUMERIC stays "C" so "1.5s" parses the same everywhere. English is the
 * source text itself: no lookup at all, which also sidesteps gettext's cache when a test
 * switches language. */
#include "base/i18n.h"
#include "base/util.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define I18N_DOMAIN "honorboard"

static bool zh;
static bool bound;
static bool language_saved;
static char *saved_language; /* LANGUAGE as found, restored when switching back to English */

static void bind_catalogue(void)
{
    if (bound)
        return;
    bound = true;
#ifndef _WIN32 /* Windows: the catalogue is read by compat_win.c, whatever the C locale */
    static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", ""};
    for (size_t i = 0; i < sizeof utf8 / sizeof *utf8; i++)
        if (setlocale(LC_MESSAGES, utf8[i])) {
            setlocale(LC_CTYPE, utf8[i]); /* libc's own messages (strerror) in UTF-8, not "???" */
            break;
        }
#endif
    char *assets = hb_assets_dir();
    char *dir = path_join(assets, "locale");
    bindtextdomain(I18N_DOMAIN, dir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    free(dir);
    free(assets);
}

void i18n_set_language(const char *lang)
{
    zh = lang && strncasecmp(lang, "zh", 2) == 0;
    if (!language_saved) {
        language_saved = true;
        saved_language = xstrdup(getenv("LANGUAGE"));
    }
    bind_catalogue(); /* at the first call, in either language: a later switch must not */
    if (zh) {
        setenv("LANGUAGE", "zh_CN", 1);
    } else {
        /* never unset: once the variable exists, a later switch (a reload of the board's config,
         * on another thread) only replaces its value, which glibc does in place, and an empty
         * LANGUAGE is ignored by gettext */
        setenv("LANGUAGE", saved_language ? saved_language : "", 1);
    }
}

void i18n_init_from_env(void)
{
    /* POSIX order: LANGUAGE (a list; its first entry) when a locale is set, then LC_ALL,
     * LC_MESSAGES, LANG. */
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            i18n_set_language(v);
            return;
        }
    }
#ifdef _WIN32
    i18n_set_language(compat_ui_language()); /* no LANG on Windows: the language of its menus */
#else
    i18n_set_language(NULL);
#endif
}

bool i18n_chinese(void)
{
    return zh;
}

const char *i18n_gettext(const char *msgid)
{
    return zh ? dgettext(I18N_DOMAIN, msgid) : msgid;
}

const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
{
    return zh ? dngettext(I18N_DOMAIN, one, many, n) : n == 1 ? one : many;
}
