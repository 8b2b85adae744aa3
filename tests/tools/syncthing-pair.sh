#!/bin/bash
# Two Syncthing instances on this machine, as the README's "Many screens" setup: an office
# sharing DIR/outbox as a Send Only folder, a screen receiving it as DIR/inbox (Receive Only).
# Loopback only: discovery, relays, NAT and usage reporting are off.
#   syncthing-pair.sh start DIR     sets up and starts both (pids in DIR/*.pid)
#   syncthing-pair.sh stop DIR
set -eu
cmd=$1 dir=$(realpath -m "$2")
if [ "$cmd" = stop ]; then
    for p in "$dir"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
    exit 0
fi
rm -rf "$dir"; mkdir -p "$dir/outbox/.stfolder" "$dir/inbox/.stfolder"
syncthing generate --home="$dir/office" --no-default-folder >/dev/null 2>&1
syncthing generate --home="$dir/screen" --no-default-folder >/dev/null 2>&1
base=$((20000 + RANDOM % 20000))
python3 - "$dir" "$base" <<'PY'
import re, sys, xml.etree.ElementTree as ET
d, base = sys.argv[1], int(sys.argv[2])
homes = {"office": (base, base + 1, "sendonly", d + "/outbox"), "screen": (base + 2, base + 3, "receiveonly", d + "/inbox")}
ids = {}
for name in homes:
    ids[name] = ET.parse(f"{d}/{name}/config.xml").getroot().find("device").get("id")
for name, (port, gui, ftype, path) in homes.items():
    tree = ET.parse(f"{d}/{name}/config.xml")
    root = tree.getroot()
    o = root.find("options")
    def opt(k, v):
        e = o.find(k)
        if e is None:
            e = ET.SubElement(o, k)
        e.text = v
    opt("listenAddress", f"tcp://127.0.0.1:{port}")
    for k, v in [("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"),
                 ("relaysEnabled", "false"), ("natEnabled", "false"), ("startBrowser", "false"),
                 ("urAccepted", "-1"), ("crashReportingEnabled", "false"), ("autoUpgradeIntervalH", "0")]:
        opt(k, v)
    root.find("gui").find("address").text = f"127.0.0.1:{gui}"
    peer = "screen" if name == "office" else "office"
    dev = ET.SubElement(root, "device", id=ids[peer], name=peer, compression="metadata", introducer="false")
    ET.SubElement(dev, "address").text = f"tcp://127.0.0.1:{homes[peer][0]}"
    ET.SubElement(dev, "autoAcceptFolders").text = "false"
    f = ET.SubElement(root, "folder", id="honorboard", label="honorboard", path=path, type=ftype,
                      rescanIntervalS="1", fsWatcherEnabled="true", fsWatcherDelayS="1")
    ET.SubElement(f, "device", id=ids["office"])
    ET.SubElement(f, "device", id=ids["screen"])
    tree.write(f"{d}/{name}/config.xml")
PY
for name in office screen; do
    STNODEFAULTFOLDER=1 syncthing serve --home="$dir/$name" --no-browser --no-restart \
        --logfile="$dir/$name.log" >/dev/null 2>&1 &
    echo $! > "$dir/$name.pid"
done
