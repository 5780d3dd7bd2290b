"""compare_gvc: which articles report the same incident (Gun Violence Corpus), as a document clustering.

Ours: every document is extracted once (in the workers); the main process sends the events to
``fieldreport.service.compare.compare`` as ``event_sets`` (with each document's text and date), so no
document is extracted twice. Each document joins the incident holding its main event (largest casualty
total, ties to the first in document order); a document without events is a singleton (notes/team.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldreport.evaluation import metrics
from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.figures import main_event_index
from fieldreport.evaluation.tasks.base import OURS, Metric, Task, document, extract, response
from fieldreport.v1 import fieldreport_pb2 as pb

TFIDF = "tfidf_cosine"
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))  # 0.05 … 0.95


class Waiting(Exception):
    """Compare is not there yet (not importable, or not implemented)."""


def clusters_from_compare(answer: pb.CompareResponse, events_by_document: dict[str, Sequence[pb.Event]]) -> dict:
    """document id → cluster id, by the incident of each document's main event (see the module doc)."""
    incident_of = {(m.document_id, m.event_id): incident.id or str(n)
                   for n, incident in enumerate(answer.incidents) for m in incident.members}
    out = {}
    for doc_id, events in events_by_document.items():
        index = main_event_index(events)
        incident = None if index is None else incident_of.get((doc_id, events[index].id))
        out[doc_id] = ("incident", incident) if incident is not None else ("single", doc_id)
    return out


def our_clusters(records: Sequence[Record], predictions: dict[str, dict]) -> dict:
    try:
        from fieldreport.service.compare import compare
    except (ImportError, AttributeError) as exc:
        raise Waiting(f"fieldreport.service.compare.compare is not importable ({type(exc).__name__})") from exc
    events = {r.id: response(predictions.get(r.id)).events for r in records}
    request = pb.CompareRequest(event_sets=[
        pb.EventSet(document_id=r.id, document=document(r), events=events[r.id]) for r in records])

    def no_extraction(doc: pb.Document, field: str) -> pb.ExtractResponse:
        raise RuntimeError(f"{field}: event sets are not extracted again")

    try:
        answer = compare(request, no_extraction)
    except NotImplementedError as exc:
        raise Waiting("fieldreport.service.compare.compare raises NotImplementedError") from exc
    return clusters_from_compare(answer, events)


def tfidf_distances(texts: Sequence[str]):  # noqa: ANN201 - a condensed distance vector (scipy)
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    distance = 1.0 - cosine_similarity(vectors)
    distance[distance < 0] = 0.0
    return squareform(distance, checks=False)


def tfidf_clusters(records: Sequence[Record], threshold: float) -> dict:
    """Average-linkage clustering of TF-IDF cosine similarity, cut where the average similarity of two
    clusters falls below ``threshold``."""
    return tfidf_clusterings(records, (threshold,))[threshold]


def tfidf_clusterings(records: Sequence[Record], thresholds: Sequence[float]) -> dict[float, dict]:
    from scipy.cluster.hierarchy import fcluster, linkage

    ids = [r.id for r in records]
    if len(ids) < 2:
        return {t: {i: i for i in ids} for t in thresholds}
    tree = linkage(tfidf_distances([f"{r.title}\n{r.text}" for r in records]), method="average")
    out = {}
    for threshold in thresholds:
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        out[threshold] = {doc_id: int(label) for doc_id, label in zip(ids, labels)}
    return out


def tune_threshold(records: Sequence[Record]) -> float:
    """The threshold with the best CoNLL F1 on these (dev) records; ties to the lower threshold."""
    gold = gold_clusters(records)
    scored = [(metrics.clustering_scores(gold, clusters)["conll_f1"], -threshold, threshold)
              for threshold, clusters in tfidf_clusterings(records, THRESHOLDS).items()]
    return max(scored)[2]


def gold_clusters(records: Sequence[Record]) -> dict:
    return {r.id: r.gold.get("incident") for r in records}


