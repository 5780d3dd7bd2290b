"""events_muc4: MUC-4 terrorism templates, scored as GTT does (Du et al. 2021, xinyadu/gtt ``eval.py``).

Per document, every one-to-one alignment of our templates to the gold ones (or to none) is tried and
the one with the best micro F1 is kept; a pair counts as aligned only when our incident type is a
substring of the gold one ("attack" fits "attack / bombing"). An aligned pair scores the incident type
(1 of 1) and each role: a predicted entity is right when its mention matches any of the mentions of a
gold entity of that role, a gold entity is found when any predicted entity matches it; strings are
compared after GTT's normalisation (lower case, no punctuation, no articles, single spaces).
Templates left unaligned count in the denominators only. Micro P/R/F1 sums the counts of the incident
type and the five roles over all documents.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, extract, response
from fieldreport.v1 import fieldreport_pb2 as pb

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
KEYS = ("incident_type", *ROLES)
GOLD_FIELDS = {"PerpInd": "perpetrators", "PerpOrg": "perpetrator_orgs", "Target": "targets",
               "Victim": "victims", "Weapon": "weapons"}
# above this many alignments a document is aligned greedily (and counted), instead of exhaustively
MAX_ALIGNMENTS = 200_000

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_PUNCTUATION = set(string.punctuation)


def normalize_string(text: str) -> str:
    """GTT's normalisation: lower case, punctuation removed, articles removed, whitespace collapsed."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def normalize_template(template: dict) -> dict:
    out = {"incident_type": template.get("incident_type") or "attack"}
    for role in ROLES:
        out[role] = [[normalize_string(m) for m in entity] for entity in template.get(role) or []]
    return out


def _matches(gold_entity: list[str], pred_entity: list[str]) -> bool:
    return all(m in gold_entity for m in pred_entity)


def _pair_counts(pred: dict, gold: dict) -> list[tuple[int, int]] | None:
    """(p_num, r_num) per key of an aligned pair, or None when the types do not align."""
    if pred["incident_type"] not in gold["incident_type"]:
        return None
    counts = [(1, 1)]
    for role in ROLES:
        p_num = sum(any(_matches(g, p) for g in gold[role]) for p in pred[role])
        r_num = sum(any(_matches(g, p) for p in pred[role]) for g in gold[role])
        counts.append((p_num, r_num))
    return counts


def _size(template: dict) -> list[int]:
    return [1] + [len(template[role]) for role in ROLES]


def _alignments(n_pred: int, n_gold: int):  # noqa: ANN202
    """Partial one-to-one maps pred → gold (-1 = none), in the order of GTT's itertools.product."""
    choices = [*range(n_gold), -1]
    mapping: list[int] = []

    def walk(used: set[int]):  # noqa: ANN202
        if len(mapping) == n_pred:
            yield tuple(mapping)
            return
        for choice in choices:
            if choice != -1 and choice in used:
                continue
            mapping.append(choice)
            yield from walk(used | {choice} if choice != -1 else used)
            mapping.pop()

    yield from walk(set())


def _alignment_count(n_pred: int, n_gold: int) -> int:
    from math import comb, perm

    return sum(comb(n_pred, k) * perm(n_gold, k) for k in range(min(n_pred, n_gold) + 1))


def document_counts(preds: Sequence[dict], golds: Sequence[dict]) -> tuple[dict[str, list[int]], bool]:
    """Per key [p_num, p_den, r_num, r_den] of the best alignment; and whether it was found greedily."""
    preds = [normalize_template(t) for t in preds]
    golds = [normalize_template(t) for t in golds]
    pair = {(i, j): _pair_counts(p, g) for i, p in enumerate(preds) for j, g in enumerate(golds)}
    p_den = [sum(col) for col in zip(*(_size(p) for p in preds))] or [0] * len(KEYS)
    r_den = [sum(col) for col in zip(*(_size(g) for g in golds))] or [0] * len(KEYS)

    def totals(mapping) -> tuple[list[int], list[int]]:  # noqa: ANN001
        p_num, r_num = [0] * len(KEYS), [0] * len(KEYS)
        for i, j in enumerate(mapping):
            counts = pair.get((i, j)) if j != -1 else None
            if counts:
                for k, (p, r) in enumerate(counts):
                    p_num[k] += p
                    r_num[k] += r
        return p_num, r_num

    def micro(p_num, r_num) -> float:  # noqa: ANN001
        return metrics.prf(sum(p_num), sum(p_den), sum(r_num), sum(r_den))["f1"]

    greedy = _alignment_count(len(preds), len(golds)) > MAX_ALIGNMENTS
    candidates = [_greedy(preds, golds, pair)] if greedy else _alignments(len(preds), len(golds))
    best, best_f1 = None, -1.0
    for mapping in candidates:
        p_num, r_num = totals(mapping)
        f1 = micro(p_num, r_num)
        if f1 > best_f1:  # the first best, as GTT keeps it
            best, best_f1 = (p_num, r_num), f1
    p_num, r_num = best
    return {key: [p_num[k], p_den[k], r_num[k], r_den[k]] for k, key in enumerate(KEYS)}, greedy


