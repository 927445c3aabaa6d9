# qonys: two commands do all the set-up (see README.md).
#   make demo   virtual environment + `pip install .` + `qonys demo`
#   make test   the same environment with the test extras + the whole test suite
#   make test-fast   the same, without the tests marked slow (under a minute; see README.md)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-fast lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "qonys needs Python 3.11 or newer, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/qonys demo

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -ra $(PYTEST_ARGS)

# The tests not marked slow (no demo build, browser, PostGIS, QGIS, nothing over about a second):
# for the edit-test loop. `make test` and .ci/run still run everything.
test-fast: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -ra -m "not slow" $(PYTEST_ARGS)

lint: $(BIN)/python
	$(BIN)/ruff check .

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python bench/demo.py
	$(BIN)/python bench/network.py
	$(BIN)/python bench/load.py $(BENCH_ARGS)
	$(BIN)/python bench/planning.py
	$(BIN)/python bench/siting.py $(SITING_ARGS)
	$(BIN)/python bench/report.py
	$(BIN)/python bench/real.py
	$(BIN)/python bench/limits.py
	$(BIN)/python bench/national.py

clean:
	rm -rf $(VENV) out build *.egg-info
