"""Soak benchmark: a real server on loopback at twice its measured capacity, with normal, huge,
pathological and malformed documents and random client cancellations. Prints numbers; exits 1 when
a call was lost or memory grew by more than 10 %.

    .venv/bin/python bench/soak.py [--minutes 10] [--workers 2] [--overload 2.0] [--max-calls 100000]

1. Starts ``fieldreport.service.server`` as a process on 127.0.0.1 (free ports), its metrics on.
2. Measures capacity: normal documents, as many in flight as workers, for ``--calibrate`` seconds.
3. Warms up with one document of each kind, then reads the RSS of the server and of its workers.
4. Offers ``--overload`` × capacity (Poisson arrivals) for ``--minutes``, at most ``--max-calls``
   calls: Extract of normal documents 85 %, huge 1 %, pathological 2 %, malformed 7 %, BatchExtract
   of 4 normal documents 3 %, Normalize 2 %; 10 % of calls are cancelled by the client
   after a random wait. Raw gRPC stubs without retries, so that every shed call is counted.
5. Reads the RSS again, the server's pool metrics, and stops the server with SIGTERM.

Every call ends in exactly one class: ``answered`` (OK), ``refused`` (a malformed document refused
with INVALID_ARGUMENT and its details: expected), ``shed`` (RESOURCE_EXHAUSTED, OVERLOADED with
RetryInfo), ``deadline`` (DEADLINE_EXCEEDED), ``cancelled`` (by this client), ``failed`` (another
status with its ErrorInfo, e.g. UNAVAILABLE WORKER_LOST) and ``lost``: no answer within its deadline
plus 10 s, a status without ErrorInfo (INTERNAL from an exception nobody caught, "Exception
deserializing"), a malformed document answered OK or a valid one refused. ``lost`` must be 0.

Documents are news articles from ../shared/eval/events_gva.jsonl when it is there (read at run time,
never copied), else paragraphs written here.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

import grpc
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval" / "events_gva.jsonl"
OWN = [
    "Gunmen on motorbikes attacked a village near the town of Djibo on Friday, killing at least 14 villagers "
    "and wounding nine others, a local official said. The army said on Saturday that soldiers had killed "
    "some 20 attackers in the ensuing clashes.",
    "date 2021-06-02 Harbour Times- Police arrested 31 protesters outside the port authority on Tuesday after "
    "a march against fuel prices turned violent, the interior ministry said.",
    "A car bomb exploded near a checkpoint on the road to the airport on Sunday, killing three soldiers and a "
    "civilian, according to a military spokesman. No group claimed the attack.",
]
MAX_CHARS = 200_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- documents -----------------------------------------------------------------------------------------

def normal_documents(n: int = 400) -> list[pb.Document]:
    docs = []
    if SHARED.exists():
        with SHARED.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if len(record["text"]) < 20_000:
                    docs.append(pb.Document(text=record["text"], published=record.get("published") or ""))
                if len(docs) == n:
                    break
    return docs or [pb.Document(text=t, published="2021-06-05") for t in OWN]


def huge_document(normal: list[pb.Document], rng: random.Random) -> pb.Document:
    """Articles joined up to just under the size limit: a long, real-looking report."""
    parts, size = [], 0
    while True:
        text = rng.choice(normal).text
        if size + len(text) + 2 > MAX_CHARS - 1000:
            return pb.Document(text="\n\n".join(parts))
        parts.append(text)
        size += len(text) + 2


def pathological_documents() -> list[pb.Document]:
    return [
        pb.Document(text="killed " * 4000),  # one verb repeated: once quadratic in the casualty reader
        pb.Document(text=" ".join(str(i) for i in range(40_000))[:190_000]),  # numbers, nothing else
        pb.Document(text="\U0001f4a5\U0001f525 " * 25_000),  # emoji
        pb.Document(text=("12 " * 30) + "people were killed " + "and " * 20_000),  # one endless sentence
        pb.Document(text="Rebels killed 9999999999999999999999 soldiers and 12 civilians on Monday."),
    ]


def malformed_documents() -> list[tuple[pb.Document, pb.ExtractOptions]]:
    plain = pb.ExtractOptions()
    return [
        (pb.Document(text=""), plain),
        (pb.Document(text=" \n\t "), plain),
        (pb.Document(text="Two died.", published="27/05/2018"), plain),
        (pb.Document(text="Two died.", published="2018-13-45"), plain),
        (pb.Document(text="x" * (MAX_CHARS + 10)), plain),
        (pb.Document(text="Deux morts.", language="fr"), plain),
        (pb.Document(text="Two died."), pb.ExtractOptions(plugins=["telepathy"])),
    ]


# -- process memory ------------------------------------------------------------------------------------

def rss_mb(pid: int) -> float:
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    out = []
    for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    # the pool's workers, not multiprocessing's resource tracker
    return [c for c in out if "resource_tracker" not in pathlib.Path(f"/proc/{c}/cmdline").read_text(errors="replace")]


def memory(pid: int) -> tuple[float, list[float]]:
    return rss_mb(pid), [rss_mb(c) for c in children(pid)]


# -- outcomes ------------------------------------------------------------------------------------------

class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: collections.Counter = collections.Counter()
        self.by_kind: collections.Counter = collections.Counter()
        self.latencies: list[float] = []
        self.lost_examples: list[str] = []
        self.pending = 0

    def add(self, cls: str, kind: str, latency: float | None = None, why: str = "") -> None:
        with self.lock:
            self.counts[cls] += 1
            self.by_kind[(kind, cls)] += 1
            if cls == "answered" and latency is not None:
                self.latencies.append(latency)
            if cls == "lost" and len(self.lost_examples) < 10:
                self.lost_examples.append(f"{kind}: {why}")


def _info(err: grpc.RpcError) -> tuple[error_details_pb2.ErrorInfo | None, bool]:
    try:
        status = rpc_status.from_call(err)
    except ValueError:
        status = None
    if status is None:
        return None, False
    info, retry, has_info, has_retry = error_details_pb2.ErrorInfo(), error_details_pb2.RetryInfo(), False, False
    for detail in status.details:
        has_info = has_info or detail.Unpack(info)
        has_retry = has_retry or detail.Unpack(retry)
    return (info if has_info else None), has_retry


def classify(future: grpc.Future, kind: str, expect_invalid: bool, cancelled: bool) -> tuple[str, str]:
    if future.cancelled():
        return "cancelled", ""
    err = future.exception()
    if err is None:
        return ("lost", "a malformed document was answered OK") if expect_invalid else ("answered", "")
    code = err.code()
    if code == grpc.StatusCode.CANCELLED and cancelled:
        return "cancelled", ""
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        return "deadline", ""
    info, has_retry = _info(err)
    if info is None:
        return "lost", f"{code.name} without ErrorInfo: {err.details()!r}"
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED and info.reason == "OVERLOADED":
        return ("shed", "") if has_retry else ("lost", "OVERLOADED without RetryInfo")
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return ("refused", "") if expect_invalid else ("lost", f"a valid document refused: {info.reason}")
    if code == grpc.StatusCode.INTERNAL:
        return "lost", f"INTERNAL {info.reason}"
    return "failed", f"{code.name} {info.reason}"


# -- the run -------------------------------------------------------------------------------------------

def start(workers: int, port: int, metrics_port: int) -> subprocess.Popen:
    env = {**os.environ, "FIELDREPORT_LOG_FORMAT": "json", "FIELDREPORT_LOG_LEVEL": "warning"}
    proc = subprocess.Popen([sys.executable, "-m", "fieldreport.service.server", "--host", "127.0.0.1",
                             "--port", str(port), "--metrics-port", str(metrics_port), "--workers", str(workers),
                             "--grace", "5"], env=env, stderr=subprocess.PIPE, text=True)
    threading.Thread(target=_drain_logs, args=(proc,), daemon=True).start()
    health = health_pb2_grpc.HealthStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
    end = time.monotonic() + 600
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            if health.Check(health_pb2.HealthCheckRequest(), timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                return proc
        except grpc.RpcError:
            time.sleep(0.5)
    raise SystemExit("the server never became SERVING")


LOG_EVENTS: collections.Counter = collections.Counter()


def _drain_logs(proc: subprocess.Popen) -> None:
    for line in proc.stderr:
        if line.startswith("{"):
            try:
                LOG_EVENTS[json.loads(line).get("event", "?")] += 1
            except ValueError:
                pass


def calibrate(stub, docs: list[pb.Document], workers: int, seconds: float) -> float:  # noqa: ANN001
    """Documents per second with as many calls in flight as workers (closed loop)."""
    done, stop_at, lock = [0], time.monotonic() + seconds, threading.Lock()

    def loop(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop_at:
            stub.Extract(pb.ExtractRequest(document=rng.choice(docs)), timeout=120)
            with lock:
                done[0] += 1

    start_t = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.monotonic() - start_t)


def settle(stub, docs: list[pb.Document], workers: int) -> None:  # noqa: ANN001
    """Normal documents on every worker (the same ones at start and end), then RSS is read."""
    import concurrent.futures as cf

    time.sleep(2.0)  # workers replaced just before have loaded their model
    with cf.ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda d: stub.Extract(pb.ExtractRequest(document=d), timeout=300), docs[:8 * workers]))
    time.sleep(1.0)


def metrics_page(port: int) -> dict[str, float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as page:
        text = page.read().decode()
    out: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"^(fieldreport_(?:shed|jobs|jobs_dropped|worker_restarts)_total)(\{[^}]*\})? (\S+)$", line)
        if m:
            out[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return out


def soak(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    port, metrics_port = free_port(), free_port()
    print(f"soak: {args.minutes} min at {args.overload}x capacity, {args.workers} workers, loopback "
          f"127.0.0.1:{port}, {os.cpu_count()} cores, documents from "
          f"{'events_gva' if SHARED.exists() else 'paragraphs written here'}", flush=True)
    proc = start(args.workers, port, metrics_port)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.max_send_message_length", 16 << 20),
                                                                      ("grpc.max_receive_message_length", 64 << 20),
                                                                      ("grpc.enable_retries", 0)])
        stub = pb_grpc.FieldReportServiceStub(channel)
        normal = normal_documents()
        capacity = calibrate(stub, normal, args.workers, args.calibrate)
        rate = capacity * args.overload
        print(f"capacity {capacity:.2f} documents/s (normal documents); offering {rate:.2f} calls/s", flush=True)

        huge = [huge_document(normal, rng) for _ in range(3)]
        patho = pathological_documents()
        malformed = malformed_documents()
        for doc in [huge[0], *patho]:  # warm-up: every kind once...
            try:
                stub.Extract(pb.ExtractRequest(document=doc), timeout=5)
            except grpc.RpcError:
                pass
        settle(stub, normal, args.workers)  # ...then normal work on every worker, as at the end
        server_start, workers_start = memory(proc.pid)

        tally = Tally()
        inflight = threading.Semaphore(args.max_inflight)
        end = time.monotonic() + args.minutes * 60
        calls = 0
        next_at = time.monotonic()
        while time.monotonic() < end and calls < args.max_calls:
            next_at += rng.expovariate(rate)
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            roll = rng.random()
            expect_invalid = False
            if roll < 0.85:
                kind, method, request, timeout = "normal", stub.Extract, \
                    pb.ExtractRequest(document=rng.choice(normal)), rng.choice([2.0, 5.0, 10.0, 30.0])
            elif roll < 0.86:
                kind, method, request, timeout = "huge", stub.Extract, \
                    pb.ExtractRequest(document=rng.choice(huge)), 10.0
            elif roll < 0.88:
                kind, method, request, timeout = "pathological", stub.Extract, \
                    pb.ExtractRequest(document=rng.choice(patho)), rng.choice([2.0, 5.0])
            elif roll < 0.95:
                doc, options = rng.choice(malformed)
                kind, method, request, timeout = "malformed", stub.Extract, \
                    pb.ExtractRequest(document=doc, options=options), 10.0
                expect_invalid = True
            elif roll < 0.98:
                kind, method, request, timeout = "batch", stub.BatchExtract, \
                    pb.BatchExtractRequest(documents=rng.sample(normal, 4)), 30.0
            else:
                kind, method, request, timeout = "normalize", stub.Normalize, pb.NormalizeRequest(items=[
                    pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="last Friday",
                                     context=pb.NormalizeContext(reference_date="2021-06-09")),
                    pb.NormalizeItem(kind=pb.NormalizeItem.QUANTITY, text="dozens")]), 5.0
            calls += 1
            if not inflight.acquire(timeout=timeout):
                tally.add("lost", kind, why="the client had no room to send (more than --max-inflight waiting)")
                continue
            sent = time.monotonic()
            future = method.future(request, timeout=timeout)
            cancel = rng.random() < 0.10
            if cancel:
                threading.Timer(rng.uniform(0.0, 2.0), future.cancel).start()

            def done(f, kind=kind, sent=sent, expect_invalid=expect_invalid, cancel=cancel):  # noqa: ANN001
                cls, why = classify(f, kind, expect_invalid, cancel)
                tally.add(cls, kind, time.monotonic() - sent, why)
                inflight.release()

            future.add_done_callback(done)
        # every call ends within its deadline (30 s at most) plus slack, or it is lost
        for _ in range(args.max_inflight):
            if not inflight.acquire(timeout=45):
                break
        answered_total = sum(tally.counts.values())
        if answered_total < calls:
            tally.counts["lost"] += calls - answered_total
            tally.lost_examples.append(f"{calls - answered_total} calls never ended")
        settle(stub, normal, args.workers)
        server_end, workers_end = memory(proc.pid)
        pool = metrics_page(metrics_port)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = "killed after 60 s"

    c = tally.counts
    lat = sorted(tally.latencies)
    p50 = statistics.median(lat) * 1000 if lat else float("nan")
    p99 = lat[int(0.99 * (len(lat) - 1))] * 1000 if lat else float("nan")
    print(f"calls {calls}: answered {c['answered']}  refused (malformed) {c['refused']}  shed {c['shed']}  "
          f"deadline {c['deadline']}  cancelled {c['cancelled']}  failed {c['failed']}  lost {c['lost']}")
    print(f"answered latency p50 {p50:.0f} ms  p99 {p99:.0f} ms")
    for kind in ("normal", "huge", "pathological", "malformed", "batch", "normalize"):
        row = {cls: n for (k, cls), n in sorted(tally.by_kind.items()) if k == kind}
        print(f"  {kind:<13} {row}")
    w0, w1 = sum(workers_start), sum(workers_end)
    server_growth = (server_end - server_start) / server_start * 100
    worker_growth = (w1 - w0) / w0 * 100 if w0 else float("nan")
    print(f"RSS server {server_start:.0f} -> {server_end:.0f} MB ({server_growth:+.1f} %); workers "
          f"{' + '.join(f'{m:.0f}' for m in workers_start)} -> {' + '.join(f'{m:.0f}' for m in workers_end)} MB "
          f"({worker_growth:+.1f} %)")
    print("server metrics: " + ", ".join(f"{k.removeprefix('fieldreport_')} {v:.0f}" for k, v in sorted(pool.items())))
    print(f"server exit code after SIGTERM: {code}")
    for example in tally.lost_examples:
        print(f"  lost: {example}")
    ok = c["lost"] == 0 and server_growth <= 10 and worker_growth <= 10 and code == 0
    print("PASS" if ok else "FAIL: lost calls, memory growth over 10 % or an unclean exit")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--overload", type=float, default=2.0, help="offered load over measured capacity")
    parser.add_argument("--calibrate", type=float, default=30.0, help="seconds spent measuring capacity")
    parser.add_argument("--max-calls", type=int, default=100_000, help="stop after this many calls")
    parser.add_argument("--max-inflight", type=int, default=512)
    parser.add_argument("--seed", type=int, default=10)
    return soak(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