def _greedy(preds, golds, pair) -> tuple[int, ...]:  # noqa: ANN001
    """Each pred in turn takes the free gold template it gets the most right in (a fallback only)."""
    used: set[int] = set()
    mapping = []
    for i in range(len(preds)):
        scored = [(sum(p + r for p, r in pair[(i, j)]), j) for j in range(len(golds))
                  if j not in used and pair[(i, j)]]
        j = max(scored)[1] if scored else -1
        used.add(j)
        mapping.append(j)
    return tuple(mapping)


def muc_scores(documents: Sequence[tuple[Sequence[dict], Sequence[dict]]]) -> dict:
    """P/R/F1 per key and micro-averaged, summed over documents of (predicted, gold) templates."""
    total = {key: [0, 0, 0, 0] for key in KEYS}
    greedy = 0
    for preds, golds in documents:
        counts, was_greedy = document_counts(preds, golds)
        greedy += was_greedy
        for key in KEYS:
            total[key] = [a + b for a, b in zip(total[key], counts[key])]
    out: dict = {}
    for key in KEYS:
        p_num, p_den, r_num, r_den = total[key]
        for name, value in metrics.prf(p_num, p_den, r_num, r_den).items():
            out[f"{key}_{name}"] = value
    sums = [sum(total[key][i] for key in KEYS) for i in range(4)]
    out.update({f"micro_{name}": value for name, value in metrics.prf(*sums).items()})
    out["greedy_documents"] = greedy
    return out


# -- our events as MUC templates -----------------------------------------------------------------------

KIDNAP = re.compile(r"kidnap|abduct|hostage")
BOMB = re.compile(r"bomb|explo|blast|dynamit|detonat|grenade|car.?bomb")
ARSON = re.compile(r"arson|burn|torch|ablaze|set fire|firebomb")
ROBBERY = re.compile(r"\brob|robber|steal|stole|loot|hold.?up|heist|assault on a bank")
STOPPAGE = re.compile(r"stoppage|walkout|work strike|transport strike|armed strike")
VIOLENT_TYPES = {"battles", "violence_against_civilians", "explosions_remote_violence", "riots"}
PERSON_HEADS = {
    "terrorist", "terrorists", "guerrilla", "guerrillas", "gunman", "gunmen", "soldier", "soldiers", "man", "men",
    "individual", "individuals", "people", "person", "persons", "subversive", "subversives", "rebel", "rebels",
    "attacker", "attackers", "assailant", "assailants", "criminal", "criminals", "militant", "militants",
    "kidnapper", "kidnappers", "member", "members", "youth", "youths", "commando", "commandos", "killer",
    "killers", "hitman", "hitmen", "bandit", "bandits", "suspect", "suspects", "agent", "agents", "officer",
    "officers", "policeman", "policemen", "troops", "insurgent", "insurgents", "fighter", "fighters",
}


def incident_type(event: pb.Event) -> str | None:
    """MUC incident type of one of our events, or None for events MUC has no template for."""
    trigger = event.trigger.text.lower()
    sub = event.sub_event_type
    if KIDNAP.search(trigger) or sub == "abduction_forced_disappearance":
        return "kidnapping"
    if BOMB.search(trigger) or sub in ("remote_explosive_landmine_ied", "suicide_bomb", "grenade"):
        return "bombing"
    if ARSON.search(trigger):
        return "arson"
    if ROBBERY.search(trigger):
        return "robbery"
    if STOPPAGE.search(trigger):
        return "forced work stoppage"
    if event.event_type in VIOLENT_TYPES or sub == "looting_property_destruction":
        return "attack"
    return None


