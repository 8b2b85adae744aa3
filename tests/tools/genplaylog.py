#!/usr/bin/env python3
"""genplaylog.py OUTDIR [LINES] - a generated month of proof-of-play logs for `honorboard report`
(tests/test_report.c, tests/bench.sh): three boards, November 2026, slide lines as the player
writes them (start, seconds, board, playlist title, slide title; titles with quotes and
backslashes to be unescaped) among other events, each board's log rotated into several files
(play.jsonl, play.jsonl.1, ...). Deterministic (a fixed seed); LINES in all, default 1800000."""
import os, random, sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 1800000
random.seed(29)
boards = ["大厅一号", "gate-2", "三楼\"东\"屏"]
playlists = [("省乔司监狱 · 先进风采", "01.yaml"), ("2026年\\先进事迹", "02.yaml"), ("", "03-untitled.yaml")]
slides = [["“党建红”引领“警察蓝”", "余程", "王辉"], ["合影", "李露窃 \"老李\""], ["视频一", "通知"]]
types = ["text", "story", "photo", "video", "roll"]

def js(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

os.makedirs(out, exist_ok=True)
per_board = total // len(boards)
for bi, board in enumerate(boards):
    d = os.path.join(out, "board%d" % (bi + 1))
    os.makedirs(d, exist_ok=True)
    files = 4
    per_file = per_board // files + 1
    start = 1793491200 + bi * 7  # 2026-11-01T00:00:00+08:00
    step = 30 * 86400 / per_board
    n = 0
    for f in range(files):
        name = os.path.join(d, "play.jsonl" + ("" if f == 0 else ".%d" % f))
        lines = []
        for _ in range(per_file):
            if n >= per_board:
                break
            t = start + n * step
            n += 1
            day = 1 + int((t - 1793491200) // 86400)
            if n % 500 == 0:  # other events between the slide lines
                lines.append('{"time":"2026-11-%02dT12:00:00+08:00","event":"reload",'
                             '"source":"/var/lib/honorboard/bundles/x"}' % day)
                continue
            p = random.randrange(3)
            s = random.randrange(len(slides[p]))
            secs = round(random.uniform(3, 20), 1)
            sec_of_day = int(t - 1793491200) % 86400
            st = "2026-11-%02dT%02d:%02d:%02d+08:00" % (day, sec_of_day // 3600, sec_of_day // 60 % 60, sec_of_day % 60)
            lines.append('{"time":"%s","event":"slide","start":"%s","seconds":%.1f,"board":%s,'
                         '"playlist_title":%s,"playlist":%s,"slide":%d,"page":1,"pages":1,"type":"%s","title":%s}'
                         % (st, st, secs, js(board), js(playlists[p][0]),
                            js("/var/lib/honorboard/bundles/2026%02d-%d/%s" % (day, bi, playlists[p][1])),
                            s + 1, types[(p + s) % 5], js(slides[p][s])))
        with open(name, "w") as fh:
            fh.write("\n".join(lines) + "\n")
