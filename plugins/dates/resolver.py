"""Resolving one temporal expression against the publication date, the narrative and the clause's tense.

News dates are mostly relative ("on Wednesday", "early February", "July 12 last year", "two days
later"), and what they mean rests on conventions no library encodes: a weekday in a report is the most
recent such day on or before publication; a date without its year points back in a past-tense clause
and forward in a future one; "early/mid/late February" is a part of a month; "two days later" counts
from the date the narrative gave before it, "a year earlier" keeps that date's grain. Those rules are
written here. dateparser (``languages=['en']``, ``RELATIVE_BASE`` = publication) reads the explicit
forms the rules do not ("21.05.2018", "Nov 9, 2016 - 6:57 PM").

Values follow TimeML (TIMEX3): ``2018-05-23``, ``2018-05-23T15:30``, ``2018-05-25TNI`` (parts of day
TMO, TAF, TEV, TNI, TMI), ``2018-W20``, ``2018-W20-WE``, ``2018-02``, ``2018-Q3``, ``2018-SU``,
``2018``, ``199`` (the 1990s), ``19`` (the 20th century); durations ``P3D``, ``PT1H``, ``PXY`` (a vague
number); sets ``P1D``, ``XXXX-WXX-5`` (every Friday), ``XXXX-07``; ``PRESENT_REF``, ``PAST_REF``,
``FUTURE_REF``. A range gives an ISO 8601 interval, ``2018-05-03/2018-05-05``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re

from text_to_num import text2num

from fieldreport.plugins.dates import holidays
from fieldreport.plugins.dates.units import KIND_RANK, SEASONS, Resolved, add, part, unit

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6})
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_WD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:1[6-9]\d\d|20\d\d|'\d\d)"
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                 "midday": "MI", "mid-day": "MI", "daytime": "DT", "mid-morning": "MO", "mid-afternoon": "AF",
                 "predawn": "MO", "dawn": "MO", "dusk": "EV", "nighttime": "NI"}
# Period words → (kind, duration code). Months and minutes share M; PT marks the time ones.
_UNITS = {"second": ("", "S"), "minute": ("", "M"), "hour": ("", "H"), "day": ("day", "D"), "night": ("day", "D"),
          "week": ("week", "W"), "weekend": ("weekend", "WE"), "fortnight": ("week", "W"), "month": ("month", "M"),
          "quarter": ("quarter", "Q"), "year": ("year", "Y"), "decade": ("decade", "DE"),
          "century": ("century", "CE"), "centurie": ("century", "CE"), "millennium": ("", "ML"),
          "millennia": ("", "ML"), "season": ("season", "SE")}
_UNIT = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie)|season)"
_VAGUE = {"a few", "few", "several", "some", "many", "a number of",
          "numerous", "dozens of", "hundreds of", "a handful of", "the", ""}
_SMALL = {"a": 1, "an": 1, "one": 1, "a single": 1, "single": 1, "half a": 0.5, "half an": 0.5, "a half": 0.5,
          "a dozen": 12, "dozen": 12, "a couple of": 2, "couple of": 2, "a couple": 2}  # TimeML: a couple is two
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_AGE = re.compile(r"\b\d+\s*-?\s*(?:years?|months?|weeks?|days?)\s*-?\s*olds?\b|\baged?\s+(?:of\s+)?\d")
_LEADING = re.compile(r"^(?:on|in|at(?!\s+(?:least|most)\b)|by|since|from|during|until|till|before|after|as of|of|for|"
                      r"over|within|through|throughout|starting|beginning|around the|late on|early on)\s+")
_MOD_PART = {"early": "early", "earlier": "early", "beginning of": "early", "start of": "early", "mid": "mid",
             "middle": "mid", "middle of": "mid", "late": "late", "later": "late", "end of": "late"}
_MOD = r"(?:early|earlier|late|later|mid|middle|(?:the\s+)?(?:beginning|start|end|middle)\s+of)"

STOP = Resolved("")  # a rule's verdict that the text is not a date at all


@dataclasses.dataclass(frozen=True)
class Context:
    """What an expression is resolved against."""

    ref: dt.date | None  # the publication date
    tense: str = ""  # "past", "present", "future" or "" (see tense.py)
    previous: Resolved | None = None  # the narrative's last calendar expression (any grain)
    previous_day: Resolved | None = None  # the narrative's last expression of a day
    previous_quarter: Resolved | None = None  # the narrative's last quarter ("the quarter" refers back to it)
    # How the document writes numeric dates: "DMY" (14/02), "MDY" (2/14) or "" when nothing says (see order.py)
    date_order: str = ""

    @property
    def published(self) -> str:
        return f"published:{self.ref.isoformat()}" if self.ref else ""

    def narrative(self, fine: bool) -> tuple[Resolved | None, str]:
        """The anchor of a narrative expression: the previous day (``fine``) or calendar value, else publication."""
        prev = self.previous_day if fine else (self.previous or self.previous_day)
        if prev is not None and prev.start is not None:
            return prev, f"previous:{prev.value}"
        if self.ref is not None:
            return unit("day", self.ref), self.published
        return None, ""


def clean(text: str) -> str:
    """Lower case, one space, no outer punctuation, possessive or leading preposition."""
    low = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    low = low.strip(" ,;:()[]\"-–—").rstrip(".") if not low.endswith((".m.", " st.")) else low.strip(" ,;:()[]\"")
    low = re.sub(r"(?:'s|s')$", lambda m: "" if m.group(0) == "'s" else "s", low)
    for _ in range(3):
        stripped = _LEADING.sub("", low)
        if stripped == low:
            break
        low = stripped
    return low


def resolve(text: str, ctx: Context) -> Resolved | None:
    """The best interpretation of ``text`` in ``ctx``, or None when it is not a resolvable time."""
    low = clean(text)
    if not low or _AGE.search(low):
        return None
    return _resolve(low, ctx)


@functools.lru_cache(maxsize=4096)
def _resolve(low: str, ctx: Context) -> Resolved | None:
    for rule in _RULES:
        r = rule(low, ctx)
        if r is STOP:
            return None
        if r is not None:
            return r
    return None


# -- numbers ---------------------------------------------------------------------------------------


def number(words: str) -> float | str | None:
    """A count in digits or words; "X" for a vague one ("several", "a few"); None when not a count."""
    words = words.strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) if "." in words else int(words)
    if words in _SMALL:
        return _SMALL[words]
    if words in _VAGUE:
        return "X"
    if not re.fullmatch(r"[a-z]+(?:[\s-][a-z]+)*", words):
        return None
    try:
        return text2num(words.replace(" and ", " "), "en")
    except ValueError:
        return None


def _n(value: float | str) -> str:
    return value if isinstance(value, str) else (f"{value:g}" if isinstance(value, float) else str(value))


def _unit_word(word: str) -> str:
    word = word.rstrip("s") if word not in ("centuries",) else "centurie"
    return "millennium" if word.startswith("millenni") else word


def duration(n: float | str, word: str) -> Resolved:
    kind_code = _UNITS[_unit_word(word)]
    code = kind_code[1]
    if not isinstance(n, str):
        # TimeBank writes whole decades in years (P20Y); quarters keep their Q (P2Q)
        if word.startswith("fortnight"):
            n, code = n * 2, "W"
        elif word.startswith("decade"):
            n, code = n * 10, "Y"
    prefix = "PT" if word.startswith(("second", "minute", "hour")) else "P"
    return Resolved(f"{prefix}{_n(n)}{code}", "DURATION", confidence=0.85 if n != "X" else 0.7)


# -- rules, tried in order -------------------------------------------------------------------------

_PRESENT = {"now", "right now", "currently", "current", "presently", "at present", "at the moment", "nowadays", "these days",
            "the present", "present", "the present time", "this time", "the moment"}
_PAST = {"recently", "recent", "lately", "previously", "formerly", "the past", "the recent past", "in the past",
         "recent years", "recent months", "recent weeks", "recent days", "the old days", "long ago",
         "some time ago", "a while ago", "years ago", "months ago", "weeks ago", "days ago", "decades ago",
         "more recently", "most recently", "until recently"}
_FUTURE = {"the future", "future", "the near future", "the distant future", "the foreseeable future",
           "the near term", "the short term", "the long term", "a later date", "later date",
           "the future years", "future years", "soon", "shortly"}
# "the coming weeks", "the months ahead": a stretch of unsaid length (TimeML PXW), as "the next few weeks"
_AHEAD = re.compile(r"(?:the\s+)?(?:coming\s+(?P<a>days|weeks|months|years)|(?P<b>days|weeks|months|years)\s+ahead)")


def _reference_words(low: str, ctx: Context) -> Resolved | None:
    """PRESENT_REF, PAST_REF, FUTURE_REF: no calendar stretch, so no start or end."""
    anchor = ctx.published
    if low in _PRESENT:
        return Resolved("PRESENT_REF", anchor=anchor, confidence=0.8)
    if low in _PAST:
        return Resolved("PAST_REF", anchor=anchor, confidence=0.7)
    if low in _FUTURE:
        return Resolved("FUTURE_REF", anchor=anchor, confidence=0.7)
    ahead = _AHEAD.fullmatch(low)
    if ahead:
        return duration("X", ahead.group("a") or ahead.group("b"))
    if re.fullmatch(r"(?:several|a few|few|many|some|a couple of) (?:days|weeks|months|years|decades) ago", low):
        return Resolved("PAST_REF", anchor=anchor, confidence=0.6)
    return None


def _ended(low: str, ctx: Context) -> Resolved | None:
    """An expression before "ended"/"ending" (the walk appends the word): "the year ended Jan. 31" is a
    year's stretch (TimeML: P1Y, the date being its own expression); others read as without it."""
    if not low.endswith(" ended"):
        return None
    rest = low[:-len(" ended")]
    if re.fullmatch(r"(?:the|its|their)\s+(?:fiscal\s+|calendar\s+)?year", rest):
        return Resolved("P1Y", "DURATION", confidence=0.8)
    return _resolve(rest, ctx) or STOP


