#!/usr/bin/env bash
# `make image`: build the Dockerfile with BuildKit, on the host's network (loopback and the host's own
# routes; no bridge network is needed).
#   IMAGE      tag (default fieldreport:dev)
#   CA_BUNDLE  a CA bundle for pip inside the build, passed as the BuildKit secret `ca`; default: the
#              host's own, where PIP_CERT or SSL_CERT_FILE say it is (as behind a TLS-inspecting proxy)
#   PIP_CONF   a pip config file (index-url, extra-index-url, ...), passed as the secret `pipconf`
# Secrets exist only while `pip install` runs; they are never written to a layer (make image-test checks).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
image=${IMAGE:-fieldreport:dev}
docker=$(bash "$root/scripts/docker_cli.sh") || {
  echo "no docker CLI that builds with BuildKit: install the buildx plugin, or Debian's docker.io" >&2; exit 1; }
args=(--network "${BUILD_NETWORK:-host}" --tag "$image")
ca=${CA_BUNDLE:-${PIP_CERT:-${SSL_CERT_FILE:-}}}
if [ -n "$ca" ]; then
  [ -f "$ca" ] || { echo "CA bundle $ca: no such file" >&2; exit 1; }
  args+=(--secret "id=ca,src=$ca")
  echo "image: CA bundle $ca passed as build secret 'ca' (pip install only)"
fi
if [ -n "${PIP_CONF:-}" ]; then
  [ -f "$PIP_CONF" ] || { echo "pip config $PIP_CONF: no such file" >&2; exit 1; }
  args+=(--secret "id=pipconf,src=$PIP_CONF")
  echo "image: pip config $PIP_CONF passed as build secret 'pipconf' (pip install only)"
fi
cd "$root"
DOCKER_BUILDKIT=1 "$docker" build "${args[@]}" "$@" .
"$docker" image inspect --format "image: $image {{.Id}}, {{.Size}} bytes" "$image"
