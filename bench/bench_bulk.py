"""Benchmark of fieldreport.bulk on a local Ray cluster: bulk extraction in documents/s with 1 and 2 Ray
workers (beside one in-process Pipeline on the same documents), and Compare on Ray at N = 1,000, 10,000
and 100,000 event sets, with how time, pairs and memory grow with N. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_bulk.py [--docs 120] [--workers 1,2] [--sizes 1000,10000,100000]

Documents are news articles from ../shared/eval (events_gva for the throughput; compare_gvc then
events_gva for Compare; read at run time, never copied into the project), else a paragraph written here.
The 1,000 real articles are extracted once by the Ray engine into FIELDREPORT_CACHE_DIR (a rerun resumes
and finds them done). Larger N are synthetic event sets made from those extractions: replica r of a
report has its names (capitalised words) spelt anew, its dates moved r × 37 days, its places moved and
its provinces renamed, so that replicas are other incidents with the same shape, vocabulary and density.
Memory: peak resident memory of the driver and of all the local cluster's processes (sampled every 0.2 s),
above what they held before the call; CPU: the CPU seconds those processes spent in the call, which a
shared machine's load does not inflate as it does wall time. One warm-up Compare (N = 1,000) runs first, unmeasured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import pathlib
import re
import sys
import tempfile
import threading
import time

import pyarrow as pa
import pyarrow.parquet as pq

from fieldreport import bulk
from fieldreport.bulk import parts

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval"
OWN = ("Gunmen on motorbikes attacked a village near the town of Djibo on Friday, killing at least 14 "
       "villagers and wounding nine others, a local official said. The army said on Saturday that soldiers "
       "had killed some 20 attackers in the ensuing clashes. ") * 4


def _cache_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("FIELDREPORT_CACHE_DIR") or pathlib.Path.home() / ".cache" / "fieldreport")


def shared_documents(names: tuple[str, ...], n: int) -> list[dict]:
    docs: list[dict] = []
    for name in names:
        path = SHARED / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                docs.append({"id": row["id"], "text": row["text"], "title": row.get("title") or "",
                             "published": row.get("published") or ""})
                if len(docs) == n:
                    return docs
    return docs


def write_jsonl(path: pathlib.Path, docs: list[dict]) -> pathlib.Path:
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


# -- memory ----------------------------------------------------------------------------------------


class Peak:
    """Peak resident memory (MiB) of this process and of all its descendants (the local cluster: raylet,
    workers, object store), sampled in a thread, above what they held when the ``with`` began."""

    def __init__(self) -> None:
        self.driver = self.total = 0.0
        self.cpu = 0.0  # CPU seconds of the driver and the cluster's processes over the ``with``
        self._cpu_start: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Peak:
        self.base_driver, self.base_total, self._cpu_start = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self._stop.set()
        self._thread.join()
        _, _, cpu = self._sample()
        self._cpu_last.update(cpu)
        # A process that ended during the call counts with its last sample.
        self.cpu = sum(t - self._cpu_start.get(pid, 0.0) for pid, t in self._cpu_last.items())

    def _run(self) -> None:
        while not self._stop.is_set():
            driver, total, cpu = self._sample()
            self._cpu_last.update(cpu)
            self.driver = max(self.driver, driver - self.base_driver)
            self.total = max(self.total, total - self.base_total)
            self._stop.wait(0.2)

    @staticmethod
    def _sample() -> tuple[float, float, dict[int, float]]:
        me = os.getpid()
        rss, parents, cpu = {}, {}, {}
        ticks = os.sysconf("SC_CLK_TCK")
        for entry in pathlib.Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat[1])
                rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
                cpu[int(entry.name)] = (int(stat[11]) + int(stat[12])) / ticks
        total = 0.0
        mine: dict[int, float] = {}
        for pid, mib in rss.items():
            p, hops = pid, 0
            while p not in (me, 0, 1) and hops < 32:
                p, hops = parents.get(p, 1), hops + 1
            if p == me:
                total += mib
                mine[pid] = cpu[pid]
        return rss.get(me, 0.0), total, mine


# -- extraction ------------------------------------------------------------------------------------


def in_process_rate(docs: list[dict]) -> float:
    from fieldreport.service.pipeline import Pipeline
    from fieldreport.v1 import fieldreport_pb2 as pb

    pipeline = Pipeline.create()
    pipeline.extract(pb.Document(text=docs[0]["text"], published=docs[0]["published"]))  # warm caches
    started = time.perf_counter()
    for doc in docs:
        pipeline.extract(pb.Document(id=doc["id"], text=doc["text"], published=doc["published"]))
    return len(docs) / (time.perf_counter() - started)


def ray_rate(docs: list[dict], workers: int, folder: pathlib.Path) -> dict:
    """Documents/s of one bulk run: over the whole run (actors' start included) and in steady state (from
    the first part written to the last)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = write_jsonl(folder / f"docs-{workers}.jsonl", docs)
    out = folder / f"out-{workers}"
    started = time.time()
    summary = bulk.extract(str(source), str(out), workers=workers, batch_size=8, progress=False)
    finished = time.time()
    stamps = sorted(p.stat().st_mtime for p in out.glob("part-*"))
    first_batch = 8 * workers
    steady = (len(docs) - first_batch) / (stamps[-1] - stamps[0]) if len(stamps) > workers else float("nan")
    return {"workers": workers, "docs": summary.extracted + summary.failed, "failed": summary.failed,
            "run_s": finished - started, "overall": len(docs) / (finished - started), "steady": steady}


