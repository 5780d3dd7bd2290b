"""The actors plugin: canonical names from aliases, actor noun phrases typed by their head, ACLED actor
types and countries, external forces, ministries named again, and Normalize ACTOR."""

from __future__ import annotations

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb


def actors(annotate, text: str) -> list[tuple[str, str, str, str]]:
    doc = annotate(text, plugins=("actors",))
    return [(a.text, a.name, a.actor_type, a.country) for a in doc.get("actors")]


@pytest.mark.parametrize("alias", ["Daesh", "ISIS", "ISIL", "Takfiri terrorists", "Islamic State group"])
def test_islamic_state_aliases(annotate, alias):
    found = actors(annotate, f"The army said {alias} attacked a checkpoint in Syria.")
    assert (alias, "Islamic State (Syria)", "rebel_group", "SY") in found  # ACLED: Islamic State (Syria)


def test_russian_defense_ministry_and_the_ministry_again(annotate):
    found = actors(annotate, "Russian Defense Ministry said four soldiers died in Syria. The ministry said "
                             "two more were hurt.")
    ministries = [f for f in found if f[1].startswith("Ministry")]
    assert ministries == [("Russian Defense Ministry", "Ministry of Defence of Russia", "state_forces", "RU"),
                          ("The ministry", "Ministry of Defence of Russia", "state_forces", "RU")]


def test_noun_phrases_typed_by_their_head_with_country(annotate):
    text = ("Militants attacked Syrian soldiers and Russian servicemen near Palmyra in Syria, and villagers fled; "
            "Russian private military contractors were also there.")
    found = {a[0]: a[1:] for a in actors(annotate, text)}
    assert found["Militants"] == ("Unidentified Armed Group (Syria)", "rebel_group", "SY")
    assert found["Syrian soldiers"] == ("Military Forces of Syria", "state_forces", "SY")
    # ACLED: state forces acting outside their own country are external forces
    assert found["Russian servicemen"] == ("Military Forces of Russia", "external_forces", "RU")
    assert found["villagers"] == ("Civilians (Syria)", "civilians", "SY")
    assert found["Russian private military contractors"] == ("Private Military Contractors (Russia)",
                                                             "external_forces", "RU")


def test_two_nationalities_sharing_a_noun_are_two_actors(annotate):
    found = actors(annotate, "Syrian and Russian forces were hit near Hama in Syria.")
    assert [(a[0], a[1]) for a in found] == [("Syrian", "Military Forces of Syria"),
                                             ("Russian forces", "Military Forces of Russia")]


def test_police_units_and_protesters(annotate):
    text = "Protesters marched on a police checkpoint in Nairobi, Kenya, and officers fired tear gas."
    found = {a[0]: a[1:] for a in actors(annotate, text)}
    assert found["Protesters"] == ("Protesters (Kenya)", "protesters", "KE")
    assert found["police checkpoint"] == ("Police Forces of Kenya", "state_forces", "KE")
    assert found["officers"] == ("Police Forces of Kenya", "state_forces", "KE")


