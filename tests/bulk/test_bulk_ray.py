"""fieldreport.bulk on a real local Ray cluster (started once for these tests: 2 CPUs, loopback): bulk
extraction (JSONL and Parquet, errors as rows, resuming, a worker killed mid-run) and Compare at scale,
against the in-process pipeline and Compare on the same input."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from bulkreports import reports
from bulkutil import ray_processes, write_jsonl
from google.protobuf import json_format

from fieldreport import bulk
from fieldreport.bulk import parts
from fieldreport.service.compare import compare as compare_in_process
from fieldreport.service.errors import FieldReportError
from fieldreport.v1 import fieldreport_pb2 as pb

pytestmark = [pytest.mark.ray, pytest.mark.slow]

KIRKUK = ("A car bomb exploded near a busy market in the Iraqi city of Kirkuk on Thursday, killing three people "
          "and wounding 12 others, police said.")
WEATHER = "The weather in Kano was sunny and warm on Tuesday, the meteorological office said."
EXTRACTOR = "ray::MapWorker(MapBatches(Extractor))"


def jsonl_rows(folder: pathlib.Path) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("part-*.jsonl")) for line in part.read_text().splitlines()]


def as_dict(message) -> dict:  # noqa: ANN001
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


@pytest.fixture(scope="module")
def mixed(ray_cluster, tmp_path_factory):
    """A bulk extraction of good reports and bad lines: (input rows by line, output folder, summary)."""
    folder = tmp_path_factory.mktemp("mixed")
    good = reports(14, seed=3)
    lines = [{"id": "kirkuk", "text": KIRKUK, "published": "2019-03-07"},
             {"id": "weather", "text": WEATHER, "published": "2019-03-05"},
             *good[:6],
             "this line is { not JSON",  # 9
             "",  # 10: blank, not a document
             {"id": "blank", "text": "   "},  # 11
             {"text": good[6]["text"], "published": good[6]["published"]},  # 12: no id
             {"id": "bad-date", "text": good[7]["text"], "published": "2019-02-30"},  # 13
             *good[8:]]
    path = write_jsonl(folder / "in.jsonl", lines)
    summary = bulk.extract(str(path), str(folder / "out"), batch_size=4, progress=False)
    return {n: row for n, row in enumerate(lines, 1)}, folder / "out", summary


def test_bulk_extraction_gives_each_document_once_with_the_pipelines_response_or_its_error(mixed, pipeline):
    lines, out, summary = mixed
    assert (summary.total, summary.extracted, summary.failed, summary.skipped) == (18, 15, 3, 0)
    assert (summary.missing, summary.duplicated, summary.errors) == (0, 0, {"INVALID_ARGUMENT": 3})
    got = {row["input_line"]: row for row in jsonl_rows(out)}
    assert sorted(got) == [n for n in lines if n != 10] and all(r["input_file"] == "in.jsonl" for r in got.values())

    assert got[9] == {"input_file": "in.jsonl", "input_line": 9, "document_id": "", "error": {
        "code": "INVALID_ARGUMENT", "reason": "MALFORMED_LINE",
        "message": "in.jsonl line 9: not a JSON document (JSONDecodeError)", "field_violations": []}}
    assert got[11]["error"] == {"code": "INVALID_ARGUMENT", "reason": "EMPTY_TEXT",
                                "message": "document.text: must contain text",
                                "field_violations": [{"field": "document.text", "description": "must contain text"}]}
    assert got[13]["document_id"] == "bad-date"
    assert got[13]["error"]["reason"] == "MALFORMED_DATE"
    assert got[13]["error"]["field_violations"][0]["field"] == "document.published"
    assert got[12]["document_id"] == "in.jsonl:12"  # no id: one derived from where the document is

    event = got[1]["response"]["events"][0]
    assert (event["event_type"], event["when"]["value"], event["where"]["name"], event["where"]["country_code"]) == (
        "explosions_remote_violence", "2019-03-07", "Kirkuk", "IQ")
    assert [(c["kind"], c["count"]["value"]) for c in event["casualties"]] == [("KILLED", "3"), ("INJURED", "12")]
    assert "events" not in got[2]["response"]  # the weather report: no event
    for number, row in got.items():  # the same pipeline as in-process, on every document
        if "response" in row:
            source = lines[number]
            doc = pb.Document(id=source.get("id") or f"in.jsonl:{number}", text=source["text"],
                              published=source.get("published", ""))
            assert row["response"] == as_dict(pipeline.extract(doc)), number
            assert row["text"] == source["text"]


def test_parquet_in_and_out_flat_event_columns_beside_the_whole_response(ray_cluster, tmp_path, pipeline):
    good = reports(6, seed=4)
    table = pa.table({"id": ["kirkuk", "empty"] + [d["id"] for d in good],
                      "text": [KIRKUK, ""] + [d["text"] for d in good],
                      "published": ["2019-03-07", "2019-03-07"] + [d["published"] for d in good]})
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "archive.parquet", row_group_size=3)
    summary = bulk.extract(str(tmp_path / "in"), str(tmp_path / "out.parquet"), batch_size=3, progress=False)
    assert (summary.total, summary.extracted, summary.failed, summary.missing, summary.duplicated) == (8, 7, 1, 0, 0)
    out = pads.dataset(tmp_path / "out.parquet", format="parquet").to_table()  # _summary.json is skipped
    assert out.num_rows == 8
    rows = {r["input_line"]: r for r in out.to_pylist()}
    kirkuk = rows[1]
    assert (kirkuk["input_file"], kirkuk["document_id"], kirkuk["status"], kirkuk["published"], kirkuk["n_events"]) == (
        "archive.parquet", "kirkuk", "ok", "2019-03-07", 1)
    flat = kirkuk["events"][0]
    assert (flat["event_type"], flat["when"], flat["place"], flat["country_code"], flat["killed"], flat["injured"]) == (
        "explosions_remote_violence", "2019-03-07", "Kirkuk", "IQ", 3, 12)
    expected = pipeline.extract(pb.Document(id="kirkuk", text=KIRKUK, published="2019-03-07"))
    assert json.loads(kirkuk["response"]) == as_dict(expected)
    assert (rows[2]["status"], rows[2]["error_code"], rows[2]["error_reason"], rows[2]["events"]) == (
        "error", "INVALID_ARGUMENT", "EMPTY_TEXT", [])
    assert json.loads((tmp_path / "out.parquet" / "_summary.json").read_text())["extracted"] == 7


def test_a_rerun_skips_what_the_output_holds_and_extracts_only_the_rest(ray_cluster, tmp_path):
    docs = reports(14, seed=5)
    path = write_jsonl(tmp_path / "in.jsonl", docs[:8])
    first = bulk.extract(str(path), str(tmp_path / "out"), batch_size=4, progress=False)
    assert (first.extracted, first.skipped) == (8, 0)
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("part-*")}
    # More documents arrive; a killed run left a half-written part behind.
    write_jsonl(path, docs)
    (tmp_path / "out" / ".part-0123456789abcdef0123.jsonl.dead.tmp").write_text('{"input_file": "in.jsonl", "inp')
    second = bulk.extract(str(path), str(tmp_path / "out"), batch_size=4, progress=False)
    assert (second.total, second.skipped, second.extracted, second.failed) == (14, 8, 6, 0)
    assert (second.missing, second.duplicated) == (0, 0)
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("part-*")}
    assert {name: after[name] for name in before} == before  # the first run's parts were not rewritten
    assert not list((tmp_path / "out").glob(".*.tmp"))
    assert Counter(r["input_line"] for r in jsonl_rows(tmp_path / "out")) == {n: 1 for n in range(1, 15)}
    third = bulk.extract(str(path), str(tmp_path / "out"), batch_size=4, progress=False)
    assert (third.skipped, third.extracted, third.workers) == (14, 0, 0)  # nothing to do: no cluster work


def test_a_worker_killed_mid_run_is_replaced_and_the_output_holds_every_document_once(ray_cluster, tmp_path):
    docs = reports(80, seed=6)
    path = write_jsonl(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out"
    killed: list[tuple[int, int]] = []

    def kill_one_worker_at_work() -> None:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            written = len(list(out.glob("part-*.jsonl")))
            busy = ray_processes(EXTRACTOR + ".submit")
            if written >= 1 and busy:  # the pool is at work: one batch written, one being extracted
                os.kill(busy[0], signal.SIGKILL)
                killed.append((busy[0], written))
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_worker_at_work)
    killer.start()
    summary = bulk.extract(str(path), str(out), batch_size=2, workers=2, progress=False)
    killer.join()
    assert killed, "no extractor actor was found at work"
    pid, written_then = killed[0]
    assert written_then < summary.parts == 40  # the kill came mid-run
    assert not pathlib.Path(f"/proc/{pid}").exists()
    assert (summary.extracted, summary.failed, summary.missing, summary.duplicated) == (80, 0, 0, 0)
    held = Counter((r["input_file"], r["input_line"], r["document_id"]) for r in jsonl_rows(out))
    assert held == {("in.jsonl", n, d["id"]): 1 for n, d in enumerate(docs, 1)}


def _event_sets_in_key_order(out: pathlib.Path) -> list[pb.EventSet]:
    rows = sorted((r for r in jsonl_rows(out) if "response" in r), key=lambda r: (r["input_file"], r["input_line"]))
    sets = []
    for row in rows:
        response = json_format.ParseDict(row["response"], pb.ExtractResponse())
        document = pb.Document()
        document.CopyFrom(response.document)
        document.text = row["text"]
        sets.append(pb.EventSet(document_id=row["document_id"], document=document, events=response.events))
    return sets


def _fieldreport(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldreport.service.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "FIELDREPORT_LOG_LEVEL": "error"})


def test_compare_on_ray_gives_the_clusters_scores_and_figures_of_the_in_process_compare(ray_cluster, tmp_path):
    # 300 reports of about 140 invented incidents, through the CLI both ways, joining the tests' cluster.
    path = write_jsonl(tmp_path / "in.jsonl", reports(300, seed=7))
    batch = _fieldreport("batch", "--engine", "ray", "--address", ray_cluster, "--quiet", str(path),
                         str(tmp_path / "events"))
    assert batch.returncode == 0, batch.stderr[-2000:]
    assert "300 documents extracted, 0 failed, 0 already done" in batch.stderr
    run = _fieldreport("compare", "--engine", "ray", "--address", ray_cluster, str(tmp_path / "events"),
                       str(tmp_path / "incidents"))
    assert run.returncode == 0, run.stderr[-2000:]
    assert "300 reports" in run.stderr

    expected = compare_in_process(pb.CompareRequest(event_sets=_event_sets_in_key_order(tmp_path / "events")), None)
    found = [json_format.Parse(line, pb.Incident()) for line in
             (p.read_text() for p in (tmp_path / "incidents" / "incidents").glob("part-*.jsonl")) for line in line.splitlines()]
    found.sort(key=lambda incident: int(incident.id[1:]))
    assert len(found) == len(expected.incidents) > 50
    assert [as_dict(i) for i in found] == [as_dict(i) for i in expected.incidents]  # members, figures, ids
    assert sum(len(i.members) > 1 for i in found) > 20  # reports of one incident did meet

    def key(pair: pb.PairScore) -> tuple:
        return pair.left.document_id, pair.left.event_id, pair.right.document_id, pair.right.event_id

    pairs = [json_format.Parse(line, pb.PairScore()) for p in (tmp_path / "incidents" / "pairs").glob("part-*.jsonl")
             for line in p.read_text().splitlines()]
    assert sorted((key(p), as_dict(p)) for p in pairs) == sorted((key(p), as_dict(p)) for p in expected.pairs)
    summary = json.loads((tmp_path / "incidents" / "_summary.json").read_text())
    assert (summary["reports"], summary["candidate_pairs"], summary["incidents"]) == (
        300, len(expected.pairs), len(expected.incidents))
    assert summary["largest_block"] < summary["events"]


def test_compare_on_ray_leaves_out_failed_rows_and_counts_reports_without_events(mixed):
    _, out, _ = mixed
    result = bulk.compare(str(out), str(out.parent / "compared"), progress=False)
    assert (result.reports, result.without_events) == (15, 1)
    assert result.skipped == {"EXTRACTION_FAILED:INVALID_ARGUMENT": 3}
    assert result.skipped_examples == ["in.jsonl:9 EXTRACTION_FAILED:INVALID_ARGUMENT",
                                       "in.jsonl:11 EXTRACTION_FAILED:INVALID_ARGUMENT",
                                       "in.jsonl:13 EXTRACTION_FAILED:INVALID_ARGUMENT"]
    expected = compare_in_process(pb.CompareRequest(event_sets=_event_sets_in_key_order(out)), None)
    assert result.incidents == len(expected.incidents)


def test_compare_on_ray_refuses_duplicate_document_ids_naming_them(ray_cluster, tmp_path):
    store = parts.PartStore(str(tmp_path / "events"), "jsonl")
    store.prepare()
    response = {"document": {"id": "same", "published": "2019-03-07"}, "events": [{"id": "e1"}]}
    store.write_lines([json.dumps({"input_file": "in.jsonl", "input_line": n, "document_id": "same",
                                   "response": response, "text": "A report."}) for n in (1, 2)],
                      [("in.jsonl", 1), ("in.jsonl", 2)])
    with pytest.raises(FieldReportError) as caught:
        bulk.compare(str(tmp_path / "events"), str(tmp_path / "out"), progress=False)
    assert caught.value.reason == "DUPLICATE_DOCUMENT_ID"
    assert caught.value.violations == [("document_id", "'same' occurs more than once")]
