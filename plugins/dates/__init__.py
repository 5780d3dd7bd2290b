"""Temporal expressions resolved against the publication date and the narrative (layer ``times``)."""

from __future__ import annotations

import datetime as dt
import re

from fieldreport.service.plugin import Plugin

# Expressions spaCy's NER leaves out or cuts short; merged with its DATE/TIME entities.
_EXTRA = re.compile(
    r"\b(?:(?:last|this|next)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:yesterday|today|tonight|last night)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"(?:\s+last year)?\b",
)
_GRANULARITY = {"DAY": 1, "WEEK": 2, "MONTH": 3, "YEAR": 4}


def _spans(doc) -> list[tuple[int, int]]:  # noqa: ANN001 - spaCy Doc
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for m in _EXTRA.finditer(doc.text):
        if not any(b < m.end() and m.start() < e for b, e in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def time_value(pb, text: str, begin: int, r) -> object:  # noqa: ANN001
    tv = pb.TimeValue(text=text, value=r.value, type=r.type, anchor=r.anchor, confidence=round(r.confidence, 3),
                      span=pb.Span(text=text, begin=begin, end=begin + len(text)))
    if r.start:
        tv.start = r.start.isoformat()
    if r.end:
        tv.end = r.end.isoformat()
    if r.granularity:
        tv.granularity = _GRANULARITY[r.granularity]
    return tv


class DatesPlugin(Plugin):
    name = "dates"
    version = "0.2.0"
    requires = ("spacy",)
    provides = ("times",)
    normalizes = ("DATE",)
    description = "Temporal expressions resolved against the publication date and the narrative"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.plugins.dates.resolver import resolve
        from fieldreport.v1 import fieldreport_pb2 as pb

        previous: dt.date | None = None
        times = []
        for begin, end in _spans(doc.spacy):
            text = doc.text[begin:end]
            r = resolve(text, doc.published, previous)
            if r is None:
                continue
            times.append(time_value(pb, text, begin, r))
            if r.type in ("DATE", "TIME") and r.granularity == "DAY" and r.start:
                previous = r.start  # "two days later" counts from here
        doc.add("times", times)

    def normalize(self, item):  # noqa: ANN001
        from fieldreport.plugins.dates.resolver import resolve
        from fieldreport.service.errors import parse_date
        from fieldreport.v1 import fieldreport_pb2 as pb

        ref = parse_date(item.context.reference_date, "context.reference_date")
        r = resolve(item.text, ref)
        if r is None:
            return []
        best = time_value(pb, item.text, 0, r)
        best.ClearField("span")
        values = [pb.NormalizedValue(time=best, confidence=best.confidence)]
        # A weekday could also be the week before (a report written late); offer it as an alternative.
        if re.search(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", item.text.lower()) \
                and r.start and ref:
            earlier = r.start - dt.timedelta(days=7)
            alt = pb.TimeValue(text=item.text, value=earlier.isoformat(), start=earlier.isoformat(),
                               end=earlier.isoformat(), granularity=pb.TimeValue.DAY, type="DATE",
                               anchor=r.anchor, confidence=0.15)
            values.append(pb.NormalizedValue(time=alt, confidence=0.15))
        return values
