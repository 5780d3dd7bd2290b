#!/usr/bin/env bash
# buf lint of protos/, offline: google/rpc/status.proto comes from the installed googleapis-common-protos
# package (it ships the .proto), copied beside our module in a temporary workspace. Then buf breaking
# against the contract as first published (the commit that added the v1 proto, or the git ref in
# $FIELDREPORT_PROTO_BASELINE), so that no field of v1 is renamed, renumbered or removed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=python3
googleapis=$("$python" -c 'import google.rpc.status_pb2 as m, pathlib; print(pathlib.Path(m.__file__).parent)')
buf=$("$python" -c 'import shutil, sys, pathlib; p = pathlib.Path(sys.executable).parent / "buf"; print(p if p.exists() else (shutil.which("buf") or ""))')
[ -n "$buf" ] || { echo "buf not found: pip install buf-bin" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/protos" "$work/deps/google/rpc"
cp -r "$root/protos/." "$work/protos/"
cp "$googleapis/status.proto" "$work/deps/google/rpc/"
rm -f "$work/protos/buf.yaml"  # the workspace file below replaces it
cat > "$work/buf.yaml" <<YAML
version: v2
modules:
  - path: protos
    lint:
$(sed -n '/^lint:/,/^breaking:/p' "$root/protos/buf.yaml" | sed '1d;$d' | sed 's/^/    /')
    breaking:
$(sed -n '/^breaking:/,$p' "$root/protos/buf.yaml" | sed '1d' | sed 's/^/    /')
  - path: deps
YAML
cd "$work"
"$buf" lint protos "$@"

proto=protos/fieldreport/v1/fieldreport.proto
baseline=${FIELDREPORT_PROTO_BASELINE:-$(git -C "$root" log --diff-filter=A --format=%H -- "$proto" 2>/dev/null | tail -n 1)}
if [ -z "$baseline" ]; then
  echo "buf breaking skipped: no git history to compare the contract with" >&2
  exit 0
fi
mkdir -p "$work/base"
git -C "$root" archive "$baseline" protos | tar -x -C "$work/base"
rm -f "$work/base/protos/buf.yaml"
cp -r "$work/deps" "$work/buf.yaml" "$work/base/"
"$buf" breaking "$work" --against "$work/base"
echo "buf lint and buf breaking (against ${baseline:0:12}) pass"