class CompareTask(Task):
    name = "compare_gvc"
    file = "compare_gvc.jsonl"
    title = "Gun Violence Corpus: articles grouped by GVA incident"
    systems = (OURS, TFIDF)
    headline = ("conll_f1", "b3_f1", "pair_f1")
    metrics = (
        Metric("conll_f1", "CoNLL F1 (mean of MUC, B³, CEAF-e)"),
        Metric("b3_p", "B³ P"),
        Metric("b3_r", "B³ R"),
        Metric("b3_f1", "B³ F1"),
        Metric("muc_f1", "MUC F1"),
        Metric("ceafe_f1", "CEAF-e F1"),
        Metric("pair_p", "pairwise P"),
        Metric("pair_r", "pairwise R"),
        Metric("pair_f1", "pairwise F1"),
        Metric("clusters", "clusters (gold: incidents)", "int"),
        Metric("gold_clusters", "gold incidents", "int"),
        Metric("threshold", "similarity threshold (tuned on dev)", "f3"),
    )
    about = """
A document clustering, scored with B³, MUC, CEAF-e (φ4), their mean (the CoNLL F1) and pairwise P/R/F1;
each split is clustered on its own. **Ours**: `Compare` on the event sets of our own extractions (each
document extracted once, its text and date carried for lexical similarity), calibrated default threshold;
a document joins the incident holding its main event (largest casualty total, ties to the first in
document order), a document without events is a singleton. **Baseline** *tfidf_cosine*: TF-IDF (title +
text, English stop words, sublinear tf, fitted on the documents clustered) cosine similarity,
**average-linkage** agglomerative clustering cut at a similarity threshold chosen on the dev split
(best CoNLL F1 over 0.05…0.95) and applied unchanged to test; its dev row is scored on the data it was
tuned on. `--limit` takes whole incidents in file order, so that a small run still has clusters to find.
"""

    def __init__(self) -> None:
        self.waiting: str | None = None

    def order(self, records: list[Record]) -> list[Record]:
        first: dict[str, int] = {}
        for i, record in enumerate(records):
            first.setdefault(record.gold.get("incident"), i)
        order = sorted(range(len(records)), key=lambda i: (first[records[i].gold.get("incident")], i))
        return [records[i] for i in order]

    def predict(self, record: Record, pipeline, baselines: bool) -> dict:  # noqa: ANN001
        return {"response": extract(pipeline, record)}

    def notes(self, baselines: bool) -> list[str]:
        return [f"waiting for Compare: {self.waiting}"] if self.waiting else []

    def score(self, records: Sequence[Record], predictions: dict[str, dict], baselines: bool) -> dict[str, dict]:
        return self.score_splits({"all": list(records)}, predictions, baselines)["all"]

    def score_splits(self, by_split: dict[str, list[Record]], predictions: dict[str, dict],
                     baselines: bool) -> dict[str, dict[str, dict]]:
        self.waiting = None
        threshold = None
        if baselines:
            tuning = by_split.get("dev") or by_split.get("all") or next(iter(by_split.values()), [])
            threshold = tune_threshold(tuning) if tuning else None
        out: dict[str, dict[str, dict]] = {}
        for split, records in by_split.items():
            gold = gold_clusters(records)
            result: dict[str, dict] = {}
            if not self.waiting:
                try:
                    result[OURS] = self._scores(gold, our_clusters(records, predictions))
                except Waiting as exc:
                    self.waiting = str(exc)
            if threshold is not None:
                result[TFIDF] = {**self._scores(gold, tfidf_clusters(records, threshold)), "threshold": threshold}
            out[split] = result
        return out

    @staticmethod
    def _scores(gold: dict, predicted: dict) -> dict:
        scores = metrics.clustering_scores(gold, predicted)
        scores["clusters"] = len(set(predicted.values()))
        scores["gold_clusters"] = len(set(gold.values()))
        return scores
