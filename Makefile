# The workbook's commands. Each target creates .venv and installs requirements.txt when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Two workers: the machine the suite is sized for has two cores.
WORKERS ?= 2
NB     ?= notebooks/*.ipynb
# Extra JupyterLab options, e.g. make lab LABFLAGS="--no-browser --port 8890"
LABFLAGS ?=
# JupyterLab refuses to run as root (containers, CI) unless told it may.
ROOTFLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
# make lab's own Jupyter config folder (helpers.lab): only custom/custom.css with the Hangul font.
LABCONF := .jupyter-workbook

.PHONY: help lab lab-ko test unit nbtest lint format execute bench site slides data manifest clean

help:
	@echo "make lab       start JupyterLab on notebooks/ (creates .venv on first use)"
	@echo "make lab-ko    start JupyterLab on the Korean edition, notebooks/ko/ (한국어판)"
	@echo "make test      the whole suite: unit tests + every notebook under strict nbval"
	@echo "make unit      only the tests in tests/ (no notebooks)"
	@echo "make nbtest    strict nbval on notebooks (NB=notebooks/02_rfm_analysis.ipynb for one)"
	@echo "make lint      ruff over helpers, tests, benchmarks and notebooks (make format fixes)"
	@echo "make execute   re-execute notebooks in place (NB=notebooks/02_rfm_analysis.ipynb for one)"
	@echo "make bench     speed and scale benchmarks"
	@echo "make site      offline HTML book in build/site/"
	@echo "make slides    offline reveal.js slides in build/slides/"
	@echo "make data      regenerate the shop data in datasets/shop/ and the manifest"
	@echo "make manifest  rewrite datasets/MANIFEST.sha256 after a deliberate data change"
	@echo "make clean     remove build/ and caches"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/python -m helpers.lab $(ROOTFLAG) $(LABFLAGS)

# The Korean edition: kernels start in notebooks/ko/, so figures and feedback speak Korean.
lab-ko: $(STAMP)
	$(BIN)/python -m helpers.lab $(ROOTFLAG) --notebook-dir=notebooks/ko $(LABFLAGS)

test: $(STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile

unit: $(STAMP)
	$(BIN)/python -m pytest tests -n $(WORKERS) --dist loadfile

nbtest: $(STAMP)
	$(BIN)/python -m pytest $(NB)

lint: $(STAMP)
	$(BIN)/ruff check helpers tests benchmarks notebooks
	$(BIN)/ruff format --check helpers tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format helpers tests benchmarks
	$(BIN)/ruff check --fix helpers tests benchmarks

execute: $(STAMP)
	$(BIN)/python -m helpers.notebook_tools execute $(NB)

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

site: $(STAMP)
	$(BIN)/python -m helpers.site build/site

slides: $(STAMP)
	$(BIN)/python -m helpers.site --slides build/slides

data: $(STAMP)
	$(BIN)/python -m helpers.synth --out datasets/shop
	$(MAKE) manifest

manifest: $(STAMP)
	$(BIN)/python -m helpers.manifest write

clean:
	rm -rf build .pytest_cache .ruff_cache $(LABCONF)
