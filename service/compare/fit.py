"""Fit the same-incident model on the dev split of compare_gvc and write ``weights.py``.

    python -m fieldreport.service.compare.fit --extractions gvc.jsonl [--write]

A development tool, not used by the server. It reads the gold-annotated file at run time (never copied
into the project), extracts every document (or reads a ``fieldreport batch`` output given with
``--extractions``), scores the candidate pairs of main events with their gold label (same incident or
not), fits a logistic regression (Newton's method with a small L2 penalty, numpy), picks the clustering
threshold that maximises B³ F1 of the document clustering on dev, and prints calibration: Brier score and reliability bins on
dev, and on test as held-out numbers (reported, never tuned on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import pathlib
import sys
from collections import defaultdict

import numpy as np

from fieldreport.service.compare import api, blocking, features as F, records, scoring
from fieldreport.v1 import fieldreport_pb2 as pb

DEFAULT_DATA = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "compare_gvc.jsonl"
L2 = 1.0


def split_of(record_id: str) -> str:
    """team.md's split rule (the same as fieldreport.evaluation.datasets.split_of)."""
    return "dev" if hashlib.sha256(record_id.encode()).hexdigest()[0] in "01234567" else "test"


def load(path: pathlib.Path, split: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if split == "all" or split_of(r["id"]) == split]


