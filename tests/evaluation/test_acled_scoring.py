"""events_acled scoring on hand-made records and responses (written here; nothing from the gold file)."""

from __future__ import annotations

import pytest

from fieldreport.evaluation import report
from fieldreport.evaluation.acled import actor_names, admin1, regions, taxonomy
from fieldreport.evaluation.baselines import tfidf_types
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.acled import AcledTask, choose
from fieldreport.evaluation.tasks.base import OURS
from fieldreport.v1 import fieldreport_pb2 as pb

# -- the type table -------------------------------------------------------------------------------


def test_acled_names_map_to_the_contracts_snake_case():
    assert taxonomy.event_type("Explosions/Remote violence") == "explosions_remote_violence"
    assert taxonomy.event_type("Violence against civilians") == "violence_against_civilians"
    assert taxonomy.sub_event_type("Remote explosive/landmine/IED") == "remote_explosive_landmine_ied"
    assert taxonomy.sub_event_type("Shelling/artillery/missile attack") == "shelling_artillery_missile_attack"
    assert taxonomy.sub_event_type("Change to group/activity") == "change_to_group_activity"
    assert taxonomy.sub_event_type("Air/drone strike") == "air_drone_strike"
    assert taxonomy.event_type("Air/drone strike") is None  # a sub-type is not a type


def test_the_table_has_all_six_types_and_25_sub_types_each_under_its_type():
    table = taxonomy.table()
    assert len(table["type"]) == 6
    assert len(table["sub_type"]) == 25
    assert set(table["parent"]) == set(table["sub_type"].values())
    assert set(table["parent"].values()) == set(table["type"].values())
    assert table["parent"]["grenade"] == "explosions_remote_violence"
    assert table["parent"]["looting_property_destruction"] == "strategic_developments"


def test_unmapped_names_are_reported():
    incidents = [{"type": "Battles", "sub_type": "Armed clash"}, {"type": "Riots", "sub_type": "Looting spree"}]
    assert taxonomy.unmapped(incidents) == ["Looting spree"]


# -- actor names ------------------------------------------------------------------------------------


def test_year_ranges_are_dropped_and_words_compared():
    assert actor_names.canonical("Military Forces of Somalia (2022-)") == "Military Forces of Somalia"
    assert actor_names.canonical("Police Forces of Kenya (2013-2022) Prison Guards") == \
        "Police Forces of Kenya Prison Guards"
    assert actor_names.tokens("Military Forces of Somalia (2022-)") == {"military", "forces", "somalia"}
    # a country in parentheses is a word of the name, not a year range
    assert actor_names.tokens("Protesters (Kenya)") == {"protesters", "kenya"}
    assert actor_names.token_f1("Military Forces of Somalia (2022-)", "Military Forces of Somalia") == 1.0
    assert actor_names.token_f1("Police Forces of Kenya (2013-)", "Military Forces of Kenya") == pytest.approx(2 / 3)
    assert actor_names.token_f1("Al Shabaab", "al-Shabaab") == 1.0  # the article is a function word
    assert actor_names.token_f1("Rioters (Chad)", "") == 0.0


def test_a_side_is_its_actor_and_its_associated_actors():
    names = actor_names.gold_names("Civilians (Ukraine)", "Farmers (Ukraine); Women (Ukraine)")
    assert names == ["Civilians (Ukraine)", "Farmers (Ukraine)", "Women (Ukraine)"]
    assert actor_names.best_f1(["women"], names) == pytest.approx(2 / 3)
    assert actor_names.best_f1([], names) == 0.0


# -- admin1 codes -----------------------------------------------------------------------------------


def test_admin1_names_in_two_spellings_get_one_geonames_code():
    acled = admin1.code_of("SO", "Lower Shabelle")
    geonames = admin1.code_of("SO", "Lower Shabeelle")
    assert geonames == admin1.Admin1("14", "name")
    assert acled == admin1.Admin1("14", "close_name")
    assert admin1.code_of("SO", "Banadir").code == admin1.code_of("SO", "Banaadir").code == "02"
    assert admin1.code_of("SO", "Lower Juba").code == "09"  # a close name of another division is not taken


