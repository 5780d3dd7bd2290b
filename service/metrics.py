"""Prometheus metrics: requests and latency per method and code, documents processed, workers."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, start_http_server

REQUESTS = Counter("fieldreport_requests_total", "gRPC requests", ["method", "code"])
LATENCY = Histogram("fieldreport_request_seconds", "gRPC request latency", ["method"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
DOCUMENTS = Counter("fieldreport_documents_total", "documents received", ["method"])
WORKERS = Gauge("fieldreport_workers", "pipeline worker processes")


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
