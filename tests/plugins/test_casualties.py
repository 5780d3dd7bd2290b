"""The casualties plugin: kinds, counts, parts and totals, singular victims, groups, affiliations, sources."""

from __future__ import annotations

from collections import defaultdict

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb

KINDS = ("KILLED", "INJURED", "CAPTURED", "MISSING", "ARRESTED")


def casualties(annotate, text: str, published: str = "2018-05-27") -> list[pb.Casualty]:
    return list(annotate(text, published=published, plugins=("casualties",)).get("casualties"))


def value(c: pb.Casualty) -> int | None:
    if c.count.HasField("value"):
        return c.count.value
    return c.count.low if c.count.HasField("low") else None


def rows(found) -> list[tuple]:
    return [(pb.Casualty.Kind.Name(c.kind), value(c), pb.Count.Qualifier.Name(c.count.qualifier)) for c in found]


def totals(found) -> dict[str, int]:
    """The figure the evaluation takes: per source, the sum over entries; the largest over sources."""
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in found:
        v = value(c)
        if v is not None:
            per[pb.Casualty.Kind.Name(c.kind)][c.source.name] += v
    return {kind: max(by_source.values()) for kind, by_source in per.items()}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Three guards were killed in the raid on Monday.", [("KILLED", 3, "EXACT")]),
    ("Gunmen killed five villagers on Monday.", [("KILLED", 5, "EXACT")]),
    ("Seven pilgrims were wounded by the blast.", [("INJURED", 7, "EXACT")]),
    ("Rebels captured two soldiers near the border.", [("CAPTURED", 2, "EXACT")]),
    ("Two aid workers were abducted on the road.", [("CAPTURED", 2, "EXACT")]),
    ("Police arrested 14 protesters outside the court.", [("ARRESTED", 14, "EXACT")]),
    ("Six fishermen went missing after the storm.", [("MISSING", 6, "EXACT")]),
    ("Some 43 militants were killed in the clashes.", [("KILLED", 43, "APPROXIMATE")]),
    ("At least 26 troopers were killed.", [("KILLED", 26, "AT_LEAST")]),
    ("Dozens of people were injured.", [("INJURED", 12, "VAGUE")]),
    ("Four miners lost their lives in the collapse.", [("KILLED", 4, "EXACT")]),
    ("Two hostages died in captivity.", [("KILLED", 2, "EXACT")]),
    ("The attack left 12 dead.", [("KILLED", 12, "EXACT")]),
])
def test_kinds_and_counts(annotate, sentence, expected):
    assert rows(casualties(annotate, sentence)) == expected


def test_succumbed_to_injuries_is_killed_and_a_part_of_the_total(annotate):
    text = ("Four soldiers were killed in the ambush on Monday. Two of them were killed on the spot. "
            "Two soldiers succumbed to their wounds in hospital.")
    found = casualties(annotate, text)
    assert rows(found) == [("KILLED", 4, "EXACT")]
    assert found[0].count.text == "Four" and found[0].group == "soldiers"


def test_the_dead_refers_to_the_killed_not_to_the_injured_told_since(annotate):
    text = ("Five people were killed and six injured in the blast at the station. "
            "Authorities have identified the five dead.")
    found = casualties(annotate, text)
    assert rows(found) == [("KILLED", 5, "EXACT"), ("INJURED", 6, "EXACT")]
    assert [c.count.text for c in found] == ["Five", "six"]


def test_the_two_who_later_died_are_the_wounded(annotate):
    text = "A man was killed and two others were wounded in the attack. The two later died in hospital."
    assert totals(casualties(annotate, text)) == {"KILLED": 3}


def test_people_shot_then_said_to_be_in_hospital_stay_one_figure(annotate):
    text = ("Seven people were shot inside the club during a party on Friday. The teenage woman is in serious "
            "condition. Two men were in stable condition.")
    found = casualties(annotate, text)
    assert rows(found) == [("INJURED", 7, "EXACT")]
    assert found[0].count.text == "Seven"


