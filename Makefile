# make demo: set up, then compare the bundled Hubei → Gaoxin pair. make test: set up, then pytest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-slow fuzz lint typecheck format bench i18n clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# Byte-compile the sources: start-up counts, and PYTHONDONTWRITEBYTECODE may be set.
	$(BIN)/python -m compileall -q cli corpus compare reports
	touch $(STAMP)

demo: setup
	$(BIN)/duizhao compare --sample
	$(BIN)/duizhao compare --sample -o reports/examples/hubei-gaoxin.md
	@echo "markdown report: reports/examples/hubei-gaoxin.md"
	$(BIN)/duizhao check --config tests/data/check-example/duizhao.toml

# The suite on two worker processes; tests marked slow (LibreOffice, Chromium, Dask clusters,
# subprocesses across hash seeds, large inputs) run in `make test-slow`, and CI runs both.
test: setup
	sh tests/setup-system.sh
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

test-slow: setup
	sh tests/setup-system.sh
	$(BIN)/python -m pytest -q -n 2 -m slow

# Property tests of every reader, the cache and configurations, run far longer.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m fuzz -p no:cacheprovider

# ruff, then mypy on the package (CI runs `make lint` before the tests; a type error fails it).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tests/typecheck.py

# mypy under the real module names: there is no duizhao/ folder (pyproject.toml maps
# duizhao.cli → cli/, …), so tests/typecheck.py first links build/typecheck/duizhao/<name> to
# each mapped folder, read from `package-dir` (a new subpackage needs no change here), then runs
# mypy with [tool.mypy] from pyproject.toml. Incremental: its cache is .mypy_cache/.
typecheck: setup
	$(BIN)/python tests/typecheck.py

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m compileall -q cli corpus compare reports
	@# Each bench prints its figures; one that misses a target does not stop the others.
	@# Start-up latency first, on a machine not yet busy with the two long benches.
	-$(BIN)/python tests/bench/speed.py
	-$(BIN)/python tests/bench/library_bench.py
	-$(BIN)/python tests/bench/run.py
	-$(BIN)/python tests/bench/revision_bench.py
	-$(BIN)/python tests/bench/folders_bench.py --plans 1000
	@# Scanned plans read by OCR: every bundled plan at 150/200/300 dpi, both engines (about an hour).
	-$(BIN)/python tests/bench/ocr_bench.py

# Report catalogues: extract every _()/N_()/note() message of reports/, cli/ and compare/ (from the syntax tree,
# so messages inside f-strings count too), merge them into the Chinese catalogue, compile it.
# Translate new entries in the .po, then run `make i18n` again.
i18n: setup
	$(BIN)/python tests/tools/i18n_extract.py
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -D duizhao -i reports/locale/duizhao.pot -d reports/locale -l zh
	$(BIN)/pybabel compile -D duizhao -d reports/locale -l zh

clean:
	rm -rf $(VENV) build *.egg-info
