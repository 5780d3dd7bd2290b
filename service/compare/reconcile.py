"""Figures of one incident, reconciled per (kind, group) with every report kept.

- ``reports``: every figure every report gives: ``{document_id, source, count, published}``. Parts one
  source gives separately in one report ("two soldiers … two more") are summed into one figure, as the
  event-figure rule of the evaluation does.
- A figure is *superseded* when a report published later gives a higher one: tolls rise as the wounded
  die and bodies are found, so an early low figure is an earlier state, not a competing claim.
- Of the figures still standing, each source counts once (its latest):
  ``low`` / ``high`` are the lowest and highest values they allow (UCDP's low and high estimates: "at
  least 26" allows 26 and up), ``best`` is their median, the lower one of the middle two on an even count
  (UCDP's best estimate errs low when sources disagree), and ``conservative`` is ACLED's figure: the
  lowest credible number reported ("at least 26" → 26, "dozens" → 12 as the count already says).
- The discrepancy of a figure is AGREE when every report's range meets every other's, UPDATE when every
  disagreement is a later report giving a higher toll, and CONFLICT otherwise (two sources on one day).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from fieldreport.service.compare import groups
from fieldreport.service.compare.records import EventRecord, count_value
from fieldreport.v1 import fieldreport_pb2 as pb

_Q = pb.Count.Qualifier
_S = pb.Discrepancy.Status


@dataclasses.dataclass
class Figure:
    """One FigureReport with the numbers it allows."""

    report: pb.FigureReport
    group: str
    order: int
    published: dt.date | None
    low: int | None
    best: int | None
    high: int | None  # None with a best: no upper bound ("at least")

    @property
    def source_key(self) -> str:
        name = self.report.source.name or self.report.source.text
        return f"source:{name.lower()}" if name else f"document:{self.report.document_id}"


def bounds(count: pb.Count) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) a count allows; high None means unbounded above; all None when unknown."""
    best = count_value(count)
    if best is None:
        return None, None, None
    low = count.low if count.HasField("low") else best
    high = count.high if count.HasField("high") else best
    if count.qualifier == _Q.AT_LEAST:
        return low, low, None
    if count.qualifier == _Q.AT_MOST:
        return None, high, high
    if count.qualifier == _Q.RANGE:
        return low, (count.value if count.HasField("value") else low), high
    return best, best, best


def _summed(counts: list[pb.Count]) -> pb.Count:
    """Parts one source gives in one report, as one count."""
    if len(counts) == 1:
        return counts[0]
    total = sum(count_value(c) or 0 for c in counts)
    qualifiers = {c.qualifier for c in counts}
    qualifier = _Q.EXACT if qualifiers == {_Q.EXACT} else _Q.AT_LEAST if _Q.AT_LEAST in qualifiers else _Q.APPROXIMATE
    out = pb.Count(value=total, qualifier=qualifier, text=" + ".join(c.text or str(count_value(c)) for c in counts))
    if qualifier == _Q.AT_LEAST:
        out.low = total
    return out


def collect(members: list[EventRecord]) -> dict[tuple[int, str, str], list[Figure]]:
    """Figures of an incident's member events, by (kind, side, class)."""
    # (key, document, source) → distinct entries (group, value) → (casualty, order)
    entries: dict[tuple, dict[tuple, tuple[pb.Casualty, int]]] = defaultdict(dict)
    order = 0
    for record in members:
        for casualty in record.event.casualties:
            key = groups.group_key(casualty)
            source = casualty.source.name or casualty.source.text
            slot = (key, record.report.index, source.lower())
            entries[slot].setdefault((casualty.group.lower(), count_value(casualty.count)), (casualty, order))
            order += 1
    reports = {r.report.index: r.report for r in members}
    out: dict[tuple, list[Figure]] = defaultdict(list)
    for (key, report_index, _), found in entries.items():
        known = [(c, o) for (_, v), (c, o) in found.items() if v is not None]
        chosen = known or list(found.values())[:1]  # an unknown figure only where no number is given
        first, first_order = min(chosen, key=lambda co: co[1])
        report = reports[report_index]
        count = _summed([c.count for c, _ in sorted(chosen, key=lambda co: co[1])])
        low, best, high = bounds(count)
        out[key].append(Figure(
            report=pb.FigureReport(document_id=report.document_id, source=first.source, count=count,
                                   published=report.published.isoformat() if report.published else ""),
            group=first.group, order=first_order, published=report.published, low=low, best=best, high=high))
    merged: dict[tuple, list[Figure]] = defaultdict(list)
    target = groups.merge_unknown_sides(out)
    for key, figures in out.items():
        merged[target[key]].extend(figures)
    for figures in merged.values():
        figures.sort(key=lambda f: (f.published or dt.date.min, f.order))
    return merged


