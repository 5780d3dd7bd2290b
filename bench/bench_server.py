"""Benchmark of throughput on one machine: the bare spaCy model, the pipeline in one process, and the server
over the wire (start-up, latency, throughput by worker count, memory), each ratio of issue 13 printed beside
its target. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_server.py [--docs 120] [--workers 1,2] [--load-requests 120]

Documents are news articles from ../shared/eval/events_gva.jsonl when it is there (read at run time,
never copied), else a paragraph written here, repeated. Every rate is documents per second of wall time in
one run on the same documents: on a shared or loaded machine the rates drop, and the ratios move too
(by about ±0.1 between runs), since the measurements do not run at the same moment.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import threading
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from fieldreport.service import logs
from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval" / "events_gva.jsonl"
OWN = ("Gunmen on motorbikes attacked a village near the town of Djibo on Friday, killing at least 14 "
       "villagers and wounding nine others, a local official said. The army said on Saturday that soldiers "
       "had killed some 20 attackers in the ensuing clashes. ") * 4
CHUNK = 32  # documents per BatchExtract call


def documents(n: int) -> list[pb.Document]:
    texts: list[tuple[str, str]] = []
    if SHARED.exists():
        with SHARED.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts.append((record["text"], record.get("published") or ""))
                if len(texts) == n:
                    break
    while len(texts) < n:
        texts.append((OWN, "2021-03-14"))
    return [pb.Document(id=str(i), text=t, published=p) for i, (t, p) in enumerate(texts)]


def similar_length(docs: list[pb.Document]) -> list[pb.Document]:
    """The documents within ±35 % of the median length (the latency target is for documents of similar length)."""
    median = statistics.median(len(d.text) for d in docs)
    return [d for d in docs if 0.65 * median <= len(d.text) <= 1.35 * median] or docs


def rss_mb(pid: int) -> float:
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (the server's workers, however the pool starts them)."""
    out = []
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes ``pids`` have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def rate(fn, docs, cpu=time.process_time) -> tuple[float, float]:  # noqa: ANN001
    """Documents per second of wall time, and per second of the CPU time ``cpu`` counts (the work's own,
    which a loaded machine does not stretch)."""
    start, used = time.perf_counter(), cpu()
    fn(docs)
    return len(docs) / (time.perf_counter() - start), len(docs) / max(1e-9, cpu() - used)


def in_process(docs: list[pb.Document]) -> dict:
    """The bare spaCy model and the pipeline in this process: per document, and batched (nlp.pipe)."""
    from fieldreport.service.pipeline import Pipeline

    pipeline = Pipeline.create()
    nlp = pipeline.nlp
    texts = [d.text for d in docs]
    nlp(texts[0])
    pipeline.extract(docs[0])  # warm caches
    out = {}
    for name, fn, items in [("spacy", lambda ts: [nlp(t) for t in ts], texts),
                            ("spacy_pipe", lambda ts: list(nlp.pipe(ts, batch_size=16)), texts),
                            ("pipeline", lambda ds: [pipeline.extract(d) for d in ds], docs),
                            ("pipeline_many", pipeline.extract_many, docs)]:
        out[f"{name}_doc_s"], out[f"{name}_cpu"] = rate(fn, items)
    return out


