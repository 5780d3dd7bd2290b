"""Helpers of the Compare tests. Invented reports: one car bombing in Kirkuk reported three days running with a
rising toll, and a look-alike car bombing in Basra the same week. Plus builders of events by hand."""

from __future__ import annotations

from fieldreport.v1 import fieldreport_pb2 as pb

KIRKUK_DAY1 = ("A car bomb exploded near a busy market in the Iraqi city of Kirkuk on Thursday, killing three "
               "people and wounding 12 others, police said.\n\nThe blast struck the Hurriya market in the city "
               "centre at midday, a police officer told reporters.")
KIRKUK_DAY2 = ("Seven people were killed and 20 wounded in Thursday's car bombing at the Hurriya market in Kirkuk, "
               "health officials said on Friday.\n\nThe explosion tore through food stalls in the northern Iraqi "
               "city, officials said.")
KIRKUK_DAY3 = ("Nine people have now died after the car bomb attack on the Hurriya market in Kirkuk last Thursday, "
               "the provincial health directorate said on Saturday.\n\nTwo of the wounded died in hospital "
               "overnight, the directorate said. No group has claimed the bombing in Kirkuk.")
BASRA = ("Four people died on Tuesday when an explosives-laden car blew up outside the Ashar fish market in Basra, "
         "the port city in southern Iraq, local police said.\n\nNine people were hurt. Security forces sealed off "
         "the area around the market after the blast.")

#: id → (text, publication date)
REPORTS = {
    "kirkuk-1": (KIRKUK_DAY1, "2019-03-07"),
    "kirkuk-2": (KIRKUK_DAY2, "2019-03-08"),
    "kirkuk-3": (KIRKUK_DAY3, "2019-03-09"),
    "basra": (BASRA, "2019-03-05"),
}


def casualty(kind: str, value: int | None, group: str, source: str = "", affiliation: str = "",
             qualifier: str = "EXACT", low: int | None = None, high: int | None = None) -> pb.Casualty:
    count = pb.Count(qualifier=pb.Count.Qualifier.Value(qualifier), text=str(value))
    if value is not None:
        count.value = value
    if low is not None:
        count.low = low
    if high is not None:
        count.high = high
    return pb.Casualty(kind=pb.Casualty.Kind.Value(kind), count=count, group=group, affiliation=affiliation,
                       source=pb.Source(name=source, stance=pb.ASSERTED))


def event(event_id: str = "e1", day: str = "", place: tuple | None = None, event_type: str = "",
          casualties: tuple = (), evidence: str = "", actors: tuple = (), granularity: str = "DAY",
          end: str = "", inferred: bool = False) -> pb.Event:
    """place = (name, country, admin1, lat, lon, precision, feature)."""
    ev = pb.Event(id=event_id, event_type=event_type, casualties=list(casualties))
    if day:
        ev.when.CopyFrom(pb.TimeValue(value=day, start=day, end=end or day, inferred=inferred,
                                      granularity=pb.TimeValue.Granularity.Value(granularity)))
    if place:
        name, country, admin1, lat, lon, precision, feature = place
        ev.where.CopyFrom(pb.Place(name=name, country_code=country, admin1=admin1, latitude=lat, longitude=lon,
                                   precision=precision, feature=feature, confidence=0.95))
    if evidence:
        ev.evidence.append(pb.Span(text=evidence))
    for name in actors:
        ev.actors.append(pb.Actor(name=name, role=pb.Actor.PERPETRATOR))
    return ev


def event_set(document_id: str, published: str, *events: pb.Event, text: str = "") -> pb.EventSet:
    return pb.EventSet(document_id=document_id, document=pb.Document(text=text, published=published),
                       events=list(events))


KIRKUK = ("Kirkuk", "IQ", "Kirkuk", 35.4681, 44.3922, "exact", "city")
BASRA_CITY = ("Basra", "IQ", "Basra", 30.5085, 47.7804, "exact", "city")
KIRKUK_PROVINCE = ("Kirkuk Governorate", "IQ", "Kirkuk", 35.33, 44.13, "admin1", "admin1")
