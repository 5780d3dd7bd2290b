"""A cluster of events → an Incident: members, when, where, type, figures and discrepancies."""

from __future__ import annotations

from collections import Counter

from fieldreport.service.compare import features, reconcile
from fieldreport.service.compare.records import EventRecord
from fieldreport.service.geo import distance_km
from fieldreport.v1 import fieldreport_pb2 as pb

_S = pb.Discrepancy.Status
#: Finer first: the incident's place is the finest any member gives.
_PRECISION_RANK = {"exact": 0, "near": 1, "offset": 2, "admin2": 3, "district": 3, "admin1": 4, "region": 5,
                   "country": 6, "unresolved": 7}
#: Two members' places further apart than this (beyond what they cover) disagree.
PLACE_TOLERANCE_KM = 25.0


def _when(members: list[EventRecord]) -> pb.TimeValue:
    """The narrowest date a member gives from the text (inferred ones only when none does)."""
    dated = [m for m in members if m.start is not None]
    if not dated:
        return pb.TimeValue()
    told = [m for m in dated if not m.event.when.inferred] or dated
    best = min(told, key=lambda m: ((m.end - m.start).days, m.index))
    return best.event.when


def _where(members: list[EventRecord]) -> pb.Place:
    placed = [m for m in members if m.place is not None]
    if not placed:
        return pb.Place()
    names = Counter(m.place.name for m in placed)
    best = min(placed, key=lambda m: (_PRECISION_RANK.get(m.place.precision, 3), -names[m.place.name], m.index))
    return best.place


def _majority(values: list[str]) -> str:
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    top = max(counts.values())
    return next(v for v in values if counts.get(v) == top)


def _value(member: EventRecord, text: str) -> pb.FigureReport:
    published = member.report.published.isoformat() if member.report.published else ""
    return pb.FigureReport(document_id=member.document_id, source=member.event.source,
                           count=pb.Count(text=text), published=published)


def _when_discrepancy(members: list[EventRecord]) -> pb.Discrepancy | None:
    dated = [m for m in members if m.start is not None and not m.event.when.inferred]
    if len({m.document_id for m in dated}) < 2:
        return None
    apart = any(features.date(a, b) < 1.0 for i, a in enumerate(dated) for b in dated[i + 1:])
    return pb.Discrepancy(field="when", values=[_value(m, m.event.when.value) for m in dated],
                          status=_S.CONFLICT if apart else _S.AGREE,
                          note="the reports give days that do not overlap" if apart else "the dates overlap")


def _where_discrepancy(members: list[EventRecord]) -> pb.Discrepancy | None:
    placed = [m for m in members if m.place is not None]
    if len({m.document_id for m in placed}) < 2:
        return None
    apart = False
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            pa, pb_ = a.place, b.place
            if pa.country_code and pb_.country_code and pa.country_code != pb_.country_code:
                apart = True
            elif (pa.latitude or pa.longitude) and (pb_.latitude or pb_.longitude):
                d = distance_km(pa.latitude, pa.longitude, pb_.latitude, pb_.longitude)
                apart |= d - features.radius_km(pa) - features.radius_km(pb_) > PLACE_TOLERANCE_KM
    values = [_value(m, ", ".join(x for x in (m.place.name or m.place.text, m.place.country_code) if x))
              for m in placed]
    return pb.Discrepancy(field="where", values=values, status=_S.CONFLICT if apart else _S.AGREE,
                          note="the reports place it far apart" if apart else "the places agree")


def build(number: int, members: list[EventRecord]) -> pb.Incident:
    members = sorted(members, key=lambda m: m.index)
    incident = pb.Incident(id=f"i{number}", members=[m.ref for m in members])
    incident.when.CopyFrom(_when(members))
    incident.where.CopyFrom(_where(members))
    incident.event_type = _majority([m.event.event_type for m in members])
    incident.sub_event_type = _majority([m.event.sub_event_type for m in members
                                         if m.event.event_type == incident.event_type])
    estimates, discrepancies = reconcile.reconcile(members)
    incident.estimates.extend(estimates)
    incident.discrepancies.extend(discrepancies)
    for extra in (_when_discrepancy(members), _where_discrepancy(members)):
        if extra is not None:
            incident.discrepancies.append(extra)
    return incident