# -- synthetic event sets --------------------------------------------------------------------------

_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")


def _respell(text: str, replica: int) -> str:
    """Capitalised words spelt anew for a replica: other people, streets and towns, same shape."""
    if replica == 0:
        return text

    def new(match: re.Match) -> str:
        word = match.group(0)
        digest = hashlib.blake2b(f"{word}/{replica}".encode(), digest_size=3).hexdigest()
        return word + "".join(chr(ord("a") + int(c, 16) % 26) for c in digest[:3])

    return _NAME.sub(new, text)


def _shift_date(value: str, days: int) -> str:
    if len(value) == 10:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    return value


def _replica(row: dict, replica: int) -> dict:
    response = json.loads(json.dumps(row["response"]))
    days = 37 * replica
    response.pop("mentions", None)
    document = response.get("document", {})
    document["id"] = f"{row['document_id']}~{replica}"
    if document.get("published"):
        document["published"] = _shift_date(document["published"], days)
    for event in response.get("events", []):
        when = event.get("when", {})
        for key in ("value", "start", "end"):
            if when.get(key):
                when[key] = _shift_date(when[key], days)
        for place in [event.get("where", {}), *event.get("places", [])]:
            if "latitude" in place:
                place["latitude"] = max(-89.0, min(89.0, place["latitude"] + 0.9 * (replica % 7)))
                place["longitude"] = ((place.get("longitude", 0.0) + 0.9 * (replica // 7) + 180) % 360) - 180
            if place.get("admin1"):
                place["admin1"] = f"{place['admin1']} #{replica}"
        for span in [event.get("trigger", {}), *event.get("evidence", []),
                     *(c.get("evidence", {}) for c in event.get("casualties", []))]:
            if span.get("text"):
                span["text"] = _respell(span["text"], replica)
    return {"input_file": "synthetic", "input_line": 0, "document_id": document["id"], "status": "ok",
            "response": json.dumps(response, ensure_ascii=False), "text": _respell(row.get("text") or "", replica)}


def synthetic_output(real: list[dict], n: int, folder: pathlib.Path) -> pathlib.Path:
    """A bulk output (Parquet parts) of ``n`` event sets: replicas of the real extractions."""
    out = folder / f"sets-{n}.parquet"
    store = parts.PartStore(str(out), "parquet")
    store.prepare()
    schema = pa.schema([("input_file", pa.string()), ("input_line", pa.int64()), ("document_id", pa.string()),
                        ("status", pa.string()), ("response", pa.string()), ("text", pa.string())])
    batch: list[dict] = []
    for i in range(n):
        row = _replica(real[i % len(real)], i // len(real))
        row["input_line"] = i + 1
        batch.append(row)
        if len(batch) == 2000 or i == n - 1:
            store.write_table(pa.Table.from_pylist(batch, schema=schema),
                              [("synthetic", r["input_line"]) for r in batch])
            batch = []
    return out


def real_output(n: int) -> tuple[pathlib.Path, str]:
    """The Ray engine's output of the first ``n`` compare_gvc / events_gva articles (cached, resumable)."""
    docs = shared_documents(("compare_gvc.jsonl", "events_gva.jsonl"), n)
    if len(docs) < n:
        raise SystemExit(f"{SHARED} is absent: the Compare benchmark needs {n} real articles to start from")
    key = hashlib.sha256("".join(d["id"] + d["text"] for d in docs).encode()).hexdigest()[:16]
    folder = _cache_dir() / f"bench_bulk_{key}"
    folder.mkdir(parents=True, exist_ok=True)
    source = write_jsonl(folder / "articles.jsonl", docs)
    started = time.perf_counter()
    summary = bulk.extract(str(source), str(folder / "events"), batch_size=8, progress=False, document_seconds=60)
    note = (f"extracted {summary.extracted + summary.failed} in {time.perf_counter() - started:.0f} s"
            if summary.skipped < summary.total else "extractions cached")
    return folder / "events", f"{note} ({folder / 'events'})"


def compare_run(path: pathlib.Path, folder: pathlib.Path, name: str) -> dict:
    with Peak() as peak:
        started = time.perf_counter()
        result = bulk.compare(str(path), str(folder / f"compared-{name}"), progress=False)
        seconds = time.perf_counter() - started
    return {"n": result.reports, "events": result.events, "pairs": result.candidate_pairs,
            "incidents": result.incidents, "largest": result.largest_block, "seconds": seconds,
            "stages": result.seconds, "driver": peak.driver, "cluster": peak.total, "cpu": peak.cpu,
            "load": os.getloadavg()[0]}


def in_process_compare(path: pathlib.Path) -> float:
    """Seconds of the in-process Compare on the same event sets (in the same order)."""
    from google.protobuf import json_format

    from fieldreport.service.compare import compare
    from fieldreport.v1 import fieldreport_pb2 as pb

    rows = []
    for part in sorted(path.glob("part-*")):
        if part.suffix == ".parquet":
            rows += [r | {"response": json.loads(r["response"])} for r in pq.read_table(part).to_pylist()
                     if r.get("response")]
        else:
            rows += [r for r in map(json.loads, part.read_text().splitlines()) if "response" in r]
    rows.sort(key=lambda r: (r["input_file"], r["input_line"]))
    sets = []
    for row in rows:
        response = json_format.ParseDict(row["response"], pb.ExtractResponse(), ignore_unknown_fields=True)
        document = pb.Document()
        document.CopyFrom(response.document)
        document.text = row.get("text") or ""
        sets.append(pb.EventSet(document_id=row["document_id"], document=document, events=response.events))
    started = time.perf_counter()
    compare(pb.CompareRequest(event_sets=sets), None)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120, help="documents for the extraction throughput")
    parser.add_argument("--workers", default="1,2", help="Ray workers (actors) to measure")
    parser.add_argument("--sizes", default="1000,10000,100000", help="event sets to compare")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the extraction measurement")
    parser.add_argument("--in-process-up-to", type=int, default=10000,
                        help="also time the in-process Compare up to this N")
    args = parser.parse_args()
    from fieldreport.bulk import runtime
    from fieldreport.service import logs

    logs.configure("console", "error")
    ray = runtime.require_ray()
    import logging

    ray.init(address="local", num_cpus=os.cpu_count(), include_dashboard=False, _node_ip_address="127.0.0.1",
             logging_level=logging.ERROR, log_to_driver=False)
    print(f"bulk benchmark: Ray {ray.__version__}, local cluster of {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        folder = pathlib.Path(tmp)
        docs = shared_documents(("events_gva.jsonl",), args.docs)
        origin = "events_gva"
        if len(docs) < args.docs:
            docs = [{"id": str(i), "text": OWN, "published": "2021-03-14"} for i in range(args.docs)]
            origin = "a built-in paragraph"
        chars = sum(len(d["text"]) for d in docs) / len(docs)
        print(f"\nextraction: {len(docs)} documents ({origin}, mean {chars:.0f} characters)")
        # Rounds interleave the engines and keep each one's best: the machine may be shared.
        worker_counts = [int(w) for w in args.workers.split(",")]
        best: dict = {}
        for round_ in range(args.rounds):
            rate = in_process_rate(docs)
            best["in"] = max(best.get("in", 0.0), rate)
            for workers in worker_counts:
                r = ray_rate(docs, workers, folder / f"round{round_}")
                if workers not in best or r["steady"] > best[workers]["steady"]:
                    best[workers] = r
        base = best["in"]
        print(f"{'engine':<26} {'docs/s':>7} {'steady docs/s':>14} {'run s':>7} {'vs in-process':>14} {'vs 1 worker':>12}")
        print(f"{'in-process, one Pipeline':<26} {base:>7.2f} {base:>14.2f} {len(docs) / base:>7.1f} {1.0:>14.2f} {'':>12}")
        one = best[worker_counts[0]]["steady"]
        for workers in worker_counts:
            r = best[workers]
            print(f"{f'Ray, {workers} worker(s)':<26} {r['overall']:>7.2f} {r['steady']:>14.2f} {r['run_s']:>7.1f} "
                  f"{r['steady'] / base:>14.2f} {r['steady'] / one:>12.2f}")
        print(f"(best of {args.rounds} interleaved rounds; steady: from the first part written to the last; run: the "
              "whole call, the actors' model load included; target for 2 workers: ≥ 1.8× one)")

        sizes = [int(s) for s in args.sizes.split(",")]
        real, note = real_output(min(sizes))
        real_rows = []
        for part in sorted(real.glob("part-*.jsonl")):
            real_rows += [r for r in map(json.loads, part.read_text().splitlines()) if "response" in r]
        real_rows.sort(key=lambda r: (r["input_file"], r["input_line"]))
        compare_run(real, folder, "warm-up")  # first use of group-bys and fresh workers: not measured
        print(f"\nCompare on Ray: N = {', '.join(f'{s:,}' for s in sizes)} event sets; {min(sizes):,} real articles "
              f"from compare_gvc / events_gva ({note}), larger N synthetic replicas of them")
        print(f"{'N':>8} {'events':>8} {'pairs':>10} {'incidents':>10} {'largest block':>14} {'seconds':>8} "
              f"{'CPU s':>8} {'CPU ms/report':>14} {'driver +MiB':>11} {'cluster +MiB':>12} {'load':>5} {'in-process s':>13}")
        results = []
        for n in sizes:
            path = real if n == min(sizes) else synthetic_output(real_rows, n, folder)
            r = compare_run(path, folder, str(n))
            local = in_process_compare(path) if n <= args.in_process_up_to else float("nan")
            results.append(r)
            print(f"{n:>8,} {r['events']:>8,} {r['pairs']:>10,} {r['incidents']:>10,} {r['largest']:>14,} "
                  f"{r['seconds']:>8.1f} {r['cpu']:>8.0f} {1000 * r['cpu'] / n:>14.2f} {r['driver']:>11.0f} "
                  f"{r['cluster']:>12.0f} {r['load']:>5.1f} {local:>13.1f}")
            print(f"{'':>8} stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items()))
        if len(results) > 1:
            a, b = results[0], results[-1]
            grow = math.log(b["n"] / a["n"])
            print(f"growth from N={a['n']:,} to N={b['n']:,}: time ~ N^{math.log(b['seconds'] / a['seconds']) / grow:.2f}, "
                  f"CPU time ~ N^{math.log(b['cpu'] / a['cpu']) / grow:.2f}, "
                  f"pairs ~ N^{math.log(b['pairs'] / a['pairs']) / grow:.2f}, driver memory ~ "
                  f"N^{math.log(b['driver'] / a['driver']) / grow:.2f}, cluster memory ~ "
                  f"N^{math.log(b['cluster'] / a['cluster']) / grow:.2f} (near-linear: exponents near 1 or below)")
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
