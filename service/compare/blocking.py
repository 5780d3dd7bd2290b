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
from fieldreport.service.compare.records import EventRecord, Report

TOP_TERMS = 12
MAX_WEEKS = 3


#: Reports a term may be carried by (events a place-and-week bucket may hold) and still be a key. Constant,
#: so that the pairs grow as N × TOP_TERMS × cap (linear in N) and a bucket's pairs depend on the bucket
#: alone; 12 keeps every same-incident pair of compare_gvc dev and test.
BUCKET_CAP = 12


def _weeks(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    weeks = []
    day = start
    while day <= end and len(weeks) < MAX_WEEKS:
        iso = day.isocalendar()
        weeks.append((iso[0], iso[1]))
        if dt.date.max - day < dt.timedelta(days=7):  # the last week datetime has
            break
        day += dt.timedelta(days=7)
    return weeks


def _pairs_in(bucket: list[int]) -> Iterable[tuple[int, int]]:
    return itertools.combinations(bucket, 2)


# The keys and the pairs each key bucket gives, one function each, so that a bucket can be formed anywhere:
# here over one call's records, or by a distributed group-by over millions of reports (fieldreport.bulk),
# with the same pairs.

def report_terms(report: Report) -> tuple[list[str], set[str]]:
    """The terms a report carries (its postings) and, of them, the ones that are its keys (its heaviest)."""
    return list(report.vector), set(words.top_terms(report.vector, TOP_TERMS))


def term_bucket_pairs(members: list[tuple[int, bool]]) -> set[tuple[int, int]]:
    """Report pairs (x < y) from one term: ``members`` are (report, the term is one of its keys) for every
    report carrying the term. A report pairs with every other carrier of one of its keys, unless the term
    is carried by more than the cap."""
    if len(members) > BUCKET_CAP:
        return set()
    pairs: set[tuple[int, int]] = set()
    for x, is_key in members:
        if is_key:
            pairs.update((min(x, d), max(x, d)) for d, _ in members if d != x)
    return pairs


def place_keys(record: EventRecord) -> list[tuple]:
    """(country, province or "*", ISO week) buckets of one event: its province's and its country's, for
    each week its dates cover; none without a date or a country."""
    r = record
    if r.start is None or r.place is None or not r.place.country_code:
        return []
    keys: list[tuple] = []
    for week in _weeks(r.start, r.end):
        if r.place.admin1:
            keys.append((r.place.country_code, r.place.admin1, week))
        keys.append((r.place.country_code, "*", week))
    return keys


def country_wide(record: EventRecord) -> bool:
    """A place known only to its country: it meets every event of its country's buckets."""
    return record.place is not None and not record.place.admin1


def place_bucket_pairs(key: tuple, members: list[tuple[int, bool]]) -> set[tuple[int, int]]:
    """Record pairs from one place-and-week bucket: ``members`` are (record, country-wide) in record order.
    In a province bucket every two events pair; in a country bucket a pair needs a country-wide event."""
    if len(members) > BUCKET_CAP:
        return set()
    return {(i, j) for (i, wide_i), (j, wide_j) in _pairs_in(members) if key[1] != "*" or wide_i or wide_j}


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
    postings: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    reports = {r.report.index: r.report for r in records}
    for index, report in reports.items():
        terms, keys = report_terms(report)
        for term in terms:
            postings[term].append((index, term in keys))
    report_pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        report_pairs |= term_bucket_pairs(members)
    # The whole report's words speak for its main event only; background events meet through place and time.
    main = {r.report.index: r.index for r in records if r.anchor}
    for x, y in report_pairs:
        if x in main and y in main:
            pairs.add((min(main[x], main[y]), max(main[x], main[y])))

    # Place and time: the same province and an overlapping week; a place known only to its country meets
    # every event of that country and week.
    buckets: dict[tuple, list[tuple[int, bool]]] = defaultdict(list)
    for r in records:
        for key in place_keys(r):
            buckets[key].append((r.index, country_wide(r)))
    for key, members in buckets.items():
        pairs |= place_bucket_pairs(key, members)
    return pairs
