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

from fieldreport.service.nlp import text_of
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


def walk(sdoc, published, country: str = "") -> Iterator[tuple[int, int, object, object]]:  # noqa: ANN001
    """(begin, end, Resolved, Context) for each temporal expression of a parsed text, in order.

    Numeric dates ("04/02") are read in the order the document's own dates and ``country`` say
    (:mod:`.order`).

    A span that does not resolve as a whole is tried piece by piece ("the quarter ended Sept. 30",
    "sentenced Monday to 20 years" where spaCy ran two expressions together), each piece as long as
    it still resolves ("the year ending June 30, 2019": "the year", "June 30, 2019"); a span with no
    piece is tried without the words spaCy put before it ("both 2016").
    """
    from fieldreport.plugins.dates.order import document_order
    from fieldreport.plugins.dates.recognize import PIECE_BREAK, spans, trim
    from fieldreport.plugins.dates.resolver import Context
    from fieldreport.plugins.dates.tense import tense

    text = text_of(sdoc)
    found_spans = spans(sdoc)
    narrative = Context(published, date_order=document_order([text[b:e] for b, e in found_spans], country))
    last = None  # (end, Resolved) of the expression before
    for begin, end in found_spans:
        r = _resolve(sdoc, begin, end, narrative)
        if r is not None:
            found = [(begin, end, r)]
        else:
            cuts = [(m.start(), m.end()) for m in PIECE_BREAK.finditer(text, begin, end)]
            found = _pieces(sdoc, begin, end, cuts, narrative, trim) if cuts else []
            if not found:
                found = _without_lead(sdoc, begin, end, narrative, trim)
        for b, e, r in found:
            if last is not None and last[1].is_calendar and _ENDED_GAP.fullmatch(text, last[0], b):
                r = r.but(aside=True)  # "the quarter ended Sept. 30": the narrative stays on the quarter
            yield b, e, r, dataclasses.replace(narrative, tense=_tense(sdoc, b, e, tense))
            narrative = advance(narrative, r)
            last = (e, r)


def _resolve(sdoc, begin: int, end: int, narrative):  # noqa: ANN001, ANN202 - Context → Resolved | None
    from fieldreport.plugins.dates.resolver import resolve
    from fieldreport.plugins.dates.tense import tense

    ctx = dataclasses.replace(narrative, tense=_tense(sdoc, begin, end, tense))
    words = text_of(sdoc)[begin:end]
    if _ENDED.match(text_of(sdoc), end):
        words += " ended"  # "the year ended Jan. 31" is a year's stretch, not a date (see resolver._ended)
    shared = _SHARED_PLURAL.match(text_of(sdoc), end) if _WEEKDAY_WORD.fullmatch(words) else None
    if shared:
        words += f" {shared.group(1)}s"  # "Monday and Thursday nights": every Monday night too
    return resolve(words, ctx)


# The most pieces one expression is read from ("from Monday, June 3, 2019, to Friday, June 7" is 6): trying
# every run of pieces of a span of hundreds ("1,234,1,234,…" that spaCy tagged a date) is quadratic.
_MOST_PIECES = 12


def _pieces(sdoc, begin: int, end: int, cuts: list[tuple[int, int]], narrative, trim) -> list:  # noqa: ANN001
    """The longest runs of pieces between ``cuts`` that resolve, left to right: [(begin, end, Resolved)]."""
    bounds = [begin] + [c for cut in cuts for c in cut] + [end]
    starts, ends = bounds[0::2], bounds[1::2]  # piece i is text[starts[i]:ends[i]]
    found, i = [], 0
    while i < len(starts):
        for j in range(min(len(starts) - 1, i + _MOST_PIECES - 1), i - 1, -1):
            if i == 0 and j == len(starts) - 1:
                continue  # the whole span, which did not resolve
            piece = trim(text_of(sdoc), starts[i], ends[j]) if ends[j] > starts[i] else None
            r = _resolve(sdoc, *piece, narrative) if piece else None
            if r is not None:
                found.append((*piece, r))
                narrative = advance(narrative, r)
                i = j
                break
        else:
            alone = _without_lead(sdoc, starts[i], ends[i], narrative, trim)  # "both 2016" of "both 2016 and 2017"
            found += alone
            for *_, r in alone:
                narrative = advance(narrative, r)
        i += 1
    return found