def _the_year(low: str, ctx: Context) -> Resolved | None:
    """"the year", "the fiscal year" alone: the year the narrative is in (an explicit one), else publication's."""
    if not re.fullmatch(r"the\s+(?:fiscal\s+|calendar\s+)?year", low):
        return None
    prev = ctx.previous
    if prev is not None and not prev.anchor and prev.start is not None and prev.kind in KIND_RANK and \
            KIND_RANK[prev.kind] <= KIND_RANK["year"]:
        return unit("year", prev.start, f"previous:{prev.value}", 0.6)
    return unit("year", ctx.ref, ctx.published, 0.6) if ctx.ref is not None else None


_FREQ = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y",
         "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "bimonthly": "P2M",
         "biannually": "P6M", "semiannually": "P6M"}


def _sets(low: str, ctx: Context) -> Resolved | None:
    """Recurrences: "daily", "every Friday", "each July", "every two weeks", "Tuesday nights"."""
    if low in _FREQ:
        return Resolved(_FREQ[low], "SET", confidence=0.8)
    m = re.fullmatch(rf"(?:every|each|per)\s+(?:(?P<other>other)\s+|(?P<n>\w+(?:[\s-]\w+)?)\s+)?(?P<what>.+)", low)
    if m:
        what, n = m.group("what"), number(m.group("n")) if m.group("n") else 1
        if n is None or isinstance(n, str):
            return None
        if m.group("other"):
            n = 2
        if re.fullmatch(rf"{_UNIT}s?", what):
            return duration(n, what).but(type="SET", confidence=0.8)
        if low.startswith("per "):
            return None
        wd = re.fullmatch(rf"({_WD})(?:\s+(\w+))?", what)
        if wd and _weekday(wd.group(1)) is not None:
            suffix = _PARTS_OF_DAY.get(wd.group(2) or "", "")
            return Resolved(f"XXXX-WXX-{_weekday(wd.group(1)) + 1}" + (f"T{suffix}" if suffix else ""), "SET",
                            confidence=0.8)
        mon = re.fullmatch(_MON, what)
        if mon:
            return Resolved(f"XXXX-{_month(what):02d}", "SET", confidence=0.8)
        if what in _PARTS_OF_DAY:
            return Resolved(f"XXXX-XX-XXT{_PARTS_OF_DAY[what]}", "SET", confidence=0.8)
        if what in SEASONS:
            return Resolved(f"XXXX-{SEASONS[what][0]}", "SET", confidence=0.8)
        return None
    m = re.fullmatch(rf"({_WD})s(?:\s+(morning|afternoon|evening|night)s?)?", low) or \
        re.fullmatch(rf"({_WD})\s+(morning|afternoon|evening|night)s", low)  # "Friday evenings"
    if m and _weekday(m.group(1)) is not None:
        suffix = _PARTS_OF_DAY.get(m.group(2) or "", "")
        return Resolved(f"XXXX-WXX-{_weekday(m.group(1)) + 1}" + (f"T{suffix}" if suffix else ""), "SET",
                        confidence=0.75)
    if low == "weekends":
        return Resolved("XXXX-WXX-WE", "SET", confidence=0.75)
    return None


def _weekday(word: str) -> int | None:
    word = word.rstrip(".")
    if word in WEEKDAYS:
        return WEEKDAYS[word]
    return WEEKDAYS.get(word[:3]) if word.endswith("day") else None


def _month(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word) or MONTHS["sept" if word.startswith("sept") else word[:3]]


_SHIFT = re.compile(rf"(?:(?:about|around|some|nearly|almost|roughly|approximately|more than|less than|over|just|"
                    rf"barely|only|exactly|a full|fully)\s+)?(?P<n>[\w\s.-]+?)[\s-]+(?P<u>{_UNIT})s?\s+(?:or so\s+)?"
                    rf"(?P<dir>later|earlier|ago|before|after|afterwards?|previously|from now|hence|back|prior|on)")


