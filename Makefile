# Provenance Ledger — every setup step lives here, so a fresh clone needs only `make run` / `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: system-tools venv run test test-fast lint bench demo screenshots translations package package-check go-tools clean help

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

run: $(STAMP) system-tools translations
	QT_QPA_PLATFORM= $(VENV)/bin/ledger-app

test: $(STAMP) go-tools system-tools translations
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: $(STAMP)
	$(PY) -m pytest -q -x -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check ledger_app tests bench
	$(PY) tests/tools/check_layers.py

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
