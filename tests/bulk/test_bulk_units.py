"""The parts of fieldreport.bulk that need no cluster: reading inputs by line, part files written whole,
output rows, and the decomposition that lets Compare cluster block by block."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bulkutil import write_jsonl

from fieldreport.bulk import inputs, parts, rows
from fieldreport.service.compare import clustering
from fieldreport.v1 import fieldreport_pb2 as pb


def test_plan_numbers_lines_skips_blank_ones_and_reads_chunks_back_exactly(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "one"}, "", {"text": "three"}, "   ", "not json",
                                               {"text": "six"}, {"text": "seven"}])
    with path.open("a") as handle:
        handle.write('{"text": "eight, without a newline"}')
    plan = inputs.plan(str(path), chunk_rows=2)
    assert plan.total == 6 and plan.done == 0
    assert plan.lines == {"in.jsonl": [1, 3, 5, 6, 7, 8]}
    read = [inputs.read_chunk(c, str(path)) for c in plan.chunks]
    assert [len(t) for t in read] == [2, 2, 2]
    got = pa.concat_tables(read)
    assert got.column("input_line").to_pylist() == [1, 3, 5, 6, 7, 8]
    assert got.column("raw").to_pylist()[4] == b'{"text": "seven"}'


def test_plan_leaves_out_what_the_output_holds(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": f"report {i}"} for i in range(5)])
    plan = inputs.plan(str(path), done={("in.jsonl", 1), ("in.jsonl", 2), ("in.jsonl", 4)}, chunk_rows=2)
    assert (plan.total, plan.done, plan.todo) == (5, 3, 2)
    read = pa.concat_tables([inputs.read_chunk(c, str(path)) for c in plan.chunks])
    assert read.column("input_line").to_pylist() == [3, 5]


def test_parquet_input_rows_are_numbered_from_one_per_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(pa.table({"text": ["a", "b", "c"], "published": ["2020-01-02", None, "2020-01-04"],
                             "other": [1, 2, 3]}), folder / "b.parquet", row_group_size=2)
    write_jsonl(folder / "a.jsonl", [{"text": "x"}])
    (folder / "_ignored.jsonl").write_text('{"text": "hidden"}\n')
    plan = inputs.plan(str(folder))
    assert plan.lines == {"a.jsonl": [1], "b.parquet": [1, 2, 3]}
    read = pa.concat_tables([inputs.read_chunk(c, str(folder)) for c in plan.chunks])
    docs = [inputs.document(r, n, ln) for n, ln, r in zip(*(read.column(c).to_pylist() for c in read.column_names))]
    assert [(d.id, d.text, d.published) for d in docs] == [
        ("a.jsonl:1", "x", ""), ("b.parquet:1", "a", "2020-01-02"), ("b.parquet:2", "b", ""),
        ("b.parquet:3", "c", "2020-01-04")]


def test_document_parsing_names_the_line_and_never_echoes_the_content():
    assert inputs.document(b'"just a text"', "f.jsonl", 3).text == "just a text"
    doc = inputs.document(b'{"id": 7, "text": "t", "published": null, "colour": "red"}', "f.jsonl", 4)
    assert (doc.id, doc.text, doc.published) == ("7", "t", "")
    with pytest.raises(inputs.Malformed, match=r"^f.jsonl line 9: not a JSON document \(JSONDecodeError\)$"):
        inputs.document(b"secret words {", "f.jsonl", 9)
    with pytest.raises(inputs.Malformed, match="a JSON list, not a document"):
        inputs.document(b"[1, 2]", "f.jsonl", 10)
    with pytest.raises(inputs.Malformed, match="not UTF-8 text"):
        inputs.document(b'{"text": "\xff"}', "f.jsonl", 11)


def test_a_part_is_named_after_its_rows_so_a_retried_batch_rewrites_the_same_file(tmp_path):
    store = parts.PartStore(str(tmp_path / "out"), "jsonl")
    store.prepare()
    keys = [("in.jsonl", 2), ("in.jsonl", 1)]
    lines = ['{"input_file": "in.jsonl", "input_line": 1, "document_id": "a"}',
             '{"input_file": "in.jsonl", "input_line": 2, "document_id": "b"}']
    first = store.write_lines(lines, keys)
    again = store.write_lines(lines, list(reversed(keys)))
    assert first == again == parts.part_name(keys, "jsonl")
    assert store.keys() == {("in.jsonl", 1): 1, ("in.jsonl", 2): 1}
    # What a killed run leaves: a temporary file, which readers skip and the next run removes.
    (tmp_path / "out" / f".{first}.0123.tmp").write_text('{"input_file": "in.jsonl", "input_line": 3')
    assert len(store.parts()) == 1
    assert store.remove_temporary() == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [first]


def test_an_output_of_the_other_format_is_refused(tmp_path):
    jsonl = parts.PartStore(str(tmp_path / "out"), "jsonl")
    jsonl.prepare()
    jsonl.write_lines(['{"input_file": "a", "input_line": 1}'], [("a", 1)])
    with pytest.raises(FileExistsError, match="holds 1 part"):
        parts.PartStore(str(tmp_path / "out"), "parquet").prepare()


def test_parquet_rows_carry_flat_event_fields_and_errors_in_their_columns():
    event = pb.Event(id="e1", event_type="battles", sub_event_type="armed_clash", modality=pb.ASSERTED,
                     when=pb.TimeValue(value="2019-03-07", start="2019-03-07", end="2019-03-07",
                                       granularity=pb.TimeValue.DAY),
                     where=pb.Place(name="Kirkuk", country_code="IQ", admin1="Kirkuk", latitude=35.47,
                                    longitude=44.39, geonames_id=94787),
                     actors=[pb.Actor(name="Islamic State", role=pb.Actor.PERPETRATOR),
                             pb.Actor(name="Iraqi Army", role=pb.Actor.TARGET)],
                     casualties=[pb.Casualty(kind=pb.Casualty.KILLED, count=pb.Count(value=4, qualifier=pb.Count.EXACT),
                                             group="soldiers", source=pb.Source(name="police")),
                                 pb.Casualty(kind=pb.Casualty.KILLED, count=pb.Count(value=2, qualifier=pb.Count.EXACT),
                                             group="militants", source=pb.Source(name="police"))])
    response = pb.ExtractResponse(document=pb.Document(id="d1", published="2019-03-08"), events=[event])
    writer = rows.RowWriter("parquet")
    writer.ok("in.jsonl", 1, pb.Document(id="d1", text="The text."), response)
    writer.error("in.jsonl", 2, "d2", rows.error_dict("INVALID_ARGUMENT", "EMPTY_TEXT", "document.text: must "
                                                      "contain text", [("document.text", "must contain text")]))
    table = writer.table()
    assert table.schema == rows.PARQUET_SCHEMA
    ok, bad = table.to_pylist()
    flat = ok["events"][0]
    assert (flat["event_type"], flat["when"], flat["when_granularity"], flat["place"], flat["country_code"],
            flat["geonames_id"], flat["killed"], flat["injured"], flat["perpetrators"], flat["targets"],
            flat["modality"]) == ("battles", "2019-03-07", "DAY", "Kirkuk", "IQ", 94787, 6, None,
                                  ["Islamic State"], ["Iraqi Army"], "ASSERTED")
    assert json.loads(ok["response"])["events"][0]["casualties"][0]["count"]["value"] == "4"
    assert (ok["status"], ok["published"], ok["text"], ok["n_events"]) == ("ok", "2019-03-08", "The text.", 1)
    assert (bad["status"], bad["error_code"], bad["error_reason"], bad["error_fields"], bad["events"]) == (
        "error", "INVALID_ARGUMENT", "EMPTY_TEXT", [{"field": "document.text", "description": "must contain text"}], [])


def _components(n: int, scores: dict, threshold: float) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), s in scores.items():
        if s >= threshold:
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


@pytest.mark.parametrize("seed", range(40))
def test_clustering_each_block_of_strong_pairs_alone_gives_the_clusters_of_one_call(seed):
    # Random sparse scores (many weak links between blocks, ties included): clustering per connected block
    # of pairs at or above the threshold, with the block's own scores, equals clustering everything (what
    # api.cluster_scored documents and fieldreport.bulk relies on).
    rng = random.Random(seed)
    n, threshold = 40, 0.25
    scores = {}
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < 0.15:
            scores[(i, j)] = rng.choice([rng.random(), rng.random() * 0.3, 0.25, 0.5])
    anchors = set(rng.sample(range(n), 15))
    whole = clustering.cluster(n, scores, threshold, anchors)
    pieces = []
    for block in _components(n, scores, threshold):
        local = {key: i for i, key in enumerate(block)}
        block_scores = {(local[i], local[j]): s for (i, j), s in scores.items() if i in local and j in local}
        for cluster in clustering.cluster(len(block), block_scores, threshold, {local[a] for a in anchors if a in local}):
            pieces.append(sorted(block[i] for i in cluster))
    assert sorted(pieces) == whole


@pytest.mark.parametrize("command", [["batch", "--engine", "ray", "in.jsonl", "out"],
                                     ["compare", "--engine", "ray", "events", "incidents"]])
def test_engine_ray_without_the_ray_extra_says_which_extra_to_install(tmp_path, command):
    # A Python in which `import ray` fails, as in the default install (sys.modules[name] = None blocks it).
    program = ("import sys; sys.modules['ray'] = None; from fieldreport.service.cli import main; "
               f"sys.exit(main({command!r}))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == ("error: the Ray engine needs Ray Data, which is not installed: "
                                   "pip install 'fieldreport[ray]' (in a checkout: .venv/bin/pip install -e '.[ray]')")
    assert not list(tmp_path.iterdir())  # nothing written


def test_the_default_install_does_not_need_ray():
    # The server, the CLI and the package itself import without Ray; only the Ray engine needs it.
    program = ("import sys; sys.modules['ray'] = None; import fieldreport.bulk, fieldreport.service.server, "
               "fieldreport.service.cli; print(fieldreport.bulk.EXTRA)")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "fieldreport[ray]"), done.stderr


def test_an_actor_batch_is_parsed_together_and_each_row_is_what_extract_gives(tmp_path, pipeline, monkeypatch):
    """The Ray actor's __call__, without a cluster: one Pipeline.iter_extract over the batch's documents,
    the malformed and invalid lines as error rows in place."""
    from google.protobuf import json_format

    from fieldreport.bulk.extraction import Extractor
    from fieldreport.service.pipeline import Pipeline

    texts = [f"Police said {n} protesters were arrested in Lagos on Tuesday after clashes with soldiers."
             for n in (3, 7, 12)]
    raws = [json.dumps({"id": "p0", "text": texts[0], "published": "2020-10-21"}).encode(), b"{oops",
            json.dumps({"id": "p2", "text": " "}).encode(),
            json.dumps({"id": "p3", "text": texts[1], "published": "2020-10-22"}).encode(),
            json.dumps({"id": "p4", "text": texts[2], "published": "2020-10-23"}).encode()]
    batch = pa.table({"input_file": ["in.jsonl"] * 5, "input_line": [1, 2, 3, 4, 5], "raw": raws})
    calls = []
    real = Pipeline.iter_extract

    def spy(self, documents, *args, **kw):
        calls.append([d.id for d in documents])
        return real(self, documents, *args, **kw)

    monkeypatch.setattr(Pipeline, "iter_extract", spy)
    parts.PartStore(str(tmp_path / "out"), "jsonl").prepare()
    extractor = Extractor(str(tmp_path / "out"), "jsonl", keep_text=False, model=None, seconds=60,
                          log_level="warning")
    summary = extractor(batch)
    assert calls == [["p0", "p2", "p3", "p4"]]
    assert summary.column("status").to_pylist() == ["ok", "error", "error", "ok", "ok"]
    assert summary.column("error_code").to_pylist() == [None, "INVALID_ARGUMENT", "INVALID_ARGUMENT", None, None]
    (part,) = extractor.store.parts()
    with extractor.store.fs.open_input_stream(part) as handle:
        written = [json.loads(line) for line in handle.read().decode().splitlines()]
    assert [r["input_line"] for r in written] == [1, 2, 3, 4, 5]
    assert written[1]["error"]["reason"] == "MALFORMED_LINE"
    assert written[2]["error"]["field_violations"][0]["field"] == "document.text"
    for row, raw in zip([written[0], written[3], written[4]], [raws[0], raws[3], raws[4]]):
        expected = pipeline.extract(pb.Document(**json.loads(raw)))
        assert row["response"] == json_format.MessageToDict(expected, preserving_proto_field_name=True)
        assert row["response"]["events"]
