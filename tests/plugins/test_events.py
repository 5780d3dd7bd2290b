"""The events plugin: incident assembly, event dates, places, figures with sources, roles, modality, ACLED types.

Every article and sentence here is written for these tests, in the styles the service meets: wire copy,
a Sahel village attack, a car bomb with a rising toll, a US shooting, a protest with arrests.
"""

from __future__ import annotations

import pytest

from fieldreport.plugins.events import acled, claims, timing
from fieldreport.v1 import fieldreport_pb2 as pb

WIRE = """KABUL, March 3 (Reuters) - Taliban fighters attacked a police checkpoint in the northern province of Kunduz \
late on Saturday, killing at least nine policemen, a provincial official said on Sunday.

The insurgents stormed the checkpoint near the city of Kunduz shortly before midnight and fought security forces \
for two hours, said Esmatullah Muradi, a spokesman for the provincial governor.

Five attackers were also killed in the clash, he said. The Taliban claimed responsibility for the attack in a \
statement.

The Taliban have stepped up attacks on Afghan forces since the start of the year.
"""

SAHEL = """BAMAKO — Gunmen on motorbikes killed 23 villagers in an attack on the village of Bankass in central \
Mali's Mopti region on Sunday, the government said in a statement on Tuesday.

The assailants burned houses and granaries before fleeing, the statement said. A local official, who asked not \
to be named, said 12 people were wounded.

Central Mali has been plagued by violence between rival communities since 2015.
"""

CAR_BOMB = """MOGADISHU, Somalia (AP) — A car bomb exploded outside a busy hotel in Somalia's capital on Saturday, \
killing at least 12 people, police said.

Police officer Mohamed Hussein said the explosives-laden car had been parked near the gate of the hotel. At least \
20 people were wounded.

The death toll later rose to 17, police said.

Al-Shabab claimed responsibility for the bombing.
"""

SHOOTING = """DAYTON, Ohio — Two people were killed and three others were wounded in a shooting outside a bar in \
Dayton late on Friday, police said Saturday.

Officers responded to reports of gunfire at about 11:30 p.m. and found five people shot in the parking lot, \
Lt. James Mill said. Two men died at the scene.

Police arrested a 24-year-old man on Saturday morning in connection with the shooting.
"""

PROTEST = """NAIROBI, Kenya — Police fired tear gas and arrested 40 protesters in Nairobi on Tuesday as thousands \
of demonstrators marched against rising food prices, witnesses said.

The protesters sang and waved placards in the city centre. Police spokesman Bruno Shioso said 40 people were \
detained and would appear in court on Thursday.
"""


@pytest.fixture()
def extract(pipeline):
    # the events plugin and the layers it reads: its own rule types (the classifier plugin, which re-types
    # them with a trained model, has its tests in tests/classifier)
    def run(text: str, published: str) -> pb.ExtractResponse:
        return pipeline.extract(pb.Document(text=text, published=published), pb.ExtractOptions(plugins=["events"]))

    return run


def types(event: pb.Event) -> tuple[str, str]:
    return event.event_type, event.sub_event_type


def figures(event: pb.Event, kind: str) -> list[tuple]:
    """(value or low, qualifier, group, source name) of the event's casualties of one kind, as told."""
    out = []
    for c in event.casualties:
        if pb.Casualty.Kind.Name(c.kind) == kind:
            value = c.count.value if c.count.HasField("value") else (c.count.low if c.count.HasField("low") else None)
            out.append((value, pb.Count.Qualifier.Name(c.count.qualifier), c.group, c.source.name))
    return out


def roles(event: pb.Event) -> dict[str, str]:
    return {a.name: pb.Actor.Role.Name(a.role) for a in event.actors}


# -- five styles, whole articles -----------------------------------------------------------------------


def test_wire_copy_attack_on_a_checkpoint(extract):
    resp = extract(WIRE, "2018-03-04")
    assert len(resp.events) == 1  # the clash, its toll and the claim are one incident; the trend is none
    event = resp.events[0]
    assert types(event) == ("battles", "armed_clash")
    assert (event.when.value, event.when.inferred) == ("2018-03-03", False)  # "late on Saturday", not "said on Sunday"
    assert (event.where.country_code, event.where.admin1) == ("AF", "Kunduz")
    assert figures(event, "KILLED") == [(9, "AT_LEAST", "policemen", "a provincial official"),
                                        (5, "EXACT", "attackers", "Esmatullah Muradi")]
    assert roles(event)["Taliban"] == "PERPETRATOR"
    assert roles(event)["Police Forces of Afghanistan"] == "TARGET"  # the checkpoint attacked
    assert event.modality == pb.ASSERTED


