# Two commands do all the set-up on a fresh machine with Python 3.11 (or 3.12) and gcc:
#   make run   - virtualenv, install, PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else an
#                embedded one in .data/pg), migrations, policies; serves on $PORT (8000)
#   make test  - the same set-up, then lint, type check and the whole test suite

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test lint typecheck unit openapi docs bench bench-http clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v < (3, 13) else "Python 3.11 or 3.12 is needed (durable-rules does not import on 3.13); set PYTHON=")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,embedded]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	exec $(BIN)/python -m service

test: lint typecheck
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check service tests benchmarks
	$(BIN)/ruff format --check service tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

openapi: $(STAMP)
	$(BIN)/python -m service.openapi openapi/openapi.json

docs: $(STAMP)
	$(BIN)/python -m service.measure_examples docs/measures.md

bench: $(STAMP)
	$(BIN)/python benchmarks/decisions_inprocess.py

bench-http: $(STAMP)
	$(BIN)/python benchmarks/http_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
