"""The bundled client, sync and asyncio, against a real server; retries; typed errors; round_robin."""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import datetime as dt
import socket
import threading
import time

import grpc
import pytest

from fieldreport.client import AsyncClient, Client, InvalidArgument, Unavailable
from fieldreport.client import errors as client_errors
from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb

TEXT = "date 2022-02-11 Coastal Herald- Police arrested 25 protesters outside the parliament on Thursday."


@pytest.fixture(scope="module")
def server():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1, max_batch=8))
    yield running
    running.stop(0.5)


def test_extract_takes_plain_values_and_returns_messages(server):
    with Client(server.address) as client:
        response = client.extract("Two soldiers died.", published=dt.date(2022, 2, 1), id="x1", source="Wire")
    assert isinstance(response, pb.ExtractResponse)
    assert (response.document.id, response.document.published, response.document.source) == ("x1", "2022-02-01", "Wire")


def test_invalid_input_raises_a_typed_error_with_field_violations(server):
    with Client(server.address) as client:
        with pytest.raises(InvalidArgument) as caught:
            client.extract("   ", published="11/02/2022")
    err = caught.value
    assert err.code == grpc.StatusCode.INVALID_ARGUMENT
    assert (err.reason, err.domain) == ("EMPTY_TEXT", "fieldreport")
    assert [f for f, _ in err.field_violations] == ["document.text", "document.published"]
    assert len(err.request_id) == 32


def test_batch_stream_normalize_plugins_health(server):
    with Client(server.address, timeout=30) as client:
        batch = client.batch_extract([TEXT, {"text": "", "id": "empty"}, pb.Document(text="A bomb exploded.")])
        assert [r.WhichOneof("outcome") for r in batch.results] == ["response", "error", "response"]
        assert client_errors.from_status(batch.results[1].error).field_violations[0][0] == "documents[1].text"
        assert sorted(r.index for r in client.stream_extract([TEXT, TEXT])) == [0, 1]
        assert {p.name for p in client.list_plugins().plugins} >= {"dates", "events"}
        assert client.health() == "SERVING"
        with pytest.raises(InvalidArgument) as caught:
            client.normalize("date", "Friday", reference_date="not-a-date")
        assert caught.value.field_violations[0][0] == "items[0].context.reference_date"


def test_async_client(server):
    async def run():
        async with AsyncClient(server.address) as client:
            response = await client.extract(TEXT)
            assert response.document.published == "2022-02-11"
            with pytest.raises(InvalidArgument) as caught:
                await client.extract("")
            assert caught.value.field_violations == [("document.text", "must contain text")]
            results = [r async for r in client.stream_extract([TEXT, "Shots rang out."])]
            assert sorted(r.index for r in results) == [0, 1]
            assert await client.health() == "SERVING"
            return len((await client.list_plugins()).plugins)

    assert asyncio.run(run()) == 8


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FlakyPlugins(grpc.GenericRpcHandler):
    """A real gRPC server that answers ListPlugins with UNAVAILABLE a set number of times."""

    def __init__(self, failures: int, code=grpc.StatusCode.UNAVAILABLE):
        self.failures, self.code, self.calls = failures, code, 0

    def service(self, details):  # noqa: ANN001
        if details.method != "/fieldreport.v1.FieldReportService/ListPlugins":
            return None

        def handle(request, context):  # noqa: ANN001
            self.calls += 1
            if self.calls <= self.failures:
                context.abort(self.code, "try again")
            return pb.ListPluginsResponse(model="flaky")

        return grpc.unary_unary_rpc_method_handler(handle, request_deserializer=pb.ListPluginsRequest.FromString,
                                                   response_serializer=pb.ListPluginsResponse.SerializeToString)


def _serve(handler) -> tuple[grpc.Server, int]:  # noqa: ANN001
    server = grpc.server(cf.ThreadPoolExecutor(2), handlers=[handler])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


def test_unavailable_is_retried_and_then_succeeds():
    handler = FlakyPlugins(failures=2)
    server, port = _serve(handler)
    try:
        with Client(f"127.0.0.1:{port}", retries=4) as client:
            assert client.list_plugins().model == "flaky"
        assert handler.calls == 3
    finally:
        server.stop(0)


def test_other_errors_are_not_retried():
    handler = FlakyPlugins(failures=1, code=grpc.StatusCode.INTERNAL)
    server, port = _serve(handler)
    try:
        with Client(f"127.0.0.1:{port}", retries=4) as client:
            with pytest.raises(client_errors.Internal):
                client.list_plugins()
        assert handler.calls == 1
    finally:
        server.stop(0)


def test_retries_are_bounded():
    handler = FlakyPlugins(failures=100)
    server, port = _serve(handler)
    try:
        with Client(f"127.0.0.1:{port}", retries=3) as client:
            with pytest.raises(Unavailable):
                client.list_plugins()
        assert handler.calls == 3
    finally:
        server.stop(0)


