"""Every plugin's work grows linearly with the document: counted, not timed.

Work is the number of lines executed in fieldreport's own code plus the Python calls made anywhere
(``sys.settrace``), for each plugin on hostile shapes of text at 1x, 4x and 16x their base length.
A quadratic path shows as ~256x at 16x; the bound is 20x. The sentence cap of the work budget is set low
(60 tokens) for these documents, so that the bases stay short and the 1x documents already have
sentences of the cap's length: what grows is the number of sentences, as in a long document.
"""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from fieldreport.service.document import AnnotatedDocument, WorkBudget
from fieldreport.service.nlp import SENTENCE_CAP

# shape → (repeated unit, repetitions at 1x)
SHAPES = {
    "killed": ("killed ", 80),
    "numbers": ("1234567 89 ", 40),
    "digits": ("1 2 3 ", 27),
    "emoji": ("\U0001F600 ", 80),
    "names": ("John Smith, Mary Jones, ", 14),
    "dates": ("May 5, 2018, ", 16),
    "places": ("Kabul, Kandahar, Herat, ", 14),
    "one_sentence": ("the militants attacked the village and killed the farmers and ", 8),
    "sentences": ("Gunmen killed 3 people in Kabul on Monday, police said. ", 7),
    "quotes": ('"Two were shot," said the police chief who said that ', 7),
}
SCALES = (1, 4, 16)
CAP = 60
ROOT = "fieldreport"


def _work(fn) -> int:  # noqa: ANN001
    """Lines run in fieldreport's code and Python calls made anywhere while ``fn()`` runs."""
    count = 0

    def local(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        count += 1
        return local

    def calls(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        count += 1
        module = frame.f_globals.get("__name__", "")
        return local if module.startswith(ROOT) else None

    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


@pytest.fixture(scope="module")
def work_by_shape(pipeline):
    """{shape: ({plugin: [work at 1x, 4x, 16x]}, [tokens at 1x, 4x, 16x])}, every plugin run in order on
    each document."""
    cap = pipeline.nlp.get_pipe(SENTENCE_CAP)
    kept = cap.max_tokens
    cap.max_tokens = CAP
    out: dict[str, tuple[dict[str, list[int]], list[int]]] = {}
    try:
        for shape, (unit, base) in SHAPES.items():
            rows: dict[str, list[int]] = {}
            sizes: list[int] = []
            for scale in SCALES:
                text = unit * (base * scale)
                doc = AnnotatedDocument(text=text, published=dt.date(2018, 5, 27),
                                        budget=WorkBudget(max_sentence_tokens=CAP))
                doc.spacy = pipeline.nlp(text)
                sizes.append(len(doc.spacy))
                assert max(len(s) for s in doc.spacy.sents) <= CAP
                for lp in pipeline.plugins:
                    rows.setdefault(lp.plugin.name, []).append(_work(lambda: lp.plugin.run(doc)))  # noqa: B023
                assert not [w for w in doc.warnings if w.code in ("PLUGIN_TRUNCATED", "PLUGIN_FAILED")]
            out[shape] = (rows, sizes)
    finally:
        cap.max_tokens = kept
    return out


@pytest.mark.parametrize("shape", list(SHAPES))
def test_work_grows_linearly_with_the_document(work_by_shape, shape):
    rows, (_n1, n4, n16) = work_by_shape[shape]
    for plugin, (w1, w4, w16) in rows.items():
        # (a few steps per token are allowed on top: a plugin that did almost nothing at 1x may build
        # a per-document index at 4x, which is linear too)
        assert w4 <= 5 * w1 + 10 * n4, f"{plugin} on {shape}: 4x input cost {w4 / w1:.1f}x the work of 1x ({w1} → {w4})"
        assert w16 <= 20 * w1 + 10 * n16, \
            f"{plugin} on {shape}: 16x input cost {w16 / w1:.1f}x the work of 1x ({w1} → {w16})"
        assert w16 <= 5 * w4 + 10 * n16, \
            f"{plugin} on {shape}: 16x input cost {w16 / w4:.1f}x the work of 4x ({w4} → {w16})"


def test_the_counter_sees_a_quadratic_path():
    """The measure itself: a loop over pairs shows as the square of its input."""
    from fieldreport.service import spans

    def pairs(n: int) -> None:
        index = spans.SpanIndex([], span=lambda item: item)
        for i in range(n):
            for j in range(n):
                index.starting_in(i, j)

    assert _work(lambda: pairs(64)) > 200 * _work(lambda: pairs(4))
