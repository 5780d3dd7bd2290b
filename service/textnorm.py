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


def normalize(text: str, published: dt.date | None = None, source: str = "") -> Normalized:
    """Normalize ``text``; fill ``published``/``source`` from a header or dateline when not given."""
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
        # The dateline's own words stay in the text: the place is a real mention of the report's
        # location; only the outlet in parentheses would confuse the parser, so it is blanked.
        b, e = dateline.span("outlet")
        result.text = norm[: b - 1] + " " * (e - b + 2) + norm[e + 1:]
    return result