def test_sahel_village_attack(extract):
    resp = extract(SAHEL, "2018-03-06")
    assert len(resp.events) == 1  # the burning is part of the attack; "plagued since 2015" is background
    event = resp.events[0]
    assert types(event) == ("violence_against_civilians", "attack")
    assert event.when.value == "2018-03-04"  # "on Sunday" (the statement came on Tuesday)
    assert (event.where.name, event.where.admin1, event.where.country_code) == ("Bankass", "Mopti", "ML")
    assert figures(event, "KILLED") == [(23, "EXACT", "villagers", "Government of Mali")]
    assert figures(event, "INJURED") == [(12, "EXACT", "people", "A local official")]
    assert roles(event) == {"Unidentified Armed Group (Mali)": "PERPETRATOR", "Civilians (Mali)": "VICTIM"}
    assert [w.code for w in resp.warnings] == []


def test_car_bomb(extract):
    resp = extract(CAR_BOMB, "2018-03-03")
    assert len(resp.events) == 1
    event = resp.events[0]
    assert types(event) == ("explosions_remote_violence", "remote_explosive_landmine_ied")
    assert event.when.value == "2018-03-03"
    assert event.where.country_code == "SO"
    assert [i.text for i in event.instruments] == ["car bomb"]
    assert figures(event, "INJURED") == [(20, "AT_LEAST", "people", "Police officer Mohamed Hussein")]
    assert roles(event)["Al Shabaab"] == "PERPETRATOR"  # "claimed responsibility for the bombing"
    assert roles(event)["Civilians (Somalia)"] == "VICTIM"


def test_car_bomb_rising_toll_is_one_figure(extract):
    event = extract(CAR_BOMB, "2018-03-03").events[0]
    # "at least 12 killed … the death toll later rose to 17, police said": the later toll, not 12 + 17
    assert figures(event, "KILLED") == [(17, "EXACT", "people", "Police Forces of Somalia")]


def test_us_shooting(extract):
    resp = extract(SHOOTING, "2018-03-03")
    assert [types(e) for e in resp.events] == [("violence_against_civilians", "attack"),
                                               ("strategic_developments", "arrests")]
    shooting, arrest = resp.events
    assert shooting.when.value == "2018-03-02"  # "late on Friday"; "police said Saturday" is when it was said
    assert (shooting.where.name, shooting.where.admin1, shooting.where.country_code) == ("Dayton", "Ohio", "US")
    by_source = {}
    for value, _q, _g, source in figures(shooting, "KILLED"):
        by_source[source] = by_source.get(source, 0) + value
    assert by_source == {"Police Forces of the United States": 2, "Lt. James Mill": 2}  # one claim per source, restatements merged
    assert {source: value for value, _q, _g, source in figures(shooting, "INJURED")} == {
        "Police Forces of the United States": 3, "Lt. James Mill": 3}
    assert roles(shooting)["Civilians (United States)"] == "VICTIM"
    assert arrest.when.value == "2018-03-03"  # "on Saturday morning"
    # the man arrested is ACLED's sole perpetrator, the arrest's target (no civilian of the shooting)
    assert roles(arrest) == {"Police Forces of the United States": "PERPETRATOR",
                             "Sole Perpetrator (United States)": "TARGET"}
    assert figures(arrest, "ARRESTED")[0][:2] == (1, "EXACT")


def test_protest_with_arrests(extract):
    resp = extract(PROTEST, "2018-03-06")
    assert len(resp.events) == 1  # the later count of detainees is the same incident; a court date is none
    event = resp.events[0]
    assert types(event) == ("protests", "protest_with_intervention")
    assert event.when.value == "2018-03-06"
    assert (event.where.name, event.where.country_code) == ("Nairobi", "KE")
    assert [(v, src) for v, _q, _g, src in figures(event, "ARRESTED")] == [
        (40, "witnesses"), (40, "Police spokesman Bruno Shioso")]
    assert roles(event)["Police Forces of Kenya"] == "PERPETRATOR"
    assert roles(event)["Protesters (Kenya)"] == "TARGET"
    assert [i.text for i in event.instruments] == ["tear gas"]


# -- dates ---------------------------------------------------------------------------------------------


def test_no_date_in_the_text_infers_the_publication_date_and_warns(extract):
    resp = extract("Gunmen killed three farmers near the village of Kukawa, a local official said.", "2019-07-08")
    (event,) = resp.events
    assert (event.when.value, event.when.inferred, event.when.anchor) == ("2019-07-08", True, "published:2019-07-08")
    assert [(w.code, w.plugin) for w in resp.warnings] == [("DATE_INFERRED", "events")]
    assert "e1" in resp.warnings[0].message