def test_an_admin1_name_no_source_has_takes_the_code_at_the_point():
    assert admin1.code_of("CD", "Sud-Kivu") == admin1.Admin1(None, "none")
    assert admin1.code_of("CD", "Sud-Kivu", (-2.49, 28.86)) == admin1.Admin1("12", "point")  # Bukavu
    assert admin1.code_of("SY", "Idleb", (35.93, 36.63)).code == admin1.code_of("SY", "Idlib").code == "12"


def test_no_admin1_name_no_code():
    assert admin1.code_of("SO", "") == admin1.Admin1(None, "none")
    assert admin1.code_of("", "Bay") == admin1.Admin1(None, "none")


# -- regions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "region"), [
    ("SO", "Africa"), ("EG", "Africa"), ("SY", "Middle East"), ("TR", "Middle East"), ("AF", "South Asia"),
    ("PK", "South Asia"), ("MM", "Southeast Asia"), ("UA", "Europe"), ("RU", "Europe"), ("MX", "Americas"),
    ("HT", "Americas"), ("AZ", "Caucasus and Central Asia"), ("CN", "East Asia"), ("PG", "Oceania"),
    ("zz", "unknown"), (None, "unknown")])
def test_region_of_a_country(country, region):
    assert regions.region_of(country) == region


def test_the_region_table_covers_every_country_of_geonames():
    from fieldreport.evaluation.geonames import cache

    assert set(cache().get_countries()) <= set(regions.table())
    assert regions.key("Caucasus and Central Asia") == "caucasus_central_asia"


# -- choosing and scoring -----------------------------------------------------------------------------


def place(lat: float, lon: float, country: str, admin1_name: str) -> pb.Place:
    return pb.Place(latitude=lat, longitude=lon, country_code=country, admin1=admin1_name)


def event(begin: int, types: tuple[str, str], day: str, where: pb.Place, killed: int | None = None,
          actors=()) -> pb.Event:  # noqa: ANN001
    casualties = [] if killed is None else [
        pb.Casualty(kind=pb.Casualty.KILLED, count=pb.Count(value=killed, qualifier=pb.Count.EXACT))]
    return pb.Event(event_type=types[0], sub_event_type=types[1], trigger=pb.Span(begin=begin, end=begin + 5),
                    when=pb.TimeValue(value=day, start=day, end=day, granularity=pb.TimeValue.DAY), where=where,
                    casualties=casualties, actors=[pb.Actor(text=t, name=n, role=r) for t, n, r in actors])


def incident(kind: str, sub: str, day: str, name: str, admin1_name: str, country: str, lat: float, lon: float,
             precision: int, actor1: str | None, actor2: str | None = None, assoc2: str | None = None) -> dict:
    return {"type": kind, "sub_type": sub, "date": day, "time_precision": 1, "geo_precision": precision,
            "place": {"name": name, "admin1": admin1_name, "country": country, "lat": lat, "lon": lon},
            "actor1": actor1, "assoc_actor_1": None, "actor2": actor2, "assoc_actor_2": assoc2}


def record(rid: str, gold: list[dict], killed: int, note: bool = False) -> Record:
    return Record(id=rid, dataset="acled", text="A note written for the test.", title="", published="",
                  gold={"incidents": gold, "killed_total": killed, "fatalities_note": note})