def at_load(stub, docs: list[pb.Document], per_second: float, requests: int) -> list[float]:  # noqa: ANN001
    """Latencies (s) of ``requests`` Extract calls sent at a fixed rate (open loop: a slow answer does not
    delay the next call)."""
    latencies: list[float] = []
    lock = threading.Lock()

    def call(doc: pb.Document) -> None:
        t = time.perf_counter()
        stub.Extract(pb.ExtractRequest(document=doc), timeout=300)
        with lock:
            latencies.append(time.perf_counter() - t)

    interval = 1.0 / per_second
    start = time.perf_counter()
    with cf.ThreadPoolExecutor(64) as pool:
        futures = []
        for i in range(requests):
            delay = start + i * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(call, docs[i % len(docs)]))
        for f in futures:
            f.result()
    return sorted(latencies)


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def over_the_wire(workers: int, docs: list[pb.Document], load_docs: list[pb.Document], load_requests: int) -> dict:
    running = start_server(ServerConfig(host="127.0.0.1", port=0, workers=workers, metrics_port=0, grace=1,
                                        log_level="warning"))
    try:
        channel = grpc.insecure_channel(running.address, options=[("grpc.max_receive_message_length", 64 << 20)])
        stub = pb_grpc.FieldReportServiceStub(channel)
        for doc in docs[:workers * 2]:
            stub.Extract(pb.ExtractRequest(document=doc), timeout=120)  # warm every worker

        latencies = []
        for doc in docs[: min(40, len(docs))]:  # one at a time: latency
            t = time.perf_counter()
            stub.Extract(pb.ExtractRequest(document=doc), timeout=120)
            latencies.append(time.perf_counter() - t)
        latencies.sort()

        def unary(ds: list[pb.Document]) -> None:  # concurrent unary calls, two in flight per worker
            with cf.ThreadPoolExecutor(max(2, workers * 2)) as pool:
                list(pool.map(lambda d: stub.Extract(pb.ExtractRequest(document=d), timeout=300), ds))

        def batched(ds: list[pb.Document]) -> None:
            for i in range(0, len(ds), CHUNK):
                stub.BatchExtract(pb.BatchExtractRequest(documents=ds[i:i + CHUNK]), timeout=600)

        pids = children(os.getpid())

        def workers_cpu() -> float:  # the workers' CPU time: the over-the-wire work, while no other runs
            return cpu_seconds(pids)

        unary_rate, unary_cpu = rate(unary, docs, workers_cpu)
        batch_rate, batch_cpu = rate(batched, docs, workers_cpu)
        loaded = at_load(stub, load_docs, 0.8 * unary_rate, load_requests)
        workers_rss = [rss_mb(pid) for pid in pids]
    finally:
        running.stop(1)
    return {
        "workers": workers, "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "unary_doc_s": unary_rate, "batch_doc_s": batch_rate, "unary_cpu": unary_cpu * workers,
        "batch_cpu": batch_cpu * workers,
        "load_doc_s": 0.8 * unary_rate, "load_p50_ms": percentile(loaded, 0.5) * 1000,
        "load_p99_ms": percentile(loaded, 0.99) * 1000,
        "worker_rss_mb": max(workers_rss) if workers_rss else float("nan"),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cold_start(workers: int) -> float:
    """Seconds from starting `fieldreport serve` (a fresh process, the gazetteer index built) to its health
    check answering SERVING."""
    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "fieldreport.service.cli", "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--metrics-port", "0",
                             "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        health = health_pb2_grpc.HealthStub(channel)
        while proc.poll() is None:
            try:
                if health.Check(health_pb2.HealthCheckRequest(), timeout=0.5).status == \
                        health_pb2.HealthCheckResponse.SERVING:
                    return time.perf_counter() - start
            except grpc.RpcError:
                time.sleep(0.02)
        raise RuntimeError(f"the server exited with {proc.returncode} before serving")
    finally:
        proc.terminate()
        proc.wait(30)


def verdict(value: float, target: float, at_least: bool) -> str:
    ok = value >= target if at_least else value <= target
    return f"{'met' if ok else 'NOT met'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--load-requests", type=int, default=120, help="Extract calls in the 80 %% load test")
    args = parser.parse_args()
    logs.configure("console", "warning")  # one log line per request would drown the table
    docs = documents(args.docs)
    load_docs = similar_length(docs)
    chars = statistics.mean(len(d.text) for d in docs)
    print(f"server benchmark: {len(docs)} documents, mean {chars:.0f} characters "
          f"({'events_gva' if SHARED.exists() else 'built-in paragraph'}), {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at start")

    local = in_process(docs)
    print("\nin one process        documents/s   per CPU-second")
    for label, key in [("bare spaCy, per document", "spacy"), ("bare spaCy, nlp.pipe", "spacy_pipe"),
                       ("pipeline.extract, per doc", "pipeline"), ("pipeline.extract_many", "pipeline_many")]:
        print(f"  {label:<28} {local[key + '_doc_s']:7.2f}   {local[key + '_cpu']:7.2f}")

    starts = {2: cold_start(2)}
    results = {w: over_the_wire(w, docs, load_docs, args.load_requests) for w in
               [int(w) for w in args.workers.split(",")]}
    print("\nover the wire")
    print(f"{'workers':>7} {'p50 ms':>7} {'p95 ms':>7} {'unary doc/s':>12} {'batch doc/s':>12} "
          f"{'80% doc/s':>10} {'p50@80%':>8} {'p99@80%':>8} {'worker MB':>10}")
    for r in results.values():
        print(f"{r['workers']:>7} {r['p50_ms']:>7.0f} {r['p95_ms']:>7.0f} {r['unary_doc_s']:>12.2f} "
              f"{r['batch_doc_s']:>12.2f} {r['load_doc_s']:>10.2f} {r['load_p50_ms']:>8.0f} "
              f"{r['load_p99_ms']:>8.0f} {r['worker_rss_mb']:>10.0f}")

    spacy, spacy_cpu = local["spacy_doc_s"], local["spacy_cpu"]
    # (name, by wall time, by CPU time or None, target or None, at least?)
    rows = [("in-process pipeline / bare spaCy (per document)", local["pipeline_doc_s"] / spacy,
             local["pipeline_cpu"] / spacy_cpu, None, True),
            ("in-process extract_many / bare spaCy", local["pipeline_many_doc_s"] / spacy,
             local["pipeline_many_cpu"] / spacy_cpu, None, True),
            ("nlp.pipe / bare spaCy per document", local["spacy_pipe_doc_s"] / spacy,
             local["spacy_pipe_cpu"] / spacy_cpu, None, True)]
    if 1 in results:
        one = results[1]
        rows += [("Extract over the wire, 1 worker / bare spaCy", one["unary_doc_s"] / spacy,
                  one["unary_cpu"] / spacy_cpu, 0.9, True),
                 ("BatchExtract, 1 worker / bare spaCy", one["batch_doc_s"] / spacy, one["batch_cpu"] / spacy_cpu,
                  1.2, True)]
        if 2 in results:
            rows.append(("Extract, 2 workers / 1 worker", results[2]["unary_doc_s"] / one["unary_doc_s"], None,
                         1.8, True))
    rows.append(("cold start to SERVING, 2 workers (s)", starts[2], None, 3.0, False))
    worst = max(results.values(), key=lambda r: r["worker_rss_mb"])
    rows.append(("worker RSS (MB)", worst["worker_rss_mb"], None, 400.0, False))
    for r in results.values():
        rows.append((f"p99 / p50 at 80 % capacity, {r['workers']} worker(s)", r["load_p99_ms"] / r["load_p50_ms"],
                     None, 3.0, False))
    print("\nissue 13 targets (wall time; in brackets by CPU time, which other load on the machine does not stretch)")
    for name, value, by_cpu, target, at_least in rows:
        cpu = f"({by_cpu:5.2f})" if by_cpu is not None else " " * 7
        line = f"  {name:<52} {value:7.2f} {cpu}"
        if target is not None:
            sign = ">=" if at_least else "<="
            line += f"   target {sign} {target:<5g} {verdict(value, target, at_least)}"
        print(line)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