def test_no_publication_date_and_no_dateline_leaves_the_event_undated_and_says_why(extract):
    """'on Monday' needs a reference date: with none sent and no header or dateline, the event has no
    date, and a warning says so (rather than an empty `when` nobody explains)."""
    resp = extract("Militants fired mortar shells at a police station in Baidoa on Monday, killing three police "
                   "officers, the regional governor said.", "")
    (event,) = resp.events
    assert (event.when.value, event.when.inferred) == ("", False)
    assert [(w.code, w.plugin) for w in resp.warnings] == [("NO_PUBLICATION_DATE", "events")]
    assert resp.warnings[0].message.startswith("event e1 has no date: the document has no publication date")
    assert "send document.published" in resp.warnings[0].message


def test_a_dateline_date_resolves_the_same_event_without_a_warning(extract):
    resp = extract("BAIDOA, March 9, 2021 (Harbour Wire) - Militants fired mortar shells at a police station in "
                   "Baidoa on Monday, killing three police officers, the regional governor said.", "")
    assert resp.events[0].when.value == "2021-03-08"
    assert list(resp.warnings) == []


def test_reporting_date_is_used_only_when_nothing_dates_the_incident(extract):
    resp = extract("On Monday the army denied that soldiers had killed two fishermen on the lake.", "2019-07-10")
    assert resp.events[0].when.value == "2019-07-08"
    assert resp.events[0].modality == pb.DENIED


def test_clock_time_and_weekday_give_the_day(extract):
    resp = extract("A man was shot and killed at about 10:40 p.m. Monday outside a store in Toledo, police said "
                   "Tuesday.", "2016-05-10")
    (event,) = resp.events
    assert (event.when.value, event.when.granularity) == ("2016-05-09", pb.TimeValue.DAY)


def test_month_granularity_is_kept(extract):
    resp = extract("Dozens of soldiers were killed in early February when rebels attacked their base near "
                   "Goma.", "2018-05-27")
    when = resp.events[0].when
    assert (when.value, when.start, when.end, when.granularity) == ("2018-02", "2018-02-01", "2018-02-10",
                                                                   pb.TimeValue.MONTH)


def test_of_two_times_of_one_shooting_the_finer_inside_the_other_dates_it(extract):
    text = ("The county attorney announced on Friday that two cousins were charged over a stabbing last month at "
            "a diner, and both remain jailed over the June 14 stabbing.")
    (event,) = extract(text, "2015-07-10").events
    assert (event.when.value, event.when.text) == ("2015-06-14", "June 14")


def test_a_caption_date_with_its_year_dates_its_this_morning(extract):
    text = "A deputy guards the door of a pharmacy where a clerk was shot this morning, Medford, Oregon, March 4, 2014."
    (event,) = extract(text, "2014-03-05").events
    assert (event.when.value, event.when.text) == ("2014-03-04", "March 4, 2014")


def test_a_follow_up_date_is_when_the_incident_was_over(extract):
    text = ("Deputies on Monday identified the angler found dead near Lodi as Carl Weber, 41. An autopsy was "
            "performed on Tuesday and showed a gunshot wound. The accidental shooting was reported on Sunday morning "
            "along a creek east of Lodi.")
    (event,) = extract(text, "2016-04-19").events  # the autopsy's Tuesday neither dates it nor splits it
    assert (event.when.value, event.when.text) == ("2016-04-17", "Sunday morning")


def test_a_bare_year_nobody_governs_dates_nothing(extract):
    text = ("A table of the county's slayings in 2014 and 2015.\n\nDetectives are looking into a deadly shooting on "
            "Pine Street that killed a teenager.")
    (event,) = extract(text, "2016-03-02").events
    assert (event.when.value, event.when.inferred) == ("2016-03-02", True)


@pytest.mark.parametrize(("sentence", "role"), [
    ("A man was shot Sunday in Toledo.", timing.TimeRole.EVENT),
    ("Police said Monday that a man was shot.", timing.TimeRole.REPORT),
    ("The Wednesday attack killed four soldiers.", timing.TimeRole.EVENT),
    ("The suspect will appear in court on Thursday.", timing.TimeRole.OTHER),
    ("The suspect was charged on Thursday.", timing.TimeRole.REPORT),
    ("The incident happened Saturday near the school.", timing.TimeRole.EVENT),
    ("An autopsy carried out Monday gave the cause of death.", timing.TimeRole.REPORT),
    ("The autopsy was performed on Tuesday.", timing.TimeRole.REPORT),
])
def test_time_roles_from_the_parse(annotate, sentence, role):
    doc = annotate(sentence, plugins=("dates",))
    (tv,) = [t for t in doc.get("times") if t.type in ("DATE", "TIME")]
    assert timing.role(doc.spacy, tv)[0] == role


