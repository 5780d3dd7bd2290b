"""compare(request, extract) on event sets built by hand: input checks and the shape of the response."""

from __future__ import annotations

import grpc
import pytest
from compareutil import BASRA_CITY, KIRKUK, casualty, event, event_set

from fieldreport.service.compare import compare, scoring
from fieldreport.service.errors import FieldReportError
from fieldreport.v1 import fieldreport_pb2 as pb


def no_extract(document, field):  # noqa: ANN001, ANN201
    raise AssertionError(f"event sets are not re-extracted ({field})")


def kirkuk_sets() -> list[pb.EventSet]:
    bombing = dict(event_type="explosions_remote_violence", place=KIRKUK, day="2019-03-07")
    return [
        event_set("day1", "2019-03-07", event("e1", casualties=[casualty("KILLED", 3, "people", "police")],
                                              evidence="A car bomb killed three people at the Hurriya market in Kirkuk.",
                                              **bombing),
                  text="A car bomb killed three people at the Hurriya market in Kirkuk on Thursday, police said."),
        event_set("day3", "2019-03-09", event("e1", casualties=[casualty("KILLED", 9, "people", "health directorate")],
                                              evidence="Nine people have died after the car bomb at the Hurriya market "
                                                       "in Kirkuk.", **bombing),
                  text="Nine people have died after the car bomb at the Hurriya market in Kirkuk last Thursday."),
        event_set("basra", "2019-03-05", event("e1", casualties=[casualty("KILLED", 4, "people", "police")],
                                               evidence="A car bomb killed four people at the Ashar market in Basra.",
                                               event_type="explosions_remote_violence", place=BASRA_CITY,
                                               day="2019-03-05"),
                  text="A car bomb killed four people at the Ashar market in Basra on Tuesday, police said."),
    ]


def test_event_sets_cluster_and_reconcile_without_extraction():
    response = compare(pb.CompareRequest(event_sets=kirkuk_sets()), no_extract)
    assert [[(m.document_id, m.event_id) for m in i.members] for i in response.incidents] == [
        [("day1", "e1"), ("day3", "e1")], [("basra", "e1")]]
    kirkuk = response.incidents[0]
    assert (kirkuk.id, kirkuk.when.value, kirkuk.where.name, kirkuk.event_type) == \
        ("i1", "2019-03-07", "Kirkuk", "explosions_remote_violence")
    (est,) = kirkuk.estimates
    assert (est.best, est.low, est.high, est.conservative) == (9, 9, 9, 9)
    assert {(d.field, d.status) for d in kirkuk.discrepancies} == {
        ("casualties.killed[people]", pb.Discrepancy.UPDATE), ("when", pb.Discrepancy.AGREE),
        ("where", pb.Discrepancy.AGREE)}
    assert not response.extractions
    pairs = {(p.left.document_id, p.right.document_id): p for p in response.pairs}
    assert pairs[("day1", "day3")].same_incident and not pairs[("day1", "basra")].same_incident
    assert pairs[("day1", "day3")].score >= scoring.default_threshold() > pairs[("day1", "basra")].score
    assert set(pairs[("day1", "day3")].features) >= {"date", "place", "type", "figures", "words", "evidence"}
    assert pairs[("day1", "day3")].features["place"] == 1.0


def test_a_threshold_of_one_keeps_every_report_apart():
    response = compare(pb.CompareRequest(event_sets=kirkuk_sets(), threshold=1.0), no_extract)
    assert len(response.incidents) == 3


def test_a_single_event_set_with_nothing_to_compare_is_fine():
    response = compare(pb.CompareRequest(event_sets=[event_set("lone", "2019-03-07")]), no_extract)
    assert not response.incidents and not response.pairs
    assert [(w.code, w.message) for w in response.warnings] == [
        ("NO_EVENTS", "event_sets[0] (lone) has no event; it joins no incident")]


def test_documents_are_extracted_in_order_with_their_fields():
    seen = []

    def extract(document, field):  # noqa: ANN001, ANN202
        seen.append((document.id, field))
        return pb.ExtractResponse(document=pb.Document(id=document.id, published="2019-03-07"))

    request = pb.CompareRequest(documents=[pb.Document(id="x", text="One."), pb.Document(id="y", text="Two.")],
                                event_sets=kirkuk_sets()[:1])
    response = compare(request, extract)
    assert seen == [("x", "documents[0]"), ("y", "documents[1]")]
    assert [e.document.id for e in response.extractions] == ["x", "y"]


@pytest.mark.parametrize(("request_", "reason", "violations"), [
    (pb.CompareRequest(), "NOTHING_TO_COMPARE", [("documents", "give at least one document or event set")]),
    (pb.CompareRequest(event_sets=[event_set("a", "2019-03-07")], threshold=1.5), "INVALID_THRESHOLD",
     [("threshold", "a probability in [0, 1] (0 = the calibrated default), got 1.5")]),
    (pb.CompareRequest(event_sets=[event_set("a", "2019-03-07"), event_set("a", "2019-03-08")]),
     "DUPLICATE_DOCUMENT_ID", [("event_sets[1].document_id", "'a' is also the id of event_sets[0]")]),
    (pb.CompareRequest(event_sets=[event_set("a", "2019-3-7", event("e1"), event("e1"))]), "MALFORMED_DATE",
     [("event_sets[0].document.published", "not a calendar date in the form YYYY-MM-DD: '2019-3-7'"),
      ("event_sets[0].events[1].id", "'e1' appears twice in this event set")]),
])
def test_bad_requests_name_every_field(request_, reason, violations):  # noqa: ANN001
    with pytest.raises(FieldReportError) as caught:
        compare(request_, no_extract)
    assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.reason == reason
    assert caught.value.violations == violations
