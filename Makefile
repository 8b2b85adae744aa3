# honorboard - the only build entry point.
#   make          build ./honorboard
#   make run      build, then play the bundled playlists in a window
#   make test     build and run every test (cmocka; SDL tests use the dummy video driver)
#   make deps     install the Debian packages honorboard needs (apt-get, through sudo when not root)
#   make lint     the house's rules: layers (src/LAYERS), sizes, formatting (part of make test)
#   make format   formats every C file as .clang-format says
#   make SANITIZE=1 test   the same tests under ASan+UBSan
#   make bench    timings (never part of make test)
#   make fuzz, make po, make deb, make offline-bundle, make install: see docs/architecture.md

CC      ?= cc
# pkg-config modules the program and its tests are built against. Text goes through HarfBuzz
# and FreeType (glyph by glyph: clreq compression, Han-Latin spacing), not SDL_ttf.
PKGS    := sdl2 SDL2_image yaml-0.1 fontconfig libunibreak libexif libsodium libsystemd \
           libturbojpeg spng libseccomp harfbuzz freetype2 icu-uc icu-i18n libheif libwebp mpv \
           libqrencode x11 xext libdrm
TESTPKGS := cmocka
# The Debian packages, one list each: to build, to run, to test. `make deps` installs them all;
# `make run` and `make test` call it first; a plain `make` never installs (it names what is
# missing and stops).
BUILD_DEBS := pkg-config gettext libsdl2-dev libsdl2-image-dev libyaml-dev libfontconfig-dev \
           libunibreak-dev libexif-dev libsodium-dev libsystemd-dev libturbojpeg0-dev libspng-dev \
           libseccomp-dev libharfbuzz-dev libfreetype-dev libicu-dev libheif-dev libwebp-dev \
           libmpv-dev libhyphen-dev libqrencode-dev \
           libx11-dev libxext-dev libdrm-dev libcec-dev
RUN_DEBS   := fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core hyphen-en-us libmpv2
TEST_DEBS  := libcmocka-dev rsync syncthing strace xvfb x11-apps xdotool imagemagick libheif-examples \
           webp ffmpeg universal-ctags clang-format dpkg-dev zbar-tools libharfbuzz-bin dosfstools \
           mtools fusefat tesseract-ocr tesseract-ocr-chi-sim
DEBS    := $(BUILD_DEBS) $(RUN_DEBS) $(TEST_DEBS)
BENCHDEBS := pango1.0-tools libjpeg-turbo-progs libvips-tools libpango1.0-dev chromium xvfb x11-apps

BUILD   := build
PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR := $(PREFIX)/share/honorboard
WARN    := -Wall -Wextra -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings
ifdef CI
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude -MMD -MP -DHB_DATADIR='"$(DATADIR)"' \
           -DHB_VERSION='"$(shell cat VERSION)"'
ifdef SANITIZE
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
BUILD   := build-san
endif
# The program under test: ./honorboard, or a sanitized copy that never replaces it.
BIN     := $(if $(SANITIZE),$(BUILD)/honorboard,honorboard)

# What is missing, asked of dpkg once. Goals that set a machine up (run, test and the other
# development goals) install it through `make deps` first; any other goal names it and stops.
# A build whose pkg-config modules are all there (another distribution, packages reached
# through Provides) is not held up by dpkg's view.
SETUP_GOALS := run test deps bench soak fuzz screenshots
NEED_DEBS   := $(if $(filter $(SETUP_GOALS),$(MAKECMDGOALS)),$(DEBS),$(BUILD_DEBS))
QUIET_GOALS := deps clean format po uninstall
HAVE_PKGS   := $(if $(filter $(SETUP_GOALS),$(MAKECMDGOALS)),,$(shell pkg-config --exists $(PKGS) \
                 2>/dev/null && command -v msgfmt >/dev/null && echo yes))
ifeq ($(filter $(QUIET_GOALS),$(MAKECMDGOALS))$(HAVE_PKGS),)
HAVE_DEBS   := $(shell dpkg-query -W -f='$${Status} $${Package}\n' $(NEED_DEBS) 2>/dev/null | \
                 awk '$$3 == "installed" { print $$4 }')
