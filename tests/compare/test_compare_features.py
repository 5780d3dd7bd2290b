"""Pair features: each says how far two events agree on one kind of evidence."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from fieldreport.service.compare import features as F, records, text
from fieldreport.v1 import fieldreport_pb2 as pb

from compareutil import BASRA_CITY, KIRKUK, KIRKUK_PROVINCE, casualty, event


def record(ev: pb.Event, published: str = "2019-03-09", doc: str = "a", report_text: str = "", anchor: bool = True,
           index: int = 0) -> records.EventRecord:
    report = records.Report(index=index, document_id=doc, published=dt.date.fromisoformat(published),
                            text=report_text, field="event_sets[0]")
    recs = records.build([report], [[ev]])
    recs[0].anchor = anchor
    return recs[0]


def test_a_later_report_of_thursdays_bombing_is_the_same_thursday():
    # "Thursday's bombing" reported on Thursday and resolved on Saturday against the publication date.
    a = record(event(day="2019-03-07"), published="2019-03-07")
    b = record(event(day="2019-03-07"), published="2019-03-09", doc="b")
    assert F.date(a, b) == 1.0
    assert F.published(a, b) == pytest.approx(math.exp(-2 / 30))


def test_dates_decay_with_the_gap_and_a_week_covers_its_days():
    a = record(event(day="2019-03-07"))
    assert F.date(a, record(event(day="2019-03-05"), doc="b")) == pytest.approx(math.exp(-2 / 7))
    week = record(event(day="2019-03-04", end="2019-03-10", granularity="WEEK"), doc="b")
    assert F.date(a, week) == 1.0


def test_an_inferred_date_covers_the_week_before_publication():
    a = record(event(day="2019-03-04"), published="2019-03-09")
    inferred = record(event(day="2019-03-09", inferred=True), published="2019-03-09", doc="b")
    assert (inferred.start, inferred.end) == (dt.date(2019, 3, 2), dt.date(2019, 3, 9))
    assert F.date(a, inferred) == 1.0
    assert F.date_apart(a, inferred) is None  # an inferred date contradicts nothing


def test_a_date_after_publication_is_a_misreading_and_unknown():
    a = record(event(day="2019-03-27"), published="2019-03-09")
    assert (a.start, a.end) == (None, None)
    assert F.date(a, record(event(day="2019-03-07"), doc="b")) is None


def test_places_same_town_inside_its_province_and_far_apart():
    kirkuk = record(event(place=KIRKUK))
    assert F.place(kirkuk, record(event(place=KIRKUK), doc="b")) == 1.0
    # The town lies inside the province the other report names: no distance, but a coarser agreement.
    assert F.place(kirkuk, record(event(place=KIRKUK_PROVINCE), doc="b")) == 0.7
    basra = record(event(place=BASRA_CITY), doc="b")
    assert F.place(kirkuk, basra) == pytest.approx(0.0, abs=1e-6)
    assert F.place_apart(kirkuk, basra) == pytest.approx(0.95)
    abroad = record(event(place=("Aleppo", "SY", "Aleppo", 36.2, 37.16, "exact", "city")), doc="b")
    assert F.place(kirkuk, abroad) == 0.0
    assert F.place(kirkuk, record(event(), doc="b")) is None


def test_distance_is_great_circle_kilometres():
    assert F.distance_km(35.4681, 44.3922, 30.5085, 47.7804) == pytest.approx(637, abs=5)


def test_event_types_same_compatible_and_not():
    a = record(event(event_type="explosions_remote_violence"))
    assert F.event_type(a, record(event(event_type="explosions_remote_violence"), doc="b")) == 1.0
    assert F.event_type(a, record(event(event_type="battles"), doc="b")) == 0.4
    assert F.event_type(a, record(event(event_type="protests"), doc="b")) == 0.0
    assert F.event_type(a, record(event(), doc="b")) is None


def test_a_higher_later_toll_is_an_update_a_higher_earlier_one_is_not():
    early = record(event(casualties=[casualty("KILLED", 3, "people")]), published="2019-03-07")
    later = record(event(casualties=[casualty("KILLED", 9, "people")]), published="2019-03-09", doc="b")
    assert F.figures(early, later) == 0.8
    shrinking = record(event(casualties=[casualty("KILLED", 1, "people")]), published="2019-03-09", doc="b")
    assert F.figures(early, shrinking) == pytest.approx(1 / 3)
    assert F.figures(early, record(event(), doc="b")) is None  # no figure is not zero


def test_actors_match_fuzzily():
    a = record(event(actors=("Islamic State", "Military Forces of Iraq")))
    b = record(event(actors=("Islamic state",)), doc="b")
    assert F.actors(a, b) == 1.0
    assert F.actors(a, record(event(actors=("Police Forces of Iraq",)), doc="b")) == 0.0


def test_words_compare_whole_reports_only_between_main_events_of_two_reports():
    one = "Gunmen shot dead Ahmed Karimi, a shopkeeper, in Mosul's Zuhur district."
    two = "The shopkeeper Ahmed Karimi was shot dead by gunmen in the Zuhur district of Mosul."
    reports = [records.Report(index=i, document_id=d, published=None, text=t, field="event_sets[0]")
               for i, (d, t) in enumerate([("a", one), ("b", two)])]
    a, b = records.build(reports, [[event(evidence=one)], [event(evidence=two)]])
    assert a.anchor and b.anchor
    assert F.document_words(a, b) == pytest.approx(text.cosine(reports[0].vector, reports[1].vector))
    assert F.document_words(a, b) > 0.5
    assert F.names(a, b) == 1.0  # ahmed, karimi, zuhur, mosul on both sides
    b.anchor = False  # a background event: the report's words are not about it
    assert F.document_words(a, b) is None
    assert F.pair_features(a, b)["evidence"] > 0.5


def test_names_skip_sentence_starts_and_days():
    assert text.names("Police said on Thursday that Ahmed Karimi died in Mosul. He was 40.") == \
        {"ahmed", "karimi", "mosul"}


def test_tokens_drop_stop_words_and_keep_numbers():
    assert text.tokens("The blast killed 12 people at the market, police said.") == \
        ["blast", "killed", "12", "people", "market", "police"]