@pytest.mark.parametrize(("sentence", "role"), [
    ("Hundreds gathered on Sunday in the main square.", timing.TimeRole.EVENT),
    ("Two rival clans held a peace meeting on Monday in the village.", timing.TimeRole.EVENT),
    ("Mourners gathered on Sunday for a vigil at the school.", timing.TimeRole.REPORT),
    ("Detectives gathered evidence at the scene on Sunday.", timing.TimeRole.REPORT),
    ("The suspect was held in the county jail on Monday.", timing.TimeRole.REPORT),
    ("A funeral was held on Tuesday for the slain officer.", timing.TimeRole.REPORT),
])
def test_a_gathering_is_an_event_unless_it_mourns_or_follows_up(annotate, sentence, role):
    doc = annotate(sentence, plugins=("dates",))
    (tv,) = [t for t in doc.get("times") if t.type in ("DATE", "TIME")]
    assert timing.role(doc.spacy, tv)[0] == role


def test_an_event_told_after_its_dated_gathering_takes_the_gatherings_day(extract):
    # a local outlet's brief: the date is in the gathering's clause, the protest in the next sentence
    text = ("On 4 May 2020, hundreds of traders gathered outside the town hall. They chanted slogans and "
            "protesters blocked the road to the market.")
    (event,) = extract(text, "2020-05-06").events
    assert (event.event_type, event.when.value, event.when.inferred) == ("protests", "2020-05-04", False)


def test_a_range_of_days_dates_the_event_on_its_last_day(extract):
    # a wire story from Kenya: riots told over three days as one, with the toll of the whole stretch
    text = "Riots over the election results spread in Kisumu from 11 to 13 Aug, leaving five people dead."
    (event,) = extract(text, "2017-08-15").events
    when = event.when
    assert (when.value, when.start, when.end, when.granularity) == ("2017-08-13", "2017-08-13", "2017-08-13",
                                                                   pb.TimeValue.DAY)
    assert (when.anchor, when.text, when.inferred) == ("range:2017-08-11/2017-08-13, last day", "11 to 13 Aug",
                                                       False)


def test_a_night_across_two_days_dates_the_event_on_its_evening(extract):
    # an NGO's statement from Ukraine
    text = "Shelling overnight on 3-4 May damaged a school in the village, the monitoring mission said."
    (event,) = extract(text, "2020-05-06").events
    assert (event.when.value, event.when.start, event.when.end) == ("2020-05-03", "2020-05-03", "2020-05-03")


@pytest.mark.parametrize(("text", "published", "day"), [
    # a Somali outlet's note: the day, hedged
    ("Around 3 May 2020 (as reported), gunmen killed a shopkeeper in the market.", "2020-05-06", "2020-05-03"),
    # a Kenyan daily's numeric day
    ("Police shot dead two robbery suspects in Kayole on 04/02.", "2017-02-06", "2017-02-04"),
    # a note headed by its day
    ("02 Aug: Residents blocked the highway with burning tyres to protest water shortages.", "2019-08-04",
     "2019-08-02"),
])
def test_dates_written_outside_the_us_date_their_events(extract, text, published, day):
    event = extract(text, published).events[0]
    assert (event.when.value, event.when.start, event.when.end, event.when.inferred) == (day, day, day, False)


def test_page_stamps_and_bare_numbers_date_nothing(annotate):
    text = ("Updated: Jun 9, 2016 - 9:19 AM\n\nJacquay Howard, 21, was shot in the 2000 block of Main Street on "
            "Tuesday.")
    doc = annotate(text, published="2016-06-09", plugins=("dates",))
    usable = [t.text for t in doc.get("times") if timing.usable(t, doc.published, doc.text)]
    assert usable == ["Tuesday"]


# -- assembly ------------------------------------------------------------------------------------------


def test_background_makes_no_event(extract):
    text = ("Syria has been gripped by militancy since March 2011. Russia has been helping Syrian forces in an "
            "ongoing battle against the militants. Its assistance, which began in September 2015, has proved "
            "effective.")
    assert list(extract(text, "2018-05-27").events) == []


def test_negated_and_hypothetical_triggers_make_no_event(extract):
    text = ("There have been no attacks on the convoy. The army is preparing for a possible offensive in the "
            "north.")
    assert list(extract(text, "2018-05-27").events) == []


def test_a_call_about_a_shooting_is_a_report_and_an_appeal_to_attack_is_not_an_attack(extract):
    resp = extract("A woman was wounded in an accidental shooting near Danville. The sheriff's office said on "
                   "Sunday around 3 p.m. it received a call of a shooting on a farm road.", "2016-01-25")
    (event,) = resp.events
    assert (event.when.value, event.when.inferred) == ("2016-01-24", False)
    assert list(extract("The cleric called for attacks on the army base.", "2016-01-25").events) == []


