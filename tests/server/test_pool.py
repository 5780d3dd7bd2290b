"""The worker pool under faults, on real servers on 127.0.0.1: deadlines that stop the work, queued
work of gone callers dropped, a full queue shed with RetryInfo, a worker killed with SIGKILL, SIGTERM
with a runaway document.

Work is counted (the pool's metrics, worker pids), not timed. The slow documents are long reports
(``poolutil.long_article``): parsing alone takes seconds, whatever the plugins do with them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from fieldreport.client import Client
from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc
from poolutil import long_article, sample
from serverutil import free_port, wait_serving

pytestmark = pytest.mark.slow

SMALL = "date 2023-05-02 Valley Post- Gunmen killed four farmers near the river on Sunday, police said."
HUGE = long_article(195_000)  # under the 200,000-character limit
LONG = long_article(25_000)


def until(condition, timeout: float = 180.0, step: float = 0.02) -> None:  # noqa: ANN001
    """Wait for ``condition()`` (a state of the server, not a time)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the server never reached the expected state")
        time.sleep(step)


def status_details(err: grpc.RpcError) -> dict:
    found = {}
    for detail in rpc_status.from_call(err).details:
        for name, message in (("info", error_details_pb2.ErrorInfo()), ("retry", error_details_pb2.RetryInfo())):
            if detail.Unpack(message):
                found[name] = message
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead too
        return stat.read().split(")")[-1].split()[0] != "Z"


@pytest.fixture(scope="module")
def one_worker():
    """One worker, room for one waiting document, a job killed 0.3 s past its deadline."""
    running = start_server(ServerConfig(port=0, workers=1, max_queue=1, overrun_margin=0.3, metrics_port=0,
                                        grace=1, log_level="warning"))
    yield running
    running.stop(0.5)


@pytest.fixture(scope="module")
def stub(one_worker):
    return pb_grpc.FieldReportServiceStub(grpc.insecure_channel(one_worker.address))


def _idle(server) -> bool:  # noqa: ANN001
    return not server.executor.busy_pids() and server.executor.queue_length() == 0 and server.executor.alive() == 1


def test_a_document_past_its_deadline_is_stopped_and_its_worker_replaced(one_worker, stub):
    until(lambda: _idle(one_worker))
    (old_pid,) = one_worker.executor.worker_pids()
    killed, restarts = sample("fieldreport_jobs_total", outcome="killed_overrun"), \
        sample("fieldreport_worker_restarts_total", cause="overrun")
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text=HUGE)), timeout=0.3)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    until(lambda: sample("fieldreport_worker_restarts_total", cause="overrun") == restarts + 1)
    assert sample("fieldreport_jobs_total", outcome="killed_overrun") == killed + 1
    assert not alive(old_pid)  # the work stopped with its process
    (new_pid,) = one_worker.executor.worker_pids()
    assert new_pid != old_pid
    response = stub.Extract(pb.ExtractRequest(document=pb.Document(text=SMALL)), timeout=120)
    assert response.document.source == "Valley Post"  # the replacement serves


def test_queued_work_of_an_expired_or_cancelled_call_never_runs(one_worker, stub):
    until(lambda: _idle(one_worker))
    ok = sample("fieldreport_jobs_total", outcome="ok")
    expired = sample("fieldreport_jobs_dropped_total", reason="expired")
    cancelled = sample("fieldreport_jobs_dropped_total", reason="cancelled")
    # The worker is busy with a long report (stopped at its deadline + 0.3 s, or killed)...
    busy = stub.Extract.future(pb.ExtractRequest(document=pb.Document(text=HUGE)), timeout=3)
    until(lambda: one_worker.executor.busy_pids())
    # ...while a call waits in the queue until its deadline passes: its place is freed at once
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text=SMALL)), timeout=0.5)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    until(lambda: sample("fieldreport_jobs_dropped_total", reason="expired") == expired + 1)
    assert one_worker.executor.queue_length() == 0
    # ...and another is cancelled by its client while queued
    gone = stub.Extract.future(pb.ExtractRequest(document=pb.Document(text=SMALL)), timeout=60)
    until(lambda: one_worker.executor.queue_length() == 1)
    gone.cancel()
    until(lambda: sample("fieldreport_jobs_dropped_total", reason="cancelled") == cancelled + 1)
    assert one_worker.executor.queue_length() == 0
    with pytest.raises(grpc.RpcError) as over:
        busy.result()
    assert over.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    response = stub.Extract(pb.ExtractRequest(document=pb.Document(text=SMALL, id="after")), timeout=120)
    assert response.document.id == "after"
    assert sample("fieldreport_jobs_total", outcome="ok") == ok + 1  # only the last call was computed