def test_named_groups_keep_their_country(annotate):
    found = actors(annotate, "Boko Haram fighters and al-Shabab militants were named in the report.")
    assert ("Boko Haram", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", "rebel_group", "NG") in found
    assert ("al-Shabab", "Al Shabaab", "rebel_group", "SO") in found


def test_a_monitor_speaking_stays_the_monitor(annotate):
    found = actors(annotate, "Observatory head Rami Abdel Rahman said nine soldiers were killed in Syria.")
    assert found[0][:3] == ("Observatory", "Syrian Observatory for Human Rights", "other")


def _normalize(pipeline, text: str, hint: str = "") -> list[pb.NormalizedValue]:
    item = pb.NormalizeItem(kind=pb.NormalizeItem.ACTOR, text=text, context=pb.NormalizeContext(country_hint=hint))
    result = pipeline.normalize_item(item, "items[0]")
    return [result.best, *result.alternatives] if result.HasField("best") else []


def test_normalize_exact_alias(pipeline):
    best = _normalize(pipeline, "ISIL")[0]
    assert (best.actor.name, best.actor.actor_type, best.confidence) == ("Islamic State", "rebel_group", 1.0)


def test_normalize_spelling_variant(pipeline):
    values = _normalize(pipeline, "Daesh terrorists")
    assert values[0].actor.name == "Islamic State"
    assert 0.8 <= values[0].confidence <= 1.0


def test_normalize_a_noun_phrase_with_a_country_hint(pipeline):
    best = _normalize(pipeline, "Russian soldiers", hint="SY")[0]
    assert (best.actor.name, best.actor.actor_type, best.actor.country) == ("Military Forces of Russia",
                                                                             "external_forces", "RU")


def test_normalize_unknown_gives_nothing(pipeline):
    assert _normalize(pipeline, "the weather") == []


# -- named people ----------------------------------------------------------------------------------------


def people(annotate, text: str) -> list[tuple[str, str, str]]:
    doc = annotate(text, plugins=("actors",))
    return [(a.text, a.name, a.actor_type) for a in doc.get("people")]


def test_a_shooter_and_the_person_killed_are_people_a_spokeswoman_is_not(annotate):
    found = people(annotate, "Police said Tom Brandt, 24, opened fire outside a bakery in Elmira on Friday, killing "
                             "Nora Vance, 31. Brandt was charged with murder on Saturday, said Sgt. Lena Moss.")
    # the later "Brandt" is the same person, under the full name; a lone attacker is no organised group
    assert found == [("Tom Brandt", "Tom Brandt", "other"), ("Nora Vance", "Nora Vance", "civilians"),
                     ("Brandt", "Tom Brandt", "other")]


def test_people_named_as_the_suspect_or_the_victim(annotate):
    found = people(annotate, "The suspect, Carl Dunmore, was arrested Sunday. Police identified the victim as "
                             "Rita Okafor, who died at the scene.")
    assert found == [("Carl Dunmore", "Carl Dunmore", "other"), ("Rita Okafor", "Rita Okafor", "civilians")]


def test_an_officer_named_with_a_rank_and_relatives_only_quoted(annotate):
    found = people(annotate, "Officer Dale Pruitt was wounded and the gunman, Evan Marsh, was killed by police. "
                             "His sister, Julia Marsh, said he had been depressed. A spokesman, Lt. Omar Reyes, told "
                             "reporters the officer would recover.")
    assert found == [("Dale Pruitt", "Dale Pruitt", "state_forces"), ("Evan Marsh", "Evan Marsh", "other")]


def test_everyone_of_a_list_charged_together(annotate):
    found = people(annotate, "Tony Baird, 21, Jerry Cole, 24, and Lee Crane, 20, are accused of killing Emma Wall, "
                             "37, in a drive-by shooting.")
    assert [(name, kind) for _, name, kind in found] == [("Tony Baird", "other"), ("Jerry Cole", "other"),
                                                        ("Lee Crane", "other"), ("Emma Wall", "civilians")]


def test_the_victims_were(annotate):
    found = people(annotate, "Those victims were 70-year-old Carl Oaks, of Ayden, and 50-year-old Hal Witt, of Ayden.")
    assert [(name, kind) for _, name, kind in found] == [("Carl Oaks", "civilians"), ("Hal Witt", "civilians")]


def test_a_surname_alone_is_the_person_the_story_is_about(annotate):
    found = people(annotate, "Kevin Hale, 30, shot his neighbour on Sunday. His mother, Doris Hale, said he had been "
                             "drinking. Hale was booked into the county jail.")
    assert found == [("Kevin Hale", "Kevin Hale", "other"), ("Hale", "Kevin Hale", "other")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Detectives said Gus Ferrante faces two counts of murder.", ("Gus Ferrante", "other")),
    ("Ivo Brandl was identified as the shooter.", ("Ivo Brandl", "other")),
    ("Detectives are still investigating Rita Okafor's killing.", ("Rita Okafor", "civilians")),
    ("Selma Ortiz, 31, was pronounced dead at a hospital.", ("Selma Ortiz", "civilians")),
    ("Police are searching for Dean Holloway, who is wanted in the killing.", ("Dean Holloway", "other")),
    ("Omar Pike, 24, is one of three suspected gunmen in a shooting that left two dead.", ("Omar Pike", "other")),
    ("Police have named Ted Gray as a person of interest in a shooting.", ("Ted Gray", "other")),
    ("Police identified the teenager killed in the shooting as 15-year-old Dee Swan.", ("Dee Swan", "civilians")),
    ("Will Kerr was struck in the shoulder but ran to safety.", ("Will Kerr", "civilians")),
    ("Ola Bates, 17, suffered a graze wound.", ("Ola Bates", "civilians")),
    ("Ray Kim, 18, is in serious condition at a hospital.", ("Ray Kim", "civilians")),
    ("An officer shot Tim Wells on Friday.", ("Tim Wells", "civilians")),  # the rank is the shooter's
    ("Police Sgt. Ann Cole was shot on Friday.", ("Ann Cole", "state_forces")),
])
def test_the_part_a_person_plays(annotate, sentence, expected):
    assert [(name, kind) for _, name, kind in people(annotate, sentence)] == [expected]


