# fieldreport — one place for the commands the README names.
#   make serve   set up .venv and run the server with the embedded defaults (port 50051)
#   make test    set up .venv with the test tools and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test serve test bench eval protos protos-check lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The same install step as the Dockerfile's: pip install . (service, built-in plugins, client).
setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/python -m fieldreport.plugins.places.build

# Editable, so that the suite (and a developer) runs the working tree's code.
setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,eval,ray]"
	$(BIN)/python -m fieldreport.plugins.places.build

serve: setup
	$(BIN)/fieldreport serve

test: setup-test
	$(BIN)/python -m pytest

bench: setup-test
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_server.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_bulk.py

# One process per group of tasks, joined into one report: each run starts with fresh workers.
EVAL_RUNS := events_gva,events_gvdb,types_case events_muc4 dates_tbaq places compare_gvc
eval: setup-test
	for tasks in $(EVAL_RUNS); do \
		$(BIN)/fieldreport eval --data ../shared/eval --task $$tasks --quiet --out results-$$tasks.json || exit 1; done
	$(BIN)/fieldreport eval $(foreach t,$(EVAL_RUNS),--from results-$(t).json) --markdown docs/evaluation.md

protos: $(BIN)/python
	$(BIN)/python -m pip install --quiet "grpcio-tools==1.85.1"
	$(BIN)/python scripts/gen_protos.py

protos-check: $(BIN)/python
	$(BIN)/python scripts/gen_protos.py --check

clean:
	rm -rf $(VENV) build *.egg-info