def test_mentions_with_their_own_dates_are_separate_incidents_in_text_order(extract):
    text = ("Rebels attacked an army post near Beni on Friday, killing six soldiers, the army said. "
            "On March 2 last year, rebels ambushed a convoy on the same road and killed nine soldiers.")
    resp = extract(text, "2019-04-14")
    assert [(e.id, e.when.value) for e in resp.events] == [("e1", "2019-04-12"), ("e2", "2018-03-02")]
    assert [figures(e, "KILLED")[0][0] for e in resp.events] == [6, 9]


def test_an_arrest_for_a_shooting_is_its_own_event_and_the_shooting_comes_first(extract):
    text = ("Police arrested a 19-year-old man on Tuesday for the shooting of a teenager on Saturday night in "
            "Flint. The teenager was wounded in the leg.")
    resp = extract(text, "2017-01-31")
    assert [(types(e)[1], e.when.value) for e in resp.events] == [("attack", "2017-01-28"),
                                                                  ("arrests", "2017-01-31")]


def test_an_incident_date_near_it_comes_before_another_date(extract):
    text = ("Relatives prayed for a teenager who died. Neighbors last saw Darnell Price, 17, on Nov. 2 walking "
            "home. Hikers discovered his body near a quarry on Sunday. Detectives say a gunshot killed him.")
    (event,) = extract(text, "2016-11-15").events
    assert (event.when.value, event.when.text) == ("2016-11-13", "Sunday")  # discovered, not last seen


def test_a_day_near_the_incident_refines_its_weekend(extract):
    text = ("Deputies say a farmer's gunshot death over the weekend was an accident. His wife came upon Tom Avery, "
            "52, in the barn on Sunday evening.")
    (event,) = extract(text, "2016-07-25").events
    assert (event.when.value, event.when.granularity) == ("2016-07-24", pb.TimeValue.DAY)


def test_a_charge_months_later_tells_the_same_incident(extract):
    text = ("A gunman wounded four relatives at a cookout in May in Flint. Two brothers now face assault charges, "
            "the prosecutor said Tuesday.")
    (event,) = extract(text, "2015-08-05").events
    assert (event.when.value, figures(event, "INJURED")[0][0]) == ("2015-05", 4)


def test_the_main_place_is_in_the_country_of_the_story(extract):
    text = ("A man visiting from Tijuana was shot in Boise on Friday. His relatives in Tijuana were told on "
            "Saturday. Idaho State Police are investigating.")
    (event,) = extract(text, "2017-05-08").events  # Tijuana is named twice, but Boise and Idaho are the story's
    assert (event.where.name, event.where.country_code) == ("Boise", "US")


def test_taken_into_custody_is_an_arrest_even_with_a_town_in_the_subject(extract):
    text = ("Trevor Mills, 27, of South Bend, was taken into custody on May 3, accused of wounding two clerks in the "
            "April 28 robbery.")
    resp = extract(text, "2016-05-05")
    assert [(types(e)[1], e.when.value, e.trigger.text) for e in resp.events] == [
        ("attack", "2016-04-28", "wounding"), ("arrests", "2016-05-03", "taken")]


def test_a_dated_definite_mention_points_back_to_the_undated_incident(extract):
    text = ("A woman who fatally shot her landlord after a dispute over rent was sentenced to 15 years on Tuesday. "
            "Ivy Marsh, 38, admitted in March that she fired the gun in the Oct. 9 killing at a duplex in Boise.")
    resp = extract(text, "2016-06-08")
    (event,) = resp.events  # "the Oct. 9 killing" is the one she was sentenced for, not another
    assert (event.when.value, event.when.text) == ("2015-10-09", "Oct. 9")


def test_a_later_statement_tells_the_same_incident(extract):
    text = ("Militants attacked a military base near Mayadin on Wednesday, killing four soldiers. "
            "The ministry said on Sunday that 43 militants were killed in the ensuing clashes.")
    resp = extract(text, "2018-05-27")
    (event,) = resp.events
    assert event.when.value == "2018-05-23"
    assert sorted(f[0] for f in figures(event, "KILLED")) == [4, 43]


def test_denied_capture_in_syria(extract):
    text = ("On October 3, 2017, Russia's Defense Ministry denied that two Russian soldiers had been captured by "
            "Daesh terrorists in Syria.")
    (event,) = extract(text, "2018-05-27").events
    assert event.modality == pb.DENIED
    assert event.when.value == "2017-10-03"
    assert (event.where.name, event.where.country_code) == ("Syria", "SY")  # not "Russia's" ministry
    assert roles(event) == {"Military Forces of Russia": "VICTIM", "Islamic State (Syria)": "PERPETRATOR"}
    assert figures(event, "CAPTURED") == [(2, "EXACT", "Russian soldiers", "Ministry of Defence of Russia")]


