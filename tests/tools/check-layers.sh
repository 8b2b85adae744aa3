#!/bin/sh
# check-layers.sh - the house's layers (issue 14), read from README.md's source map ("## The
# source": the table | layer | file | its one job |, bottom layer first). Fails (exit 1) when
#   - a file in src/ is missing from the map, or the map names a file that is not there
#     (README's source map must match the house);
#   - a header in include/ has no layer: it belongs to src/NAME.c's row, or is named in a row;
#   - any src/*.c or include/*.h includes a header of a HIGHER layer;
#   - rooms include each other in a circle (a room: src/NAME.c with include/NAME.h; an edge A ->
#     B when a file of A includes B's header).
# Only `#include "..."` lines are read (system headers are not the house's). Run from the top of
# the tree: `make lint` (part of `make test`).
README=${1:-README.md}
awk -v readme="$README" '
function die(msg) { print "check-layers: " msg; bad = 1 }
function stem(p,    s) { s = p; sub(/.*\//, "", s); sub(/\.[ch]$/, "", s); return s }
BEGIN {
    # 1. the map: layer of every file named in the source table
    insec = 0; nlayers = 0
    while ((getline line < readme) > 0) {
        if (line ~ /^## The source/) { insec = 1; continue }
        if (insec && line ~ /^## /) break
        if (!insec || line !~ /^\|/ || line ~ /^\| *(layer|---)/) continue
        split(line, cell, "|")
        lay = cell[2]; gsub(/^ +| +$/, "", lay)
        if (lay != "") { cur = lay; if (!(cur in rank)) rank[cur] = ++nlayers }
        files = cell[3]
        while (match(files, /`(src|include)\/[A-Za-z0-9_]+\.[ch]`/)) {
            f = substr(files, RSTART + 1, RLENGTH - 2); files = substr(files, RSTART + RLENGTH)
            layer[f] = cur; named[f] = 1
        }
    }
    if (!nlayers) { die(readme ": no source map table under \"## The source\""); exit 1 }
    # 2. every file of the house, with its layer
    cmd = "ls src/*.c include/*.h"
    while ((cmd | getline f) > 0) { exists[f] = 1; all[++nall] = f }
    close(cmd)
    for (f in named) if (!(f in exists)) die(readme ": the source map names " f ", which is not in the tree")
    for (i = 1; i <= nall; i++) {
        f = all[i]; s = stem(f)
        if (f ~ /^src\//) {
            if (!(f in layer)) die(f ": not in " readme "'"'"'s source map: add a row saying its one job and layer")
            room[f] = s
        } else {
            c = "src/" s ".c"
            if (!(f in layer) && (c in layer)) layer[f] = layer[c]
            if (!(f in layer)) die(f ": has no layer: name it in " readme "'"'"'s source map, or give it a src/" s ".c")
            room[f] = s
        }
    }
    # 3. includes
    for (i = 1; i <= nall; i++) {
        f = all[i]; n = 0
        while ((getline line < f) > 0) {
            n++
            if (line !~ /^#include "[^"]+"/) continue
            h = line; sub(/^#include "/, "", h); sub(/".*/, "", h); h = "include/" h
            if (!(h in exists)) continue   # a test-only or generated header
            if ((f in layer) && (h in layer) && rank[layer[h]] > rank[layer[f]])
                die(f ":" n ": includes " h " of layer \"" layer[h] "\", above its own layer \"" layer[f] "\"")
            a = room[f]; b = room[h]
            if (a != b && !((a, b) in edge)) { edge[a, b] = 1; out[a] = out[a] " " b }
        }
        close(f)
    }
    # 4. circles between rooms (depth-first search; state 1 = on the current path)
    for (r in out) if (!(r in state)) visit(r, r)
    exit bad
}
function visit(r, path,    k, n, nb, t, i) {
    state[r] = 1
    n = split(out[r], nb, " ")
    for (k = 1; k <= n; k++) {
        t = nb[k]
        if (!(t in state)) visit(t, path " -> " t)
        else if (state[t] == 1) die("rooms include each other in a circle: " circle(path, t))
    }
    state[r] = 2
}
# The part of path from t on, closed by t again: "a -> b -> a".
function circle(path, t,    n, p, i, s, on) {
    n = split(path, p, / -> /); s = ""; on = 0
    for (i = 1; i <= n; i++) { if (p[i] == t) on = 1; if (on) s = s p[i] " -> " }
    return s t
}
END { if (!bad) print "check-layers: ok (every include points to its own layer or one below; no circles)"; exit bad }
' </dev/null
