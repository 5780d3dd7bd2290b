"""Scoring functions shared by the tasks: P/R/F1, distances and geocoding statistics, clustering scores.

Hand-written where no maintained library covers the metric as defined: B³, MUC and CEAF-e follow the
CoNLL-2012 reference scorer's definitions (Pradhan et al. 2014) applied to document clusters; the
geocoding AUC follows Gritta et al. 2018's code. Every function is pure and unit-tested on hand-computed
examples (tests/evaluation/test_metrics.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference: the largest possible error (Gritta et al. normalise the AUC by it).
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0  # 100 miles, the usual "accuracy@161 km"


def ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def prf(p_num: int, p_den: int, r_num: int | None = None, r_den: int = 0) -> dict[str, float]:
    """Precision p_num/p_den, recall r_num/r_den (r_num defaults to p_num), F1; 0 when undefined."""
    r_num = p_num if r_num is None else r_num
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def geocoding_auc(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of sorted log errors, normalised to [0, 1]; lower is better.

    As in Gritta et al. 2018 (CamCoder's ``print_stats``): ``trapz(log(1 + e)) / (log(20039) * (n - 1))``
    over the errors in ascending order. A single error is its own normalised log error.
    """
    if not errors_km:
        return None
    logs = sorted(math.log(1 + e) for e in errors_km)
    if len(logs) == 1:
        return logs[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def geocoding_stats(errors_km: Sequence[float]) -> dict[str, float | None]:
    if not errors_km:
        return {"acc161": None, "mean_km": None, "median_km": None, "auc": None}
    ordered = sorted(errors_km)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {"acc161": sum(e <= ACCURACY_KM for e in errors_km) / len(errors_km),
            "mean_km": sum(errors_km) / len(errors_km), "median_km": median, "auc": geocoding_auc(errors_km)}


# -- classification --------------------------------------------------------------------------------


def accuracy_macro_f1(gold: Sequence[str], predicted: Sequence[str],
                      labels: Sequence[str] | None = None) -> dict[str, float | None]:
    """Accuracy, and the mean F1 over ``labels`` (default: the gold labels)."""
    if not gold:
        return {"accuracy": None, "macro_f1": None}
    labels = sorted(set(gold)) if labels is None else list(labels)
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        f1s.append(prf(tp, n_pred, tp, n_gold)["f1"])
    return {"accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold),
            "macro_f1": sum(f1s) / len(f1s) if f1s else None}


# -- clustering (every item is in exactly one cluster of each side) ----------------------------------


def _check(gold: Mapping, predicted: Mapping) -> None:
    if set(gold) != set(predicted):
        raise ValueError("gold and predicted clusterings must cover the same items")


def b_cubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """B³ (Bagga & Baldwin 1998): per-item precision and recall of its cluster, averaged over items."""
    _check(gold, predicted)
    if not gold:
        return prf(0, 0, 0, 0)
    gold_members = {c: set(m) for c, m in _members(gold).items()}
    pred_members = {c: set(m) for c, m in _members(predicted).items()}
    p = r = 0.0
    for item in gold:
        g, s = gold_members[gold[item]], pred_members[predicted[item]]
        common = len(g & s)
        p += common / len(s)
        r += common / len(g)
    p, r = p / len(gold), r / len(gold)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _members(assignment: Mapping) -> dict:
    groups: dict = defaultdict(list)
    for item, cluster in assignment.items():
        groups[cluster].append(item)
    return groups


def muc(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """MUC (Vilain et al. 1995): links needed to rebuild each key cluster from the response's partition."""
    _check(gold, predicted)

    def score(key: Mapping, response: Mapping) -> tuple[int, int]:
        num = den = 0
        for members in _members(key).values():
            parts = {response[item] for item in members}
            num += len(members) - len(parts)
            den += len(members) - 1
        return num, den

    r_num, r_den = score(gold, predicted)
    p_num, p_den = score(predicted, gold)
    return prf(p_num, p_den, r_num, r_den)


def ceaf_e(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """Entity-based CEAF (Luo 2005) with φ4 = 2|K∩R| / (|K|+|R|) and the optimal one-to-one alignment."""
    from scipy.optimize import linear_sum_assignment

    _check(gold, predicted)
    keys = [set(m) for m in _members(gold).values()]
    responses = [set(m) for m in _members(predicted).values()]
    if not keys or not responses:
        return prf(0, 0, 0, 0)
    sim = [[2 * len(k & s) / (len(k) + len(s)) for s in responses] for k in keys]
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = sum(sim[i][j] for i, j in zip(rows, cols))
    p, r = total / len(responses), total / len(keys)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pairwise(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """P/R/F1 over the pairs of items put in the same cluster."""
    _check(gold, predicted)

    def pairs(assignment: Mapping) -> set[frozenset]:
        out = set()
        for members in _members(assignment).values():
            out.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
        return out

    g, s = pairs(gold), pairs(predicted)
    common = len(g & s)
    return prf(common, len(s), common, len(g))


def clustering_scores(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """B³, MUC, CEAF-e, their mean F1 (the CoNLL F1) and pairwise scores, flat."""
    out: dict[str, float] = {}
    parts = {"b3": b_cubed(gold, predicted), "muc": muc(gold, predicted), "ceafe": ceaf_e(gold, predicted),
             "pair": pairwise(gold, predicted)}
    for name, scores in parts.items():
        for key, value in scores.items():
            out[f"{name}_{key}"] = value
    out["conll_f1"] = (out["b3_f1"] + out["muc_f1"] + out["ceafe_f1"]) / 3
    return out