def test_one_role_per_actor_from_the_parse(extract):
    text = ("Militants launched an attack against an artillery battery of the Syrian army near Mayadin on "
            "Wednesday; four Russian advisers were killed and 43 militants died in the fighting.")
    (event,) = extract(text, "2018-05-27").events
    assert roles(event) == {"Unidentified Armed Group (Syria)": "PERPETRATOR",
                            "Military Forces of Syria": "TARGET",
                            "Military Forces of Russia": "VICTIM"}
    assert types(event) == ("battles", "armed_clash")  # an artillery battery is a unit, not shelling


def test_came_under_attack_by(extract):
    text = "Contractors were killed in early February when they came under attack by US forces near Deir Ez-Zor."
    (event,) = extract(text, "2018-05-27").events
    assert roles(event)["Military Forces of the United States"] == "PERPETRATOR"


# -- named people ---------------------------------------------------------------------------------------


def test_a_named_shooter_and_the_person_killed(extract):
    text = ("Police said Tom Brandt, 24, opened fire outside a bakery in Dayton, Ohio, on Friday, killing Nora "
            "Vance, 31. Brandt was charged with murder on Saturday, said Sgt. Lena Moss.")
    (event,) = extract(text, "2018-03-04").events
    assert roles(event) == {"Tom Brandt": "PERPETRATOR", "Nora Vance": "VICTIM"}  # the sergeant only speaks
    assert [(a.text, a.actor_type) for a in event.actors] == [("Tom Brandt", "other"), ("Nora Vance", "civilians")]
    assert types(event) == ("violence_against_civilians", "attack")  # a lone gunman is no organised group


def test_police_shooting_a_man_are_its_perpetrator(extract):
    text = "Officers shot and killed Evan Marsh after he fired at them outside a motel in Tulsa, Oklahoma, on Monday."
    (event,) = extract(text, "2018-03-06").events
    assert roles(event) == {"Police Forces of the United States": "PERPETRATOR", "Evan Marsh": "VICTIM"}


def test_a_person_arrested_in_connection_with_the_shooting(extract):
    text = "Police arrested Carl Dunmore on Tuesday in connection with the shooting of a teenager in Akron, Ohio."
    shooting, arrest = extract(text, "2018-03-07").events
    assert roles(shooting)["Carl Dunmore"] == "PERPETRATOR"
    # the teenager shot is named in the arrest's sentence: of the civilians, no party to the arrest
    assert roles(arrest) == {"Police Forces of the United States": "PERPETRATOR", "Carl Dunmore": "TARGET",
                             "Civilians (United States)": "OTHER"}


@pytest.mark.parametrize("sentence", [
    "Detectives said Gus Ferrante faces two counts of attempted murder.",
    "Gus Ferrante, 40, was arrested and charged with attempted murder.",
])
def test_the_person_charged_with_the_violence_did_it(extract, sentence):
    event = extract(f"A woman was shot in Dayton, Ohio, on Sunday. {sentence}", "2018-03-06").events[0]
    assert types(event) == ("violence_against_civilians", "attack")
    assert roles(event)["Gus Ferrante"] == "PERPETRATOR"


def test_a_suspect_named_where_no_event_is_told_joins_the_shooting(extract):
    text = ("A man was shot dead outside a bar in Toledo, Ohio, on Friday night.\n\n"
            "Police identified the suspect as Brian Kowal, 27.")
    (event,) = extract(text, "2018-03-04").events
    # the man shot dead is ACLED's "Civilians (United States)"
    assert roles(event) == {"Brian Kowal": "PERPETRATOR", "Civilians (United States)": "VICTIM"}


def test_a_person_whose_killing_is_told_is_its_victim(extract):
    (event,) = extract("Detectives are still investigating Rita Okafor's killing in Dayton, Ohio, on Sunday.",
                       "2018-03-06").events
    # the detectives investigating are named in the event, no party to it
    assert roles(event) == {"Rita Okafor": "VICTIM", "Police Forces of the United States": "OTHER"}


