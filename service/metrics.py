"""Prometheus metrics: requests and latency per method and code, documents processed, the worker pool.

The pool's metrics (all in the server process; workers export none):
queue length and limit, calls shed because the queue was full, queued jobs dropped without running
(their caller cancelled or their deadline passed), jobs by outcome in the workers (ok, error, lost with
a dead worker, killed for overrunning the deadline, stopped at shutdown), and worker restarts by cause.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, start_http_server

REQUESTS = Counter("fieldreport_requests_total", "gRPC requests", ["method", "code"])
LATENCY = Histogram("fieldreport_request_seconds", "gRPC request latency", ["method"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
DOCUMENTS = Counter("fieldreport_documents_total", "documents received", ["method"])
WORKERS = Gauge("fieldreport_workers", "pipeline worker processes alive")

QUEUE_LENGTH = Gauge("fieldreport_queue_length", "jobs (documents, Normalize requests) waiting for a worker")
QUEUE_LIMIT = Gauge("fieldreport_queue_limit", "queue length at which new calls are shed")
SHED = Counter("fieldreport_shed_total", "calls refused with RESOURCE_EXHAUSTED (OVERLOADED): queue full",
               ["method"])
JOBS_DROPPED = Counter("fieldreport_jobs_dropped_total", "queued jobs dropped without running", ["reason"])
JOBS = Counter("fieldreport_jobs_total", "jobs a worker took, by outcome", ["outcome"])
WORKER_RESTARTS = Counter("fieldreport_worker_restarts_total", "worker processes replaced", ["cause"])


def observe(method: str, code: str, seconds: float, documents: int) -> None:
    REQUESTS.labels(method, code).inc()
    LATENCY.labels(method).observe(seconds)
    if documents:
        DOCUMENTS.labels(method).inc(documents)


def serve(port: int, host: str = "0.0.0.0") -> None:  # noqa: S104 - metrics are scraped from outside
    if port:
        start_http_server(port, addr=host)
REFUSED = Counter("fieldreport_refused_total",
                  "calls refused before any work (malformed request, unknown enum value, no token), by reason",
                  ["method", "reason"])