def _shifts(low: str, ctx: Context) -> Resolved | None:
    """"two days later", "a year earlier" (from the narrative's previous date), "three weeks ago" (from publication)."""
    m = _SHIFT.fullmatch(low)
    if m:
        n = number(m.group("n"))
        if n is None:
            return None
        word, direction = _unit_word(m.group("u")), m.group("dir")
        kind = _UNITS[word][0]
        if not kind:
            return None
        sign = -1 if direction in ("earlier", "ago", "before", "previously", "back", "prior") else 1
        from_publication = direction in ("ago", "from now", "hence", "back")
        if isinstance(n, str):  # "a few days later": the direction is known, the date is not
            return Resolved("PAST_REF" if sign < 0 and from_publication else "FUTURE_REF" if from_publication
                            else "XXXX-XX-XX" if kind == "day" else "XXXX", anchor=ctx.published, confidence=0.4)
        if word == "fortnight":
            n = n * 2
        if not float(n).is_integer():
            return None
        n = int(n)
        if from_publication:
            if ctx.ref is None:
                return None
            prev = ctx.previous
            if kind == "year" and sign < 0 and prev is not None and prev.kind in ("quarter", "half"):
                # a report on a quarter compares it with the same quarter "a year ago"
                return unit(prev.kind, add(prev.start, -n, "year"), f"previous:{prev.value}", 0.7).but(
                    aside=n == 1)
            # "three weeks ago" names a day, "three months ago" a month, "three years ago" a year
            result = {"day": "day", "week": "day", "weekend": "weekend", "month": "month"}.get(kind, "year")
            return unit(result, add(ctx.ref, sign * n, kind), ctx.published, 0.8).but(
                aside=kind == "year" and n == 1 and sign < 0)
        base, anchor = ctx.narrative(fine=KIND_RANK[kind] <= KIND_RANK["week"])
        if base is None:
            return None
        result = base.kind if KIND_RANK.get(base.kind, 0) <= KIND_RANK[kind] else kind
        if result in ("week",) and base.kind == "day":
            result = "day"
        return unit(result, add(base.start, sign * n, kind), anchor, 0.8).but(
            aside=kind == "year" and n == 1 and sign < 0)
    # "the year-earlier quarter", "the year-ago period", "the same period last year": the previous value, a year back
    m = re.fullmatch(r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+|latest\s+)?(?:year|twelve months)"
                     r"[\s-](?:earlier|ago|before)(?:\s+(?P<what>[\w\s-]+))?", low) or \
        re.fullmatch(r"(?:the\s+)?(?:same|comparable|corresponding|year-earlier|year-ago)\s+(?:period|quarter|"
                     r"month|time)\s+(?:a year (?:earlier|ago|before)|last year|of last year|the year before|"
                     r"the previous year|the prior year)", low)
    if m:
        what = m.groupdict().get("what") or ""
        if re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", what):
            return _durations(what, ctx)  # "the year-earlier six months": the stretch compared (P6M)
        base, anchor = ctx.narrative(fine=False)
        if base is None:
            return None
        kind = "quarter" if "quarter" in low and base.kind in ("day", "week", "month", "year") else base.kind
        return unit(kind, add(base.start, -1, "year"), anchor, 0.7).but(aside=True)
    return None


_NARRATIVE = re.compile(r"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<which>the next|the following|the previous|"
                        r"the preceding|the prior|that|the same|this same|the|the subsequent)\s+"
                        r"(?P<u>day|morning|afternoon|evening|night|week|weekend|month|year)")


def _narrative(low: str, ctx: Context) -> Resolved | None:
    """"the next day", "that night", "the following year", "the day before": the narrative's dates."""
    m = _NARRATIVE.fullmatch(low)
    alone = re.fullmatch(r"the (?P<u>day|night) (?P<dir>before|after|earlier|later)", low)
    if not m and not alone:
        return None
    if alone:
        word, shift = alone.group("u"), -1 if alone.group("dir") in ("before", "earlier") else 1
    else:
        word = m.group("u")
        which = m.group("which")
        shift = 1 if which in ("the next", "the following", "the subsequent") else \
            -1 if which in ("the previous", "the preceding", "the prior") else 0
        if which == "the" and word in ("week", "month", "year"):
            return None  # "the year": a duration or an unknown year, not the narrative's
        if which == "the" and word == "weekend":
            return _calendar("the weekend", ctx)
    day_words = ("day", "morning", "afternoon", "evening", "night")
    base, anchor = ctx.narrative(fine=word in day_words or word in ("week", "weekend"))
    if base is None:
        return None
    if word in day_words:
        r = unit("day", add(base.start, shift, "day"), anchor, 0.8)
        if word != "day":
            return r.but(value=f"{r.value}T{_PARTS_OF_DAY[word]}", type="TIME")
        return r
    return unit(word, add(base.start, shift, word), anchor, 0.75)


_DURATION = re.compile(
    rf"(?:(?:about|around|some|nearly|almost|roughly|approximately|more than|less than|at least|at most|up to|over|"
    rf"under|just over|just under|no more than|no less than|fewer than|upwards of|upward of|the better part of|"
    rf"barely|only|just|a full|fully|an additional|another|an extra|a further|the entire|the whole|all|a total of|"
    rf"in excess of|close to|nearly a|almost a|a mere|a maximum of|a minimum of|a period of|a span of|the)\s+)*"
    rf"(?:(?P<rel>past|last|next|first|following|coming|previous|final|latest|initial|remaining|preceding|"
    rf"subsequent|ensuing|recent|prior)\s+)?"
    rf"(?P<n>[\w.,-]+(?:[\s-][\w.-]+)*?)?[\s-]*(?P<u>{_UNIT}s?|centuries|millenni(?:um|a))(?:[\s-]+(?:long|term|"
    rf"period)|\s+(?:straight|running|in a row|or so|or more|and counting|old))?")  # "a one-year term"


def _durations(low: str, ctx: Context) -> Resolved | None:
    """Stretches of time: "an hour", "three days", "the past two years", "nearly forty years", "years"."""
    m = _DURATION.fullmatch(low)
    if not m:
        return None
    words = (m.group("n") or "").strip().rstrip("-")  # "nine-day", "two-hour": the hyphen joins, it counts nothing
    plural = m.group("u").endswith(("s", "millennia"))
    if not words:
        if plural:
            n: float | str = "X"  # "years", "the past months"
        elif m.group("rel") and low.startswith("the "):
            n = 1  # "the past week", "the first year"
        else:
            return None  # "day", "the year", "last year" (a date, see _calendar)
    else:
        n = number(words)
        if n is None:
            return None
    if n == "X" and low.startswith("the ") and m.group("rel") in ("past", "last", "previous", "preceding"):
        # "the past few weeks", "the last several quarters": TimeML's vague past, not a count (PXW)
        return Resolved("PAST_REF", anchor=ctx.published, confidence=0.6)
    return duration(n, m.group("u"))


