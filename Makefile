# The default target runs the tests and the linters (the tests include ruff and mypy too).
PY ?= .venv/bin/python

.PHONY: all test lint golden bench check-data
all: test lint

test:
	$(PY) -m pytest -m "slow or not slow"

lint:
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench
	$(PY) -m mypy

golden:
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py

check-data:
	$(PY) -m hkprobono data check data/directory.toml
	$(PY) -m hkprobono data fmt data/directory.toml --check

bench:
	$(PY) bench/bench.py
