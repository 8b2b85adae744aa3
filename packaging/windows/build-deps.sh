#!/bin/sh
# build-deps.sh - the libraries of honorboard for Windows, cross-built from their Debian source
# packages with mingw-w64 (`make windows-deps`).
#
# Each library is fetched with `apt-get source` (deb-src is enabled first when it is missing: a
# deb-src line under /etc/apt/sources.list.d/), so it carries the same version and the same
# Debian patches as the board's; nothing else is downloaded. Everything is built static into
# build/windows/prefix, one stamp per library under build/windows/stamps: a second run only
# builds what changed (delete a stamp to rebuild one library; the whole tree to start over).
#
# Left out on Windows, and why (docs/windows.md): fontconfig (the board's font choices are
# written down at `make windows` time and the same files shipped: no font cache on her PC),
# libmpv (films show their poster: they play on the board), libheif (its HEVC decoder would
# double the build: HEIC photos are converted by the board), gettext (src/base/i18n.c reads the
# .mo catalogue itself on Windows), libseccomp/libsystemd/libsodium (the board's store only).
set -eu

TOP=$(pwd)
W=$TOP/build/windows
SRC=$W/src
P=$W/prefix
STAMP=$W/stamps
HOST=x86_64-w64-mingw32
JOBS=${JOBS:-2}
export CC="$HOST-gcc-posix" CXX="$HOST-g++-posix" AR="$HOST-ar" RANLIB="$HOST-ranlib"
export STRIP="$HOST-strip" RC="$HOST-windres" WINDRES="$HOST-windres"
export PKG_CONFIG_LIBDIR="$P/lib/pkgconfig" PKG_CONFIG_PATH=""
export CFLAGS="-O2" CXXFLAGS="-O2" CPPFLAGS="-I$P/include" LDFLAGS="-L$P/lib"
mkdir -p "$SRC" "$P/lib/pkgconfig" "$P/include" "$STAMP"

say() { printf 'build-deps: %s\n' "$*" >&2; }

need_tools() {
    missing=""
    for t in "$CC" "$CXX" meson ninja cmake nasm dpkg-source make autoreconf; do
        command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
    done
    [ -z "$missing" ] && return 0
    say "missing tools:$missing (apt-get install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 meson ninja-build cmake nasm dpkg-dev autoconf automake libtool)"
    exit 1
}

# deb-src: apt-get source needs a Sources index; add one beside the binary one when absent.
enable_deb_src() {
    if apt-get source --print-uris -q zlib >/dev/null 2>&1; then return 0; fi
    f=/etc/apt/sources.list.d/honorboard-deb-src.sources
    say "enabling deb-src in $f"
    suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$suite" "$suite" | $SUDO tee "$f" >/dev/null
    $SUDO apt-get update -q >&2
}