MISSING     := $(filter-out $(HAVE_DEBS),$(NEED_DEBS))
ifneq ($(MISSING),)
ifneq ($(filter $(SETUP_GOALS),$(MAKECMDGOALS)),)
$(info honorboard: installing the missing Debian packages first (make deps))
DEPS_RESULT := $(shell $(MAKE) --no-print-directory deps >&2 && echo ok)
ifneq ($(DEPS_RESULT),ok)
$(error honorboard: could not install: $(MISSING))
endif
else
$(error honorboard: missing Debian packages: $(MISSING) (run 'make deps', or apt-get install them))
endif
endif
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libmpv is loaded on first use (src/film/mpvlib.c: 34 MB less at start), so it is not linked;
# libhyphen (long English words, src/text/hyphenate.c) has no pkg-config module
# libX11/libXext, libdrm (DPMS) and libcec are loaded in screen-off hours (src/board/displaypower.c)
PKG_LIBS   = $(shell pkg-config --libs $(filter-out mpv x11 xext libdrm,$(PKGS))) -lhyphen -lm -lpthread -ldl
TEST_LIBS  = $(shell pkg-config --libs $(TESTPKGS))

# src/LAYER/NAME.c -> $(BUILD)/LAYER/NAME.o; the layers and their order are in src/LAYERS.
# NAME_win.c files are the Windows build's own (compat layer, stand-ins for left-out modules).
SRCS_ALL := $(wildcard src/*/*.c)
SRCS    := $(filter-out %_win.c,$(SRCS_ALL))
LIBSRCS := $(filter-out src/cmd/main.c,$(SRCS))
LIBOBJS := $(LIBSRCS:src/%.c=$(BUILD)/%.o)
TESTSRCS := $(wildcard tests/test_*.c)
TESTBINS := $(TESTSRCS:tests/%.c=$(BUILD)/tests/%)

.PHONY: all run test deps bench soak fuzz clean screenshots install uninstall
all: $(BIN)

# Message catalogues: English is the source text, assets/po/LANG.po its translations,
# compiled where the program looks for them (assets/locale, beside the binary or installed).
# `make po` extracts the messages again and merges them into every .po (no source line
# numbers in them: they would change, and conflict, with every edit of the code).
POS := $(wildcard assets/po/*.po)
MOS := $(POS:assets/po/%.po=assets/locale/%/LC_MESSAGES/honorboard.mo)
all: $(MOS)
test: $(MOS)
assets/locale/%/LC_MESSAGES/honorboard.mo: assets/po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@
.PHONY: po
po:
	xgettext --from-code=UTF-8 -k_ -kN_ -ki18n_ngettext:1,2 --add-comments=TRANSLATORS -c \
	    --add-location=never --package-name=honorboard -o assets/po/honorboard.pot $(sort $(SRCS))
	for po in $(POS); do msgmerge -q --update --no-location --backup=none $$po assets/po/honorboard.pot; done

$(BIN): $(BUILD)/cmd/main.o $(LIBOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIBOBJS) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIBOBJS) $(LDFLAGS) $(PKG_LIBS) $(TEST_LIBS)

$(BUILD):
	@mkdir -p $(BUILD)

run: honorboard
	./honorboard play playlists --window

# Each test program runs from the top of the tree; tests/run.sh prints the closing
# "tests: N passed, M failed" line.
test: $(BIN) $(BUILD)/honorboard-faults $(TESTBINS)
	@HONORBOARD_BIN=./$(BIN) HONORBOARD_FAULTS_BIN=./$(BUILD)/honorboard-faults \
	  HB_SANITIZED=$(if $(SANITIZE),1,) sh tests/run.sh $(TESTBINS)

# The house's rules, checked before the tests run: file and function sizes (every function,
# found by ctags; tests/tools/size-exceptions.txt lists exceptions with their reasons); the
# layers of src/LAYERS: no include and no call (read from the objects with nm) up a layer or
# round a circle, a header per .c; the formatting of .clang-format.
.PHONY: lint
lint: $(BUILD)/cmd/main.o $(LIBOBJS)
	@sh tests/tools/check-size.sh
	@sh tests/tools/check-layers.sh $(BUILD)
	@sh tests/tools/check-format.sh
test: lint

# The program with the checker child's fault switch (tests/faults.c): tests only, never installed.
$(BUILD)/honorboard-faults: $(BUILD)/cmd/main.o $(LIBOBJS) tests/faults.c
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $(BUILD)/cmd/main.o $(LIBOBJS) tests/faults.c $(LDFLAGS) $(PKG_LIBS)

deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "honorboard: all Debian packages present"; exit 0; fi; \
	echo "honorboard: installing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "honorboard: not root and no sudo; install by hand:$$missing" >&2; exit 1; fi; \
	$$SUDO apt-get update -q >&2 && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing >&2 || \
	{ echo "honorboard: apt-get failed; install by hand:$$missing" >&2; exit 1; }

bench: honorboard $(BUILD)/bench_typeset $(BUILD)/bench_tool
	@bash tests/bench.sh ./honorboard "$(BENCHDEBS)"

# Plays 10,000 slide changes with content swaps (by hand and through the inbox), log rotations and
# (as root) a full log disk; fails if memory, descriptors or textures grow (tests/soak.sh).
soak: $(BIN) $(BUILD)/bench_tool
	@bash tests/soak.sh ./$(BIN) 10000

$(BUILD)/bench_tool: tests/bench_tool.c $(LIBOBJS) | $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIBOBJS) $(LDFLAGS) $(PKG_LIBS)

$(BUILD)/bench_typeset: tests/bench_typeset.c $(LIBOBJS) | $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIBOBJS) $(LDFLAGS) $(PKG_LIBS)

# honorboard's typesetter and Pango side by side: the counts of docs/typesetting.md's table.
$(BUILD)/bench_compare: tests/bench_compare.c $(LIBOBJS) | $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $$(pkg-config --cflags pangocairo) -o $@ $< $(LIBOBJS) $(LDFLAGS) \
		$(PKG_LIBS) $$(pkg-config --libs pangocairo)

# Pango typesetting the same text in-process (make bench installs libpango1.0-dev first).
$(BUILD)/bench_pango: tests/bench_pango.c | $(BUILD)
	$(CC) $(CFLAGS) $$(pkg-config --cflags pangocairo) -o $@ $< $$(pkg-config --libs pangocairo)

# The README's pictures, made by `honorboard render` itself.
screenshots: honorboard
	@sh tests/tools/screenshots.sh ./honorboard

# Installs the program, its assets and sample playlists, the man page, the systemd unit and
# the sysusers.d/tmpfiles.d entries for its own user and folders. With DESTDIR (packaging,
# tests) nothing outside DESTDIR is touched; without it the user and folders are made now.
# INSTALL_BIN: the binary to install (tests install the one under test).
INSTALL_BIN ?= honorboard
UNITDIR     := $(PREFIX)/lib/systemd/system
SYSUSERSDIR := $(PREFIX)/lib/sysusers.d
TMPFILESDIR := $(PREFIX)/lib/tmpfiles.d
install: $(INSTALL_BIN) $(MOS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/assets $(DESTDIR)$(DATADIR)/playlists/photos \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR)
	install -m 755 $(INSTALL_BIN) $(DESTDIR)$(PREFIX)/bin/honorboard
	install -m 644 playlists/*.yaml $(DESTDIR)$(DATADIR)/playlists/
	install -m 644 playlists/photos/* $(DESTDIR)$(DATADIR)/playlists/photos/
	install -d $(DESTDIR)$(DATADIR)/playlists/films
	install -m 644 playlists/films/* $(DESTDIR)$(DATADIR)/playlists/films/
	install -m 644 assets/honorboard.1 $(DESTDIR)$(PREFIX)/share/man/man1/honorboard.1
	for mo in $(MOS); do install -D -m 644 $$mo $(DESTDIR)$(DATADIR)/$$mo; done
	sed 's|@BINDIR@|$(PREFIX)/bin|' assets/honorboard.service > $(DESTDIR)$(UNITDIR)/honorboard.service
	install -m 644 assets/honorboard.sysusers $(DESTDIR)$(SYSUSERSDIR)/honorboard.conf
	install -m 644 assets/honorboard.tmpfiles $(DESTDIR)$(TMPFILESDIR)/honorboard.conf
	@if [ -z "$(DESTDIR)" ]; then \
	  command -v systemd-sysusers >/dev/null && systemd-sysusers $(SYSUSERSDIR)/honorboard.conf; \
	  command -v systemd-tmpfiles >/dev/null && systemd-tmpfiles --create $(TMPFILESDIR)/honorboard.conf; \
	  true; fi
	@echo "installed into $(DESTDIR)$(PREFIX); enable with: systemctl enable --now honorboard"

# A Debian package of the installed tree (PREFIX=/usr, its own object folder so the
# development build keeps its PREFIX), and the offline installation folder built around it.
VERSION  := $(shell cat VERSION)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB      := build/honorboard_$(VERSION)_$(DEB_ARCH).deb
BUNDLE   ?= build/honorboard-offline
.PHONY: deb offline-bundle test-install
# The package's program is built with Debian's hardening flags (dpkg-buildflags: fortify,
# stack protector, relro, bindnow); given in the environment, the Makefile's own flags add to them.
deb:
	@rm -rf build/deb-obj # the flags are not in the objects' dependencies: always afresh
	@CFLAGS="$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CFLAGS) $$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS)" \
	  LDFLAGS="$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get LDFLAGS)" \
	  $(MAKE) --no-print-directory BUILD=build/deb-obj BIN=build/deb-obj/honorboard PREFIX=/usr \
	  build/deb-obj/honorboard >/dev/null
	@rm -rf build/deb-root
	@$(MAKE) --no-print-directory -s BUILD=build/deb-obj BIN=build/deb-obj/honorboard PREFIX=/usr \
	  INSTALL_BIN=build/deb-obj/honorboard DESTDIR=$(CURDIR)/build/deb-root install >/dev/null
	@sh packaging/make-deb.sh build/deb-root $(VERSION) $(DEB_ARCH) $(DEB)
	@if command -v lintian >/dev/null; then \
	  lintian --fail-on error,warning $(DEB) && echo "make deb: lintian: clean at its default level"; \
	else echo "make deb: lintian is not installed: not checked"; fi

offline-bundle: deb
	@sh packaging/offline-bundle.sh $(DEB) $(BUNDLE)

# Installs the offline bundle with dpkg into a fresh minbase Debian 12 (debootstrap, cached in
# build/minbase/; the first run takes minutes) and runs the board there. Not part of make test.
test-install: offline-bundle
	@sh packaging/test-install.sh $(BUNDLE)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/honorboard $(DESTDIR)$(PREFIX)/share/man/man1/honorboard.1 \
	    $(DESTDIR)$(UNITDIR)/honorboard.service $(DESTDIR)$(SYSUSERSDIR)/honorboard.conf \
	    $(DESTDIR)$(TMPFILESDIR)/honorboard.conf
	rm -rf $(DESTDIR)$(DATADIR)

# libFuzzer harnesses (clang), seeded from tests/data, the samples and tests/fuzz/corpus-*.
# FUZZ_SECONDS per harness: the loader, images, any text through typesetting/layout/drawing
# (fuzz_text), "whatever check accepts, render completes" (fuzz_render), and mutated MP4/TS
# headers through container sniffing and the clip probe (fuzz_video), and a stick's directory
# tree - names, types (FIFOs, folders where files belong), links in and out, hard links - built
# from the input and imported as a board imports it (fuzz_stick).
FUZZ_SECONDS ?= 600
FUZZDEBS := clang libclang-rt-14-dev
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Iinclude -fsanitize=fuzzer,address,undefined \
    -fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt $(PKG_CFLAGS)
FUZZ_SRCS := $(filter-out src/cmd/main.c src/cmd/player.c src/cmd/desk.c,$(SRCS))
fuzz:
	@missing=""; for p in $(FUZZDEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "fuzz: installing$$missing"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q $$missing >/dev/null || { echo "fuzz: cannot install$$missing"; exit 2; }; fi
	@mkdir -p build/fuzz build/fuzz-empty build/fuzz/corpus-playlist build/fuzz/corpus-image
	@mkdir -p build/fuzz/corpus-text build/fuzz/corpus-render build/fuzz/corpus-stick
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_playlist tests/fuzz/fuzz_playlist.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_image tests/fuzz/fuzz_image.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_text tests/fuzz/fuzz_text.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_render tests/fuzz/fuzz_render.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_video tests/fuzz/fuzz_video.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_stick tests/fuzz/fuzz_stick.c $(FUZZ_SRCS) $(PKG_LIBS)
	@cp tests/fuzz/corpus-stick/* build/fuzz/corpus-stick/
	@mkdir -p build/fuzz/corpus-video && cp playlists/films/*.mp4 build/fuzz/corpus-video/ 2>/dev/null; \
	  cd build/fuzz/corpus-video && ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=64x48:rate=5 \
	  -t 1 -c:v libx264 -g 2 -f mpegts seed.ts 2>/dev/null; true
	@cp tests/fuzz/corpus-text/* tests/fuzz/crashers/text-* build/fuzz/corpus-text/ 2>/dev/null; true
	@cp tests/fuzz/corpus-render/* tests/data/pages/*.yaml playlists/*.yaml build/fuzz/corpus-render/ 2>/dev/null; true
	@cp tests/data/*.yaml tests/data/bad/*.yaml playlists/*.yaml tests/fuzz/crashers/*.yaml build/fuzz/corpus-playlist/ 2>/dev/null; true
	@cp playlists/photos/emblem.png playlists/photos/yu-cheng.jpg tests/fuzz/crashers/*.img tests/fuzz/corpus-image/* build/fuzz/corpus-image/ 2>/dev/null; true
	@for h in playlist:65536 image:200000 text:4096 render:65536 video:65536 stick:8192; do name=$${h%%:*}; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp build/fuzz/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$${h##*:} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-$$name > build/fuzz/$$name.log 2>&1; rc=$$?; \
	  grep -E "^Done|stat::number_of_executed_units|ERROR|SUMMARY" build/fuzz/$$name.log; \
	  if [ $$rc != 0 ]; then echo "fuzz: $$name found a problem (build/fuzz/$$name.log, artifacts in build/fuzz/)"; exit 1; fi; \
	done

# honorboard for Windows (docs/windows.md): check, render and play --window, cross-compiled
# with mingw-w64 against libraries built from their Debian sources (`make windows-deps`, cached
# in build/windows/prefix). The Linux-only modules (sandbox, the store and its imports, inotify,
# systemd, libmpv, the checker child, fleet and report) are left out; packaging/windows/ holds
# what stands in.
WIN        := build/windows
WIN_HOST   := x86_64-w64-mingw32
WIN_CC     := $(WIN_HOST)-gcc-posix
WIN_PKGS   := sdl2 SDL2_image yaml-0.1 libunibreak libexif libturbojpeg spng harfbuzz freetype2 \
              icu-uc libwebp libsodium libqrencode
WIN_PKGCONFIG = PKG_CONFIG_LIBDIR=$(CURDIR)/$(WIN)/prefix/lib/pkgconfig pkg-config
WIN_LEAVE_OUT := src/base/sandbox.c $(filter-out src/store/playlog.c src/store/status.c, \
              $(wildcard src/store/*.c)) $(filter-out src/film/videocontainer.c,$(wildcard \
              src/film/*.c)) src/board/livewatch.c src/board/importer.c src/cmd/judge_child.c \
              src/cmd/import.c src/cmd/stickpreview.c src/cmd/fleet.c src/cmd/report.c \
              src/board/displaypower.c
WIN_SRCS   := $(filter-out $(filter-out %_win.c,$(WIN_LEAVE_OUT)),$(SRCS_ALL))
WIN_OBJS   := $(patsubst %.c,$(WIN)/obj/%.o,$(WIN_SRCS))
WIN_CFLAGS  = -O2 -std=c11 -D_GNU_SOURCE -D__USE_MINGW_ANSI_STDIO=1 -DHB_NO_HEIF -DHB_NO_FILM -DSODIUM_STATIC \
              $(WARN) \
              -Wno-format -include base/compat_win.h -Iinclude -Iinclude/base/winposix -MMD -MP \
              -DHB_DATADIR='"."' -DHB_VERSION='"$(VERSION)"' \
              $(shell $(WIN_PKGCONFIG) --cflags $(WIN_PKGS) 2>/dev/null)
# SDL2main hands main() its arguments in UTF-8 (from the wide command line); a console program,
# so `honorboard check E:\honorboard` typed in cmd.exe prints there.
WIN_LIBS    = $(filter-out -mwindows,$(shell $(WIN_PKGCONFIG) --static --libs $(WIN_PKGS) \
              2>/dev/null)) -lhyphen -mconsole -lm
WIN_EXE    := $(WIN)/honorboard.exe
WIN_ZIPDIR := $(WIN)/honorboard-$(VERSION)-windows-x64
WIN_ZIP    := build/honorboard-$(VERSION)-windows-x64.zip
.PHONY: windows windows-deps test-windows stick-kit
windows-deps:
	@sh packaging/windows/build-deps.sh

.PHONY: windows-libs
windows-libs:
	@test -f $(WIN)/stamps/libsodium || { echo "windows: the libraries are not built yet: run \
	'make windows-deps' first (about 30 minutes, once)"; exit 2; }
$(WIN_OBJS) $(WIN)/obj/honorboard-rc.o: | windows-libs

$(WIN)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_CFLAGS) -c -o $@ $<

$(WIN)/obj/honorboard-rc.o: packaging/windows/honorboard.rc packaging/windows/honorboard.manifest
	@mkdir -p $(dir $@)
	cd packaging/windows && $(WIN_HOST)-windres honorboard.rc -O coff -o $(CURDIR)/$@

# binmode.o and compat_init_console(): every file opened in binary mode (no CRLF translation)
$(WIN_EXE): $(WIN_OBJS) $(WIN)/obj/honorboard-rc.o
	$(WIN_CC) -static -o $@ $^ $$($(WIN_CC) -print-file-name=binmode.o) $(WIN_LIBS)

windows: $(WIN_EXE) $(MOS)
	@sh packaging/windows/make-zip.sh $(WIN_EXE) $(WIN_ZIPDIR) $(WIN_ZIP)

# honorboard.exe under Wine and Xvfb against ./honorboard: check's messages, render's pixels,
# the preview window (packaging/windows/test-windows.sh). Needs `make windows` to have run.
test-windows: $(BIN) $(MOS)
	@test -f $(WIN_ZIP) || { echo "test-windows: run 'make windows' first"; exit 2; }
	@sh packaging/windows/test-windows.sh $(WIN_ZIPDIR)

# A folder ready to copy onto the author's stick: the program unpacked, 检查和预览.bat beside
# an honorboard/ folder holding the template (`init`), and the 作者指南.
STICK_KIT := build/stick-kit
stick-kit: windows $(BIN)
	rm -rf $(STICK_KIT) && mkdir -p $(STICK_KIT)
	cp -r $(WIN_ZIPDIR) $(STICK_KIT)/honorboard-windows
	cp $(WIN_ZIP) $(STICK_KIT)/
	mv $(STICK_KIT)/honorboard-windows/检查和预览.bat $(STICK_KIT)/
	./$(BIN) init $(STICK_KIT)/honorboard >/dev/null
	cp docs/作者指南.md $(STICK_KIT)/作者指南.md
	@echo "stick-kit: $(STICK_KIT)/ - copy everything in it to the root of the stick"

-include $(wildcard $(WIN)/obj/*/*/*.d $(WIN)/obj/*/*/*/*.d)

# The Windows libraries (build/windows: half an hour to make) survive `make clean`;
# `make windows-clean` removes them too.
clean:
	rm -rf $(filter-out build/windows,$(wildcard build/*)) build-san honorboard assets/locale
	rm -rf $(WIN)/obj $(WIN)/test $(WIN)/honorboard*
.PHONY: windows-clean
windows-clean:
	rm -rf $(WIN)

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/tests/*.d)
$(BUILD)/cmd/main.o: VERSION

# Formats every C file of the tree as .clang-format says (make lint checks it).
.PHONY: format
format:
	clang-format -i $$(git ls-files --cached --others --exclude-standard 'src/*.c' 'include/*.h' 'tests/*.c' 'tests/*.h')
