"""The evidence a person weighs when asking "is this the same incident?", one score per kind.

Each feature is a number in [0, 1] (1 = agrees, 0 = contradicts) or None when one side does not say
(an event without a place neither agrees nor disagrees on the place). ``scoring`` turns them into a
calibrated probability.
"""

from __future__ import annotations

import math

from rapidfuzz import fuzz, process

from fieldreport.service.compare import text as words
from fieldreport.service.compare.records import EventRecord
from fieldreport.service.geo import distance_km

#: Feature names, in the model's order (also the keys of PairScore.features).
NAMES = ("date", "published", "place", "type", "actors", "figures", "words", "evidence", "names",
         "date_apart", "place_apart")
#: Features that speak *against* one incident (their weight is never positive); the others speak for it.
CONTRADICTIONS = frozenset({"date_apart", "place_apart"})
#: Places further apart than this, beyond what they cover, are two places.
APART_KM = 100.0
#: Dates further apart than this (beyond their granularity) are two dates.
APART_DAYS = 10

#: Radius a place stands for, by precision or feature: a village is a point, a province is not.
_RADIUS_KM = {"exact": 5.0, "near": 20.0, "offset": 30.0, "city": 5.0, "admin1": 150.0, "admin2": 50.0,
              "district": 30.0, "region": 300.0, "country": 600.0, "unresolved": 50.0}
# Event types that one report may give and another report of the same incident another (an IED attack on
# a patrol reads as a battle or as remote violence; a massacre as an attack or a clash).
_COMPATIBLE_TYPES = {
    frozenset({"battles", "explosions_remote_violence"}),
    frozenset({"battles", "violence_against_civilians"}),
    frozenset({"explosions_remote_violence", "violence_against_civilians"}),
    frozenset({"protests", "riots"}),
}


def date(a: EventRecord, b: EventRecord) -> float | None:
    """Days between the two intervals (0 when they overlap), decaying over about a week.

    Granularity is already in the intervals (a week-level date covers 7 days; an inferred date the week
    before publication), so "Thursday's bombing" reported on Saturday and on Monday falls on one day.
    """
    if a.start is None or b.start is None:
        return None
    gap = max(0, (a.start - b.end).days, (b.start - a.end).days)
    return math.exp(-gap / 7.0)


def published(a: EventRecord, b: EventRecord) -> float | None:
    """Reports of one incident come out close together; follow-ups (a trial) come months later."""
    pa, pb_ = a.report.published, b.report.published
    if pa is None or pb_ is None or a.report is b.report:
        return None  # one report's events share its date: that says nothing
    return math.exp(-abs((pa - pb_).days) / 30.0)


def radius_km(place) -> float:  # noqa: ANN001
    return max(_RADIUS_KM.get(place.precision, 5.0), _RADIUS_KM.get(place.feature, 5.0))


def place(a: EventRecord, b: EventRecord) -> float | None:
    """Distance beyond what the two places cover, and how fine they are.

    A city inside the province the other report names is inside its radius (no distance), but agrees
    less than two reports naming the same town; two countries never agree.
    """
    pa, pb_ = a.place, b.place
    if pa is None or pb_ is None:
        return None
    if pa.country_code and pb_.country_code and pa.country_code != pb_.country_code:
        return 0.0
    ra, rb = radius_km(pa), radius_km(pb_)
    if (pa.latitude or pa.longitude) and (pb_.latitude or pb_.longitude):
        beyond = max(0.0, distance_km(pa.latitude, pa.longitude, pb_.latitude, pb_.longitude) - ra - rb)
        closeness = math.exp(-beyond / 25.0)
    elif pa.admin1 and pa.admin1 == pb_.admin1:
        closeness = 1.0
    else:
        closeness = 0.5  # same country (or unknown), nothing finer to compare
    coarse = max(ra, rb)
    fineness = 1.0 if coarse <= 30 else 0.7 if coarse <= 150 else 0.4
    return closeness * fineness


def place_apart(a: EventRecord, b: EventRecord) -> float | None:
    """How sure we are that the places contradict each other (two countries, or two towns far apart):
    the lower confidence of the two places (a doubtful reading of one name contradicts little), else 0."""
    pa, pb_ = a.place, b.place
    if pa is None or pb_ is None:
        return None
    sure = min(_confidence(pa.confidence), _confidence(pb_.confidence))
    if pa.country_code and pb_.country_code and pa.country_code != pb_.country_code:
        return sure
    if (pa.latitude or pa.longitude) and (pb_.latitude or pb_.longitude):
        d = distance_km(pa.latitude, pa.longitude, pb_.latitude, pb_.longitude)
        return sure if d - radius_km(pa) - radius_km(pb_) > APART_KM else 0.0
    return None