def test_people_are_no_affiliation_of_a_casualty_figure(annotate):
    doc = annotate("Nora Vance, 31, was killed in a shooting in Elmira on Friday.", plugins=("actors", "casualties"))
    assert [a.name for a in doc.get("people")] == ["Nora Vance"]
    assert [a.name for a in doc.get("actors")] == []
    assert [(c.count.value, c.affiliation) for c in doc.get("casualties")] == [(1, "")]


def test_an_officers_country_is_his_forces_not_the_documents(annotate):
    doc = annotate("Syrian troops shelled the town. Russian Colonel Ivan Petrov was killed by a sniper near Aleppo; "
                   "Lieutenant Omar Haddad was wounded.", plugins=("actors",))
    found = {(a.name, a.actor_type, a.country) for a in doc.get("people")}
    assert ("Ivan Petrov", "state_forces", "RU") in found
    assert ("Omar Haddad", "state_forces", "") in found


# -- ACLED's naming for every country, the main armed groups, forces known by their own name ---------------


@pytest.mark.parametrize(("sentence", "phrase", "name", "country"), [
    ("Somali soldiers patrolled the road near Afgooye.", "Somali soldiers", "Military Forces of Somalia", "SO"),
    ("Kenyan police dispersed a crowd in Kisumu.", "Kenyan police", "Police Forces of Kenya", "KE"),
    ("The Nigerian Army said it repelled an attack in Borno.", "Nigerian Army", "Military Forces of Nigeria", "NG"),
    ("Nigerian troops retook the town of Gubio.", "Nigerian troops", "Military Forces of Nigeria", "NG"),
    # ACLED's spelling of the country, with "the" after "of"
    ("Congolese soldiers fled Rubaya.", "Congolese soldiers",
     "Military Forces of the Democratic Republic of Congo", "CD"),
    # a country of two words, and the longest country word wins ("South Sudanese" is not Sudan's)
    ("South Sudanese troops crossed the river near Malakal.", "South Sudanese troops",
     "Military Forces of South Sudan", "SS"),
    ("Burkina Faso's army shelled a camp near Djibo.", "Burkina Faso's army", "Military Forces of Burkina Faso", "BF"),
    ("Chilean police blocked the avenue in Valparaiso.", "Chilean police", "Police Forces of Chile", "CL"),
    ("Bolivian police arrested two men in Cochabamba.", "Bolivian police", "Police Forces of Bolivia", "BO"),
])
def test_state_forces_of_any_country_by_its_demonym(annotate, sentence, phrase, name, country):
    found = {a[0]: a[1:] for a in actors(annotate, sentence)}
    assert found[phrase] == (name, "state_forces", country)


