"""The `fieldreport` command, run as a user runs it (a subprocess), in-process and against a server."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server

ARTICLE = ("date 2023-07-08 Lake Chad Post- Suspected jihadists killed at least 12 herders near the village of "
           "Kukawa on Thursday, a militia leader said.")


def fieldreport(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldreport.service.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def server():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    yield running
    running.stop(0.5)


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "kukawa.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_prints_json_with_proto_field_names(article):
    out = fieldreport("extract", str(article))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["document"]["published"] == "2023-07-08"
    assert data["document"]["source"] == "Lake Chad Post"
    assert data["document"]["id"] == "kukawa.txt"
    assert "Suspected jihadists" not in out.stderr  # no document text in logs


def test_extract_from_stdin_and_pretty(article):
    out = fieldreport("extract", "-", "--pretty", "--published", "2023-07-09", stdin=ARTICLE)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("document -  published 2023-07-09  source Lake Chad Post")


def test_extract_against_a_server_gives_the_same_json(article, server):
    local = json.loads(fieldreport("extract", str(article)).stdout)
    remote = fieldreport("extract", str(article), "--server", server.address)
    assert remote.returncode == 0, remote.stderr
    assert json.loads(remote.stdout) == local


def test_invalid_input_exits_2_with_the_field_named(tmp_path, server):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for extra in ([], ["--server", server.address]):
        out = fieldreport("extract", str(empty), *extra)
        assert out.returncode == 2
        assert "INVALID_ARGUMENT EMPTY_TEXT" in out.stderr
        assert "document.text: must contain text" in out.stderr
        assert "Traceback" not in out.stderr


def test_missing_file_exits_2():
    out = fieldreport("extract", "/nonexistent/report.txt")
    assert out.returncode == 2
    assert out.stderr.strip() == "error: /nonexistent/report.txt: no such file"


def test_batch_writes_one_line_per_input_in_order_and_keeps_going(tmp_path, server):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": ARTICLE}),
        json.dumps({"id": "b", "text": ""}),
        "{not json",
        json.dumps({"id": "d", "text": "Two fishermen drowned.", "published": "2023-01-02"}),
    ]) + "\n", encoding="utf-8")
    for extra in (["--workers", "1"], ["--server", server.address]):
        dst = tmp_path / "out.jsonl"
        out = fieldreport("batch", str(src), str(dst), "--quiet", *extra)
        assert out.returncode == 1, out.stderr  # some lines failed
        assert "2 documents extracted, 2 failed" in out.stderr
        lines = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
        assert [line["index"] for line in lines] == [0, 1, 2, 3]
        assert [("response" in line) for line in lines] == [True, False, False, True]
        assert lines[1]["error"]["field_violations"][0]["field"] == "documents[1].text"
        assert lines[2]["error"]["reason"] == "MALFORMED_LINE"
        assert lines[3]["response"]["document"]["published"] == "2023-01-02"


def test_batch_names_an_unknown_key_and_goes_on(tmp_path, server):
    """{"body": ...} used to be read as a document without text (EMPTY_TEXT): the key is named instead."""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps({"id": "a", "body": ARTICLE, "lang": "en"}),
                              json.dumps(ARTICLE)]) + "\n", encoding="utf-8")
    for extra in (["--workers", "0"], ["--server", server.address]):
        dst = tmp_path / "out.jsonl"
        out = fieldreport("batch", str(src), str(dst), "--quiet", *extra)
        assert out.returncode == 1, out.stderr
        first, second = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
        assert first["error"]["code"] == "INVALID_ARGUMENT"
        assert first["error"]["reason"] == "UNKNOWN_KEY"
        assert first["error"]["message"] == ("line 1: unknown key 'body', 'lang' "
                                             "(a document has id, text, title, source, published, language, url)")
        assert [v["field"] for v in first["error"]["field_violations"]] == ["body", "lang"]
        assert second["response"]["document"]["published"] == "2023-07-08"  # a bare string is the text


def test_batch_help_documents_the_input_format():
    out = fieldreport("batch", "--help")
    assert out.returncode == 0
    assert "JSONL, one document per line" in out.stdout
    assert "id, text, title, source, published, language, url" in out.stdout
    assert "UNKNOWN_KEY" in out.stdout


def test_health_help_says_where_it_calls():
    out = fieldreport("health", "--help")
    assert "run in-process" not in out.stdout
    assert "default: localhost and the port of FIELDREPORT_PORT (50051 when unset)" in " ".join(out.stdout.split())


def test_eval_without_its_extra_says_which_to_install(tmp_path):
    """After a plain `pip install .` the baselines' packages are absent (make image-test runs this for real in
    the image): the message names the extra instead of an internal ModuleNotFoundError."""
    from fieldreport.evaluation import cli as eval_cli

    assert eval_cli.missing_extra() == []  # this venv has the extra
    assert eval_cli.missing_extra(lambda name: name != "scikit-learn") == ["scikit-learn"]
    code = ("import sys, fieldreport.evaluation.cli as e; e.missing_extra = lambda: ['scikit-learn']; "
            "from fieldreport.service.cli import main; sys.exit(main(sys.argv[1:]))")
    out = subprocess.run([sys.executable, "-c", code, "eval", "--data", str(tmp_path), "--task", "places"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.strip() == ("error: the baselines of fieldreport eval need the 'eval' extra (scikit-learn "
                                  "missing): pip install 'fieldreport[eval]' (from a checkout: pip install "
                                  "'.[eval]'), or run with --no-baselines")


def test_plugins_lists_the_builtins(server):
    for extra in ([], ["--server", server.address]):
        out = fieldreport("plugins", "--json", *extra)
        assert out.returncode == 0, out.stderr
        names = [p["name"] for p in json.loads(out.stdout)["plugins"]]
        assert sorted(names) == ["actors", "attribution", "casualties", "classifier", "dates", "events", "numbers",
                                 "places"]


def test_health_exit_codes(server):
    ok = fieldreport("health", "--server", server.address)
    assert ok.returncode == 0
    assert ok.stdout.strip() == f"{server.address}: SERVING"
    down = fieldreport("health", "--server", "127.0.0.1:1", "--timeout", "2")
    assert down.returncode == 1
    assert "UNAVAILABLE" in down.stderr or "DEADLINE_EXCEEDED" in down.stderr
    # as the container's HEALTHCHECK runs it: no --server, the port from FIELDREPORT_PORT
    beside = fieldreport("health", env={**os.environ, "FIELDREPORT_PORT": str(server.port)})
    assert (beside.returncode, beside.stdout.strip()) == (0, f"localhost:{server.port}: SERVING")


def test_normalize_with_a_malformed_reference_date_exits_2():
    out = fieldreport("normalize", "--kind", "date", "--ref", "27.05.2018", "last Wednesday")
    assert out.returncode == 2
    assert "items[0].context.reference_date" in out.stderr


BATCH_REPORTS = [
    {"id": f"r{i}", "published": "2022-05-0" + str(1 + i % 9),
     "text": f"Gunmen killed {i + 2} villagers near Kukawa on Monday and wounded {i + 1} others, a local official said."}
    for i in range(18)
]


def test_batch_in_process_parses_in_batches_and_writes_what_extract_gives(tmp_path, monkeypatch, pipeline):
    """`fieldreport batch` without a server goes through Pipeline.iter_extract, BATCH_SIZE documents per
    nlp.pipe, with the bad lines kept in place."""
    from google.protobuf import json_format

    from fieldreport.service import cli
    from fieldreport.service.pipeline import BATCH_SIZE, Pipeline
    from fieldreport.v1 import fieldreport_pb2 as pb

    src = tmp_path / "in.jsonl"
    lines = [json.dumps(r) for r in BATCH_REPORTS]
    lines.insert(3, "{not json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = []
    real = Pipeline.iter_extract

    def spy(self, documents, *args, **kw):
        batches.append([d.id for d in documents])
        return real(self, documents, *args, **kw)

    monkeypatch.setattr(Pipeline, "iter_extract", spy)
    dst = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(src), str(dst), "--quiet", "--workers", "0"]) == cli.EXIT_FAILED  # the bad line
    ids = [r["id"] for r in BATCH_REPORTS]
    assert batches == [ids[:BATCH_SIZE], ids[BATCH_SIZE:]]
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [line["index"] for line in out] == list(range(19))
    assert out[3]["error"]["reason"] == "MALFORMED_LINE"
    written = [line for line in out if "response" in line]
    assert [line["document_id"] for line in written] == ids
    for line, report in zip(written, BATCH_REPORTS):
        expected = pipeline.extract(pb.Document(**report))
        assert line["response"] == json_format.MessageToDict(expected, preserving_proto_field_name=True)
    assert written[0]["response"]["events"]


def test_batch_over_worker_processes_writes_the_same_lines_as_in_process(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps(r) for r in BATCH_REPORTS] + [json.dumps({"id": "x", "text": ""})]) + "\n",
                   encoding="utf-8")
    outputs = []
    for workers in ("0", "2"):
        dst = tmp_path / f"out{workers}.jsonl"
        out = fieldreport("batch", str(src), str(dst), "--quiet", "--workers", workers)
        assert out.returncode == 1, out.stderr
        assert "18 documents extracted, 1 failed" in out.stderr
        outputs.append(dst.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0].splitlines()[-1])["error"]["field_violations"][0]["field"] == "documents[18].text"
