# One command per job; each installs what it needs first (see README).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := src/linkboard/web/static/vendor/.installed
DEMO := demo
DEMO_ADS ?= 3000
HOST ?= 127.0.0.1
PORT ?= 8000
LINK_SIZES ?= 10000 100000 1000000
LOAD_ADS ?= 20000
FUZZ_SECONDS ?= 60
FUZZ_READERS ?=
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: demo test lint bench fuzz serve system browser-deps clean

# Debian packages: ICU headers (followthemoney's PyICU builds against them), Node.js for the
# pinned front-end libraries. Installed only when missing.
system:
	@missing=""; \
	dpkg -s libicu-dev >/dev/null 2>&1 || missing="$$missing libicu-dev pkg-config"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then $(APT) update -q && $(APT) install -y -q $$missing; fi

# Chromium for the browser tests (Playwright drives Debian's build; it cannot download its own).
browser-deps:
	@[ -x /usr/bin/chromium ] || ($(APT) update -q && $(APT) install -y -q chromium chromium-driver)

# The extractor is compiled with mypyc (setup.py): a change to its sources reinstalls.
$(STAMP): pyproject.toml setup.py $(wildcard src/linkboard/extract/*.py) | system
	[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

$(VENDOR): package.json package-lock.json $(STAMP)
	$(PY) -m linkboard.web.vendor
	touch $@

demo: $(STAMP) $(VENDOR)
	$(BIN)/linkboard synth --ads $(DEMO_ADS) --out $(DEMO)/corpus
	$(BIN)/linkboard run $(DEMO)/corpus/ads.jsonl --db $(DEMO)/linkboard.db
	$(BIN)/linkboard stats --db $(DEMO)/linkboard.db
	$(BIN)/linkboard networks --db $(DEMO)/linkboard.db --limit 10
	@echo "Serving the analyst's workspace on http://$(HOST):$(PORT)/ (Ctrl-C to stop)."
	@echo "First step: visit http://$(HOST):$(PORT)/setup to create the first admin,"
	@echo "or, from another terminal: $(BIN)/linkboard users add NAME --role admin --db $(DEMO)/linkboard.db"
	$(BIN)/linkboard serve --db $(DEMO)/linkboard.db --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/ruff format --check src tests benchmarks fuzz
	$(BIN)/mypy src/linkboard

test: $(STAMP) $(VENDOR) browser-deps lint
	$(BIN)/pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) benchmarks/pipeline.py --sizes 10000 100000
	$(PY) benchmarks/demo_quality.py --ads 3000
	$(PY) benchmarks/extraction_quality.py
	@if [ -n "$(REAL_ADS)" ]; then $(PY) benchmarks/real_ads.py $(REAL_ADS); \
	else echo "REAL_ADS (real ads, a folder outside the repository) unset: real-ad extraction skipped"; fi
	$(PY) benchmarks/extraction_speed.py
	@if command -v valgrind >/dev/null; then $(PY) benchmarks/extraction_instructions.py; \
	else echo "valgrind is not installed: extraction instruction counts skipped"; fi
	$(PY) benchmarks/scoring_quality.py
	$(PY) benchmarks/photos.py
	$(PY) benchmarks/linking.py --sizes $(LINK_SIZES)
	$(PY) benchmarks/web_latency.py
	$(PY) benchmarks/payments_rules.py --sizes 1000000 10000000
	$(PY) benchmarks/payments.py --ads 5000 --accounts 600 --seeds 21 22
	$(PY) benchmarks/payments_scale.py --transactions 100000 1000000
	$(PY) benchmarks/load.py --ads $(LOAD_ADS) --ingest-ads $(LOAD_ADS)
	$(PY) benchmarks/integrity.py --fuzz-seconds $(FUZZ_SECONDS)
	$(PY) benchmarks/architecture.py

# Coverage-guided fuzzing of every input reader (atheris): its hostile seeds first, then
# FUZZ_SECONDS of fuzzing per reader (FUZZ_READERS: some of jsonl csv cdr html image and the
# statement formats camt053 cashapp venmo paypal ofx mt940 crypto_csv ledger_csv).
# The suite runs the same for a few seconds; an input that breaks a reader is kept under
# build/fuzz/<reader>/crashes/ (see docs/fuzzing.md).
fuzz: $(STAMP)
	$(PY) -m fuzz.run $(FUZZ_READERS) --seconds $(FUZZ_SECONDS) --json build/fuzz/results.json

clean:
	rm -rf $(DEMO) .pytest_cache .mypy_cache .ruff_cache build
	rm -f src/*.so src/linkboard/extract/*.so