# fetch PKG: unpacks the Debian source of PKG (patches applied) once; prints its directory.
fetch() {
    d=$SRC/$1
    if ! ls -d "$d"/*/debian "$d"/*/configure* >/dev/null 2>&1; then
        mkdir -p "$d"
        (cd "$d" && apt-get source -q "$1" >&2) || {
            # the archive's .orig tarball alone (the mirror here lacks some .debian.tar files):
            # Debian's upstream source, without Debian's packaging, which the build does not use
            orig=$(ls "$d"/*.orig.tar.* 2>/dev/null | head -1)
            [ -n "$orig" ] || { say "apt-get source $1 failed"; return 1; }
            say "apt-get source $1: only its .orig tarball; unpacking that"
            (cd "$d" && tar xf "$orig" >&2)
        }
    fi
    if ls -d "$d"/*/debian >/dev/null 2>&1; then
        dirname "$(ls -d "$d"/*/debian | head -1)"
    else
        ls -d "$d"/*/ | head -1 | sed 's:/$::'
    fi
}

done_() { [ -f "$STAMP/$1" ]; }
mark() { date -u +%FT%TZ >"$STAMP/$1"; }

cross_files() {
    cat >"$W/cross.meson" <<EOF
[binaries]
c = '$CC'
cpp = '$CXX'
ar = '$AR'
strip = '$STRIP'
windres = '$WINDRES'
pkgconfig = 'pkg-config'
[properties]
pkg_config_libdir = '$P/lib/pkgconfig'
[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
    cat >"$W/toolchain.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(CMAKE_C_COMPILER $CC)
set(CMAKE_CXX_COMPILER $CXX)
set(CMAKE_RC_COMPILER $WINDRES)
set(CMAKE_FIND_ROOT_PATH $P /usr/$HOST)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
EOF
}

autotools() { # autotools SRCDIR BUILDDIR configure-args...
    s=$1 b=$2
    shift 2
    rm -rf "$b" && mkdir -p "$b"
    (cd "$b" && "$s/configure" --host=$HOST --prefix="$P" --enable-static --disable-shared "$@" >&2 &&
        make -j"$JOBS" >&2 && make install >&2)
}

meson_() { # meson_ SRCDIR BUILDDIR options...
    s=$1 b=$2
    shift 2
    rm -rf "$b"
    meson setup "$b" "$s" --cross-file "$W/cross.meson" --prefix="$P" --libdir=lib \
        --buildtype=release -Ddefault_library=static "$@" >&2
    ninja -C "$b" -j"$JOBS" >&2 && ninja -C "$b" install >&2
}

cmake_() { # cmake_ SRCDIR BUILDDIR options...
    s=$1 b=$2
    shift 2
    rm -rf "$b"
    cmake -S "$s" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$W/toolchain.cmake" \
        -DCMAKE_INSTALL_PREFIX="$P" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF "$@" >&2
    ninja -C "$b" -j"$JOBS" >&2 && ninja -C "$b" install >&2
}

# cc_lib NAME SRCDIR FILES... : a static library compiled file by file (for sources whose
# Debian package keeps no build system that cross-compiles: zlib's win32 makefile and
# libexif's configure are not in their Debian sources).
cc_lib() {
    name=$1 dir=$2
    shift 2
    b=$W/b/$name
    rm -rf "$b" && mkdir -p "$b"
    for f in "$@"; do
        o=$b/$(echo "$f" | tr / _).o
        $CC $CFLAGS $CPPFLAGS $EXTRA -c -o "$o" "$dir/$f.c"
    done
    rm -f "$P/lib/lib$name.a"
    $AR rcs "$P/lib/lib$name.a" "$b"/*.o
}

b_zlib() {
    s=$(fetch zlib)
    EXTRA="" cc_lib z "$s" adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback \
        inffast inflate inftrees trees uncompr zutil
    cp "$s/zlib.h" "$s/zconf.h" "$P/include/"
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: zlib\nDescription: zlib\nVersion: 1.2.13\nLibs: -L${libdir} -lz\nCflags: -I${includedir}\n' \
        "$P" >"$P/lib/pkgconfig/zlib.pc"
}
b_libyaml() {
    cmake_ "$(fetch libyaml)" "$W/b/libyaml" -DBUILD_TESTING=OFF -DINSTALL_CMAKE_DIR=lib/cmake
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: yaml-0.1\nDescription: libyaml\nVersion: 0.2.5\nLibs: -L${libdir} -lyaml\nCflags: -I${includedir} -DYAML_DECLARE_STATIC\n' \
        "$P" >"$P/lib/pkgconfig/yaml-0.1.pc"
}
b_libspng() { meson_ "$(fetch libspng)" "$W/b/libspng" -Dbuild_examples=false -Dstatic_zlib=true; }
b_freetype() {
    meson_ "$(fetch freetype)" "$W/b/freetype" -Dharfbuzz=disabled -Dpng=disabled \
        -Dbzip2=disabled -Dbrotli=disabled -Dzlib=system -Dtests=disabled
}
b_harfbuzz() {
    meson_ "$(fetch harfbuzz)" "$W/b/harfbuzz" -Dglib=disabled -Dgobject=disabled \
        -Dcairo=disabled -Dchafa=disabled -Dicu=disabled -Dfreetype=enabled -Dtests=disabled \
        -Dintrospection=disabled -Ddocs=disabled -Dutilities=disabled 2>/dev/null ||
        meson_ "$(fetch harfbuzz)" "$W/b/harfbuzz" -Dglib=disabled -Dgobject=disabled \
            -Dcairo=disabled -Dchafa=disabled -Dicu=disabled -Dfreetype=enabled \
            -Dtests=disabled -Dintrospection=disabled -Ddocs=disabled
}
b_libexif() {
    s=$(fetch libexif)
    printf '#define GETTEXT_PACKAGE "libexif-12"\n#define LOCALEDIR ""\n' >"$s/config.h"
    printf '#include <stdint.h>\n' >"$s/libexif/_stdint.h"
    files=$(cd "$s" && ls libexif/*.c libexif/*/*.c | sed 's/\.c$//')
    # shellcheck disable=SC2086
    EXTRA="-I$s" cc_lib exif "$s" $files
    mkdir -p "$P/include/libexif"
    cp "$s"/libexif/*.h "$P/include/libexif/"
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: libexif\nDescription: EXIF\nVersion: 0.6.24\nLibs: -L${libdir} -lexif\nCflags: -I${includedir}\n' \
        "$P" >"$P/lib/pkgconfig/libexif.pc"
}
b_libjpeg_turbo() {
    cmake_ "$(fetch libjpeg-turbo)" "$W/b/libjpeg-turbo" -DENABLE_SHARED=OFF -DENABLE_STATIC=ON \
        -DWITH_TURBOJPEG=ON -DWITH_JPEG8=OFF -DCMAKE_ASM_NASM_COMPILER=nasm
}
b_libwebp() {
    autotools "$(fetch libwebp)" "$W/b/libwebp" --disable-libwebpmux --disable-libwebpdemux \
        --disable-libwebpdecoder --disable-libwebpextras --disable-gl --disable-sdl --disable-png \
        --disable-jpeg --disable-tiff --disable-gif --disable-wic
}
b_libsodium() { # BLAKE2b of photos and files (src/base/fileio.c)
    s=$(fetch libsodium)
    [ -x "$s/configure" ] || (cd "$s" && autoreconf -fi >&2)
    autotools "$s" "$W/b/libsodium" --disable-pie --disable-ssp
}
b_libsdl2() { autotools "$(fetch libsdl2)" "$W/b/libsdl2"; }
b_libsdl2_image() {
    # JPEG and PNG through its built-in stb_image (honorboard decodes JPEG with libjpeg-turbo
    # itself; PNG is lossless), WebP through honorboard's own libwebp path.
    cmake_ "$(fetch libsdl2-image)" "$W/b/libsdl2-image" -DSDL2IMAGE_SAMPLES=OFF \
        -DSDL2IMAGE_BACKEND_STB=ON -DSDL2IMAGE_BACKEND_WIC=OFF -DSDL2IMAGE_WEBP=OFF \
        -DSDL2IMAGE_AVIF=OFF -DSDL2IMAGE_JXL=OFF -DSDL2IMAGE_TIF=OFF -DSDL2IMAGE_VENDORED=OFF \
        -DSDL2IMAGE_DEPS_SHARED=OFF -DSDL2IMAGE_INSTALL=ON -DSDL2_DIR="$P/lib/cmake/SDL2"
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: SDL2_image\nDescription: SDL_image\nVersion: 2.6.3\nRequires: sdl2\nLibs: -L${libdir} -lSDL2_image\nCflags: -I${includedir}/SDL2\n' \
        "$P" >"$P/lib/pkgconfig/SDL2_image.pc"
}

# ICU: only libicuuc (line and word breaks) is used. A cross build asks for a native build of
# the same version for its data tools; honorboard needs none of them (the data is the
# prebuilt icudt72l.dat of the Debian source, the very data of the board's libicu72), so the
# native side is configured only, and the cross side builds stubdata and common.
b_icu() {
    s=$(fetch icu)/source
    n=$W/b/icu-native c=$W/b/icu-cross
    rm -rf "$n" "$c" && mkdir -p "$n" "$c"
    (cd "$n" && env -u CC -u CXX -u AR -u RANLIB -u CFLAGS -u CXXFLAGS -u CPPFLAGS -u LDFLAGS \
        "$s/configure" --disable-tests --disable-samples --disable-extras >&2 &&
        make config/icucross.mk config/icucross.inc >&2)
    (cd "$c" && "$s/configure" --host=$HOST --with-cross-build="$n" --prefix="$P" \
        --enable-static --disable-shared --disable-tests --disable-samples --disable-extras \
        --disable-tools --disable-layoutex --with-data-packaging=archive >&2 &&
        mkdir -p lib bin && make -j"$JOBS" -C stubdata >&2 && make -j"$JOBS" -C common >&2 &&
        make -C common install >&2 && make -C stubdata install >&2)
    icu_finish "$s"
}
icu_finish() {
    s=$1
    mkdir -p "$P/share/icu"
    cp "$s"/data/in/icudt*l.dat "$P/share/icu/"
    v=$(sed -n 's/^#define U_ICU_VERSION "\(.*\)"/\1/p' "$s/common/unicode/uvernum.h")
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: icu-uc\nDescription: ICU common\nVersion: %s\nLibs: -L${libdir} -lsicuuc -lsicudt -lstdc++\nCflags: -I${includedir} -DU_STATIC_IMPLEMENTATION\n' \
        "$P" "$v" >"$P/lib/pkgconfig/icu-uc.pc"
}

# libunibreak: Debian's source of the board's version (1.1). HB_UNIBREAK_SRC, or else
# build/windows/src/libunibreak-1.1, names an unpacked copy of the same upstream release (its
# headers are byte for byte Debian's) when the mirror does not carry it (here it answered 404).
b_libunibreak() {
    s=${HB_UNIBREAK_SRC:-}
    if [ -z "$s" ]; then
        s=$(fetch libunibreak) || {
            s=$SRC/libunibreak-1.1
            [ -d "$s/src" ] || {
                say "no libunibreak source: unpack upstream 1.1 (tag libunibreak_1_1) into $s"
                return 1
            }
        }
    fi
    b=$W/b/libunibreak
    rm -rf "$b" && mkdir -p "$b"
    ls "$s"/src/*.c >/dev/null 2>&1 && d=$s/src || d=$s
    for f in linebreak linebreakdata linebreakdef wordbreak wordbreakdata graphemebreak \
        graphemebreakdata emojidef unibreakbase unibreakdef; do
        [ -f "$d/$f.c" ] && $CC $CFLAGS -c -o "$b/$f.o" "$d/$f.c" -I"$d"
    done
    $AR rcs "$P/lib/libunibreak.a" "$b"/*.o
    cp "$d"/*.h "$P/include/"
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: libunibreak\nDescription: line breaking\nVersion: 1.1\nLibs: -L${libdir} -lunibreak\nCflags: -I${includedir}\n' \
        "$P" >"$P/lib/pkgconfig/libunibreak.pc"
}

# configure scripts made where the source package ships none
configured() { s=$1; [ -x "$s/configure" ] || (cd "$s" && autoreconf -fi >&2); printf '%s' "$s"; }
# QR codes (src/picture/qrcode.c) and English hyphenation (src/text/hyphenate.c)
b_qrencode() { autotools "$(configured "$(fetch qrencode)")" "$W/b/qrencode" --without-tools; }
b_hyphen() { # the library only: its dictionaries come from Debian's hyphen-en-us, as on the board
    s=$(configured "$(fetch hyphen)") b=$W/b/hyphen
    rm -rf "$b" && mkdir -p "$b"
    (cd "$b" && "$s/configure" --host=$HOST --prefix="$P" --enable-static --disable-shared >&2 &&
        make -j"$JOBS" libhyphen.la >&2 && cp .libs/libhyphen.a "$P/lib/" && cp "$s/hyphen.h" "$P/include/")
}

need_tools
enable_deb_src
cross_files
start=$(date +%s)
for lib in zlib libyaml libspng freetype harfbuzz libexif libjpeg_turbo libwebp libsdl2 \
    libsdl2_image icu libunibreak libsodium qrencode hyphen; do
    if done_ "$lib"; then continue; fi
    t0=$(date +%s)
    say "building $lib"
    set +e
    (
        set -e
        "b_$lib"
    )
    rc=$?
    set -e
    if [ $rc != 0 ]; then
        say "$lib FAILED (see above)"
        exit 1
    fi
    mark "$lib"
    say "$lib built in $(($(date +%s) - t0)) s"
done
say "all libraries present in $P ($(($(date +%s) - start)) s this run)"
