/* yamldoc.h - a YAML file loaded with libyaml's document API, and the helpers every schema in
 * honorboard shares (playlists, the config file): positions, typed values, unknown keys with
 * "did you mean", gcc-style messages. libyaml marks start at 0: positions here are 1-based. */
#ifndef HB_YAMLDOC_H
#define HB_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "base/diag.h" /* struct pos */
#include "model/slips.h"

/* file and d are borrowed: they must outlive the ydoc (messages name file, go to d). */
struct ydoc {
    yaml_document_t doc;
    const char *file;
    struct diag *d;
    bool loaded;
    struct slips slips; /* lines with a keyboard slip: other messages there are left out */
    bool syntax_error;  /* ydoc_load() failed on the file's YAML (not its size or bytes) */
};

#define YDOC_NUL_TERMINATED ((size_t)-1)
/* The largest YAML file honorboard reads (a playlist from a stick may be hostile). */
#define YDOC_MAX_BYTES (1u << 20)

/* Parses text; a syntax error is reported (with a plain-words hint) and NULL returned. An empty
 * file also returns NULL, without a message. Release with ydoc_free() in every case. */
yaml_node_t *ydoc_load(struct ydoc *y, const char *file, const char *text, size_t len,
                       struct diag *d);
/* ydoc_load(), and when the file's YAML is broken (each problem already reported), the file
 * read again without the lines the problems are on, one by one, so the keys around them can
 * be used: for the board's config, where "using what could be read" beats losing it all. The
 * positions of what is read are those in the file. NULL when nothing could be read. */
yaml_node_t *ydoc_load_salvage(struct ydoc *y, const char *file, const char *text, size_t len,
                               struct diag *d);
void ydoc_free(struct ydoc *y);

struct pos ydoc_pos(const yaml_node_t *n);
/* "a single value", "a list", "a set of keys": static, in the current language. */
const char *ydoc_kind_name(const yaml_node_t *n);
void ydoc_err(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ydoc_warn(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The scalar's text, or NULL after an error saying a single value was expected. */
const char *ydoc_scalar(struct ydoc *y, yaml_node_t *n, const char *where, const char *key);
/* The scalar as an owned string without trailing newlines. Caller frees. */
char *ydoc_text(struct ydoc *y, yaml_node_t *n, const char *where, const char *key);
yaml_node_t *ydoc_get(struct ydoc *y, yaml_node_t *map, const char *key);
bool ydoc_is_empty(const yaml_node_t *n);
/* Reports unknown keys (with a suggestion from keys or keys2) and duplicate keys. */
void ydoc_check_keys(struct ydoc *y, yaml_node_t *map, const char *where, const char *const *keys,
                     const char *const *keys2);
/* The closest name in list (n names or YDOC_NUL_TERMINATED) if key looks like a typo of it. */
const char *ydoc_suggest(const char *key, const char *const *list, size_t n);
/* A scalar or a list of scalars, as an array of strings (borrowed). Returns the count, or -1
 * after an error. *out is freed by the caller (not the strings). */
int ydoc_strings(struct ydoc *y, yaml_node_t *n, const char *where, const char *key,
                 const char ***out);

#endif
