"""Features → probability that two events are one incident (logistic model, weights in ``weights.py``).

Each feature contributes ``weight × value`` when known and a learned ``missing`` term when not, so an
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


def logit(feats: dict[str, float | None], model: dict | None = None) -> float:
    model = model or weights.MODEL
    z = model["bias"]
    for name, value in zip(F.NAMES, model_input(feats)):
        z += model["missing"][name] if value is None else model["weight"][name] * value
    return z


def probability(feats: dict[str, float | None], model: dict | None = None) -> float:
    z = logit(feats, model)
    return 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0


def default_threshold() -> float:
    return weights.THRESHOLD
