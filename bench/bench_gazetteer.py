"""Benchmark of the places plugin: index build, lookups, Normalize with document context, memory.

Prints numbers; asserts nothing. ``python bench/bench_gazetteer.py [--skip-build]``. Normalize is timed on
the LGL documents of ../shared/eval/places.jsonl when present (read at run time, never copied), else on
sentences written here.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import sqlite3
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLACES = ROOT.parent / "shared" / "eval" / "places.jsonl"


def rss_mb() -> float:
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_build() -> None:
    from fieldreport.plugins.places import gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        path = gazetteer.build(pathlib.Path(tmp) / "gazetteer-bench.sqlite")
        took = time.perf_counter() - start
        db = sqlite3.connect(path)
        places = db.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        names = db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        db.close()
        print(f"index build: {took:.1f} s, {path.stat().st_size / 1e6:.1f} MB, {places:,} places, {names:,} names")


def bench_lookups() -> None:
    from fieldreport.plugins.places import gazetteer

    gaz = gazetteer.default()
    db = sqlite3.connect(f"file:{gaz.path}?mode=ro&immutable=1", uri=True)
    keys = [k for (k,) in db.execute("SELECT key FROM names WHERE own = 1 ORDER BY random() LIMIT 20000")]
    db.close()
    random.Random(1).shuffle(keys)
    start = time.perf_counter()
    for key in keys:
        gaz._lookup(key)
    cold = len(keys) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(5):
        for key in keys[:2000]:
            gaz.lookup(key)
    warm = 10_000 / (time.perf_counter() - start)
    print(f"lookups: {cold:,.0f}/s from the index, {warm:,.0f}/s cached ({len(keys):,} random names)")


def documents() -> list[tuple[str, list[str]]]:
    if PLACES.exists():
        docs = []
        with open(PLACES, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["dataset"] == "lgl":
                    docs.append((record["text"], [t["text"] for t in record["gold"]["toponyms"]]))
        return docs[:50]  # fewer than the plugin caches, so that the second pass shows the cache
    text = ("Crews from Alexandria and St. Cloud cleared roads across Douglas County, Minnesota, on Sunday. "
            "Plows from Fargo helped near the town of Osakis.")
    return [(text, ["Alexandria", "St. Cloud", "Douglas County", "Minnesota", "Fargo", "Osakis"])] * 20


def bench_normalize() -> None:
    from fieldreport.service.pipeline import Pipeline, PipelineConfig
    from fieldreport.v1 import fieldreport_pb2 as pb

    before = rss_mb()
    start = time.perf_counter()
    pipeline = Pipeline.create(PipelineConfig(allow=["places"]))
    loaded = time.perf_counter() - start
    print(f"pipeline with places only: loaded in {loaded:.1f} s, RSS {rss_mb():.0f} MB ({rss_mb() - before:+.0f} MB)")
    docs = documents()
    items = [(text, name) for text, names in docs for name in names]
    start = time.perf_counter()
    for text, name in items:
        pipeline.normalize_item(pb.NormalizeItem(kind=pb.NormalizeItem.LOCATION, text=name,
                                                 context=pb.NormalizeContext(sentence=text)), "items[0]")
    took = time.perf_counter() - start
    print(f"Normalize LOCATION with document context: {len(items) / took:,.0f} items/s over {len(items)} items "
          f"of {len(docs)} documents ({took / len(docs) * 1000:.0f} ms per document, one parse each)")
    start = time.perf_counter()
    for text, name in items:
        pipeline.normalize_item(pb.NormalizeItem(kind=pb.NormalizeItem.LOCATION, text=name,
                                                 context=pb.NormalizeContext(sentence=text)), "items[0]")
    print(f"Normalize again, contexts cached: {len(items) / (time.perf_counter() - start):,.0f} items/s")
    start = time.perf_counter()
    for _text, name in items:
        pipeline.normalize_item(pb.NormalizeItem(kind=pb.NormalizeItem.LOCATION, text=name), "items[0]")
    print(f"Normalize without context: {len(items) / (time.perf_counter() - start):,.0f} items/s")
    print(f"RSS after: {rss_mb():.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh index build")
    args = parser.parse_args()
    os.environ.setdefault("FIELDREPORT_LOG_LEVEL", "warning")
    if not args.skip_build:
        bench_build()
    bench_lookups()
    bench_normalize()
    return 0


if __name__ == "__main__":
    sys.exit(main())