def is_individual(actor: pb.Actor) -> bool:
    """PerpInd when the actor's head word names people ("urban guerrillas", "two gunmen"), else PerpOrg."""
    words = re.findall(r"[a-z]+", actor.text.lower().split(" of ")[0])
    head = words[-1] if words else ""
    return head in PERSON_HEADS or head.endswith(("ists", "ers", "men"))


def event_template(event: pb.Event) -> dict | None:
    kind = incident_type(event)
    if kind is None:
        return None
    template: dict = {"incident_type": kind, **{role: [] for role in ROLES}}
    seen: set[tuple[str, str]] = set()

    def add(role: str, text: str) -> None:
        key = (role, normalize_string(text))
        if key[1] and key not in seen:  # one entity per distinct string, as a template generator gives
            seen.add(key)
            template[role].append([text])

    for actor in event.actors:
        if actor.role == pb.Actor.PERPETRATOR:
            add("PerpInd" if is_individual(actor) else "PerpOrg", actor.text)
        elif actor.role == pb.Actor.TARGET:
            add("Target", actor.text)
        elif actor.role == pb.Actor.VICTIM:
            add("Victim", actor.text)
    for instrument in event.instruments:
        add("Weapon", instrument.text)
    return template


def gold_templates(record: Record) -> list[dict]:
    out = []
    for incident in record.gold.get("incidents") or []:
        template = {"incident_type": incident.get("type") or "attack"}
        template.update({role: incident.get(field) or [] for role, field in GOLD_FIELDS.items()})
        out.append(template)
    return out


class MUCTask(Task):
    name = "events_muc4"
    file = "events_muc4.jsonl"
    title = "MUC-4 terrorism templates (DEV + TST1 + TST2, GTT's processed form), lower-cased texts"
    headline = ("micro_f1",)
    metrics = (
        Metric("micro_p", "template micro P"),
        Metric("micro_r", "template micro R"),
        Metric("micro_f1", "template micro F1 (GTT's metric)"),
        *(Metric(f"{key}_f1", f"{key} F1") for key in KEYS),
        Metric("templates_predicted", "templates predicted", "int"),
        Metric("templates_gold", "gold templates", "int"),
    )
    about = """
Scored as GTT's `eval.py` (Du et al. 2021): per message, every one-to-one alignment of our templates to
the gold ones is tried and the best micro F1 kept; a pair aligns only when our incident type is a
substring of the gold one. Aligned pairs score the incident type and the five roles (PerpInd, PerpOrg,
Target, Victim, Weapon): a predicted filler is right when its string equals one of the mention strings
of a gold entity of that role (after GTT's normalisation: lower case, no punctuation, no articles), a gold
entity is found when a filler matches it; unaligned templates count in the denominators. Micro P/R/F1
over the counts of all six keys and all messages (irrelevant messages have no gold template, so any
template we give there is spurious). **Our templates**: one per event whose type maps to MUC — kidnapping,
bombing, arson, robbery, forced work stoppage from the trigger word (and ACLED's abduction, IED, suicide
bomb and grenade sub-types), attack for the other violent ACLED types; protests and strategic
developments give none. PerpInd / PerpOrg: PERPETRATOR actors, individual when the head word names
people (terrorists, gunmen, soldiers, …), else organisation; Target: TARGET actors; Victim: VICTIM actors;
Weapon: instruments; the filler string is the actor's (instrument's) text as we give it. The texts are
lower-cased, which costs a spaCy model trained on cased text. **Not the same documents as the published
numbers**: GTT's 50.2 and IterX's 53.0 are on TST3+TST4, which is not in `../shared/eval`; this is the same
metric on DEV + TST1 + TST2, split by our dev/test hash.
"""

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        return {"response": extract(pipeline, record)}

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        documents = []
        for record in records:
            events = response(predictions.get(record.id)).events
            ours = [t for t in (event_template(e) for e in events) if t is not None]
            documents.append((ours, gold_templates(record)))
        scores = muc_scores(documents)
        scores["templates_predicted"] = sum(len(p) for p, _ in documents)
        scores["templates_gold"] = sum(len(g) for _, g in documents)
        return {OURS: scores}
