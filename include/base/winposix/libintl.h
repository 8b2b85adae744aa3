/* libintl.h for the Windows build: the .mo catalogue read by src/base/compat_win.c (one
 * domain, the catalogue of the language honorboard chose; no gettext runtime to ship). */
#ifndef HB_WIN_LIBINTL_H
#define HB_WIN_LIBINTL_H
char *bindtextdomain(const char *domain, const char *dir);
char *bind_textdomain_codeset(const char *domain, const char *codeset);
char *dgettext(const char *domain, const char *msgid);
char *dngettext(const char *domain, const char *one, const char *many, unsigned long n);
#endif
