"""Regenerate the Python stubs of the contract into the client package.

    python scripts/gen_protos.py          # write clients/python/src/fieldreport/v1/*
    python scripts/gen_protos.py --check  # exit 1 when the committed stubs differ (drift)

Uses the pinned grpcio-tools (see pyproject's `dev` extra); google/rpc/status.proto comes from
googleapis-common-protos, which ships the .proto beside its generated module.
"""

from __future__ import annotations

import argparse
import filecmp
import pathlib
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTOS = ROOT / "protos"
OUT = ROOT / "clients" / "python" / "src"
PACKAGE = pathlib.Path("fieldreport") / "v1"


def generate(out_dir: pathlib.Path) -> None:
    import google.rpc.status_pb2
    import grpc_tools
    from grpc_tools import protoc

    googleapis = pathlib.Path(google.rpc.status_pb2.__file__).parent.parent.parent
    wkt = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    sources = sorted(str(p.relative_to(PROTOS)) for p in (PROTOS / PACKAGE).glob("*.proto"))
    args = [
        "protoc",
        f"-I{PROTOS}",
        f"-I{googleapis}",
        f"-I{wkt}",
        f"--python_out={out_dir}",
        f"--pyi_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *sources,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    init = out_dir / PACKAGE / "__init__.py"
    init.write_text('"""Generated stubs of the fieldreport.v1 contract (scripts/gen_protos.py)."""\n')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed stubs")
    args = parser.parse_args()
    if not args.check:
        target = OUT / PACKAGE
        for old in target.glob("*_pb2*"):
            old.unlink()
        generate(OUT)
        print(f"wrote {target.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(pathlib.Path(tmp))
        fresh = pathlib.Path(tmp) / PACKAGE
        committed = OUT / PACKAGE
        names = sorted({p.name for p in fresh.iterdir()} | {p.name for p in committed.glob("*") if p.is_file()})
        drift = [n for n in names if not (fresh / n).exists() or not (committed / n).exists()
                 or not filecmp.cmp(fresh / n, committed / n, shallow=False)]
        if drift:
            print("generated stubs drift from protos/: " + ", ".join(drift), file=sys.stderr)
            print("run: python scripts/gen_protos.py", file=sys.stderr)
            return 1
    print("stubs match protos/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
