# Provenance Ledger — every setup step lives here, so a fresh clone needs only `make run` / `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: system-tools qt-desktop-libs venv run test test-fast lint bench demo screenshots translations package package-check go-tools clean help

help:
	@echo "make run | test | bench | demo | lint | screenshots | package | package-check | clean"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,bench]"
	touch $(STAMP)

venv: $(STAMP)

# Go and golang.org/x/mod let the tests check our checkpoints and proofs with Go's own verifiers.
# Best effort: where apt-get is not usable the interop test skips and says why.
go-tools:
	@if ! command -v go >/dev/null 2>&1 || [ ! -d /usr/share/gocode/src/golang.org/x/mod ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-golang-x-mod-dev) >/dev/null 2>&1 \
			|| echo "note: could not install golang-go/golang-golang-x-mod-dev; Go interop tests will skip"; \
		fi; \
	fi

# Debian tools some tests use when present: poppler renders certificate PDFs, a CJK font draws
# Chinese in them, desktop-file-utils and appstream validate the Linux desktop entry and metadata.
# Best effort, like go-tools.
system-tools:
	@if ! command -v pdftoppm >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi gbsn \
		|| ! command -v desktop-file-validate >/dev/null 2>&1 || ! command -v appstreamcli >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils \
				fonts-arphic-gbsn00lp desktop-file-utils appstream) >/dev/null 2>&1 \
			|| echo "note: could not install poppler-utils/fonts-arphic-gbsn00lp/desktop-file-utils/appstream; the checks that need them will skip"; \
		fi; \
	fi

translations: $(STAMP)
	$(PY) -m ledger_app.ui.i18n_build

# The libraries Qt's X11 platform plugin needs (Debian names; Qt 6.5+ also wants xcb-cursor). Many
# desktops have them all; a minimal install often lacks a few, and then the window cannot open.
# Best effort, like system-tools.
QT_XCB_DEBS = libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libfontconfig1 libdbus-1-3
qt-desktop-libs:
	@if command -v dpkg >/dev/null 2>&1 && ! dpkg -s $(QT_XCB_DEBS) >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_XCB_DEBS)) >/dev/null 2>&1 \
			|| echo "note: could not install Qt's X11 libraries ($(QT_XCB_DEBS)); the window may not open"; \
		else \
			echo "note: Qt's X11 platform plugin needs: $(QT_XCB_DEBS) (sudo apt-get install them if the window does not open)"; \
		fi; \
	fi

# On a desktop the window opens (QT_QPA_PLATFORM cleared, in case a test shell set offscreen). On a
# Linux machine with no display at all, the app starts offscreen instead of failing, and says so.
run: $(STAMP) system-tools qt-desktop-libs translations
	@if [ "$$(uname)" = Linux ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "note: no display here (DISPLAY and WAYLAND_DISPLAY are unset), so the app starts offscreen, where"; \
		echo "      nothing is visible; on a desktop it opens its window. Stop it with Ctrl+C. 'make screenshots'"; \
		echo "      writes PNGs of every screen, and the 'ledger' command works without a display."; \
		QT_QPA_PLATFORM=offscreen $(VENV)/bin/ledger-app; \
	else \
		QT_QPA_PLATFORM= $(VENV)/bin/ledger-app; \
	fi

test: $(STAMP) go-tools system-tools translations
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: $(STAMP)
	$(PY) -m pytest -q -x -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check ledger_app tests bench
	$(PY) tests/tools/check_layers.py
	$(PY) tests/tools/check_shape.py
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) bench/run_all.py

demo: $(STAMP)
	$(VENV)/bin/ledger demo

screenshots: $(STAMP) translations
	$(PY) -m ledger_app.ui.screenshots screenshots

package: $(STAMP) translations
	$(PIP) install --quiet "pyinstaller>=6.6"
	$(VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/ledger.spec

package-check: package
	$(PY) packaging/check_bundle.py dist

clean:
	rm -rf $(VENV) build dist .pytest_cache screenshots
