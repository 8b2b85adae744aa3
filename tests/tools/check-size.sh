#!/bin/sh
# check-size.sh - the house's size rule: no src/LAYER/*.c over 600 lines, no function over 120
# lines. Functions are found by Universal Ctags (its start and end lines), so a function counts
# however it is braced. Exceptions, each with its reason, are listed in
# tests/tools/size-exceptions.txt; an exception no longer needed is reported (so the list
# shrinks) but does not fail. Run from the top of the tree: `make lint` (part of `make test`).
# Exit 1 on any breach.
MAX_FILE=600
MAX_FUNC=120
EXC=tests/tools/size-exceptions.txt
command -v ctags >/dev/null || { echo "check-size: ctags (universal-ctags) is missing: make deps"; exit 1; }
status=0
exceptions=$(grep -v '^[[:space:]]*#' "$EXC" 2>/dev/null | awk 'NF { print $1 }')
is_exception() {
    printf '%s\n' "$exceptions" | grep -qxF "$1"
}
used=""
for f in src/*/*.c; do
    [ -e "$f" ] || continue
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
    funcs=$(ctags --kinds-C=f -x --_xformat='%N %n %e' "$f" |
        awk -v max="$MAX_FUNC" '$3 != "" && $3 - $2 + 1 > max { print $1 ":" $2 ":" $3 - $2 + 1 }')
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
