"""Helpers of the worker-pool tests: a long report written here, metrics read from the server process."""

from __future__ import annotations

import random

from prometheus_client import REGISTRY

_PLACES = ["Darnel", "Kovar", "Lisken", "Orvath", "Pellin", "Quorra", "Sabrin", "Tovel", "Umbra", "Vessa"]
_GROUPS = ["militants", "gunmen", "rebels", "soldiers", "police officers", "protesters", "villagers"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SENTENCES = [
    "{g} attacked a checkpoint near {p} on {d} and killed {n} people, a local official said.",
    "At least {n} {g} were wounded when a roadside bomb exploded outside {p} late on {d}.",
    "The ministry said {n} {g} had been arrested in {p} after the clashes of {d}.",
    "Witnesses in {p} told reporters that {g} fired on a crowd of about {n} people on {d}.",
    "Hospital staff in {p} said {n} of the injured were children, and that two later died.",
    "A spokesman for the {g} denied that they had taken part in the fighting around {p}.",
]


def long_article(chars: int, seed: int = 7) -> str:
    """A report of ``chars`` characters or fewer, in sentences written for these tests: slow to parse
    (the model's work grows with the text), whatever the plugins do with it."""
    rng = random.Random(seed)
    out, size = [], 0
    while True:
        sentence = rng.choice(_SENTENCES).format(g=rng.choice(_GROUPS).capitalize(), p=rng.choice(_PLACES),
                                                 d=rng.choice(_DAYS), n=rng.randint(2, 90))
        if size + len(sentence) + 1 > chars:
            return " ".join(out)
        out.append(sentence)
        size += len(sentence) + 1


def sample(name: str, **labels: str) -> float:
    """A metric's value in this process's registry (the in-process server's), 0 when not yet set."""
    return REGISTRY.get_sample_value(name, labels) or 0.0
