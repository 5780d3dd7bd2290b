"""dateparser's ``search_dates``, as a user would run it over an article: relative to the publication date.

search_dates returns (substring, datetime) pairs without offsets; each substring is found in the text
after the previous one. Its value is the day (YYYY-MM-DD): a datetime carries no granularity, so a
month or a year comes out as a day, and durations or sets are not what it looks for.
"""

from __future__ import annotations

import datetime as dt


def tag(text: str, dct: str) -> list[tuple[int, int, str, str]]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.fromisoformat(dct)} if dct else {}
    found = search_dates(text, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for surface, moment in found:
        begin = text.find(surface, cursor)
        if begin < 0:
            begin = text.find(surface)
        if begin < 0:
            continue
        cursor = begin + len(surface)
        out.append((begin, begin + len(surface), moment.strftime("%Y-%m-%d"), "DATE"))
    return out