def test_a_server_that_comes_up_late_is_reached_by_retrying():
    port = _free_port()
    handler = FlakyPlugins(failures=0)
    holder = {}
    starter = threading.Timer(0.3, lambda: holder.setdefault("server", _serve_on(handler, port)))
    starter.start()
    try:
        with Client(f"127.0.0.1:{port}", retries=5) as client:
            assert client.list_plugins(timeout=10).model == "flaky"
    finally:
        starter.join()
        holder["server"].stop(0)


def _serve_on(handler, port: int) -> grpc.Server:  # noqa: ANN001
    server = grpc.server(cf.ThreadPoolExecutor(2), handlers=[handler])
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    return server


def test_several_targets_are_balanced_round_robin():
    a, b = FlakyPlugins(0), FlakyPlugins(0)
    (sa, pa), (sb, pb_) = _serve(a), _serve(b)
    try:
        with Client([f"127.0.0.1:{pa}", f"127.0.0.1:{pb_}"]) as client:
            for _ in range(10):
                client.list_plugins()
        assert a.calls > 0 and b.calls > 0 and a.calls + b.calls == 10
    finally:
        sa.stop(0)
        sb.stop(0)


def test_several_targets_must_be_addresses():
    with pytest.raises(ValueError, match="dns:///"):
        Client(["alpha.example:1", "beta.example:2"])


def test_context_manager_closes_the_channel(server):
    client = Client(server.address)
    with client:
        client.health()
    with pytest.raises(ValueError):  # grpc refuses calls on a closed channel
        client._stub.ListPlugins(pb.ListPluginsRequest())
    time.sleep(0)


class ShedPlugins:
    """A real gRPC server that sheds ListPlugins (RESOURCE_EXHAUSTED, OVERLOADED, RetryInfo) a set
    number of times, as fieldreport's server does when its queue is full."""

    def __init__(self, failures: int, retry_delay: float | None = 0.2):
        self.failures, self.retry_delay, self.calls, self.times = failures, retry_delay, 0, []

    def service(self, details):  # noqa: ANN001
        from grpc_status import rpc_status

        from fieldreport.service import status
        from fieldreport.service.workers import overloaded

        if details.method != "/fieldreport.v1.FieldReportService/ListPlugins":
            return None

        def handle(request, context):  # noqa: ANN001
            self.calls += 1
            self.times.append(time.monotonic())
            if self.calls <= self.failures:
                error = overloaded(self.retry_delay or 0.0, 8)
                error.retry_delay = self.retry_delay
                context.abort_with_status(rpc_status.to_status(status.status_proto(error, "r1")))
            return pb.ListPluginsResponse(model="patient")

        return grpc.unary_unary_rpc_method_handler(handle, request_deserializer=pb.ListPluginsRequest.FromString,
                                                   response_serializer=pb.ListPluginsResponse.SerializeToString)


def test_a_shed_call_is_called_again_after_the_retry_info_delay():
    handler = ShedPlugins(failures=2, retry_delay=0.2)
    server, port = _serve(handler)
    try:
        with Client(f"127.0.0.1:{port}", retries=4) as client:
            assert client.list_plugins(timeout=30).model == "patient"
        assert handler.calls == 3
        gaps = [b - a for a, b in zip(handler.times, handler.times[1:])]
        assert min(gaps) >= 0.2  # it waited as asked before each new attempt
    finally:
        server.stop(0)


def test_shed_retries_are_bounded_and_the_error_carries_the_delay():
    handler = ShedPlugins(failures=100, retry_delay=0.05)
    server, port = _serve(handler)
    try:
        with Client(f"127.0.0.1:{port}", retries=3) as client:
            with pytest.raises(client_errors.ResourceExhausted) as caught:
                client.list_plugins(timeout=30)
        assert handler.calls == 3
        assert (caught.value.reason, caught.value.retry_delay) == ("OVERLOADED", 0.05)
    finally:
        server.stop(0)


def test_resource_exhausted_without_retry_info_is_not_retried():
    handler = ShedPlugins(failures=100, retry_delay=None)
    server, port = _serve(handler)
    try:
        with Client(f"127.0.0.1:{port}", retries=4) as client:
            with pytest.raises(client_errors.ResourceExhausted):
                client.list_plugins(timeout=30)
        assert handler.calls == 1
    finally:
        server.stop(0)


def test_the_async_client_waits_the_retry_info_delay_too():
    handler = ShedPlugins(failures=1, retry_delay=0.1)
    server, port = _serve(handler)

    async def run():
        async with AsyncClient(f"127.0.0.1:{port}", retries=4) as client:
            return (await client.list_plugins(timeout=30)).model

    try:
        assert asyncio.run(run()) == "patient"
        assert handler.calls == 2 and handler.times[1] - handler.times[0] >= 0.1
    finally:
        server.stop(0)