# -- ACLED types ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Warplanes bombed a market in the town of Saraqib on Monday, killing 11 civilians.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("A suicide bomber blew himself up at a checkpoint in Kabul on Monday, killing four policemen.",
     ("explosions_remote_violence", "suicide_bomb")),
    ("Rebels fired mortar shells at the city of Idlib on Monday, wounding six people.",
     ("explosions_remote_violence", "shelling_artillery_missile_attack")),
    ("A roadside bomb hit an army truck near Gao on Monday, killing two soldiers.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    ("Unknown attackers threw a grenade into a bar in Garissa on Monday, injuring eight people.",
     ("explosions_remote_violence", "grenade")),
    ("Helicopters dropped barrels of chlorine gas on the town of Douma on Monday.",
     ("explosions_remote_violence", "chemical_weapon")),
    ("Gunmen kidnapped three aid workers on the road to Gao on Monday.",
     ("violence_against_civilians", "abduction_forced_disappearance")),
    ("Soldiers raped two women in the village of Minova on Monday.",
     ("violence_against_civilians", "sexual_violence")),
    ("Government forces recaptured the town of Mokha from the rebels on Monday.",
     ("battles", "government_regains_territory")),
    ("Islamic State militants seized control of the town of Hit on Monday after heavy fighting.",
     ("battles", "non_state_actor_overtakes_territory")),
    ("Army troops clashed with rebels near the town of Beni on Monday.", ("battles", "armed_clash")),
    ("A mob lynched a man accused of theft in the town of Jos on Monday.", ("riots", "mob_violence")),
    ("Protesters threw stones at police and set cars on fire in the capital on Monday.",
     ("riots", "violent_demonstration")),
    ("Security forces opened fire on protesters in Basra on Monday, killing five people.",
     ("protests", "excessive_force_against_protesters")),
    ("Hundreds of teachers marched peacefully through the capital on Monday to demand higher pay.",
     ("protests", "peaceful_protest")),
    ("Police arrested 30 suspected gang members in raids across the city on Monday.",
     ("strategic_developments", "arrests")),
    ("The two sides agreed to a ceasefire on Monday and exchanged prisoners.",
     ("strategic_developments", "agreement")),
    ("Soldiers found a cache of weapons and explosives in a house in the town of Gao on Monday.",
     ("strategic_developments", "disrupted_weapons_use")),
    ("Turkish forces set up a new military base near the town of Afrin on Monday.",
     ("strategic_developments", "headquarters_or_base_established")),
    ("Rebel fighters withdrew from the town on Monday and government troops took control of it.",
     ("strategic_developments", "non_violent_transfer_of_territory")),
    ("The army moved troops and tanks to the border on Monday.",
     ("strategic_developments", "change_to_group_activity")),
    ("Militiamen looted shops and burned houses in the village on Monday.",
     ("strategic_developments", "looting_property_destruction")),
])
def test_acled_types_of_sentences(extract, sentence, expected):
    events = extract(sentence, "2019-04-17").events
    assert events, sentence
    assert types(events[0]) == expected


def test_a_gunman_shooting_people_is_violence_against_civilians():
    evidence = acled.Evidence(["shoot", "kill"], ["handgun"], {"rebel_group"}, {"civilians"}, {"KILLED"})
    assert acled.classify(evidence) == ("violence_against_civilians", "attack")


def test_an_attack_on_soldiers_by_an_armed_group_is_a_battle():
    evidence = acled.Evidence(["attack", "kill"], [], {"rebel_group"}, {"state_forces"}, {"KILLED"})
    assert acled.classify(evidence) == ("battles", "armed_clash")


# -- figures of one incident ---------------------------------------------------------------------------


def _casualty(kind: str, value: int, group: str, source: str, sentence: int, affiliation: str = "",
              qualifier: str = "EXACT") -> pb.Casualty:
    return pb.Casualty(kind=pb.Casualty.Kind.Value(kind), group=group, affiliation=affiliation,
                       count=pb.Count(value=value, qualifier=pb.Count.Qualifier.Value(qualifier)),
                       source=pb.Source(name=source), evidence=pb.Span(begin=sentence * 100, end=sentence * 100 + 99))


def test_rising_toll_keeps_the_latest():
    told = [_casualty("KILLED", 12, "people", "police", 0, qualifier="AT_LEAST"),
            _casualty("KILLED", 17, "", "police", 2)]
    assert [c.count.value for c in claims.merge(told, pb)] == [17]


def test_two_sources_stay_two_claims_and_groups_stay_apart():
    told = [_casualty("KILLED", 4, "Russian servicemen", "ministry", 0, "Military Forces of Russia"),
            _casualty("KILLED", 43, "militants", "ministry", 1, "Unidentified Armed Group (Syria)"),
            _casualty("KILLED", 9, "Russian soldiers", "observatory", 2, "Military Forces of Russia")]
    assert [(c.count.value, c.source.name) for c in claims.merge(told, pb)] == [
        (4, "ministry"), (43, "ministry"), (9, "observatory")]


def test_one_victim_told_twice_counts_once_and_names_count_apart():
    told = [_casualty("KILLED", 1, "A teenager", "police", 0), _casualty("KILLED", 1, "a 16-year-old boy", "police", 1)]
    assert len(claims.merge(told, pb)) == 1
    named = [_casualty("KILLED", 1, "Carolyn Holmes", "police", 0), _casualty("KILLED", 1, "Wesley Holmes", "police", 1)]
    assert len(claims.merge(named, pb)) == 2


def test_a_total_absorbs_the_parts_it_covers():
    told = [_casualty("KILLED", 2, "people", "police", 0), _casualty("KILLED", 1, "John Doe", "police", 1),
            _casualty("KILLED", 1, "Jane Roe", "police", 2)]
    assert [c.count.value for c in claims.merge(told, pb)] == [2]


