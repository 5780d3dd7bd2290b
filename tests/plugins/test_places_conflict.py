"""Places where conflicts happen: districts and provinces in local and English forms, the coders' locators
("X village (Afgooye, Lower Shabelle)", "X, Y province", "near X in Z district"), wire datelines, "the
capital". Sentences written for these tests (no third-party text); real spaCy, real gazetteer, real pipeline."""

from __future__ import annotations

import pytest

from fieldreport.plugins.places import gazetteer, recognize
from fieldreport.v1 import fieldreport_pb2 as pb


def places(annotate, text: str) -> dict[str, pb.Place]:
    doc = annotate(text, published="2025-06-01", plugins=("places",))
    return {p.text: p for p in doc.get("places")}


def events(annotate, text: str) -> list[pb.Event]:
    return list(annotate(text, published="2025-06-01").get("events"))


def near(place: pb.Place, lat: float, lon: float, km: float = 3.0) -> bool:
    return gazetteer.distance_km(place.latitude, place.longitude, lat, lon) <= km


# -- the index: divisions and their names -----------------------------------------------------------


def test_admin1_names_in_local_and_english_forms_are_one_division():
    gaz = gazetteer.default()

    def admin1(name: str) -> list[tuple[int, str, str]]:
        return [(e.id, e.country, e.name) for e, _own in gaz.lookup(name) if e.feature == "admin1"]

    lower_shabelle = admin1("Lower Shabelle")
    assert [(cc, name) for _id, cc, name in lower_shabelle] == [("SO", "Lower Shabeelle")]
    assert admin1("Shabeellaha Hoose") == lower_shabelle == admin1("Lower Shabeelle")
    assert [cc for _id, cc, _name in admin1("Deir-ez-Zor")] == ["SY"] == [cc for _id, cc, _n in admin1("Deir ez-Zor")]
    assert [cc for _id, cc, _name in admin1("Khyber Pakhtunkhwa")] == ["PK"]
    assert gaz.lookup("Borno")[0][0].feature == "admin1" and gaz.lookup("Borno")[0][0].country == "NG"


def test_admin2_divisions_have_their_geonames_id_seat_and_admin1():
    gaz = gazetteer.default()
    afgooye = [e for e, _own in gaz.lookup("Afgooye") if e.feature == "admin2"]
    assert [(e.id, e.country, e.admin1) for e in afgooye] == [(9179684, "SO", "Lower Shabeelle")]
    town = [e for e, _own in gaz.lookup("Afgooye") if e.feature == "city"][0]
    assert (afgooye[0].lat, afgooye[0].lon) == (town.lat, town.lon)  # the seat's point, not a random town's
    konduga = {e.feature: e for e, _own in gaz.lookup("Konduga")}
    assert konduga["city"].admin2 == "Konduga" and konduga["city"].admin1 == "Borno State"
    assert konduga["admin2"].country == "NG"


def test_acronyms_and_three_letter_words_do_not_match_alternate_names():
    gaz = gazetteer.default()
    assert gaz.lookup("PDP") == () and gaz.lookup("STC") == () and gaz.lookup("KenGen") == ()
    assert [e.country for e, _own in gaz.lookup("US") if e.feature == "country"] == ["US"]
    assert gaz.lookup("LAGOS")[0][0].name == "Lagos"


@pytest.mark.parametrize("inside,parts", [
    ("Afgooye, Lower Shabelle", ["Afgooye", "Lower Shabelle"]),
    ("Deir-ez-Zor", ["Deir-ez-Zor"]),
    ("SNA", []),
    ("size=no report", []),
    ("at least 9", []),
    ("the army said", []),
])
def test_what_a_bracketed_locator_is(inside, parts):
    assert recognize.locator_parts(inside) == parts


# -- the coders' conventions ----------------------------------------------------------------------------


def test_a_village_the_gazetteer_lacks_is_placed_at_its_district_with_precision_admin2(annotate):
    text = ("On 3 March 2025, Al Shabaab militants attacked a police post in Jiliyaale village (Afgooye, "
            "Lower Shabelle), killing 2 officers.")
    found = places(annotate, text)
    assert found["Jiliyaale"].precision == "unresolved"
    afgooye = found["Afgooye"]
    assert (afgooye.name, afgooye.feature, afgooye.precision, afgooye.country_code, afgooye.admin1,
            afgooye.geonames_id) == ("Afgooye", "admin2", "admin2", "SO", "Lower Shabeelle", 9179684)
    assert near(afgooye, 2.138, 45.121)
    region = found["Lower Shabelle"]
    assert (region.name, region.precision, region.country_code) == ("Lower Shabeelle", "admin1", "SO")
    (event,) = events(annotate, text)
    assert (event.where.name, event.where.precision) == ("Afgooye", "admin2")