def _without_lead(sdoc, begin: int, end: int, narrative, trim) -> list:  # noqa: ANN001
    """A span spaCy began with a word or two of the text before it: the date after them, if it is one."""
    cursor = begin
    for _ in range(2):
        m = _LEAD_WORD.match(text_of(sdoc), cursor, end)
        if m is None:
            break
        cursor = m.end()
        piece = trim(text_of(sdoc), cursor, end)
        r = _resolve(sdoc, *piece, narrative) if piece else None
        if r is not None and r.kind in _PLAIN_KINDS:
            return [(*piece, r)]
    return []


_ENDED = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.IGNORECASE)
_SHARED_PLURAL = re.compile(r"\s+(?:and|or)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\s+"
                            r"(morning|afternoon|evening|night)s\b", re.IGNORECASE)
_ENDED_GAP = re.compile(r"\s+(?:ended|ending)\s+", re.IGNORECASE)
_LEAD_WORD = re.compile(r"(?!(?:his|her|their|its|my|our|your)\s)[A-Za-z'’]+\s+", re.IGNORECASE)
_PLAIN_KINDS = ("day", "week", "weekend", "month", "quarter", "season", "half", "year")


def advance(narrative, r):  # noqa: ANN001, ANN201 - Context, Resolved → Context
    """The narrative after expression ``r``: what "two days later" or "the quarter" will refer to."""
    if not r.is_calendar or "/" in r.value or r.aside:
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
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.sents", "doc.ents")
    normalizes = ("DATE",)
    description = "Temporal expressions resolved against the publication date, the tense and the narrative"

    def setup(self, nlp) -> None:  # noqa: ANN001 - spaCy Language
        from fieldreport.plugins.dates.resolver import warm_up

        self._nlp = nlp
        warm_up()  # dateparser compiles its patterns on first use (about a second): do it before any request

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.plugins.dates.order import country_in_text, country_of_url
        from fieldreport.v1 import fieldreport_pb2 as pb

        country = country_of_url(doc.url) or country_in_text(doc.spacy)
        times = []
        for b, e, r, _ctx in walk(doc.spacy, doc.published, country):
            if len(times) >= doc.budget.max_mentions:
                doc.truncated(self.name, "max_mentions", len(times))
                break
            times.append(time_value(pb, r, doc.text[b:e], b))
        doc.add("times", times)

    def normalize(self, item):  # noqa: ANN001, ANN201 - NormalizeItem → list[NormalizedValue]
        """Best interpretation first, then the reading the tense did not choose ("Friday": last or next).

        With ``context.sentence``, the text is read where it stands in it: the clause's tense, and the
        sentence's earlier dates for "two days later". ``context.country_hint`` orders numeric dates
        ("04/02" is 4 February in KE, April 2 in US).
        """
        from fieldreport.plugins.dates.order import of_country
        from fieldreport.plugins.dates.resolver import Context, resolve
        from fieldreport.service.errors import parse_date
        from fieldreport.v1 import fieldreport_pb2 as pb

        ref = parse_date(item.context.reference_date, "context.reference_date")
        country = item.context.country_hint
        ctx = self._context_in_sentence(item.text, item.context.sentence, ref, country) or Context(
            ref, date_order=of_country(country))
        r = resolve(item.text, ctx)
        if r is None:
            return []
        values = [pb.NormalizedValue(time=time_value(pb, r, item.text), confidence=round(r.confidence, 3))]
        if r.alternative is not None:
            alt = r.alternative
            values.append(pb.NormalizedValue(time=time_value(pb, alt, item.text), confidence=round(alt.confidence, 3)))
        return values

    def _context_in_sentence(self, text: str, sentence: str, ref, country: str = ""):  # noqa: ANN001, ANN202
        from fieldreport.plugins.dates.resolver import Context
        from fieldreport.plugins.dates.tense import tense

        nlp = getattr(self, "_nlp", None)
        if not sentence or nlp is None:
            return None
        at = re.search(re.escape(text.strip()), sentence, re.IGNORECASE)
        if at is None:
            return None
        sdoc = _parse(nlp, sentence)
        narrative = None
        for b, _e, r, ctx in walk(sdoc, ref, country):
            if narrative is None:
                narrative = dataclasses.replace(ctx, tense="")  # publication, and the order the sentence's dates say
            if b >= at.start():
                break
            narrative = advance(narrative, r)  # the narrative as it stands where the text is
        if narrative is None:
            from fieldreport.plugins.dates.order import of_country

            narrative = Context(ref, date_order=of_country(country))
        return dataclasses.replace(narrative, tense=_tense(sdoc, at.start(), at.end(), tense))


@functools.lru_cache(maxsize=16)
def _parse(nlp, sentence: str):  # noqa: ANN001, ANN202 - one parse per context (the same arrives for many items)
    return nlp(sentence)
