/* i18n.h - messages in the author's language (gettext, catalogue under assets/locale).
 *
 * Source strings are English; assets/po/zh_CN.po holds their Chinese. Commands pick the
 * language from LANGUAGE/LC_ALL/LC_MESSAGES/LANG (zh... -> Chinese), the board from its config
 * (`language:`, default zh-CN). It works where no Chinese locale is generated (a fresh Debian
 * has only C.UTF-8): the catalogue is chosen by honorboard, not by setlocale(). */
#ifndef HB_I18N_H
#define HB_I18N_H

#include <stdbool.h>

/* A translatable message: looked up when called. The string returned is static. */
#define _(s) i18n_gettext(s)
/* Marks a string for extraction without translating it here (tables). */
#define N_(s) (s)

/* The translation of msgid (msgid itself when there is none): static, never freed. */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));
/* "1 error" / "2 errors": the form for n, in the current language (static, or one or many). */
const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* Chooses the language from the environment (commands). Call once at start, before threads. */
void i18n_init_from_env(void);
/* "zh", "zh-CN", "zh_CN.UTF-8" ... -> Chinese; anything else (or NULL) -> English.
 * The first call comes before threads start (the board: from its config); later ones (a
 * reload of the config, on another thread) switch in place: LANGUAGE then always exists. */
void i18n_set_language(const char *lang);
bool i18n_chinese(void);

#endif
