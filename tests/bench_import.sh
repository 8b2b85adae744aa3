# bench_import.sh - make bench's import figure (issue 26). Sourced by tests/bench.sh, whose
# bin, out, pair, ratio and row it uses; on its own: bash tests/bench_import.sh [./honorboard].
#   9. importing a stick of 40 photos of 24 MP (6000x4000 JPEGs, each different, every fourth
#      with EXIF orientation 6 as an upright phone shot stores it) into a fresh
#      store, as the board imports (its screen's --prescale 1920, the preview sheets written to
#      the stick), against what the same work is at its plainest: `cp -r` of the stick's folder
#      plus `djpeg -scale 1/8` of each photo (the cheapest decode that proves a JPEG whole).
# Photos are made once with bench_tool and kept under build/bench/import (about 340 MB).
# BENCH_IMPORT_ROUNDS (default 3) sets how many interleaved pairs are timed.
if [ -z "${out:-}" ]; then # run on its own
    set -u
    bin=${1:-./honorboard} out=build/bench
    cd "$(dirname "$0")/.." || exit 1
    export SDL_VIDEODRIVER=dummy
    median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    ms_now() { date +%s%N; }
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
    row() { echo "  => $1: $2 (target $3; before: $4)"; }
    pair() {
        local n=$1 a=$2 b=$3 i s m e
        bash -c "$a" >/dev/null 2>&1; bash -c "$b" >/dev/null 2>&1
        for i in $(seq 1 "$n"); do
            s=$(ms_now); bash -c "$a" >/dev/null 2>&1; m=$(ms_now); bash -c "$b" >/dev/null 2>&1; e=$(ms_now)
            echo $(( (m - s) / 1000 )) $(( (e - m) / 1000 ))
        done >"$out/pair.txt"
        printf '%s %s %s\n' "$(awk '{print $1/1000}' "$out/pair.txt" | median)" \
            "$(awk '{print $2/1000}' "$out/pair.txt" | median)" \
            "$(awk '{printf "%.3f\n", $1/$2}' "$out/pair.txt" | median)"
    }
fi
# One function, so a run that measured nothing (the photos not made, the import refused) stops
# here with no figure, whether sourced by bench.sh or run on its own.
bench_import() {
    im="$out/import"
    make -s build/bench_tool || { echo "  bench_tool cannot be built: no figure"; return 1; }
    # photos of an earlier make (no EXIF turns) are made again
    [ -f "$im/stick/.made-2" ] || rm -rf "$im/stick"
    mkdir -p "$im/stick/honorboard/photos"
    echo "== 9. import a stick of 40 photos of 24 MP vs cp -r of the stick + djpeg -scale 1/8 of each"
    {
        printf 'honorboard: 1\ntitle: 四十张照片\nslides:\n'
        for i in $(seq 1 40); do
            f="$im/stick/honorboard/photos/p$i.jpg"
            # each one different; every fourth shot with the phone upright (EXIF orientation 6)
            [ -f "$f" ] || build/bench_tool gen-jpeg "$f" $((6000 + i)) 4000 $((i % 4 ? 1 : 6)) ||
                rm -f "$f"
            printf '  - { type: photo, image: photos/p%d.jpg, fit: cover }\n' "$i"
        done
    } >"$im/stick/honorboard/a.yaml"
    if [ "$(ls "$im/stick/honorboard/photos" | wc -l)" -ne 40 ]; then
        echo "  the 40 photos could not be made: no figure"
        return 1
    fi
    touch "$im/stick/.made-2"
    cat >"$im/import.sh" <<EOF
    rm -rf "$im/store" && "$bin" import "$im/stick" --store "$im/store" --prescale 1920
EOF
    cat >"$im/plain.sh" <<EOF
    rm -rf "$im/copy" && cp -r "$im/stick" "$im/copy" &&
    for f in "$im/copy/honorboard/photos"/*.jpg; do djpeg -scale 1/8 -outfile /dev/null "\$f" || exit 1; done
EOF
    if ! bash "$im/import.sh" >"$im/import.out" 2>&1; then
        cat "$im/import.out"
        echo "  the import failed: no figure" # a rejected import is fast and measures nothing
        return 1
    fi
    read -r ia pb ir < <(pair "${BENCH_IMPORT_ROUNDS:-3}" "bash $im/import.sh" "bash $im/plain.sh")
    echo "  honorboard import (check, copy, prescale, preview sheets): ${ia} ms"
    echo "  cp -r of the stick + djpeg -scale 1/8 of each photo:        ${pb} ms"
    row "import 40 x 24 MP / (cp -r + djpeg 1/8)" "$ir" "<= 1.0" "3.46 (each photo read 6 times)"
}
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    bench_import
    exit $?
fi
bench_import || true
