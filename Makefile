# make run  – set up .venv if needed, write demo cases if the store is empty, serve the app
# make test – set up .venv if needed, then lint, type-check and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
ADDRESS ?= localhost
export HJULET_DATA_DIR ?= data

.PHONY: run test lint unit e2e bench torture schemas clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/hjulet demo --if-empty
	$(BIN)/hjulet run --port $(PORT) --address $(ADDRESS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy assessment plans app streamlit_app.py
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not e2e" $(PYTEST_ARGS)

e2e: $(STAMP)
	$(BIN)/python -m pytest -q -m e2e $(PYTEST_ARGS)

# make bench BROWSER_CASES=10000 for the issue's figure (writing the cases takes minutes)
BROWSER_CASES ?= 2000
bench: $(STAMP)
	$(BIN)/python bench/store.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/stats.py
	$(BIN)/python bench/caseload.py --repeat 3
	$(BIN)/python bench/ui.py
	$(BIN)/python bench/access.py
	$(BIN)/python bench/audit.py
	$(BIN)/python bench/browser.py --cases $(BROWSER_CASES) --repeat 3

# make torture – SIGKILL the store KILLS times during saves, imports and rebuilds; prints the counts
KILLS ?= 1000
torture: $(STAMP)
	$(BIN)/python -m tests.store.torture --kills $(KILLS) --live-checks 100

schemas: $(STAMP)
	$(BIN)/hjulet schemas --out docs/schemas

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
