"""event_figure as team.md defines it, on events built by hand."""

from __future__ import annotations

from fieldreport.evaluation.figures import event_figure, main_event_index
from fieldreport.v1 import fieldreport_pb2 as pb

KILLED, INJURED = pb.Casualty.KILLED, pb.Casualty.INJURED


def casualty(kind, source="", group="", value=None, low=None, qualifier=pb.Count.EXACT):  # noqa: ANN001
    count = pb.Count(qualifier=qualifier)
    if value is not None:
        count.value = value
    if low is not None:
        count.low = low
    return pb.Casualty(kind=kind, count=count, group=group, source=pb.Source(name=source))


def test_sum_per_source_then_maximum_over_sources():
    event = pb.Event(casualties=[
        casualty(KILLED, "Police", "civilians", 3),
        casualty(KILLED, "Police", "Civilians", 3),  # the same entry said twice: once
        casualty(KILLED, "Police", "soldiers", 2),  # Police: 3 + 2 = 5
        casualty(KILLED, "Hospital", "people", low=7, qualifier=pb.Count.AT_LEAST),  # Hospital: 7
        casualty(KILLED, "", "", qualifier=pb.Count.UNKNOWN),  # adds nothing
        casualty(INJURED, "Police", "civilians", 4),
    ])
    assert event_figure(event, KILLED) == 7
    assert event_figure(event, "INJURED") == 4
    assert event_figure(event, pb.Casualty.CAPTURED) == 0


def test_unknown_count_with_a_stale_value_adds_nothing():
    event = pb.Event(casualties=[casualty(KILLED, value=9, qualifier=pb.Count.UNKNOWN), casualty(KILLED, value=1)])
    assert event_figure(event, KILLED) == 1


def test_main_event_is_the_largest_total_first_in_document_order_on_ties():
    def event(begin, killed, injured=0):  # noqa: ANN001, ANN202
        return pb.Event(trigger=pb.Span(begin=begin, end=begin + 5),
                        casualties=[casualty(KILLED, value=killed), casualty(INJURED, value=injured)])

    # totals 3, 4, 4: the two 4s tie, and the one whose trigger comes first (begin 10) wins
    events = [event(50, 3), event(90, 2, 2), event(10, 4)]
    assert main_event_index(events) == 2
    assert main_event_index([]) is None
