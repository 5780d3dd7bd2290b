"""Counts with qualifiers: exact, approximate, at least, at most, ranges, vague, unknown (layer ``quantities``)."""

from __future__ import annotations

import re

from fieldreport.service.plugin import Plugin

# Vague and unknown counts that spaCy does not tag as CARDINAL.
_VAGUE = re.compile(r"\b(?:(?:at least|more than|some)\s+)?(?:dozens|hundreds|thousands|scores|tens)(?=\s+of\b)"
                    r"|\b(?:several|many|numerous|a few|a handful|a couple)(?=\s+(?:of\s+)?[a-z]+)", re.IGNORECASE)
_RANGE = re.compile(r"\bbetween\s+[\w,-]+\s+and\s+[\w,-]+|\b\d+\s*(?:-|–|to)\s*\d+\b(?!\s*(?:p\.?m|a\.?m|GMT))",
                    re.IGNORECASE)
_UNKNOWN = re.compile(r"\b(?:a|one|another)\s+(?:group|number|band|gang|team|unit|squad|crowd|batch)\s+of\b",
                      re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:some|about|around|nearly|almost|roughly|approximately|an estimated|estimated|at least|more than|over|"
    r"upwards of|no fewer than|up to|as many as|at most|fewer than|less than|no more than|between|a total of)\s+)$",
    re.IGNORECASE)
_NOT_PEOPLE = {"percent", "%", "km", "kilometers", "kilometres", "miles", "mile", "meters", "metres", "feet",
               "hours", "hour", "minutes", "minute", "days", "day", "weeks", "week", "months", "month", "years",
               "year", "dollars", "times", "pounds", "tons", "acres", "degrees", "seconds"}


def _unit(doc, begin: int, end: int) -> tuple[str, bool]:  # noqa: ANN001
    """What is counted: the noun phrase the number modifies ("Russian servicemen"), and whether it is a
    measure (kilometres, hours, percent) rather than people or things."""
    span = doc.char_span(begin, end, alignment_mode="expand")
    if span is None:
        return "", False
    head = span.root
    if span.end < len(doc) and doc[span.end].lower_ in ("more", "others", "other", "of"):
        if doc[span.end].lower_ != "of":
            return "", False  # "five more": the counted group is the one named before
    if head.dep_ in ("nummod", "quantmod", "amod", "compound") and head.head.i > head.i:
        noun = head.head
    else:
        after = [t for t in doc[span.end:span.end + 5] if t.pos_ in ("NOUN", "PROPN")]
        if span.end < len(doc) and doc[span.end].text.lower() == "of" and after:
            noun = after[0]  # "dozens of civilians"
        elif span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"):
            noun = doc[span.end]
        else:
            return "", False
    if noun.text.lower() in _NOT_PEOPLE:
        return noun.text, True
    left = noun.left_edge.i
    words = [t for t in doc[max(left, span.end):noun.i + 1] if t.dep_ not in ("det",) and t.i >= span.end]
    while words and words[0].text.lower() in ("of", "more", "other"):
        words = words[1:]
    return " ".join(t.text for t in words) or noun.text, False


class NumbersPlugin(Plugin):
    name = "numbers"
    version = "0.2.0"
    requires = ("spacy",)
    provides = ("quantities",)
    normalizes = ("QUANTITY",)
    description = "Counts with qualifiers (exact, approximate, at least, ranges, vague)"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.plugins.numbers.counts import parse
        from fieldreport.v1 import fieldreport_pb2 as pb

        spans: list[tuple[int, int, str]] = []
        for m in _RANGE.finditer(doc.text):
            if parse(m.group(0)) is not None and parse(m.group(0)).qualifier == "RANGE":
                spans.append((m.start(), m.end(), "count"))
        for ent in doc.spacy.ents:
            if ent.label_ == "CARDINAL":
                begin = ent.start_char
                qual = _QUALIFIER_BEFORE.search(doc.text[max(0, begin - 25):begin])
                if qual:  # spaCy sometimes leaves "at least" outside the entity
                    begin -= len(qual.group(0))
                if not any(b < ent.end_char and begin < e for b, e, _ in spans):
                    spans.append((begin, ent.end_char, "count"))
        for m in _VAGUE.finditer(doc.text):
            if not any(b < m.end() and m.start() < e for b, e, _ in spans):
                spans.append((m.start(), m.end(), "count"))
        for m in _UNKNOWN.finditer(doc.text):
            if not any(b < m.end() and m.start() < e for b, e, _ in spans):
                spans.append((m.start(), m.end(), "unknown"))
        out = []
        for begin, end, kind in sorted(spans):
            text = doc.text[begin:end]
            if kind == "unknown":
                count = pb.Count(qualifier=pb.Count.UNKNOWN)
                unit, _measure = _unit(doc.spacy, begin, end)
                if not unit:
                    after = doc.spacy.char_span(end, min(len(doc.text), end + 80), alignment_mode="contract")
                    unit = next((c.text for c in doc.spacy.noun_chunks if c.start_char >= end), "") if after else ""
            else:
                parsed = parse(text)
                if parsed is None:
                    continue
                unit, measure = _unit(doc.spacy, begin, end)
                if measure:
                    continue  # "44 kilometers", "an hour": not a count of people or things
                count = _message(pb, parsed)
            count.text = text
            count.unit = re.sub(r"^(?:of\s+)", "", unit)
            count.span.CopyFrom(pb.Span(text=text, begin=begin, end=end))
            out.append(count)
        doc.add("quantities", out)

    def normalize(self, item):  # noqa: ANN001
        from fieldreport.plugins.numbers.counts import parse
        from fieldreport.v1 import fieldreport_pb2 as pb

        text = item.text.strip()
        if _UNKNOWN.fullmatch(text) or _UNKNOWN.match(text):
            count = pb.Count(qualifier=pb.Count.UNKNOWN, text=text)
            return [pb.NormalizedValue(quantity=count, confidence=0.6)]
        parsed = parse(text)
        if parsed is None:
            return []
        count = _message(pb, parsed)
        count.text = text
        confidence = {"EXACT": 0.95, "APPROXIMATE": 0.85, "AT_LEAST": 0.85, "AT_MOST": 0.85, "RANGE": 0.85,
                      "VAGUE": 0.5}.get(parsed.qualifier, 0.5)
        return [pb.NormalizedValue(quantity=count, confidence=confidence)]


def _message(pb, parsed):  # noqa: ANN001
    count = pb.Count(qualifier=pb.Count.Qualifier.Value(parsed.qualifier))
    if parsed.value is not None:
        count.value = parsed.value
    if parsed.low is not None:
        count.low = parsed.low
    if parsed.high is not None:
        count.high = parsed.high
    return count
