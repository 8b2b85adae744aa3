/* compat_win.h - the POSIX calls honorboard uses that Windows lacks, for the mingw-w64 build
 * (`make windows`; docs/windows.md). The Windows build includes this header first in every file
 * (-include); on Linux it is empty. Paths stay UTF-8 char strings throughout: the program's
 * manifest sets the UTF-8 active code page (packaging/windows/honorboard.manifest), so the
 * C runtime's narrow calls (fopen, stat, opendir) take and give UTF-8 names. */
#ifndef HB_COMPAT_WIN_H
#define HB_COMPAT_WIN_H

#ifdef _WIN32
#include <direct.h>
#include <fcntl.h>
#include <io.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

/* open() flags that have no meaning on Windows (no links, no ttys, no non-blocking files) */
#define O_CLOEXEC (_O_NOINHERIT | _O_BINARY) /* every open() says it: bytes, no CRLF */
#define O_NOFOLLOW 0
#define O_NONBLOCK 0
#define O_NOCTTY 0
#define O_DIRECTORY 0
#define F_GETFL 3
#define F_SETFL 4
#define S_ISLNK(m) 0
#define lstat stat
#define malloc_trim(pad) ((void)(pad)) /* the C runtime's heap has no trim */
#define mkdir(path, mode) _mkdir(path) /* no modes on Windows */

int fcntl(int fd, int cmd, ...);
struct tm *localtime_r(const time_t *t, struct tm *out);
struct tm *gmtime_r(const time_t *t, struct tm *out);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
char *realpath(const char *path, char *resolved);
char *strndup(const char *s, size_t n);
int fsync(int fd);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
void *memmem(const void *hay, size_t hn, const void *needle, size_t nn);
long compat_cpu_count(void);
unsigned long gettid(void);
/* Folder fds: Windows cannot open a folder as an fd, so compat_open_dir() hands out an fd of
 * NUL and notes the folder's path under it; the *at calls below join that path and the name
 * (fileio_open_dir() is open(dir, O_DIRECTORY) on Linux). */
#define AT_FDCWD (-100)
int compat_open_dir(const char *path);
int compat_openat(int dfd, const char *name, int flags, ...);
int compat_unlinkat(int dfd, const char *name, int flags);
int compat_renameat(int olddfd, const char *oldname, int newdfd, const char *newname);
#define openat compat_openat
#define unlinkat compat_unlinkat
#define renameat compat_renameat
/* Only kill(pid, 0): whether the process exists (ESRCH when not). */
int compat_kill(int pid, int sig);
#define kill compat_kill
/* The computer's name (GetComputerName; no winsock needed). */
int compat_gethostname(char *name, int len);
#define gethostname compat_gethostname
/* The program's own file, UTF-8 (for the assets beside it). */
char *compat_exe_path(void);
/* "zh_CN" when Windows speaks Chinese to its user, else "en" (commands' default language). */
const char *compat_ui_language(void);
/* printf with positional arguments ("%2$s"), which the translations use (compat_win.c) */
int compat_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int compat_vasprintf(char **out, const char *fmt, va_list ap);
int compat_snprintf(char *buf, size_t size, const char *fmt, ...);
int compat_vfprintf(FILE *f, const char *fmt, va_list ap);
int compat_fprintf(FILE *f, const char *fmt, ...);
int compat_printf(const char *fmt, ...);
#define vsnprintf compat_vsnprintf
#define vasprintf compat_vasprintf
#define snprintf compat_snprintf
#define vfprintf compat_vfprintf
#define fprintf compat_fprintf
#define printf compat_printf
/* main() itself, renamed by SDL2main, which calls it with the command line in UTF-8. */
int SDL_main(int argc, char *argv[]);
/* Console output in UTF-8 (cmd.exe shows Chinese); call once from main. */
void compat_init_console(void);
#endif

#endif
