"""Reconciliation per (kind, group): best/low/high, ACLED's conservative figure, every report kept,
and discrepancies marked AGREE, UPDATE or CONFLICT."""

from __future__ import annotations

import datetime as dt

from compareutil import casualty, event

from fieldreport.service.compare import groups, reconcile, records
from fieldreport.v1 import fieldreport_pb2 as pb

S = pb.Discrepancy.Status
KILLED = pb.Casualty.KILLED


def members(*reports):  # noqa: ANN002, ANN201
    """reports: (document id, published, [casualties]) → the records of one incident."""
    recs = []
    for i, (doc, published, casualties) in enumerate(reports):
        report = records.Report(index=i, document_id=doc, published=dt.date.fromisoformat(published), text="",
                                field=f"event_sets[{i}]")
        recs.extend(records.build([report], [[event(casualties=casualties)]]))
    return recs


def only(estimates, kind=KILLED):  # noqa: ANN001, ANN201
    found = [e for e in estimates if e.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_servicemen_and_soldiers_of_one_side_are_one_figure_two_claims_on_one_day_conflict():
    # One report, two sources: a ministry says 4 servicemen, a monitor says 9 soldiers.
    recs = members(("article", "2019-05-27", [
        casualty("KILLED", 4, "Russian servicemen", "Ministry of Defence", "Military Forces of Russia"),
        casualty("KILLED", 9, "Russian soldiers", "Monitoring group", "Military Forces of Russia"),
        casualty("KILLED", 43, "militants", "Ministry of Defence", "Unidentified Armed Group (Syria)"),
    ]))
    estimates, discrepancies = reconcile.reconcile(recs)
    russian = [e for e in estimates if e.group in ("Russian servicemen", "Russian soldiers")]
    assert len(russian) == 1
    est = russian[0]
    assert (est.best, est.low, est.high, est.conservative) == (4, 4, 9, 4)
    assert [(r.source.name, r.count.value) for r in est.reports] == [("Ministry of Defence", 4), ("Monitoring group", 9)]
    (disc,) = [d for d in discrepancies if d.field == f"casualties.killed[{est.group}]"]
    assert disc.status == S.CONFLICT
    assert [v.count.value for v in disc.values] == [4, 9]


def test_rising_tolls_over_three_days_are_updates_and_the_latest_stands():
    recs = members(("day1", "2019-03-07", [casualty("KILLED", 3, "people", "police")]),
                   ("day2", "2019-03-08", [casualty("KILLED", 7, "people", "health officials")]),
                   ("day3", "2019-03-09", [casualty("KILLED", 9, "people", "health directorate")]))
    estimates, discrepancies = reconcile.reconcile(recs)
    est = only(estimates)
    assert [(r.document_id, r.count.value, r.published) for r in est.reports] == [
        ("day1", 3, "2019-03-07"), ("day2", 7, "2019-03-08"), ("day3", 9, "2019-03-09")]
    assert (est.best, est.low, est.high, est.conservative) == (9, 9, 9, 9)
    assert [d.status for d in discrepancies] == [S.UPDATE]


def test_a_lower_later_toll_is_a_conflict_and_nothing_is_superseded():
    recs = members(("day1", "2019-03-07", [casualty("KILLED", 9, "people", "police")]),
                   ("day2", "2019-03-08", [casualty("KILLED", 5, "people", "hospital")]))
    estimates, discrepancies = reconcile.reconcile(recs)
    est = only(estimates)
    assert (est.best, est.low, est.high, est.conservative) == (5, 5, 9, 5)  # the lower of the middle two
    assert [d.status for d in discrepancies] == [S.CONFLICT]


def test_ranges_that_meet_agree_and_best_is_the_lower_middle_value():
    recs = members(("a", "2019-03-07", [casualty("KILLED", None, "civilians", "UN", qualifier="AT_LEAST", low=10)]),
                   ("b", "2019-03-07", [casualty("KILLED", 12, "civilians", "Red Crescent")]),
                   ("c", "2019-03-07", [casualty("KILLED", 14, "civilians", "local council", qualifier="RANGE",
                                                 low=12, high=15)]))
    estimates, discrepancies = reconcile.reconcile(recs)
    est = only(estimates)
    # at least 10 → 10 (and up); 12; 12–15 with best 14 → best is the median of 10, 12, 14.
    assert (est.best, est.low, est.high, est.conservative) == (12, 10, 15, 10)
    assert [d.status for d in discrepancies] == [S.AGREE]


def test_one_source_counts_once_with_its_latest_figure():
    recs = members(("a", "2019-03-07", [casualty("KILLED", 4, "people", "police")]),
                   ("b", "2019-03-07", [casualty("KILLED", 4, "people", "police")]),
                   ("c", "2019-03-07", [casualty("KILLED", 6, "people", "hospital")]),
                   ("d", "2019-03-07", [casualty("KILLED", 8, "people", "activists")]))
    est = only(reconcile.reconcile(recs)[0])
    # police (4, said twice), hospital 6, activists 8 → median of three sources is 6.
    assert (est.best, est.low, est.high) == (6, 4, 8)
    assert len(est.reports) == 4


def test_parts_one_source_gives_are_summed_and_unknown_counts_are_kept_without_numbers():
    recs = members(("a", "2019-03-07", [casualty("KILLED", 2, "soldiers", "army"), casualty("KILLED", 3, "troops", "army"),
                                        casualty("INJURED", None, "people", "army", qualifier="UNKNOWN")]))
    estimates, _ = reconcile.reconcile(recs)
    killed = only(estimates)
    assert (killed.best, killed.reports[0].count.value, killed.reports[0].count.text) == (5, 5, "2 + 3")
    injured = only(estimates, pb.Casualty.INJURED)
    assert not injured.HasField("best") and len(injured.reports) == 1


def test_group_keys_use_affiliation_and_head_noun_not_string_equality():
    soldiers = casualty("KILLED", 9, "Russian soldiers")
    servicemen = casualty("KILLED", 4, "Russian servicemen")
    assert groups.group_key(soldiers) == groups.group_key(servicemen) == (KILLED, "russian", "military")
    assert groups.group_key(casualty("KILLED", 4, "Syrian soldiers"))[1] == "syrian"
    assert groups.group_key(casualty("KILLED", 1, "Captain Ivan Petrov")) == (KILLED, "", "people")
    assert groups.side(casualty("KILLED", 3, "civilians", affiliation="Civilians (Iraq)")) == "civilians"
    keys = [(KILLED, "civilians", "people"), (KILLED, "", "people"), (KILLED, "", "police")]
    assert groups.merge_unknown_sides(keys)[(KILLED, "", "people")] == (KILLED, "civilians", "people")
    assert groups.merge_unknown_sides(keys)[(KILLED, "", "police")] == (KILLED, "", "police")
