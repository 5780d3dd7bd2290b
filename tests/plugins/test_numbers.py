"""The numbers plugin: counts with qualifiers, number words and digits, vague words, numbers that count nothing."""

from __future__ import annotations

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb

Q = pb.Count


def quantities(annotate, text: str) -> list[pb.Count]:
    return list(annotate(text, plugins=("numbers",)).get("quantities"))


def only(annotate, text: str) -> pb.Count:
    found = quantities(annotate, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def fields(count: pb.Count) -> tuple:
    def get(name):
        return getattr(count, name) if count.HasField(name) else None

    return count.text, Q.Qualifier.Name(count.qualifier), get("value"), get("low"), get("high")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Four guards were hurt in the raid.", ("Four", "EXACT", 4, None, None)),
    ("The raid left 43 fighters dead.", ("43", "EXACT", 43, None, None)),
    ("Forty-three fighters died in the raid.", ("Forty-three", "EXACT", 43, None, None)),
    ("The storm forced 1,200 residents from their homes.", ("1,200", "EXACT", 1200, None, None)),
    ("Two hundred and fifty families fled the valley.", ("Two hundred and fifty", "EXACT", 250, None, None)),
    ("A dozen miners were trapped underground.", ("A dozen", "EXACT", 12, None, None)),
    ("Some 43 fighters were killed overnight.", ("Some 43", "APPROXIMATE", 43, None, None)),
    ("About 12 people gathered outside.", ("About 12", "APPROXIMATE", 12, None, None)),
    ("Around thirty cars burned.", ("Around thirty", "APPROXIMATE", 30, None, None)),
    ("Nearly 50 farmers lost their herds.", ("Nearly 50", "APPROXIMATE", 50, None, None)),
    ("An estimated 200 pilgrims were stranded.", ("An estimated 200", "APPROXIMATE", 200, None, None)),
    ("At least 26 soldiers were wounded.", ("At least 26", "AT_LEAST", 26, 26, None)),
    ("More than 40 villagers were taken away.", ("More than 40", "AT_LEAST", 40, 40, None)),
    ("The clinic treated 20 or more patients.", ("20 or more", "AT_LEAST", 20, 20, None)),
    ("Up to 15 guards were on duty.", ("Up to 15", "AT_MOST", 15, None, 15)),
    ("As many as 9 boats capsized.", ("As many as 9", "AT_MOST", 9, None, 9)),
    ("Between 5 and 7 workers were missing.", ("Between 5 and 7", "RANGE", 5, 5, 7)),
    ("Between five and seven workers were missing.", ("Between five and seven", "RANGE", 5, 5, 7)),
    ("The blast hurt 5-7 workers.", ("5-7", "RANGE", 5, 5, 7)),
    ("Two or three riders fell.", ("Two or three", "RANGE", 2, 2, 3)),
])
def test_counts_with_qualifiers(annotate, sentence, expected):
    assert fields(only(annotate, sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # ACLED's convention: "tens" 10, "dozens" 12, "hundreds" 100 (and "thousands" 1000)
    ("Dozens of protesters were detained.", ("Dozens", "VAGUE", 12, 12, None)),
    ("Hundreds of families fled.", ("Hundreds", "VAGUE", 100, 100, None)),
    ("Tens of shops were looted.", ("Tens", "VAGUE", 10, 10, None)),
    ("Thousands of people marched.", ("Thousands", "VAGUE", 1000, 1000, None)),
    # ours, in the same spirit
    ("Scores of houses burned.", ("Scores", "VAGUE", 20, 20, None)),
    ("Several guards were hurt.", ("Several", "VAGUE", 3, 3, None)),
    ("A few shops stayed open.", ("A few", "VAGUE", 3, 3, None)),
    ("A couple of riders fell.", ("A couple", "VAGUE", 2, 2, None)),
])
def test_vague_words_carry_their_documented_figure(annotate, sentence, expected):
    assert fields(only(annotate, sentence)) == expected


def test_a_group_of_is_unknown_never_zero_nor_one(annotate):
    count = only(annotate, "A group of gunmen stormed the bank.")
    assert fields(count) == ("A group of", "UNKNOWN", None, None, None)
    assert count.unit == "gunmen"


def test_unit_is_what_is_counted(annotate):
    found = quantities(annotate, "Nine Russian soldiers and at least 26 Syrian army troopers died.")
    assert [(q.text, q.unit) for q in found] == [("Nine", "Russian soldiers"), ("at least 26", "Syrian army troopers")]