def test_the_country_table_holds_every_country_and_is_what_the_builder_writes():
    from fieldreport.plugins.actors import COUNTRY_NAMES, COUNTRY_OF, build_countries

    assert build_countries.OUT.read_text(encoding="utf-8") == build_countries.render()  # rebuilt after each edit
    assert len(COUNTRY_NAMES) == 252  # GeoNames' countries and territories
    assert (COUNTRY_NAMES["CD"], COUNTRY_OF["CD"]) == ("Democratic Republic of Congo",
                                                       "the Democratic Republic of Congo")
    assert (COUNTRY_NAMES["US"], COUNTRY_OF["US"]) == ("United States", "the United States")
    assert COUNTRY_NAMES["SZ"] == "eSwatini"


@pytest.mark.parametrize(("sentence", "alias", "name", "country"), [
    ("JNIM fighters attacked a convoy near Boni.", "JNIM", "JNIM: Group for Support of Islam and Muslims", "ML"),
    ("ISWAP raided a base in Borno state.", "ISWAP", "Islamic State West Africa Province", "NG"),
    ("Hayat Tahrir al-Sham shelled a village in Idlib.", "Hayat Tahrir al-Sham", "HTS: Hayat Tahrir al Sham", "SY"),
    ("Ansar Allah fired a drone at a tanker.", "Ansar Allah", "Military Forces of Yemen (Supreme Political Council)",
     "YE"),
    ("The Pakistani Taliban ambushed a police van in Bannu.", "Pakistani Taliban", "TTP: Tehreek-i-Taliban Pakistan",
     "PK"),
    ("The ELN bombed a pipeline in Arauca.", "ELN", "ELN: National Liberation Army", "CO"),
    ("The Jalisco New Generation Cartel blocked roads in Zapopan.", "Jalisco New Generation Cartel",
     "CJNG: Jalisco New Generation Cartel", "MX"),
    ("M23 rebels took Rubaya.", "M23", "M23: March 23 Movement", "CD"),
    ("Fano militiamen clashed with soldiers near Gondar.", "Fano militiamen", "Fano Militia", "ET"),
    ("Africa Corps instructors arrived in Bamako.", "Africa Corps", "Military Forces of Russia (Africa Corps)", "RU"),
    ("Al-Shabaab claimed the attack near Afgooye.", "Al-Shabaab", "Al Shabaab", "SO"),
])
def test_main_armed_groups_by_their_aliases(annotate, sentence, alias, name, country):
    found = {a[0]: a[1:] for a in actors(annotate, sentence)}
    assert found[alias][0] == name and found[alias][2] == country


@pytest.mark.parametrize(("sentence", "name"), [
    ("SNA troops repelled an attack near Afgooye in Lower Shabelle.", "Military Forces of Somalia"),
    ("The SNA shelled a village near Afrin in Aleppo.", "JWS: Syrian National Army"),
])
def test_one_acronym_two_countries_the_place_decides(annotate, sentence, name):
    assert next(a[1] for a in actors(annotate, sentence) if a[0] == "SNA") == name


@pytest.mark.parametrize(("sentence", "phrase", "name"), [
    ("Gunmen killed three villagers in Maiduguri on Friday.", "Gunmen", "Unidentified Armed Group (Nigeria)"),
    ("Gunmen killed three villagers in Maiduguri on Friday.", "three villagers", "Civilians (Nigeria)"),
    ("Unknown assailants shot a trader in Kismayo.", "Unknown assailants", "Unidentified Armed Group (Somalia)"),
    ("Armed men abducted a farmer in Culiacán, Sinaloa.", "Armed men", "Unidentified Armed Group (Mexico)"),
    ("Protesters marched in Valparaiso on Tuesday.", "Protesters", "Protesters (Chile)"),
    ("A mob set fire to a police post in Kisumu.", "mob", "Rioters (Kenya)"),
    ("Rioters looted shops in Kisumu.", "Rioters", "Rioters (Kenya)"),
])
def test_unidentified_attackers_civilians_and_crowds_take_the_country_of_the_place(annotate, sentence, phrase, name):
    found = {a[0]: a[1] for a in actors(annotate, sentence)}
    assert found[phrase] == name


