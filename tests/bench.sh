#!/bin/bash
# make bench - honorboard side by side with what a user would pick instead. Timings only:
# nothing in `make test` depends on them. Generates its inputs under build/bench/ and installs
# the tools it compares with (Debian packages: BENCHDEBS in the Makefile).
#  1. `render` of the bundled playlists (with the contact sheet) vs `vips copy PAGE.png
#     OUT.png[compression=1]` of every page it wrote: whole processes, interleaved runs
#  2. a one-slide render with a 24 MP photo minus the same with a screen-sized photo, vs
#     `djpeg -scale 1/2` of the 24 MP file
#  3. laying out and rasterising a 600-character story page, vs pango-view
#  4. frame times at 1,000 slide changes with fades at 1920x1080, software renderer, the next
#     slide being prepared meanwhile; and the same on OpenGL (Mesa llvmpipe behind Xvfb's GLX)
#  5. peak memory at 1920x1080: the bundled playlists, and 300 large-photo slides; 5b. photo
#     walls: 24 faces of 12 MP changing (worst frame / median), 24 photos of 24 MP (peak RSS)
#  6. time from start to the first frame with the bundled playlists
#  7. CPU and memory of a still slide and of the 2 s deck with fades, fullscreen under Xvfb,
#     vs a Chromium kiosk showing the same (tests/bench_idle.sh)
#  8. video (tests/bench_video.sh): a 1080p30 H.264 clip of 60 s (frames dropped, conversion
#     time, the changes into and out of it, RSS); peak RSS with 20 clips against 2; RSS over a
#     long run of changes with films (BENCH_VIDEO_CHANGES, default 2000)
#  9. an import of a stick of 40 photos of 24 MP vs `cp -r` of the stick plus `djpeg -scale
#     1/8` of each photo (tests/bench_import.sh)
# 10. `honorboard report` over a generated month of proof-of-play logs (1.8 million lines,
#     tests/tools/genplaylog.py) vs the same sums in Python
# Each figure is printed with its target and its anchor (the figure before the last performance work).
# BENCH_CHANGES (default 1000) and IDLE_SECS (default 30) shorten a run when set smaller.
set -u
bin=${1:-./honorboard}
debs=${2:-pango1.0-tools libjpeg-turbo-progs libvips-tools chromium xvfb x11-apps}
cd "$(dirname "$0")/.."
missing=""
for p in $debs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
    echo "bench: installing$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null ||
        { echo "bench: cannot install$missing"; exit 2; }
