"""The server as a process: SIGTERM drains in-flight calls and exits 0; health flips; workers; auth; TLS."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status
from google.rpc import error_details_pb2

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc
from serverutil import free_port, self_signed_certificate, wait_serving

LONG = " ".join(["Rebels shelled the market in the north of the town on Monday and wounded nine people, "
                 "a hospital official said."] * 120)


@pytest.mark.slow
def test_sigterm_drains_the_call_in_flight_refuses_new_ones_and_exits_0(tmp_path):
    port = free_port()
    env = {**os.environ, "FIELDREPORT_LOG_FORMAT": "json", "FIELDREPORT_METRICS_PORT": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "fieldreport.service.server", "--port", str(port),
                             "--workers", "1", "--grace", "300"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        health = wait_serving(f"127.0.0.1:{port}")
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        stub = pb_grpc.FieldReportServiceStub(channel)
        docs = [pb.Document(text=LONG, id=str(i)) for i in range(4)]
        received, first = [], threading.Event()
        outcome = {}

        def in_flight():
            try:  # one worker takes the documents one by one: after the first, three are still to do
                for item in stub.StreamExtract(pb.StreamExtractRequest(documents=docs), timeout=300):
                    received.append((item.result.index, item.result.WhichOneof("outcome")))
                    first.set()
            except grpc.RpcError as err:  # pragma: no cover - reported by the assertion below
                outcome["error"] = err.code()
            first.set()

        caller = threading.Thread(target=in_flight)
        caller.start()
        assert first.wait(120)  # the call is in flight, not merely sent
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        with pytest.raises(grpc.RpcError) as refused:
            health.Check(health_pb2.HealthCheckRequest(), timeout=5).status  # noqa: B018
            fresh = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
            fresh.ListPlugins(pb.ListPluginsRequest(), timeout=5)
        assert refused.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.NOT_FOUND)
        caller.join(300)
        assert "error" not in outcome
        assert sorted(received) == [(i, "response") for i in range(4)]
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        stderr = proc.stderr.read()
    assert "shutdown_requested" in stderr
    assert "Rebels shelled" not in stderr  # no document text in the logs


def test_health_flips_to_not_serving_when_stopping():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    channel = grpc.insecure_channel(running.address)
    health = health_pb2_grpc.HealthStub(channel)
    assert health.Check(health_pb2.HealthCheckRequest()).status == health_pb2.HealthCheckResponse.SERVING
    running.health.enter_graceful_shutdown()
    assert health.Check(health_pb2.HealthCheckRequest()).status == health_pb2.HealthCheckResponse.NOT_SERVING
    running.stop(0.5)


def test_worker_processes_serve_extract_and_normalize():
    running = start_server(ServerConfig(port=0, workers=1, metrics_port=0, grace=1))
    try:
        stub = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(running.address))
        response = stub.Extract(pb.ExtractRequest(document=pb.Document(
            text="date 2019-11-02 Delta Times- Two soldiers were killed on Friday.")))
        assert response.document.published == "2019-11-02"
        normalized = stub.Normalize(pb.NormalizeRequest(items=[
            pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="last Friday",
                             context=pb.NormalizeContext(reference_date="2019-11-06")),
            pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="Friday",
                             context=pb.NormalizeContext(reference_date="6 Nov 2019")),
        ]))
        assert normalized.results[0].best.time.value == "2019-11-01"
        assert normalized.results[1].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
        bad = error_details_pb2.BadRequest()
        assert normalized.results[1].error.details[1].Unpack(bad)
        assert [v.field for v in bad.field_violations] == ["items[1].context.reference_date"]
        worker_pids = set(running.executor.worker_pids())
        assert len(worker_pids) == 1 and os.getpid() not in worker_pids
        # the server process holds no model of its own: the plugin list and validation come from the workers
        assert running.executor._inline is None
        assert [p.name for p in stub.ListPlugins(pb.ListPluginsRequest()).plugins] == [
            "places", "actors", "attribution", "dates", "numbers", "casualties", "events", "classifier"]
        with pytest.raises(grpc.RpcError) as caught:
            stub.Extract(pb.ExtractRequest(document=pb.Document(text="Two soldiers were killed."),
                                           options=pb.ExtractOptions(plugins=["no_such_plugin"])))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    finally:
        running.stop(1)


def test_a_missing_model_stops_start_up_with_its_name():
    """The model loads in the workers; its error still reaches the operator, not a broken pool."""
    from fieldreport.service.nlp import ModelError

    with pytest.raises(ModelError, match="'no_such_model_package' is not installed"):
        start_server(ServerConfig(port=0, workers=1, metrics_port=0, grace=1, model="no_such_model_package"))


def test_bearer_token_is_required_except_for_health():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, auth_token="s3cret", grace=1))
    try:
        channel = grpc.insecure_channel(running.address)
        stub = pb_grpc.FieldReportServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.ListPlugins(pb.ListPluginsRequest())
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        info = error_details_pb2.ErrorInfo()
        assert rpc_status.from_call(caught.value).details[0].Unpack(info)
        assert (info.reason, info.domain) == ("UNAUTHENTICATED", "fieldreport")
        with pytest.raises(grpc.RpcError) as wrong:
            stub.ListPlugins(pb.ListPluginsRequest(), metadata=(("authorization", "Bearer nope"),))
        assert wrong.value.code() == grpc.StatusCode.UNAUTHENTICATED
        ok = stub.ListPlugins(pb.ListPluginsRequest(), metadata=(("authorization", "Bearer s3cret"),))
        assert len(ok.plugins) == 8
        health = health_pb2_grpc.HealthStub(channel)
        assert health.Check(health_pb2.HealthCheckRequest()).status == health_pb2.HealthCheckResponse.SERVING
    finally:
        running.stop(0.5)


def test_tls_with_a_self_signed_certificate(tmp_path):
    key, cert = self_signed_certificate(tmp_path, "localhost")
    running = start_server(ServerConfig(host="localhost", port=0, workers=0, metrics_port=0, tls_cert=str(cert),
                                        tls_key=str(key), grace=1))
    try:
        creds = grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())
        stub = pb_grpc.FieldReportServiceStub(grpc.secure_channel(f"localhost:{running.port}", creds))
        assert len(stub.ListPlugins(pb.ListPluginsRequest(), timeout=10).plugins) == 8
        plain = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(f"localhost:{running.port}"))
        with pytest.raises(grpc.RpcError) as caught:
            plain.ListPlugins(pb.ListPluginsRequest(), timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        running.stop(0.5)