def _confidence(value: float) -> float:
    return value if value > 0 else 1.0  # an event set from elsewhere may not say: take it as given


def date_apart(a: EventRecord, b: EventRecord) -> float | None:
    """How sure we are that the dates contradict each other (both read from the text, far apart): the
    lower confidence of the two dates, else 0."""
    if a.start is None or b.start is None or a.event.when.inferred or b.event.when.inferred:
        return None
    gap = max(0, (a.start - b.end).days, (b.start - a.end).days)
    sure = min(_confidence(a.event.when.confidence), _confidence(b.event.when.confidence))
    return sure if gap > APART_DAYS else 0.0


def event_type(a: EventRecord, b: EventRecord) -> float | None:
    ta, tb = a.event.event_type, b.event.event_type
    if not ta or not tb:
        return None
    if ta == tb:
        return 1.0 if a.event.sub_event_type == b.event.sub_event_type else 0.75
    return 0.4 if frozenset({ta, tb}) in _COMPATIBLE_TYPES else 0.0


def _overlap(small: set[str], large: set[str], cutoff: float) -> float | None:
    """Share of the smaller set that has a fuzzy match (rapidfuzz ratio ≥ cutoff) in the larger."""
    if not small or not large:
        return None
    if len(small) > len(large):
        small, large = large, small
    exact = small & large
    rest = [s for s in small if s not in exact]
    pool = list(large - exact)
    fuzzy = sum(1 for s in rest if pool and process.extractOne(s, pool, scorer=fuzz.ratio, score_cutoff=cutoff))
    return (len(exact) + fuzzy) / len(small)


def actors(a: EventRecord, b: EventRecord) -> float | None:
    return _overlap(a.actors, b.actors, 88.0)


def _figure(x: int | None, y: int | None, x_later: bool | None) -> float | None:
    if x is None or y is None:
        return None
    if x == y:
        return 1.0
    # A higher toll in the later report is an update, not a contradiction.
    if x_later is not None and (x > y) == x_later:
        return 0.8
    return min(x, y) / max(x, y) if max(x, y) else 1.0


def figures(a: EventRecord, b: EventRecord) -> float | None:
    pa, pb_ = a.report.published, b.report.published
    a_later = None if pa is None or pb_ is None or pa == pb_ else pa > pb_
    scores = [s for s in (_figure(a.killed, b.killed, a_later), _figure(a.injured, b.injured, a_later))
              if s is not None]
    return sum(scores) / len(scores) if scores else None


def document_words(a: EventRecord, b: EventRecord) -> float | None:
    """Whole-report TF-IDF cosine: meaningful only between the main events of two different reports."""
    if not (a.anchor and b.anchor) or a.report is b.report or not a.report.vector or not b.report.vector:
        return None
    return words.cosine(a.report.vector, b.report.vector)


def evidence(a: EventRecord, b: EventRecord) -> float | None:
    """TF-IDF cosine of the sentences each event was read from."""
    if not a.vector or not b.vector:
        return None
    return words.cosine(a.vector, b.vector)


def names(a: EventRecord, b: EventRecord) -> float | None:
    """People, streets and towns named by both (fuzzy: "Hutton" / "Huttons")."""
    if a.anchor and b.anchor and a.report is not b.report:
        return _overlap(a.report.names, b.report.names, 90.0)
    return _overlap(a.names, b.names, 90.0)


_FUNCTIONS = {"date": date, "published": published, "place": place, "type": event_type, "actors": actors,
              "figures": figures, "words": document_words, "evidence": evidence, "names": names,
              "date_apart": date_apart, "place_apart": place_apart}


def pair_features(a: EventRecord, b: EventRecord, whole_reports: bool = True) -> dict[str, float | None]:
    """All features of a pair. ``whole_reports=False`` scores two main events as if they were background
    events (no whole-report words or names): the fit uses it to learn that case too."""
    feats = {name: _FUNCTIONS[name](a, b) for name in NAMES}
    if not whole_reports:
        feats["words"] = None
        feats["names"] = _overlap(a.names, b.names, 90.0)
    return feats
