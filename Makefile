# report — one article, everything its author hands out.
#   make pdf | html | slides | handout | test | bench | clean
# The first target run on a fresh clone creates .venv with the pinned
# dependencies; outputs depend on their real inputs, so an unchanged
# rebuild does nothing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME   := $(VENV)/.runtime
TESTDEPS  := $(VENV)/.test

SOURCE := article.md
# The references beside the article, as `report` finds them; if there are
# none, report says whether the article needs any (make would only say it
# has no rule for them).
REFS   := $(patsubst ./%,%,$(dir $(SOURCE))refs.json)
# A Quarto project's metadata the article takes on (report/quartoproject.py),
# where its folder holds them.
PROJECT := $(wildcard $(addprefix $(dir $(SOURCE)),_quarto.yml _quarto.yaml \
                                  _metadata.yml _metadata.yaml))
CODE   := $(wildcard report/*.py report/*/*.py)
STYLES := $(shell find styles -type f -not -name '*~')
# Bytecode compiled once per change of the code: a shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile it again at every build.
BYTECODE  := report/__pycache__/.compiled
# What the command line and the environment choose (another article, a
# date to stamp), kept in a file rewritten only when it changes: an older
# article built after a newer one was "Nothing to be done", the newer one's
# outputs kept. Read and compared without a shell, so `make` that has
# nothing to do stays as fast.
CHOSEN := SOURCE=$(abspath $(SOURCE)) REFS=$(abspath $(REFS)) \
          SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH)
CHOICE := build/.chosen
ifneq ($(file < $(CHOICE)),$(CHOSEN))
$(shell mkdir -p build)
$(file > $(CHOICE),$(CHOSEN))
endif
INPUTS := $(SOURCE) $(wildcard $(REFS)) $(PROJECT) $(CODE) $(STYLES) $(RUNTIME) \
          $(BYTECODE) $(CHOICE)

.PHONY: all pdf html slides handout test fuzz bench clean
.DELETE_ON_ERROR:

all: pdf slides handout

pdf: build/brief.pdf
html: build/brief.html
slides: build/slides.pptx
handout: build/handout.pdf

build/brief.pdf: $(INPUTS)
	$(PY) -m report pdf $(SOURCE) -o $@ --depfile $@.d
build/brief.html: $(INPUTS)
	$(PY) -m report html $(SOURCE) -o $@ --depfile $@.d
build/slides.pptx: $(INPUTS)
	$(PY) -m report slides $(SOURCE) -o $@ --depfile $@.d
build/handout.pdf: $(INPUTS)
	$(PY) -m report handout $(SOURCE) -o $@ --depfile $@.d

# What each output was last made from besides the inputs above (its images,
# metadata files, CSL style): written by the build, as gcc -MD writes them.
-include $(wildcard build/*.d)

test: $(TESTDEPS)
	$(PY) -m pytest

fuzz: $(TESTDEPS)
	FUZZ_EXAMPLES=2000 $(PY) -m pytest tests/test_fuzz.py

bench: $(TESTDEPS) $(BYTECODE)
	$(PY) tools/bench.py

$(RUNTIME): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	# `python -m report` from any folder: the checkout on the venv's path.
	echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/report.pth"
	touch $@

$(BYTECODE): $(CODE) $(RUNTIME)
	$(PY) -m compileall -q report
	touch $@

$(TESTDEPS): requirements-test.txt $(RUNTIME) tools/csl/package-lock.json
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	# citeproc-js, the reference CSL processor some tests compare with (pinned
	# in the lock file); without node those tests say they are skipped.
	if command -v npm >/dev/null; then cd tools/csl && npm ci --silent --no-audit --no-fund; fi
	touch $@

clean:
	rm -rf build
