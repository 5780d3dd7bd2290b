"""Scorers on tiny hand-made inputs; every expected value is worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from fieldreport.evaluation import metrics

# gold: {a, b, c} {d, e}; predicted: {a, b} {c, d} {e}
GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PRED = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z"}


def test_b_cubed_on_five_items():
    # per item (P, R): a (2/2, 2/3), b (2/2, 2/3), c (1/2, 1/3), d (1/2, 1/2), e (1/1, 1/2)
    # P = 4/5; R = (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = 8/15; F1 = 2·(4/5)(8/15) / (4/5 + 8/15) = 0.64
    scores = metrics.b_cubed(GOLD, PRED)
    assert scores["p"] == pytest.approx(0.8)
    assert scores["r"] == pytest.approx(8 / 15)
    assert scores["f1"] == pytest.approx(0.64)


def test_muc_counts_links():
    # recall: {a,b,c} falls in 2 predicted parts → 1 of 2 links; {d,e} in 2 parts → 0 of 1: R = 1/3
    # precision: {a,b} in 1 gold part → 1 of 1; {c,d} in 2 → 0 of 1; {e} → 0 of 0: P = 1/2; F1 = 0.4
    scores = metrics.muc(GOLD, PRED)
    assert (scores["p"], scores["r"]) == (pytest.approx(0.5), pytest.approx(1 / 3))
    assert scores["f1"] == pytest.approx(0.4)


def test_ceaf_e_takes_the_best_one_to_one_alignment():
    # φ4: G1-X 0.8, G1-Y 0.4, G2-Y 0.5, G2-Z 2/3; best alignment G1-X + G2-Z = 22/15
    # P = (22/15)/3 responses = 22/45, R = (22/15)/2 keys = 11/15, F1 = 44/75
    scores = metrics.ceaf_e(GOLD, PRED)
    assert scores["p"] == pytest.approx(22 / 45)
    assert scores["r"] == pytest.approx(11 / 15)
    assert scores["f1"] == pytest.approx(44 / 75)


def test_pairwise_and_conll():
    # gold pairs ab ac bc de; predicted pairs ab cd; common ab: P 1/2, R 1/4, F1 1/3
    scores = metrics.clustering_scores(GOLD, PRED)
    assert (scores["pair_p"], scores["pair_r"], scores["pair_f1"]) == (
        pytest.approx(0.5), pytest.approx(0.25), pytest.approx(1 / 3))
    assert scores["conll_f1"] == pytest.approx((0.64 + 0.4 + 44 / 75) / 3)


def test_perfect_and_all_singletons():
    assert metrics.clustering_scores(GOLD, GOLD)["conll_f1"] == pytest.approx(1.0)
    singletons = {item: item for item in GOLD}
    # B³: P = 1 for every item; R = (1/3 · 3 + 1/2 · 2) / 5 = 2/5
    assert metrics.b_cubed(GOLD, singletons)["r"] == pytest.approx(0.4)
    # MUC: no predicted link at all
    assert metrics.muc(GOLD, singletons) == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_clusterings_must_cover_the_same_items():
    with pytest.raises(ValueError):
        metrics.b_cubed(GOLD, {"a": 1})


def test_prf_with_separate_numerators():
    assert metrics.prf(3, 4, 2, 8) == {"p": 0.75, "r": 0.25, "f1": pytest.approx(0.375)}
    assert metrics.prf(0, 0, 0, 5) == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_haversine_one_degree_of_latitude():
    # one degree of a great circle = 2π·6371.0088/360 km
    assert metrics.haversine_km(0, 0, 1, 0) == pytest.approx(2 * math.pi * 6371.0088 / 360)
    assert metrics.haversine_km(48.85, 2.35, 48.85, 2.35) == 0


def test_geocoding_statistics_and_auc():
    # logs ascending: 0, log 161, log 20039; trapezoids: log 161 / 2 + (log 161 + log 20039) / 2
    # normalised by log 20039 · (3 - 1): log 161 / (2 log 20039) + 1/4
    stats = metrics.geocoding_stats([160, 0, 20038])
    assert stats["auc"] == pytest.approx(math.log(161) / (2 * math.log(20039)) + 0.25)
    assert stats["acc161"] == pytest.approx(2 / 3)
    assert stats["mean_km"] == pytest.approx(20198 / 3)
    assert stats["median_km"] == 160
    assert metrics.geocoding_auc([0, 0]) == 0
    assert metrics.geocoding_stats([])["acc161"] is None


def test_accuracy_and_macro_f1():
    # a: P 1/1 R 1/2 F 2/3; b: P 1/2 R 1/1 F 2/3; c: F 0 → macro 4/9; accuracy 2/4
    scores = metrics.accuracy_macro_f1(["a", "a", "b", "c"], ["a", "b", "b", "none"], labels=["a", "b", "c"])
    assert scores == {"accuracy": 0.5, "macro_f1": pytest.approx(4 / 9)}
