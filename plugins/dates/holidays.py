"""Named days: "New Year's Eve", "Christmas", "the Fourth of July", "Thanksgiving", "Labor Day weekend".

Neither spaCy's small model nor dateparser reads holiday names (dateparser returns nothing for
"Christmas Eve"), so the table is written here: fixed days, the US federal moveable days (n-th weekday of
a month) and Easter from dateutil's computus (dateutil comes with dateparser). News in English is the
target; the table holds the days such news names, not every country's calendar.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

# name pattern → (month, day) for fixed days, ("nth", month, weekday 0=Mon, n; -1 = last) for moveable
# ones, ("easter", offset in days) for Easter's.
_TABLE: tuple[tuple[str, tuple], ...] = (
    (r"new year'?s eve", (12, 31)),
    (r"new year'?s(?: day)?", (1, 1)),
    (r"christmas eve", (12, 24)),
    (r"christmas(?: day)?|xmas", (12, 25)),
    (r"boxing day", (12, 26)),
    (r"(?:the )?fourth of july|july (?:4th|fourth)|independence day", (7, 4)),
    (r"halloween", (10, 31)),
    (r"(?:st\.? |saint )?valentine'?s day", (2, 14)),
    (r"(?:st\.? |saint )?patrick'?s day", (3, 17)),
    (r"veterans'? day", (11, 11)),
    (r"cinco de mayo", (5, 5)),
    (r"juneteenth", (6, 19)),
    (r"thanksgiving(?: day)?", ("nth", 11, 3, 4)),
    (r"black friday", ("nth+1", 11, 3, 4)),  # the day after Thanksgiving
    (r"labou?r day", ("nth", 9, 0, 1)),
    (r"memorial day", ("nth", 5, 0, -1)),
    (r"mother'?s day", ("nth", 5, 6, 2)),
    (r"father'?s day", ("nth", 6, 6, 3)),
    (r"(?:martin luther king(?: jr\.?)?|mlk)(?: jr\.?)? day", ("nth", 1, 0, 3)),
    (r"presidents'? day", ("nth", 2, 0, 3)),
    (r"columbus day", ("nth", 10, 0, 2)),
    (r"good friday", ("easter", -2)),
    (r"easter(?: sunday)?", ("easter", 0)),
    (r"easter monday", ("easter", 1)),
)
NAMES = "|".join(name for name, _ in _TABLE)
_EXACT = [(re.compile(rf"(?:{name})"), rule) for name, rule in _TABLE]
# "Labor Day weekend", "the Thanksgiving holiday": the weekend or the days around the named day
_WEEKEND = re.compile(r"\s+(?:holiday\s+)?weekend$")


def _nth(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def day_in(name: str, year: int) -> dt.date | None:
    """The day ``name`` (lower case, one space) falls on in ``year``; None when it names no holiday."""
    for pattern, rule in _EXACT:
        if pattern.fullmatch(name):
            if rule[0] == "nth":
                return _nth(year, *rule[1:])
            if rule[0] == "nth+1":
                return _nth(year, *rule[1:]) + dt.timedelta(days=1)
            if rule[0] == "easter":
                return easter(year) + dt.timedelta(days=rule[1])
            return dt.date(year, *rule)
    return None


def split_weekend(name: str) -> tuple[str, bool]:
    """("labor day", True) for "labor day weekend"."""
    m = _WEEKEND.search(name)
    return (name[:m.start()], True) if m else (name, False)
