#!/bin/sh
# test-install.sh BUNDLE - installs the offline bundle into a fresh minbase Debian 12 with its
# install.sh (dpkg only) and runs the board there. The minbase tree is made once with
# debootstrap from the Debian mirror (minutes) and cached as build/minbase/minbase-SUITE.tar.gz.
# The installation runs with no network at all (a new, empty network namespace), so it proves
# the bundle is complete. Prints PASSED, FAILED or SKIPPED (never SKIPPED as PASSED).
set -eu
bundle=$1
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
cache=build/minbase
tarball=$cache/minbase-$suite.tar.gz
skip() { echo "test-install: SKIPPED: $*"; exit 0; }
fail() { echo "test-install: FAILED: $*"; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
unshare -m -n true 2>/dev/null || skip "cannot make a mount and network namespace here"
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
    echo "test-install: debootstrap --variant=minbase $suite (once, a few minutes)"
    rm -rf "$cache/root"
    debootstrap --variant=minbase "$suite" "$cache/root" "$mirror" > "$cache/debootstrap.log" 2>&1 ||
        skip "debootstrap failed, see $cache/debootstrap.log"
    tar -C "$cache/root" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$cache/root"
fi
root=$cache/test-root
rm -rf "$root" && mkdir -p "$root" && tar -C "$root" -xzf "$tarball"
cp -a "$bundle" "$root/tmp/bundle"
mkdir -p "$root/tmp/stick/honorboard/photos"
cp playlists/photos/yu-cheng.jpg "$root/tmp/stick/honorboard/photos/"
cp playlists/films/xuanchuanpian.mp4 "$root/tmp/stick/honorboard/photos/film.mp4"
printf 'honorboard: 1\ntitle: 安装测试\nslides:\n  - { type: story, name: 余程, photo: photos/yu-cheng.jpg, text: 正文 }\n  - { type: video, video: photos/film.mp4 }\n' \
    > "$root/tmp/stick/honorboard/a.yaml"
cat > "$root/tmp/checks.sh" <<'CHECKS'
set -eu
sh /tmp/bundle/install.sh
honorboard --version
getent passwd honorboard
for g in video render input; do id -nG honorboard | tr ' ' '\n' | grep -qx "$g" || { echo "not in $g"; exit 1; }; done
[ "$(stat -c %U /var/lib/honorboard)" = honorboard ] || { echo "store not owned by honorboard"; exit 1; }
SDL_VIDEODRIVER=dummy honorboard check /usr/share/honorboard/playlists   # with its film: libmpv2
test -f /etc/honorboard/config.yaml && honorboard check --config /etc/honorboard/config.yaml
grep -qx /etc/honorboard/config.yaml /var/lib/dpkg/info/honorboard.conffiles
SDL_VIDEODRIVER=dummy honorboard render /usr/share/honorboard/playlists/01-xianjin-fengcai.yaml --out /tmp/r --slides 2
test -s /tmp/r/slide-002.png
chown -R honorboard:honorboard /tmp/stick
setpriv --reuid=honorboard --regid=honorboard --init-groups --no-new-privs \
    honorboard import /tmp/stick --store /var/lib/honorboard
test -L /var/lib/honorboard/current
ls /var/lib/honorboard/current/photos/film.mp4   # the stick's film was taken
sh /tmp/bundle/install.sh   # a second run changes nothing and still succeeds
command -v syncthing && command -v rsync   # the sync engines came in the bundle
mkdir -p /etc/systemd/system/multi-user.target.wants
ln -sf /usr/lib/systemd/system/honorboard.service /etc/systemd/system/multi-user.target.wants/
dpkg --purge honorboard
test ! -e /etc/systemd/system/multi-user.target.wants/honorboard.service || { echo "enablement link left"; exit 1; }
test ! -e /var/lib/honorboard || { echo "store left after purge"; exit 1; }
test ! -e /etc/honorboard/config.yaml || { echo "conffile left after purge"; exit 1; }
sh /tmp/bundle/install.sh   # and back, for the unit check below
echo CHECKS-OK
CHECKS
unshare -m -n sh -c "mount -t proc proc '$root/proc' && mount --rbind /dev '$root/dev' &&
    chroot '$root' /bin/sh /tmp/checks.sh" > "$cache/test-install.log" 2>&1 ||
    { tail -30 "$cache/test-install.log"; fail "the installation or a check in the chroot failed (log: $cache/test-install.log)"; }
grep -q CHECKS-OK "$cache/test-install.log" || fail "the checks did not finish"
cp "$root/tmp/r/slide-002.png" build/test-install-slide.png
out=$(systemd-analyze security --offline=true --root="$root" honorboard.service 2>&1 | sed -n 's/.*Overall exposure level for honorboard.service: \([0-9.]*\).*/\1/p')
[ -n "$out" ] && awk "BEGIN { exit !($out <= 1.0) }" || fail "installed unit exposure '$out' (want <= 1.0)"
n=$(find "$bundle/debs" -name '*.deb' | wc -l)
echo "test-install: PASSED: $n packages + honorboard installed offline into minbase $suite with dpkg;" \
     "user, folders, check, render, confined import as honorboard; unit exposure $out" \
     "(log: $cache/test-install.log, slide: build/test-install-slide.png)"