def test_offsets_cover_the_qualifier(annotate):
    text = "Officials said some 43 fighters died."
    count = only(annotate, text)
    assert text[count.span.begin:count.span.end] == "some 43" == count.span.text


@pytest.mark.parametrize("sentence", [
    "A 17-year-old was arrested on Friday.",
    "John Smith, 24, lives on the street.",
    "It happened in the 6500 block of Elm Street.",
    "Police arrived at 12:45 a.m. on the scene.",
    "The deal was worth $2 billion to the firm.",
    "He carried a 9mm handgun and a .45 caliber pistol.",
    "The mill closed in 2015 after a fire.",
    "The crash closed Highway 101 near the bridge.",
    "Anyone who saw it should call 555-123-4567 today.",
    "The town lies 44 kilometers south of the capital.",
    "The standoff lasted three hours.",
    "She finished 3rd in the race.",
    "Ages 21 to 36, they were all from the town.",
])
def test_numbers_that_count_nothing_are_left_out(annotate, sentence):
    assert quantities(annotate, sentence) == []


def test_a_count_beside_non_counts(annotate):
    found = quantities(annotate, "At 12:45 a.m. two men, 19 and 24, were shot in the 6500 block of Elm Street.")
    assert [fields(q) for q in found] == [("two", "EXACT", 2, None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("some 43", ("some 43", "APPROXIMATE", 43, None, None)),
    ("at least 26", ("at least 26", "AT_LEAST", 26, 26, None)),
    ("dozens", ("dozens", "VAGUE", 12, 12, None)),
    ("a group of", ("a group of", "UNKNOWN", None, None, None)),
    ("twenty-one", ("twenty-one", "EXACT", 21, None, None)),
])
def test_normalize_quantity(pipeline, text, expected):
    result = pipeline.normalize_item(pb.NormalizeItem(kind=pb.NormalizeItem.QUANTITY, text=text), "items[0]")
    assert fields(result.best.quantity) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("some 40 rebels", ("some 40", "APPROXIMATE", 40, None, None, "rebels")),
    ("at least 12 police officers", ("at least 12", "AT_LEAST", 12, 12, None, "police officers")),
    ("a band of smugglers", ("a band of smugglers", "UNKNOWN", None, None, None, "")),
])
def test_normalize_quantity_with_what_it_counts(pipeline, text, expected):
    result = pipeline.normalize_item(pb.NormalizeItem(kind=pb.NormalizeItem.QUANTITY, text=text), "items[0]")
    assert (*fields(result.best.quantity), result.best.quantity.unit) == expected
    assert not result.best.quantity.HasField("span")


def test_normalize_quantity_of_no_number_gives_nothing(pipeline):
    result = pipeline.normalize_item(pb.NormalizeItem(kind=pb.NormalizeItem.QUANTITY, text="the mayor"), "items[0]")
    assert not result.HasField("best")


@pytest.mark.parametrize("sentence", [
    "Sixteen year-old boy wounded near the lake.",
    "A 5 year old was hurt by a stray bullet.",
])
def test_an_age_written_apart_is_no_count(annotate, sentence):
    assert quantities(annotate, sentence) == []


def test_ages_coordinated_after_a_noun_are_no_counts(annotate):
    found = quantities(annotate, "Two women, 33 and 47, were hurt in the crash.")
    assert [fields(q) for q in found] == [("Two", "EXACT", 2, None, None)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # so many dozens: the number of dozens times 12 ("dozens" alone stays vague, ACLED's 12)
    ("Gunmen seized two dozen passengers on the highway.", ("two dozen", "EXACT", 24, None, None)),
    ("Three dozen houses burned.", ("Three dozen", "EXACT", 36, None, None)),
    ("About two dozen fighters crossed the river.", ("About two dozen", "APPROXIMATE", 24, None, None)),
    ("At least two dozen traders were robbed.", ("At least two dozen", "AT_LEAST", 24, 24, None)),
    ("Half a dozen guards ran.", ("Half a dozen", "EXACT", 6, None, None)),
    ("Dozens of shops were looted.", ("Dozens", "VAGUE", 12, 12, None)),
])
def test_dozens_counted(annotate, sentence, expected):
    assert fields(only(annotate, sentence)) == expected