_CLOCK = re.compile(r"(?:(?:at|about|around|approximately|approx\.?|roughly|shortly|just|sometime|some time|until|"
                    r"til|till|by|before|after|past|nearly|almost)\s+)*"
                    r"(?:\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?:\s*(?:-|to|and)\s*\d{1,2}(?::\d{2})?)?\s*"
                    r"(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?::\d\d)?(?:\s*h(?:rs|ours)?)?"
                    r"|\b(?P<named>noon|midnight|midday|mid-day))"  # \b: the "noon" in "afternoon" is no noon
                    r"(?:\s+(?:[a-z]{1,2}[sd]t|gmt|utc|local time|local|et|ct|pt|mt))?(?=$|[\s,;])")
_DAY_PART = re.compile(r"\b(?:(?:early|late|mid)[\s-]+)?(?P<p>mid-morning|mid-afternoon|morning|afternoon|evening|"
                       r"overnight|night|midday|mid-day|daytime|predawn|dawn|dusk|nighttime)(?:\s+hours)?\b")


def split_time_of_day(low: str) -> tuple[str, str] | None:
    """(the rest, the TimeML time suffix) when ``low`` carries a clock time or a part of the day."""
    m = _CLOCK.search(low)
    if m:
        if m.group("named"):
            # midnight opens its day (T00:00), so that the value's day is the day start/end give
            suffix = {"noon": "12:00", "midday": "12:00", "mid-day": "12:00", "midnight": "00:00"}[m.group("named")]
        elif m.group("h24"):
            suffix = f"{int(m.group('h24')):02d}:{m.group('m24')}"
        else:
            hour = int(m.group("h"))
            if hour > 12:
                return None
            hour = hour % 12 + (12 if m.group("ap").startswith("p") else 0)
            suffix = f"{hour:02d}:{m.group('m') or '00'}"
    else:
        m = _DAY_PART.search(low)
        if not m:
            return None
        suffix = _PARTS_OF_DAY[m.group("p")]
    rest = (low[:m.start()] + " " + low[m.end():]).strip()
    rest = re.sub(r"(?:^|\s)(?:at|on|of|in|in the|the|-|–|,|o'clock)(?=\s|$)", " ", rest)
    rest = " ".join(rest.replace(",", " ").split())
    rest = re.sub(r"^(?:early|late|mid|earlier|later)\s+|\s+(?:hours)$", "", rest)
    return rest, suffix


def _time_of_day(low: str, ctx: Context) -> Resolved | None:
    """A clock time or part of the day, on the day the rest of the expression names (else the narrative's)."""
    split = split_time_of_day(low)
    if split is None:
        return None
    rest, suffix = split
    if rest in ("", "that", "the same", "this same", "that same"):
        base, anchor = ctx.narrative(fine=True)
        if base is None:
            return None
        conf = 0.55  # which day a bare clock time is on is the narrative's guess
        day = unit("day", base.start, anchor, conf)
    elif rest in ("this", "today", "tonight", "this past"):
        if ctx.ref is None:
            return None
        day = unit("day", ctx.ref, ctx.published, 0.9)
    elif rest in ("last", "yesterday", "late yesterday") and ctx.ref is not None:
        day = unit("day", ctx.ref - dt.timedelta(days=1), ctx.published, 0.9)
    else:
        day = _resolve(rest, ctx)
        if day is None or day is STOP:
            return None
    if "/" in day.value:
        if suffix == "NI" and day.kind == "day" and (day.end - day.start).days == 1:
            # "overnight on 3-4 May", "the night of 3 to 4 May": one night, dated (as TimeML dates
            # "Friday night") by the evening it began
            return unit("day", day.start, day.anchor, day.confidence).but(value=f"{day.start.isoformat()}TNI",
                                                                          type="TIME")
        return day  # a range of days: the time of day belongs to one end
    if day.type == "SET" and day.value.startswith("XXXX-WXX-") and "T" not in day.value:
        return day.but(value=f"{day.value}T{suffix}")
    if day.kind != "day":
        return day if day.is_calendar else None
    alternative = day.alternative.but(value=f"{day.alternative.value[:10]}T{suffix}", type="TIME") \
        if day.alternative else None
    return day.but(value=f"{day.value[:10]}T{suffix}", type="TIME", alternative=alternative)


def _day_words(low: str, ctx: Context) -> Resolved | None:
    """today, yesterday, tomorrow (with early/late), tonight."""
    m = re.fullmatch(r"(?:(?:early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|the day before yesterday|"
                     r"the day after tomorrow|tonight)", low)
    if not m or ctx.ref is None:
        return None
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[m.group("w")]
    r = unit("day", ctx.ref + dt.timedelta(days=offset), ctx.published, 0.9)
    return r.but(value=f"{r.value}TNI", type="TIME") if m.group("w") == "tonight" else r


def _direction(candidates: list[Resolved], ctx: Context, default: str, on_or: bool = True) -> Resolved | None:
    """Pick among instances of a period (e.g. every Friday near publication) by the clause's tense.

    The past reading is the latest instance that started on or before publication, the future one the
    earliest that ends on or after it; ``default`` ("past" or "nearest") decides when the tense does not.
    The reading not taken becomes the alternative (Normalize offers it).
    """
    ref = ctx.ref
    past = [c for c in candidates if c.start <= ref] if on_or else [c for c in candidates if c.end < ref]
    future = [c for c in candidates if c.end >= ref] if on_or else [c for c in candidates if c.start > ref]
    p = max(past, key=lambda c: c.start) if past else None
    f = min(future, key=lambda c: c.start) if future else None
    if p is None or f is None or p.start == f.start:
        return p or f
    mode = ctx.tense if ctx.tense in ("past", "future") else default
    if mode == "nearest":
        # News tells of the past more than of the future: ahead only when clearly nearer
        mode = "future" if 2 * (f.start - ref).days < (ref - p.end).days else "past"
    best, other = (p, f) if mode == "past" else (f, p)
    sure = ctx.tense in ("past", "future")
    conf = 0.9 if sure else 0.75
    return best.but(confidence=conf, alternative=other.but(confidence=round(1 - conf, 2)))


_WEEKDAY = re.compile(rf"(?:(?P<mod>early|late|earlier|later|mid)\s+)?(?:(?P<rel>last|this|next|past|this past|"
                      rf"coming|this coming|previous)\s+)?(?P<wd>{_WD})(?:\s+(?P<week>(?:of\s+)?(?:last|this|next) "
                      rf"week))?")


