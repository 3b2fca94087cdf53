# `make run`: the app on the demo SQLite database.  `make test`: the whole test suite.
# Both set up everything on a fresh Debian-family machine (system packages, .venv) first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test system-deps-run system-deps-test lint benchmarks translations update-translations bundle deb clean

TS := resources/translations/counter_zh_CN.ts resources/translations/counter_en.ts
QM := $(TS:.ts=.qm)

run: system-deps-run $(STAMP) translations
	$(PY) main.py --demo

test: system-deps-test $(STAMP) translations
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

# .qm files are built, never committed; the .ts sources are edited with Qt Linguist
translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# after changing texts in counter/ui: new strings appear as unfinished in the .ts files
update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none -source-language zh_CN counter/ui/*.py counter/ui/*/*.py -ts $(TS)

# the one-folder program (PyInstaller) and its Debian package; not part of `make test`
bundle: $(STAMP) translations
	$(PY) -m pip install -q -e '.[bundle]'
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller installer/counter.spec
	QT_QPA_PLATFORM=offscreen dist/counter/counter --self-test

deb: bundle
	sh installer/debian/build-deb.sh

lint: $(STAMP)
	$(VENV)/bin/lint-imports

benchmarks: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info $(QM)
