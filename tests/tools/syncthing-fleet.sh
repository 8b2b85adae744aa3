#!/bin/bash
# A fleet's Syncthing on this machine, as docs/operating.md sets it up for many screens: one office
# instance and one instance per board. Per board NAME two folders: "out-NAME", the board's outbox
# DIR/outbox-NAME (Send Only) arriving at the office as DIR/office/NAME (Receive Only), and
# "in-NAME", the office's DIR/publish-NAME (Send Only) arriving as the board's inbox
# DIR/inbox-NAME (Receive Only). Loopback only: discovery, relays, NAT, usage reporting and
# upgrades off; every device has the other's explicit tcp://127.0.0.1:PORT. Keys from
# `syncthing generate`; each instance's REST API on 127.0.0.1 with the API key "hb-HOME".
#   syncthing-fleet.sh start DIR NAME...       sets up and starts all (pids in DIR/st/*.pid)
#   syncthing-fleet.sh complete DIR FROM FOLDER TO
#        rescans FOLDER at FROM, then waits (60 s at most) until /rest/db/completion says the
#        device TO has all of it (100%, nothing needed); exit 1 when it never does
#   syncthing-fleet.sh stop DIR
set -eu
cmd=$1 dir=$(realpath -m "$2")
st=$dir/st
if [ "$cmd" = stop ]; then
    for p in "$st"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
    exit 0
fi
if [ "$cmd" = complete ]; then
    exec python3 - "$st" "$3" "$4" "$5" <<'PY'
import json, sys, time, urllib.request
st, src, folder, dst = sys.argv[1:]
ports = dict(l.split() for l in open(f"{st}/ports.txt"))
ids = dict(l.split() for l in open(f"{st}/ids.txt"))
def call(path, method="GET"):
    req = urllib.request.Request(f"http://127.0.0.1:{ports[src]}{path}", method=method,
                                 headers={"X-API-Key": f"hb-{src}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        body = r.read()
    return json.loads(body) if body.strip() else None
end = time.time() + 60
while True:
    try:
        call(f"/rest/db/scan?folder={folder}", "POST")  # returns when the scan is done
        c = call(f"/rest/db/completion?folder={folder}&device={ids[dst]}")
        if c["completion"] >= 100 and c["needBytes"] == 0 and c["needItems"] == 0 \
                and c.get("remoteState", "valid") == "valid":
            sys.exit(0)
        last = c
    except Exception as e:  # not up yet
        last = str(e)
    if time.time() > end:
        print(f"syncthing-fleet: {folder} from {src} to {dst} incomplete: {last}", file=sys.stderr)
        sys.exit(1)
    time.sleep(0.5)
PY
fi
shift 2
boards=("$@")
rm -rf "$st"; mkdir -p "$st" "$dir/office"
for b in "${boards[@]}"; do
    mkdir -p "$dir/outbox-$b/.stfolder" "$dir/office/$b/.stfolder" "$dir/publish-$b/.stfolder" \
        "$dir/inbox-$b/.stfolder"
done
for h in office "${boards[@]}"; do
    syncthing generate --home="$st/$h" --no-default-folder >/dev/null 2>&1
done
base=$((20000 + RANDOM % 20000))
python3 - "$dir" "$base" "${boards[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
d, base, boards = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
st = d + "/st"
homes = ["office"] + boards
port = {h: base + 2 * i for i, h in enumerate(homes)}
gui = {h: base + 2 * i + 1 for i, h in enumerate(homes)}
ids = {h: ET.parse(f"{st}/{h}/config.xml").getroot().find("device").get("id") for h in homes}
# (folder id, home, path, type): each board's outbox to the office, the office's bundles to it
folders = []
for b in boards:
    folders += [(f"out-{b}", b, f"{d}/outbox-{b}", "sendonly"),
                (f"out-{b}", "office", f"{d}/office/{b}", "receiveonly"),
                (f"in-{b}", "office", f"{d}/publish-{b}", "sendonly"),
                (f"in-{b}", b, f"{d}/inbox-{b}", "receiveonly")]
for h in homes:
    tree = ET.parse(f"{st}/{h}/config.xml")
    root = tree.getroot()
    o = root.find("options")
    def opt(k, v):
        e = o.find(k)
        if e is None:
            e = ET.SubElement(o, k)
        e.text = v
    opt("listenAddress", f"tcp://127.0.0.1:{port[h]}")
    for k, v in [("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"),
                 ("relaysEnabled", "false"), ("natEnabled", "false"), ("startBrowser", "false"),
                 ("urAccepted", "-1"), ("crashReportingEnabled", "false"),
                 ("autoUpgradeIntervalH", "0")]:
        opt(k, v)
    g = root.find("gui")
    g.find("address").text = f"127.0.0.1:{gui[h]}"
    k = g.find("apikey")
    if k is None:
        k = ET.SubElement(g, "apikey")
    k.text = f"hb-{h}"
    for peer in (boards if h == "office" else ["office"]):
        dev = ET.SubElement(root, "device", id=ids[peer], name=peer, compression="metadata",
                            introducer="false")
        ET.SubElement(dev, "address").text = f"tcp://127.0.0.1:{port[peer]}"
        ET.SubElement(dev, "autoAcceptFolders").text = "false"
    for fid, fh, path, ftype in folders:
        if fh != h:
            continue
        b = fid.split("-", 1)[1]
        f = ET.SubElement(root, "folder", id=fid, label=fid, path=path, type=ftype,
                          rescanIntervalS="1", fsWatcherEnabled="true", fsWatcherDelayS="1")
        ET.SubElement(f, "device", id=ids["office"])
        ET.SubElement(f, "device", id=ids[b])
    tree.write(f"{st}/{h}/config.xml")
with open(f"{st}/ports.txt", "w") as p:
    p.writelines(f"{h} {gui[h]}\n" for h in homes)
with open(f"{st}/ids.txt", "w") as p:
    p.writelines(f"{h} {ids[h]}\n" for h in homes)
PY
for h in office "${boards[@]}"; do
    STNODEFAULTFOLDER=1 syncthing serve --home="$st/$h" --no-browser --no-restart \
        --logfile="$st/$h.log" >/dev/null 2>&1 &
    echo $! > "$st/$h.pid"
done
