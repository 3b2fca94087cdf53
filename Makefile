# `make run`: the app on the demo SQLite database.  `make test`: the whole test suite.
# Both set up everything on a fresh Debian-family machine (system packages, .venv) first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test system-deps-run system-deps-test lint benchmarks translations clean

run: system-deps-run $(STAMP)
	$(PY) main.py --demo

test: system-deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

system-deps-run:
	@sh tools/system-deps.sh run

system-deps-test:
	@sh tools/system-deps.sh test

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/lint-imports

benchmarks: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info