def _weekdays(low: str, ctx: Context) -> Resolved | None:
    """A weekday: the most recent such day on or before publication, unless the clause looks ahead."""
    m = _WEEKDAY.fullmatch(low)
    if not m or ctx.ref is None or _weekday(m.group("wd")) is None:
        return None
    wd, ref, rel = _weekday(m.group("wd")), ctx.ref, m.group("rel") or ""
    anchor = ctx.published
    if m.group("week"):
        offset = {"last": -1, "this": 0, "next": 1}[m.group("week").split()[-2]]
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
        return unit("day", monday + dt.timedelta(days=wd), anchor, 0.9)
    before = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)  # on or before publication
    after = ref + dt.timedelta(days=(wd - ref.weekday()) % 7)  # on or after
    if rel in ("last", "previous"):
        return unit("day", before if before < ref else before - dt.timedelta(days=7), anchor, 0.9)
    if rel in ("past", "this past"):
        return unit("day", before, anchor, 0.9)
    if rel in ("next", "coming", "this coming"):
        return unit("day", after if after > ref else after + dt.timedelta(days=7), anchor, 0.9)
    candidates = [unit("day", before, anchor), unit("day", after, anchor)]
    if rel == "this" and ctx.tense not in ("past", "future"):
        monday = ref - dt.timedelta(days=ref.weekday())
        return unit("day", monday + dt.timedelta(days=wd), anchor, 0.8)
    r = _direction(candidates, ctx, "past")
    if r is not None and ctx.tense not in ("past", "future"):
        r = r.but(confidence=0.8, alternative=r.alternative.but(confidence=0.2) if r.alternative else None)
    return r


_CALENDAR = re.compile(rf"(?:(?P<mod>{_MOD})[\s-]+)?(?P<rel>last|this|next|past|this past|previous|current|coming|"
                       rf"this coming|the current|the latest|the most recent|the past|the previous|the last|the coming|"
                       rf"the|the same|that)?\s*(?P<u>week|weekend|month|year|quarter|fiscal year|fiscal quarter|"
                       rf"calendar year|year-end|year end|season)")


def _calendar(low: str, ctx: Context) -> Resolved | None:
    """"last week", "this month", "late last year", "the end of the year", "the weekend", "this quarter"."""
    m = _CALENDAR.fullmatch(low)
    if not m or ctx.ref is None:
        return None
    ref, anchor = ctx.ref, ctx.published
    rel, word = m.group("rel") or "", m.group("u")
    modifier = re.sub(r"^the\s+", "", m.group("mod") or "")
    mod = _MOD_PART.get(modifier, "")
    kind = {"fiscal year": "year", "calendar year": "year", "fiscal quarter": "quarter", "year-end": "year",
            "year end": "year"}.get(word, word)
    if word in ("year-end", "year end"):
        mod = "late"
    if kind == "quarter" and rel in ("the", "that", "the same") and ctx.previous_quarter is not None:
        return ctx.previous_quarter.but(anchor=f"previous:{ctx.previous_quarter.value}", alternative=None)
    if kind == "season" or rel in ("the same", "that") or not rel and not mod and kind not in ("weekend", "year"):
        return None  # "week", "month" alone say which unit, not which one
    if kind == "year" and not rel and not mod and word not in ("year-end", "year end"):
        return None
    if not mod and (rel in ("the past", "the last", "the coming") or rel == "the" and kind in ("week", "month",
                                                                                             "year")):
        return None  # "the past week" is a duration (see _durations); "the year" says too little
    if kind == "weekend" and rel in ("", "the", "this past", "past", "last", "the past", "the last", "previous"):
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)  # the latest Saturday on or before publication
        if rel in ("last", "previous") and ref.weekday() >= 5:
            saturday -= dt.timedelta(weeks=1)
        if rel in ("", "the") and ctx.tense == "future":
            saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        return unit("weekend", saturday, anchor, 0.85)
    if kind == "quarter" and rel in ("the", "the latest", "the most recent", ""):
        # "the quarter" of a report is the one it reports on: the last complete quarter
        return unit("quarter", add(unit("quarter", ref).start, -1, "quarter"), anchor, 0.7)
    offset = {"last": -1, "past": -1, "previous": -1, "the previous": -1, "this past": -1, "the past": -1,
              "the last": -1, "the latest": -1, "the most recent": -1, "next": 1, "coming": 1, "this coming": 1,
              "the coming": 1}.get(rel, 0)
    r = unit(kind, add(ref, offset, kind), anchor, 0.9 if rel else 0.8)
    if modifier in ("earlier", "later") and offset == 0:
        # "earlier this year": from the year's start to publication; "later this month": from publication on
        return r.but(end=ref) if modifier == "earlier" else r.but(start=ref)
    return part(r, mod)


_QUARTER = re.compile(rf"(?:(?P<y1>{_YEAR})\s+)?(?:(?:fiscal|calendar)[\s-]+(?:(?P<y0>{_YEAR})\s+)?)?"
                      rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
                      rf"(?:(?:fiscal|calendar)[\s-]+)?(?P<u>quarter|half|period)"
                      rf"(?:\s+(?:of\s+)?(?:the\s+)?(?:fiscal\s+|calendar\s+)?(?:year\s+)?(?P<y>{_YEAR}|this year|"
                      rf"last year|next year))?|q(?P<q>[1-4])(?:\s+(?P<y2>{_YEAR}))?")
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarters(low: str, ctx: Context) -> Resolved | None:
    """"the third quarter", "the fiscal first quarter", "Q3 2018", "the first half of 2017"."""
    m = _QUARTER.fullmatch(re.sub(r"^(?:the|its|a|their|his|her)\s+", "", low))
    if not m:
        return None
    word = m.group("u") or "quarter"
    if word == "period":
        return None
    kind = "half" if word == "half" else "quarter"
    ordinal = m.group("ord")
    index = int(m.group("q")) if m.group("q") else _ORDINAL[ordinal]
    if kind == "half" and index > 2:
        return None
    year_text = m.group("y") or m.group("y0") or m.group("y1") or m.group("y2")
    months = 3 if kind == "quarter" else 6
    first_month = (index - 1) * months + 1
    if year_text and year_text[0] in "'0123456789":
        return unit(kind, dt.date(_year(year_text, ctx.ref), first_month, 1), "", 0.9)
    if ctx.ref is None:
        return None
    if year_text:
        year = ctx.ref.year + {"this year": 0, "last year": -1, "next year": 1}[year_text]
        return unit(kind, dt.date(year, first_month, 1), ctx.published, 0.9)
    candidates = [unit(kind, dt.date(y, first_month, 1), ctx.published) for y in range(ctx.ref.year - 1,
                                                                                     ctx.ref.year + 2)]
    # Reports name quarters to give their results, whatever the tense ("will report third-quarter
    # earnings"): the latest such quarter begun by publication.
    return _direction(candidates, Context(ctx.ref), "past")


_YEAR_PERIOD = re.compile(rf"(?:the\s+)?(?:(?P<y>{_YEAR})|(?P<rel>this|last|next) year's)\s+(?:(?P<ord>first|second|"
                          rf"third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal\s+)?(?P<u>quarter|period)"
                          rf"|the (?:latest|most recent) period")


