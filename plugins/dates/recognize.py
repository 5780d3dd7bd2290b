"""Where the temporal expressions are: spaCy's DATE and TIME entities, completed and cut to TimeML extents.

spaCy's small English model finds most dates but splits "Friday" from "night", leaves out "now",
"recently" and bare weekdays in some contexts, and tags ages ("Smith, 37,") and street numbers as
DATE. The patterns below add what it misses, join the pieces of one expression ("Friday" + "night",
"noon" + "Saturday") and drop bare numbers. Extents follow TimeML: leading prepositions ("on", "since")
and a trailing possessive stay outside.
"""

from __future__ import annotations

import bisect
import re

from fieldreport.plugins.dates.holidays import NAMES as _HOLIDAY_NAMES
from fieldreport.service.nlp import text_of

# Holidays, which spaCy's small model rarely tags ("on New Year's Eve", "Labor Day weekend", "Christmas
# morning"). The name starts with a capital (a holiday is a proper name) and is not the first word of a
# longer one ("Easter Island").
_HOLIDAY = re.compile(
    rf"\b(?:(?:last|this|next|this past|past)\s+)?(?:the\s+)?(?-i:(?=[A-Z]))(?:{_HOLIDAY_NAMES})"
    r"(?:\s+(?:holiday\s+)?weekend)?(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+\d{4})?\b"
    r"(?!\s+(?-i:[A-Z][a-z]))",  # "Easter Island", "the Thanksgiving Day Parade": names, not days
    re.IGNORECASE,
)
_EXTRA = re.compile(
    r"\b(?:(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+)?(?:(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Tt]his past|"
    r"[Cc]oming)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?"
    r"(?:\s+(?:morning|afternoon|evening|night|overnight)s?)?\b"
    r"|\b(?:(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+)?(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b[Ll]ast night\b|\b(?:(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+)?[Tt]his (?:morning|afternoon|evening)\b"
    r"|\b(?:(?:early|late|mid)[\s-]?)?(?:morning|afternoon|evening|night)\s+(?:of\s+)?(?:yesterday|today|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred)-(?:year|month|week|day|hour|minute)(?:-long)?(?:\s+(?:term|period)\b)?\b(?!-old)"
    r"|\b(?:(?:[Mm]ore|[Mm]ost|[Uu]ntil) recently)\b"
    r"|\b(?:[Nn]ow|[Cc]urrently|[Rr]ecently|[Pp]reviously|[Ff]ormerly|[Nn]owadays|[Pp]resently)\b"
    r"|\b(?:the (?:near |distant |foreseeable )?future|[Ii]n the past)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]+|\.)?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?:,?\s+\d{4}\b)?"
    r"|\b\d{1,2}(?::\d{2})?\s*[ap]\.m\.(?!\w)|\b\d{1,2}(?::\d{2})?\s*[AaPp][Mm]\b"
    r"|\b(?:the\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?:first|second|third|fourth)[\s-]+(?:fiscal[\s-]+)?quarter\b"
    # a report's periods: "this year's election", "last year's third quarter", "the 2017 period", "the year-ago
    # quarter", "the same period last year"; spaCy tags "year" or "2017" alone or nothing
    r"|\b(?:[Tt]his|[Ll]ast|[Nn]ext) year(?:['’]s (?:(?:first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?"
    r"(?:quarter|period))?\b(?!-)"
    r"|\b[Tt]he (?:1[89]|20)\d\d (?:(?:first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?(?:quarter|period)\b"
    r"|\b(?:[Tt]he )?(?:comparable |corresponding |same )?year[\s-](?:earlier|ago) (?:period|quarter|"
    r"(?:first|second|third|fourth)[\s-]+quarter)\b"
    r"|\b[Tt]he (?:same|corresponding|comparable) (?:period|quarter) (?:a year (?:earlier|ago|before)|last year|"
    r"of last year|the year before|the previous year|the prior year)\b"
    r"|\b[Tt]he (?:near|short|long)[\s-]term\b(?!-)|\b[Tt]he (?:latest|most recent) period\b"
)
# Dates written day first, as outside the US ("On 14 June 2025", "27 February:", "01 Oct.", "Around 3 May
# 2020", "9-13 Aug", "30 April - 2 May"), and numeric ones ("on 15/04", "21/04/2017", a note opening
# "14/02, ..."), which spaCy's small model (trained on US news) tags as CARDINAL, or splits ("28" +
# "2020"), or runs into the next sentence ("25 Aug. Two"). A numeric date without its year is taken only
# where a preposition or the start of a line says it is one: "24/7" and "9/11" alone are no days.
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
               r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WRITTEN_YEAR = r"(?:,?\s+(?:1[89]|20)\d\d\b)"
