"""Benchmark of Compare: time, peak memory and pairs scored for N = 100, 300 and 1,000 reports, and how
they grow with N. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_compare.py [--sizes 100,300,1000] [--workers 2]

The reports are real news articles from ../shared/eval (compare_gvc, then events_gva; read at run time,
never copied), extracted once by the real pipeline over all cores (a document that takes over a minute
is cut short) and cached in FIELDREPORT_CACHE_DIR;
Compare then runs in-process on their event sets (with the text), as the evaluation calls it. Without
../shared, synthetic event sets stand in (a few hundred invented incidents, reported 1–4 times each).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import multiprocessing
import os
import pathlib
import random
import signal
import time
import tracemalloc

from google.protobuf import json_format

from fieldreport.service.compare import compare
from fieldreport.v1 import fieldreport_pb2 as pb

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval"
SOURCES = ("compare_gvc.jsonl", "events_gva.jsonl")


def _cache_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("FIELDREPORT_CACHE_DIR") or pathlib.Path.home() / ".cache" / "fieldreport")


def real_documents(n: int) -> list[pb.Document]:
    docs: list[pb.Document] = []
    for name in SOURCES:
        path = SHARED / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                docs.append(pb.Document(id=row["id"], text=row["text"], title=row.get("title") or "",
                                        published=row.get("published") or ""))
                if len(docs) == n:
                    return docs
    return docs


_PIPELINE = None
#: A document whose extraction takes longer than this (wall clock) is cut short: its events are whatever
#: the plugins that finished found. Keeps one pathological document from stalling the benchmark.
EXTRACT_SECONDS = 60


def _load_pipeline() -> None:
    global _PIPELINE
    from fieldreport.service import logs
    from fieldreport.service.pipeline import Pipeline

    logs.configure("json", "error")
    _PIPELINE = Pipeline.create()


def _on_alarm(signum, frame):  # noqa: ANN001, ANN202
    raise TimeoutError("extraction took too long")


def _extract_one(document: bytes) -> bytes:
    doc = pb.Document.FromString(document)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(EXTRACT_SECONDS)
    try:
        return _PIPELINE.extract(doc, field="document").SerializeToString()
    except TimeoutError:
        return pb.ExtractResponse(document=pb.Document(id=doc.id, published=doc.published)).SerializeToString()
    finally:
        signal.alarm(0)


def extract_all(docs: list[pb.Document], workers: int) -> list[pb.ExtractResponse]:
    """Extractions of every document, from the cache when the same documents were extracted before."""
    key = hashlib.sha256("".join(d.id + d.text for d in docs).encode()).hexdigest()[:16]
    cache = _cache_dir() / f"bench_compare_{key}.jsonl"
    if cache.exists():
        with cache.open(encoding="utf-8") as handle:
            return [json_format.Parse(line, pb.ExtractResponse()) for line in handle]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(max(1, workers), initializer=_load_pipeline) as pool:
        out = [pb.ExtractResponse.FromString(b)
               for b in pool.imap(_extract_one, [d.SerializeToString() for d in docs], chunksize=4)]
    print(f"extracted {len(docs)} documents in {time.perf_counter() - started:.0f} s with {workers} processes "
          f"(cached in {cache})")
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as handle:
        for response in out:
            handle.write(json_format.MessageToJson(response, indent=None) + "\n")
    return out


def synthetic_sets(n: int, seed: int = 7) -> list[pb.EventSet]:
    """Invented incidents in invented towns, each reported by 1–4 documents a few days apart."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(3000)]
    sets: list[pb.EventSet] = []
    incident = 0
    while len(sets) < n:
        incident += 1
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(365))
        lat, lon = rng.uniform(30, 37), rng.uniform(39, 48)
        town = f"Town{rng.randrange(400)}"
        vocabulary = rng.sample(words, 40)
        for copy in range(rng.randint(1, 4)):
            if len(sets) == n:
                break
            text = f"A bomb went off in {town} on Monday. " + " ".join(rng.choices(vocabulary, k=120))
            event = pb.Event(id="e1", event_type="explosions_remote_violence",
                             when=pb.TimeValue(value=day.isoformat(), start=day.isoformat(), end=day.isoformat()),
                             where=pb.Place(name=town, country_code="IQ", admin1=f"P{int(lat)}", latitude=lat,
                                            longitude=lon, precision="exact", confidence=0.9),
                             casualties=[pb.Casualty(kind=pb.Casualty.KILLED, group="people",
                                                     count=pb.Count(value=rng.randint(1, 9), qualifier=pb.Count.EXACT))],
                             evidence=[pb.Span(text=text[:80])])
            published = (day + dt.timedelta(days=copy)).isoformat()
            sets.append(pb.EventSet(document_id=f"s{len(sets)}", events=[event],
                                    document=pb.Document(text=text, published=published)))
    return sets


def event_sets(n: int, workers: int) -> tuple[list[pb.EventSet], str]:
    docs = real_documents(n)
    if len(docs) < n:
        return synthetic_sets(n), "synthetic event sets (../shared/eval is absent)"
    extractions = extract_all(docs, workers)
    sets = [pb.EventSet(document_id=d.id, document=d, events=r.events) for d, r in zip(docs, extractions)]
    return sets, f"real articles from ../shared/eval ({', '.join(SOURCES)}), extracted by the pipeline"


def run(sets: list[pb.EventSet]) -> tuple[float, int, pb.CompareResponse]:
    request = pb.CompareRequest(event_sets=sets)
    started = time.perf_counter()
    response = compare(request, lambda d, f: pb.ExtractResponse())
    seconds = time.perf_counter() - started
    tracemalloc.start()
    compare(request, lambda d, f: pb.ExtractResponse())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, response


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction worker processes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    sets, origin = event_sets(max(sizes), args.workers)
    print(f"Compare benchmark: {origin}; in-process, one thread; peak memory by tracemalloc (Python heap)")
    print(f"{'N':>6} {'events':>7} {'pairs scored':>13} {'of all event pairs':>19} {'incidents':>10} "
          f"{'seconds':>8} {'ms/report':>10} {'peak MiB':>9}")
    rows = []
    for n in sizes:
        seconds, peak, response = run(sets[:n])
        events = sum(len(s.events) for s in sets[:n])
        all_pairs = events * (events - 1) // 2
        rows.append((n, seconds, len(response.pairs), peak))
        print(f"{n:>6} {events:>7} {len(response.pairs):>13} {len(response.pairs) / max(all_pairs, 1):>18.2%} "
              f"{len(response.incidents):>10} {seconds:>8.2f} {1000 * seconds / n:>10.1f} {peak / 2**20:>9.1f}")
    if len(rows) > 1:
        (n0, t0, p0, m0), (n1, t1, p1, m1) = rows[0], rows[-1]
        grow = math.log(n1 / n0)
        print(f"growth from N={n0} to N={n1}: time ~ N^{math.log(t1 / t0) / grow:.2f}, pairs scored ~ "
              f"N^{math.log(max(p1, 1) / max(p0, 1)) / grow:.2f}, peak memory ~ N^{math.log(m1 / m0) / grow:.2f} "
              f"(all pairs would grow as N^2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
