"""Calendar units as TimeML writes them: a unit (day, week, month, quarter, ...) holding a date.

A :class:`Resolved` value knows its ``kind`` (the calendar unit it names), so that narrative shifts keep
the grain of their anchor ("a year earlier" than 1989-Q3 is 1988-Q3, than 1989-08-12 is 1988-08-12).
Values follow TimeML (TIMEX3) conventions: ``2018-05-23``, ``2018-W21``, ``2018-W21-WE``, ``2018-02``,
``2018-Q1``, ``2018-H1``, ``2018-SU``, ``2018``, ``201`` (the 2010s), ``20`` (the 21st century).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

# Fineness of the kinds; a shift keeps the finer of its anchor's kind and its own unit.
KIND_RANK = {"day": 0, "weekend": 1, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5,
             "decade": 6, "century": 7}
# The contract's granularity of each kind (TimeValue.Granularity has DAY, WEEK, MONTH, YEAR only).
GRANULARITY = {"day": "DAY", "week": "WEEK", "weekend": "WEEK", "month": "MONTH", "quarter": "MONTH",
               "season": "MONTH", "half": "MONTH", "year": "YEAR", "decade": "YEAR", "century": "YEAR"}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
SEASON_OF_MONTH = {m: code for code, first in (("WI", 12), ("SP", 3), ("SU", 6), ("FA", 9))
                   for m in (first, first % 12 + 1, (first + 1) % 12 + 1)}


@dataclasses.dataclass(frozen=True)
class Resolved:
    """One interpretation of a temporal expression."""

    value: str
    type: str = "DATE"  # TimeML: DATE, TIME, DURATION, SET
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str = ""  # calendar unit (see KIND_RANK); "" for durations, sets and PRESENT_REF & co.
    anchor: str = ""  # "published:2018-05-27", "previous:2017-10-03", "" for absolute values
    confidence: float = 0.8
    # The other reading of an expression whose direction is a guess ("Friday": last or next), if any.
    alternative: Resolved | None = None
    # An expression the narrative does not move to, so that the next "the quarter" or "a year ago" still
    # refers to the period it was on: a comparison ("a year earlier", "the year-ago quarter") or the end
    # date of that period ("the quarter ended Sept. 30").
    aside: bool = False

    @property
    def granularity(self) -> str:
        return GRANULARITY.get(self.kind, "")

    @property
    def is_calendar(self) -> bool:
        return self.type in ("DATE", "TIME") and self.start is not None

    def but(self, **changes) -> Resolved:  # noqa: ANN003
        return dataclasses.replace(self, **changes)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def add(d: dt.date, n: int, unit: str) -> dt.date:
    """``d`` moved by ``n`` units (day, week, month, quarter, year, decade, century)."""
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(d, n * months)


def unit(kind: str, d: dt.date, anchor: str = "", confidence: float = 0.9, type_: str = "DATE") -> Resolved:
    """The calendar unit of ``kind`` that holds ``d``."""
    if kind == "day":
        return Resolved(d.isoformat(), type_, d, d, kind, anchor, confidence)
    if kind in ("week", "weekend"):
        monday = d - dt.timedelta(days=d.weekday())
        year, week, _ = monday.isocalendar()
        if kind == "weekend":
            return Resolved(f"{year:04d}-W{week:02d}-WE", type_, monday + dt.timedelta(days=5),
                            monday + dt.timedelta(days=6), kind, anchor, confidence)
        return Resolved(f"{year:04d}-W{week:02d}", type_, monday, monday + dt.timedelta(days=6), kind, anchor,
                        confidence)
    if kind == "month":
        return Resolved(f"{d.year:04d}-{d.month:02d}", type_, d.replace(day=1), month_end(d.year, d.month), kind,
                        anchor, confidence)
    if kind == "quarter":
        q = (d.month - 1) // 3
        return Resolved(f"{d.year:04d}-Q{q + 1}", type_, dt.date(d.year, 3 * q + 1, 1),
                        month_end(d.year, 3 * q + 3), kind, anchor, confidence)
    if kind == "half":
        h = (d.month - 1) // 6
        return Resolved(f"{d.year:04d}-H{h + 1}", type_, dt.date(d.year, 6 * h + 1, 1),
                        month_end(d.year, 6 * h + 6), kind, anchor, confidence)
    if kind == "season":
        code = SEASON_OF_MONTH[d.month]
        # Winter belongs to the year it starts in (2017-WI: December 2017 to February 2018).
        year = d.year - 1 if code == "WI" and d.month < 12 else d.year
        first = SEASONS[{"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}[code]][1]
        start = dt.date(year, first, 1)
        last = add_months(start, 2)
        return Resolved(f"{year:04d}-{code}", type_, start, month_end(last.year, last.month), kind, anchor,
                        confidence)
    if kind == "year":
        return Resolved(f"{d.year:04d}", type_, dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), kind, anchor,
                        confidence)
    if kind == "decade":
        first = d.year - d.year % 10
        return Resolved(f"{first // 10:03d}", type_, dt.date(first, 1, 1), dt.date(first + 9, 12, 31), kind,
                        anchor, confidence)
    if kind == "century":
        first = d.year - d.year % 100
        return Resolved(f"{first // 100:02d}", type_, dt.date(first, 1, 1), dt.date(first + 99, 12, 31), kind,
                        anchor, confidence)
    raise ValueError(f"unknown calendar unit {kind!r}")


def part(r: Resolved, which: str) -> Resolved:
    """Early / mid / late part of a unit: start and end narrow, the value stays (TimeML puts it in ``mod``).

    A month splits 1-10 / 11-20 / 21-end, a year January-April / May-August / September-December,
    a week Monday-Wednesday / Tuesday-Thursday / Thursday-Sunday.
    """
    if not which or r.start is None or r.end is None:
        return r
    if r.kind == "month":
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, r.end.day)}[which]
        return r.but(start=r.start.replace(day=bounds[0]), end=r.start.replace(day=bounds[1]))
    if r.kind == "year":
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[which]
        return r.but(start=dt.date(r.start.year, months[0], 1), end=month_end(r.start.year, months[1]))
    if r.kind == "week":
        days = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[which]
        return r.but(start=r.start + dt.timedelta(days=days[0]), end=r.start + dt.timedelta(days=days[1]))
    if r.kind in ("decade", "century"):
        span = (r.end.year - r.start.year + 1) // 3
        years = {"early": (0, span - 1), "mid": (span, 2 * span - 1), "late": (2 * span, r.end.year - r.start.year)}
        a, b = years[which]
        return r.but(start=dt.date(r.start.year + a, 1, 1), end=dt.date(r.start.year + b, 12, 31))
    return r
