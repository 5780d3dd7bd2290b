"""Places: recognition, cues, disambiguation in context, Normalize LOCATION — real spaCy, real gazetteer."""

from __future__ import annotations

import os
import pathlib
import stat
import tempfile

import pytest

from fieldreport.plugins.places import gazetteer
from fieldreport.v1 import fieldreport_pb2 as pb


def places(annotate, text: str) -> dict[str, pb.Place]:
    doc = annotate(text, plugins=("places",))
    return {p.text: p for p in doc.get("places")}


def normalize(pipeline, text: str, context: str = "", hint: str = "") -> pb.NormalizeResult:
    item = pb.NormalizeItem(kind=pb.NormalizeItem.LOCATION, text=text,
                            context=pb.NormalizeContext(sentence=context, country_hint=hint))
    return pipeline.normalize_item(item, "items[0]")


def close(place: pb.Place, lat: float, lon: float, km: float = 5.0) -> bool:
    return gazetteer.distance_km(place.latitude, place.longitude, lat, lon) <= km


# -- recognition beyond spaCy's GPE, and the cues around a toponym ---------------------------------


def test_a_town_spacy_calls_a_person_is_a_place_near_the_town_of(annotate):
    found = places(annotate, "Militants attacked an army post near the town of Mayadin on Tuesday, killing three.")
    mayadin = found["Mayadin"]
    assert (mayadin.name, mayadin.geonames_id, mayadin.country_code, mayadin.admin1) == \
        ("Al Mayādīn", 173480, "SY", "Deir ez-Zor")
    assert mayadin.precision == "near"
    assert mayadin.feature == "city"
    assert close(mayadin, 35.0198, 40.4515)
    assert (mayadin.span.begin, mayadin.span.end) == (49, 56)


def test_objects_of_verbs_like_fled_are_places_whatever_spacy_labels_them(annotate):
    found = places(annotate, "Families fled Yalda and Babbila, south of Damascus, as fighting moved closer.")
    assert sorted(found) == ["Babbila", "Damascus", "Yalda"]
    assert {p.country_code for p in found.values()} == {"SY"}
    assert found["Babbila"].geonames_id == 171998
    assert found["Damascus"].geonames_id == 170654
    assert all(close(p, 33.49, 36.31, km=12) for p in found.values())


def test_a_person_named_like_a_place_stays_out(annotate):
    found = places(annotate, "Jordan Peterson told the audience in Toronto that he would write another book.")
    assert sorted(found) == ["Toronto"]
    assert (found["Toronto"].country_code, found["Toronto"].admin1) == ("CA", "Ontario")


def test_distance_and_bearing_make_an_offset_from_a_city(annotate):
    kirkuk = places(annotate, "A car bomb exploded 44 km southeast of Kirkuk, police said.")["Kirkuk"]
    assert kirkuk.precision == "offset"
    assert (kirkuk.geonames_id, kirkuk.country_code, kirkuk.feature) == (94787, "IQ", "city")


def test_province_of_x_and_x_province_are_admin1(annotate):
    found = places(annotate, "Clashes spread across the province of Idlib and into Hama province overnight.")
    assert sorted(found) == ["Hama", "Idlib"]
    for name, place in found.items():
        assert (place.precision, place.feature, place.country_code, place.admin1) == ("admin1", "admin1", "SY", name)
    assert found["Hama"].span.text == "Hama"
    assert close(found["Hama"], 35.2, 36.8, km=60)


def test_the_example_sentences_of_a_syrian_report(annotate):
    text = ("Four servicemen were killed near Mayadin in Deir ez-Zor province, Syria, the ministry in Russia said. "
            "Army units also shelled Babbila and Beit Sahem, on the edge of Damascus.")
    found = places(annotate, text)
    assert found["Deir ez-Zor"].precision == "admin1"
    assert found["Mayadin"].precision == "near"
    assert (found["Syria"].precision, found["Syria"].country_code) == ("country", "SY")
    assert (found["Russia"].precision, found["Russia"].country_code) == ("country", "RU")
    assert close(found["Beit Sahem"], 33.455, 36.336, km=2)
    assert found["Babbila"].country_code == found["Damascus"].country_code == "SY"


# -- disambiguation by the document's context ------------------------------------------------------


def test_paris_texas_story_against_a_paris_france_story(annotate):
    texas = places(annotate, "Paris police said the fire started in a warehouse. Lamar County deputies and "
                             "firefighters from other Texas towns helped.")["Paris"]
    france = places(annotate, "Thousands marched through Paris on Saturday; French unions said the strike "
                              "would go on.")["Paris"]
    assert (texas.geonames_id, texas.country_code, texas.admin1) == (4717560, "US", "Texas")
    assert (france.geonames_id, france.country_code) == (2988507, "FR")
    assert close(france, 48.853, 2.349)