_HEDGE = r"(?:(?:[Aa]round|[Aa]bout|[Aa]pproximately|[Cc]irca)\s+)"
_WRITTEN = re.compile(
    rf"\b{_HEDGE}?(?:the\s+)?{_DAY_NUMBER}(?:\s*(?:-|–|to)\s*{_DAY_NUMBER})?\s+(?:of\s+)?{_MONTH_NAME}"
    rf"(?:\s*(?:-|–|to|until)\s*{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH_NAME})?{_WRITTEN_YEAR}?"
    rf"|(?<=[Bb]etween\s){_DAY_NUMBER}\s+and\s+{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH_NAME}{_WRITTEN_YEAR}?"
    rf"|\b{_HEDGE}{_MONTH_NAME}\s+{_DAY_NUMBER}\b{_WRITTEN_YEAR}?"
    r"|(?<![\d/.])(?:[12]\d|3[01]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])/(?:19|20)\d\d(?![\d/])"
    r"|(?:(?<=\b[Oo]n\s)|(?<=\b[Ss]ince\s)|(?<=\b[Uu]ntil\s)|(?<=\b[Tt]ill\s)|(?<=\b[Ff]rom\s)|(?<=\b[Dd]ated\s)|"
    r"(?<=\b[Bb]y\s)|(?<=\b[Bb]efore\s)|(?<=\b[Aa]fter\s)|(?<=\b[Bb]etween\s))"
    r"(?:[12]\d|3[01]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?![\d/])"
    r"|(?:\A|(?<=\n))(?:[12]\d|3[01]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?=\s*[,:.])"
)
_COUNT_AFTER = re.compile(r"[\s.,;:]*(?:\d+|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)\b")
_LEADING = re.compile(r"^(?:(?:on|in|at(?!\s+(?:least|most)\b)|by|since|from|between|during|until|till|before|after|"
                      r"as of|for|over|within|through|throughout)\s+)+", re.IGNORECASE)  # "at least 30 days" stays
_TIME_PIECE = re.compile(r"^(?:(?:at|about|around|approximately|shortly after|just after|just before|before|after)\s+)*"
                         r"(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|[AP]M)|noon|midnight|(?:the )?(?:early |late )?(?:morning|"
                         r"afternoon|evening|night|overnight))$", re.IGNORECASE)
_DAY_PIECE = re.compile(r"^(?:(?:early|late|last|this|next)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|"
                        r"today|tonight|tomorrow)$|^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|"
                        r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$|^\d{1,2}/\d{1,2}$|"
                        r"^\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*\d{1,2})?\s+(?:of\s+)?"
                        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
                        re.IGNORECASE)
_WEEKDAY_PIECE = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$", re.IGNORECASE)
_MONTH_DAY_PIECE = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d", re.IGNORECASE)
_JOIN_GAP = re.compile(r"^\s*[,\-–—]?\s*(?:(?:on|at|of)\s+)?$", re.IGNORECASE)
_EVERY = re.compile(r"\b(?:every|each)\s+(?:other\s+)?$", re.IGNORECASE)  # "each July": a set, not a date
_DAY_AFTER = re.compile(r"\s*(-|–|to|through|until|and)\s*\d{1,2}(?:st|nd|rd|th)?\b"
                        r"(?![:.]\d|\s*(?:%|percent|people|per|[AaPp]\.?[Mm]\b))"
                        r"(?:,?\s+\d{4}\b)?")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:st|nd|rd|th)?$|^\d{5,}$|^\d{1,3}(?:,\d{3})+$")
# Where one expression holds two ("the quarter ended Sept. 30") or a range spaCy ran on ("Monday to 20 years").
PIECE_BREAK = re.compile(r"\s*(?:,|;|\bto\b|\band\b|\bthrough\b|\buntil\b|\bended\b|\bending\b|\bfrom\b|\bsince\b|"
                         r"\bafter\b|\bbefore\b|\bof\b|\bin\b|\bon\b|\bat\b|\bor\b|\bbut\b|\bwhen\b)\s*", re.IGNORECASE)


