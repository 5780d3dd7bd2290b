"""Blocking proposes the pairs worth scoring; clustering turns scores into a partition."""

from __future__ import annotations

import datetime as dt

from compareutil import BASRA_CITY, KIRKUK, event

IRAQ = ("Iraq", "IQ", "", 33.0, 44.0, "country", "country")

from fieldreport.service.compare import blocking, clustering, records


def build(items):  # noqa: ANN001, ANN201
    """items: (document id, text, published, [events]) → records."""
    reports = [records.Report(index=i, document_id=d, published=dt.date.fromisoformat(p), text=t,
                              field=f"event_sets[{i}]") for i, (d, t, p, _) in enumerate(items)]
    return records.build(reports, [evs for *_, evs in items])


def test_blocking_pairs_reports_sharing_a_name_or_place_and_week_and_nothing_else():
    recs = build([
        ("a", "Gunmen killed Ahmed Karimi in Zuhur.", "2019-03-07", [event("e1"), event("e2")]),
        ("b", "Ahmed Karimi, a grocer, was shot dead in Zuhur.", "2019-03-08", [event("e1")]),
        ("c", "Flooding cut roads near Tikrit.", "2019-03-08", [event("e1", day="2019-03-06", place=KIRKUK)]),
        ("d", "A fire destroyed warehouses in Samarra.", "2019-03-09", [event("e1", day="2019-03-07", place=KIRKUK)]),
        ("e", "Quiet elections in Najaf.", "2019-03-09", [event("e1", day="2019-03-07", place=BASRA_CITY)]),
        ("f", "Unrest across Iraq.", "2019-03-10", [event("e1", day="2019-03-08", place=IRAQ)]),
    ])
    # a's two events (same report); a×b share words: their main events (a's first); c×d share Kirkuk and
    # the week; Iraq as a whole meets c, d and e.
    assert blocking.candidates(recs) == {(0, 1), (0, 2), (3, 4), (3, 6), (4, 6), (5, 6)}


def test_a_term_in_too_many_reports_is_no_key_so_blocking_stays_far_below_n_squared():
    # 200 reports sharing "shooting" and "victim" but each pair with its own name: only the shared-name
    # pairs are proposed (19,900 pairs would be all of them).
    items = [(f"r{i}", f"A shooting left one dead. Victim Person{i // 2}x was named.", "2019-03-07", [event()])
             for i in range(200)]
    pairs = blocking.candidates(build(items))
    assert pairs == {(i, i + 1) for i in range(0, 200, 2)}


def test_average_linkage_is_a_partition_and_does_not_chain_through_a_look_alike():
    # a–b and b–c are strong, a–c was never proposed (0): single linkage would chain a, b, c.
    scores = {(0, 1): 0.9, (1, 2): 0.7, (3, 4): 0.8}
    clusters = clustering.average_linkage(5, scores, threshold=0.5)
    assert clusters == [[0, 1], [2], [3, 4]]
    assert sorted(i for c in clusters for i in c) == [0, 1, 2, 3, 4]


def test_transitivity_holds_when_every_link_is_strong():
    scores = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.7}
    assert clustering.average_linkage(3, scores, threshold=0.5) == [[0, 1, 2]]


def test_merges_follow_the_mean_score_against_the_threshold():
    scores = {(0, 1): 0.9, (0, 2): 0.6, (1, 2): 0.3}  # mean of 2 against {0, 1} = 0.45
    assert clustering.average_linkage(3, scores, threshold=0.44) == [[0, 1, 2]]
    assert clustering.average_linkage(3, scores, threshold=0.46) == [[0, 1], [2]]


def test_main_events_cluster_first_and_two_main_event_clusters_never_merge_later():
    # 0 and 1 are main events of two reports that the first pass kept apart (0.2); 2 is a background
    # event that matches both: it joins one of them and does not bridge them.
    scores = {(0, 1): 0.2, (0, 2): 0.9, (1, 2): 0.8}
    assert clustering.cluster(3, scores, threshold=0.5, anchors={0, 1}) == [[0, 2], [1]]