def _periods_of_a_year(low: str, ctx: Context) -> Resolved | None:
    """"the 2017 period", "last year's quarter", "this year's third quarter", "the latest period": a report's
    quarter in the year named (the narrative's quarter when no ordinal says which)."""
    m = _YEAR_PERIOD.fullmatch(low)
    if not m:
        return None
    quarter = ctx.previous_quarter
    if not m.group("u"):  # "the latest period": the quarter reported on
        return quarter.but(anchor=f"previous:{quarter.value}", alternative=None) if quarter else None
    if m.group("y"):
        year, anchor = _year(m.group("y"), ctx.ref), "" if len(m.group("y")) == 4 else ctx.published
    elif ctx.ref is not None:
        year, anchor = ctx.ref.year + {"last": -1, "this": 0, "next": 1}[m.group("rel")], ctx.published
    else:
        return None
    if m.group("ord"):
        index = _ORDINAL[m.group("ord")]
    elif quarter is not None:
        index, anchor = (quarter.start.month - 1) // 3 + 1, f"previous:{quarter.value}"
        # "the 2017 period" set against a 2018 quarter is a comparison; the narrative stays on 2018
        return unit("quarter", dt.date(year, 3 * index - 2, 1), anchor, 0.75).but(
            aside=year != quarter.start.year)
    else:
        return unit("year", dt.date(year, 1, 1), anchor, 0.6)  # which part of the year is not said
    return unit("quarter", dt.date(year, 3 * index - 2, 1), anchor, 0.8)


def _year(text: str, ref: dt.date | None) -> int:
    if text.startswith("'") or len(text) == 2:
        yy = int(text.strip("'"))
        century = (ref.year if ref else 2000) // 100 * 100
        year = century + yy
        return year - 100 if ref and year > ref.year + 10 else year
    return int(text)


def _explicit_days(low: str, ctx: Context) -> Resolved | None:
    """"October 3, 2017", "July 12 last year", "Sunday, Feb. 19", "21 May 2018", "the 31st"."""
    m = re.fullmatch(rf"(?:(?P<wd>{_WD}),?\s+(?:the\s+)?)?(?:(?P<m1>{_MON})\s+(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
                     rf"|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MON}))"
                     rf"(?:,?\s+(?P<y>{_YEAR}))?(?:,?\s+(?P<wd2>{_WD}))?(?:\s+(?:of\s+)?(?P<rel>last|this|next) year)?",
                     low)
    ordinal = None if m else re.fullmatch(r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|this)\s+month)?",
                                          low)
    if ordinal and ctx.ref is not None:
        day = int(ordinal.group("d"))
        candidates = []
        for months in (-1, 0, 1):
            first = add(ctx.ref.replace(day=1), months, "month")
            if day <= calendar.monthrange(first.year, first.month)[1]:
                candidates.append(unit("day", first.replace(day=day), ctx.published))
        return _direction(candidates, ctx, "past")
    if not m:
        return None
    month = _month(m.group("m1") or m.group("m2"))
    day = int(m.group("d1") or m.group("d2"))
    weekday = m.group("wd") or m.group("wd2")
    wd = _weekday(weekday) if weekday else None
    if m.group("y"):
        year = _year(m.group("y"), ctx.ref)
        try:
            return unit("day", dt.date(year, month, day), "" if len(m.group("y")) == 4 else ctx.published, 0.95)
        except ValueError:
            return STOP
    if ctx.ref is None:
        return None
    if m.group("rel"):
        year = ctx.ref.year + {"last": -1, "this": 0, "next": 1}[m.group("rel")]
        try:
            return unit("day", dt.date(year, month, day), ctx.published, 0.9)
        except ValueError:
            return STOP
    candidates = []
    for year in range(ctx.ref.year - 1, ctx.ref.year + 2):
        try:
            candidates.append(unit("day", dt.date(year, month, day), ctx.published))
        except ValueError:
            continue
    if wd is not None:
        # The weekday names the year: "Sunday, Feb. 19" is in a year where Feb. 19 is a Sunday.
        agreeing = [c for c in candidates if c.start.weekday() == wd]
        if agreeing:
            best = min(agreeing, key=lambda c: (abs((c.start - ctx.ref).days), c.start > ctx.ref))
            return best.but(confidence=0.9)
    return _direction(candidates, ctx, "nearest")


_MONTH = re.compile(rf"(?:(?P<mod>{_MOD})[\s-]*(?:of\s+)?)?(?:(?P<rel>last|this|next|this past|this coming|past|"
                    rf"coming)\s+)?(?P<m>{_MON})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?"
                    rf"(?:\s+(?:of\s+)?(?P<rel2>last|this|next) year)?")


def _months(low: str, ctx: Context) -> Resolved | None:
    """"February", "early February", "mid-March 2016", "last November", "July last year"."""
    m = _MONTH.fullmatch(low)
    if not m:
        return None
    month = _month(m.group("m"))
    mod = _MOD_PART.get(re.sub(r"^the\s+", "", m.group("mod") or ""), "")
    if m.group("y"):
        year = _year(m.group("y"), ctx.ref)
        return part(unit("month", dt.date(year, month, 1), "" if len(m.group("y")) == 4 else ctx.published, 0.95),
                    mod)
    if ctx.ref is None:
        return None
    anchor = ctx.published
    if m.group("rel2"):
        year = ctx.ref.year + {"last": -1, "this": 0, "next": 1}[m.group("rel2")]
        return part(unit("month", dt.date(year, month, 1), anchor, 0.9), mod)
    candidates = [unit("month", dt.date(y, month, 1), anchor) for y in range(ctx.ref.year - 1, ctx.ref.year + 2)]
    rel = m.group("rel") or ""
    if rel in ("last", "past", "this past"):
        r = _direction(candidates, Context(ctx.ref, "past"), "past", on_or=False)
    elif rel in ("next", "coming", "this coming"):
        r = _direction(candidates, Context(ctx.ref, "future"), "future", on_or=False)
    elif rel == "this":
        r = unit("month", dt.date(ctx.ref.year, month, 1), anchor, 0.85)
    else:
        r = _direction(candidates, ctx, "nearest")
    if r is None:
        return None
    if rel:
        r = r.but(confidence=0.9, alternative=None)
    return part(r, mod).but(alternative=part(r.alternative, mod) if r.alternative else None)


_YEARS = re.compile(rf"(?:(?P<mod>{_MOD})[\s-]*(?:of\s+)?)?(?:the\s+)?(?:(?:fiscal|calendar|model|school|"
                    rf"financial|tax)(?:\s+year)?[\s-]+|fy\s*|the year\s+|year\s+)?(?P<y>{_YEAR})")