def _later(a: Figure, b: Figure) -> bool:
    return a.published is not None and b.published is not None and a.published > b.published


def standing(figures: list[Figure]) -> list[Figure]:
    """Numeric figures not superseded by a later, higher one; each source once (its latest)."""
    numeric = [f for f in figures if f.best is not None]
    current = [f for f in numeric if not any(_later(g, f) and g.best > f.best for g in numeric)]
    latest: dict[str, Figure] = {}
    for f in current:  # figures are in publication order: a later one replaces an earlier one
        held = latest.get(f.source_key)
        if held is None or (f.published or dt.date.min, f.best) >= (held.published or dt.date.min, held.best):
            latest[f.source_key] = f
    return list(latest.values())


def _meets(a: Figure, b: Figure) -> bool:
    a_low = a.low if a.low is not None else 0
    b_low = b.low if b.low is not None else 0
    a_high = a.high if a.high is not None else float("inf")
    b_high = b.high if b.high is not None else float("inf")
    return a_low <= b_high and b_low <= a_high


def status(figures: list[Figure]) -> tuple[int, str]:
    numeric = [f for f in figures if f.best is not None]
    disagreements = [(a, b) for i, a in enumerate(numeric) for b in numeric[i + 1:] if not _meets(a, b)]
    if not disagreements:
        return _S.AGREE, "the reports agree"
    if all(_later(hi, lo) for a, b in disagreements for lo, hi in [sorted((a, b), key=lambda f: f.best)]):
        return _S.UPDATE, "later reports give a higher toll"
    return _S.CONFLICT, "reports disagree and no later report explains it"


def _median_low(values: list[int]) -> int:
    values = sorted(values)
    return values[(len(values) - 1) // 2]


#: Group texts that name nobody in particular: another report's words are a better name for the figure.
_VAGUE_GROUPS = frozenset({"", "others", "other", "more", "them", "they", "people", "persons"})


def display_group(figures: list[Figure]) -> str:
    """The group text most reports use (ties: the earliest), preferring one that names somebody."""
    texts = [f.group for f in figures]
    named = [t for t in texts if t.lower() not in _VAGUE_GROUPS] or texts
    return max(named, key=lambda t: (named.count(t), -named.index(t)))


def estimate(kind: int, figures: list[Figure]) -> pb.Estimate:
    est = pb.Estimate(kind=kind, group=display_group(figures), reports=[f.report for f in figures])
    current = standing(figures)
    if current:
        est.best = _median_low([f.best for f in current])
        est.low = min(f.low if f.low is not None else 0 for f in current)
        highs = [f.high if f.high is not None else f.best for f in current]
        est.high = max(highs)
        est.conservative = min(f.low if f.low is not None else f.best for f in current)
    return est


def reconcile(members: list[EventRecord]) -> tuple[list[pb.Estimate], list[pb.Discrepancy]]:
    estimates, discrepancies = [], []
    collected = collect(members)
    for key in sorted(collected, key=lambda k: (k[0], -max((f.best or 0) for f in collected[k]), k[1], k[2])):
        figures = collected[key]
        est = estimate(key[0], figures)
        estimates.append(est)
        numeric = [f for f in figures if f.best is not None]
        if len(numeric) >= 2:
            code, note = status(numeric)
            discrepancies.append(pb.Discrepancy(
                field=f"casualties.{pb.Casualty.Kind.Name(key[0]).lower()}[{est.group}]",
                values=[f.report for f in numeric], status=code, note=note))
    return estimates, discrepancies
