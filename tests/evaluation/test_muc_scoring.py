"""events_muc4: GTT's template scoring on hand-made templates, and our events as templates."""

from __future__ import annotations

import pytest

from fieldreport.evaluation.tasks.muc import (_alignment_count, _alignments, event_template, incident_type,
                                              is_individual, muc_scores, normalize_string)
from fieldreport.v1 import fieldreport_pb2 as pb

GOLD_ATTACK = {"incident_type": "attack", "PerpInd": [["terrorists", "urban guerrillas"]],
               "PerpOrg": [["fmln", "farabundo marti national liberation front"]], "Target": [["las canas bridge"]],
               "Victim": [], "Weapon": [["rifle"], ["mortar"]]}
GOLD_KIDNAP = {"incident_type": "kidnapping", "Victim": [["juan perez"]]}
OUR_ATTACK = {"incident_type": "attack", "PerpInd": [["The terrorists"]], "Target": [["bridge"]],
              "Weapon": [["rifle"], ["rifles"]]}
OUR_BOMBING = {"incident_type": "bombing", "Victim": [["Juan Perez"]]}


def test_gtt_normalisation():
    assert normalize_string("The  Farabundo-Marti, a Front!") == "farabundomarti front"


def test_alignments_follow_itertools_product_order():
    assert list(_alignments(2, 2)) == [(0, 1), (0, -1), (1, 0), (1, -1), (-1, 0), (-1, 1), (-1, -1)]
    assert _alignment_count(2, 2) == 7
    assert list(_alignments(0, 3)) == [()]


def test_template_scores_by_hand():
    # Only our attack aligns (bombing is not a substring of kidnapping or attack).
    # p_den: attack 1 + PerpInd 1 + Target 1 + Weapon 2 = 5, bombing 1 + Victim 1 = 2 → 7
    # r_den: attack 1 + 1 + 1 + 1 + 2 = 6, kidnapping 1 + 1 = 2 → 8
    # right: type 1, "the terrorists" → "terrorists" 1, "bridge" 0, "rifle" 1 ("rifles" 0) → p_num 3, r_num 3
    scores = muc_scores([([OUR_ATTACK, OUR_BOMBING], [GOLD_ATTACK, GOLD_KIDNAP])])
    assert (scores["micro_p"], scores["micro_r"]) == (pytest.approx(3 / 7), pytest.approx(3 / 8))
    assert scores["micro_f1"] == pytest.approx(0.4)
    assert (scores["incident_type_p"], scores["incident_type_r"]) == (0.5, 0.5)
    assert (scores["Weapon_p"], scores["Weapon_r"]) == (0.5, 0.5)
    assert scores["PerpInd_f1"] == 1.0 and scores["Victim_f1"] == 0.0 and scores["PerpOrg_r"] == 0.0


def test_a_template_for_an_irrelevant_message_is_spurious():
    # the document above, plus one without gold and one template of ours (type + 1 target: 2 in p_den)
    # P = 3/9, R = 3/8, F1 = 2·(1/3)(3/8) / (1/3 + 3/8) = 6/17
    scores = muc_scores([([OUR_ATTACK, OUR_BOMBING], [GOLD_ATTACK, GOLD_KIDNAP]),
                         ([{"incident_type": "attack", "Target": [["house"]]}], [])])
    assert scores["micro_f1"] == pytest.approx(6 / 17)


def test_attack_aligns_with_attack_slash_bombing():
    scores = muc_scores([([{"incident_type": "attack"}], [{"incident_type": "attack / bombing"}])])
    assert scores["micro_f1"] == 1.0


def test_our_events_as_muc_templates():
    kidnapping = pb.Event(event_type="battles", sub_event_type="armed_clash", trigger=pb.Span(text="kidnapped"),
                          actors=[pb.Actor(text="urban guerrillas", role=pb.Actor.PERPETRATOR),
                                  pb.Actor(text="the fmln", role=pb.Actor.PERPETRATOR),
                                  pb.Actor(text="a judge", role=pb.Actor.VICTIM),
                                  pb.Actor(text="A judge", role=pb.Actor.VICTIM)],
                          instruments=[pb.Span(text="rifles")])
    assert event_template(kidnapping) == {"incident_type": "kidnapping", "PerpInd": [["urban guerrillas"]],
                                          "PerpOrg": [["the fmln"]], "Target": [], "Victim": [["a judge"]],
                                          "Weapon": [["rifles"]]}
    assert incident_type(pb.Event(event_type="protests", sub_event_type="peaceful_protest",
                                  trigger=pb.Span(text="march"))) is None
    assert incident_type(pb.Event(event_type="explosions_remote_violence",
                                  sub_event_type="remote_explosive_landmine_ied", trigger=pb.Span(text="attack"))) == "bombing"
    assert is_individual(pb.Actor(text="terrorists of the farabundo marti front"))
    assert not is_individual(pb.Actor(text="farabundo marti national liberation front"))
