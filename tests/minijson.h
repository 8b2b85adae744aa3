/* minijson.h - a small JSON reader for tests: parses a whole document into a tree of nodes
 * (objects keep their keys in order). Enough for honorboard's own --layout-json; not a general
 * validator. Header-only (static), like testutil.h. */
#ifndef HB_MINIJSON_H
#define HB_MINIJSON_H

#include <stdlib.h>
#include <string.h>

enum mj_type { MJ_NULL, MJ_BOOL, MJ_NUM, MJ_STR, MJ_ARR, MJ_OBJ };

struct mj {
    enum mj_type type;
    char *key;  /* member name inside an object, else NULL */
    char *str;  /* MJ_STR */
    double num; /* MJ_NUM, MJ_BOOL */
    struct mj *kids;
    size_t n;
};

static const char *mj_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

static const char *mj_string(const char *p, char **out)
{
    size_t cap = 16, n = 0;
    char *s = malloc(cap);
    for (p++; *p && *p != '"'; p++) {
        char c = *p;
        if (c == '\\') {
            c = *++p;
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
            if (*p == 'u') { /* ASCII escapes only (control characters) */
                c = (char)strtol((char[]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
                p += 4;
            }
        }
        if (n + 2 > cap)
            s = realloc(s, cap *= 2);
        s[n++] = c;
    }
    s[n] = 0;
    *out = s;
    return *p ? p + 1 : p;
}

static const char *mj_value(const char *p, struct mj *v);

static const char *mj_list(const char *p, struct mj *v, char close, int with_keys)
{
    size_t cap = 0;
    p = mj_ws(p + 1);
    while (*p && *p != close) {
        if (v->n == cap)
            v->kids = realloc(v->kids, (cap = cap ? cap * 2 : 8) * sizeof *v->kids);
        struct mj *k = &v->kids[v->n++];
        memset(k, 0, sizeof *k);
        if (with_keys) {
            p = mj_string(mj_ws(p), &k->key);
            p = mj_ws(p);
            p = *p == ':' ? p + 1 : p;
        }
        char *key = k->key;
        p = mj_value(mj_ws(p), k);
        k->key = key;
        p = mj_ws(p);
        if (*p == ',')
            p = mj_ws(p + 1);
    }
    return *p ? p + 1 : p;
}

static const char *mj_value(const char *p, struct mj *v)
{
    p = mj_ws(p);
    if (*p == '{') {
        v->type = MJ_OBJ;
        return mj_list(p, v, '}', 1);
    }
    if (*p == '[') {
        v->type = MJ_ARR;
        return mj_list(p, v, ']', 0);
    }
    if (*p == '"') {
        v->type = MJ_STR;
        return mj_string(p, &v->str);
    }
    if (!strncmp(p, "true", 4) || !strncmp(p, "false", 5)) {
        v->type = MJ_BOOL;
        v->num = *p == 't';
        return p + (*p == 't' ? 4 : 5);
    }
    if (!strncmp(p, "null", 4)) {
        v->type = MJ_NULL;
        return p + 4;
    }
    char *end;
    v->type = MJ_NUM;
    v->num = strtod(p, &end);
    return end > p ? end : p + 1;
}

/* Parses text; the caller frees with mj_free(). */
static struct mj *mj_parse(const char *text)
{
    struct mj *v = calloc(1, sizeof *v);
    mj_value(text, v);
    return v;
}

static void mj_clear(struct mj *v)
{
    for (size_t i = 0; i < v->n; i++)
        mj_clear(&v->kids[i]);
    free(v->kids), free(v->key), free(v->str);
}

static void mj_free(struct mj *v)
{
    if (v)
        mj_clear(v);
    free(v);
}

/* Member key of object v, or NULL. */
static const struct mj *mj_get(const struct mj *v, const char *key)
{
    for (size_t i = 0; v && v->type == MJ_OBJ && i < v->n; i++)
        if (!strcmp(v->kids[i].key, key))
            return &v->kids[i];
    return NULL;
}

static double mj_num(const struct mj *v, const char *key)
{
    const struct mj *k = mj_get(v, key);
    return k ? k->num : 0;
}

static const char *mj_str(const struct mj *v, const char *key)
{
    const struct mj *k = mj_get(v, key);
    return k && k->type == MJ_STR ? k->str : "";
}

#endif