KHARKIV = (49.99, 36.23)
RECORDS = [
    record("r1", [incident("Battles", "Armed clash", "2024-03-05", "Afgooye", "Lower Shabelle", "SO", 2.1381,
                           45.1212, 1, "Al Shabaab", "Military Forces of Somalia (2022-)")], killed=2),
    record("r2", [incident("Protests", "Peaceful protest", "2019-06-10", "Nairobi", "Nairobi", "KE", -1.2833,
                           36.8167, 2, "Protesters (Kenya)")], killed=0),
    record("r3", [incident("Violence against civilians", "Attack", "2023-01-09", "Mogadishu", "Banadir", "SO",
                           2.0371, 45.3438, 1, "Unidentified Armed Group (Somalia)", "Civilians (Somalia)")],
           killed=1, note=True),
    record("r4", [incident("Explosions/Remote violence", "Shelling/artillery/missile attack", "2022-08-01",
                           "Kharkiv", "Kharkiv", "UA", 49.98, 36.25, 3, "Military Forces of Russia (2000-)",
                           "Military Forces of Ukraine (2019-)", "Civilians (Ukraine)"),
                  incident("Battles", "Armed clash", "2022-08-01", "Kharkiv", "Kharkiv", "UA", 49.98, 36.25, 3,
                           "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")], killed=3),
]
EVENTS = {
    "r1": [event(5, ("battles", "armed_clash"), "2024-03-05", place(2.14, 45.12, "SO", "Lower Shabeelle"), 2,
                 [("al-Shabaab", "Al-Shabaab", pb.Actor.PERPETRATOR),
                  ("Somali soldiers", "Military Forces of Somalia", pb.Actor.TARGET)])],
    "r2": [event(3, ("riots", "violent_demonstration"), "2019-06-11", place(-4.05, 39.67, "KE", "Mombasa"), None,
                 [("demonstrators", "", pb.Actor.PERPETRATOR)])],
    "r3": [],
    "r4": [event(0, ("battles", "armed_clash"), "2022-08-02", place(50.45, 30.52, "UA", "Kyiv City"), 0),
           event(50, ("explosions_remote_violence", "shelling_artillery_missile_attack"), "2022-08-01",
                 place(*KHARKIV, "UA", "Kharkiv"), 2,
                 [("Russian forces", "Russian Armed Forces", pb.Actor.PERPETRATOR),
                  ("civilians", "", pb.Actor.VICTIM)])],
}


def predictions() -> dict[str, dict]:
    return {rid: {"response": pb.ExtractResponse(events=events).SerializeToString()} for rid, events in EVENTS.items()}


def test_the_pair_agreeing_on_date_and_place_is_compared_whatever_its_type():
    events = EVENTS["r4"]
    chosen, gold = choose(events, RECORDS[3].gold["incidents"])
    assert chosen is events[1]
    assert gold is RECORDS[3].gold["incidents"][0]  # ties between the gold incidents go to the first
    # without agreement the lead event (first in document order) is compared
    far = [event(90, ("riots", "mob_violence"), "2001-01-01", place(1.0, 1.0, "GH", "")),
           event(10, ("protests", "peaceful_protest"), "2001-01-02", place(2.0, 2.0, "GH", ""))]
    assert choose(far, RECORDS[0].gold["incidents"])[0] is far[1]
    assert choose([], RECORDS[0].gold["incidents"])[0] is None


def test_scores_of_hand_made_notes():
    ours = AcledTask().score(RECORDS, predictions(), baselines=False)[OURS]
    assert ours["n"] == 4
    assert ours["found"] == 0.75
    # gold battles, protests, violence_against_civilians, explosions; ours battles, riots, none, explosions
    assert ours["event_type_accuracy"] == 0.5
    assert ours["event_type_macro_f1"] == pytest.approx(2 / 6)  # 6 labels in gold or ours, 2 with F1 1
    assert ours["sub_type_accuracy"] == 0.5
    assert ours["type_any"] == 0.5  # r1 and r4; r2 has only a riot, r3 no event
    assert ours["date_exact"] == 0.5
    assert ours["place_acc25"] == ours["place_acc161"] == 0.5
    assert ours["place_none"] == 0.25
    assert ours["gp1_place_acc25"] == 0.5 and ours["gp1_n"] == 2
    assert ours["gp3_place_acc161"] == 1.0
    assert ours["country"] == 0.75
    # r1 by name (Lower Shabelle ~ Lower Shabeelle), r4 by the point on both sides; r2 Mombasa is not Nairobi
    assert ours["admin1"] == 0.5
    # r3's toll is flagged by fatalities_note: left out
    assert ours["n_killed"] == 3 and ours["n_killed_pos"] == 2
    assert ours["killed_exact"] == pytest.approx(2 / 3)
    assert ours["killed_exact_pos"] == 0.5
    assert ours["killed_exact_zero"] == 1.0
    # actor1: 1 (al-Shabaab), 0 (demonstrators), 0 (no event), 1/3 (Russian Armed Forces ~ Military Forces of Russia)
    assert ours["actor1_f1"] == pytest.approx((1 + 0 + 0 + 1 / 3) / 4)
    assert ours["actor1_exact"] == 0.25
    # actor2 (r2 has none): 1, 0, 2/3 ("civilians" ~ the associated "Civilians (Ukraine)")
    assert ours["actor2_f1"] == pytest.approx((1 + 0 + 2 / 3) / 3)
    assert ours["actor2_exact"] == pytest.approx(1 / 3)
    assert ours["africa_n"] == 3 and ours["europe_n"] == 1
    assert ours["africa_found"] == pytest.approx(2 / 3)
    assert ours["europe_place_acc25"] == 1.0
    assert ours["confusion_event_type"] == [["battles", "battles", 1],
                                            ["explosions_remote_violence", "explosions_remote_violence", 1],
                                            ["protests", "riots", 1], ["violence_against_civilians", "none", 1]]