def test_the_state_named_elsewhere_decides_the_town(annotate):
    found = places(annotate, "The Springfield city council approved the budget on Monday. Illinois lawmakers "
                             "promised more money for downstate roads.")
    assert (found["Springfield"].geonames_id, found["Springfield"].admin1) == (4250542, "Illinois")
    assert close(found["Springfield"], 39.80, -89.64)
    found = places(annotate, "Reporters in Alexandria heard the governor of Virginia speak about the tunnel.")
    assert (found["Alexandria"].geonames_id, found["Alexandria"].admin1) == (4744091, "Virginia")
    assert found["Virginia"].geonames_id == 6254928


def test_nearby_towns_support_one_another_without_a_state_named(annotate):
    found = places(annotate, "Crews from Alexandria and St. Cloud cleared snow on roads across Douglas County "
                             "on Sunday.")
    assert {p.admin1 for p in found.values()} == {"Minnesota"}


def test_syrian_hama_is_the_city_without_a_cue(annotate):
    hama = places(annotate, "Shelling hit Hama again, the Syrian Observatory said.")["Hama"]
    assert (hama.geonames_id, hama.country_code, hama.precision) == (170017, "SY", "exact")


# -- Normalize LOCATION ----------------------------------------------------------------------------


def test_normalize_without_context_prefers_the_most_prominent_with_alternatives(pipeline):
    result = normalize(pipeline, "Paris")
    assert (result.best.place.geonames_id, result.best.place.country_code) == (2988507, "FR")
    assert result.best.confidence > 0.8
    assert len(result.alternatives) == 4
    assert all(alt.place.name == "Paris" and alt.confidence < result.best.confidence for alt in result.alternatives)
    assert 4717560 in {alt.place.geonames_id for alt in result.alternatives}


def test_normalize_with_the_document_as_context(pipeline):
    context = ("Paris police said the fire started in a warehouse. Lamar County deputies and firefighters from "
               "other Texas towns helped.")
    result = normalize(pipeline, "Paris", context)
    assert (result.best.place.geonames_id, result.best.place.admin1) == (4717560, "Texas")
    assert result.best.confidence > 0.9
    assert result.alternatives[0].place.country_code in {"US", "FR"}
    # the same context again comes from the cache, with the same answer
    assert normalize(pipeline, "Paris", context) == result


def test_normalize_a_name_the_context_mentions_only_in_passing(pipeline):
    context = "Delegates from Georgia and Alabama met in Atlanta to talk about water rights."
    georgia = normalize(pipeline, "Georgia", context).best.place
    assert (georgia.geonames_id, georgia.country_code, georgia.feature) == (4197000, "US", "admin1")
    assert normalize(pipeline, "Georgia", "Tbilisi and Moscow traded accusations.").best.place.country_code == "GE"


def test_normalize_reads_the_cues_around_the_item_in_its_context(pipeline):
    result = normalize(pipeline, "Hama", "Rockets fell on villages in Hama province overnight.")
    assert (result.best.place.feature, result.best.place.precision, result.best.place.admin1) == \
        ("admin1", "admin1", "Hama")
    result = normalize(pipeline, "Kirkuk", "The convoy was hit 30 miles south of Kirkuk.")
    assert (result.best.place.geonames_id, result.best.place.precision) == (94787, "offset")


def test_normalize_country_hint_and_qualified_names(pipeline):
    assert normalize(pipeline, "Springfield, Illinois").best.place.geonames_id == 4250542
    assert normalize(pipeline, "Ga.").best.place.geonames_id == 4197000
    assert normalize(pipeline, "Alexandria", hint="EG").best.place.country_code == "EG"
    assert normalize(pipeline, "Alexandria", hint="US").best.place.country_code == "US"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Texan", "Texas", "US"), ("Minnesotans", "Minnesota", "US"), ("Cypriot", "Cyprus", "CY"),
    ("European", "Europe", ""), ("Syrians", "Syria", "SY"),
])
def test_normalize_demonyms_name_their_place(pipeline, text, name, country):
    place = normalize(pipeline, text).best.place
    assert (place.name, place.country_code) == (name, country)


def test_normalize_unknown_place_gives_no_value(pipeline):
    result = normalize(pipeline, "Qwertyzxcv")
    assert not result.HasField("best")
    assert len(result.alternatives) == 0


# -- the gazetteer index ---------------------------------------------------------------------------


