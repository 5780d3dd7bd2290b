"""The attribution plugin: who says each fact, with stance."""

from __future__ import annotations

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb


def sources(annotate, text: str) -> list[tuple[str, str, str]]:
    doc = annotate(text, plugins=("attribution",))
    return [(s.name, s.text, pb.Modality.Name(s.stance)) for s in doc.get("sources")]


def region_of(doc, phrase: str):
    at = doc.text.index(phrase)
    return next((r.source for r in doc.get("attribution") if r.begin <= at < r.end), None)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The county sheriff said two deputies were hurt in the crash.", ("county sheriff", "ASSERTED")),
    ("Two deputies were hurt in the crash, the county sheriff said.", ("county sheriff", "ASSERTED")),
    ("According to the fire brigade, two houses burned down.", ("fire brigade", "ASSERTED")),
    ("The rebels claimed that they shot down a helicopter.", ("rebels", "CLAIMED")),
    ("The army denied that its troops had shelled the market.", ("army", "DENIED")),
    ("A village elder told AFP that six herders were abducted.", ("village elder", "ASSERTED")),
])
def test_speaker_and_stance(annotate, sentence, expected):
    found = sources(annotate, sentence)
    assert len(found) == 1, found
    name, text, stance = found[0]
    assert expected[0] in text.lower() and stance == expected[1]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The Lakeland Commission on Civil Liberties said one marcher was shot dead.",
     "The Lakeland Commission on Civil Liberties"),
    ("The Agency for Relief of Displaced People said 30 families fled.", "The Agency for Relief of Displaced People"),
    ("A spokesman for the provincial police said four men were arrested.", "A spokesman for the provincial police"),
])
def test_a_named_body_keeps_its_whole_name(annotate, sentence, speaker):
    assert [text for _, text, _ in sources(annotate, sentence)] == [speaker]


def test_news_agency_told_is_a_channel_not_the_source(annotate):
    found = sources(annotate, "A village elder told Reuters that six herders were abducted.")
    assert [text for _, text, _ in found] == ["A village elder"]


def test_quoted_as_saying_gives_the_speaker(annotate):
    found = sources(annotate, "A local radio station quoted a hospital doctor as saying that nine patients died.")
    assert [text for _, text, _ in found] == ["a hospital doctor"]


def test_named_organisation_gets_its_canonical_name(annotate):
    found = sources(annotate, "The Syrian Observatory for Human Rights said 12 fighters were killed.")
    assert found == [("Syrian Observatory for Human Rights", "The Syrian Observatory for Human Rights", "ASSERTED")]


def test_regions_cover_the_reported_sentence(annotate):
    text = ("The police said a guard was shot at the bank. The weather was fine. "
            "The rebels claimed that nine soldiers were killed.")
    doc = annotate(text, plugins=("attribution",))
    assert region_of(doc, "a guard was shot").text.lower() == "the police"
    assert region_of(doc, "The weather") is None
    claimed = region_of(doc, "nine soldiers")
    assert claimed.text == "The rebels" and claimed.stance == pb.CLAIMED


def test_continuation_sentence_inherits_the_source(annotate):
    text = "The ministry said four soldiers were killed on Monday. Two more died of their wounds later."
    doc = annotate(text, plugins=("attribution",))
    assert region_of(doc, "Two more died").text == "The ministry"


def test_unattributed_text_has_no_source(annotate):
    doc = annotate("Two houses burned down near the river on Monday.", plugins=("attribution",))
    assert doc.get("sources") == [] and doc.get("attribution") == []


def test_two_speakers_in_one_sentence_report_their_own_clause(annotate):
    text = "Though the police said five people were shot, the fire brigade said six were wounded."
    doc = annotate(text, plugins=("attribution",))
    assert region_of(doc, "five people").text == "the police"
    assert region_of(doc, "six were wounded").text == "the fire brigade"


def test_a_scene_setting_clause_is_not_the_speaker_report(annotate):
    text = ("As the court stayed closed on Wednesday, two days after a gunman killed two people, "
            "his daughter told a local paper that he had been ill.")
    doc = annotate(text, plugins=("attribution",))
    assert region_of(doc, "a gunman killed") is None
    assert region_of(doc, "he had been ill").text == "his daughter"


def test_a_closing_said_reports_the_whole_sentence(annotate):
    text = "Two people were killed and three others were wounded in the shooting, police said on Saturday."
    doc = annotate(text, plugins=("attribution",))
    assert region_of(doc, "Two people").text == "police"


@pytest.mark.parametrize("sentence", [
    "No arrests were reported after the fight, which left two men hurt.",
    "A third victim was reported at a clinic across town.",
])
def test_what_is_reported_is_no_source(annotate, sentence):
    assert sources(annotate, sentence) == []


def test_a_relative_pronoun_speaks_for_its_noun(annotate):
    found = sources(annotate, "Two men were hurt, according to a neighbour who said she heard six shots.")
    assert [text for _, text, _ in found] == ["a neighbour"]


@pytest.mark.parametrize("sentence", [
    "A bomb went off at a market in Maiduguri. No group claimed responsibility for the attack.",
    "A bomb went off at a market in Maiduguri. No one has claimed responsibility.",
    "A bomb went off at a market in Maiduguri. Nobody claimed the bombing.",
    "A bomb went off at a market in Maiduguri. The militants did not claim the attack.",
])
def test_who_said_nothing_is_no_source_and_no_claim(annotate, sentence):
    assert sources(annotate, sentence) == []


def test_a_group_that_claims_is_a_claim(annotate):
    found = sources(annotate, "A bomb went off at a market in Mogadishu. Al Shabaab claimed responsibility.")
    assert found == [("Al Shabaab", "Al Shabaab", "CLAIMED")]
