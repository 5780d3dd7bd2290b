"""types_case: ACLED sub-event types of short news snippets (CASE 2021 Shared Task 2 test set).

Our prediction is the ``sub_event_type`` of the document's main event (the largest casualty total,
ties to the first in document order; see figures.py), or "none" when there is no event.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.figures import main_event_index
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, extract, response

NONE = "none"
# CASE 2021 Task 2 label → ACLED sub-event type in snake_case (ACLED codebook names)
ACLED = {
    "ARMED_CLASH": "armed_clash",
    "GOV_REGAINS_TERIT": "government_regains_territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "non_state_actor_overtakes_territory",
    "CHEM_WEAP": "chemical_weapon",
    "AIR_STRIKE": "air_drone_strike",
    "SUIC_BOMB": "suicide_bomb",
    "ART_MISS_ATTACK": "shelling_artillery_missile_attack",
    "REM_EXPLOS": "remote_explosive_landmine_ied",
    "GRENADE": "grenade",
    "SEX_VIOL": "sexual_violence",
    "ATTACK": "attack",
    "ABDUCT_DISSAP": "abduction_forced_disappearance",
    "PEACE_PROTEST": "peaceful_protest",
    "PROTEST_WITH_INTER": "protest_with_intervention",
    "FORCE_AGAINST_PROTEST": "excessive_force_against_protesters",
    "VIOL_DEMONSTR": "violent_demonstration",
    "MOB_VIOL": "mob_violence",
    "AGREEMENT": "agreement",
    "ARREST": "arrests",
    "CHANGE_TO_GROUP_ACT": "change_to_group_activity",
    "DISR_WEAP": "disrupted_weapons_use",
    "HQ_ESTABLISHED": "headquarters_or_base_established",
    "PROPERTY_DISTRUCT": "looting_property_destruction",
    "NON_VIOL_TERRIT_TRANSFER": "non_violent_transfer_of_territory",
    "OTHER": "other",
}
# the task's "unseen" labels, no ACLED event: the right answer for us is no event
UNSEEN = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")


def gold_type(label: str) -> str:
    return ACLED.get(label, NONE)


def predicted_type(events) -> str:  # noqa: ANN001
    index = main_event_index(events)
    return NONE if index is None else events[index].sub_event_type or NONE


def type_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Accuracy and macro-F1 over the labels in gold or predicted (scikit-learn's macro average)."""
    return metrics.accuracy_macro_f1(gold, predicted, sorted(set(gold) | set(predicted)))


class TypesTask(Task):
    name = "types_case"
    file = "types_case.jsonl"
    title = "CASE 2021 Task 2 test snippets, ACLED-derived fine-grained event types"
    headline = ("acled_accuracy", "acled_macro_f1", "all_accuracy")
    metrics = (
        Metric("acled_accuracy", "accuracy, ACLED types"),
        Metric("acled_macro_f1", "macro-F1, ACLED types"),
        Metric("all_accuracy", "accuracy, all (unseen types = none)"),
        Metric("all_macro_f1", "macro-F1, all (unseen types = none)"),
        Metric("event_rate_unseen", "unseen-type snippets given an event"),
        Metric("n_acled", "snippets of ACLED types", "int"),
        Metric("n_unseen", "snippets of unseen types", "int"),
    )
    about = """
CASE 2021 labels map to ACLED's sub-event types in snake_case (ARMED_CLASH → armed_clash, ART_MISS_ATTACK →
shelling_artillery_missile_attack, AIR_STRIKE → air_drone_strike, REM_EXPLOS →
remote_explosive_landmine_ied, PROPERTY_DISTRUCT → looting_property_destruction, HQ_ESTABLISHED →
headquarters_or_base_established, …). Our prediction: the `sub_event_type` of the main event (largest
casualty total, ties to the first in document order), or *none* without an event. **ACLED types**: the
snippets whose label is one of the 25 ACLED-derived types. **All**: every snippet, the task's unseen
labels (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB — no ACLED event) counting as
*none*, the right answer for them. Macro-F1 averages over the labels in gold or prediction (scikit-learn's
macro average, as the shared task's scorer), so *none* predicted for an ACLED snippet is a class of its own.
"""

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        return {"response": extract(pipeline, record)}

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        gold = [gold_type(r.gold.get("type", "")) for r in records]
        predicted = [predicted_type(response(predictions.get(r.id)).events) for r in records]
        seen = [i for i, r in enumerate(records) if r.gold.get("type") in ACLED]
        unseen = [i for i in range(len(records)) if i not in set(seen)]
        acled = type_scores([gold[i] for i in seen], [predicted[i] for i in seen]) if seen else {}
        every = type_scores(gold, predicted) if records else {}
        return {OURS: {
            "acled_accuracy": acled.get("accuracy"), "acled_macro_f1": acled.get("macro_f1"),
            "all_accuracy": every.get("accuracy"), "all_macro_f1": every.get("macro_f1"),
            "event_rate_unseen": metrics.ratio(sum(predicted[i] != NONE for i in unseen), len(unseen)),
            "n_acled": len(seen), "n_unseen": len(unseen),
        }}
