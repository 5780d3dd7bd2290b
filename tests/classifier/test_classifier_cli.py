"""`fieldreport train` and `fieldreport serve --model-dir` as a user runs them (subprocesses), and a model
served over a real gRPC server on 127.0.0.1 (ListPlugins names it; Extract types with it)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

from classifierutil import RAIDS, rows, write_csv, write_jsonl

NEW_RAID = "Armed raiders attacked herders near the village of Dutsin Ma on Sunday and stole 55 cattle."


def fieldreport(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldreport.service.cli", *args], capture_output=True, text=True,
                          timeout=600, env=env)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_serving(address: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    stub = health_pb2_grpc.HealthStub(grpc.insecure_channel(address))
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, f"the server exited with {proc.returncode}"
        try:
            if stub.Check(health_pb2.HealthCheckRequest(), timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                return
        except grpc.RpcError:
            pass
        time.sleep(0.3)
    raise AssertionError("server never became SERVING")


def test_train_without_the_needed_columns_exits_2_naming_them(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, rows(), columns=("event_date", "notes", "event_type"))
    out = fieldreport("train", "--data", str(path), "--out", str(tmp_path / "model"))
    assert out.returncode == 2
    assert "missing column(s) sub_event_type" in out.stderr and "found: event_date, notes, event_type" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "model").exists()


def test_train_with_too_few_examples_of_a_label_exits_2_naming_it(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, rows()[:4] + rows()[6:])  # four cattle raids
    out = fieldreport("train", "--data", str(path), "--out", str(tmp_path / "model"))
    assert out.returncode == 2
    assert "fewer than 5 examples of label(s) cattle_raid|theft_of_livestock (4)" in out.stderr


def test_train_of_a_file_that_is_not_there_or_without_out(tmp_path):
    missing = fieldreport("train", "--data", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "m"))
    assert missing.returncode == 2 and "nope.jsonl: no such file" in missing.stderr
    path = tmp_path / "coded.jsonl"
    write_jsonl(path, rows())
    no_out = fieldreport("train", "--data", str(path))
    assert no_out.returncode == 2 and "--out DIR is required" in no_out.stderr


def test_train_of_a_jsonl_line_without_text_names_the_line(tmp_path):
    path = tmp_path / "coded.jsonl"
    write_jsonl(path, rows())
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"event_type": "Cattle raid"}\n')
    out = fieldreport("train", "--data", str(path), "--out", str(tmp_path / "m"))
    assert out.returncode == 2 and "coded.jsonl:19: no \"text\"" in out.stderr


def test_serve_with_a_model_dir_that_is_not_one_exits_2(tmp_path):
    out = fieldreport("serve", "--model-dir", str(tmp_path / "nowhere"), "--port", "0")
    assert out.returncode == 2
    assert "--model-dir" in out.stderr and "no such model directory" in out.stderr
    (tmp_path / "empty").mkdir()
    out = fieldreport("serve", "--model-dir", str(tmp_path / "empty"), "--port", "0")
    assert out.returncode == 2 and "model.json missing" in out.stderr


@pytest.mark.slow
def test_train_then_serve_the_model_over_grpc(tmp_path):
    data = tmp_path / "coded.jsonl"
    write_jsonl(data, rows())
    model = tmp_path / "ngo-model"
    trained = fieldreport("train", "--data", str(data), "--out", str(model), "--name", "ngo-raids",
                          "--version", "3.0.1", "--workers", "1", "--quiet")
    assert trained.returncode == 0, trained.stderr
    assert "5-fold cross-validation over 18 documents" in trained.stdout
    assert "tfidf_logreg" in trained.stdout and f"wrote {model} (3 labels" in trained.stdout
    assert sorted(p.name for p in model.iterdir()) == ["model.json", "model.skops"]

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "FIELDREPORT_MODEL_DIR"}
    env.update(FIELDREPORT_WORKERS="1", FIELDREPORT_METRICS_PORT="0", FIELDREPORT_GRACE="2",
               FIELDREPORT_PORT=str(port), FIELDREPORT_HOST="127.0.0.1")
    command = shutil.which("fieldreport", path=os.path.dirname(sys.executable))
    proc = subprocess.Popen([command, "serve", "--model-dir", str(model)], env=env, stderr=subprocess.DEVNULL)
    try:
        _wait_serving(f"127.0.0.1:{port}", proc)
        stub = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
        plugins = {p.name: p for p in stub.ListPlugins(pb.ListPluginsRequest(), timeout=30).plugins}
        assert "model ngo-raids 3.0.1" in plugins["classifier"].description
        assert str(model) in plugins["classifier"].description
        response = stub.Extract(pb.ExtractRequest(document=pb.Document(text=NEW_RAID, published="2024-03-05")),
                                timeout=60)
        assert [(e.event_type, e.sub_event_type) for e in response.events] == [("cattle_raid", "theft_of_livestock")]
        trained_text = stub.Extract(pb.ExtractRequest(document=pb.Document(text=RAIDS[1], published="2024-03-05")),
                                    timeout=60)
        assert trained_text.events[0].event_type == "cattle_raid"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def test_model_dir_from_the_environment_over_a_real_server(trained, monkeypatch):
    from fieldreport.plugins import classifier
    from fieldreport.service.config import ServerConfig
    from fieldreport.service.server import start_server

    monkeypatch.setenv(classifier.ENV, str(trained[0]))
    running = start_server(ServerConfig(host="127.0.0.1", port=0, workers=0, metrics_port=0, grace=1))
    try:
        stub = pb_grpc.FieldReportServiceStub(grpc.insecure_channel(f"127.0.0.1:{running.port}"))
        info = {p.name: p for p in stub.ListPlugins(pb.ListPluginsRequest(), timeout=30).plugins}["classifier"]
        assert "model ngo-raids 2.1.0" in info.description and info.version == classifier.ClassifierPlugin.version
        response = stub.Extract(pb.ExtractRequest(document=pb.Document(text=NEW_RAID, published="2024-03-05")),
                                timeout=60)
        assert [e.event_type for e in response.events] == ["cattle_raid"]
    finally:
        running.stop(0.5)
