"""Counts with qualifiers: exact, approximate, at least, at most, ranges, vague, unknown (layer ``quantities``).

``mentions.find`` reads count expressions from the parse and leaves out numbers that count nothing
(ages, addresses, times, money, calibres, identifiers, years); ``counts.parse`` reads one expression
into a value, bounds and a qualifier (the conventions for vague words are written down there).
"""

from __future__ import annotations

from fieldreport.service.plugin import Plugin

_CONFIDENCE = {"EXACT": 0.95, "APPROXIMATE": 0.85, "AT_LEAST": 0.85, "AT_MOST": 0.85, "RANGE": 0.85, "VAGUE": 0.5,
               "UNKNOWN": 0.6}


def message(pb, parsed):  # noqa: ANN001
    """A ``fieldreport.v1.Count`` from a parsed count."""
    count = pb.Count(qualifier=pb.Count.Qualifier.Value(parsed.qualifier))
    if parsed.value is not None:
        count.value = parsed.value
    if parsed.low is not None:
        count.low = parsed.low
    if parsed.high is not None:
        count.high = parsed.high
    return count


class NumbersPlugin(Plugin):
    name = "numbers"
    version = "0.3.0"
    requires = ("spacy",)
    provides = ("quantities", "title")
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.sents", "doc.ents")
    normalizes = ("QUANTITY",)
    description = "Counts with qualifiers (exact, approximate, at least, at most, ranges, vague, unknown)"

    def setup(self, nlp) -> None:  # noqa: ANN001
        self.nlp = nlp

    def run(self, doc) -> None:  # noqa: ANN001
        counts = self._counts(doc.spacy)
        if len(counts) > doc.budget.max_mentions:
            doc.truncated(self.name, "max_mentions", len(counts))
            counts = counts[:doc.budget.max_mentions]
        doc.add("quantities", counts)
        if doc.title.strip() and getattr(self, "nlp", None) is not None:
            # The title is not part of the text, but headlines sum up ("2 killed, 1 hurt in shooting"):
            # it is parsed once, here, and carried with its counts (offsets into the title).
            title = self.nlp(doc.title)
            doc.add("title", [(title, self._counts(title))])

    @staticmethod
    def _counts(sdoc) -> list:  # noqa: ANN001
        from fieldreport.plugins.numbers.mentions import find
        from fieldreport.service.nlp import text_of
        from fieldreport.v1 import fieldreport_pb2 as pb

        out = []
        text = text_of(sdoc)
        for mention in find(sdoc):
            count = message(pb, mention.count)
            count.text = text[mention.begin:mention.end]
            count.unit = mention.unit
            count.span.CopyFrom(pb.Span(text=count.text, begin=mention.begin, end=mention.end))
            out.append(count)
        return out

    def normalize(self, item):  # noqa: ANN001
        from fieldreport.plugins.numbers.counts import parse
        from fieldreport.v1 import fieldreport_pb2 as pb

        text = item.text.strip()
        parsed = parse(text)
        if parsed is not None:
            count = message(pb, parsed)
            count.text = text
            return [pb.NormalizedValue(quantity=count, confidence=_CONFIDENCE[parsed.qualifier])]
        if getattr(self, "nlp", None) is None:
            return []
        # "some 43 militants": a count with what it counts, read as extraction reads it (the first count found)
        found = self._counts(self.nlp(text))
        if not found:
            return []
        count = found[0]
        count.ClearField("span")
        return [pb.NormalizedValue(quantity=count, confidence=_CONFIDENCE[pb.Count.Qualifier.Name(count.qualifier)])]
