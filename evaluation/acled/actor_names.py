"""ACLED actor names compared by their words: "Military Forces of Somalia (2022-)" and ours
"Military Forces of Somalia" are the same actor.

ACLED dates the state forces and some groups with the years of a government or a mission, in
parentheses ("(2022-)", "(1991-2005)"); those are dropped, as are a few function words. What is left is
compared as sets of lower-case words: token F1 = 2·|A∩B| / (|A| + |B|).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

YEAR_RANGE = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
WORD = re.compile(r"[^\W_]+", re.UNICODE)
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "a", "an", "de", "del", "la", "el", "al"}


def canonical(name: str) -> str:
    """The name without ACLED's year ranges, spaces collapsed."""
    return " ".join(YEAR_RANGE.sub(" ", name).split())


def tokens(name: str) -> frozenset[str]:
    return frozenset(w for w in (m.lower() for m in WORD.findall(canonical(name))) if w not in FUNCTION_WORDS)


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def gold_names(actor: str | None, assoc: str | None) -> list[str]:
    """An ACLED side: its actor and its associated actors (ACLED joins several with "; ")."""
    names = [actor] if actor else []
    names += [n.strip() for n in (assoc or "").split(";") if n.strip()]
    return names


def best_f1(ours: Iterable[str], gold: Iterable[str]) -> float:
    """The best token F1 of any of our names with any gold name (0 when either side is empty)."""
    gold = list(gold)
    return max((token_f1(o, g) for o in ours for g in gold), default=0.0)
