"""Temporal expressions resolved against the publication date and the narrative (layer ``times``).

Each expression spaCy and the patterns of :mod:`.recognize` find is resolved (:mod:`.resolver`) with
the tense of its clause (:mod:`.tense`) and the narrative so far: the last calendar value and the last
day the text named, which "two days later" or "a year earlier" count from.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator

from fieldreport.service.plugin import Plugin

_GRANULARITY = {"DAY": 1, "WEEK": 2, "MONTH": 3, "YEAR": 4}


def time_value(pb, r, text: str, begin: int | None = None):  # noqa: ANN001, ANN201 - fieldreport.v1 module, TimeValue
    """The contract's TimeValue of a resolved expression (with its span when ``begin`` is given)."""
    tv = pb.TimeValue(text=text, value=r.value, type=r.type, anchor=r.anchor, confidence=round(r.confidence, 3))
    if r.start is not None and r.type in ("DATE", "TIME"):
        tv.start = r.start.isoformat()
    if r.end is not None and r.type in ("DATE", "TIME"):
        tv.end = r.end.isoformat()
    if r.granularity and r.type in ("DATE", "TIME"):
        tv.granularity = _GRANULARITY[r.granularity]
    if begin is not None:
        tv.span.CopyFrom(pb.Span(text=text, begin=begin, end=begin + len(text)))
    return tv


def walk(sdoc, published) -> Iterator[tuple[int, int, object, object]]:  # noqa: ANN001
    """(begin, end, Resolved, Context) for each temporal expression of a parsed text, in order.

    A span that does not resolve as a whole is tried piece by piece ("the quarter ended Sept. 30",
    "sentenced Monday to 20 years" where spaCy ran two expressions together).
    """
    from fieldreport.plugins.dates.recognize import PIECE_BREAK, spans, trim
    from fieldreport.plugins.dates.resolver import Context, resolve
    from fieldreport.plugins.dates.tense import tense

    text = sdoc.text
    narrative = Context(published)
    for begin, end in spans(sdoc):
        pieces = [(begin, end)]
        ctx = dataclasses.replace(narrative, tense=_tense(sdoc, begin, end, tense))
        r = resolve(text[begin:end], ctx)
        if r is None:
            pieces, cursor = [], begin
            for m in PIECE_BREAK.finditer(text, begin, end):
                pieces.append((cursor, m.start()))
                cursor = m.end()
            pieces.append((cursor, end))
            pieces = [p for p in (trim(text, b, e) for b, e in pieces if e > b) if p is not None]
            if len(pieces) < 2:
                continue
        for b, e in pieces:
            if (b, e) != (begin, end):
                ctx = dataclasses.replace(narrative, tense=_tense(sdoc, b, e, tense))
                r = resolve(text[b:e], ctx)
                if r is None:
                    continue
            yield b, e, r, ctx
            narrative = advance(narrative, r)


def advance(narrative, r):  # noqa: ANN001, ANN201 - Context, Resolved → Context
    """The narrative after expression ``r``: what "two days later" or "the quarter" will refer to."""
    if not r.is_calendar or "/" in r.value:
        return narrative
    changes = {"previous": r, "tense": ""}
    if r.kind == "day":
        changes["previous_day"] = r
    elif r.kind == "quarter":
        changes["previous_quarter"] = r
    return dataclasses.replace(narrative, **changes)


def _tense(sdoc, begin: int, end: int, tense) -> str:  # noqa: ANN001
    span = sdoc.char_span(begin, end, alignment_mode="expand")
    return tense(span) if span is not None else ""


class DatesPlugin(Plugin):
    name = "dates"
    version = "0.3.0"
    requires = ("spacy",)
    provides = ("times",)
    normalizes = ("DATE",)
    description = "Temporal expressions resolved against the publication date, the tense and the narrative"

    def setup(self, nlp) -> None:  # noqa: ANN001 - spaCy Language
        from fieldreport.plugins.dates.resolver import warm_up

        self._nlp = nlp
        warm_up()  # dateparser compiles its patterns on first use (about a second): do it before any request

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        times = [time_value(pb, r, doc.text[b:e], b) for b, e, r, _ctx in walk(doc.spacy, doc.published)]
        doc.add("times", times)

    def normalize(self, item):  # noqa: ANN001, ANN201 - NormalizeItem → list[NormalizedValue]
        """Best interpretation first, then the reading the tense did not choose ("Friday": last or next).

        With ``context.sentence``, the text is read where it stands in it: the clause's tense, and the
        sentence's earlier dates for "two days later".
        """
        from fieldreport.plugins.dates.resolver import Context, resolve
        from fieldreport.service.errors import parse_date
        from fieldreport.v1 import fieldreport_pb2 as pb

        ref = parse_date(item.context.reference_date, "context.reference_date")
        ctx = self._context_in_sentence(item.text, item.context.sentence, ref) or Context(ref)
        r = resolve(item.text, ctx)
        if r is None:
            return []
        values = [pb.NormalizedValue(time=time_value(pb, r, item.text), confidence=round(r.confidence, 3))]
        if r.alternative is not None:
            alt = r.alternative
            values.append(pb.NormalizedValue(time=time_value(pb, alt, item.text), confidence=round(alt.confidence, 3)))
        return values

    def _context_in_sentence(self, text: str, sentence: str, ref):  # noqa: ANN001, ANN202
        from fieldreport.plugins.dates.resolver import Context
        from fieldreport.plugins.dates.tense import tense

        nlp = getattr(self, "_nlp", None)
        if not sentence or nlp is None:
            return None
        at = re.search(re.escape(text.strip()), sentence, re.IGNORECASE)
        if at is None:
            return None
        sdoc = _parse(nlp, sentence)
        narrative = Context(ref)
        for b, _e, r, _ctx in walk(sdoc, ref):
            if b >= at.start():
                break
            narrative = advance(narrative, r)  # the narrative as it stands where the text is
        return dataclasses.replace(narrative, tense=_tense(sdoc, at.start(), at.end(), tense))


@functools.lru_cache(maxsize=16)
def _parse(nlp, sentence: str):  # noqa: ANN001, ANN202 - one parse per context (the same arrives for many items)
    return nlp(sentence)
