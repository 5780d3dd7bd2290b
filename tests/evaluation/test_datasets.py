"""Loading and the fixed dev/test split."""

from __future__ import annotations

import hashlib
import json

from fieldreport.evaluation import datasets


def test_split_follows_the_first_hex_digit_of_sha256():
    for record_id in ("gva:1", "gvdb:46", "muc4:DEV-MUC3-0001", "lgl:41662232"):
        digit = hashlib.sha256(record_id.encode()).hexdigest()[0]
        assert datasets.split_of(record_id) == ("dev" if int(digit, 16) < 8 else "test")
    # two ids worked out by hand: sha256("a") starts with "c" (test), sha256("b") with "3" (dev)
    assert datasets.split_of("a") == "test"
    assert datasets.split_of("b") == "dev"


def test_load_and_select(tmp_path):
    path = tmp_path / "x.jsonl"
    lines = [{"id": i, "dataset": "t", "text": f"text {i}", "title": None, "published": None, "gold": {}}
             for i in ("a", "b", "c", "d")]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    records = datasets.load(path)
    assert [r.id for r in records] == ["a", "b", "c", "d"]
    assert records[0].title == "" and records[0].published == ""
    assert [r.id for r in datasets.select(records, "all", 3)] == ["a", "b", "c"]
    dev = [r.id for r in records if r.split == "dev"]
    assert [r.id for r in datasets.select(records, "dev")] == dev


def test_a_record_that_hangs_is_cut_off_and_counted(monkeypatch):
    from fieldreport.evaluation import runner
    from fieldreport.evaluation.tasks import TASKS
    from fieldreport.evaluation.tasks.base import Task

    class Hangs(Task):
        name = "hangs"

        def predict(self, record, pipeline, baselines):  # noqa: ANN001, ANN201
            while True:
                pass

    monkeypatch.setitem(TASKS, "hangs", Hangs())
    record = datasets.Record("x:1", "x", "text", "", "", {})
    assert runner._predict("hangs", record, False, timeout=0.3) == {"error": "x:1: took more than 0.3 s (timed out)"}
