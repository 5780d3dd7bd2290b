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
