#!/bin/sh
# check-layers.sh - the house's floors: src/LAYERS names the layers, bottom first, one folder of
# src/ (and of include/) each. Fails (exit 1) when
#   - a folder of src/ or include/ is not a layer, a layer has no folder, or a file lies loose in
#     src/ or include/;
#   - a src/L/NAME.c has no include/L/NAME.h (main.c has none, and a NAME_win.c - the Windows
#     build's stand-in for a module it leaves out - implements that module's header);
#   - a file includes a header of a higher layer (with "" or <>), names one without its folder
#     or reaches one through "..";
#   - files include each other in a circle;
#   - with OBJDIR (the build's object folder, objects as OBJDIR/L/NAME.o): a function or object
#     of a higher layer is used (the call graph from `nm`), files call each other in a circle, or
#     two files define one symbol. Only the objects of today's src/*/*.c are read.
# Only `#include "..."` lines are read (system headers are not the house's). Run from the top of
# the tree: `make lint` (part of `make test`) passes OBJDIR.
OBJDIR=${1:-}
LAYERS=src/LAYERS
[ -f "$LAYERS" ] || { echo "check-layers: $LAYERS is missing"; exit 1; }
{
    # the layers, bottom first
    grep -v '^[[:space:]]*#' "$LAYERS" | awk 'NF { print "L", $1 }'
    # the folders and files
    for d in src/* include/*; do
        [ "$d" = "$LAYERS" ] && continue
        if [ -d "$d" ]; then echo "D $d"; else echo "F $d"; fi
    done
    for f in src/*/*.c include/*/*.h; do
        [ -e "$f" ] || continue
        echo "F $f"
        awk -v f="$f" '/^#[ \t]*include[ \t]*[<"]/ { h = $0; sub(/^#[ \t]*include[ \t]*/, "", h)
            q = substr(h, 1, 1); h = substr(h, 2); sub(/[">].*/, "", h)
            if (q == "\"" || h ~ /^[a-z]+\//) print "I", f, FNR, h }' "$f"
    done
    # the call graph: who defines and who uses each global symbol
    if [ -n "$OBJDIR" ]; then
        for c in src/*/*.c; do   # the objects of today's sources only, not leftovers
            case "$c" in *_win.c) continue ;; esac # built for Windows only (make windows)
            o="$OBJDIR/${c#src/}"; o="${o%.c}.o"
            [ -e "$o" ] || { echo "X $o"; continue; }
            nm "$o" | awk -v o="src/${o#"$OBJDIR"/}" '$1 == "U" { print "U", o, $2; next }
                                      NF == 3 && $2 ~ /^[TDBRCGSV]$/ { print "T", o, $3 }'
        done
    fi
} | awk -v objdir="$OBJDIR" '
function die(msg) { print "check-layers: " msg; bad = 1 }
function folder(p,    s) { s = p; sub(/^(src|include)\//, "", s); sub(/\/.*/, "", s); return s }
function stem(p,    s) { s = p; sub(/.*\//, "", s); sub(/\.[cho]$/, "", s); return s }
function room(p) { return folder(p) "/" stem(p) }
$1 == "L" { rank[$2] = ++nlayers; lname[nlayers] = $2; next }
$1 == "D" { f = folder($2); if (!(f in rank)) die($2 ": a folder that is not a layer in src/LAYERS"); hasdir[f] = 1; next }
$1 == "F" {
    if ($2 !~ /^(src|include)\/[^\/]+\/[^\/]+$/) { die($2 ": lies loose: put it in the folder of its layer"); next }
    files[$2] = 1; next
}
$1 == "X" { die($2 ": missing: build it first (make lint does)"); next }
$1 == "I" {
    f = $2; line = $3; h = $4
    if (h ~ /(^|\/)\.\.(\/|$)/) { die(f ":" line ": includes \"" h "\" through ..: name it as \"LAYER/NAME.h\""); next }
    if (h !~ /\//) {
        if (system("test -e include/*/" h) == 0) die(f ":" line ": includes \"" h "\" without its folder (\"LAYER/" h "\")")
        next
    }
    hp = "include/" h
    if (system("test -e " hp) != 0) next   # a test-only or generated header
    a = folder(f); b = folder(h)
    if ((a in rank) && (b in rank) && rank[b] > rank[a])
        die(f ":" line ": includes " hp " of layer \"" b "\", above its own layer \"" a "\"")
    ra = room(f); rb = room(hp)
    if (ra != rb && !((ra, rb) in iedge)) { iedge[ra, rb] = 1; iout[ra] = iout[ra] " " rb }
    next
}
$1 == "T" {
    r = room($2)
    if (($3 in def) && def[$3] != r) die("src/" r ".c and src/" def[$3] ".c both define " $3)
    def[$3] = r; next
}
$1 == "U" { nuse++; ufile[nuse] = room($2); usym[nuse] = $3; next }
END {
    if (!nlayers) { die("src/LAYERS names no layer"); exit 1 }
    for (l in rank) if (!(l in hasdir)) die("layer \"" l "\" in src/LAYERS has no folder src/" l)
    for (f in files) {
        if (f !~ /^src\/.*\.c$/) continue
        h = f; sub(/^src\//, "include/", h); sub(/\.c$/, ".h", h)
        if (!(h in files) && stem(f) != "main" && f !~ /_win\.c$/)
            die(f ": has no header " h " (every .c its own)")
    }
    # include circles
    for (r in iout) if (!(r in istate)) visit(r, r, "include")
    # the call graph
    for (i = 1; i <= nuse; i++) {
        s = usym[i]; if (!(s in def)) continue
        a = ufile[i]; b = def[s]
        if (a == b) continue
        if (rank[folder("src/" b)] > rank[folder("src/" a)] && !((a, b) in reported)) {
            reported[a, b] = 1
            die("src/" a ".c uses " s "() of src/" b ".c, a higher layer (\"" folder("src/" b) "\" above \"" folder("src/" a) "\")")
        }
        if (!((a, b) in cedge)) { cedge[a, b] = 1; cout[a] = cout[a] " " b; ncalls++ }
    }
    for (r in cout) if (!(r in cstate)) visit(r, r, "call")
    if (!bad) {
        printf "check-layers: ok (%d layers; every include%s points to its own layer or one below; no circles)\n", nlayers, objdir != "" ? " and call (" ncalls " file-to-file edges from nm)" : ""
    }
    exit bad
}
# depth-first search; state 1 = on the current path
function visit(r, path, kind,    k, n, nb, t) {
    if (kind == "include") { istate[r] = 1; n = split(iout[r], nb, " ") }
    else { cstate[r] = 1; n = split(cout[r], nb, " ") }
    for (k = 1; k <= n; k++) {
        t = nb[k]
        st = kind == "include" ? istate[t] : cstate[t]
        if (st == "") visit(t, path " -> " t, kind)
        else if (st == 1) die("files " (kind == "include" ? "include" : "call") " each other in a circle: " circle(path, t))
    }
    if (kind == "include") istate[r] = 2; else cstate[r] = 2
}
# The part of path from t on, closed by t again: "a -> b -> a".
function circle(path, t,    n, p, i, s, on) {
    n = split(path, p, / -> /); s = ""; on = 0
    for (i = 1; i <= n; i++) { if (p[i] == t) on = 1; if (on) s = s p[i] " -> " }
    return s t
}
'
