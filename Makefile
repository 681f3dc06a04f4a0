# Two commands matter: `make demo` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-osd poppler-utils fonts-dejavu-core fonts-freefont-ttf fonts-liberation2 fonts-paratype chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export OMP_THREAD_LIMIT := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_LOGGING_LEVEL := CRITICAL
export DO_NOT_TRACK := 1

.PHONY: setup system-packages venv test lint typecheck unit demo clean

setup: system-packages venv

system-packages:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@tesseract --list-langs 2>/dev/null | grep -qx kaz || { echo "tesseract kaz data missing" >&2; exit 1; }
	@tesseract --list-langs 2>/dev/null | grep -qx rus || { echo "tesseract rus data missing" >&2; exit 1; }
	@tesseract --list-langs 2>/dev/null | grep -qx osd || { echo "tesseract osd data missing (orientation of turned pages)" >&2; exit 1; }

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q -n 2 --timeout 600

test: lint typecheck unit

demo: setup
	rm -rf demo-data  # the demo's own folder: each `make demo` starts from a fresh sample set
	$(BIN)/attest demo --dir demo-data

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache demo-data
