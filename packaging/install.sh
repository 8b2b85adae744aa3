#!/bin/sh
# install.sh - installs honorboard on this PC from this folder alone: dpkg, no network, no apt
# sources. Packages the PC already has at the same or a newer version are left alone (never
# downgraded); the rest are installed together, so dpkg configures each after what it needs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
    echo "请用 root 运行 / run as root:  sudo sh $0" >&2
    exit 1
fi
cd "$here"
if ! sha256sum -c --quiet SHA256SUMS; then
    echo "文件已损坏，请重新复制 / files are damaged, copy the folder again" >&2
    exit 1
fi
set --
for f in debs/*.deb honorboard_*.deb; do
    [ -e "$f" ] || continue
    p=$(dpkg-deb -f "$f" Package) v=$(dpkg-deb -f "$f" Version)
    have=$(dpkg-query -W -f='${Status} ${Version}' "$p" 2>/dev/null | sed -n 's/^install ok installed //p')
    if [ -n "$have" ] && dpkg --compare-versions "$have" ge "$v"; then
        continue
    fi
    set -- "$@" "$f"
done
if [ $# -gt 0 ]; then
    # A Pre-Depends that dpkg cannot order in one run is settled by a second run.
    dpkg -i "$@" || { dpkg --configure -a && dpkg -i "$@"; }
fi
dpkg-query -W -f='${Status}\n' honorboard | grep -q "install ok installed"
echo "honorboard $(dpkg-query -W -f='${Version}' honorboard) 已安装 / installed."
echo "下一步 / next: write /etc/honorboard/config.yaml, then: systemctl enable --now honorboard"