def test_a_namesake_in_another_country_is_not_the_place_the_locator_puts_it_in(annotate):
    found = places(annotate, "On 1 May 2024, Armenian forces fired on Azerbaijani positions located at Goyali, "
                             "Gadabay.")
    assert found["Goyali"].precision == "unresolved"  # GeoNames' Goyali is in India
    # the unit after the comma is the division (Azerbaijan's rayons are GeoNames' admin1)
    gadabay = found["Gadabay"]
    assert (gadabay.country_code, gadabay.name, gadabay.precision) == ("AZ", "Gadabay District", "admin1")


def test_a_region_in_brackets_after_an_unknown_village_places_the_event_at_the_region(annotate):
    text = "On 2 May 2024, SDF forces clashed with ISIS militants in Thiban (Deir-ez-Zor), killing 4 fighters."
    found = places(annotate, text)
    assert found["Thiban"].precision == "unresolved"
    assert (found["Deir-ez-Zor"].precision, found["Deir-ez-Zor"].country_code) == ("admin1", "SY")
    (event,) = events(annotate, text)
    assert (event.where.country_code, event.where.precision, event.where.name) == ("SY", "admin1", "Deir ez-Zor")


def test_town_comma_governorate(annotate):  # Yemen
    found = places(annotate, "On 5 May 2024, Houthi forces shelled Hays town, Al Hodeidah governorate, killing a "
                             "child.")
    hays = found["Hays"]
    assert (hays.name, hays.country_code, hays.admin1, hays.precision) == ("Ḩays", "YE", "Al Hudaydah", "exact")
    assert near(hays, 13.932, 43.483)
    assert (found["Al Hodeidah"].feature, found["Al Hodeidah"].country_code) == ("admin1", "YE")


def test_city_and_province_of_one_name(annotate):  # Afghanistan
    found = places(annotate, "On 7 Feb 2024, the Taliban arrested two men in Khost city, Khost province.")
    assert (found["Khost"].name, found["Khost"].country_code, found["Khost"].precision) == ("Khōst", "AF", "exact")
    assert (found["Khost province"].name, found["Khost province"].precision) == ("Khowst", "admin1")


def test_the_x_area_of_y_oblast(annotate):  # Ukraine
    found = places(annotate, "On 12 April 2024, Russian forces shelled the Bilozerka area of Kherson oblast, "
                             "injuring 3 civilians.")
    bilozerka = found["Bilozerka"]
    assert (bilozerka.country_code, bilozerka.admin1, bilozerka.precision) == ("UA", "Kherson", "exact")
    assert near(bilozerka, 46.627, 32.444)


def test_near_x_in_y_state(annotate):  # Myanmar
    found = places(annotate, "On 2 March 2024, the Kachin Independence Army clashed with the military near Hpakant "
                             "in Kachin state.")
    hpakant = found["Hpakant"]
    assert (hpakant.name, hpakant.country_code, hpakant.precision) == ("Hpākān", "MM", "near")
    assert near(hpakant, 25.614, 96.315)


def test_village_territory_province_in_brackets(annotate):  # DR Congo
    text = "On 8 May 2024, ADF rebels killed 9 civilians in Mamove village (Beni, Nord-Kivu) with machetes."
    found = places(annotate, text)
    beni = found["Beni"]
    assert (beni.country_code, beni.feature, beni.precision, beni.admin1) == ("CD", "admin2", "admin2", "Nord Kivu")
    assert near(beni, 0.491, 29.473)
    assert (found["Nord-Kivu"].name, found["Nord-Kivu"].precision) == ("Nord Kivu", "admin1")


def test_town_municipality_comma_state_is_the_municipality_in_its_state(annotate):  # Mexico
    text = "Around 2 May 2024, in Fresnillo municipality, Zacatecas, two women were found dead. 2 fatalities."
    found = places(annotate, text)
    assert (found["Fresnillo"].feature, found["Fresnillo"].precision, found["Fresnillo"].admin1) == (
        "admin2", "admin2", "Zacatecas")
    assert (found["Zacatecas"].feature, found["Zacatecas"].country_code) == ("admin1", "MX")
    assert [e.where.name for e in events(annotate, text)] == ["Fresnillo"]


