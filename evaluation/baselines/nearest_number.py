"""The casualty-count rule people write first: the number nearest to "killed" (or "injured").

For the first sentence that has the keyword, the count is the number (digits, or a number word up to
twenty) nearest to the keyword in that sentence; a keyword with no number beside it counts 1 ("a man
was killed"); no keyword counts 0. Regular expressions only, on purpose: it is the naive baseline.
"""

from __future__ import annotations

import re

KEYWORDS = {"killed": re.compile(r"\bkilled\b", re.I), "injured": re.compile(r"\b(?:injured|wounded)\b", re.I)}
WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER = re.compile(r"\b(?:\d{1,3}|" + "|".join(WORDS) + r")\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _value(token: str) -> int:
    return int(token) if token.isdigit() else WORDS[token.lower()]


def nearest_count(text: str, kind: str) -> int:
    keyword = KEYWORDS[kind]
    for sentence in SENTENCE_END.split(text):
        hit = keyword.search(sentence)
        if hit is None:
            continue
        numbers = list(NUMBER.finditer(sentence))
        if not numbers:
            return 1
        centre = (hit.start() + hit.end()) / 2
        nearest = min(numbers, key=lambda m: abs((m.start() + m.end()) / 2 - centre))
        return _value(nearest.group())
    return 0