def test_parts_named_one_by_one_fold_into_the_total(annotate):
    text = ("Two men were shot on Friday night. John Carter, 24, was killed. "
            "Mark Lee, 30, was wounded and taken to a hospital.")
    assert totals(casualties(annotate, text)) == {"KILLED": 1, "INJURED": 1}


def test_three_shot_one_fatally(annotate):
    found = casualties(annotate, "Three people were shot, one fatally, outside the bar on Sunday.")
    assert sorted(rows(found)) == [("INJURED", 2, "EXACT"), ("KILLED", 1, "EXACT")]


def test_a_later_death_turns_an_injured_person_into_a_killed_one(annotate):
    text = "A man was shot in the leg on Sunday. He was taken to a hospital, where he later died."
    assert totals(casualties(annotate, text)) == {"KILLED": 1}


@pytest.mark.parametrize(("text", "expected"), [
    ("A man was shot and killed on Sunday night.", {"KILLED": 1}),
    ("One woman died at the scene.", {"KILLED": 1}),
    ("A 17-year-old was wounded in the shooting.", {"INJURED": 1}),
    ("A teenager was shot in the leg.", {"INJURED": 1}),
    ("A woman was in critical condition after the shooting.", {"INJURED": 1}),
    ("A man was hospitalized with a gunshot wound.", {"INJURED": 1}),
    ("The victim was pronounced dead at the scene.", {"KILLED": 1}),
    ("A man and a woman were shot on the porch.", {"INJURED": 2}),
    ("The gunman shot his wife and then killed himself.", {"INJURED": 1, "KILLED": 1}),
])
def test_singular_victims(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected


def test_the_same_victim_told_twice_counts_once(annotate):
    text = ("A 20-year-old man was shot and killed on Elm Street on Sunday. "
            "The victim was shot in the head, police said. He died at the scene.")
    assert totals(casualties(annotate, text)) == {"KILLED": 1}


def test_another_victim_adds(annotate):
    text = "A man was killed in the shooting on Sunday. Another man was wounded, and a woman was also wounded."
    assert totals(casualties(annotate, text)) == {"KILLED": 1, "INJURED": 2}


def test_no_one_was_injured_is_zero(annotate):
    found = casualties(annotate, "Shots were fired at the house, but no one was injured.")
    assert rows(found) == [("INJURED", 0, "EXACT")]


@pytest.mark.parametrize("sentence", [
    "The gunman tried to kill the guard.",
    "The blast could have killed dozens of people.",
    "He threatened to shoot the cashier.",
    "He was charged with attempted murder of a neighbour.",
    "Police shot at the car as it sped away.",
    "The guard was not injured.",
])
def test_what_did_not_happen_is_no_casualty(annotate, sentence):
    assert casualties(annotate, sentence) == []


def test_group_of_unknown_size_is_unknown_not_zero_nor_one(annotate):
    found = casualties(annotate, "A group of Russian contractors were killed in early February.")
    assert rows(found) == [("KILLED", None, "UNKNOWN")]
    assert found[0].group == "Russian contractors" and not found[0].count.HasField("value")


def test_groups_and_affiliations(annotate):
    text = "Nine Russian soldiers and at least 26 Syrian army troopers were killed on Wednesday."
    found = casualties(annotate, text)
    assert [(c.group, value(c), c.affiliation) for c in found] == [
        ("Russian soldiers", 9, "Military Forces of Russia"),
        ("Syrian army troopers", 26, "Military Forces of Syria")]


def test_two_sources_two_figures_kept_apart(annotate):
    text = ("The ministry of defence said four soldiers were killed on Monday. "
            "The Syrian Observatory for Human Rights claimed that nine soldiers were killed in the attack.")
    found = casualties(annotate, text)
    assert [(value(c), c.source.text, pb.Modality.Name(c.source.stance)) for c in found] == [
        (4, "The ministry of defence", "ASSERTED"),
        (9, "The Syrian Observatory for Human Rights", "CLAIMED")]
    assert found[1].source.name == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(("sentence", "speaker", "stance"), [
    ("The governor said three guards were killed.", "The governor", "ASSERTED"),
    ("Three guards were killed, according to the governor.", "the governor", "ASSERTED"),
    ("The rebels claimed that three guards were killed.", "The rebels", "CLAIMED"),
    ("A witness told AFP that three guards were killed.", "A witness", "ASSERTED"),
    ("The army denied that three guards had been captured.", "The army", "DENIED"),
    ("The radio quoted a nurse as saying that three guards were killed.", "a nurse", "ASSERTED"),
])
def test_source_and_stance_per_figure(annotate, sentence, speaker, stance):
    found = casualties(annotate, sentence)
    assert len(found) == 1
    assert (found[0].source.text, pb.Modality.Name(found[0].source.stance), value(found[0])) == (speaker, stance, 3)


def test_a_death_of_another_year_is_another_incident(annotate):
    text = ("Four soldiers were killed in the attack, the ministry said. "
            "Captain John Miles was killed on July 12 last year in another province.")
    found = casualties(annotate, text)
    assert [(value(c), c.group) for c in found] == [(4, "soldiers"), (1, "Captain John Miles")]


def test_ages_addresses_and_times_are_not_victims(annotate):
    text = "A 19-year-old man was shot at 12:45 a.m. in the 6500 block of Elm Street, police said."
    found = casualties(annotate, text)
    assert rows(found) == [("INJURED", 1, "EXACT")]
    assert found[0].group == "19-year-old man"


def test_a_total_told_after_its_parts_is_the_figure(annotate):
    text = ("A bomb killed at least 12 people at the market on Saturday, police said. "
            "The death toll later rose to 17, police said.")
    found = [c for c in casualties(annotate, text) if c.kind == pb.Casualty.KILLED]
    assert [(value(c), c.count.text, c.group) for c in found] == [(17, "17", "people")]


def test_lives_lost_and_deaths_count_people_but_injuries_do_not(annotate):
    found = casualties(annotate, "Three lives were lost in the fire. Doctors treated 12 injuries.")
    assert rows(found) == [("KILLED", 3, "EXACT")]


def test_each_source_keeps_its_own_count_in_one_sentence(annotate):
    text = "Though the police said five people were shot, the fire brigade said six were wounded on Monday."
    found = casualties(annotate, text)
    assert [(value(c), c.source.text) for c in found] == [(5, "the police"), (6, "the fire brigade")]


def test_a_dateline_is_not_a_victim(annotate):
    found = casualties(annotate, "DAYTON, Ohio — Two people were killed in a shooting on Friday, police said.")
    assert [(value(c), c.group, c.source.text) for c in found] == [(2, "people", "police")]


def test_a_headline_counts_when_the_body_does_not(pipeline):
    doc = pipeline.annotate(pb.Document(text="The shooting happened near the school on Friday night.",
                                        title="2 killed, 3 hurt in school shooting", published="2018-05-27"),
                            ["casualties"])
    found = doc.get("casualties")
    assert sorted(rows(found)) == [("INJURED", 3, "EXACT"), ("KILLED", 2, "EXACT")]
    assert all(c.evidence.begin == c.evidence.end == 0 for c in found)  # the title is not part of the text


@pytest.mark.parametrize(("text", "expected"), [
    # two subjects of one verb
    ("Three women, ages 20, 31 and 44, and two men, 25 and 52, were wounded in the attack.", {"INJURED": 5}),
    ("SPRINGFIELD -- Four women were injured at a party on Sunday.", {"INJURED": 4}),
    # the one who shoots is no victim when the object hangs on the coordinated verb
    ("A man shot and killed his neighbor on Friday evening.", {"KILLED": 1}),
    # a body part harms its owner
    ("A teenager was hurt after he accidentally shot his foot with a rifle.", {"INJURED": 1}),
    ("A bullet grazed the head of a deputy.", {"INJURED": 1}),
    ("The bullets hit the clerk in the arm and hit his wife in the hand.", {"INJURED": 2}),
    ("That made the rifle fire, mortally wounding the farmer.", {"KILLED": 1}),
])
def test_victims_read_from_the_clause(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected


def test_a_body_part_is_not_the_group(annotate):
    found = casualties(annotate, "A bullet grazed the head of a deputy.")
    assert [(c.group, c.count.text) for c in found] == [("deputy", "a deputy")]


def test_a_dead_sleep_is_no_death(annotate):
    assert casualties(annotate, "The noise woke the whole street from a dead sleep.") == []


def test_one_source_spelt_two_ways_is_one_source(annotate):
    text = ("A teenager is dead after a shooting on Monday, according to the county sheriff's office. "
            "The County Sheriff's Office said a 16-year-old accidentally shot himself while cleaning a gun.")
    assert totals(casualties(annotate, text)) == {"KILLED": 1}


def test_a_source_named_again_by_surname_is_the_same_source(annotate):
    text = ("Two men were wounded outside the bar, Police Chief Dana Whitlock said. "
            "Both men were taken to a hospital, Whitlock said.")
    found = casualties(annotate, text)
    assert totals(found) == {"INJURED": 2}
    assert {c.source.name for c in found} == {"Police Chief Dana Whitlock"}


def test_one_person_shot_as_another_source_tells_is_the_person_counted(annotate):
    text = ("A 9-year-old boy died on Saturday, the coroner said. "
            "Deputies said a relative accidentally shot a 9-year-old while cleaning a rifle.")
    assert totals(casualties(annotate, text)) == {"KILLED": 1}


def test_coordinated_groups_of_one_clause_are_different_people(annotate):
    text = ("A shooting at a party left nine people hospitalized on Saturday. "
            "Four men and five women were injured.")
    assert totals(casualties(annotate, text)) == {"INJURED": 9}


def test_a_sourced_total_holds_the_people_told_of_before(annotate):
    text = "A man was killed in the shooting on Friday. Three people died, police said."
    found = casualties(annotate, text)
    assert totals(found) == {"KILLED": 3}
    assert {c.source.name for c in found} == {"Police Forces"}


def test_a_headline_total_holds_the_parts_a_source_told(pipeline):
    doc = pipeline.annotate(pb.Document(text="Police say the security guard was shot in the foot outside the club.",
                                        title="Six shot at nightclub", published="2018-05-27"), ["casualties"])
    assert totals(doc.get("casualties")) == {"INJURED": 6}


def test_one_person_named_later_is_named_in_the_group(annotate):
    text = ("A man was hospitalized after a shooting on Sunday night. "
            "Police said Dorian Velasquez, 21, was injured in the shooting.")
    found = casualties(annotate, text)
    assert [(pb.Casualty.Kind.Name(c.kind), value(c), c.group) for c in found] == [("INJURED", 1, "Dorian Velasquez")]


@pytest.mark.parametrize(("text", "expected"), [
    # "shot on the west side" tells where, not at whom
    ("Four men shot Wednesday evening on the west side are expected to recover.", {"INJURED": 4}),
    # turning up at a hospital, being sent or left there
    ("Two men were wounded outside the bar. A third man walked into a hospital with a gunshot wound.",
     {"INJURED": 3}),
    ("The shooting sent four people to the hospital on Friday.", {"INJURED": 4}),
    ("The gunfire left two men in the hospital.", {"INJURED": 2}),
    ("The bullets left a toddler abandoned in critical condition.", {"INJURED": 1}),
    # a verb with its own subject does not borrow the object of the verb it is coordinated with
    ("Police arrested a suspect in the shooting that left a man dead and three others injured.",
     {"KILLED": 1, "INJURED": 3, "ARRESTED": 1}),
])
def test_more_ways_to_tell_of_the_harmed(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the gravest fate told of the same words picks the person: the man left dead, not one of the injured
    ("A shooting left a man dead and three others injured. An unidentified man was shot in the head and was "
     "pronounced dead at the scene.", {"KILLED": 1, "INJURED": 3}),
    # "he" after the one person of its sentence is that person
    ("A teen was killed and another teen was wounded on Friday. Jon Perez was taken to a hospital, where he died.",
     {"KILLED": 1, "INJURED": 1}),
    # "a second", "two others": the rest of the four, not new people
    ("Four men were shot on Friday. One was pronounced dead at the scene, and a second was taken to a hospital. "
     "He later died. Two others were treated for minor wounds.", {"KILLED": 2, "INJURED": 2}),
    ("A man died after a double shooting on Tuesday. The second victim, a 30-year-old, was treated at a hospital.",
     {"KILLED": 1, "INJURED": 1}),
    ("A student was fatally shot and another teen was injured. A second victim, Armand Lee, 16, also was taken "
     "to a hospital.", {"KILLED": 1, "INJURED": 1}),
])
def test_which_people_a_mention_tells_of(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a detention center is no hospital
    ("A woman was killed in the shooting on Friday. The 16-year-old was arrested and taken to the juvenile "
     "detention center.", {"KILLED": 1, "ARRESTED": 1}),
    # "dying" tells a death
    ("Her neighbor tried to help his dying girlfriend after she was shot in the chest.", {"KILLED": 1}),
    # "had a gunshot wound" tells a shooting, not a fate: the girl killed, told of by another source
    ("A 7-year-old girl was killed on Friday, the coroner said. According to a sheriff's release, deputies found a "
     "girl who had a gunshot wound.", {"KILLED": 1}),
    # with one victim told of, a kin word about a shooting is that victim
    ("A boy died on Saturday after a rifle went off, officials said. A deputy said the boy's cousin accidentally "
     "shot his cousin while they were hunting.", {"KILLED": 1}),
    ("A man was shot in the arm outside the store. The gunman then shot his wife in the hand.", {"INJURED": 2}),
])
def test_one_person_or_two(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "he" opening a sentence after the one person of the sentence before is that person
    ("A shooting left one dead and six others injured, police said. Officers found a 35-year-old man shot in the "
     "head. He was taken to a hospital, where he was later pronounced dead.", {"KILLED": 1, "INJURED": 6}),
    # "one twin shot the other" is told of the one victim
    ("A 2-year-old is dead after an accidental shooting, police said. Police believe one twin accidentally shot "
     "the other. He was pronounced dead at the scene.", {"KILLED": 1}),
])
def test_the_person_a_pronoun_or_the_other_stands_for(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected


# -- tolls that rise, and history that is no figure of the event --------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # a toll told by its plural noun: the figure it rose to, not the one it rose from
    ("Fatalities from the blasts climbed to 32 on Monday, up from 18 on Sunday, the governor said.",
     [("KILLED", 32, "EXACT")]),
    ("Deaths from the raid rose to 14 on Tuesday from 9 a day earlier.", [("KILLED", 14, "EXACT")]),
])
def test_a_toll_told_by_its_plural_noun(annotate, text, expected):
    assert rows(casualties(annotate, text)) == expected


