#!/bin/bash
# bench_gl.sh BIN OUTDIR PLAYLIST SECS - plays PLAYLIST fullscreen (1920x1080) for SECS seconds
# at 4x speed on SDL's OpenGL renderer (asked for by name: honorboard would take the software
# renderer on a software GL) under Xvfb (GLX on Mesa's llvmpipe: a software GL, but
# the code path a lobby PC's GPU takes) and leaves its --stats in OUTDIR/frames-gl.jsonl.
set -u
bin=$1 out=$2 pl=$3 secs=$4
disp=""
for n in $(seq 131 170); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }
done
[ -n "$disp" ] || exit 2
Xvfb ":$disp" -screen 0 1920x1080x24 -nolisten tcp +extension GLX >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=opengl DISPLAY=":$disp" "$bin" play "$pl" --time-scale 4 --quit-after "$secs" \
    --stats "$out/frames-gl.jsonl"
