# PowerPay kiosk. `make run` and `make test` install whatever is missing, then run.
# Installs are idempotent: Debian packages are installed only when missing, the venv is
# (re)built only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Qt offscreen/xcb, a CJK font, audio for QtMultimedia/TextToSpeech and the click (pacat), PC/SC
# (pyscard builds from source), zbar for the alternative QR decoder.
APT_RUN := libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 \
	libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1 libx11-xcb1 \
	fonts-wqy-microhei libpulse0 pulseaudio-utils libpcsclite1 libpcsclite-dev pcscd libzbar0 \
	libusb-1.0-0 gcc speech-dispatcher speech-dispatcher-espeak-ng
# Tests also run a real pcscd with the vpcd virtual reader, and a PulseAudio server with a null
# sink to hear the click of a touch (tests/emulators/audio).
APT_TEST := $(APT_RUN) vsmartcard-vpcd pulseaudio

TS := assets/translations/kiosk_zh_CN.ts
QM := $(TS:.ts=.qm)

.PHONY: run test check lint types demo translations apt-run apt-test venv dev bench clean

run: apt-run venv $(QM)
	$(BIN)/kiosk run

test: apt-test dev $(QM)
	$(BIN)/python -m pytest

check: lint types test

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: dev
	$(BIN)/mypy

demo: apt-run venv $(QM)
	$(BIN)/kiosk demo --scenario all --out var/demo

bench: dev $(QM)
	$(BIN)/python -m bench

apt-run:
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

apt-test:
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"' || exit 1
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv python3-dev; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

# Qt's translation sources (.ts) are in the repository; the binary .qm is built here.
$(QM): $(TS) | $(BIN)/python
	@[ -x $(BIN)/pyside6-lrelease ] || $(MAKE) venv
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

translations:
	$(BIN)/pyside6-lupdate -no-obsolete $$(git ls-files 'ui/*.py') -ts $(TS)

clean:
	rm -rf $(VENV) var build dist .mypy_cache .ruff_cache .pytest_cache

# A frozen one-folder build in dist/kiosk/ (PyInstaller, installed into the venv here only: it is a
# build tool, not a dependency). About a minute on 2 cores; `make selftest-frozen` checks the result.
.PHONY: dist selftest-frozen
dist: apt-run venv $(QM)
	@[ -x $(BIN)/pyinstaller ] || $(BIN)/pip install -q pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level WARN kiosk.spec

selftest-frozen: dist
	QT_QPA_PLATFORM=offscreen dist/kiosk/kiosk self-test
