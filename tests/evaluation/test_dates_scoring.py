"""TempEval-3 timex scoring on hand-made timexes, and the two date baselines on sentences of ours."""

from __future__ import annotations

import json

import pytest

from fieldreport.evaluation.baselines import dateparser_search, heideltime
from fieldreport.evaluation.tasks.dates import timex_scores


def test_tempeval3_extent_and_value_scores():
    doc1 = ([(0, 10, "2017-03-04", "DATE"), (20, 25, "P1W", "DURATION"), (40, 45, "PRESENT_REF", "DATE")],
            [(0, 10, "2017-03-04", "DATE"),  # same extent: strict
             (18, 23, "P7D", "DURATION"),  # overlaps the week: relaxed, wrong value
             (50, 55, "2017", "DATE")])  # nothing there
    doc2 = ([(5, 15, "1998-01", "DATE")],
            [(5, 9, "1998-01-08", "DATE"), (10, 15, "1998-01", "DATE")])  # the larger overlap (5) decides
    scores = timex_scores([doc1, doc2])
    # strict: 1 of 5 system, 1 of 4 gold; F1 = 2·(1/5)(1/4) / (9/20) = 2/9
    assert (scores["strict_p"], scores["strict_r"]) == (pytest.approx(0.2), pytest.approx(0.25))
    assert scores["strict_f1"] == pytest.approx(2 / 9)
    # relaxed: 4 of 5 system overlap a gold one; 3 of 4 gold are overlapped; F1 = 1.2 / 1.55
    assert (scores["relaxed_p"], scores["relaxed_r"]) == (pytest.approx(0.8), pytest.approx(0.75))
    assert scores["relaxed_f1"] == pytest.approx(1.2 / 1.55)
    # values of the 3 relaxed matches: 2017-03-04 right, P7D ≠ P1W, 1998-01 right
    assert scores["value_accuracy"] == pytest.approx(2 / 3)
    assert scores["value_f1"] == pytest.approx(2 / 3 * 1.2 / 1.55)
    assert scores["type_accuracy"] == 1.0
    assert scores["datetime_value_accuracy"] == 1.0  # the two DATE matches are both right
    assert (scores["n_gold"], scores["n_system"]) == (4, 5)


def test_no_system_output():
    scores = timex_scores([([(0, 4, "2001", "DATE")], [])])
    assert scores["relaxed_r"] == 0.0 and scores["value_accuracy"] is None


def test_dateparser_search_dates_relative_to_the_publication_date():
    text = "Talks began on March 3, 2015 in Geneva. Nothing else."
    # search_dates takes the words around the date too ("on ... in"); the value is the day
    assert dateparser_search.tag(text, "2015-03-10") == [(12, 31, "2015-03-03", "DATE")]


@pytest.mark.slow
def test_heideltime_resolves_against_the_dct():
    if heideltime.missing():
        pytest.skip(heideltime.missing())
    text = "Prices fell. Last Friday, the bank said so."
    # 1998-01-08 was a Thursday: the Friday before is 1998-01-02
    assert heideltime.tag(text, "1998-01-08") == [(13, 24, "1998-01-02", "DATE")]


@pytest.mark.slow
def test_heideltime_output_is_cached_per_text_and_dct(tmp_path, monkeypatch):
    if heideltime.missing():
        pytest.skip(heideltime.missing())
    monkeypatch.setenv("FIELDREPORT_CACHE_DIR", str(tmp_path))
    text = "Shops closed. Last Monday, the union said so."
    first = heideltime.tag(text, "1998-01-08")
    (cached,) = (tmp_path / "heideltime").glob("*.json")
    assert first == [(14, 25, "1998-01-05", "DATE")]
    # a second call reads the file back instead of running HeidelTime: what the file says is what it gets
    stored = json.loads(cached.read_text())
    stored[0]["value"] = "1998-01-06"
    cached.write_text(json.dumps(stored))
    assert heideltime.tag(text, "1998-01-08") == [(14, 25, "1998-01-06", "DATE")]
    assert heideltime.tag(text, "1998-01-09") == first  # another DCT is another entry
    assert len(list((tmp_path / "heideltime").glob("*.json"))) == 2
