"""events_gva / events_gvdb scoring on hand-made records and responses (no pipeline involved)."""

from __future__ import annotations

import pytest

from fieldreport.evaluation import metrics
from fieldreport.evaluation.baselines.nearest_number import nearest_count
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.events import GVATask, choose_event, name_tokens
from fieldreport.v1 import fieldreport_pb2 as pb


def day(value: str) -> pb.TimeValue:
    return pb.TimeValue(value=value, start=value, end=value, granularity=pb.TimeValue.DAY)


def event(begin: int, when: str, lat: float, lon: float, admin1: str, killed: int = 0, injured: int = 0,
          victims=(), groups=()) -> pb.Event:  # noqa: ANN001
    casualties = [pb.Casualty(kind=pb.Casualty.KILLED, count=pb.Count(value=killed, qualifier=pb.Count.EXACT)),
                  pb.Casualty(kind=pb.Casualty.INJURED, count=pb.Count(value=injured, qualifier=pb.Count.EXACT))]
    casualties += [pb.Casualty(kind=pb.Casualty.KILLED, group=g) for g in groups]
    return pb.Event(trigger=pb.Span(begin=begin, end=begin + 4), when=day(when),
                    where=pb.Place(latitude=lat, longitude=lon, admin1=admin1), casualties=casualties,
                    actors=[pb.Actor(text=v, role=pb.Actor.VICTIM) for v in victims])


INCIDENT = {"date": "2017-03-04", "killed": 2, "injured": 1, "victims": [["John Smith"]], "perpetrators": [],
            "place": {"name": "Somewhere", "admin1": "Pennsylvania", "country": "US", "lat": 40.0, "lon": -75.0}}


def test_the_event_matching_date_and_place_is_compared():
    far = event(10, "2017-03-01", 10.0, 10.0, "Elsewhere", killed=5)
    near = event(100, "2017-03-04", 40.5, -75.0, "Pennsylvania", killed=2)
    assert choose_event([far, near], INCIDENT, (40.0, -75.0)) is near


def test_without_a_match_the_lead_event_in_document_order_is_compared():
    later = event(300, "2016-01-01", 10.0, 10.0, "Elsewhere")
    lead = event(20, "2016-01-02", 11.0, 10.0, "Elsewhere")
    assert choose_event([later, lead], INCIDENT, (40.0, -75.0)) is lead
    assert choose_event([], INCIDENT, None) is None


def test_name_tokens():
    assert name_tokens(["Haywood Whichard, Jr", "O'Neil"], capitalised_only=False) == {"haywood", "whichard", "o'neil"}
    # ours: only capitalised words count, stop words never
    assert name_tokens(["The victim, John Doe", "a neighbor"], capitalised_only=True) == {"john", "doe"}


def test_nearest_number_rule():
    text = "A gunman killed four people on Main Street. Two others were wounded later."
    assert nearest_count(text, "killed") == 4
    assert nearest_count(text, "injured") == 2
    assert nearest_count("A teenager was killed overnight.", "killed") == 1
    assert nearest_count("A man was hurt.", "killed") == 0
    # naive on purpose: "3" is nearer to "killed" than "two" is
    assert nearest_count("Police said two people were killed and 3 were hurt.", "killed") == 3


def test_score_two_records_by_hand():
    found = Record("gva:1", "gva", "Two men were killed. One woman was injured.", "", "2017-03-05",
                   {"incidents": [INCIDENT]})
    missed = Record("gva:2", "gva", "Nothing happened here.", "", "2017-05-05",
                    {"incidents": [{"date": "2017-05-05", "killed": 0, "injured": 2, "place": None,
                                    "victims": [], "perpetrators": []}]})
    ours = pb.ExtractResponse(events=[
        event(10, "2017-03-01", 10.0, 10.0, "Elsewhere", killed=5),
        event(100, "2017-03-04", 40.5, -75.0, "Pennsylvania", killed=2, injured=3, victims=["John Doe"],
              groups=["a neighbor"]),
    ])
    task = GVATask()
    predictions = {"gva:1": task_prediction(task, found, ours), "gva:2": task_prediction(task, missed, None)}
    scores = task.score([found, missed], predictions, baselines=True)
    mine = scores["fieldreport"]
    assert mine["found"] == 0.5
    assert (mine["killed_exact"], mine["killed_within1"]) == (0.5, 0.5)  # 2 = 2; no event for the second
    assert (mine["injured_exact"], mine["injured_within1"]) == (0.0, 0.0)  # 3 vs 1 is off by 2
    assert mine["date_exact"] == 0.5
    assert mine["place_acc161"] == 1.0 and mine["n_points"] == 1  # only the first has a gold point
    assert mine["place_mean_km"] == pytest.approx(metrics.haversine_km(40.5, -75.0, 40.0, -75.0))
    assert mine["place_state"] == 1.0
    # gold {john, smith}, ours {john, doe}: 1 common of 2 and 2
    assert (mine["victim_name_p"], mine["victim_name_r"]) == (0.5, 0.5)
    assert mine["perpetrator_name_f1"] is None
    # nearest number: killed 2 and 0 both right; injured 1 right, 0 for 2 wrong
    assert scores["nearest_number"]["killed_exact"] == 1.0
    assert scores["nearest_number"]["injured_exact"] == 0.5
    # publication date: 2017-03-05 is not 2017-03-04; 2017-05-05 is the day
    assert scores["publication_date"]["date_exact"] == 0.5


def task_prediction(task, record, response):  # noqa: ANN001, ANN201
    """What a worker would return, with our response given instead of extracted."""
    out = {} if response is None else {"response": response.SerializeToString()}
    out["nearest_number"] = {k: nearest_count(record.text, k) for k in ("killed", "injured")}
    return out
