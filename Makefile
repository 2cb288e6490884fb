VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
BIND ?= 127.0.0.1:8000
WORKERS ?= 2

.PHONY: run test lint clean

$(BIN)/grantledger: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: $(BIN)/grantledger
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

run: $(BIN)/grantledger
	$(BIN)/grantledger rebuild --if-needed
	$(BIN)/grantledger demo
	$(BIN)/grantledger serve --bind $(BIND) --workers $(WORKERS)

test: $(VENV)/.dev
	$(BIN)/pytest
	$(BIN)/ruff check .
	$(BIN)/mypy

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) grantledger.sqlite grantledger.sqlite-wal grantledger.sqlite-shm
