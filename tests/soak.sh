#!/bin/bash
# make soak - plays N slide changes (default 10,000) of the sample content at a tiny size and
# 100x speed, swapping content through `honorboard import` + SIGHUP along the way, and fails
# if resident memory, open file descriptors or live textures grow after the first few hundred
# changes. `make test` runs a short version (tests/test_soak.c).
set -u
bin=${1:-./honorboard}
n=${2:-10000}
cd "$(dirname "$0")/.."
d=build/soak-$$
rm -rf "$d"; mkdir -p "$d/a/honorboard" "$d/b/honorboard"
cp -r playlists/* "$d/a/honorboard/"
cp -r playlists/* "$d/b/honorboard/"
sed -i 's/^title: .*/title: 换一批内容/' "$d/b/honorboard/01-xianjin-fengcai.yaml"
"$bin" import "$d/a" --store "$d/store" 2>/dev/null || { echo "soak: cannot import"; exit 1; }
SDL_VIDEODRIVER=dummy "$bin" play --store "$d/store" --watch "$d/nowhere" --window=160x90 \
    --time-scale 100 --stats "$d/stats.jsonl" --log "$d/play.jsonl" 2>"$d/play.err" &
pid=$!
changes() { grep '"changes":' "$d/stats.jsonl" 2>/dev/null | tail -n 1 | sed -n 's/.*"changes":\([0-9]*\).*/\1/p'; }
swap=0 next_swap=$((n / 10)) start=$(date +%s)
while :; do
    sleep 1
    c=$(changes); c=${c:-0}
    if ! kill -0 $pid 2>/dev/null; then echo "soak: the player died after $c changes"; cat "$d/play.err"; exit 1; fi
    if [ "$c" -ge "$n" ]; then break; fi
    if [ "$c" -ge "$next_swap" ]; then # swap content the way an administrator would
        if [ $((swap % 2)) = 0 ]; then src=b; else src=a; fi
        "$bin" import "$d/$src" --store "$d/store" 2>/dev/null
        kill -HUP $pid
        swap=$((swap + 1)); next_swap=$((next_swap + n / 10))
    fi
    if [ $(( $(date +%s) - start )) -gt 3000 ]; then echo "soak: too slow ($c changes)"; kill $pid; exit 1; fi
done
kill -TERM $pid; wait $pid; rc=$?
[ $rc = 0 ] || { echo "soak: the player exited with $rc"; exit 1; }
# compare the sample after the first few hundred changes with the last one
base=$(grep "\"changes\":" "$d/stats.jsonl" | grep -v final | awk -v m=$((n < 1000 ? 100 : 300)) -F'"changes":' '{split($2,a,","); if (a[1] >= m) {print; exit}}')
last=$(grep "\"changes\":" "$d/stats.jsonl" | grep -v final | tail -n 1) # not the per-video lines
val() { printf '%s' "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }
r0=$(val "$base" rss_kb); r1=$(val "$last" rss_kb)
f0=$(val "$base" fds); f1=$(val "$last" fds)
t0=$(val "$base" textures); t1=$(val "$last" textures)
echo "soak: $(val "$last" changes) changes, $swap content swaps, $(( $(date +%s) - start )) s"
echo "soak: rss ${r0} -> ${r1} KiB, fds ${f0} -> ${f1}, textures ${t0} -> ${t1}"
ok=1
if [ -z "$r0" ] || [ -z "$r1" ] || [ -z "$f0" ] || [ -z "$f1" ]; then echo "soak: FAIL no samples in the stats"; ok=0; fi
# memory may wobble with the allocator; growth beyond 10% (and 8 MiB) is a leak. Under
# AddressSanitizer resident memory grows by design (freed blocks wait in its quarantine), so
# there the leak check is LeakSanitizer's, at the player's exit (its status is checked above).
if [ "${HB_SANITIZED:-}" = 1 ]; then
    echo "soak: memory growth not judged under ASan; LeakSanitizer checked the exit"
elif [ $((r1 - r0)) -gt $((r0 / 10)) ] && [ $((r1 - r0)) -gt 8192 ]; then echo "soak: FAIL memory grew"; ok=0; fi
if [ "$f1" -gt "$f0" ]; then echo "soak: FAIL file descriptors grew"; ok=0; fi
if [ "$t1" -gt "$t0" ]; then echo "soak: FAIL live textures grew"; ok=0; fi
if grep -q '"event":"reload"' "$d/play.jsonl"; then :; else echo "soak: FAIL no content swap reached the player"; ok=0; fi
[ $ok = 1 ] && { echo "soak: ok"; rm -rf "$d"; exit 0; }
exit 1
