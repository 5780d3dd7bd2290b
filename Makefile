# fieldreport — one place for the commands the README names.
#   make serve   set up .venv and run the server with the embedded defaults (port 50051)
#   make test    set up .venv with the test tools and run the whole suite
#   make soak    the soak benchmark: 10 minutes at 2x capacity with hostile documents (bench/soak.py)
#   make image   build the container image (BuildKit; the host's CA bundle as a build secret, see the README)
#   make image-test  build, run and call the image with a real engine (installs Debian's docker.io if needed)
#   make k8s-check   policy-check (checkov) and schema-check the Kubernetes manifests in deploy/kubernetes
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test serve test bench soak eval protos protos-check vendor-web lint clean image image-test k8s-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The same install step as the Dockerfile's: pip install . (service, built-in plugins, client).
setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/python -m fieldreport.plugins.places.build

# Editable, so that the suite (and a developer) runs the working tree's code.
setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,eval,ray,learned]"
	$(BIN)/python -m fieldreport.plugins.places.build

serve: setup
	$(BIN)/fieldreport serve

test: setup-test
	$(BIN)/python -m pytest

bench: setup-test
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_server.py
	$(BIN)/python bench/profile_plugins.py
	$(BIN)/python bench/bench_cold_start.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_bulk.py
	$(BIN)/python bench/bench_classifier.py

# A real server on loopback at 2x its measured capacity for 10 minutes (SOAK_ARGS="--minutes 2" for less):
# answered / shed / failed / lost (must be 0), latency, RSS of the server and its workers.
SOAK_ARGS ?=
soak: setup-test
	nice $(BIN)/python bench/soak.py $(SOAK_ARGS)

# One process per group of tasks, joined into one report: each run starts with fresh workers.
EVAL_RUNS := events_gva,events_gvdb,types_case events_muc4 dates_tbaq places compare_gvc events_acled
eval: setup-test
	for tasks in $(EVAL_RUNS); do \
		$(BIN)/fieldreport eval --data ../shared/eval --task $$tasks --quiet --out results-$$tasks.json || exit 1; done
	$(BIN)/fieldreport eval $(foreach t,$(EVAL_RUNS),--from results-$(t).json) --markdown docs/evaluation.md

IMAGE ?= fieldreport:dev
image:
	IMAGE=$(IMAGE) bash scripts/image_build.sh

image-test: setup-test
	IMAGE=$(IMAGE) bash scripts/image_test.sh

# Its own venv (.venv-checkov): checkov's pins would clash with the project's.
k8s-check:
	bash scripts/k8s_check.sh

protos: $(BIN)/python
	$(BIN)/python -m pip install --quiet "grpcio-tools==1.85.1"
	$(BIN)/python scripts/gen_protos.py

protos-check: $(BIN)/python
	$(BIN)/python scripts/gen_protos.py --check

# The analyst's page's browser assets (Leaflet, topojson-client, Natural Earth countries) from npm,
# committed under service/view/assets/ so that pip install needs no npm.
vendor-web:
	$(PYTHON) scripts/vendor_web.py

clean:
	rm -rf $(VENV) .venv-checkov build *.egg-info
