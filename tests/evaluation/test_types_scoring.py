"""types_case: label mapping, main-event prediction and the scores, by hand."""

from __future__ import annotations

import pytest

from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.types import TypesTask, gold_type, predicted_type, type_scores
from fieldreport.v1 import fieldreport_pb2 as pb


def test_case_labels_map_to_acled_sub_event_types():
    assert gold_type("ART_MISS_ATTACK") == "shelling_artillery_missile_attack"
    assert gold_type("AIR_STRIKE") == "air_drone_strike"
    assert gold_type("ARREST") == "arrests"
    assert gold_type("NATURAL_DISASTER") == "none"  # an unseen label: no ACLED event


def killing(begin: int, sub_event_type: str, killed: int) -> pb.Event:
    return pb.Event(sub_event_type=sub_event_type, trigger=pb.Span(begin=begin, end=begin + 4), casualties=[
        pb.Casualty(kind=pb.Casualty.KILLED, count=pb.Count(value=killed, qualifier=pb.Count.EXACT))])


def test_prediction_is_the_main_events_type():
    events = [killing(0, "armed_clash", 1), killing(40, "air_drone_strike", 6)]
    assert predicted_type(events) == "air_drone_strike"
    assert predicted_type([]) == "none"


def test_type_scores_by_hand():
    # labels armed_clash (F1 2/3), attack (2/3), none (0): macro 4/9; 2 of 4 right
    scores = type_scores(["armed_clash", "armed_clash", "attack", "none"], ["armed_clash", "none", "attack", "attack"])
    assert scores == {"accuracy": 0.5, "macro_f1": pytest.approx(4 / 9)}


def test_task_score_splits_acled_and_unseen():
    records = [Record("case:1", "case", "x", "", "", {"type": "AIR_STRIKE"}),
               Record("case:2", "case", "y", "", "", {"type": "DIPLO"})]
    responses = {"case:1": pb.ExtractResponse(events=[killing(0, "air_drone_strike", 2)]),
                 "case:2": pb.ExtractResponse(events=[killing(0, "attack", 1)])}
    predictions = {k: {"response": v.SerializeToString()} for k, v in responses.items()}
    scores = TypesTask().score(records, predictions, baselines=False)["fieldreport"]
    assert (scores["acled_accuracy"], scores["acled_macro_f1"]) == (1.0, 1.0)
    # all: gold [air_drone_strike, none], predicted [air_drone_strike, attack]: F1 1, 0, 0 → macro 1/3
    assert scores["all_accuracy"] == 0.5
    assert scores["all_macro_f1"] == pytest.approx(1 / 3)
    assert scores["event_rate_unseen"] == 1.0
    assert (scores["n_acled"], scores["n_unseen"]) == (1, 1)
