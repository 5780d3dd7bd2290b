"""Words for the normalized values the page shows: a count as a phrase, a place as a line, a date with its grain.

Plain strings; the templates escape them. The terminal table (service/render.py) abbreviates ("≥26");
the page spells out ("at least 26"), since it is read by people checking the coding.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from fieldreport.v1 import fieldreport_pb2 as pb

_Q = pb.Count.Qualifier


@functools.lru_cache(maxsize=1)
def legend() -> dict:
    """The data file of labels, colours, letters and precision radii (service/view/data/legend.json)."""
    return json.loads(resources.files("fieldreport.service.view").joinpath("data/legend.json").read_text("utf-8"))


def event_type(code: str) -> dict:
    types = legend()["event_types"]
    return dict(types.get(code) or types[""], code=code)


def words(code: str) -> str:
    """snake_case → words: 'armed_clash' → 'armed clash'."""
    return code.replace("_", " ")


def count_phrase(count: pb.Count) -> str:
    q = _Q.Name(count.qualifier) if count.qualifier else "UNKNOWN"
    value = count.value if count.HasField("value") else None
    low = count.low if count.HasField("low") else value
    high = count.high if count.HasField("high") else value
    if q == "UNKNOWN" or (value is None and low is None and high is None):
        return "not given"
    if q == "AT_LEAST":
        return f"at least {low}"
    if q == "AT_MOST":
        return f"at most {high}"
    if q == "RANGE":
        return f"{low} to {high}"
    if q == "APPROXIMATE":
        return f"about {value}"
    if q == "VAGUE":
        return f"{value} (vague: “{count.text}”)" if count.text else f"{value} (vague)"
    return str(value)


def best_value(count: pb.Count) -> int | None:
    """The one number a count stands for, for sizing and charts: the value, else the bound given."""
    for field in ("value", "low", "high"):
        if count.HasField(field):
            return getattr(count, field)
    return None


def place_line(place: pb.Place) -> str:
    """'Al Mayādīn, Deir ez-Zor, SY' — name, province when it is another, country."""
    if not place.name and not place.text:
        return ""
    bits = [place.name or place.text]
    if place.admin1 and place.admin1 != bits[0]:
        bits.append(place.admin1)
    if place.country_code and place.country_code != bits[0]:
        bits.append(place.country_code)
    return ", ".join(bits)


def other_places(event: pb.Event) -> list[tuple[str, str]]:
    """The event's other places, once each: (line, precision)."""
    seen = {place_line(event.where)}
    out = []
    for place in event.places:
        line = place_line(place)
        if line and line not in seen:
            seen.add(line)
            out.append((line, place.precision))
    return out


def has_point(place: pb.Place) -> bool:
    return bool(place.latitude or place.longitude)


def precision_label(precision: str) -> str:
    entry = legend()["precision"].get(precision)
    return entry["label"] if entry else (precision or "unknown precision")


def granularity(tv: pb.TimeValue) -> str:
    return pb.TimeValue.Granularity.Name(tv.granularity).lower() if tv.granularity else ""


def modality(value: int) -> str:
    return pb.Modality.Name(value) if value else ""


def role(value: int) -> str:
    return pb.Actor.Role.Name(value) if value else "ROLE_UNSPECIFIED"


def casualty_kind(value: int) -> str:
    return pb.Casualty.Kind.Name(value) if value else "KIND_UNSPECIFIED"


def source_name(source: pb.Source) -> str:
    return source.name or source.text


# -- what a highlighted mention shows on hover, tap or focus --------------------------------------


def time_tip(tv: pb.TimeValue) -> tuple[str, str]:
    """(value, details) of a time mention."""
    details = [d for d in (granularity(tv), tv.type.lower() if tv.type else "",
                           f"anchor {tv.anchor}" if tv.anchor else "", "inferred" if tv.inferred else "") if d]
    if tv.start and tv.end and tv.start != tv.end:
        details.insert(0, f"{tv.start} to {tv.end}")
    return tv.value or "unresolved", " · ".join(details)


def place_tip(place: pb.Place) -> tuple[str, str]:
    details = [precision_label(place.precision) if place.precision else "", place.feature]
    if has_point(place):
        details.append(f"{place.latitude:.4f}, {place.longitude:.4f}")
    return place_line(place) or "unresolved", " · ".join(d for d in details if d)


def actor_tip(actor: pb.Actor) -> tuple[str, str]:
    details = [words(actor.actor_type), actor.country]
    if actor.role:
        details.insert(0, role(actor.role))
    return actor.name or actor.text, " · ".join(d for d in details if d)


def quantity_tip(count: pb.Count) -> tuple[str, str]:
    q = _Q.Name(count.qualifier) if count.qualifier else ""
    return count_phrase(count), " · ".join(d for d in (q, count.unit) if d)


def source_tip(source: pb.Source) -> tuple[str, str]:
    return source_name(source), modality(source.stance)