class _Disjoint:
    """Stretches that never overlap, sorted, looked up by bisection (a scan of all of them for each
    pattern match is quadratic in a document of many dates)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [b for b, _ in spans]
        self.ends = [e for _, e in spans]

    def overlapping(self, begin: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_right(self.ends, begin)
        out = []
        while i < len(self.starts) and self.starts[i] < end:
            out.append((self.starts[i], self.ends[i]))
            i += 1
        return out

    def put(self, begin: int, end: int) -> None:
        """Add [begin, end), dropping the stretches it overlaps."""
        lo = bisect.bisect_right(self.ends, begin)
        hi = lo
        while hi < len(self.starts) and self.starts[hi] < end:
            hi += 1
        self.starts[lo:hi] = [begin]
        self.ends[lo:hi] = [end]

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends))


def spans(sdoc) -> list[tuple[int, int]]:  # noqa: ANN001 - spaCy Doc
    """Character spans of the temporal expressions of a parsed document, in order, not overlapping."""
    text = text_of(sdoc)
    found = _Disjoint(sorted((e.start_char, e.end_char) for e in sdoc.ents if e.label_ in ("DATE", "TIME")))
    for m in [*_EXTRA.finditer(text), *_HOLIDAY.finditer(text)]:
        overlapping = found.overlapping(m.start(), m.end())
        if not overlapping:
            found.put(m.start(), m.end())
        elif all(m.start() <= b and e <= m.end() for b, e in overlapping):
            # the pattern holds spaCy's pieces ("Friday" + "night"): take the whole
            found.put(m.start(), m.end())
    for m in _WRITTEN.finditer(text):
        overlapping = found.overlapping(m.start(), m.end())
        if all(m.start() <= b and e <= m.end() for b, e in overlapping):
            found.put(m.start(), m.end())
        elif len(overlapping) == 1 and overlapping[0][0] == m.start() and overlapping[0][1] > m.end() and \
                _COUNT_AFTER.match(text, m.end(), overlapping[0][1]):
            # spaCy ran the date into what follows ("25 Aug. Two fighters died"): the date alone
            found.put(m.start(), m.end())
    found = found.spans()
    found.sort()
    merged: list[tuple[int, int]] = []
    for b, e in found:
        if merged and _joins(text, merged[-1], (b, e)):
            merged[-1] = (merged[-1][0], e)
        elif merged and b < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((b, e))
    result = []
    for b, e in merged:
        trimmed = trim(text, b, e)
        if trimmed is not None and _modifier(sdoc, *trimmed):
            continue
        if trimmed is not None:
            every = _EVERY.search(text, max(0, trimmed[0] - 20), trimmed[0])
            b, e = (every.start(), trimmed[1]) if every else trimmed
            result.append((b, _range_end(text, b, e)))
    return result


# TimeML (as TimeBank annotates it) takes no frequency adjective ("a quarterly report", "the annual fair"),
# no "previously" of a participle ("a previously stated aim"), no share ("a quarter of the vote") and no
# future that is a thing ("the future of the port").
_FREQUENCY_ADJECTIVE = {"daily", "nightly", "weekly", "biweekly", "monthly", "bimonthly", "quarterly", "yearly",
                        "annual", "biannual", "semiannual"}  # "hourly earnings" it does take


_OF_AFTER = re.compile(r"\s+of\b")
_FRACTION = re.compile(r"(?:^|\s)(?:a|one|two|three)[\s-]quarters?$", re.IGNORECASE)  # "a quarter of the seats"


def _modifier(sdoc, begin: int, end: int) -> bool:  # noqa: ANN001
    """Whether the expression only qualifies a noun or counts a share, timing nothing."""
    if _FRACTION.search(text_of(sdoc), begin, end) and _OF_AFTER.match(text_of(sdoc), end):
        return True
    span = sdoc.char_span(begin, end, alignment_mode="expand")
    if span is not None and span.root.lower_ == "future" and (
            span.root.dep_ in ("nsubj", "nsubjpass") or _OF_AFTER.match(text_of(sdoc), end)):
        return True  # "the future seems bleak", "the future of the port": prospects, not a time
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.lower_ in _FREQUENCY_ADJECTIVE:
        return not (tok.tag_.startswith("RB") or tok.dep_ == "advmod")  # "met daily", "paid quarterly": sets
    if tok.lower_ == "previously" and tok.i + 1 < len(sdoc):
        after = sdoc[tok.i + 1]
        return after.tag_ in ("VBN", "JJ") and (after.dep_ == "amod" or tok.i > 0 and sdoc[tok.i - 1].lower_ == "as")
    return False


def _range_end(text: str, begin: int, end: int) -> int:
    """The end of "May 3-5" or "between May 3 and 5", where spaCy stops after "May 3"."""
    if not _MONTH_DAY_PIECE.match(text[begin:end]) or re.search(r"\d{4}", text[begin:end]):
        return end
    m = _DAY_AFTER.match(text, end)
    if m and (m.group(1) != "and" or _BETWEEN.search(text, max(0, begin - 10), begin)):
        return m.end()
    return end


def _joins(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether two neighbouring pieces are one expression: a day and its time, a weekday and its date."""
    if not _JOIN_GAP.match(text[left[1]:right[0]]) or right[0] < left[1]:
        return False
    a, b = text[left[0]:left[1]].strip(), text[right[0]:right[1]].strip()
    day_a, day_b = _DAY_PIECE.search(a), _DAY_PIECE.search(b)
    time_a, time_b = _TIME_PIECE.match(a), _TIME_PIECE.match(b)
    if (time_a and day_b) or (day_a and time_b):
        return True
    weekday_date = (_WEEKDAY_PIECE.match(a) and _MONTH_DAY_PIECE.match(b)) or (
        _MONTH_DAY_PIECE.match(a) and _WEEKDAY_PIECE.match(b))
    return bool(weekday_date)


def trim(text: str, begin: int, end: int) -> tuple[int, int] | None:
    """The TimeML extent inside [begin, end), or None when nothing temporal is left (a bare number)."""
    piece = text[begin:end]
    stripped = piece.rstrip()
    end -= len(piece) - len(stripped)
    piece = stripped.rstrip(",;:")
    end -= len(stripped) - len(piece)
    if piece.endswith(("'s", "’s")):
        end -= 2
        piece = piece[:-2]
    lead = len(piece) - len(piece.lstrip())
    m = _LEADING.match(piece[lead:])
    if m and m.end() < len(piece) - lead:
        lead += m.end()
    begin += lead
    piece = text[begin:end]
    if not piece or _BARE_NUMBER.match(piece):
        return None
    return begin, end
