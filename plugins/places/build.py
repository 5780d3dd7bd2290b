"""Build the gazetteer index once: ``python -m fieldreport.plugins.places.build`` (used by `make setup`
and the Dockerfile). Prints where it is, how long it took and its size."""

from __future__ import annotations

import time

from fieldreport.plugins.places import gazetteer


def main() -> int:
    path = gazetteer.index_path()
    if path.exists():
        print(f"gazetteer index up to date: {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return 0
    start = time.perf_counter()
    gazetteer.build(path)
    print(f"built gazetteer index {path} in {time.perf_counter() - start:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
