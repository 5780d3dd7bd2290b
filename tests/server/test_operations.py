"""`fieldreport serve` as an operator runs it: configured by FIELDREPORT_* variables, one JSON log line
per request (never the document text), Prometheus metrics on their own port, the example article over
the wire, and an unexpected exception turned into INTERNAL with a request id."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import urllib.request

import grpc
import pytest
from google.rpc import error_details_pb2

from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

from serverutil import free_port, wait_serving

EXAMPLE = pathlib.Path(__file__).resolve().parents[3] / "shared" / "examples" / "alwaght-2018-05-27.txt"
MARKER = "Quaxelbury"  # a word that must never reach the logs
ARTICLE = (f"date 2022-04-09 Coast Wire- Gunmen killed three fishermen near {MARKER} on Thursday, "
           "police said.")


def _fieldreport() -> str:
    found = shutil.which("fieldreport", path=os.path.dirname(sys.executable))
    assert found, "the fieldreport command is not installed beside the interpreter"
    return found


@pytest.mark.slow
def test_serve_configured_by_environment_logs_requests_and_exports_metrics(example_text_or_none):
    port, metrics_port = free_port(), free_port()
    env = {**os.environ, "FIELDREPORT_PORT": str(port), "FIELDREPORT_METRICS_PORT": str(metrics_port),
           "FIELDREPORT_WORKERS": "1", "FIELDREPORT_LOG_FORMAT": "json", "FIELDREPORT_GRACE": "5"}
    proc = subprocess.Popen([_fieldreport(), "serve"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_serving(f"127.0.0.1:{port}")
        stub = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
        response, call = stub.Extract.with_call(pb.ExtractRequest(document=pb.Document(text=ARTICLE, id="w1")),
                                                metadata=(("x-request-id", "ops-1"),), timeout=60)
        assert (response.document.published, response.document.source) == ("2022-04-09", "Coast Wire")
        with pytest.raises(grpc.RpcError) as bad:
            stub.Extract(pb.ExtractRequest(document=pb.Document(text=" ")), timeout=10)
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        if example_text_or_none is not None:  # the article the project started from, over the wire
            example = stub.Extract(pb.ExtractRequest(document=pb.Document(text=example_text_or_none)), timeout=60)
            assert (example.document.published, example.document.source) == ("2018-05-27", "Alwaght")
            assert len(example.events) >= 4

        with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10) as page:
            metrics = page.read().decode()
        assert 'fieldreport_requests_total{code="OK",method="Extract"} ' + \
            ("2.0" if example_text_or_none is not None else "1.0") in metrics
        assert 'fieldreport_requests_total{code="INVALID_ARGUMENT",method="Extract"} 1.0' in metrics
        assert 'fieldreport_request_seconds_count{method="Extract"}' in metrics
        assert "fieldreport_workers 1.0" in metrics
        assert "fieldreport_queue_limit 4.0" in metrics and "fieldreport_queue_length 0.0" in metrics  # 4 per worker

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        stderr = proc.stderr.read()
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("event") == "request"]
    first = next(line for line in requests if line["request_id"] == "ops-1")
    assert (first["method"], first["status"], first["documents"]) == ("Extract", "OK", 1)
    assert first["peer"].startswith("ipv4:127.0.0.1:")
    assert first["duration_ms"] > 0
    assert [r["status"] for r in requests if r["method"] == "Extract"][:2] == ["OK", "INVALID_ARGUMENT"]
    assert MARKER not in stderr and "fishermen" not in stderr
    assert call.trailing_metadata() is not None


@pytest.fixture()
def example_text_or_none():
    return EXAMPLE.read_text(encoding="utf-8") if EXAMPLE.exists() else None


def test_an_unexpected_exception_is_internal_with_a_request_id_and_no_traceback():
    from fieldreport.service import servicer, status

    token = servicer.REQUEST_ID.set("req-boom")
    try:
        try:
            {}["missing"]
        except KeyError as exc:
            error = servicer._as_error(exc, "Extract")
        proto = status.status_proto(error, servicer.request_id())
    finally:
        servicer.REQUEST_ID.reset(token)
    assert proto.code == grpc.StatusCode.INTERNAL.value[0]
    assert proto.message == "internal error; quote request id req-boom when reporting it"
    info = error_details_pb2.ErrorInfo()
    assert proto.details[0].Unpack(info)
    assert (info.reason, info.domain, info.metadata["request_id"]) == ("INTERNAL", "fieldreport", "req-boom")
    assert "Traceback" not in proto.message and "KeyError" not in proto.message
