# ntm — every target sets up its own virtual environment from nothing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NTM    := $(VENV)/bin/ntm
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup test demo bench fuzz schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,charts]'
	touch $(STAMP)

setup: $(STAMP)

test: setup
	$(PY) -m pytest

demo: setup
	$(NTM) validate plans/
	$(NTM) status tan-my-2027
	$(NTM) render tan-my-2027 hung-my --format docx --output out/
	$(NTM) report --year 2027 plans/

bench: setup
	$(PY) bench/run.py

fuzz: setup
	$(PY) -m pip install --quiet atheris || echo "atheris not installed: mutation fuzzing instead"
	$(PY) tests/fuzz/run_fuzz.py --seconds 60

schema: setup
	$(NTM) schema --output schema/plan.schema.json

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
