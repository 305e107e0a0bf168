# warbrief: two commands on a fresh machine, `make demo` and `make test`.
# Every target creates .venv and installs what it needs from the pinned lock files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EVAL_DATA ?= ../shared/eval
DEMO_OUT  ?= demo-output

.PHONY: demo test eval bench lint install install-dev lock clean

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

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

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
