"""Parsing counts with their qualifiers: "some 43", "at least 26", "between 5 and 7", "dozens".

Number words go through text2num (text_to_num), digits through int(); the qualifier words around a
number are matched here, since no library reads them.

Conventions for vague counts (``qualifier`` VAGUE, ``value`` the coded figure). ACLED's codebook codes
"dozens" as 12 and "hundreds" as 100, and "several"/"many" fatalities as 10 where no other report
gives a number; the rest are ours, in the same spirit (the smallest figure the word allows):

==================  =====  =========
word                value  source
==================  =====  =========
dozens              12     ACLED
hundreds            100    ACLED
several, many,      10     ACLED
numerous
scores              20     ours (a score is 20)
tens                10     ours
thousands           1000   ours
a few, a handful    3      ours
a couple            2      ours
a dozen             12     exact word: EXACT
==================  =====  =========

Qualifiers: "some", "about", "around", "nearly", "almost", "roughly", "approximately", "an estimated"
→ APPROXIMATE (value kept); "at least", "more than", "over", "upwards of", "no fewer than" → AT_LEAST
(low = value = the number as written: "more than 20" keeps 20 as the conservative bound, as ACLED
and UCDP code it); "up to", "as many as", "at most", "fewer than", "less than", "no more than" → AT_MOST
(high = value); "between 5 and 7", "5-7", "5 to 7" → RANGE (low, high; value = low, the conservative
figure); "a group of", "a number of" → UNKNOWN (no value: never 0, never 1).
"""

from __future__ import annotations

import dataclasses
import re

from text_to_num import text2num

VAGUE = {"dozens": 12, "hundreds": 100, "several": 10, "many": 10, "numerous": 10, "scores": 20, "tens": 10,
         "thousands": 1000, "a few": 3, "few": 3, "a handful": 3, "handful": 3, "a couple": 2, "couple": 2}
APPROX = r"(?:some|about|around|nearly|almost|roughly|approximately|an estimated|estimated|close to|approx\.?)"
AT_LEAST = r"(?:at least|more than|over|upwards of|no fewer than|no less than|in excess of|at a minimum)"
AT_MOST = r"(?:up to|as many as|at most|fewer than|less than|no more than|under)"
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


@dataclasses.dataclass
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str  # EXACT, APPROXIMATE, AT_LEAST, AT_MOST, RANGE, VAGUE, UNKNOWN


def number(text: str) -> int | None:
    """'43' → 43, 'Four' → 4, 'forty-three' → 43, '1,200' → 1200, '2.5 million' → 2500000, 'a dozen' → 12."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    if t in ("a dozen", "dozen", "one dozen"):
        return 12
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million)?", t)
    if m:
        value = float(m.group(1)) * _SCALE.get(m.group(2) or "", 1)
        return int(value)
    try:
        return text2num(t, "en")
    except ValueError:
        pass
    m = re.fullmatch(r"(.+?)\s+(hundred|thousand|million)", t)
    if m:
        head = number(m.group(1))
        return head * _SCALE[m.group(2)] if head is not None else None
    return None


def parse(text: str) -> Count | None:
    """The count a quantity expression gives, or None when it is not a count."""
    t = " ".join(text.lower().replace("–", "-").split())
    t = re.sub(r"^(?:the|a total of|a further|another|an additional|only|just)\s+", "", t)
    m = re.fullmatch(rf"(?:between\s+)?(?P<a>[\w-]+)\s*(?:-|to|and|or)\s*(?P<b>[\w-]+)", t)
    if m:
        a, b = number(m.group("a")), number(m.group("b"))
        if a is not None and b is not None and a < b:
            return Count(a, a, b, "RANGE")
    m = re.fullmatch(rf"(?P<q>{APPROX}|{AT_LEAST}|{AT_MOST})\s+(?P<n>.+)", t)
    if m:
        n = number(m.group("n"))
        if n is None:
            vague = VAGUE.get(m.group("n"))
            if vague is None:
                return None
            return Count(vague, vague, None, "VAGUE")
        q = m.group("q")
        if re.fullmatch(AT_LEAST, q):
            return Count(n, n, None, "AT_LEAST")
        if re.fullmatch(AT_MOST, q):
            return Count(n, None, n, "AT_MOST")
        return Count(n, None, None, "APPROXIMATE")
    if t in VAGUE:
        return Count(VAGUE[t], VAGUE[t], None, "VAGUE")
    m = re.fullmatch(r"(?:dozens|hundreds|thousands|tens|scores)(?: of)?", t)
    if m:
        value = VAGUE[t.split()[0]]
        return Count(value, value, None, "VAGUE")
    n = number(t)
    if n is not None:
        return Count(n, None, None, "EXACT")
    return None
