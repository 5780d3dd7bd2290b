"""One number per event and casualty kind, as the events_* scorers compare it with the gold count.

The rule is fixed between helpers (notes/team.md): among the event's casualties of that kind that have
a value (``count.value``, else ``count.low``), sum the values per source (``source.name``, "" when
none) over distinct entries, then take the maximum over sources. An event with none of that kind
gives 0; UNKNOWN counts add nothing. Two sources are two claims, never one sum.
"""

from __future__ import annotations

from collections import defaultdict

from fieldreport.v1 import fieldreport_pb2 as pb


def _kind(kind: int | str) -> int:
    return pb.Casualty.Kind.Value(kind) if isinstance(kind, str) else kind


def casualty_value(casualty: pb.Casualty) -> int | None:
    count = casualty.count
    if count.qualifier == pb.Count.UNKNOWN:
        return None
    if count.HasField("value"):
        return count.value
    if count.HasField("low"):
        return count.low
    return None


def event_figure(event: pb.Event, kind: int | str) -> int:
    wanted = _kind(kind)
    # distinct entries: the same group with the same number said twice by one source counts once
    per_source: dict[str, dict[tuple[str, int], int]] = defaultdict(dict)
    for casualty in event.casualties:
        if casualty.kind != wanted:
            continue
        value = casualty_value(casualty)
        if value is None:
            continue
        per_source[casualty.source.name][(" ".join(casualty.group.lower().split()), value)] = value
    return max((sum(entries.values()) for entries in per_source.values()), default=0)


def casualty_total(event: pb.Event) -> int:
    """Killed plus injured: what ranks an event as a document's main one."""
    return event_figure(event, pb.Casualty.KILLED) + event_figure(event, pb.Casualty.INJURED)


def document_order(events) -> list[int]:  # noqa: ANN001 - a repeated field or a list of pb.Event
    """Indices of the events in the order their triggers appear (the response's order breaks ties)."""
    return sorted(range(len(events)), key=lambda i: (events[i].trigger.begin if events[i].HasField("trigger")
                                                    else 1 << 30, i))


def main_event_index(events) -> int | None:  # noqa: ANN001
    """The event with the largest casualty total; ties go to the first in document order."""
    best, best_total = None, -1
    for i in document_order(events):
        total = casualty_total(events[i])
        if total > best_total:
            best, best_total = i, total
    return best