def test_a_rising_toll_and_a_second_voice_are_two_claims(annotate):
    text = ("The toll from the bombings in Konduga rose to 32 on Monday, up from 18 on Sunday, an emergency "
            "official said. A militia leader said his men had counted at least 40 bodies.")
    found = casualties(annotate, text)
    assert [(pb.Casualty.Kind.Name(c.kind), value(c), c.source.text) for c in found] == [
        ("KILLED", 32, "an emergency official"), ("KILLED", 40, "A militia leader")]


@pytest.mark.parametrize("history", [
    "Boko Haram, which has killed tens of thousands of people in a 15-year insurgency, often raids farms.",
    "Jihadists have killed more than 2,000 people in the region since 2015.",
    "The rebels have killed hundreds of soldiers over the past two years.",
    "The group, which has killed thousands during the decade-long conflict, denied the raid.",
])
def test_history_is_no_figure_of_the_event(annotate, history):
    found = casualties(annotate, f"Gunmen killed nine farmers near Maiduguri on Saturday. {history}")
    assert rows(found) == [("KILLED", 9, "EXACT")]


@pytest.mark.parametrize(("text", "expected"), [
    # the present perfect of a report is the event's, and "since" an event is no span of years
    ("Five people have been killed in the attack, police said.", {"KILLED": 5}),
    ("Two people were shot on Monday. One of them has died since the attack.", {"KILLED": 1, "INJURED": 1}),
])
def test_a_report_in_the_perfect_is_still_the_event(annotate, text, expected):
    assert totals(casualties(annotate, text)) == expected
