# honorboard - the only build entry point.
#   make          build ./honorboard
#   make run      build, then play the bundled playlists in a window
#   make test     build and run every test (cmocka; SDL tests use the dummy video driver)
#   make deps     install the Debian packages honorboard needs (apt-get, through sudo when not root)
#   make SANITIZE=1 test   the same tests under ASan+UBSan
#   make bench    timings (never part of make test)

CC      ?= cc
PKGS    := sdl2 SDL2_ttf SDL2_image yaml-0.1 fontconfig libunibreak libexif libsodium libsystemd libturbojpeg
TESTPKGS := cmocka
# Debian packages that provide the pkg-config modules above, plus the CJK fonts.
DEBS    := pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libyaml-dev \
           libfontconfig-dev libunibreak-dev libexif-dev libsodium-dev libsystemd-dev libturbojpeg0-dev libcmocka-dev fonts-noto-cjk rsync syncthing
DEBS += libspng-dev  # fast PNG writing for render (issue 19)
PKGS += spng
DEBS += strace  # tests watch the frame loop's system calls (issue 14)
DEBS += libseccomp-dev  # the confined checker's system call filter (issue 17)
PKGS += libseccomp
BENCHDEBS := pango1.0-tools libjpeg-turbo-progs libvips-tools
BENCHDEBS += libpango1.0-dev  # in-process Pango next to honorboard's typesetter (issue 16)
DEBS += libharfbuzz-dev  # shaping (issue 16)
DEBS += libfreetype-dev  # glyphs drawn by glyph id (issue 16)
PKGS += harfbuzz freetype2
DEBS += libicu-dev  # Chinese word boundaries for balanced headings (issue 16)
PKGS += icu-uc
BENCHDEBS += chromium xvfb x11-apps  # side by side with a Chromium kiosk under Xvfb (issue 19)
DEBS += gettext  # msgfmt builds the message catalogues (issue 15)
DEBS += xvfb xdotool  # the F fullscreen toggle tested on an X server without a window manager (issue 12)
DEBS += libheif-dev  # HEIC photos from iPhones, converted to JPEG on import (issue 15)
PKGS += libheif
DEBS += libwebp-dev  # WebP pictures, converted to JPEG on import (issue 15)
PKGS += libwebp
DEBS += imagemagick libheif-examples webp  # CMYK/HEIC/WebP samples made by the tests (issue 15)
PKGS    += mpv
DEBS    += libmpv-dev  # video slides (issue 18)
DEBS    += ffmpeg  # test clips are made at test time (issue 18)

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
CFLAGS  += -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude -MMD -MP -DHB_DATADIR='"$(DATADIR)"'
ifdef SANITIZE
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
BUILD   := build-san
endif
# The program under test: ./honorboard, or a sanitized copy that never replaces it.
BIN     := $(if $(SANITIZE),$(BUILD)/honorboard,honorboard)

# Missing pkg-config modules trigger `make deps` once, before anything is compiled.
HAVE_DEPS := $(shell pkg-config --exists $(PKGS) $(TESTPKGS) 2>/dev/null && \
               test -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc && \
               command -v rsync >/dev/null && command -v syncthing >/dev/null && echo yes)
# strace: tests watch the frame loop's system calls (issue 14)
HAVE_DEPS := $(if $(shell command -v strace),$(HAVE_DEPS),no)
# msgfmt (gettext) builds assets/locale/*/LC_MESSAGES/honorboard.mo (issue 15)
HAVE_DEPS := $(if $(shell command -v msgfmt),$(HAVE_DEPS),)
# Xvfb and xdotool test the F fullscreen toggle without a window manager (issue 12)
HAVE_DEPS := $(if $(shell command -v Xvfb && command -v xdotool),$(HAVE_DEPS),)
# convert, heif-enc, cwebp make the CMYK, HEIC and WebP test photos (issue 15)
HAVE_DEPS := $(if $(shell command -v convert && command -v heif-enc && command -v cwebp),$(HAVE_DEPS),)
# video test clips (issue 18); no comment on the line itself, or its blanks end up in HAVE_DEPS
HAVE_DEPS := $(if $(shell command -v ffmpeg),$(HAVE_DEPS),)
ifneq ($(HAVE_DEPS),yes)
ifeq ($(filter deps,$(MAKECMDGOALS)),)
$(info honorboard: some build dependencies are missing; running 'make deps' to install them)
DEPS_RESULT := $(shell $(MAKE) --no-print-directory deps >&2 && echo ok)
ifneq ($(DEPS_RESULT),ok)
$(error honorboard: could not install dependencies; install these Debian packages by hand: $(DEBS))
endif
endif
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libmpv is loaded on first use (src/mpvlib.c: 34 MB less at start), so it is not linked
PKG_LIBS   = $(shell pkg-config --libs $(filter-out mpv,$(PKGS))) -lm -lpthread -ldl
TEST_LIBS  = $(shell pkg-config --libs $(TESTPKGS))