def _years(low: str, ctx: Context) -> Resolved | None:
    """"2017", "early 2016", "fiscal 1989", "the 1990s", "the late '90s", "the 20th century"."""
    spelled = re.fullmatch(r"(?:the year\s+)?((?:nineteen|twenty|two thousand)[a-z\s-]*)", low)
    if spelled:
        digits = _spelled_year(spelled.group(1))
        if digits is None:
            return None
        low = str(digits)
    m = _YEARS.fullmatch(low)
    if m:
        year = _year(m.group("y"), ctx.ref)
        bare = m.group(0) == m.group("y") and not m.group("mod")
        if bare and not _plausible_year(year, ctx.ref):
            return STOP  # "4900" is a count or a street number, not a year
        mod = _MOD_PART.get(re.sub(r"^the\s+", "", m.group("mod") or ""), "")
        return part(unit("year", dt.date(year, 1, 1), "" if len(m.group("y")) == 4 else ctx.published, 0.9), mod)
    m = re.fullmatch(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<d>(?:1[6-9]|20)\d0|'\d0|\d0)'?s", low) or \
        re.fullmatch(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|"
                     r"seventies|eighties|nineties)", low)
    if m:
        if m.groupdict().get("w"):
            decade = _DECADE_WORDS[m.group("w")] * 10
            first = _year(f"{decade:02d}", ctx.ref)
        else:
            first = _year(m.group("d"), ctx.ref)
        if ctx.ref is not None and first > ctx.ref.year:
            first -= 100
        return part(unit("decade", dt.date(first, 1, 1), "", 0.85), m.group("mod") or "")
    m = re.fullmatch(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century", low)
    if m and 1 <= int(m.group("n")) <= 21:
        return part(unit("century", dt.date((int(m.group("n")) - 1) * 100 or 1, 1, 1), "", 0.85), m.group("mod") or "")
    return None


def _spelled_year(words: str) -> int | None:
    """"nineteen ninety-six" (1996), "two thousand" (2000), "twenty ten" (2010): years read aloud."""
    words = words.replace("-", " ").strip()
    halves = re.fullmatch(r"(nineteen|twenty)\s+(.+)", words)
    if halves and not halves.group(2).startswith(("hundred", "thousand")):
        low, high = number(halves.group(2)), number(halves.group(1))
        if isinstance(low, int) and isinstance(high, int) and low < 100:
            return high * 100 + low
        return None
    value = number(words.replace(" and ", " "))
    return value if isinstance(value, int) and 1000 <= value <= 2100 else None


def _plausible_year(year: int, ref: dt.date | None) -> bool:
    latest = (ref.year if ref else dt.date.today().year) + 30
    return 1800 <= year <= latest


_SEASON = re.compile(rf"(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<rel>last|this|next|this past|past|coming|"
                     rf"this coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?")


def _seasons(low: str, ctx: Context) -> Resolved | None:
    """"last summer", "spring 2019", "the winter of 2016"."""
    m = _SEASON.fullmatch(re.sub(r"^the\s+", "", low))
    if not m:
        return None
    first_month = SEASONS[m.group("s")][1]
    if m.group("y"):
        return unit("season", dt.date(_year(m.group("y"), ctx.ref), first_month, 1), "", 0.9)
    if ctx.ref is None:
        return None
    candidates = [unit("season", dt.date(y, first_month, 1), ctx.published)
                  for y in range(ctx.ref.year - 2, ctx.ref.year + 2)]
    rel = m.group("rel") or ""
    if rel in ("last", "past", "this past"):
        return _direction(candidates, Context(ctx.ref, "past"), "past", on_or=False).but(confidence=0.85,
                                                                                      alternative=None)
    if rel in ("next", "coming", "this coming"):
        return _direction(candidates, Context(ctx.ref, "future"), "future", on_or=False).but(confidence=0.85,
                                                                                          alternative=None)
    return _direction(candidates, ctx, "nearest")


_RANGE = re.compile(r"(?:between|from)?\s*(?P<a>.+?)\s*(?:-|–|—|\bto\b|\band\b|\bthrough\b|\bthru\b|\buntil\b|"
                    r"\btill\b)\s*(?P<b>.+)")
_TAIL = re.compile(rf"\s+((?:of\s+)?(?:last|this|next) (?:week|year|month)|,?\s*{_YEAR})$")


def _ranges(low: str, ctx: Context) -> Resolved | None:
    """"between May 3 and 5", "from Monday to Wednesday", "2014-2016": start of the first, end of the last."""
    m = _RANGE.fullmatch(low)
    if not m or re.fullmatch(r"\d{4}-\d\d-\d\d", low):
        return None
    a, b = m.group("a").strip(" ,"), m.group("b").strip(" ,")
    if not a or not b:
        return None
    tail = _TAIL.search(b)
    if tail and not _TAIL.search(a) and not re.fullmatch(rf"{_YEAR}", b):
        a = f"{a}{tail.group(0)}" if not re.fullmatch(rf"{_WD}", a) or "week" in tail.group(1) else a
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?", b):  # "May 3-5", "May 3 and 5, 2019"
        month = re.match(rf"(?:{_WD},?\s+)?({_MON})\s+\d", a)
        if month:
            b = f"{month.group(1)} {b}"
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", a):  # "3 to 5 May"
        month = re.search(rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})", b)
        if month:
            a = f"{a} {month.group(1)}" + (re.search(rf"{_YEAR}$", b).group(0).join(" " * 2)
                                             if re.search(rf"{_YEAR}$", b) else "")
    if re.fullmatch(r"'?\d\d", b) and re.fullmatch(r"\d{4}", a):  # "2014-16"
        b = a[:2] + b.strip("'")
    ra, rb = _resolve(" ".join(a.split()), ctx), _resolve(" ".join(b.split()), ctx)
    if not ra or not rb or ra is STOP or rb is STOP or not ra.is_calendar or not rb.is_calendar:
        return None
    if ra.start > rb.end and ra.kind == "day" and rb.kind == "day" and (ra.start - rb.end).days < 7 and \
            ra.anchor.startswith("published"):
        ra = unit("day", ra.start - dt.timedelta(weeks=1), ra.anchor)  # "Friday to Monday" around publication
    if ra.start > rb.end or (rb.end - ra.start).days > 366 * 30:
        return None
    kind = ra.kind if KIND_RANK.get(ra.kind, 0) >= KIND_RANK.get(rb.kind, 0) else rb.kind
    return Resolved(f"{ra.value}/{rb.value}", "DATE", ra.start, rb.end, kind, ra.anchor or rb.anchor,
                    round(min(ra.confidence, rb.confidence), 2))


@functools.lru_cache(maxsize=64)
def _date_parser(prefer: str, ref: dt.date | None, order: str = ""):  # noqa: ANN202 - dateparser.date.DateDataParser
    from dateparser.date import DateDataParser

    settings = {"RETURN_TIME_AS_PERIOD": True, "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
                "PREFER_DATES_FROM": prefer}
    if order:
        settings["DATE_ORDER"] = order  # "DMY" or "MDY": which number of "04/02" is the day
    if ref is not None:
        settings["RELATIVE_BASE"] = dt.datetime(ref.year, ref.month, ref.day, 12)
    return DateDataParser(languages=["en"], settings=settings)


