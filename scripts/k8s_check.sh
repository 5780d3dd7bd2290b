#!/usr/bin/env bash
# `make k8s-check` (run by .ci/run): the Kubernetes manifests in deploy/kubernetes, checked offline.
#   1. checkov, the policy scanner (pinned, from PyPI, in a venv of its own: its many pins would clash with
#      the project's). No failed check is allowed; a check we skip is skipped in the manifest itself, with
#      its reason (`checkov.io/skipN: CKV_…=why`), and tests/deploy checks every skip has one.
#   2. kubernetes-validate: every resource against the API's JSON schemas, strictly (an unknown or
#      misspelt field fails), for the oldest Kubernetes with gRPC probes (1.27) and the newest it knows.
#   3. kubectl: `kubectl kustomize` renders the kustomization; `kubectl apply --dry-run=client` where a
#      cluster answers (kubectl needs a server's API discovery even for a client-side dry run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
manifests=$root/deploy/kubernetes
venv=${CHECKOV_VENV:-$root/.venv-checkov}
checkov_version=3.3.30
validate_version=1.37.0

installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("checkov"), m.version("kubernetes-validate"))' 2>/dev/null || true)
if [ "$installed" != "$checkov_version $validate_version" ]; then
  echo "k8s-check: installing checkov==$checkov_version, kubernetes-validate==$validate_version in $venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet "checkov==$checkov_version" "kubernetes-validate==$validate_version"
fi

resources=()
for file in "$manifests"/*.yaml; do
  [ "$(basename "$file")" = kustomization.yaml ] || resources+=("$file")
done

echo "k8s-check: checkov $checkov_version"
# --skip-download: offline (no guidelines or severities fetched from the vendor's platform).
"$venv/bin/checkov" --directory "$manifests" --framework kubernetes --skip-download --compact --quiet

for version in 1.27.0 "$validate_version"; do
  echo "k8s-check: kubernetes-validate --strict against Kubernetes $version"
  "$venv/bin/kubernetes-validate" --strict --quiet --kubernetes-version "$version" "${resources[@]}"
done

if command -v kubectl >/dev/null; then
  kubectl kustomize "$manifests" >/dev/null
  echo "k8s-check: kubectl kustomize renders $(kubectl kustomize "$manifests" | grep -c '^kind:') resources"
  if kubectl version --request-timeout=5s >/dev/null 2>&1; then
    kubectl apply --dry-run=client -k "$manifests"
  else
    echo "k8s-check: kubectl apply --dry-run=client skipped: no cluster answers (it needs API discovery)"
  fi
else
  echo "k8s-check: kubectl not installed: kustomize render and dry run skipped"
fi
echo "k8s-check: passed"