# -- where ---------------------------------------------------------------------------------------------


def test_a_city_naming_its_police_locates_the_event(extract):
    (event,) = extract("Houston police said two men were wounded in a shooting on Friday night.", "2017-04-08").events
    assert (event.where.name, event.where.admin1, event.where.country_code) == ("Houston", "Texas", "US")


def test_an_event_without_a_place_takes_the_town_the_document_names(extract):
    text = ("Two men were wounded in a shooting on Friday night, police said.\n\n"
            "The police chief of Toledo, Ohio, asked witnesses to come forward.")
    (event,) = extract(text, "2017-04-08").events
    assert (event.where.name, event.where.country_code) == ("Toledo", "US")
    assert [p.text for p in event.places] == []  # the event's own sentences name none


def test_a_dateline_locates_an_event_only_when_the_story_names_no_place(extract):
    named = extract("ABUJA, Nigeria (Reuters) - Gunmen killed nine herders in an attack near Gusau on Sunday, "
                    "police said.", "2021-02-08")
    (event,) = named.events
    assert (event.where.name, event.where.admin1, event.where.precision) == ("Gusau", "Zamfara State", "near")
    unnamed = extract("ABUJA, Nigeria (Reuters) - Gunmen killed nine herders on Sunday, police said.", "2021-02-08")
    (event,) = unnamed.events
    assert (event.where.name, event.where.country_code) == ("Abuja", "NG")


TWO_TOWNS = """Police in Nairobi fired tear gas and arrested at least 40 protesters on Tuesday as thousands marched \
against a new tax law, witnesses said.

Demonstrators blocked roads in the city centre and burned tyres. A rights group said one protester was shot dead \
in Kisumu.
"""


def test_a_town_far_from_the_incident_told_so_far_is_another_incident(extract):
    events = extract(TWO_TOWNS, "2024-06-20").events
    assert [(e.where.name, e.event_type) for e in events] == [("Nairobi", "riots"), ("Kisumu", "protests")]
    assert [[(pb.Casualty.Kind.Name(c.kind), c.count.value) for c in e.casualties] for e in events] == [
        [("ARRESTED", 40)], [("KILLED", 1)]]


def test_a_town_near_the_incident_and_a_pointer_back_keep_one_incident(extract):
    near = extract("Gunmen killed four people at a bar in Oakland on Saturday night, police said. Two wounded men "
                   "were taken to a hospital in San Francisco.", "2022-05-16")
    assert len(near.events) == 1
    hospital = extract("Gunmen killed four people at a bar in Oakland on Saturday night, police said. A man wounded "
                       "at the bar was flown to a hospital in Fresno. Another victim, a student from Fresno, was hurt.",
                       "2022-05-16")
    assert [e.where.name for e in hospital.events] == ["Oakland"]
    back = extract("Gunmen killed four people at a bar in Oakland on Saturday night, police said. The Oakland attack "
                   "was the second this month; a man wounded in the attack was flown to a hospital in Fresno.",
                   "2022-05-16")
    assert len(back.events) == 1


def test_in_a_separate_attack_starts_another_incident(extract):
    events = extract("Militants killed three soldiers at a checkpoint near Kunduz on Monday. In a separate attack, "
                     "gunmen shot dead two policemen, officials said.", "2021-03-02").events
    assert [[c.count.value for c in e.casualties] for e in events] == [[3], [2]]


@pytest.mark.parametrize("text", [
    "Three workers were killed when a boiler exploded at a textile factory on Monday, the fire service said.",
    "Nineteen people died when their bus plunged off a bridge into a river on Sunday, officials said.",
    "An earthquake killed at least 40 people in the mountain villages on Tuesday.",
])
def test_accidents_and_disasters_are_no_events(extract, text):
    assert list(extract(text, "2021-03-10").events) == []


def test_a_blast_with_an_attacker_behind_it_stays_an_event(extract):
    events = extract("A bomb planted by militants exploded at a textile factory on Monday, killing three workers.",
                     "2021-03-10").events
    assert [e.event_type for e in events] == ["explosions_remote_violence"]


def test_an_undated_shooting_told_with_a_dated_arrest_takes_the_arrest_day(extract):
    resp = extract("A man was shot and wounded outside a gas station in Tulsa. Police arrested a 19-year-old "
                   "suspect on Saturday, a police spokesman said.", "2022-03-14")
    shooting = next(e for e in resp.events if e.event_type == "violence_against_civilians")
    assert (shooting.when.value, shooting.when.inferred, shooting.when.anchor) == ("2022-03-12", True,
                                                                                 "arrest:2022-03-12")
    assert any("an arrest told with it stands in" in w.message for w in resp.warnings)
