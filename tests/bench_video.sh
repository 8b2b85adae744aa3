# bench_video.sh - make bench's video figures. Sourced by tests/bench.sh, whose bin,
# out, get, ratio and row it uses; on its own: bash tests/bench_video.sh [./honorboard].
# Clips are made with ffmpeg the first time and kept under build/bench/video.
#   8a. a 1080p30 H.264 clip of 60 s after a text slide, 1920x1080, software decoding and the
#       software renderer: frames shown and dropped, conversion time, the worst frame at the
#       change into and out of the film against the median frame, peak memory;
#   8b. peak memory playing 20 different 1080p clips alternating with 20 large photos, against
#       2 clips and 2 photos, for about the same number of changes (fast: --time-scale 10);
#   8c. memory sampled every 100 changes over a long run of changes with films in the mix
#       (BENCH_VIDEO_CHANGES, default 2000);
#   8d. peak memory (VmHWM from /proc) of play on a 1920x1080 screen: a text page alone, a
#       1080p30 film, a 4K (3840x2160) film, and the 4K film on a board whose config caps films
#       at video_max_size: 1920x1080 (README's figures).
# BENCH_VIDEO_PARTS (default "a b c d") runs only some of them.
if [ -z "${out:-}" ]; then # run on its own
    set -u
    bin=${1:-./honorboard} out=build/bench
    cd "$(dirname "$0")/.." || exit 1
    get() { printf '%s' "$1" | sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p"; }
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
    row() { echo "  => $1: $2 (target $3; before: $4)"; }
fi
v="$out/video" r="$out/video-runs" # playlists and clips; what the runs write (not next to a
mkdir -p "$v/clips" "$r"            # playlist being played: its folder is watched for changes)
ff="ffmpeg -nostdin -v error -y"
export SDL_VIDEODRIVER=dummy
# the worst frame of change N ({"change":N,"worst_ms":X} lines of --stats)
worst() { sed -n "s/^{\"change\":$2,\"worst_ms\":\([0-9.]*\)}$/\1/p" "$1"; }
pct() { awk -v d="$1" -v n="$2" 'BEGIN {printf "%.1f", (n > 0 ? 100 * d / n : 0)}'; }

parts=" ${BENCH_VIDEO_PARTS:-a b c d} "
if [[ $parts == *" a "* ]]; then
echo "== 8a. video: a 1080p30 H.264 clip of 60 s after a text slide, 1920x1080, software decoding"
echo "   and the software renderer (dummy video driver); load average $(cut -d' ' -f1 /proc/loadavg)"
[ -s "$v/clips/hd60.mp4" ] || $ff -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 60 \
    -c:v libx264 -preset ultrafast -crf 28 -pix_fmt yuv420p -movflags +faststart "$v/clips/hd60.mp4"
printf 'honorboard: 1\ndefaults: { transition: fade }\nslides:\n  - { type: text, title: 开始, text: 片子之前的一页。, duration: 3s }\n  - { type: video, video: clips/hd60.mp4 }\n' \
    > "$v/v.yaml"
"$bin" play "$v/v.yaml" --window=1920x1080 --quit-after 66 --log "$r/p.jsonl" \
    --stats "$r/s.jsonl" 2>/dev/null
vl=$(grep '"video":{' "$r/s.jsonl" | head -n 1); vfin=$(tail -n 1 "$r/s.jsonl")
vf=$(get "$vl" frames); vd=$(get "$vl" frames_dropped); vu=$(get "$vl" frames_unshown)
med=$(get "$vfin" median_ms); win=$(worst "$r/s.jsonl" 2); wout=$(worst "$r/s.jsonl" 3)
row "1080p30 60 s clip: frames dropped" "${vd} of $((vf + vd)) = $(pct "$vd" $((vf + vd)))% (${vu} converted, overtaken)" "<= 1%" "15-32% (conversion on the frame thread)"
row "  frames shown / the clip's 1800" "${vf}" "1800" "-"
row "  conversion per frame (render thread) / pre-roll" "$(get "$vl" decode_ms_avg) ms / $(get "$vl" preroll_ms) ms" "< 33 ms / -" "17-24 ms on the frame thread"
row "  worst frame into / out of the film / median" "${win} / ${wout} / ${med} ms = $(ratio "$win" "$med") / $(ratio "$wout" "$med")" "<= 2x the median" "110 ms vs 41 ms = 2.7"
row "  peak RSS while it plays" "$(( $(get "$vfin" peak_rss_kb) / 1024 )) MiB" "-" "164 MiB"
fi

# play_until N CAP STATS RSSFILE ARGS...: plays until N changes (at most CAP seconds), writing
# "changes rss_kb" every second to RSSFILE (the process's RSS from outside: a clip's memory comes
# and goes with it, so the lows show what stays)
play_until() {
    local n=$1 cap=$2 stats=$3 rss=$4 pid c
    shift 4
    rm -f "$stats"
    "$bin" play "$@" --stats "$stats" --quit-after "$cap" 2>/dev/null &
    pid=$!
    : > "$rss"
    while kill -0 $pid 2>/dev/null; do
        c=$(grep -c '"worst_ms"' "$stats" 2>/dev/null)
        echo "${c:-0} $(awk '/^VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null)" >> "$rss"
        [ "${c:-0}" -ge "$n" ] && kill -TERM $pid
        sleep 1
    done
    wait $pid
}
# lowest and highest RSS (MiB) of the samples taken between changes $2 and $3
rss_range() { awk -v a="$2" -v b="$3" '$1 >= a && $1 <= b && $2 > 0 {if (!lo || $2 < lo) lo = $2; if ($2 > hi) hi = $2}
                                      END {printf "%.0f-%.0f", lo / 1024, hi / 1024}' "$1"; }

if [[ $parts == *" b "* ]]; then
echo "== 8b. video: peak memory over 200 changes, 20 clips and 20 large photos against 2 and 2"
echo "   (--time-scale 10)"
for i in $(seq 1 20); do
    [ -s "$v/clips/c$i.mp4" ] || $ff -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t 2 \
        -vf "hue=h=$((i * 18))" -c:v libx264 -preset ultrafast -crf 30 -pix_fmt yuv420p \
        "$v/clips/c$i.mp4"
done
[ -f "$out/big.jpg" ] || build/bench_tool gen-jpeg "$out/big.jpg" 6000 4000
cp "$out/big.jpg" "$v/big.jpg"
for n in 2 20; do
    { printf 'honorboard: 1\ndefaults: { transition: fade, transition_duration: 0.5s }\nslides:\n'
      for i in $(seq 1 "$n"); do
          printf '  - { type: video, video: clips/c%d.mp4 }\n' "$i"
          printf '  - { type: photo, image: big.jpg, caption: 第%d张, duration: 2s }\n' "$i"
      done; } > "$v/m$n.yaml"
    play_until 200 400 "$r/m$n.jsonl" "$r/m$n-rss.txt" "$v/m$n.yaml" --window=1920x1080 --time-scale 10
done
p2=$(get "$(tail -n 1 "$r/m2.jsonl")" peak_rss_kb); p20=$(get "$(tail -n 1 "$r/m20.jsonl")" peak_rss_kb)
echo "  2 clips: $(get "$(tail -n 1 "$r/m2.jsonl")" changes) changes, peak ${p2} KiB;" \
     "20 clips: $(get "$(tail -n 1 "$r/m20.jsonl")" changes) changes, peak ${p20} KiB"
row "peak RSS, 20 clips / 2 clips (+ photos)" "$((p20 / 1024)) / $((p2 / 1024)) MiB = $(ratio "$p20" "$p2")" "<= 1.10" "-"
fi

if [[ $parts == *" c "* ]]; then
n=${BENCH_VIDEO_CHANGES:-2000}
echo "== 8c. video: $n changes of 2 clips and 2 photos (1920x1280) at 480x270, --time-scale 20"
[ -f "$out/screen.jpg" ] || build/bench_tool gen-jpeg "$out/screen.jpg" 1920 1280
cp "$out/screen.jpg" "$v/screen.jpg"
sed 's/big.jpg/screen.jpg/' "$v/m2.yaml" > "$v/long.yaml"
play_until "$n" $((n + 60)) "$r/long.jsonl" "$r/long-rss.txt" "$v/long.yaml" --window=480x270 --time-scale 20
lf=$(tail -n 1 "$r/long.jsonl"); nl=$(get "$lf" changes)
early=$(rss_range "$r/long-rss.txt" $((nl / 10)) $((nl / 5))); late=$(rss_range "$r/long-rss.txt" $((nl * 4 / 5)) "$nl")
echo "  $nl changes, $(grep -c '"video":{' "$r/long.jsonl") clips played; RSS (low-high, sampled each second)" \
     "between changes $((nl / 10))-$((nl / 5)): $early MiB, in the last fifth: $late MiB; peak $(( $(get "$lf" peak_rss_kb) / 1024 )) MiB"
row "RSS over $nl changes with films, early / late" "$early / $late MiB" "flat" "-"
fi

if [[ $parts == *" d "* ]]; then
echo "== 8d. video: peak memory of play at 1920x1080 with a 1080p and a 4K film (12 s each)"
[ -s "$v/clips/uhd12.mp4" ] || $ff -f lavfi -i testsrc2=size=3840x2160:rate=30 -t 12 \
    -c:v libx264 -preset ultrafast -crf 28 -pix_fmt yuv420p "$v/clips/uhd12.mp4"
[ -s "$v/clips/hd12.mp4" ] || $ff -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 12 \
    -c:v libx264 -preset ultrafast -crf 28 -pix_fmt yuv420p "$v/clips/hd12.mp4"
printf 'honorboard: 1\nslides:\n  - { type: text, title: 开始, text: 片子之前的一页。, duration: 12s }\n' > "$v/d-text.yaml"
for c in hd12 uhd12; do
    printf 'honorboard: 1\nslides:\n  - { type: video, video: clips/%s.mp4 }\n' "$c" > "$v/d-$c.yaml"
done
printf 'video_max_size: 1920x1080\n' > "$r/d-cap.yaml"
# peak_of YAML [ARGS...]: the process's VmHWM (KiB) just before it ends, read from /proc
peak_of() {
    local y=$1 pid hwm=0 h
    shift
    "$bin" play "$v/$y" --window=1920x1080 --quit-after 13 --log /dev/null "$@" 2>/dev/null &
    pid=$!
    while kill -0 $pid 2>/dev/null; do
        h=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null)
        [ -n "$h" ] && hwm=$h
        sleep 0.2
    done
    wait $pid
    echo "$hwm"
}
pt=$(peak_of d-text.yaml); ph=$(peak_of d-hd12.yaml); pu=$(peak_of d-uhd12.yaml)
pc=$(peak_of d-uhd12.yaml --config "$r/d-cap.yaml")
row "peak RSS: text page / 1080p film / 4K film" "$((pt / 1024)) / $((ph / 1024)) / $((pu / 1024)) MiB" "-" "4K: ~200 MiB (issue 25)"
row "  4K film with video_max_size: 1920x1080 (skipped)" "$((pc / 1024)) MiB" "<= the 1080p film's" "-"
fi
