/* playlist_values.c - the playlist format's words and value syntax, apart from YAML: slide
 * type and transition names, durations ("12s", "1.5s", "500ms", "2m"), colours ("#RRGGBB",
 * "#RRGGBBAA", "#RGB"). playlist.c parses documents with them. */
#include "model/playlist_values.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KIND_NAME(ID, name) [SLIDE_##ID] = #name,
const char *const slide_type_names[SLIDE_TYPE_COUNT] = {SLIDE_KINDS(KIND_NAME)};
#undef KIND_NAME
#define TRANSITION_NAME(ID, name, fn) [TRANS_##ID] = name,
const char *const transition_names[TRANS_COUNT] = {TRANSITIONS(TRANSITION_NAME)};
#undef TRANSITION_NAME

int playlist_parse_duration(const char *s, double *seconds)
{
    if (!s || !*s)
        return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v) || v < 0)
        return -1;
    while (*end == ' ')
        end++;
    if (*end == '\0' || strcmp(end, "s") == 0)
        ; /* seconds */
    else if (strcmp(end, "ms") == 0)
        v /= 1000.0;
    else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
        v *= 60.0;
    else
        return -1;
    *seconds = v;
    return 0;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

int playlist_parse_color(const char *s, struct color *c)
{
    if (!s || s[0] != '#')
        return -1;
    size_t n = strlen(s + 1);
    int v[8];
    for (size_t i = 0; i < n && i < 8; i++)
        if ((v[i] = hexval(s[1 + i])) < 0)
            return -1;
    if (n == 3) {
        *c = (struct color){(uint8_t)(v[0] * 17), (uint8_t)(v[1] * 17), (uint8_t)(v[2] * 17), 255};
    } else if (n == 6 || n == 8) {
        c->r = (uint8_t)(v[0] * 16 + v[1]);
        c->g = (uint8_t)(v[2] * 16 + v[3]);
        c->b = (uint8_t)(v[4] * 16 + v[5]);
        c->a = n == 8 ? (uint8_t)(v[6] * 16 + v[7]) : 255;
    } else {
        return -1;
    }
    return 0;
}

int playlist_transition_by_name(const char *s)
{
    for (int i = 0; i < TRANS_COUNT; i++)
        if (strcmp(s, transition_names[i]) == 0)
            return i;
    return -1;
}
