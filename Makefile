# warbrief: two commands on a fresh machine, `make demo` and `make test`.
# Every target creates .venv and installs what it needs from the pinned lock files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EVAL_DATA ?= ../shared/eval
DEMO_OUT  ?= demo-output

.PHONY: demo test eval bench lint install install-dev web-assets lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime web-assets
install-dev: $(VENV)/.dev web-assets

WEB_VENDOR := src/warbrief/web/static/vendor

# Leaflet, clustering and the Natural Earth basemap for the map page, rebuilt from the npm
# registry when npm is present (see web/README.md); without npm, or offline, the committed
# files are served as they are.
$(WEB_VENDOR)/.built: web/package.json web/package-lock.json web/build.mjs
	@if command -v npm >/dev/null 2>&1; then \
	  (cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs) && touch $@ \
	    || echo "web assets: npm build failed; using the committed files in $(WEB_VENDOR)"; \
	else echo "web assets: npm not found; using the committed files in $(WEB_VENDOR)"; fi

web-assets: $(WEB_VENDOR)/.built

demo: install
	$(BIN)/warbrief demo --out $(DEMO_OUT)

test: install-dev
	$(BIN)/python -m pytest

eval: install-dev
	$(BIN)/python -m eval.run --data $(EVAL_DATA)

bench: install-dev
	$(BIN)/python -m bench.run --data $(EVAL_DATA)

lint: install-dev
	$(BIN)/ruff check src tests eval bench
	$(BIN)/mypy

# Re-pin after changing dependencies in pyproject.toml (needs the registries).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv && .lockvenv/bin/pip install -q . && \
	  { echo "# Runtime dependencies of warbrief, pinned (pip freeze of a clean install). Regenerate with \`make lock\`."; \
	    .lockvenv/bin/pip freeze --exclude warbrief; } > requirements.lock && rm -rf .lockvenv

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
