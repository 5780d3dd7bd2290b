"""The article the project started from (../shared/examples/alwaght-2018-05-27.txt), end to end: in-process,
over the wire against a real server, and through `fieldreport extract --pretty`. Skips when the example
is absent (it is third-party text and lives outside the project)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from fieldreport.v1 import fieldreport_pb2 as pb

DAMASCUS = (33.5102, 36.29128)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _figures(event: pb.Event) -> list[tuple]:
    out = []
    for c in event.casualties:
        count = c.count
        out.append((pb.Casualty.Kind.Name(c.kind), count.value if count.HasField("value") else None,
                    count.low if count.HasField("low") else None, pb.Count.Qualifier.Name(count.qualifier),
                    c.source.name, pb.Modality.Name(c.source.stance)))
    return out


def _roles(event: pb.Event) -> dict[str, str]:
    return {a.name: pb.Actor.Role.Name(a.role) for a in event.actors}


def check_example(resp: pb.ExtractResponse) -> None:
    """Every bullet of issue 4 for the example article."""
    assert (resp.document.published, resp.document.source) == ("2018-05-27", "Alwaght")
    events = {e.when.value: e for e in resp.events}
    # five incidents, none from background ("since March 2011", "began in September 2015")
    assert [e.when.value for e in resp.events] == ["2018-05-23", "2018-02", "2017-10-03", "2017-07-12", "2018-05-21"]
    assert [e.id for e in resp.events] == ["e1", "e2", "e3", "e4", "e5"]

    # the attack near Mayadin on Wednesday (the ministry spoke on Sunday)
    mayadin = events["2018-05-23"]
    assert (mayadin.when.granularity, mayadin.when.inferred) == (pb.TimeValue.DAY, False)
    assert (mayadin.event_type, mayadin.sub_event_type) == ("battles", "armed_clash")
    where = mayadin.where
    assert (where.text, where.admin1, where.country_code, where.precision) == ("Mayadin", "Deir ez-Zor", "SY", "near")
    assert _km(where.latitude, where.longitude, 35.0198, 40.4515) < 5
    assert sorted(_figures(mayadin)) == sorted([
        ("KILLED", 4, None, "EXACT", "Ministry of Defence of Russia", "ASSERTED"),  # 2 on the spot + 2 later: parts
        ("INJURED", 5, None, "EXACT", "Ministry of Defence of Russia", "ASSERTED"),
        ("KILLED", 43, None, "APPROXIMATE", "Ministry of Defence of Russia", "ASSERTED"),
        ("KILLED", 9, None, "EXACT", "Syrian Observatory for Human Rights", "CLAIMED"),
        ("KILLED", 26, 26, "AT_LEAST", "Syrian Observatory for Human Rights", "CLAIMED"),
    ])
    assert _roles(mayadin) == {"Unidentified Armed Group (Syria)": "PERPETRATOR",
                               "Military Forces of Syria": "TARGET",  # the battery, the government forces
                               "Military Forces of Russia": "VICTIM"}  # the advisers killed and hurt
    assert mayadin.modality == pb.ASSERTED

    # early February: contractors killed by US forces, a count the text does not give
    february = events["2018-02"]
    assert (february.when.start, february.when.granularity) == ("2018-02-01", pb.TimeValue.MONTH)
    (contractors,) = february.casualties
    assert contractors.kind == pb.Casualty.KILLED
    assert contractors.count.qualifier == pb.Count.UNKNOWN
    assert not contractors.count.HasField("value")  # not zero, not one
    assert contractors.affiliation == "Private Military Contractors (Russia)"
    assert _roles(february)["Military Forces of the United States"] == "PERPETRATOR"
    assert _roles(february)["Private Military Contractors (Russia)"] == "VICTIM"
    assert (february.where.admin1, february.where.country_code) == ("Deir ez-Zor", "SY")

    # 3 October 2017: a capture the ministry denied
    capture = events["2017-10-03"]
    assert capture.modality == pb.DENIED
    assert _figures(capture) == [("CAPTURED", 2, None, "EXACT", "Ministry of Defence of Russia", "DENIED")]
    assert _roles(capture) == {"Islamic State (Syria)": "PERPETRATOR", "Military Forces of Russia": "VICTIM"}
    assert (capture.where.name, capture.where.country_code) == ("Syria", "SY")

    # 12 July 2017 ("July 12 last year"): mortar fire on an army camp in Hama
    mortar = events["2017-07-12"]
    assert _figures(mortar) == [("KILLED", 1, None, "EXACT", "Alwaght", "ASSERTED")]
    assert mortar.casualties[0].group == "Captain Nikolay Afanasov"
    assert [i.text for i in mortar.instruments] == ["mortar fire"]
    assert (mortar.event_type, mortar.sub_event_type) == ("explosions_remote_violence",
                                                          "shelling_artillery_missile_attack")
    assert (mortar.where.name, mortar.where.country_code) == ("Hama", "SY")
    assert _roles(mortar)["Military Forces of Syria"] == "TARGET"

    # 21 May: Damascus secured after al-Hajar al-Aswad and al-Yarmouk were taken from ISIS
    damascus = events["2018-05-21"]
    assert (damascus.event_type, damascus.sub_event_type) == ("battles", "government_regains_territory")
    assert damascus.where.name == "Damascus"
    named = {p.text for p in damascus.places}
    assert {"Damascus", "al-Hajar al-Aswad", "al-Yarmouk", "Yalda", "Babbila", "Beit Sahem"} <= named
    for place in damascus.places:
        assert _km(place.latitude, place.longitude, *DAMASCUS) < 20, place.text
    assert _roles(damascus)["Islamic State (Syria)"] == "TARGET"

    # actors: canonical names through aliases, ACLED types and countries (ACLED names the Islamic State by the
    # country it fights in)
    mentions = {(a.text, a.name, a.actor_type, a.country) for a in resp.mentions.actors}
    for alias in ("Takfiri terrorists", "Daesh Takfiri terrorists", "ISIS", "Takfiris"):
        assert (alias, "Islamic State (Syria)", "rebel_group", "SY") in mentions
    assert ("Russian Defense Ministry", "Ministry of Defence of Russia", "state_forces", "RU") in mentions
    assert ("US forces", "Military Forces of the United States", "external_forces", "US") in mentions
    assert ("Syrian government forces", "Military Forces of Syria", "state_forces", "SY") in mentions
    assert ("Russian private military contractors", "Private Military Contractors (Russia)", "external_forces",
            "RU") in mentions
    assert not [w for w in resp.warnings if w.code == "PLUGIN_FAILED"]


def test_example_in_process(pipeline, example_text):
    check_example(pipeline.extract(pb.Document(id="alwaght-2018-05-27", text=example_text)))


def test_example_over_the_wire(acceptance_stub, example_text):
    request = pb.ExtractRequest(document=pb.Document(id="alwaght-2018-05-27", text=example_text))
    check_example(acceptance_stub.Extract(request, timeout=60))


def test_example_through_the_cli(example_text, tmp_path):
    path = tmp_path / "alwaght-2018-05-27.txt"
    path.write_text(example_text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "fieldreport.service.cli", "extract", str(path), "--pretty"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "document alwaght-2018-05-27.txt  published 2018-05-27  source Alwaght"
    heads = [line for line in lines if line.startswith("[e")]
    assert [h.split()[:3] for h in heads] == [
        ["[e1]", "battles/armed_clash", "2018-05-23"],
        ["[e2]", "battles/armed_clash", "2018-02"],
        ["[e3]", "battles/armed_clash", "2017-10-03"],
        ["[e4]", "explosions_remote_violence/shelling_artillery_missile_attack", "2017-07-12"],
        ["[e5]", "battles/government_regains_territory", "2018-05-21"],
    ]
    assert "DENIED" in heads[2]
    body = "\n".join(lines)
    assert "KILLED           ~43 APPROXIMATE militants  <- Ministry of Defence of Russia ASSERTED" in body
    assert "KILLED           ≥26 AT_LEAST    Syrian army troopers  <- Syrian Observatory for Human Rights CLAIMED" in body
    assert "KILLED       unknown UNKNOWN     Russian private military contractors" in body
    assert "PERPETRATOR Military Forces of the United States (external_forces) US" in body
