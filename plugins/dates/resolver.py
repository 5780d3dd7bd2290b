"""Resolving one temporal expression against a reference date (publication) and the narrative.

News dates are mostly relative ("on Wednesday", "early February", "July 12 last year", "two days
later"), and what they mean depends on conventions dateparser does not encode: a weekday in a report
means the most recent such day on or before publication; "early/mid/late February" is a part of a
month; "two days later" counts from the previous date of the narrative. Those rules are written here;
anything else falls back to dateparser (languages=['en'], RELATIVE_BASE = the reference date,
PREFER_DATES_FROM = past).

Conventions (TimeML values, as TimeBank writes them):
- early = days 1-10, mid = 11-20, late = 21-end of the month; value stays the month ("2018-02").
- "last week" → the ISO week before the reference (value 2018-W20); "last month" → 2018-04.
- a month without year → the most recent such month not after the reference.
- durations ("an hour", "three days") → type DURATION, value P1H / P3D, no start/end.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re

from text_to_num import text2num

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
         "decade": "DE", "century": "CE", "fortnight": "W"}
SEASONS = {"spring": ("SP", 3, 5), "summer": ("SU", 6, 8), "autumn": ("FA", 9, 11), "fall": ("FA", 9, 11),
           "winter": ("WI", 12, 2)}

_MONTH_RE = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_NUMBER_WORD = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|few|several|couple of)"


@dataclasses.dataclass
class Resolved:
    value: str
    start: dt.date | None
    end: dt.date | None
    granularity: str  # DAY, WEEK, MONTH, YEAR ("" for durations and sets)
    type: str  # DATE, TIME, DURATION, SET
    anchor: str
    confidence: float
    relative_to_previous: bool = False


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    if word in ("a", "an", "one"):
        return 1
    if word in ("few", "couple of", "couple"):
        return 2 if "couple" in word else 3
    if word == "several":
        return 3
    try:
        return text2num(word, "en")
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(d: dt.date, anchor: str, conf: float = 0.9, typ: str = "DATE") -> Resolved:
    return Resolved(d.isoformat(), d, d, "DAY", typ, anchor, conf)


def _month(year: int, month: int, anchor: str, conf: float = 0.9, part: str = "") -> Resolved:
    start, end = dt.date(year, month, 1), _month_end(year, month)
    if part == "early":
        end = dt.date(year, month, 10)
    elif part in ("mid", "middle"):
        start, end = dt.date(year, month, 11), dt.date(year, month, 20)
    elif part == "late":
        start = dt.date(year, month, 21)
    return Resolved(f"{year:04d}-{month:02d}", start, end, "MONTH", "DATE", anchor, conf)


def _year(year: int, anchor: str, conf: float = 0.9, part: str = "") -> Resolved:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part == "early":
        end = dt.date(year, 4, 30)
    elif part in ("mid", "middle"):
        start, end = dt.date(year, 5, 1), dt.date(year, 8, 31)
    elif part == "late":
        start = dt.date(year, 9, 1)
    return Resolved(f"{year:04d}", start, end, "YEAR", "DATE", anchor, conf)


def _week(d: dt.date, anchor: str) -> Resolved:
    monday = d - dt.timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return Resolved(f"{iso[0]:04d}-W{iso[1]:02d}", monday, monday + dt.timedelta(days=6), "WEEK", "DATE", anchor, 0.85)


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _recent_month(month: int, ref: dt.date) -> int:
    """Year of the most recent such month not after the reference."""
    return ref.year if month <= ref.month else ref.year - 1


def _time_suffix(text: str) -> str:
    low = text.lower()
    if re.search(r"\b(?:night|overnight|tonight)\b", low):
        return "TNI"
    if re.search(r"\bmorning\b", low):
        return "TMO"
    if re.search(r"\bafternoon\b", low):
        return "TAF"
    if re.search(r"\bevening\b", low):
        return "TEV"
    clock = re.search(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?", low)
    if clock:
        hour = int(clock.group(1)) % 12 + (12 if clock.group(3) == "p" else 0)
        return f"T{hour:02d}:{clock.group(2) or '00'}"
    return ""


def resolve(text: str, ref: dt.date | None, previous: dt.date | None = None) -> Resolved | None:
    """The value of ``text`` against reference date ``ref`` (and the narrative's previous date)."""
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"^(?:on|in|at|by|since|from|during|until|till|before|after|of|the|this past|the past)\s+", "", low) \
        if not re.match(r"^(?:the past|this past)\s+(?:week|month|year)", low) else low
    low = re.sub(r"^the\s+", "", low)
    anchor = f"published:{ref.isoformat()}" if ref else ""
    if re.search(r"\d+\s*-?\s*years?\s*-?\s*old\b", low):
        return None  # an age, not a date

    # sets: every day, daily, weekly, each Friday
    if re.match(r"^(?:every|each)\s+\w+$", low) or low in ("daily", "weekly", "monthly", "annually", "yearly",
                                                           "nightly"):
        unit = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y"}.get(low, "P1" + UNITS.get(low.split()[-1].rstrip("s"), "D")[:1])
        return Resolved(unit, None, None, "", "SET", "", 0.7)

    # durations: "an hour", "three days", "for two weeks", "the past five years"
    m = re.match(rf"^(?:for\s+|around\s+|about\s+|nearly\s+|almost\s+|more than\s+|over\s+|the past\s+|"
                 rf"the last\s+|the next\s+|the following\s+)?(?P<n>{_NUMBER_WORD})[\s-]+(?P<unit>second|minute|hour|"
                 rf"day|week|month|year|decade|fortnight)s?(?:\s+long)?$", low)
    if m:
        n = _number(m.group("n")) or 1
        unit = m.group("unit")
        code = UNITS[unit]
        if unit == "fortnight":
            n, code = n * 2, "W"
        if unit == "decade":
            n, code = n * 10, "Y"
        prefix = "PT" if unit in ("second", "minute", "hour") else "P"
        return Resolved(f"{prefix}{n}{code}", None, None, "", "DURATION", "", 0.8)
    if low in ("an hour", "hours", "days", "weeks", "months", "years", "minutes"):
        return Resolved("PT1H" if low == "an hour" else "P" + "X" + UNITS[low.rstrip("s")], None, None, "", "DURATION",
                        "", 0.6)

    # relative to the previous date of the narrative: "two days later", "a week earlier"
    m = re.match(rf"^(?P<n>{_NUMBER_WORD})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|afterwards|earlier|"
                 rf"before|ago)$", low)
    if m:
        n = _number(m.group("n")) or 1
        unit, direction = m.group("unit"), m.group("dir")
        base = ref if direction == "ago" or previous is None else previous
        if base is None:
            return None
        sign = -1 if direction in ("earlier", "before", "ago") else 1
        base_anchor = anchor if base is ref else f"previous:{base.isoformat()}"
        if unit == "day":
            r = _day(base + dt.timedelta(days=sign * n), base_anchor, 0.8)
        elif unit == "week":
            r = _week(base + dt.timedelta(weeks=sign * n), base_anchor)
        elif unit == "month":
            r = _month(*_shift_months(base, sign * n), base_anchor, 0.75)
        else:
            r = _year(base.year + sign * n, base_anchor, 0.8)
        r.relative_to_previous = base is not ref
        return r

    # a clock time alone ("about 10 p.m.") is on the narrative's current day
    m = re.match(r"^(?:about|around|approximately|at|by|after|before|shortly after|shortly before|just after|"
                 r"just before)?\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$|^(?:about\s+|around\s+)?(noon|midnight)$", low)
    if m:
        day = previous or ref
        if day is None:
            return None
        if m.group(4):
            suffix = "T12:00" if m.group(4) == "noon" else "T00:00"
        else:
            suffix = _time_suffix(low.replace(m.group(0), f"{m.group(1)}:{m.group(2) or '00'} {m.group(3)}m"))
        r = _day(day, anchor if day is ref else f"previous:{day.isoformat()}", 0.7, "TIME")
        r.value += suffix
        return r

    if ref is None:
        explicit = _explicit(low, None, anchor)
        return explicit

    if low in ("today", "this morning", "this afternoon", "this evening", "tonight", "now", "currently"):
        if low in ("now", "currently"):
            return Resolved("PRESENT_REF", ref, ref, "DAY", "DATE", anchor, 0.7)
        return _day(ref, anchor, 0.9, "TIME" if low != "today" else "DATE")
    if low in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return _day(ref - dt.timedelta(days=1), anchor, 0.9)
    if low.startswith("tomorrow"):
        return _day(ref + dt.timedelta(days=1), anchor, 0.9)
    if low in ("recently", "recent", "the past", "previously", "formerly", "earlier"):
        return Resolved("PAST_REF", None, ref, "", "DATE", anchor, 0.5)
    if low in ("future", "the future", "soon", "in the future"):
        return Resolved("FUTURE_REF", ref, None, "", "DATE", anchor, 0.5)

    # weekdays: the most recent such day on or before the reference ("last Friday": strictly before)
    m = re.match(r"^(?:(?P<last>last|this|past|next)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|"
                 r"sunday)(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night))?\b", low)
    if m:
        wd = WEEKDAYS[m.group("wd")]
        delta = (ref.weekday() - wd) % 7
        if m.group("last") == "last" and delta == 0:
            delta = 7
        if m.group("last") == "next":
            day = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
        else:
            day = ref - dt.timedelta(days=delta)
        suffix = _time_suffix(low)
        r = _day(day, anchor, 0.9 if delta else 0.85, "TIME" if suffix else "DATE")
        if suffix:
            r.value += suffix
        return r

    # this/last/next week, month, year
    m = re.match(r"^(?P<which>(?:early\s+|late\s+|mid-?\s*|earlier\s+|later\s+)?(?:last|this|next|past|previous|current))"
                 r"\s+(?P<unit>week|weekend|month|year)$", low)
    if m:
        which, unit = m.group("which"), m.group("unit")
        part = "early" if "early" in which else "late" if "late" in which else "mid" if "mid" in which else ""
        offset = -1 if re.search(r"last|past|previous", which) else 1 if "next" in which else 0
        if unit in ("week", "weekend"):
            return _week(ref + dt.timedelta(weeks=offset), anchor)
        if unit == "month":
            return _month(*_shift_months(ref, offset), anchor, 0.85, part)
        return _year(ref.year + offset, anchor, 0.9, part)
    m = re.match(r"^(?P<part>early|earlier|late|later|mid)(?:\s+|-)this\s+(?P<unit>month|year)$", low)
    if m:
        part = {"earlier": "early", "later": "late"}.get(m.group("part"), m.group("part"))
        if m.group("unit") == "month":
            return _month(ref.year, ref.month, anchor, 0.8, part if part != "early" or ref.day > 10 else "")
        return _year(ref.year, anchor, 0.8, part)

    return _explicit(low, ref, anchor)


