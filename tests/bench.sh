#!/bin/bash
# make bench - timings side by side with what a user would pick instead. Never part of make test.
# 1. Typesetting: lay out and rasterise a 600-character Chinese story page (1920x1080 story
#    layout: text column 1130 px wide, 40 px type) with honorboard, against pango-view setting the
#    same text with the same font and width. Both as whole processes, median of 9 runs.
set -u
bin=${1:-./honorboard}
debs=${2:-pango1.0-tools}
cd "$(dirname "$0")/.."
missing=""
for p in $debs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
    echo "bench: installing$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get install -y -q $missing >/dev/null || { echo "bench: cannot install$missing"; exit 2; }
fi
out=build/bench
mkdir -p "$out"
# 600 characters of story text (the article's paragraph about 老杨, repeated), 3 paragraphs
base="疏通管道、搬运水桶、维修设备、清点物资……平日里，办公室很少能看到老杨，因为他总忙碌在分监狱的各个角落。在监内执勤期间，他牺牲个人休息时间，主动加班加点，对监内树木植被进行裁枝修剪；为缓解监区警力不足的压力、减轻执勤民警负担，杨建桥主动要求承担起夜间执勤任务。"
text=""
while [ ${#text} -lt 600 ]; do text="$text$base"; done
text=${text:0:600}
printf '%s\n\n%s\n\n%s\n' "${text:0:200}" "${text:200:200}" "${text:400:200}" > "$out/story.txt"
echo "story: $(wc -m < "$out/story.txt") characters"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() { # command... -> median wall ms of 9 runs
    for i in 1 2 3 4 5 6 7 8 9; do
        s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
    done | median | awk '{printf "%.1f", $1/1000}'
}
hb=$(time_runs build/bench_typeset "$out/story.txt" 1130 40 "$out/hb.png")
pv=$(time_runs pango-view --no-display --dpi=72 --margin=0 --font="Noto Sans CJK SC 40px" --width=1130 --wrap=word-char \
        --justify --indent=80 -q -o "$out/pango.png" "$out/story.txt")
warm=$(build/bench_typeset "$out/story.txt" 1130 40 "$out/hb.png" 20)
echo "typeset 600-char story page, whole process (median of 9):"
echo "  honorboard  ${hb} ms"
echo "  pango-view  ${pv} ms"
awk -v a="$hb" -v b="$pv" 'BEGIN {printf "  ratio honorboard/pango-view: %.2f (target <= 0.50)\n", a/b}'
echo "  honorboard layout+raster in a running player (warm caches, best of 20): ${warm} ms"
echo "  (both whole-process figures include writing a 1130x1537 PNG with zlib, which is most of"
echo "   either run; the player never writes PNG: its figure is the last line)"