@pytest.mark.parametrize(("sentence", "phrase", "name", "country"), [
    ("Carabineros dispersed the march in Temuco.", "Carabineros", "Police Forces of Chile (Carabineros)", "CL"),
    ("The Guardia Civil seized a boat near Algeciras.", "Guardia Civil", "Police Forces of Spain (Civil Guard)", "ES"),
    ("The Bundespolizei detained two men at Passau station.", "Bundespolizei",
     "Police Forces of Germany (Federal Police)", "DE"),
    # a gendarmerie is the country's where it stands; ACLED names it a unit of the military forces
    ("The gendarmerie said an attack on its post in Djibo was repelled.", "gendarmerie",
     "Military Forces of Burkina Faso (Gendarmerie)", "BF"),
    ("Texas Rangers opened an inquiry in Odessa.", "Texas Rangers", "Police Forces of the United States (Texas Rangers)",
     "US"),
])
def test_a_force_known_by_its_own_name(annotate, sentence, phrase, name, country):
    found = {a[0]: a[1:] for a in actors(annotate, sentence)}
    assert found[phrase] == (name, "state_forces", country)


def test_officers_after_a_force_named_by_its_own_name_are_of_it_and_a_deputy_is_not(annotate):
    text = ("Carabineros fired tear gas at students in Temuco on Monday, and three officers were injured. "
            "In Texas, a deputy was hurt.")
    found = {a[0]: a[1] for a in actors(annotate, text)}
    assert found["three officers"] == "Police Forces of Chile (Carabineros)"
    assert found["deputy"] == "Police Forces of the United States"


def test_a_person_noun_arrested_is_the_sole_perpetrator_not_a_civilian(annotate):
    found = {a[0]: a[1:] for a in actors(annotate, "Police arrested a 24-year-old man in Dayton on Saturday.")}
    # the mention is the noun alone: its age and town tell about the man
    assert found["man"] == ("Sole Perpetrator (United States)", "other", "US")


def test_a_name_the_model_tags_as_a_place_is_a_person_harmed(annotate):
    # the small model tags "Marcus Webb" here as a GPE; no place of that name resolves, and he was shot
    doc = annotate("Houston police said officers shot Marcus Webb after he pointed a rifle at them on Sunday.",
                   plugins=("actors",))
    assert [(a.text, a.name, a.actor_type, a.country) for a in doc.get("people")] == [
        ("Marcus Webb", "Marcus Webb", "civilians", "US")]


def test_normalize_an_alias_for_the_country_hinted(pipeline):
    assert _normalize(pipeline, "SNA", hint="SY")[0].actor.name == "JWS: Syrian National Army"
    assert _normalize(pipeline, "SNA", hint="SO")[0].actor.name == "Military Forces of Somalia"
    assert _normalize(pipeline, "Gendarmerie", hint="CM")[0].actor.name == "Military Forces of Cameroon (Gendarmerie)"


def test_with_no_place_resolved_the_country_of_the_groups_named(annotate):
    # "Adan Yabaal" is no gazetteer place: Al Shabaab's country names the unnamed forces
    found = {a[0]: a[1] for a in actors(annotate, "An IED planted by Al Shabaab hit government security forces "
                                                  "at a base in Adan Yabaal town. 1 soldier was killed.")}
    assert found["government security forces"] == "Military Forces of Somalia"
    assert found["1 soldier"] == "Military Forces of Somalia"


@pytest.mark.parametrize(("sentence", "alias", "name"), [
    ("Raiya Mutomboki rebels raided two villages.", "Raiya Mutomboki", "Mayi Mayi Militia (Raia Mutomboki)"),
    ("Mai-Mai fighters attacked a mine.", "Mai-Mai", "Mayi Mayi Militia"),
    ("QSD clashed with an IS cell near Raqqa.", "QSD", "QSD: Syrian Democratic Forces"),
    ("The NAF fired mortars near Luhansk.", "NAF", "NAF: United Armed Forces of Novorossiya"),
    ("Security Belt Forces attacked a camp near Aden.", "Security Belt Forces",
     "Military Forces of Yemen (Security Belt Forces)"),
])
def test_more_groups_by_their_aliases(annotate, sentence, alias, name):
    assert {a[0]: a[1] for a in actors(annotate, sentence)}[alias] == name