SRCS    := $(wildcard src/*.c)
LIBSRCS := $(filter-out src/main.c,$(SRCS))
LIBOBJS := $(LIBSRCS:src/%.c=$(BUILD)/%.o)
TESTSRCS := $(wildcard tests/test_*.c)
TESTBINS := $(TESTSRCS:tests/%.c=$(BUILD)/tests/%)

.PHONY: all run test deps bench soak fuzz clean screenshots install uninstall
all: $(BIN)

# Message catalogues (issue 15): English is the source text, assets/po/LANG.po its translations,
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

$(BIN): $(BUILD)/main.o $(LIBOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
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

# The house's rules (issue 14), checked before the tests run: no src/*.c over 600 lines and no
# function over 120 (tests/tools/size-exceptions.txt lists the exceptions and why); no include
# of a higher layer and no include circle (the layers are read from README.md's source map,
# which must name every file of src/).
.PHONY: lint
lint:
	@sh tests/tools/check-size.sh
	@sh tests/tools/check-layers.sh
test: lint

# The program with the checker child's fault switch (tests/faults.c): tests only, never installed.
$(BUILD)/honorboard-faults: $(BUILD)/main.o $(LIBOBJS) tests/faults.c
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $(BUILD)/main.o $(LIBOBJS) tests/faults.c $(LDFLAGS) $(PKG_LIBS)

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

# Pango typesetting the same text in-process (make bench installs libpango1.0-dev first).
$(BUILD)/bench_pango: tests/bench_pango.c | $(BUILD)
	$(CC) $(CFLAGS) $$(pkg-config --cflags pangocairo) -o $@ $< $$(pkg-config --libs pangocairo)

# The README's pictures, made by `honorboard render` itself.
screenshots: honorboard
	rm -rf build/shots && mkdir -p assets/screenshots
	./honorboard render playlists/01-xianjin-fengcai.yaml --out build/shots/l --size 1280x720 --slides 2,3,5
	./honorboard render playlists/02-portrait-lobby.yaml --out build/shots/p --size 720x1280 --slides 1,4
	cp build/shots/l/slide-002.png assets/screenshots/landscape-story.png
	cp build/shots/l/slide-003.png assets/screenshots/landscape-photo.png
	cp build/shots/l/slide-005.png assets/screenshots/landscape-roll.png
	cp build/shots/p/slide-001.png assets/screenshots/portrait-story.png
	cp build/shots/p/slide-004.png assets/screenshots/portrait-roll.png

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
VERSION  := $(shell sed -n 's/^\#define HB_VERSION "\(.*\)"/\1/p' src/main.c)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB      := build/honorboard_$(VERSION)_$(DEB_ARCH).deb
BUNDLE   ?= build/honorboard-offline
.PHONY: deb offline-bundle test-install
deb:
	@$(MAKE) --no-print-directory BUILD=build/deb-obj BIN=build/deb-obj/honorboard PREFIX=/usr \
	  build/deb-obj/honorboard >/dev/null
	@rm -rf build/deb-root
	@$(MAKE) --no-print-directory -s BUILD=build/deb-obj BIN=build/deb-obj/honorboard PREFIX=/usr \
	  INSTALL_BIN=build/deb-obj/honorboard DESTDIR=$(CURDIR)/build/deb-root install >/dev/null
	@sh packaging/make-deb.sh build/deb-root $(VERSION) $(DEB_ARCH) $(DEB)

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
# (fuzz_text), and "whatever check accepts, render completes" (fuzz_render; issue 12).
FUZZ_SECONDS ?= 600
FUZZDEBS := clang libclang-rt-14-dev
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Iinclude -fsanitize=fuzzer,address,undefined \
    -fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt $(PKG_CFLAGS)
FUZZ_SRCS := $(filter-out src/main.c src/player.c,$(SRCS))
fuzz:
	@missing=""; for p in $(FUZZDEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "fuzz: installing$$missing"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q $$missing >/dev/null || { echo "fuzz: cannot install$$missing"; exit 2; }; fi
	@mkdir -p build/fuzz build/fuzz-empty build/fuzz/corpus-playlist build/fuzz/corpus-image
	@mkdir -p build/fuzz/corpus-text build/fuzz/corpus-render
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_playlist tests/fuzz/fuzz_playlist.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_image tests/fuzz/fuzz_image.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_text tests/fuzz/fuzz_text.c $(FUZZ_SRCS) $(PKG_LIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/fuzz_render tests/fuzz/fuzz_render.c $(FUZZ_SRCS) $(PKG_LIBS)
	@cp tests/fuzz/corpus-text/* tests/fuzz/crashers/text-* build/fuzz/corpus-text/ 2>/dev/null; true
	@cp tests/fuzz/corpus-render/* tests/data/pages/*.yaml playlists/*.yaml build/fuzz/corpus-render/ 2>/dev/null; true
	@cp tests/data/*.yaml tests/data/bad/*.yaml playlists/*.yaml tests/fuzz/crashers/*.yaml build/fuzz/corpus-playlist/ 2>/dev/null; true
	@cp playlists/photos/emblem.png playlists/photos/yu-cheng.jpg tests/fuzz/crashers/*.img build/fuzz/corpus-image/ 2>/dev/null; true
	@for h in playlist:65536 image:200000 text:4096 render:65536; do name=$${h%%:*}; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp build/fuzz/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$${h##*:} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-$$name > build/fuzz/$$name.log 2>&1; rc=$$?; \
	  grep -E "^Done|stat::number_of_executed_units|ERROR|SUMMARY" build/fuzz/$$name.log; \
	  if [ $$rc != 0 ]; then echo "fuzz: $$name found a problem (build/fuzz/$$name.log, artifacts in build/fuzz/)"; exit 1; fi; \
	done

clean:
	rm -rf build build-san honorboard assets/locale

-include $(wildcard $(BUILD)/*.d)
