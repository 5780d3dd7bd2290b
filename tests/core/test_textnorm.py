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
