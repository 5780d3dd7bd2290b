"""Short wire and local stories of the kinds analysts saw go wrong (written for these tests): a rising toll
told by two voices, history that is no figure, a claim no one made, a police force known by its own name
and its officers hurt, a police shooting of a named man."""

from __future__ import annotations

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb


@pytest.fixture()
def extract(pipeline):
    def run(text: str, published: str = "2025-06-10") -> pb.ExtractResponse:
        return pipeline.extract(pb.Document(text=text, published=published))

    return run


def roles(event: pb.Event) -> dict[str, str]:
    return {a.name: pb.Actor.Role.Name(a.role) for a in event.actors}


def figures(event: pb.Event, kind: str) -> list[tuple]:
    out = []
    for c in event.casualties:
        if pb.Casualty.Kind.Name(c.kind) == kind:
            value = c.count.value if c.count.HasField("value") else c.count.low
            out.append((value, pb.Count.Qualifier.Name(c.count.qualifier), c.source.text))
    return out


NIGERIA = ("The toll from Saturday's suicide bombings in Konduga rose to 32 on Monday, up from 18 on Sunday, an "
           "emergency official said. A militia leader said his men had counted at least 40 bodies. No group claimed "
           "responsibility, but Boko Haram, which has killed tens of thousands of people in a 15-year insurgency, "
           "often uses suicide bombers.")


def test_a_rising_toll_two_voices_no_claim_and_history(extract):
    resp = extract(NIGERIA)
    (event,) = resp.events
    assert (event.event_type, event.sub_event_type) == ("explosions_remote_violence", "suicide_bomb")
    assert (event.where.name, event.where.country_code) == ("Konduga", "NG")
    # each voice's figure, the toll it rose to and the bodies counted; not the 18 it rose from, nor the
    # insurgency's tens of thousands
    assert figures(event, "KILLED") == [(32, "EXACT", "an emergency official"), (40, "AT_LEAST", "A militia leader")]
    assert event.modality != pb.CLAIMED
    assert "Civilians (Nigeria)" in roles(event)


def test_no_group_claiming_is_no_source(pipeline):
    doc = pipeline.annotate(pb.Document(text=NIGERIA, published="2025-06-10"), ("attribution",))
    assert [(s.text, pb.Modality.Name(s.stance)) for s in doc.get("sources")] == [
        ("an emergency official", "ASSERTED"), ("A militia leader", "ASSERTED")]


def test_a_national_police_known_by_its_own_name_and_its_officers_hurt(extract):
    (event,) = extract("Carabineros clashed with hooded protesters in Temuco on Tuesday, and four officers were "
                       "injured by stones, the force said.").events
    assert roles(event) == {"Police Forces of Chile (Carabineros)": "PERPETRATOR", "Protesters (Chile)": "VICTIM"}
    (injured,) = [c for c in event.casualties if c.kind == pb.Casualty.INJURED]
    assert (injured.count.value, injured.group, injured.affiliation) == (4, "officers",
                                                                        "Police Forces of Chile (Carabineros)")


@pytest.mark.parametrize(("text", "expected"), [
    ("A Texas Ranger shot Dario Quintel during a traffic stop in Odessa on Saturday night, the Texas Department "
     "of Public Safety said. Quintel died at a hospital.",
     {"Police Forces of the United States (Texas Rangers)": "PERPETRATOR", "Dario Quintel": "VICTIM"}),
    # the small model tags "Marcus Webb" as a place here
    ("Houston police said officers shot Marcus Webb after he pointed a rifle at them on Sunday. Webb died at a "
     "hospital.", {"Police Forces of the United States": "PERPETRATOR", "Marcus Webb": "VICTIM"}),
])
def test_a_police_shooting_of_a_named_man_has_both_sides(extract, text, expected):
    (event,) = extract(text).events
    assert (event.event_type, event.sub_event_type) == ("violence_against_civilians", "attack")
    assert roles(event) == expected
    assert [v for v, *_ in figures(event, "KILLED")] == [1]