fi
out=build/bench
mkdir -p "$out"
# Timings on a shared machine mean little without its load: printed at the start and the end.
load_now() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load_now)
echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at the start: $load_start"
export SDL_VIDEODRIVER=dummy
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms_now() { date +%s%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
# pair N "A command" "B command": A and B in turn N times (after one warm-up of each); prints
# "medianA_ms medianB_ms median(A/B)" - the ratio taken pair by pair, so drift cancels.
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
# cpu_pair N "A command" "B command": like pair, but each run's CPU seconds (user + sys, the
# kernel's accounting of the whole process, as /usr/bin/time reads it) instead of wall time:
# a short process's wall time on a shared machine is stretched by the others' load, its CPU
# time is not. Prints "medianA_ms medianB_ms".
cpu_pair() {
    local n=$1 a=$2 b=$3 i
    for i in $(seq 0 "$n"); do
        /usr/bin/time -f '%U %S' -o "$out/cpu-a.txt" bash -c "exec $a" >/dev/null 2>&1
        /usr/bin/time -f '%U %S' -o "$out/cpu-b.txt" bash -c "exec $b" >/dev/null 2>&1
        [ "$i" = 0 ] && continue # the warm-up
        echo "$(awk '{print ($1 + $2) * 1000}' "$out/cpu-a.txt") $(awk '{print ($1 + $2) * 1000}' "$out/cpu-b.txt")"
    done >"$out/cpu-pair.txt"
    printf '%s %s\n' "$(awk '{print $1}' "$out/cpu-pair.txt" | median)" \
        "$(awk '{print $2}' "$out/cpu-pair.txt" | median)"
}
get() { printf '%s' "$1" | sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p"; }
summary=()
row() { summary+=("$(printf '%-44s %-26s target %-24s anchor %s' "$1" "$2" "$3" "$4")"); echo "  => $1: $2 (target $3; before: $4)"; }

echo "== 1. render the bundled playlists at 1920x1080 (11 pages + contact sheet) vs vips copy of each page"
rm -rf "$out/pages" && "$bin" render playlists --out "$out/pages" --sheet "$out/pages/sheet.png" 2>/dev/null
npages=$(ls "$out/pages"/*.png | wc -l)
{ echo 'for f in '"$PWD/$out"'/pages/*.png; do vips copy "$f" "'"$PWD/$out"'/vips-out.png[compression=1]"; done'; } >"$out/vips-all.sh"
read -r ra rb rr < <(pair 7 "$bin render playlists --out $out/pages2 --sheet $out/pages2/sheet.png" "bash $out/vips-all.sh")
echo "  honorboard render (whole process, all pages):  ${ra} ms = $(ratio "$ra" "$npages") ms per page"
echo "  vips copy of each of the $npages PNGs, level 1:     ${rb} ms = $(ratio "$rb" "$npages") ms per page"
row "render per page / vips copy per page" "$rr" "<= 1.0" "5.2 s per render, 81% in zlib"

echo "== 2. the extra cost of a 24 MP photo slide in render, vs djpeg -scale 1/2 of that photo"
[ -f "$out/big.jpg" ] || build/bench_tool gen-jpeg "$out/big.jpg" 6000 4000
[ -f "$out/screen.jpg" ] || build/bench_tool gen-jpeg "$out/screen.jpg" 1920 1280
for k in big screen; do
    mkdir -p "$out/photo-$k"
    cp "$out/$k.jpg" "$out/photo-$k/p.jpg"
    printf 'honorboard: 1\nslides:\n  - { type: photo, image: p.jpg, fit: cover }\n' > "$out/photo-$k/p.yaml"
done
read -r pa pb _ < <(pair 9 "$bin render $out/photo-big/p.yaml --out $out/photo-big/out" \
                           "$bin render $out/photo-screen/p.yaml --out $out/photo-screen/out")
read -r dj _ _ < <(pair 9 "djpeg -scale 1/2 -outfile /dev/null $out/big.jpg" "true")
extra=$(awk -v a="$pa" -v b="$pb" 'BEGIN {printf "%.1f", a - b}')
echo "  render, one 24 MP photo slide:        ${pa} ms"
echo "  render, one screen-sized photo slide: ${pb} ms   extra ${extra} ms"
echo "  djpeg -scale 1/2 of the 24 MP file:   ${dj} ms"
row "24 MP photo slide: extra render / djpeg 1/2" "$(ratio "$extra" "$dj")" "<= 1.0" "1.37 (203 vs 149 ms)"
# The same from outside as whole processes: CPU seconds from the kernel's accounting, not wall
# time (djpeg's ~0.1 s wall is stretched up to 2x by the load of a shared machine, which the
# extra of render, a difference of two runs, mostly cancels: wall ratios came out lower). The
# extra of the photo slide is over the same slide with a screen-sized photo; over a text slide
# instead it would also count writing the PNG of a photo page (zlib, ~60 ms) and the 24 MP
# decode alone costs about one djpeg -scale 1/2 (its 3/8 scale has no SIMD IDCT).
read -r ca cb < <(cpu_pair 9 "$bin render $out/photo-big/p.yaml --out $out/photo-big/out" \
                           "$bin render $out/photo-screen/p.yaml --out $out/photo-screen/out")
read -r cdj _ < <(cpu_pair 9 "djpeg -scale 1/2 -outfile /dev/null $out/big.jpg" "true")
cextra=$(awk -v a="$ca" -v b="$cb" 'BEGIN {printf "%.1f", a - b}')
echo "  CPU: render 24 MP ${ca} ms, screen-sized ${cb} ms, extra ${cextra} ms; djpeg 1/2 ${cdj} ms"
row "24 MP photo slide, CPU: extra render / djpeg" "$(ratio "$cextra" "$cdj")" "<= 1.0" "1.33-1.35 (outside)"
hb_photo=$(build/bench_tool prepare "$out/photo-big/p.yaml" 1920 1080 7)
echo "  (inside a running player: preparing that slide takes ${hb_photo} ms)"

echo "== 3. typeset a 600-character story page (1130 px column, 40 px type)"
base="疏通管道、搬运水桶、维修设备、清点物资……平日里，办公室很少能看到老杨，因为他总忙碌在分监狱的各个角落。在监内执勤期间，他牺牲个人休息时间，主动加班加点，对监内树木植被进行裁枝修剪；为缓解监区警力不足的压力、减轻执勤民警负担，杨建桥主动要求承担起夜间执勤任务。"
text=""
while [ ${#text} -lt 600 ]; do text="$text$base"; done
text=${text:0:600}
printf '%s\n\n%s\n\n%s\n' "${text:0:200}" "${text:200:200}" "${text:400:200}" > "$out/story.txt"
read -r hb pv r2 < <(pair 7 "build/bench_typeset $out/story.txt 1130 40 $out/hb.png" \
    "pango-view --no-display --dpi=72 --margin=0 --font='Noto Sans CJK SC 40px' --width=1130 --wrap=word-char --justify --indent=80 -q -o $out/pango.png $out/story.txt")
warm=$(build/bench_typeset "$out/story.txt" 1130 40 "$out/hb.png" 20)
echo "  honorboard, whole process writing a PNG: ${hb} ms; pango-view: ${pv} ms; ratio ${r2}"
echo "  honorboard inside a running player:      ${warm} ms"
row "story page in the player / pango-view" "$(ratio "$warm" "$pv")" "<= 0.5" "0.05"
# The same mode on both sides: in-process, a new layout each round with the fonts
# loaded, shaping, breaking, justifying and rasterising into a page made once and cleared
# untimed. Rounds interleaved, best of 50 each, median of 7 ratios.
make -s build/bench_pango >/dev/null || { echo "bench: cannot build build/bench_pango"; exit 2; }
for i in 1 2 3 4 5 6 7; do
    a=$(build/bench_typeset "$out/story.txt" 1130 40 "$out/hb.png" 50)
    b=$(build/bench_pango "$out/story.txt" 1130 40 50)
    echo "$a $b"
done >"$out/inproc.txt"
ih=$(awk '{print $1}' "$out/inproc.txt" | median); ip=$(awk '{print $2}' "$out/inproc.txt" | median)
echo "  in-process typesetting, shaping included: honorboard ${ih} ms, Pango ${ip} ms"
row "typesetting in-process / Pango in-process" "$(awk '{printf "%.3f\n", $1/$2}' "$out/inproc.txt" | median)" "<= 1.0" "1.2 (before the painter was vectorised)"

echo "== 3b. the typesetter side by side with Pango (counts for docs/typesetting.md)"
make -s build/bench_compare >/dev/null || { echo "bench: cannot build build/bench_compare"; exit 2; }
build/bench_compare tests/data/justify-cases.txt

echo "== 4. frame times at slide changes with fades, 1920x1080, the next slide prepared meanwhile"
changes=${BENCH_CHANGES:-1000}
mkdir -p "$out/trans"
{
    printf 'honorboard: 1\ntitle: 转场\ndefaults: { duration: 1s, transition: fade, transition_duration: 0.8s }\nslides:\n'
    printf '  - { type: text, title: 第一页, text: 比先进、学先进、赶先进。 }\n'
    printf '  - { type: photo, image: p.jpg, caption: 一张照片 }\n'
    printf '  - { type: text, title: 第三页, text: 立足岗位作贡献。 }\n'
} > "$out/trans/t.yaml"
cp "$out/screen.jpg" "$out/trans/p.jpg"
# each slide 1 s / 4 = 0.25 s with a 0.2 s fade: nearly every frame is inside a change; the
# next page is asked for when a fade ends, so a change waits when it takes over 50 ms to make
secs=$(( changes * 3 / 10 + 5 )) # 4 a second when each page is ready in time; some wait
"$bin" play "$out/trans/t.yaml" --window=1920x1080 --time-scale 4 --quit-after "$secs" \
    --stats "$out/frames.jsonl" 2>/dev/null
f=$(tail -n 1 "$out/frames.jsonl")
med=$(get "$f" median_ms); mx=$(get "$f" max_change_ms); nch=$(get "$f" changes)
echo "  software: ${nch} changes, median frame ${med} ms, p99 $(get "$f" p99_ms) ms, worst within a change ${mx} ms"
row "worst frame at a change / median (soft)" "$(ratio "$mx" "$med")" "<= 1.5" "1.96 idle, 3.48 loaded"
row "worst frame at a change (soft, 60 Hz)" "${mx} ms" "<= 25 ms (1.5 intervals)" "25.3 ms"
if command -v Xvfb >/dev/null; then
    gsecs=$(( changes / 20 + 5 ))
    bash tests/bench_gl.sh "$bin" "$out" "$out/trans/t.yaml" "$gsecs" >/dev/null 2>&1
    g=$(tail -n 1 "$out/frames-gl.jsonl" 2>/dev/null)
    echo "  OpenGL on llvmpipe (Xvfb GLX): $(get "$g" changes) changes, median $(get "$g" median_ms) ms, worst within a change $(get "$g" max_change_ms) ms"
    row "worst frame at a change / median (GL)" "$(ratio "$(get "$g" max_change_ms)" "$(get "$g" median_ms)")" "(reported)" "-"
fi

echo "== 5. peak memory at 1920x1080"
for n in 300; do
    d="$out/mem$n"; mkdir -p "$d"
    cp "$out/big.jpg" "$d/big.jpg"
    { printf 'honorboard: 1\ndefaults: { duration: 1s, transition: fade }\nslides:\n'
      for i in $(seq 1 $n); do printf '  - { type: photo, image: big.jpg, caption: 第%d张 }\n' "$i"; done; } > "$d/p.yaml"
done
"$bin" play playlists --window=1920x1080 --time-scale 10 --quit-after 25 --stats "$out/membundled.jsonl" 2>/dev/null
# the same without the film: what the pages cost, apart from libmpv and its buffers
rm -rf "$out/nofilm" && cp -r playlists "$out/nofilm"
for f in "$out/nofilm/"*.yaml; do
    awk '/^  - type:/ {skip = ($0 ~ /type: video/)} /^[^ #]/ {skip = 0} !skip' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
"$bin" play "$out/nofilm" --window=1920x1080 --time-scale 10 --quit-after 20 --stats "$out/memnofilm.jsonl" 2>/dev/null
"$bin" play "$out/mem300/p.yaml" --window=1920x1080 --time-scale 5 --quit-after 70 --stats "$out/mem300.jsonl" 2>/dev/null
mb=$(get "$(tail -n 1 "$out/membundled.jsonl")" peak_rss_kb); m300=$(get "$(tail -n 1 "$out/mem300.jsonl")" peak_rss_kb)
echo "  bundled playlists ($(get "$(tail -n 1 "$out/membundled.jsonl")" changes) changes): peak ${mb} KiB;" \
     "300 photo slides ($(get "$(tail -n 1 "$out/mem300.jsonl")" changes) changes): peak ${m300} KiB"
row "peak RSS, bundled playlists" "$((mb / 1024)) MiB" "< 80 MiB" "~120 MiB"
mnf=$(get "$(tail -n 1 "$out/memnofilm.jsonl")" peak_rss_kb)
row "  the same without their film (no libmpv)" "$((mnf / 1024)) MiB" "< 80 MiB" "82 MiB"
# the floor a film puts under it: what loading libmpv (libavcodec, libavfilter and theirs) adds
mpvlib=$(build/bench_tool dlopen-rss libmpv.so.2 2>/dev/null || echo 0)
row "  libmpv's libraries alone, on loading" "$((mpvlib / 1024)) MiB" "(reported)" "-"
row "peak RSS, 300 large photos" "$((m300 / 1024)) MiB" "< 80 MiB" "~120 MiB"

echo "== 5b. photo walls at 1920x1080: 24 faces of 12 MP changing with fades; 24 photos of 24 MP"
# two walls of 24 people in turn (6 s each at --time-scale 4, fades), every face its own file:
# each page decodes 24 photos (at 1/8: the smallest DCT scale covering a face's slot) on the
# worker while the frames of the fade go on
wall_deck() { # DIR SRC.jpg: two walls of 24, each face its own copy of SRC
    local d=$1 src=$2 s i
    rm -rf "$d" && mkdir -p "$d"
    for s in a b; do for i in $(seq -w 1 24); do cp "$src" "$d/$s$i.jpg"; done; done
    { printf 'honorboard: 1\ntitle: 光荣榜\ndefaults: { duration: 6s, transition: fade, transition_duration: 0.8s }\nslides:\n'
      for s in a b; do
          printf '  - type: wall\n    title: 2026年度优秀民警\n    people:\n'
          for i in $(seq -w 1 24); do
              printf '      - { name: 民警%s%s, honor: 优秀民警, unit: 第二分监狱, photo: %s%s.jpg }\n' "$s" "$i" "$s" "$i"
          done
      done; } > "$d/w.yaml"
}
[ -f "$out/m12.jpg" ] || build/bench_tool gen-jpeg "$out/m12.jpg" 4000 3000
wall_deck "$out/wall12" "$out/m12.jpg"
"$bin" play "$out/wall12/w.yaml" --window=1920x1080 --time-scale 4 --quit-after 60 \
    --stats "$out/wall12.jsonl" 2>/dev/null
w=$(tail -n 1 "$out/wall12.jsonl")
echo "  24 faces of 12 MP: $(get "$w" changes) changes, median frame $(get "$w" median_ms) ms, worst within a change $(get "$w" max_change_ms) ms, peak $(get "$w" peak_rss_kb) KiB"
row "wall of 24 x 12 MP: worst frame / median" "$(ratio "$(get "$w" max_change_ms)" "$(get "$w" median_ms)")" "<= 1.5" "-"
# the control, in the same minute: the same deck with two short text slides instead of the
# walls. Under a shared machine's load both have late frames; a wall's own cost shows only as
# a worse figure than this one's.
mkdir -p "$out/wall-control"
printf 'honorboard: 1\ntitle: 光荣榜\ndefaults: { duration: 6s, transition: fade, transition_duration: 0.8s }\nslides:\n  - { type: text, title: 第一页, text: 比先进、学先进、赶先进。 }\n  - { type: text, title: 第二页, text: 立足岗位作贡献。 }\n' > "$out/wall-control/t.yaml"
"$bin" play "$out/wall-control/t.yaml" --window=1920x1080 --time-scale 4 --quit-after 60 \
    --stats "$out/wall-control.jsonl" 2>/dev/null
w=$(tail -n 1 "$out/wall-control.jsonl")
row "  the same deck with text slides (control)" "$(ratio "$(get "$w" max_change_ms)" "$(get "$w" median_ms)")" "(reported)" "-"
wall_deck "$out/wall24" "$out/big.jpg"
"$bin" play "$out/wall24/w.yaml" --window=1920x1080 --time-scale 4 --quit-after 40 \
    --stats "$out/wall24.jsonl" 2>/dev/null
w=$(tail -n 1 "$out/wall24.jsonl")
echo "  24 photos of 24 MP: $(get "$w" changes) changes, peak $(get "$w" peak_rss_kb) KiB, worst frame $(get "$w" max_change_ms) ms"
row "peak RSS, a wall of 24 photos of 24 MP" "$(( $(get "$w" peak_rss_kb) / 1024 )) MiB" "< 80 MiB" "-"

echo "== 6. start to first frame, bundled playlists, 1920x1080"
for i in 1 2 3 4 5; do
    "$bin" play playlists --window=1920x1080 --quit-after 1 --stats "$out/first.jsonl" 2>/dev/null
    get "$(tail -n 1 "$out/first.jsonl")" first_frame_ms; echo
done | median > "$out/first.txt"
ff=$(cat "$out/first.txt")
row "start to first frame" "${ff} ms" "< 300 ms" "92 ms"

echo "== 7. fullscreen under Xvfb, side by side with a Chromium kiosk (${IDLE_SECS:-30} s windows)"
if command -v Xvfb >/dev/null && command -v chromium >/dev/null; then
    bash tests/bench_idle.sh "$bin" "$out/idle" | tee "$out/idle.txt"
    iv() { awk -v n="$1" -v k="$2" '$2 == n {for (i = 3; i <= NF; i++) {split($i, kv, "="); if (kv[1] == k) print kv[2]}}' "$out/idle.txt"; }
    sd=$(iv still-honorboard pct); sg=$(iv still-honorboard-gl pct); sc=$(iv still-chromium pct)
    dd=$(iv deck-honorboard cpu_s); dg=$(iv deck-honorboard-gl cpu_s); dc=$(iv deck-chromium cpu_s)
    row "still slide CPU (as a board picks)" "${sd}% of a core" "<= Chromium ${sc}%, < 1%" "74% (GL)"
    row "still slide CPU, OpenGL on llvmpipe" "${sg}% of a core" "(reported)" "74%"
    row "ticker over a still slide, CPU: hb / Chromium" "$(iv ticker-honorboard pct)% / $(iv ticker-chromium pct)% of a core" "(reported)" "8.5% (whole frames)"
    rh=$(iv run-honorboard pct); rc=$(iv run-chromium pct)
    row "走字 banner on a 1536x192 strip, CPU: hb / Chromium" "${rh}% / ${rc}% of a core = $(ratio "$rh" "$rc")" "<= 1.0" "(new)"
    row "2 s deck with fades, CPU s: hb / Chromium" "${dd} / ${dc} = $(ratio "$dd" "$dc")" "<= 1.0" "43 s / 18 s in 45 s"
    row "  the same, hb on OpenGL (llvmpipe)" "${dg} / ${dc} = $(ratio "$dg" "$dc")" "(reported)" "-"
    row "PSS while playing the deck: hb / Chromium" "$(( $(iv deck-honorboard pss_kb) / 1024 )) / $(( $(iv deck-chromium pss_kb) / 1024 )) MiB = $(ratio "$(iv deck-honorboard pss_kb)" "$(iv deck-chromium pss_kb)")" "< 0.33" "176 / 509 MiB"
else
    echo "  (Xvfb or chromium missing: skipped)"
fi

# 8. video: frames dropped, the changes into and out of a film, memory with films
source tests/bench_video.sh

# 9. importing a stick of 40 photos of 24 MP, against cp -r of it plus djpeg -scale 1/8 of each
source tests/bench_import.sh
echo "== 10. proof of play: honorboard report over a month of three boards' logs (1.8 million lines)"
rm -rf "$out/month" && python3 tests/tools/genplaylog.py "$out/month" 1800000
mb=$(( $(cat "$out"/month/*/play.jsonl* | wc -c) / 1048576 ))
t0=$(date +%s%N); "$bin" report "$out"/month/*/play.jsonl* --csv > "$out/month.csv" 2>/dev/null
t1=$(date +%s%N); rep=$(( (t1 - t0) / 1000000 ))
t0=$(date +%s%N); python3 -c "import json,glob,collections;S=collections.Counter()
for p in glob.glob('$out/month/*/play.jsonl*'):
  for l in open(p):
    o=json.loads(l)
    if o['event']=='slide':S[(o['start'][:10],o['board'],o['playlist_title'],o['title'])]+=o['seconds']" 
t1=$(date +%s%N); py=$(( (t1 - t0) / 1000000 ))
echo "  honorboard report --csv: ${rep} ms for ${mb} MiB; the same sums with Python's json: ${py} ms"
row "report, a month (1.8 M lines, ${mb} MiB)" "${rep} ms" "< 5000 ms" "(new)"
rm -rf "$out/month"

echo "== summary (figure, measured, target, before); load average at the start $load_start, at the end $(load_now)"
printf '%s\n' "${summary[@]}"