def test_words_of_an_institutions_name_are_no_places(annotate):  # Brazil
    found = places(annotate, "On 3 May 2024, in Manaus, Amazonas, people protested against the Minister of Justice.")
    assert "Justice" not in found
    assert (found["Manaus"].country_code, found["Manaus"].admin1) == ("BR", "Amazonas")


def test_town_comma_department(annotate):  # Colombia
    found = places(annotate, "On 20 April 2024, ELN guerrillas attacked a police station in Tumaco, Narino. No one "
                             "was hurt.")
    assert (found["Tumaco"].country_code, found["Tumaco"].admin1, found["Tumaco"].precision) == ("CO", "Nariño",
                                                                                                  "exact")
    assert near(found["Tumaco"], 1.791, -78.793)


def test_a_town_of_two_countries_is_the_one_in_the_state_named_after_the_comma(annotate):  # Mexico
    found = places(annotate, "On 11 July 2024, gunmen of the CJNG shot dead three men in Zamora, Michoacan.")
    zamora = found["Zamora"]
    assert (zamora.name, zamora.country_code, zamora.admin1) == ("Zamora de Hidalgo", "MX", "Michoacán")


def test_town_in_brackets_with_its_province(annotate):  # Burkina Faso
    found = places(annotate, "On 14 June 2025, JNIM militants attacked the army detachment in Djibo (Djibo, Soum), "
                             "killing 11 soldiers.")
    assert (found["Djibo"].country_code, found["Djibo"].admin1, found["Djibo"].precision) == ("BF", "Sahel", "exact")
    assert (found["Soum"].country_code, found["Soum"].feature) == ("BF", "admin2")


def test_near_a_village_in_a_circle(annotate):  # Mali
    found = places(annotate, "On 9 June 2023, unidentified gunmen killed a farmer near Kolfata in Bankass circle, "
                             "Mopti region.")
    assert (found["Bankass"].country_code, found["Bankass"].admin1) == ("ML", "Mopti")
    assert near(found["Bankass"], 14.078, -3.516)
    assert found["Mopti"].precision == "admin1"


def test_a_party_acronym_is_no_place(annotate):  # Nigeria
    found = places(annotate, "Police fired tear gas at PDP supporters in Yola on Saturday.")
    assert "PDP" not in found
    assert (found["Yola"].country_code, found["Yola"].admin1) == ("NG", "Adamawa")


# -- what analysts saw go wrong (issue 9, item 6) ---------------------------------------------------------


def test_the_town_the_story_names_wins_over_the_wire_datelines_city(annotate):
    text = ("LAGOS, Nigeria (Wire) - Gunmen killed 12 people in the town of Gwoza in Borno state on Sunday, "
            "residents said.")
    found = places(annotate, text)
    assert found["LAGOS"].name == "Lagos"  # the dateline is still a place of the document
    (event,) = events(annotate, text)
    assert (event.where.name, event.where.country_code, event.where.admin1) == ("Gwoza", "NG", "Borno State")
    assert near(event.where, 11.083, 13.696)


def test_a_dateline_town_stays_the_place_when_the_story_names_no_town(annotate):
    (event,) = events(annotate, "KANO, Nigeria (Wire) - Gunmen killed 5 traders at a cattle market on Sunday, "
                                "police said.")
    assert (event.where.name, event.where.country_code) == ("Kano", "NG")


def test_the_capital_is_recognised_and_a_closing_similar_rallies_sentence_does_not_move_the_protest(annotate):
    text = ("Thousands of students marched in the capital on Thursday to demand free education, Chilean police "
            "said. Similar rallies took place in Valparaiso without incident.")
    found = places(annotate, text)
    capital = found["the capital"]
    assert (capital.name, capital.country_code, capital.precision) == ("Santiago", "CL", "exact")
    assert near(capital, -33.457, -70.648)
    first = events(annotate, text)[0]
    assert (first.where.name, first.where.country_code) == ("Santiago", "CL")


@pytest.mark.parametrize("phrase,name,country", [
    ("in the Kenyan capital", "Nairobi", "KE"),
    ("in Mali's capital", "Bamako", "ML"),
])
def test_the_capital_of_a_country_named(annotate, phrase, name, country):
    found = places(annotate, f"Hundreds of protesters gathered outside parliament {phrase} on Tuesday.")
    capital = next(p for p in found.values() if p.text.endswith("capital"))
    assert (capital.name, capital.country_code) == (name, country)


def test_a_state_capital_is_not_the_national_capital(annotate):
    found = places(annotate, "Gunmen attacked a checkpoint in the capital of Borno state on Friday.")
    assert not any(p.text.endswith("capital") for p in found.values())
