#!/usr/bin/env bash
# Prints the path of a docker CLI that builds with BuildKit (secret and cache mounts): one with the buildx
# plugin, or a CLI older than 23 (Debian bookworm's docker.io, 20.10), whose `docker build` has BuildKit
# built in behind DOCKER_BUILDKIT=1. A newer CLI without buildx refuses BuildKit builds altogether.
# $DOCKER, when set, is tried first.
set -u
for cli in ${DOCKER:-} $(type -ap docker) /usr/bin/docker; do
  [ -x "$cli" ] || continue
  if "$cli" buildx version >/dev/null 2>&1; then echo "$cli"; exit 0; fi
  major=$("$cli" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')
  if [ -n "$major" ] && [ "$major" -lt 23 ]; then echo "$cli"; exit 0; fi
done
exit 1
