"""Document normalization: Unicode NFC, whitespace, and metadata read from a header or dateline.

Offsets must point into the caller's text, so normalization keeps the text's length wherever it can:
odd spaces become one space each, a header line becomes blanks, and only NFC composition (a base
character with combining marks) shortens it; ``offset_map`` maps each normalized code point back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

from fieldreport.service import errors

# "date 2018-05-27 Alwaght- Four Russian ..." (the header of scraped news exports)
_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<outlet>[^\n]{1,60}?)\s*[-–—:]\s+", re.IGNORECASE
)
# "BEIRUT, May 27 (Reuters) - " / "KABUL, Afghanistan (AP) — " / "DAMASCUS, Syria (AFP) --"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?))?\s*"
    r"\((?P<outlet>[A-Za-z][A-Za-z .&-]{0,30})\)\s*(?:-{1,2}|–|—)\s+"
)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


@dataclasses.dataclass
class Normalized:
    text: str
    offset_map: list[int] | None  # None when the text kept its length (identity map)
    published: dt.date | None = None
    published_from: str = ""
    source: str = ""
    dateline_place: str = ""
    dateline_span: tuple[int, int] | None = None  # of dateline_place in the text
    year_assumed: bool = False  # the dateline's date had no year; the latest such day up to today stands


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}


def _dateline_date(text: str, today: dt.date) -> tuple[dt.date | None, bool]:
    """"May 27, 2018" / "Sept. 3" → (date, year assumed). By hand: a wire dateline has one fixed shape,
    and a year-less one needs a rule of ours (the latest such day not after today), not a parser's guess."""
    m = re.fullmatch(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:,? (\d{4}))?", text)
    month = _MONTHS.get(m[1][:3].lower()) if m else None
    if month is None:
        return None, False
    day, year = int(m[2]), int(m[3]) if m[3] else None
    if year is not None:
        return (dt.date(year, month, day), False) if _valid(year, month, day) else (None, False)
    for year in range(today.year, today.year - 9, -1):  # Feb 29 waits for a leap year
        if _valid(year, month, day) and dt.date(year, month, day) <= today:
            return dt.date(year, month, day), True
    return None, False


def _valid(year: int, month: int, day: int) -> bool:
    try:
        day_ = dt.date(year, month, day)
    except ValueError:
        return False
    return errors.in_supported_range(day_)


def _nfc_with_map(text: str) -> tuple[str, list[int] | None]:
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    mapping: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        out.append(piece)
        mapping.extend([i] * len(piece))
        i = j
    mapping.append(len(text))
    return "".join(out), mapping


def normalize(text: str, published: dt.date | None = None, source: str = "",
              today: dt.date | None = None) -> Normalized:
    """Normalize ``text``; fill ``published``/``source`` from a header or dateline when not given.

    ``today`` (default: the clock's) places a dateline date that has no year."""
    norm, mapping = _nfc_with_map(text)
    norm = _SPACES.sub(" ", norm)
    norm = _ZERO_WIDTH.sub(" ", norm)  # same length: a blank instead of an invisible joiner
    norm = norm.replace("\r", "\n")
    result = Normalized(norm, mapping, published, "request" if published else "", source)
    header = _HEADER.match(norm)
    if header:
        try:
            day = dt.date.fromisoformat(header["date"])
        except ValueError:
            day = None
        if day is not None and not errors.in_supported_range(day):
            day = None  # "date 9999-12-31": not a publication date the service can reason from
        if result.published is None and day is not None:
            result.published, result.published_from = day, "header"
        if not result.source:
            result.source = header["outlet"].strip()
        result.text = " " * header.end() + norm[header.end():]
        return result
    dateline = _DATELINE.match(norm)
    if dateline:
        if not result.source:
            result.source = dateline["outlet"].strip()
        result.dateline_place = dateline["place"].strip()
        begin = dateline.start("place")
        result.dateline_span = (begin, begin + len(dateline["place"].rstrip()))
        if result.published is None and dateline["date"]:
            day, assumed = _dateline_date(dateline["date"], today or dt.date.today())
            if day is not None:
                result.published, result.published_from, result.year_assumed = day, "dateline", assumed
        # The dateline's own words stay in the text: the place is a real mention of the report's
        # location; the outlet in parentheses would confuse the parser, and the date is the report's,
        # not an event's, so both are blanked.
        b, e = dateline.span("outlet")
        text = norm[: b - 1] + " " * (e - b + 2) + norm[e + 1:]
        if dateline["date"]:
            b, e = dateline.span("date")
            text = text[:b] + " " * (e - b) + text[e:]
        result.text = text
    return result