def test_baselines_score_beside_ours():
    preds = predictions()
    for rid, killed in (("r1", 2), ("r2", 1), ("r3", 0), ("r4", 3)):
        preds[rid]["nearest_number"] = killed
    preds["r1"]["first_toponym"] = {"toponym": "Afgooye", "lat": 2.14, "lon": 45.12, "country": "SO",
                                    "admin1code": "14"}
    preds["r2"]["first_toponym"] = {"toponym": "Kenya", "lat": -1.28, "lon": 36.82, "country": "KE",
                                    "admin1code": ""}
    preds["r4"]["first_toponym"] = None
    scores = AcledTask().score(RECORDS, preds, baselines=True)
    nearest = scores["nearest_number"]
    assert nearest["killed_exact"] == pytest.approx(2 / 3) and nearest["killed_exact_zero"] == 0.0
    toponym = scores["first_toponym"]
    assert toponym["place_acc25"] == 0.5  # r1 and r2 (the capital stands in for Kenya); r3, r4 none
    assert toponym["country"] == 0.5
    assert toponym["admin1"] == 0.25  # a country has no admin1
    majority = scores["majority_class"]
    # gold types of the first incidents: one each, so the alphabetically first (battles) wins; right for r1,
    # and for r4, which ACLED filed under a battle too
    assert majority["event_type_accuracy"] == 0.5
    assert set(scores) == {OURS, "majority_class", "tfidf_logreg", "first_toponym", "nearest_number"}


def test_tfidf_baseline_learns_out_of_fold():
    texts = [f"troops and militants exchanged fire near town {i}" for i in range(6)] + \
            [f"residents marched peacefully to demand water in town {i}" for i in range(6)]
    labels = ["battles"] * 6 + ["protests"] * 6
    assert tfidf_types.cross_validated(texts, labels) == labels
    assert tfidf_types.cross_validated(texts[:1], labels[:1]) == ["battles"]
    assert tfidf_types.majority(["riots", "battles", "riots", "battles"]) == "battles"


def test_the_report_shows_the_confusion_table():
    ours = AcledTask().score(RECORDS, predictions(), baselines=False)[OURS]
    lines = AcledTask().markdown_tables({"splits": {"dev": {OURS: ours}}})
    assert "| gold \\ ours | battles | explosions_remote_violence | none | riots |" in lines
    assert "| protests |  |  |  | 1 |" in lines
    assert "| protests | riots | 1 |" not in lines  # the sub-type list shows sub-types
    assert "| peaceful_protest | violent_demonstration | 1 |" in lines
    assert "| Europe | 1 | 100.0 | 100.0 | 100.0 | 100.0 | 100.0 | 100.0 | 100.0 | 100.0 | 0.0 |" in lines
    assert report.fmt(ours["found"], "pct") == "75.0"


def test_the_markdown_report_carries_the_tasks_own_tables():
    ours = AcledTask().score(RECORDS, predictions(), baselines=False)[OURS]
    results = {"meta": {"date": "2026-01-01 00:00 UTC", "commit": "abc1234", "workers": 2, "seconds": 1.0,
                        "baselines": False},
               "tasks": {"events_acled": {"status": "ok", "title": "t", "systems": [OURS], "documents": {"dev": 4},
                                          "metrics": [{"key": "found", "label": "event found", "kind": "pct"}],
                                          "notes": [], "errors": 0, "splits": {"dev": {OURS: ours}}}}}
    text = report.markdown(results, "fieldreport eval")
    assert "| event found | 75.0 |" in text
    assert "**event_type confusion (dev)**: rows gold, columns ours (counts)." in text
    assert "| violence_against_civilians |  |  | 1 |  |" in text
    assert "**event_type confusion (dev)**" in report.text(results)
