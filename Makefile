# rolescope: scheduled-job friendly targets. `make help` lists them.
# Everything installs into .venv from pinned versions (constraints.txt), so a scheduled
# job does not change under its users.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
INPUT ?=
OUTPUT ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup setup-run fetch run report all test lint typecheck docs samples bench profile clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# Two install steps: a plain run needs only the runtime dependencies (make run, fetch, docs);
# the test tools, Dask and the benchmark floors (the dev extra) come with make test/lint/bench.
$(RUN_STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) -c constraints.txt setuptools wheel
	$(PIP) --no-build-isolation -c constraints.txt -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): $(RUN_STAMP) pyproject.toml constraints.txt
	$(PIP) --no-build-isolation -c constraints.txt -e '.[dev]'
	touch $(DEV_STAMP)

setup-run: $(RUN_STAMP) ## Create .venv with the runtime dependencies only (what make run needs)

setup: $(DEV_STAMP) ## Create .venv and install the project with every pinned dependency (dev included)

fetch: setup-run ## Fetch the targets in rolescope.toml [fetch] into the raw store (raw/warc)
	$(PY) -m pipeline fetch

run: setup-run ## Bring processed/ up to date with raw/ (incremental; INPUT=..., OUTPUT=... or rolescope.toml [run])
	$(PY) -m pipeline run $(if $(INPUT),--input $(INPUT)) $(if $(OUTPUT),--output $(OUTPUT))

report: setup-run ## Write OUTPUT/report.html (default processed/): charts of the published tables, one self-contained file
	$(PY) -m pipeline report $(if $(OUTPUT),--output $(OUTPUT))

all: fetch run report ## fetch, then run, then report

test: setup ## Run the whole test suite
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup ## ruff and mypy
	$(VENV)/bin/ruff check pipeline tests
	$(VENV)/bin/mypy pipeline

docs: setup-run ## Regenerate docs/schema.md (data dictionary) and the key table of docs/settings.md
	$(PY) -m pipeline schema --output docs/schema.md
	$(PY) -m pipeline.config.report docs/settings.md

samples: setup-run ## Rewrite the bundled sample dumps in raw/samples from the corpus generator
	$(PY) -m pipeline.corpus samples raw/samples

bench: setup ## Benchmark: docs/s, CPU ms/doc vs floors, cores, peak RSS, no-op re-run (BENCH_ARGS=...)
	$(PY) -m pipeline.bench $(BENCH_ARGS)

PROFILE_DOCS ?= 1000
profile: setup ## Profile one worker over a generated corpus (pyinstrument; PROFILE_DOCS=N): .bench/profile.txt
	$(PY) -m pipeline.corpus generate .bench/profile-corpus --count $(PROFILE_DOCS) --seed 11 > /dev/null
	rm -rf .bench/profile-out
	$(PY) -m pyinstrument -r text -o .bench/profile.txt -m pipeline run --input .bench/profile-corpus --output .bench/profile-out --workers 1 -q
	@echo "profile written to .bench/profile.txt"

clean: ## Remove outputs and caches (keeps .venv)
	rm -rf processed .pytest_cache .mypy_cache .ruff_cache .hypothesis
