"""The gold-annotated eval files (``../shared/eval``): loading, the fixed dev/test split, selection.

Each line is ``{"id", "dataset", "text", "title", "published", "gold"}`` (see the README beside the
files). The split is a pure function of the record id, fixed between helpers (notes/team.md): tune on
dev, report test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pathlib
from collections.abc import Sequence

SPLITS = ("dev", "test")

# task name → file in the data folder
TASK_FILES = {
    "events_gva": "events_gva.jsonl",
    "events_gvdb": "events_gvdb.jsonl",
    "events_muc4": "events_muc4.jsonl",
    "dates_tbaq": "dates_tbaq.jsonl",
    "places": "places.jsonl",
    "types_case": "types_case.jsonl",
    "compare_gvc": "compare_gvc.jsonl",
    "events_acled": "events_acled.jsonl",
}


def split_of(record_id: str) -> str:
    """"dev" when the first hex digit of sha256(id) is 0-7, else "test" (about half each)."""
    return "dev" if hashlib.sha256(record_id.encode()).hexdigest()[0] in "01234567" else "test"


@dataclasses.dataclass(frozen=True)
class Record:
    id: str
    dataset: str
    text: str
    title: str
    published: str
    gold: dict

    @property
    def split(self) -> str:
        return split_of(self.id)


def load(path: str | pathlib.Path) -> list[Record]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            data = json.loads(line)
            records.append(Record(id=data["id"], dataset=data.get("dataset") or "", text=data["text"],
                                  title=data.get("title") or "", published=data.get("published") or "",
                                  gold=data.get("gold") or {}))
    return records


def select(records: Sequence[Record], split: str = "all", limit: int | None = None) -> list[Record]:
    """Records of one split ("dev", "test" or "all"), then the first ``limit`` of them in the given order."""
    chosen = [r for r in records if split == "all" or r.split == split]
    return chosen if limit is None else chosen[:limit]
