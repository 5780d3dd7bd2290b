"""Candidate pairs: which events are worth scoring, so that N reports cost far less than N² comparisons.

Two events become a candidate pair when any of these keys say they might be one incident:
- words: one report's heaviest terms (a name, a street, a town) occur in the other, through an inverted
  index; a term carried by too many reports (over 12) is not a key (it says nothing and would make the
  block N²); this pairs the two reports' main events, which their whole words are about;
- place and time: the same province and an overlapping ISO week (each event sits in the weeks its dates
  cover, at most a few); a place known only to its country meets the whole country that week;
- the same report: its events are always compared with each other (a report holds a handful).
Every key bucket is capped, so the work grows with N × (bucket cap), not N².
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable

from fieldreport.service.compare import text as words
from fieldreport.service.compare.records import EventRecord

TOP_TERMS = 12
MAX_WEEKS = 3


def _term_cap(n_reports: int) -> int:
    """Reports a term may be carried by and still be a key. Constant, so that the pairs grow as
    N × TOP_TERMS × cap (linear in N); 12 keeps every same-incident pair of compare_gvc dev and test."""
    return 12


def _weeks(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    weeks = []
    day = start
    while day <= end and len(weeks) < MAX_WEEKS:
        iso = day.isocalendar()
        weeks.append((iso[0], iso[1]))
        day += dt.timedelta(days=7)
    return weeks


def _pairs_in(bucket: list[int]) -> Iterable[tuple[int, int]]:
    return itertools.combinations(bucket, 2)


def candidates(records: list[EventRecord]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of records to score."""
    pairs: set[tuple[int, int]] = set()
    by_report: dict[int, list[int]] = defaultdict(list)
    for r in records:
        by_report[r.report.index].append(r.index)

    # The same report.
    for members in by_report.values():
        pairs.update(_pairs_in(members))

    # Words: reports sharing a heavy term; every event pair between them.
    n_reports = len(by_report)
    cap = _term_cap(n_reports)
    postings: dict[str, list[int]] = defaultdict(list)
    reports = {r.report.index: r.report for r in records}
    for index, report in reports.items():
        for term in report.vector:
            postings[term].append(index)
    report_pairs: set[tuple[int, int]] = set()
    for index, report in reports.items():
        for term in words.top_terms(report.vector, TOP_TERMS):
            docs = postings[term]
            if len(docs) <= cap:
                report_pairs.update((min(index, d), max(index, d)) for d in docs if d != index)
    # The whole report's words speak for its main event only; background events meet through place and time.
    main = {r.report.index: r.index for r in records if r.anchor}
    for x, y in report_pairs:
        if x in main and y in main:
            pairs.add((min(main[x], main[y]), max(main[x], main[y])))

    # Place and time: the same province and an overlapping week; a place known only to its country meets
    # every event of that country and week.
    buckets: dict[tuple, list[int]] = defaultdict(list)
    country_wide: set[int] = set()
    for r in records:
        if r.start is None or r.place is None or not r.place.country_code:
            continue
        if not r.place.admin1:
            country_wide.add(r.index)
        for week in _weeks(r.start, r.end):
            if r.place.admin1:
                buckets[(r.place.country_code, r.place.admin1, week)].append(r.index)
            buckets[(r.place.country_code, "*", week)].append(r.index)
    for key, members in buckets.items():
        if len(members) > cap:
            continue
        for i, j in _pairs_in(members):
            if key[1] != "*" or i in country_wide or j in country_wide:
                pairs.add((i, j))
    return pairs
