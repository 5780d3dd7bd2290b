"""Document normalization keeps offsets and reads metadata from headers and datelines."""

from __future__ import annotations

import datetime as dt

from fieldreport.service import textnorm


def test_header_gives_published_and_outlet_and_is_blanked_in_place():
    text = " date 2019-03-04 Daily Ledger- Two people were hurt in a fire."
    norm = textnorm.normalize(text)
    assert norm.published == dt.date(2019, 3, 4)
    assert norm.published_from == "header"
    assert norm.source == "Daily Ledger"
    assert len(norm.text) == len(text)
    assert norm.text.lstrip() == "Two people were hurt in a fire."
    assert norm.text.index("Two") == text.index("Two")


def test_request_metadata_wins_over_the_header():
    norm = textnorm.normalize("date 2019-03-04 Ledger- A fire broke out.", dt.date(2019, 3, 5), "Wire")
    assert norm.published == dt.date(2019, 3, 5)
    assert norm.published_from == "request"
    assert norm.source == "Wire"


def test_wire_dateline_gives_outlet_and_keeps_the_place():
    text = "KANO, Nigeria (Reuters) - Gunmen killed nine villagers on Tuesday."
    norm = textnorm.normalize(text)
    assert norm.source == "Reuters"
    assert norm.dateline_place == "KANO, Nigeria"
    assert norm.text.startswith("KANO, Nigeria")
    assert "Reuters" not in norm.text
    assert norm.text.index("Gunmen") == text.index("Gunmen")


def test_a_dateline_date_with_its_year_is_the_publication_date():
    norm = textnorm.normalize("LAGOS, Sept. 3, 2019 (Reuters) - Gunmen killed nine villagers on Tuesday.")
    assert (norm.published, norm.published_from, norm.year_assumed) == (dt.date(2019, 9, 3), "dateline", False)
    assert norm.source == "Reuters"


def test_a_dateline_date_without_a_year_takes_the_latest_such_day_up_to_today():
    text = "LAGOS, March 14 (Reuters) - Gunmen killed nine villagers on Tuesday."
    assert textnorm.normalize(text, today=dt.date(2026, 12, 1)).published == dt.date(2026, 3, 14)
    norm = textnorm.normalize(text, today=dt.date(2026, 3, 13))
    assert (norm.published, norm.year_assumed) == (dt.date(2025, 3, 14), True)
    leap = textnorm.normalize("LAGOS, Feb 29 (AP) - A bomb went off.", today=dt.date(2026, 12, 1))
    assert leap.published == dt.date(2024, 2, 29)


def test_the_request_date_wins_over_the_dateline_and_a_bad_dateline_date_is_none():
    norm = textnorm.normalize("LAGOS, March 14, 2019 (Reuters) - A bomb went off.", dt.date(2019, 3, 15))
    assert (norm.published, norm.published_from) == (dt.date(2019, 3, 15), "request")
    assert textnorm.normalize("LAGOS, Feb 30, 2019 (Reuters) - A bomb went off.").published is None


def test_odd_spaces_become_spaces_one_for_one():
    text = "Three\u00a0soldiers\u2009died\u200b today."
    norm = textnorm.normalize(text)
    assert norm.text == "Three soldiers died  today."
    assert norm.offset_map is None


def test_nfc_composition_keeps_a_map_back_to_the_original():
    text = "Cafe\u0301 owner shot in Mu\u0308nster."
    norm = textnorm.normalize(text)
    assert norm.text == "Café owner shot in Münster."
    start = norm.text.index("Münster")
    assert norm.offset_map[start] == text.index("Mu\u0308nster")
    assert norm.offset_map[len(norm.text)] == len(text)
