"""Words of a report as a TF-IDF vector, and the cosine between two of them.

Written with the standard library (the server does not need scikit-learn): documents are short and a
compare call holds at most a few hundred of them, so sparse dicts are enough.

The inverse frequency is counted over the *sentences* of the compared documents as well as over the
documents: with two documents a document frequency cannot tell "police" from a victim's name (both occur
in both), while a sentence frequency can (the common word occurs in many sentences, the name in few). This
keeps the words score comparable between a call with 2 documents and one with 200, which the calibrated
model needs.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS  # a word list only: no model is loaded

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Capitalised but not names: days and months say when, not who or where.
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"})
_EXTRA_STOP = frozenset({"said", "says", "told", "according", "reported", "news", "read", "share", "story",
                         "photo", "mr", "mrs", "ms", "just", "like", "year", "years", "old"})

Vector = dict[str, float]


def tokens(text: str) -> list[str]:
    """Lower-cased content words and numbers; stop words and 1-letter tokens dropped."""
    out = []
    for tok in _TOKEN.findall(text.lower()):
        tok = tok.split("'")[0]
        if len(tok) > 1 and tok not in STOP_WORDS and tok not in _EXTRA_STOP:
            out.append(tok)
    return out


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


@dataclasses.dataclass
class TermCounts:
    """What a Vectorizer is fitted on: in how many documents and sentences each term occurs. Counts of
    disjoint sets of texts add up (``+``), so that a fit over millions of reports can be counted in
    parallel pieces (fieldreport.bulk) and give the same weights as one fit over them all."""

    document_freq: Counter[str] = dataclasses.field(default_factory=Counter)
    sentence_freq: Counter[str] = dataclasses.field(default_factory=Counter)
    n_documents: int = 0
    n_sentences: int = 0

    def add(self, text: str) -> None:
        self.n_documents += 1
        self.document_freq.update(set(tokens(text)))
        for sentence in sentences(text):
            self.n_sentences += 1
            self.sentence_freq.update(set(tokens(sentence)))

    def __add__(self, other: TermCounts) -> TermCounts:
        return TermCounts(self.document_freq + other.document_freq, self.sentence_freq + other.sentence_freq,
                          self.n_documents + other.n_documents, self.n_sentences + other.n_sentences)


class Vectorizer:
    """Sublinear TF × inverse sentence frequency, fitted on the texts of one compare call."""

    def __init__(self, texts: Iterable[str] = (), counts: TermCounts | None = None) -> None:
        if counts is None:
            counts = TermCounts()
            for text in texts:
                counts.add(text)
        document_freq, n_documents, n_sentences = counts.document_freq, counts.n_documents, counts.n_sentences
        # Both frequencies: the document one sharpens the weights when a call holds many reports (AUC of
        # same-incident pairs on compare_gvc dev: sentence only 0.9968, both 0.9980), the sentence one
        # keeps them meaningful with two.
        self.idf = {t: math.log((1 + n_documents) / (1 + document_freq[t]))
                    + math.log((1 + n_sentences) / (1 + f)) + 1.0 for t, f in counts.sentence_freq.items()}
        self._unseen = math.log(1 + n_documents) + math.log(1 + n_sentences) + 1.0

    def vector(self, text: str) -> Vector:
        counts = Counter(tokens(text))
        vec = {t: (1.0 + math.log(c)) * self.idf.get(t, self._unseen) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def top_terms(vec: Vector, k: int) -> list[str]:
    """The k heaviest terms of a vector (ties broken by the term, for stable blocking keys)."""
    return [t for t, _ in sorted(vec.items(), key=lambda tv: (-tv[1], tv[0]))[:k]]


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence: people, streets, towns (lower-cased)."""
    found: set[str] = set()
    for sentence in sentences(text):
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", sentence)]
        for word in words[1:]:
            lower = word.lower()
            if word[0].isupper() and not word.isupper() and lower not in STOP_WORDS and lower not in _CALENDAR:
                found.add(lower)
    return found


def join(parts: Sequence[str]) -> str:
    return "\n".join(p for p in parts if p)