def warm_up() -> None:
    """Have dateparser compile what it compiles lazily, so that no document pays for it."""
    for prefer in ("past", "future"):
        for text in ("21.05.2018", "nov 9, 2016 - 6:57 pm", "march 2011"):
            _date_parser(prefer, None).get_date_data(text)


_PERIOD_KIND = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}


_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?")


def _numeric_days(low: str, ctx: Context) -> Resolved | None:
    """"15/04", "04/02", "21/04/2017", "10/3/2017": which number is the day is a national convention.

    A reading that is no date (a month above 12) leaves the other; of two valid readings the document's
    convention (``ctx.date_order``, from its own unambiguous dates, its outlet's or places' country)
    decides; with none known, the reading nearer publication (a report's dates are recent ones) wins at
    low confidence, the other kept as the alternative. dateparser reads each order (``DATE_ORDER``) and,
    without a year, takes the latest such day not after publication (``PREFER_DATES_FROM`` past,
    ``RELATIVE_BASE`` publication) or the next one in a future-tense clause.
    """
    m = _NUMERIC.fullmatch(low)
    if not m or (m.group("sep") != "/" and not m.group("y")):
        return None  # "3.4", "9-13": a decimal, a range of numbers
    a, b = int(m.group("a")), int(m.group("b"))
    year = m.group("y")
    if year and len(year) == 2:
        year = str(_year(year, ctx.ref))  # dateparser would put "14/02/17" in 1917 when 2017 is after publication
    if not year and ctx.ref is None:
        return None
    written = f"{a}/{b}" + (f"/{year}" if year else "")
    readings = {}
    for order, (day, month) in (("DMY", (a, b)), ("MDY", (b, a))):
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(int(year or 2000), month)[1]):
            continue
        try:
            data = _date_parser("future" if ctx.tense == "future" else "past", ctx.ref, order).get_date_data(written)
        except Exception:  # noqa: BLE001 - dateparser raises on some odd strings
            continue
        when = data.date_obj if data is not None else None
        if when is None or (when.day, when.month) != (day, month):
            continue  # dateparser fell back to the other order: this one is no date
        readings[order] = unit("day", when.date(), "" if year else ctx.published, 0.9)
    if not readings:
        return STOP
    if len(readings) == 1:
        return next(iter(readings.values()))
    if readings["DMY"].start == readings["MDY"].start:
        return readings["DMY"]  # "02/02"
    if ctx.date_order in readings:
        other = readings["MDY" if ctx.date_order == "DMY" else "DMY"]
        return readings[ctx.date_order].but(confidence=0.85, alternative=other.but(confidence=0.15))
    # no convention known: the reading on the clause's side of publication and nearer to it
    ref = ctx.ref or max(r.start for r in readings.values())
    ahead = ctx.tense == "future"

    def distance(r: Resolved) -> tuple[bool, int]:
        days = (r.start - ref).days
        return (days < 0 if ahead else days > 1), abs(days)

    best, other = sorted(readings.values(), key=distance)
    return best.but(confidence=0.6, alternative=other.but(confidence=0.4))


_APPROX = re.compile(r"(?:around|about|approximately|approx\.?|circa|ca\.|c\.|roughly|some ?time around)\s+(?P<rest>.+)")


def _approximate(low: str, ctx: Context) -> Resolved | None:
    """"Around 3 May 2020", "about mid-June": the date told as approximate keeps its grain (TimeML puts
    the hedge in ``mod="APPROX"``; the contract has no such field, so the confidence says it)."""
    m = _APPROX.fullmatch(low)
    if not m:
        return None
    r = _resolve(m.group("rest"), ctx)
    if r is None or r is STOP or not r.is_calendar:
        return None
    return r.but(confidence=round(r.confidence * 0.85, 2))


def _dateparser(low: str, ctx: Context) -> Resolved | None:
    """Explicit forms the rules above do not read: odd orders, dates with clock times."""
    if not re.search(rf"\d{{1,4}}[/.-]\d{{1,2}}|\b{_MON}|\b\d{{4}}\b", low):
        return None
    try:
        data = _date_parser("future" if ctx.tense == "future" else "past", ctx.ref, ctx.date_order).get_date_data(low)
    except Exception:  # noqa: BLE001 - dateparser raises on some odd strings; they are simply not dates
        return None
    if data is None or data.date_obj is None or data.period not in _PERIOD_KIND:
        return None
    when = data.date_obj
    if not _plausible_year(when.year, ctx.ref):
        return None
    absolute = bool(re.search(r"\b\d{4}\b", low))
    r = unit(_PERIOD_KIND[data.period], when.date(), "" if absolute else ctx.published, 0.7)
    if data.period == "time":
        r = r.but(value=f"{r.value}T{when.hour:02d}:{when.minute:02d}", type="TIME")
    return r


_HOLIDAY = re.compile(rf"(?:(?P<rel>last|this|next|this past|past|coming|this coming)\s+)?(?P<name>{holidays.NAMES})"
                      rf"(?P<weekend>\s+(?:holiday\s+)?weekend)?(?:,?\s+(?P<year>{_YEAR}))?")


def _holidays(low: str, ctx: Context) -> Resolved | None:
    """A named day ("New Year's Eve", "Thanksgiving 2015", "last Christmas", "Labor Day weekend"): the
    latest one on or before publication unless the clause looks ahead, as for weekdays."""
    m = _HOLIDAY.fullmatch(low)
    if not m:
        return None
    name, rel = m.group("name"), m.group("rel") or ""

    def reading(year: int) -> Resolved | None:
        day = holidays.day_in(name, year)
        if day is None:
            return None
        if not m.group("weekend"):
            return unit("day", day, anchor, 0.9)
        # the long weekend the day belongs to: Saturday to a Monday holiday, the day to Sunday otherwise
        saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7) if day.weekday() in (5, 6, 0) else \
            day + dt.timedelta(days=5 - day.weekday())
        weekend = unit("weekend", saturday, anchor, 0.9)
        return weekend.but(start=min(day, weekend.start), end=max(day, weekend.end))

    if m.group("year"):
        anchor = ""
        return reading(_year(m.group("year"), ctx.ref))
    if ctx.ref is None:
        return None
    anchor, ref = ctx.published, ctx.ref
    candidates = [r for r in (reading(y) for y in (ref.year - 1, ref.year, ref.year + 1)) if r is not None]
    if rel in ("last", "this past", "past"):
        return max((c for c in candidates if c.end < ref or rel != "last" and c.start <= ref),
                   key=lambda c: c.start, default=None)
    if rel in ("next", "coming", "this coming"):
        return min((c for c in candidates if c.start > ref), key=lambda c: c.start, default=None)
    return _direction(candidates, ctx, "past")


_RULES = (_ended, _the_year, _reference_words, _sets, _shifts, _narrative, _day_words, _holidays, _weekdays, _calendar,
          _periods_of_a_year, _quarters, _explicit_days, _numeric_days, _months, _years, _seasons, _durations,
          _time_of_day, _approximate, _ranges, _dateparser)
