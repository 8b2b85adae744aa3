/* stick.c - the honorboard/ folder on a stick, in any letter case, and its near misses. */
#include "store/stick.h"
#include "base/util.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Calls fn for each entry of src until it returns true for one that is a real folder (or,
 * with `links`, a symbolic link: never followed); returns that name (caller frees). */
static char *find_entry(const char *src, bool (*fn)(const char *name), bool links)
{
    DIR *d = opendir(src);
    if (!d)
        return NULL;
    char *found = NULL;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !fn(e->d_name))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            (links ? S_ISLNK(st.st_mode) : S_ISDIR(st.st_mode)))
            found = xstrdup(e->d_name);
    }
    closedir(d);
    return found;
}

static char *find_dir(const char *src, bool (*fn)(const char *name))
{
    return find_entry(src, fn, false);
}

static bool exact(const char *name)
{
    return strcasecmp(name, STICK_FOLDER) == 0;
}

/* "Honor Board (2)", "honorboard-副本", "honorbaord", "HONORBOAR": lower-cased, without
 * spaces, '-', '_' and '.', then a copy suffix or a typo of at most two letters. */
static bool near(const char *name)
{
    char norm[128];
    size_t n = 0;
    for (const char *s = name; *s && n < sizeof norm - 1; s++) {
        if (*s == ' ' || *s == '-' || *s == '_' || *s == '.')
            continue;
        norm[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    }
    norm[n] = '\0';
    if (strncmp(norm, STICK_FOLDER, strlen(STICK_FOLDER)) == 0)
        return true;
    if (strcmp(norm, "光荣榜") == 0)
        return true;
    return n >= 7 && n <= 13 && str_distance(norm, STICK_FOLDER) <= 2;
}

char *stick_folder(const char *src)
{
    char *name = find_dir(src, exact);
    if (!name)
        return NULL;
    char *p = path_join(src, name);
    free(name);
    return p;
}

char *stick_folder_link(const char *src)
{
    char *real = find_dir(src, exact);
    if (real) {
        free(real);
        return NULL;
    }
    return find_entry(src, exact, true);
}

int stick_open_folder(const char *dir)
{
    return open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

char *stick_near_miss(const char *src)
{
    char *name = find_dir(src, exact);
    if (!name)
        name = find_entry(src, exact, true); /* a link is no near miss: it is refused */
    if (name) {
        free(name);
        return NULL;
    }
    return find_dir(src, near);
}

bool stick_is_for_us(const char *src)
{
    char *a = find_dir(src, exact);
    if (!a)
        a = find_entry(src, exact, true); /* a link: answered with a refusal */
    char *b = a ? NULL : find_dir(src, near);
    bool yes = a || b;
    free(a);
    free(b);
    return yes;
}

static bool preview_marker(const char *name)
{
    static const char *const names[] = {"只预览", "只预览.txt", "preview-only", "preview-only.txt"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(name, names[i]) == 0)
            return true;
    return false;
}

bool stick_preview_only(const char *bundle_root)
{
    DIR *d = opendir(bundle_root);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)))
        found = preview_marker(e->d_name);
    closedir(d);
    return found;
}

char *stick_report_dir(const char *src)
{
    char *f = stick_folder(src);
    if (f)
        return f;
    char *near = stick_near_miss(src);
    if (!near)
        near = stick_folder_link(src); /* the refusal goes to the stick's root, not through it */
    if (near) {
        free(near);
        return xstrdup(src);
    }
    return NULL;
}