def test_a_finished_index_is_readable_by_other_users(tmp_path):
    """The index is written through mkstemp (0600): the container image builds it as root and serves as
    uid 10001, so the published file takes the umask's mode, as any new file would."""
    fd, tmp = tempfile.mkstemp(dir=tmp_path, suffix=".tmp")
    os.close(fd)
    target = tmp_path / "gazetteer-0000.sqlite"
    old = os.umask(0o022)
    try:
        gazetteer._publish(pathlib.Path(tmp), target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not pathlib.Path(tmp).exists()


def test_gazetteer_entries_and_names():
    gaz = gazetteer.default()
    assert gaz.path.name.startswith("gazetteer-") and gaz.path.stat().st_size > 10_000_000
    texas = [e for e, own in gaz.lookup("Texas") if e.feature == "admin1"]
    assert [(e.id, e.country, e.admin1_code) for e in texas] == [(4736286, "US", "TX")]
    assert close(pb.Place(latitude=texas[0].lat, longitude=texas[0].lon), 31.25, -99.25, km=161)
    europe = [e for e, _own in gaz.lookup("Europe") if e.feature == "continent"]
    assert [e.id for e in europe] == [6255148]
    assert gaz.lookup("County") == () and gaz.lookup("Mayor") == ()
    assert gazetteer.normalize_name("al-Hajar al-Aswad") == "hajar al aswad"


def test_a_town_too_small_for_cities500_comes_from_the_post_office_list(annotate):
    found = places(annotate, "Snow closed the road between Craftsbury and Montpelier, Vermont, on Monday.")
    craftsbury = found["Craftsbury"]
    assert (craftsbury.country_code, craftsbury.admin1, craftsbury.geonames_id) == ("US", "Vermont", 0)
    assert close(craftsbury, 44.637, -72.412, km=2)
    assert found["Montpelier"].admin1 == "Vermont"


def test_a_river_named_after_a_town_is_near_that_town(annotate):
    found = places(annotate, "Volunteers pulled tires out of the Susquehanna River in Pennsylvania on Saturday.")
    river = found["Susquehanna River"]
    assert (river.precision, river.country_code, river.admin1) == ("near", "US", "Pennsylvania")


def test_town_names_in_front_of_people_and_institutions(annotate):
    text = ("An Arlington man was arrested Friday after a chase through Fairfax County, Virginia. The Arlington "
            "County Police Department said he studied at the University of Kentucky.")
    found = {(p.span.begin, p.span.end): p for p in annotate(text, plugins=("places",)).get("places")}
    texts = sorted(p.text for p in found.values())
    assert texts == ["Arlington", "Arlington County", "Fairfax County", "Kentucky", "Virginia"]
    assert {p.admin1 for p in found.values() if p.text != "Kentucky"} == {"Virginia"}
    assert found[(3, 12)].text == "Arlington" and found[(3, 12)].feature == "city"


def test_a_dateline_place_spacy_calls_an_organisation_is_a_place(annotate):
    doc = annotate("GAO (AFP) - Jihadists shot dead four traders at a market on Friday.", plugins=("places",))
    (gao,) = doc.get("places")
    assert (gao.text, gao.name, gao.country_code, gao.feature) == ("GAO", "Gao", "ML", "city")
    assert (gao.span.begin, gao.span.end) == (0, 3)


def test_a_direction_or_nearby_between_the_preposition_and_the_name_keeps_the_cue(annotate):
    found = places(annotate, "Jihadists shot dead four traders at a market in eastern Burkina Faso on Friday, "
                             "the mayor of nearby Kaya said.")
    assert (found["Kaya"].country_code, found["Kaya"].feature) == ("BF", "city")
    assert close(found["Kaya"], 13.09, -1.08, km=10)
    assert found["Burkina Faso"].feature == "country"


def test_metro_police_and_a_university_named_after_a_person_are_no_places(annotate):
    found = places(annotate, "Metro police said the two wounded men were taken to Vanderbilt University Medical "
                             "Center in Nashville.")
    assert sorted(found) == ["Nashville"]
    assert found["Nashville"].admin1 == "Tennessee"


def test_a_word_of_a_persons_full_name_is_that_person_later(annotate):
    found = places(annotate, "Police said Daniel Weston died at the scene in Tulsa. A fund was set up in Weston's "
                             "honor by his family.")
    assert sorted(found) == ["Tulsa"]


def test_a_dateline_of_words_that_name_no_place_is_harmless(annotate):
    doc = annotate("CITY HALL (AP) - Two officers were hurt in a crash.", plugins=("places",))
    assert [p.text for p in doc.get("places")] == []
    assert not doc.warnings
