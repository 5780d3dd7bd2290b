"""What Compare knows about each event: the proto, its report, and the evidence parsed once.

Every event of every compared document becomes one ``EventRecord``. Parsing (dates, points, totals,
word vectors) happens here once, so that scoring a pair is cheap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from fieldreport.service import errors
from fieldreport.service.compare import text as words
from fieldreport.v1 import fieldreport_pb2 as pb

_K = pb.Casualty.Kind
_Q = pb.Count.Qualifier
_G = pb.TimeValue.Granularity

#: When no date was found the publication date stands in; the incident happened then or a little before.
INFERRED_LOOKBACK_DAYS = 7


@dataclasses.dataclass
class Report:
    """One compared document: its id, metadata and words."""

    index: int
    document_id: str
    published: dt.date | None
    text: str
    field: str  # request path, e.g. "documents[1]" or "event_sets[0]"
    vector: words.Vector = dataclasses.field(default_factory=dict)
    names: set[str] = dataclasses.field(default_factory=set)


@dataclasses.dataclass
class EventRecord:
    index: int
    report: Report
    event: pb.Event
    anchor: bool  # the report's main event: the largest casualty total (ties: the first)
    start: dt.date | None
    end: dt.date | None
    place: pb.Place | None
    killed: int | None
    injured: int | None
    actors: set[str]
    vector: words.Vector
    names: set[str]

    @property
    def document_id(self) -> str:
        return self.report.document_id

    @property
    def ref(self) -> pb.EventRef:
        return pb.EventRef(document_id=self.report.document_id, event_id=self.event.id)


def _date(value: str) -> dt.date | None:
    """An ISO date in the supported range, else None (an event set's dates are the caller's; validation
    refuses the out-of-range ones, and this keeps the day arithmetic below safe whatever comes)."""
    try:
        day = dt.date.fromisoformat(value[:10])
    except (ValueError, TypeError):
        return None
    return day if errors.in_supported_range(day) else None


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at datetime's first or last day rather than overflowing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def event_interval(event: pb.Event, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The days the event may have happened on, or (None, None) when its date cannot be used.

    An inferred date (the publication date standing in) covers the week before publication. A date after
    publication is a misreading (a report does not precede its incident) and is dropped.
    """
    when = event.when
    start, end = _date(when.start or when.value), _date(when.end or when.start or when.value)
    if start is None or end is None:
        return None, None
    if when.inferred and published is not None:
        return _shift(published, -INFERRED_LOOKBACK_DAYS), published
    if published is not None and start > _shift(published, 1):
        return None, None
    return start, end


def count_value(count: pb.Count) -> int | None:
    """The number a count stands for (value, else low, else high); None when the text gives none."""
    if count.qualifier == _Q.UNKNOWN:
        return None
    for name in ("value", "low", "high"):
        if count.HasField(name):
            return getattr(count, name)
    return None


def casualty_total(event: pb.Event, kind: int) -> int | None:
    """Per source, the sum over distinct entries of that kind; the largest over sources (team.md's rule).

    None (unknown) when the event has no counted casualty of that kind: absence is not zero.
    """
    per_source: dict[str, dict[tuple[str, int], int]] = {}
    for casualty in event.casualties:
        if casualty.kind != kind:
            continue
        value = count_value(casualty.count)
        if value is None:
            continue
        entries = per_source.setdefault(casualty.source.name, {})
        entries[(" ".join(casualty.group.lower().split()), value)] = value
    if not per_source:
        return None
    return max(sum(entries.values()) for entries in per_source.values())


def main_event_index(events) -> int | None:  # noqa: ANN001
    """The report's main event: the largest casualty total (killed + injured); ties go to the first in
    document order (by trigger; the response's order after that), as team.md and the evaluation say."""
    order = sorted(range(len(events)), key=lambda i: (events[i].trigger.begin if events[i].HasField("trigger")
                                                      else 1 << 30, i))
    best, best_total = None, -1
    for i in order:
        total = (casualty_total(events[i], _K.KILLED) or 0) + (casualty_total(events[i], _K.INJURED) or 0)
        if total > best_total:
            best, best_total = i, total
    return best


def _place(event: pb.Event) -> pb.Place | None:
    for place in [event.where, *event.places]:
        if place.latitude or place.longitude or place.country_code:
            return place
    return None


def actor_names(event: pb.Event) -> set[str]:
    return {(a.name or a.text).strip().lower() for a in event.actors if (a.name or a.text).strip()}


def event_text(event: pb.Event) -> str:
    return words.join([event.trigger.text, *(s.text for s in event.evidence),
                       *(c.evidence.text for c in event.casualties)])


def event_record(index: int, report: Report, event: pb.Event, anchor: bool,
                 vectorizer: words.Vectorizer | None) -> EventRecord:
    """The record of one event; without a vectorizer its words are left empty (what building an
    incident from scored pairs needs: fieldreport.bulk)."""
    start, end = event_interval(event, report.published)
    evidence = event_text(event) if vectorizer is not None else ""
    return EventRecord(
        index=index, report=report, event=event, anchor=anchor, start=start, end=end,
        place=_place(event), killed=casualty_total(event, _K.KILLED),
        injured=casualty_total(event, _K.INJURED), actors=actor_names(event),
        vector=vectorizer.vector(evidence) if vectorizer is not None else {},
        names=words.names(evidence) if vectorizer is not None else set())


def build(reports: list[Report], events_per_report: list[list[pb.Event]],
          vectorizer: words.Vectorizer | None = None) -> list[EventRecord]:
    """Records for every event, with the document vectors fitted on all the reports' texts (or with
    ``vectorizer``, fitted on a larger set that these reports are part of)."""
    vectorizer = vectorizer or words.Vectorizer([r.text for r in reports])
    for report in reports:
        report.vector = vectorizer.vector(report.text)
        report.names = words.names(report.text)
    records: list[EventRecord] = []
    for report, events in zip(reports, events_per_report):
        main = main_event_index(events)
        for i, event in enumerate(events):
            records.append(event_record(len(records), report, event, i == main, vectorizer))
    return records
