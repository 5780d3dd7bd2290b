"""Benchmark of the server over the wire: start-up, latency per document, throughput by worker count,
and memory (RSS of the server and its workers). Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_server.py [--docs 120] [--workers 1,2]

Documents are news articles from ../shared/eval/events_gva.jsonl when it is there (read at run time,
never copied), else a paragraph written here, repeated.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import pathlib
import statistics
import time

import grpc

from fieldreport.service import logs
from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval" / "events_gva.jsonl"
OWN = ("Gunmen on motorbikes attacked a village near the town of Djibo on Friday, killing at least 14 "
       "villagers and wounding nine others, a local official said. The army said on Saturday that soldiers "
       "had killed some 20 attackers in the ensuing clashes. ") * 4


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


def rss_mb(pid: int) -> float:
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run(workers: int, docs: list[pb.Document]) -> dict:
    start = time.perf_counter()
    running = start_server(ServerConfig(port=0, workers=workers, metrics_port=0, grace=1, log_level="warning"))
    startup = time.perf_counter() - start
    try:
        channel = grpc.insecure_channel(running.address, options=[("grpc.max_receive_message_length", 64 << 20)])
        stub = pb_grpc.FieldReportServiceStub(channel)
        stub.Extract(pb.ExtractRequest(document=docs[0]), timeout=60)  # warm caches

        latencies = []
        for doc in docs[: min(40, len(docs))]:  # one at a time: latency
            t = time.perf_counter()
            stub.Extract(pb.ExtractRequest(document=doc), timeout=60)
            latencies.append(time.perf_counter() - t)

        t = time.perf_counter()  # concurrent unary calls: throughput
        with cf.ThreadPoolExecutor(max(2, workers * 2)) as pool:
            list(pool.map(lambda d: stub.Extract(pb.ExtractRequest(document=d), timeout=120), docs))
        unary_rate = len(docs) / (time.perf_counter() - t)

        t = time.perf_counter()  # BatchExtract in chunks of 32
        for i in range(0, len(docs), 32):
            stub.BatchExtract(pb.BatchExtractRequest(documents=docs[i:i + 32]), timeout=300)
        batch_rate = len(docs) / (time.perf_counter() - t)

        pids = [os.getpid(), *running.executor.worker_pids()]
        memory = [rss_mb(pid) for pid in pids]
    finally:
        running.stop(1)
    latencies.sort()
    return {
        "workers": workers, "startup_s": startup,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "unary_docs_s": unary_rate, "batch_docs_s": batch_rate,
        "server_rss_mb": memory[0], "worker_rss_mb": statistics.mean(memory[1:]) if len(memory) > 1 else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    logs.configure("console", "warning")  # one log line per request would drown the table
    docs = documents(args.docs)
    chars = statistics.mean(len(d.text) for d in docs)
    print(f"server benchmark: {len(docs)} documents, mean {chars:.0f} characters "
          f"({'events_gva' if SHARED.exists() else 'built-in paragraph'}), {os.cpu_count()} cores")
    print(f"{'workers':>7} {'start s':>8} {'p50 ms':>7} {'p95 ms':>7} {'unary doc/s':>12} {'batch doc/s':>12} "
          f"{'server MB':>10} {'worker MB':>10}")
    for workers in [int(w) for w in args.workers.split(",")]:
        r = run(workers, docs)
        print(f"{r['workers']:>7} {r['startup_s']:>8.1f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} "
              f"{r['unary_docs_s']:>12.1f} {r['batch_docs_s']:>12.1f} {r['server_rss_mb']:>10.0f} "
              f"{r['worker_rss_mb']:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
