"""Reading one count expression: "some 43", "at least 26", "between 5 and 7", "two or three", "dozens".

Number words go through text2num (text_to_num); digits through int()/float(). The qualifier words
around a number are matched here, since no library reads them.

Qualifiers:

- EXACT: a number as written ("four", "43", "a dozen").
- APPROXIMATE (``value``): "some", "about", "around", "nearly", "almost", "roughly", "approximately",
  "an estimated", "close to", "or so" after the number.
- AT_LEAST (``low`` = ``value`` = the number): "at least", "more than", "over", "upwards of",
  "no fewer than", "in excess of", "or more" / "-plus" after the number. "more than 20" keeps 20, the
  conservative bound, as ACLED and UCDP code it.
- AT_MOST (``high`` = ``value``): "up to", "as many as", "at most", "fewer than", "less than",
  "no more than", "under".
- RANGE (``low``, ``high``; ``value`` = ``low``, the conservative figure): "between 5 and 7", "5-7",
  "5 to 7", "from 5 to 7", "two or three".
- VAGUE (``value`` = the coded figure, ``low`` = the same): words that give an order of magnitude.
  ACLED's convention (ACLED FAQ "How are fatalities coded", 2023): "tens" = 10, "dozens" = 12,
  "hundreds" = 100, "and so on" (so "thousands" = 1000, "tens of thousands" = 10000). The other words
  are ours, in the same spirit (the smallest figure the word allows): "a couple" and "multiple" = 2,
  "a few", "a handful" and "several" = 3, "scores" = 20 (one score), "many" and "numerous" = 10
  (as "tens").
- Not a count: a figure above ``MAX_COUNT`` (ten billion, more than there are people), as "a
  40-digit number" or a serial; ``number`` gives None and the expression is left out.
- UNKNOWN (no value: never 0, never 1): "a group of", "a number of", "a band of" … — people are counted
  but the text gives no figure.
"""

from __future__ import annotations

import dataclasses
import re

from text_to_num import text2num

# Vague words → coded figure (see the module docstring for whose convention each is).
VAGUE = {
    "tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000, "tens of thousands": 10_000,
    "hundreds of thousands": 100_000, "millions": 1_000_000,
    "scores": 20, "a couple": 2, "couple": 2, "multiple": 2, "a few": 3, "few": 3, "a handful": 3,
    "handful": 3, "several": 3, "many": 10, "numerous": 10,
}
UNKNOWN_HEADS = ("group", "number", "band", "gang", "team", "squad", "crowd", "batch", "unit", "contingent")
APPROX = (r"some|about|around|nearly|almost|roughly|approximately|an estimated|estimated|close to|approx\.?|"
          r"an approximate|circa")
AT_LEAST = r"at least|more than|over|upwards of|no fewer than|no less than|in excess of|at a minimum|a minimum of"
AT_MOST = r"up to|as many as|at most|fewer than|less than|no more than|under|a maximum of"
QUALIFIER = rf"(?:{APPROX}|{AT_LEAST}|{AT_MOST}|between|from)"
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# The largest count: more than there are people. A bigger figure ("a 40-digit number", an identifier, a
# serial) counts nothing, and would not fit the contract's int64 fields.
MAX_COUNT = 10_000_000_000
_MAX_DIGITS = len(str(MAX_COUNT))
_FILLER = re.compile(r"^(?:the|a total of|a further|another|an additional|additional|only|just|exactly|all)\s+")


@dataclasses.dataclass
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str  # EXACT, APPROXIMATE, AT_LEAST, AT_MOST, RANGE, VAGUE, UNKNOWN


def number(text: str) -> int | None:
    """'43' → 43, 'Four' → 4, 'forty-three' → 43, '1,200' → 1200, '2.5 million' → 2500000,
    'a dozen' → 12, 'two dozen' → 24, 'a hundred' → 100; None when the text is not a number."""
    t = " ".join(text.strip().lower().replace(",", "").split())
    if not t:
        return None
    m = re.fullmatch(r"(?:(.+?)\s+)?dozen", t)
    if m:  # "a dozen", "half a dozen", "two dozen", "3 dozen": the number of dozens times 12
        lead = m.group(1) or "a"
        if len(lead) > _MAX_DIGITS:
            return None
        if lead == "half a":
            return 6
        times = 1 if lead == "a" else number(lead)
        return None if times is None else _sane(12 * times)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*(hundred|thousand|million|billion))?", t)
    if m:
        if len(m.group(1).split(".")[0].lstrip("0")) > _MAX_DIGITS:
            return None  # (float() of 400 digits is inf, which int() refuses)
        return _sane(int(float(m.group(1)) * _SCALE.get(m.group(2) or "", 1)))
    t = re.sub(r"^a\s+(?=hundred|thousand|million)", "one ", t)
    try:
        return _sane(text2num(t, "en"))
    except ValueError:
        return None


def _sane(n: int) -> int | None:
    return n if 0 <= n <= MAX_COUNT else None


def parse(text: str) -> Count | None:
    """The count a quantity expression gives, or None when it is not a count."""
    t = " ".join(text.lower().replace("–", "-").replace("—", "-").split())
    t = _FILLER.sub("", t)
    m = re.fullmatch(rf"(?:a|an|one|another)\s+(?:{'|'.join(UNKNOWN_HEADS)})s?\s+of\b.*|"
                     rf"(?:a|an|one|another)\s+(?:{'|'.join(UNKNOWN_HEADS)})s?", t)
    if m:
        return Count(None, None, None, "UNKNOWN")
    # ranges: "between 5 and 7", "from 5 to 7", "5-7", "5 to 7", "two or three"
    m = re.fullmatch(r"(?:between\s+(?P<a1>.+?)\s+and\s+(?P<b1>.+)|(?:from\s+)?(?P<a2>.+?)\s*(?:-|to|or)\s*(?P<b2>.+))", t)
    if m:
        a, b = number(m.group("a1") or m.group("a2")), number(m.group("b1") or m.group("b2"))
        if a is not None and b is not None and a < b:
            return Count(a, a, b, "RANGE")
    suffix = None
    m = re.fullmatch(r"(?P<n>.+?)\s*(?:(?P<more>or more|-?plus|\+)|(?P<so>or so))", t)
    if m and (number(m.group("n")) is not None or m.group("n") in VAGUE):
        suffix = "AT_LEAST" if m.group("more") else "APPROXIMATE"
        t = m.group("n")
    m = re.fullmatch(rf"(?P<q>{APPROX}|{AT_LEAST}|{AT_MOST})\s+(?P<n>.+)", t)
    qualifier = m.group("q") if m else None
    body = m.group("n") if m else t
    body = re.sub(r"\s+of$", "", body)
    if body in VAGUE:  # "at least dozens" is still dozens (text2num would read "hundreds" as 100)
        return Count(VAGUE[body], VAGUE[body], None, "VAGUE")
    n = number(body)
    if n is None:
        return None
    if qualifier is None:
        if suffix == "AT_LEAST":
            return Count(n, n, None, "AT_LEAST")
        if suffix == "APPROXIMATE":
            return Count(n, None, None, "APPROXIMATE")
        return Count(n, None, None, "EXACT")
    if re.fullmatch(AT_LEAST, qualifier):
        return Count(n, n, None, "AT_LEAST")
    if re.fullmatch(AT_MOST, qualifier):
        return Count(n, None, n, "AT_MOST")
    return Count(n, None, None, "APPROXIMATE")
