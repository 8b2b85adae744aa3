#!/bin/sh
# check-size.sh - the house's size rule (issue 14): no src/*.c over 600 lines, no function over
# 120 lines. Exceptions, each with its reason, are listed in tests/tools/size-exceptions.txt;
# an exception that is no longer needed is reported (so the list shrinks) but does not fail.
# Run from the top of the tree: `make lint` (part of `make test`). Exit 1 on any breach.
#
# A function is counted from its first line at column 0 (the return type) to the `}` at
# column 0 that closes it; the house's style (.clang-format, Linux braces) puts a function's
# `{` alone at column 0, so struct and array initialisers are not taken for functions.
MAX_FILE=600
MAX_FUNC=120
EXC=tests/tools/size-exceptions.txt
status=0
exceptions=$(grep -v '^[[:space:]]*#' "$EXC" 2>/dev/null | awk 'NF { print $1 }')
is_exception() {
    printf '%s\n' "$exceptions" | grep -qxF "$1"
}
used=""
for f in src/*.c; do
    n=$(wc -l < "$f")
    if [ "$n" -gt "$MAX_FILE" ]; then
        if is_exception "$f"; then
            used="$used $f"
            echo "check-size: $f: $n lines (over $MAX_FILE; listed exception)"
        else
            echo "check-size: $f: $n lines, over $MAX_FILE: split it into modules with one job each"
            status=1
        fi
    fi
    funcs=$(awk -v max="$MAX_FUNC" '
        /^[A-Za-z_]/ && !/^(static |)(const |)[a-z_ ]*\[\]/ && !/^#/ { if (!body) { start = NR; sig = $0 } }
        /^\{/ { body = 1 }
        /^\}/ && body { body = 0; if (NR - start + 1 > max) { name = sig; sub(/\(.*/, "", name);
                        k = split(name, w, /[ *]+/); print w[k] ":" start ":" NR - start + 1 } }
    ' "$f")
    for fn in $funcs; do
        name=${fn%%:*}; rest=${fn#*:}; line=${rest%%:*}; len=${rest#*:}
        if is_exception "$f:$name"; then
            used="$used $f:$name"
            echo "check-size: $f:$line: $name() is $len lines (over $MAX_FUNC; listed exception)"
        else
            echo "check-size: $f:$line: $name() is $len lines, over $MAX_FUNC: break it up"
            status=1
        fi
    done
done
for e in $exceptions; do
    case " $used " in
    *" $e "*) ;;
    *) echo "check-size: note: '$e' in $EXC is within the limits now: take it off the list" ;;
    esac
done
nused=$(printf '%s\n' $used | grep -c .)
but=""
[ "$nused" -gt 0 ] && but=", but for $nused listed exceptions"
[ "$status" -eq 0 ] && echo "check-size: ok: files <= $MAX_FILE lines, functions <= $MAX_FUNC lines$but"
exit "$status"
