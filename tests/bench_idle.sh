#!/bin/bash
# bench_idle.sh BIN OUTDIR - what a board costs while it shows things, fullscreen 1920x1080 under
# Xvfb, side by side with a Chromium kiosk on the same X server (what an office would set up
# instead): CPU seconds over a fixed window (utime+stime from /proc of the whole process tree)
# and memory (PSS from /proc/PID/smaps_rollup, summed over the tree).
#   a. one still text slide vs Chromium showing an equivalent still HTML page. honorboard as a
#      board without a GPU runs it (this machine has no /dev/dri: SDL's software renderer), and
#      forced onto OpenGL (SDL_RENDER_DRIVER=opengl: Mesa's llvmpipe behind Xvfb's GLX, the
#      code path a GPU takes), reported
#   b. the bundled playlists with 2 s slides and fades (their film left out) vs Chromium playing
#      the same pages (honorboard's own renders) with 2 s CSS opacity fades; honorboard both ways
#   c. the still slide with a ticker scrolling over it, vs the same page with a CSS-animated
#      ticker in Chromium (reported)
#   d. 走字: a banner running through a 1536x192 door-top strip (a window of that size), vs
#      Chromium scrolling the same text at the same speed with a CSS animation in a window of
#      the same size
# Prints lines "idle: NAME cpu_s=X pct=Y pss_kb=Z" and the comparisons with their targets.
# IDLE_SECS (default 30) is the measured window, after IDLE_WARMUP (default 6) seconds;
# IDLE_ONLY="deck-honorboard-gl deck-chromium" measures only the runs named.
set -u
bin=$1
out=$2
secs=${IDLE_SECS:-30}
warm=${IDLE_WARMUP:-6}
tck=$(getconf CLK_TCK)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# A display number nobody uses.
disp=""
for n in $(seq 90 130); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }
done
[ -n "$disp" ] || { echo "idle: no free X display number"; exit 2; }
Xvfb ":$disp" -screen 0 1920x1080x24 -nolisten tcp +extension GLX >"$out/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null' EXIT
export DISPLAY=":$disp" SDL_VIDEODRIVER=x11

# Every process in the tree under $1 (itself included). cat, not awk, opens the stat files:
# a process that ends between the glob and the read (other work on the machine) is skipped,
# where mawk would stop at the missing file and print nothing.
tree() {
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
        { pid = $1; line = $0; sub(/.*\) /, "", line); split(line, f, " "); parent[pid] = f[2] }
        END { keep[root] = 1; changed = 1
              while (changed) { changed = 0
                  for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
              for (p in keep) print p }'
}
# "pid ticks" for each pid given: utime + stime.
ticks() {
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] || continue
        sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk -v p="$p" '{print p, $12 + $13}'
    done
}
pss() {
    for p in "$@"; do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done |
        awk '{s += $1} END {print s + 0}'
}

# Whether PID runs (a zombie waiting for its parent does not).
alive() {
    local st
    st=$(ps -o stat= -p "$1" 2>/dev/null)
    [ -n "$st" ] && [ "${st#Z}" = "$st" ]
}

