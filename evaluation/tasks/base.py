"""What every task provides to the runner.

A task reads one eval file. ``predict`` runs in a worker process (it gets that process's Pipeline)
and returns plain, picklable data: our output (serialized protobuf) and the baselines' outputs.
``score`` runs in the main process over the records of one split and returns, per system, a flat
dict of metrics (None where a metric has nothing to count).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from fieldreport.evaluation.datasets import Record
from fieldreport.v1 import fieldreport_pb2 as pb

OURS = "fieldreport"


@dataclasses.dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: str = "pct"  # pct (a fraction shown as %), f3 (a score shown with 3 decimals), km, int, num


class Task:
    name: str = ""
    file: str = ""
    title: str = ""
    # Markdown for docs/evaluation.md: what is measured and how (the rules the numbers depend on)
    about: str = ""
    # the columns of the task's table, ours first
    systems: tuple[str, ...] = (OURS,)
    metrics: tuple[Metric, ...] = ()
    # the metrics of the summary table at the top of docs/evaluation.md
    headline: tuple[str, ...] = ()

    def order(self, records: list[Record]) -> list[Record]:
        """The order in which ``--limit`` takes records (file order unless a task needs otherwise)."""
        return records

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        raise NotImplementedError

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        raise NotImplementedError

    def score_splits(self, by_split: dict[str, list[Record]], predictions: dict[str, dict],
                     baselines: bool) -> dict[str, dict[str, dict]]:
        """split → system → metrics. Tasks that tune on dev (compare_gvc) override this."""
        return {split: self.score(records, predictions, baselines) for split, records in by_split.items()}

    def notes(self, baselines: bool) -> list[str]:
        """Things the reader of the table must know (a baseline that could not run, a waiting scorer)."""
        return []

    def markdown_tables(self, result: dict) -> list[str]:
        """Markdown lines shown after the task's table in docs/evaluation.md (e.g. a confusion table), from
        the saved result."""
        return []


def document(record: Record) -> pb.Document:
    return pb.Document(id=record.id, text=record.text, title=record.title, published=record.published)


def extract(pipeline, record: Record) -> bytes:  # noqa: ANN001
    return pipeline.extract(document(record)).SerializeToString()


def response(prediction: dict | None) -> pb.ExtractResponse:
    """Our response for a record; an empty one when the pipeline failed on it (counted as no output)."""
    if not prediction or "response" not in prediction:
        return pb.ExtractResponse()
    return pb.ExtractResponse.FromString(prediction["response"])