def test_a_full_queue_sheds_at_once_with_retry_info_and_the_client_waits_and_gets_through(one_worker, stub):
    until(lambda: _idle(one_worker))
    shed = sample("fieldreport_shed_total", method="Extract")
    busy = stub.Extract.future(pb.ExtractRequest(document=pb.Document(text=HUGE)), timeout=4)
    until(lambda: one_worker.executor.busy_pids())
    waiting = stub.Extract.future(pb.ExtractRequest(document=pb.Document(text=SMALL, id="queued")), timeout=300)
    until(lambda: one_worker.executor.queue_length() == 1)
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text=SMALL)), timeout=300)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    found = status_details(caught.value)
    assert (found["info"].reason, found["info"].domain) == ("OVERLOADED", "fieldreport")
    assert found["info"].metadata["queue_limit"] == "1"
    assert found["retry"].retry_delay.ToNanoseconds() > 0
    assert sample("fieldreport_shed_total", method="Extract") == shed + 1
    # A batch is shed whole, with the same details
    with pytest.raises(grpc.RpcError) as batch:
        stub.BatchExtract(pb.BatchExtractRequest(documents=[pb.Document(text=SMALL)] * 2), timeout=300)
    assert status_details(batch.value)["info"].reason == "OVERLOADED"
    # The bundled client waits the RetryInfo delay and calls again, until the queue has room
    with Client(one_worker.address, timeout=300, retries=200) as client:
        response = client.extract(SMALL, id="patient")
    assert response.document.id == "patient"
    assert sample("fieldreport_shed_total", method="Extract") >= shed + 2  # it was shed, then got through
    assert waiting.result().document.id == "queued"
    with pytest.raises(grpc.RpcError):
        busy.result()


def test_a_killed_worker_fails_only_its_own_call_and_is_replaced():
    running = start_server(ServerConfig(port=0, workers=2, metrics_port=0, grace=1, log_level="warning"))
    try:
        stub = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(running.address))  # no retry policy
        restarts = sample("fieldreport_worker_restarts_total", cause="died")
        calls = [stub.Extract.future(pb.ExtractRequest(document=pb.Document(text=LONG, id=str(i))), timeout=600)
                 for i in range(2)]
        until(lambda: len(running.executor.busy_pids()) == 2)  # one call on each worker
        victim = running.executor.busy_pids()[0]
        os.kill(victim, signal.SIGKILL)
        outcomes = []
        for call in calls:
            try:
                outcomes.append(call.result().document.id)
            except grpc.RpcError as err:
                outcomes.append((err.code(), status_details(err)["info"].reason))
        assert [o for o in outcomes if not isinstance(o, str)] == [(grpc.StatusCode.UNAVAILABLE, "WORKER_LOST")]
        assert len([o for o in outcomes if isinstance(o, str)]) == 1  # the call on the other worker succeeded
        until(lambda: sample("fieldreport_worker_restarts_total", cause="died") == restarts + 1
              and running.executor.alive() == 2)
        assert victim not in running.executor.worker_pids()
        # the bundled client retries a lost worker's call (UNAVAILABLE) and gets its answer
        with Client(running.address, timeout=600) as client:
            result = {}
            caller = threading.Thread(target=lambda: result.setdefault("r", client.extract(LONG, id="retried")))
            caller.start()
            until(lambda: running.executor.busy_pids())
            os.kill(running.executor.busy_pids()[0], signal.SIGKILL)
            caller.join(600)
        assert result["r"].document.id == "retried"
        # counted once the pool has seen the death, which may come after the retried call's answer
        until(lambda: sample("fieldreport_worker_restarts_total", cause="died") == restarts + 2)
    finally:
        running.stop(0.5)


def test_sigterm_with_a_runaway_document_stops_it_after_grace_and_exits_0():
    port = free_port()
    env = {**os.environ, "FIELDREPORT_LOG_FORMAT": "json", "FIELDREPORT_METRICS_PORT": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "fieldreport.service.server", "--port", str(port),
                             "--workers", "1", "--grace", "2"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_serving(f"127.0.0.1:{port}")
        stub = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
        # Far more work than the grace allows, on any machine: thirty reports near the size limit (three
        # were drained within the grace on a fast idle machine), no deadline to stop them
        documents = [pb.Document(text=HUGE)] * 30
        call = stub.StreamExtract(pb.StreamExtractRequest(documents=documents))
        received, ended = [], {}

        def read():
            try:
                received.extend(item.result.index for item in call)
            except grpc.RpcError as err:
                ended["code"] = err.code()

        reader = threading.Thread(target=read)
        reader.start()
        time.sleep(1.0)  # the call is in the worker (a report this long takes seconds to parse)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(120) == 0
        reader.join(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        stderr = proc.stderr.read()
    events = {line["event"]: line for line in map(json.loads, filter(lambda s: s.startswith("{"), stderr.splitlines()))}
    assert events["shutdown_requested"]["grace_s"] == 2.0
    stopped = events["server_stopped"]
    assert (stopped["grace_s"], stopped["drained"]) == (2.0, False)
    assert stopped["stopped_jobs"] >= 1  # work was stopped, not waited for
    assert len(received) < len(documents) and "code" in ended  # the caller was told, not left hanging
    assert "Gunmen" not in stderr and "Kovar" not in stderr  # no document text in the logs


def test_a_running_document_whose_caller_cancels_is_stopped_in_its_worker(one_worker, stub):
    until(lambda: _idle(one_worker))
    (pid,) = one_worker.executor.worker_pids()
    stopped, ok = sample("fieldreport_jobs_total", outcome="cancelled"), sample("fieldreport_jobs_total", outcome="ok")
    call = stub.Extract.future(pb.ExtractRequest(document=pb.Document(text=LONG)), timeout=600)
    until(lambda: one_worker.executor.busy_pids())
    call.cancel()
    until(lambda: sample("fieldreport_jobs_total", outcome="cancelled") == stopped + 1)
    assert sample("fieldreport_jobs_total", outcome="ok") == ok  # it did not run to the end
    assert one_worker.executor.worker_pids() == [pid]  # stopped by the pipeline itself, not killed
