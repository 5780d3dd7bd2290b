#!/usr/bin/env bash
# `make image-test` (run by .ci/run): the container image, built, started and called with a real engine.
#   1. A container engine: Debian's docker.io (dockerd, and a client whose `docker build` has BuildKit)
#      is installed with apt-get when no usable one is there.
#   2. If no daemon answers, dockerd is started with --bridge=none --iptables=false (builds and containers
#      use the host's network, so nothing but loopback is used) and stopped again at the end.
#   3. The base image python:3.11-slim-bookworm: used if present, else pulled; where no registry can be
#      reached, a STAND-IN of the same name is made from Debian bookworm (mmdebstrap, `docker import`),
#      and said so. The Dockerfile is unchanged: it is the one a user builds anywhere.
#   4. pytest tests/image: builds the image (scripts/image_build.sh), runs it, calls it (see its docstring).
# Skips (exit 0, says why) only when there is no engine and it cannot install one (not root, no apt-get).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
base=python:3.11-slim-bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
started=$SECONDS
say() { echo "image-test: $*"; }

state=$(mktemp -d /tmp/fieldreport-image-test.XXXXXX)
dockerd_pid=""
cleanup() {
  if [ -n "$dockerd_pid" ]; then
    say "stopping the dockerd it started (pid $dockerd_pid)"
    kill -TERM "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -rf "$state"
}
trap cleanup EXIT

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "SKIPPED: needs $* and cannot install it (apt-get as root)"; exit 0
  fi
  say "installing $* (Debian packages)"
  if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. engine: a client that builds with BuildKit, and a daemon that answers or a dockerd to start. Where
# either is missing, Debian's docker.io; mmdebstrap comes in the same apt transaction, as such a machine
# has no base image either and the pull may fail.
docker=$(bash "$root/scripts/docker_cli.sh" || true)
if [ -z "$docker" ] || { ! "$docker" info >/dev/null 2>&1 && ! command -v dockerd >/dev/null; }; then
  apt_install docker.io mmdebstrap
  docker=$(bash "$root/scripts/docker_cli.sh")
fi
# 2. daemon
if ! "$docker" info >/dev/null 2>&1; then
  say "starting dockerd --bridge=none --iptables=false (log: $state/dockerd.log)"
  dockerd --bridge=none --iptables=false --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 120); do "$docker" info >/dev/null 2>&1 && break; sleep 0.5; done
  "$docker" info >/dev/null 2>&1 || { tail -20 "$state/dockerd.log"; say "dockerd did not start"; exit 1; }
fi
say "engine: $("$docker" version --format 'client {{.Client.Version}}, server {{.Server.Version}}') ($docker)"

# 3. base image
stand_in_label='{{index .Config.Labels "org.fieldreport.stand-in"}}'
if "$docker" image inspect "$base" >/dev/null 2>&1; then
  if [ -n "$("$docker" image inspect --format "$stand_in_label" "$base")" ]; then
    say "STAND-IN BASE IMAGE: $base is the stand-in made by an earlier run (mmdebstrap), not the official image"
  fi
elif timeout 120 "$docker" pull --quiet "$base" >"$state/pull.log" 2>&1; then
  say "pulled $base"
else
  say "STAND-IN BASE IMAGE: $base cannot be pulled here ($(tail -1 "$state/pull.log"))"
  say "  making a stand-in of the same name: Debian bookworm minbase + python3, python3-venv, python-is-python3,"
  say "  ca-certificates (mmdebstrap, then docker import). The image under test is built on it, not on the official one."
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  # Docs, man pages and translations are left out, as Debian's slim images do.
  mmdebstrap --quiet --variant=minbase --include=python3,python3-venv,python-is-python3,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --format=tar bookworm "$state/base.tar" \
    "deb $mirror bookworm main" "deb $mirror bookworm-updates main" </dev/null
  "$docker" import --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
    --change 'LABEL org.fieldreport.stand-in="mmdebstrap bookworm minbase + python3 (make image-test)"' \
    "$state/base.tar" "$base" >/dev/null
  rm -f "$state/base.tar"
  say "stand-in $base made in $((SECONDS - started)) s"
fi

# 4. build, run, call
status=0
FIELDREPORT_IMAGE_TEST=1 FIELDREPORT_DOCKER="$docker" IMAGE="${IMAGE:-fieldreport:dev}" \
  "$python" -m pytest "$root/tests/image" -p no:cacheprovider -rA -q --durations=5 || status=$?
say "took $((SECONDS - started)) s in all"
exit $status