# measure NAME COMMAND...: starts it in its own session, lets it settle, then counts.
measure() {
    local name=$1
    shift
    case " ${IDLE_ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    # The measured process is the session leader that the command runs as. setsid forks when
    # it is already a process group leader, so $! can be setsid's own short-lived PID: the
    # leader writes its PID to a file before it becomes the command (exec keeps the PID).
    rm -f "$out/$name.pid"
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$out/$name.pid" "$@" >"$out/$name.log" 2>&1 &
    local starter=$!
    for _ in $(seq 1 50); do [ -s "$out/$name.pid" ] && break; sleep 0.1; done
    local root
    root=$(cat "$out/$name.pid" 2>/dev/null)
    [ -n "$root" ] || { echo "idle: $name did not start"; return 1; }
    sleep "$warm"
    local xs0 xs1
    xs0=$(ticks $xvfb | awk '{print $2}')
    ticks $(tree $root) >"$out/$name.t0"
    sleep "$secs"
    local pids
    pids=$(tree $root)
    ticks $pids >"$out/$name.t1"
    xs1=$(ticks $xvfb | awk '{print $2}')
    local mem nproc
    mem=$(pss $pids)
    nproc=$(echo $pids | wc -w)
    DISPLAY=":$disp" xwd -root -silent >"$out/$name.xwd" 2>/dev/null
    kill -TERM -- "-$root" 2>/dev/null
    for _ in $(seq 1 50); do alive "$root" || break; sleep 0.1; done
    kill -KILL -- "-$root" 2>/dev/null
    wait "$starter" 2>/dev/null
    local cpu
    cpu=$(awk -v tck="$tck" 'NR == FNR {a[$1] = $2; next} {s += $2 - ($1 in a ? a[$1] : 0)}
                              END {printf "%.2f", s / tck}' "$out/$name.t0" "$out/$name.t1")
    local xcpu
    xcpu=$(awk -v a="$xs0" -v b="$xs1" -v tck="$tck" 'BEGIN {printf "%.2f", (b - a) / tck}')
    local pct
    pct=$(awk -v c="$cpu" -v s="$secs" 'BEGIN {printf "%.1f", 100 * c / s}')
    echo "idle: $name cpu_s=$cpu pct=$pct pss_kb=$mem processes=$nproc xserver_cpu_s=$xcpu"
}

chromium_cmd() { # URL [W,H]: a kiosk, or an app window of that size (no infobar over it)
    rm -rf "$out/chromium-profile"
    local how="--kiosk $1" size=${2:-1920,1080}
    [ -n "${2:-}" ] && how="--app=$1 --test-type"
    echo chromium --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$out/chromium-profile" --window-position=0,0 --window-size=$size $how
}

# a. the still slide, and an HTML page of the same kind
mkdir -p "$out/still"
cat >"$out/still/still.yaml" <<'EOF'
honorboard: 1
title: 通知
slides:
  - type: text
    duration: 3600s
    title: 关于开展“先进风采”评选活动的通知
    text: |
      各分监狱、各科室：为进一步弘扬正气、树立典型，激励全体民警职工比先进、学先进、赶先进，经研究，决定开展年度“先进风采”评选活动。请各单位认真组织推荐，于本月底前将推荐材料报送政治处。
EOF
cat >"$out/still/still.html" <<'EOF'
<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;width:100%;height:100%;overflow:hidden}
body{background:radial-gradient(ellipse at 50% 28%,#b04040 0,#8E1B1B 45%,#631313 100%);
 color:#fff;font-family:"Noto Sans CJK SC",sans-serif}
h1{margin:120px 160px 30px;font-size:64px;text-align:center;color:#F3C969}
hr{border:0;border-top:3px solid #F3C969;margin:0 160px 50px}
p{margin:0 160px;font-size:44px;line-height:1.7;text-indent:2em;text-align:justify}
</style></head><body><h1>关于开展“先进风采”评选活动的通知</h1><hr>
<p>各分监狱、各科室：为进一步弘扬正气、树立典型，激励全体民警职工比先进、学先进、赶先进，经研究，决定开展年度“先进风采”评选活动。请各单位认真组织推荐，于本月底前将推荐材料报送政治处。</p>
</body></html>
EOF
measure still-honorboard "$bin" play "$out/still/still.yaml"
SDL_RENDER_DRIVER=opengl measure still-honorboard-gl "$bin" play "$out/still/still.yaml"
measure still-chromium $(chromium_cmd "file://$out/still/still.html")

# c. a ticker scrolling over that still slide (only its band is painted again and shown), and
#    the same page with a CSS-animated ticker in Chromium
tk="比先进、学先进、赶先进，立足岗位作贡献。全体民警职工向先进典型学习，在平凡岗位上创造不平凡的业绩。"
sed "s/^title: 通知/title: 通知\nticker: $tk/" "$out/still/still.yaml" >"$out/still/ticker.yaml"
sed "s|</body>|<div class=\"tk\"><span>$tk</span></div></body>|; s|</style>|.tk{position:absolute;left:0;bottom:0;width:100%;height:62px;background:rgba(48,8,8,.85);border-top:3px solid #F3C969;overflow:hidden}.tk span{position:absolute;top:8px;white-space:nowrap;font-size:34px;font-weight:bold;animation:run 25s linear infinite}@keyframes run{from{transform:translateX(1920px)}to{transform:translateX(-100%)}}</style>|" \
    "$out/still/still.html" >"$out/still/ticker.html"
measure ticker-honorboard "$bin" play "$out/still/ticker.yaml"
measure ticker-chromium $(chromium_cmd "file://$out/still/ticker.html")

# d. 走字 on a 1536x192 strip: honorboard's banner at 4 characters a second (its band alone is
#    painted again and shown), and Chromium moving the same line at the same 516 px/s (4 ems of
#    129 px a second) with a CSS transform animation in a 1536x192 window
mkdir -p "$out/run"
zz="热烈祝贺第二分监狱荣获“全国先进基层党组织”称号　安全生产　人人有责　比先进　学先进　赶先进"
printf 'clock: false\n' >"$out/run/config.yaml"
printf 'honorboard: 1\ntitle: 走字\nslides:\n  - type: banner\n    duration: 3600s\n    speed: 4\n    text: %s\n' \
    "$zz" >"$out/run/run.yaml"
n=$(printf '%s' "$zz" | wc -m)
runs=$(awk -v n="$n" 'BEGIN {printf "%.3f", (n + 4) * 129 / 516}')
cat >"$out/run/run.html" <<EOF
<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;width:100%;height:100%;overflow:hidden}
body{background:linear-gradient(#9c3a3a,#6a1414);font-family:"Noto Sans CJK SC",sans-serif}
div{position:absolute;left:12px;top:12px;right:12px;bottom:12px;overflow:hidden;border:1px solid #F3C969}
span{position:absolute;top:0;white-space:nowrap;font:bold 129px/168px "Noto Sans CJK SC";color:#F3C969;
 animation:run ${runs}s linear infinite}
@keyframes run{from{transform:translateX(0)}to{transform:translateX(-$(( (n + 4) * 129 ))px)}}
</style></head><body><div><span>$zz</span></div></body></html>
EOF
measure run-honorboard "$bin" play "$out/run/run.yaml" --window=1536x192 --config "$out/run/config.yaml"
measure run-chromium $(chromium_cmd "file://$out/run/run.html" 1536,192)

# b. the bundled deck, every slide 2 s with a fade, and the same pages as an HTML slideshow
rm -rf "$out/deck" && mkdir -p "$out/deck"
cp -r playlists/. "$out/deck/"
sed -i -E 's/^( *)duration: .*/\1duration: 2s/; s/^defaults: .*/defaults: { duration: 2s, transition: fade }/;
           s/^( *)transition: .*/\1transition: fade/' "$out/deck/"*.yaml
# Without the film: Chromium's copy of the deck would show its poster page for 2 s while
# honorboard plays 14.8 s of H.264 (two decks, not one); video is measured in bench.sh's
# section 8.
for f in "$out/deck/"*.yaml; do
    awk '/^  - type:/ {skip = ($0 ~ /type: video/)} /^[^ #]/ {skip = 0} !skip' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
"$bin" render "$out/deck" --out "$out/deck/pages" >/dev/null 2>&1
{
    echo '<!doctype html><html><head><meta charset="utf-8"><style>'
    echo 'html,body{margin:0;background:#5a1212;overflow:hidden}'
    echo 'img{position:absolute;left:0;top:0;width:1920px;height:1080px;opacity:0;transition:opacity .8s linear}'
    echo 'img.on{opacity:1}</style></head><body>'
    for f in "$out/deck/pages/"*.png; do echo "<img src=\"pages/$(basename "$f")\">"; done
    echo '<script>var im=document.images,i=0;im[0].className="on";'
    echo 'setInterval(function(){im[i].className="";i=(i+1)%im.length;im[i].className="on"},2000)</script>'
    echo '</body></html>'
} >"$out/deck/deck.html"
measure deck-honorboard "$bin" play "$out/deck"
SDL_RENDER_DRIVER=opengl measure deck-honorboard-gl "$bin" play "$out/deck"
measure deck-chromium $(chromium_cmd "file://$out/deck/deck.html")