def _explicit(low: str, ref: dt.date | None, anchor: str) -> Resolved | None:
    # ranges "between May 3 and May 5, 2019" / "May 3-5" → start and end
    m = re.match(rf"^(?:between\s+)?(?P<a>.+?)\s*(?:and|to|-|–|through|until)\s*(?P<b>.+)$", low)
    if m and re.search(r"\d", m.group("a")) and re.search(r"\d|" + _MONTH_RE, m.group("b")):
        year_b = re.search(r"\b(\d{4})\b", m.group("b"))
        a_text = m.group("a") if re.search(r"\d{4}", m.group("a")) or not year_b else f"{m.group('a')}, {year_b.group(1)}"
        b_text = m.group("b")
        if re.fullmatch(r"\d{1,2}(?:,\s*\d{4})?", b_text):  # "May 3-5"
            mon = re.match(_MONTH_RE, m.group("a"))
            if mon:
                b_text = f"{mon.group(0)} {b_text}"
        ra, rb = _explicit(a_text, ref, anchor), _explicit(b_text, ref, anchor)
        if ra and rb and ra.start and rb.end and ra.start <= rb.end and ra.type == rb.type == "DATE":
            return Resolved(ra.value, ra.start, rb.end, ra.granularity, "DATE", anchor, 0.8)

    # "July 12 last year", "October 3, 2017", "May 21", "12 July 2017", "Jan. 5"
    m = re.match(rf"^{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
                 rf"(?P<rest>\s+last year|\s+this year)?\b", low) or \
        re.match(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?"
                 rf"(?P<rest>\s+last year|\s+this year)?\b", low)
    if m:
        month, day = MONTHS[m.group("month")[:3] if m.group("month")[:4] != "sept" else "sept"], int(m.group("day"))
        if m.group("year"):
            year, conf = int(m.group("year")), 0.95
        elif ref is None:
            return None
        elif m.group("rest") and "last" in m.group("rest"):
            year, conf = ref.year - 1, 0.9
        elif m.group("rest"):
            year, conf = ref.year, 0.9
        else:
            year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
            conf = 0.85
        try:
            r = _day(dt.date(year, month, day), anchor if not m.group("year") else "explicit", conf)
        except ValueError:
            return None
        suffix = _time_suffix(low)
        if suffix:
            r.value += suffix
            r.type = "TIME"
        return r
    # "early February", "mid-March 2016", "February 2018", "last February"
    m = re.match(rf"^(?:(?P<part>early|mid|middle|late|end of|beginning of|start of)[\s-]+(?:of\s+)?)?(?P<last>last\s+|this\s+)?"
                 rf"{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?(?P<rest>\s+last year|\s+this year)?$", low)
    if m:
        month = MONTHS[m.group("month")[:3] if not m.group("month").startswith("sept") else "sept"]
        part = {"end of": "late", "beginning of": "early", "start of": "early", "middle": "mid"}.get(
            m.group("part") or "", m.group("part") or "")
        if m.group("year"):
            year = int(m.group("year"))
        elif ref is None:
            return None
        elif m.group("rest") and "last" in m.group("rest"):
            year = ref.year - 1
        elif m.group("last") and m.group("last").strip() == "last":
            year = ref.year - 1 if month >= ref.month else ref.year
        else:
            year = _recent_month(month, ref)
        return _month(year, month, "explicit" if m.group("year") else anchor, 0.9, part)
    # "2017", "early 2016", "mid-2016", "the 1990s", "the late 1990s"
    m = re.match(r"^(?:(?P<part>early|mid|middle|late)[\s-]+)?(?P<year>1[89]\d\d|20\d\d)(?P<decade>'?s)?$", low)
    if m:
        year = int(m.group("year"))
        if m.group("decade"):
            return Resolved(str(year)[:3], dt.date(year - year % 10, 1, 1), dt.date(year - year % 10 + 9, 12, 31),
                            "YEAR", "DATE", "explicit", 0.8)
        return _year(year, "explicit", 0.9, m.group("part") or "")
    # seasons: "last summer", "spring 2019"
    m = re.match(r"^(?:(?P<last>last|this|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?$", low)
    if m and (ref or m.group("year")):
        code, first, last = SEASONS[m.group("season")]
        year = int(m.group("year")) if m.group("year") else ref.year - (1 if m.group("last") == "last" else 0)
        start = dt.date(year, first, 1)
        end = _month_end(year + (1 if last < first else 0), last)
        return Resolved(f"{year}-{code}", start, end, "MONTH", "DATE", anchor, 0.7)
    # numeric dates: 5/21/2018, 21.05.2018, 2018-05-21
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", low)
    if m:
        try:
            return _day(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "explicit", 0.95)
        except ValueError:
            return None
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$", low)
    if m:
        year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        try:  # US order in English news
            return _day(dt.date(year, int(m.group(1)), int(m.group(2))), "explicit", 0.8)
        except ValueError:
            return None
    m = re.match(r"^(?P<n>\w+)\s+(?P<unit>day|week|month|year)s?\s+ago$", low)
    if m and ref:
        return resolve(f"{m.group('n')} {m.group('unit')}s ago", ref)
    return _dateparser(low, ref, anchor)


@functools.lru_cache(maxsize=1)
def _parser():
    import dateparser

    return dateparser


def _dateparser(low: str, ref: dt.date | None, anchor: str) -> Resolved | None:
    if not re.search(r"\d|" + _MONTH_RE + r"|yesterday|today|ago|week|month|year", low):
        return None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    if ref:
        settings["RELATIVE_BASE"] = dt.datetime(ref.year, ref.month, ref.day, 12)
    try:
        parsed = _parser().parse(low, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises on some odd strings; they are simply not dates
        return None
    if parsed is None:
        return None
    return _day(parsed.date(), anchor, 0.6)