def extractions(rows: list[dict], cache: str | None) -> dict[str, pb.ExtractResponse]:
    """Extract responses by document id: from a `fieldreport batch` output, else the in-process pipeline."""
    from google.protobuf import json_format

    out: dict[str, pb.ExtractResponse] = {}
    if cache:
        with open(cache, encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                if "response" in item:
                    out[item["document_id"]] = json_format.ParseDict(item["response"], pb.ExtractResponse())
    missing = [r for r in rows if r["id"] not in out]
    if missing:
        from fieldreport.service.pipeline import Pipeline

        pipeline = Pipeline.create()
        for r in missing:
            out[r["id"]] = pipeline.extract(document(r), field="document")
    return out


def document(row: dict) -> pb.Document:
    return pb.Document(id=row["id"], text=row["text"], title=row.get("title") or "", published=row.get("published") or "")


def request_of(rows: list[dict], extracted: dict[str, pb.ExtractResponse], threshold: float = 0.0) -> pb.CompareRequest:
    """Event sets (document with text + our events), as the evaluation sends them."""
    return pb.CompareRequest(threshold=threshold, event_sets=[
        pb.EventSet(document_id=r["id"], document=document(r), events=extracted[r["id"]].events) for r in rows])


def labelled_pairs(rows: list[dict], extracted: dict[str, pb.ExtractResponse]):
    """(features, label) for candidate pairs of main events of two documents, plus the same pairs scored
    as background events (without whole-report words)."""
    request = request_of(rows, extracted)
    reports, events, _ = api._reports(request, lambda d, f: pb.ExtractResponse())
    recs = records.build(reports, events)
    gold = {r["id"]: r["gold"]["incident"] for r in rows}
    out = []
    for i, j in sorted(blocking.candidates(recs)):
        a, b = recs[i], recs[j]
        if not (a.anchor and b.anchor) or a.report is b.report:
            continue
        label = int(gold[a.document_id] == gold[b.document_id])
        out.append((F.pair_features(a, b), label))
        out.append((F.pair_features(a, b, whole_reports=False), label))
    recall = _blocking_recall(recs, gold)
    return out, recall


def _blocking_recall(recs, gold) -> tuple[int, int, int]:  # noqa: ANN001
    """(gold same-incident document pairs, of them proposed by blocking, all document pairs)."""
    anchors = [r for r in recs if r.anchor]
    proposed = {(min(i, j), max(i, j)) for i, j in blocking.candidates(recs)}
    by_index = {r.index: r for r in anchors}
    total = found = 0
    for x, a in enumerate(anchors):
        for b in anchors[x + 1:]:
            if gold[a.document_id] == gold[b.document_id]:
                total += 1
                found += (min(a.index, b.index), max(a.index, b.index)) in proposed
    n = len(by_index)
    return total, found, n * (n - 1) // 2


def design(samples) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    """Columns: bias, value of each feature (0 when unknown), unknown-indicator of each feature."""
    x = np.zeros((len(samples), 1 + 2 * len(F.NAMES)))
    y = np.zeros(len(samples))
    for row, (feats, label) in enumerate(samples):
        x[row, 0] = 1.0
        for k, value in enumerate(scoring.model_input(feats)):
            if value is None:
                x[row, 1 + len(F.NAMES) + k] = 1.0
            else:
                x[row, 1 + k] = value
        y[row] = label
    return x, y


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression whose weights have the sign of their evidence: more agreement never makes
    "same incident" less likely, and a contradiction never more (on compare_gvc every event is a shooting, so a free fit may give
    the type a meaningless negative weight). Columns that come out with the wrong sign are fixed at 0 and the rest
    refitted (an active-set method)."""
    n = len(F.NAMES)
    fixed: set[int] = set()
    while True:
        free = [c for c in range(x.shape[1]) if c not in fixed]
        w = np.zeros(x.shape[1])
        w[free] = _newton(x[:, free], y, l2)
        wrong_sign = [1 + k for k, name in enumerate(F.NAMES)
                      if (w[1 + k] > 0 if name in F.CONTRADICTIONS else w[1 + k] < 0)]
        if not wrong_sign:
            return w
        fixed.update(wrong_sign)


def _newton(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> np.ndarray:
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def model_of(w: np.ndarray) -> dict:
    n = len(F.NAMES)
    return {"bias": round(float(w[0]), 4),
            "weight": {name: round(float(w[1 + k]), 4) for k, name in enumerate(F.NAMES)},
            "missing": {name: round(float(w[1 + n + k]), 4) for k, name in enumerate(F.NAMES)}}


def calibration(samples, model: dict, bins: int = 10) -> tuple[float, list[tuple[float, float, float, int]]]:  # noqa: ANN001
    """Brier score and reliability bins (low, high, mean predicted, observed rate, count)."""
    predicted = np.array([scoring.probability(f, model) for f, _ in samples])
    observed = np.array([label for _, label in samples], dtype=float)
    brier = float(np.mean((predicted - observed) ** 2))
    table = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        mask = (predicted >= lo) & ((predicted < hi) if k < bins - 1 else (predicted <= hi))
        if mask.any():
            table.append((lo, hi, float(predicted[mask].mean()), float(observed[mask].mean()), int(mask.sum())))
    return brier, table


def document_clusters(request: pb.CompareRequest, response: pb.CompareResponse) -> dict[str, str]:
    """team.md's rule: a document goes to the incident holding its main event; no events → a singleton."""
    incident_of = {(m.document_id, m.event_id): inc.id for inc in response.incidents for m in inc.members}
    out = {}
    for event_set in request.event_sets:
        main = records.main_event_index(event_set.events)
        if main is None:
            out[event_set.document_id] = "single:" + event_set.document_id
        else:
            out[event_set.document_id] = incident_of[(event_set.document_id, event_set.events[main].id)]
    return out


def b_cubed(gold: dict[str, str], predicted: dict[str, str]) -> float:
    """B³ F1 (the evaluation command has the full set of scorers; this one picks the threshold)."""
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for doc, g in gold.items():
        by_gold[g].add(doc)
        by_pred[predicted[doc]].add(doc)
    p = sum(len(by_gold[gold[d]] & by_pred[predicted[d]]) / len(by_pred[predicted[d]]) for d in gold) / len(gold)
    r = sum(len(by_gold[gold[d]] & by_pred[predicted[d]]) / len(by_gold[gold[d]]) for d in gold) / len(gold)
    return 2 * p * r / (p + r)


def pick_threshold(rows, extracted) -> list[tuple[float, float]]:  # noqa: ANN001
    gold = {r["id"]: r["gold"]["incident"] for r in rows}
    out = []
    for threshold in np.arange(0.10, 0.91, 0.05):
        request = request_of(rows, extracted, float(threshold))
        response = api.compare(request, lambda d, f: pb.ExtractResponse())
        out.append((round(float(threshold), 2), b_cubed(gold, document_clusters(request, response))))
    return out


def write(model: dict, threshold: float, note: str) -> None:
    path = pathlib.Path(__file__).with_name("weights.py")
    path.write_text(
        '"""Fitted weights of the same-incident model (generated by `python -m fieldreport.service.compare.fit`).\n\n'
        f"{note}\n\"\"\"\n\nMODEL = {json.dumps(model, indent=4)}\nTHRESHOLD = {threshold}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--extractions", help="JSONL from `fieldreport batch` of the same file")
    parser.add_argument("--write", action="store_true", help="write weights.py")
    args = parser.parse_args(argv)

    dev, test = load(pathlib.Path(args.data), "dev"), load(pathlib.Path(args.data), "test")
    extracted = extractions(dev + test, args.extractions)
    samples, (gold_pairs, found, all_pairs) = labelled_pairs(dev, extracted)
    print(f"dev: {len(dev)} documents; blocking proposes {found}/{gold_pairs} same-incident document pairs "
          f"among {all_pairs} document pairs; {len(samples) // 2} labelled candidate pairs")
    model = {}
    for regime in ("reports", "events"):
        x, y = design([s for s in samples if scoring.regime(s[0]) == regime])
        model[regime] = model_of(fit_logistic(x, y))
    print(json.dumps(model, indent=2))
    test_samples = labelled_pairs(test, extracted)[0]
    for name, split_samples in (("dev", samples), ("test (held out)", test_samples)):
        for regime in ("reports", "events"):
            chosen = [s for s in split_samples if scoring.regime(s[0]) == regime]
            brier, table = calibration(chosen, model)
            print(f"{name}, {regime} model: Brier {brier:.4f} over {len(chosen)} pairs "
                  f"({sum(label for _, label in chosen)} same incident)")
            for lo, hi, mean_p, rate, n in table:
                print(f"  [{lo:.1f}, {hi:.1f})  predicted {mean_p:.3f}  observed {rate:.3f}  n={n}")
    scoring_model = scoring.weights.MODEL
    scoring.weights.MODEL = model  # the threshold is picked with the new weights
    try:
        curve = pick_threshold(dev, extracted)
    finally:
        scoring.weights.MODEL = scoring_model
    for threshold, f1 in curve:
        print(f"  threshold {threshold:.2f}: dev B3 F1 {f1:.4f}")
    # The middle of a plateau, not a lone spike: each threshold is judged with its two neighbours.
    smoothed = [(t, sum(f for _, f in curve[max(0, k - 1):k + 2]) / len(curve[max(0, k - 1):k + 2]))
                for k, (t, _) in enumerate(curve)]
    best = max(smoothed, key=lambda tf: (tf[1], -abs(tf[0] - 0.5)))[0]
    print(f"threshold: {best}")
    if args.write:
        briers = {regime: calibration([s for s in samples if scoring.regime(s[0]) == regime], model)[0]
                  for regime in model}
        write(model, best, f"Fitted on {dt.date.today().isoformat()} on the dev split of compare_gvc ({len(dev)} documents, "
              f"{len(samples) // 2} candidate pairs of main events; the\n\"events\" model scores the same pairs without "
              f"whole-report words). Dev Brier: reports {briers['reports']:.4f},\nevents {briers['events']:.4f}. "
              f"The threshold maximises dev B3 F1 of the document clustering.")
        print("wrote weights.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
