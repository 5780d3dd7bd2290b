"""Features → probability that two events are one incident (logistic model, weights in ``weights.py``).

Two models share that form: one for two main events compared with their whole reports' words, one for
event-level evidence only (see ``regime``). Each feature contributes ``weight × value`` when known and a learned ``missing`` term when not, so an
event without a place is neither pushed together nor apart more than the data says. The weights are fitted
on the dev split of compare_gvc (``python -m fieldreport.service.compare.fit``); the score behaves like a
probability there (see the README for the reliability table).
"""

from __future__ import annotations

import math

from fieldreport.service.compare import features as F, weights


def model_input(feats: dict[str, float | None]) -> list[float | None]:
    """The feature values as the model sees them, in ``features.NAMES`` order (None = unknown)."""
    out = []
    for name in F.NAMES:
        value = feats.get(name)
        out.append(None if value is None else float(value))
    return out


def regime(feats: dict[str, float | None]) -> str:
    """Which of the two fitted models scores a pair: "reports" when the whole reports' words compare two
    main events, "events" otherwise (background events, one report's events, event sets without text)."""
    return "events" if feats.get("words") is None else "reports"


def logit(feats: dict[str, float | None], models: dict | None = None) -> float:
    model = (models or weights.MODEL)[regime(feats)]
    z = model["bias"]
    for name, value in zip(F.NAMES, model_input(feats)):
        z += model["missing"][name] if value is None else model["weight"][name] * value
    return z


#: A contradiction read with this confidence or more overrules the words: two reports worded alike
#: (wire copy is) of a car bomb in Kirkuk and one in Basra are two bombings.
SURE_CONTRADICTION = 0.8
#: The probability left to a pair with a sure contradiction.
CONTRADICTED = 0.02
#: Only places overrule: on compare_gvc a sure date contradiction is too often a misread date (dev B³ F1
#: drops from 0.984 to 0.979 with it), while a sure place contradiction costs 0.002 there.
VETOES = ("place_apart",)


def probability(feats: dict[str, float | None], models: dict | None = None) -> float:
    z = logit(feats, models)
    p = 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0
    if any((feats.get(name) or 0.0) >= SURE_CONTRADICTION for name in VETOES):
        p = min(p, CONTRADICTED)
    return p


def same_report_probability(feats: dict[str, float | None], models: dict | None = None) -> float:
    """Two events of one report. The pipeline's incident assembly has already kept them apart, and the
    model was fitted across reports only; so they are one incident only when the model says so *and*
    neither their dates (more than about five days apart) nor their places (far apart or in two
    countries) contradict it."""
    date, place = feats.get("date"), feats.get("place")
    if (date is not None and date < 0.5) or (place is not None and place < 0.05):
        return 0.0
    return probability(feats, models)


def default_threshold() -> float:
    return weights.THRESHOLD
