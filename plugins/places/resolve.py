"""Toponym recognition and disambiguation over a spaCy Doc, against the gazetteer.

spaCy's GPE/LOC/FAC entities are the start; names it mislabels (ORG for "Mayadin", PERSON for
"Babbila") or misses are taken when the gazetteer knows them *and* the words around say "place"
("the town of", "near", "province of", "X camp"). Candidates are scored by evidence a reader uses:
the document's country focus (countries named, demonyms, the dateline), population, admin1
consistency with provinces named, closeness to places already resolved, and name exactness.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from fieldreport.plugins.places.gazetteer import Entry, Gazetteer, distance_km

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
_CUE_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|villages|towns|cities|province|provinces|district|districts|region|governorate|"
    r"state|county|camp|neighbourhood|neighborhood|area|suburb|outskirts|capital)\s+of\s+(?:the\s+)?"
    r"|\b(?:in|near|at|from|outside|around|to|into|across|toward|towards|between|of)\s+(?:the\s+)?)$",
    re.IGNORECASE)
_LIST_CUE = re.compile(r"\b(?:towns|villages|cities|areas|districts|provinces|neighbourhoods|neighborhoods)\s+of\s+",
                       re.IGNORECASE)
_ADMIN_AFTER = re.compile(r"^\s*(?:province|governorate|state|region|prefecture|oblast|department)\b", re.IGNORECASE)
_ADMIN_BEFORE = re.compile(r"\b(?:province|governorate|state|region|prefecture)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CAMP_AFTER = re.compile(r"^\s*(?:camp|refugee camp|district|neighbourhood|neighborhood)\b", re.IGNORECASE)
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|outskirts of|close to|around|vicinity of)\s+(?:the\s+)?"
                          r"(?:(?:town|city|village|area)\s+of\s+)?$", re.IGNORECASE)
_OFFSET_BEFORE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:km|kms|kilometers|kilometres|miles|mi)\s+(?:\(\d+ (?:miles|km)\)\s+)?"
    r"((?:north|south)?(?:east|west)?|north|south)(?:ern)?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_US_STATE_ABBR = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT", "del": "DE", "fla": "FL",
    "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV", "okla": "OK",
    "ore": "OR", "pa": "PA", "tenn": "TN", "tex": "TX", "va": "VA", "vt": "VT", "wash": "WA", "wis": "WI",
    "wyo": "WY", "n.c": "NC", "s.c": "SC", "n.d": "ND", "s.d": "SD", "n.h": "NH", "n.j": "NJ", "n.m": "NM",
    "n.y": "NY", "r.i": "RI", "w.va": "WV",
}
_GENERIC = {"the", "a", "an", "this", "that", "north", "south", "east", "west", "central", "northern", "southern",
            "eastern", "western", "upper", "lower", "greater"}


@dataclasses.dataclass
class Mention:
    begin: int
    end: int
    text: str
    label: str
    cue: bool  # the words around say "place"
    admin_cue: bool = False
    near: bool = False
    offset: str = ""
    state_hint: str = ""  # "Springfield, Illinois": the admin1 (or US state code) after a comma
    entry: Entry | None = None
    score: float = 0.0
    candidates: tuple = ()


def _strip_article(text: str, begin: int) -> tuple[str, int]:
    m = re.match(r"^(?:the)\s+", text, re.IGNORECASE)
    if m:
        return text[m.end():], begin + m.end()
    return text, begin


def find_mentions(doc, gaz: Gazetteer) -> list[Mention]:  # noqa: ANN001 - spaCy Doc
    text = doc.text
    mentions: list[Mention] = []
    taken = [False] * (len(text) + 1)

    def add(begin: int, end: int, label: str) -> None:
        span_text = text[begin:end].strip(" ,.;:'\"")
        begin = text.index(span_text, begin) if span_text else begin
        span_text, begin = _strip_article(span_text, begin)
        span_text = re.sub(r"['’]s$", "", span_text)
        end = begin + len(span_text)
        if len(span_text) < 2 or any(taken[begin:end]):
            return
        before = text[max(0, begin - 60):begin]
        after = text[end:end + 30]
        cue = bool(_CUE_BEFORE.search(before) or _ADMIN_AFTER.match(after) or _CAMP_AFTER.match(after))
        m = Mention(begin, end, span_text, label, cue,
                    admin_cue=bool(_ADMIN_AFTER.match(after) or _ADMIN_BEFORE.search(before)),
                    near=bool(_NEAR_BEFORE.search(before)))
        offset = _OFFSET_BEFORE.search(before)
        if offset:
            m.offset = f"{offset.group(1)} km {offset.group(2).lower()}"
        state = re.match(r"^,\s*([A-Z][a-zA-Z.]+(?:\s[A-Z][a-z]+)?)", after)
        if state:
            m.state_hint = state.group(1).rstrip(".")
        for i in range(begin, end):
            taken[i] = True
        mentions.append(m)

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            add(ent.start_char, ent.end_char, ent.label_)
    for ent in doc.ents:
        if ent.label_ in MAYBE_LABELS and ent.label_ != "NORP" and gaz.lookup(ent.text.removeprefix("the ")):
            before = text[max(0, ent.start_char - 60):ent.start_char]
            after = text[ent.end_char:ent.end_char + 30]
            if _CUE_BEFORE.search(before) or _ADMIN_AFTER.match(after) or _CAMP_AFTER.match(after):
                add(ent.start_char, ent.end_char, ent.label_)
    # Lists after "the towns of X, Y and Z": every proper-noun run in the list.
    for cue in _LIST_CUE.finditer(text):
        window_end = text.find(".", cue.end())
        window_end = len(text) if window_end < 0 else window_end
        for run in re.finditer(r"(?:[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+|al-[\w'’-]+))*", text[cue.end():window_end]):
            b = cue.end() + run.start()
            if gaz.lookup(run.group(0)):
                add(b, b + len(run.group(0)), "LIST")
    # Proper nouns spaCy left without an entity, in a place context ("near the town of Kukawa").
    for tok in doc:
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title and not taken[tok.idx]:
            start = tok
            while start.i > 0 and doc[start.i - 1].pos_ == "PROPN" and not doc[start.i - 1].ent_type_:
                start = doc[start.i - 1]
            end = tok
            while end.i + 1 < len(doc) and doc[end.i + 1].pos_ == "PROPN" and not doc[end.i + 1].ent_type_:
                end = doc[end.i + 1]
            b, e = start.idx, end.idx + len(end.text)
            if _CUE_BEFORE.search(text[max(0, b - 60):b]) and gaz.lookup(text[b:e]):
                add(b, e, "PROPN")
    mentions.sort(key=lambda m: m.begin)
    return mentions


def country_focus(doc, gaz: Gazetteer, demonyms: dict[str, str], mentions: list[Mention],  # noqa: ANN001
                  hint: str = "") -> Counter:
    """How strongly the document is about each country: countries named, demonyms, US states."""
    focus: Counter = Counter()
    for m in mentions:
        cands = gaz.lookup(m.text)
        if cands and cands[0][0].feature == "country" and cands[0][1]:
            focus[cands[0][0].country] += 2.0
        elif m.state_hint:
            focus["US"] += 0.5 if m.state_hint.lower() in _US_STATE_ABBR else 0.0
        admin = [e for e, own in cands if e.feature == "admin1" and own]
        own_city = any(own and e.feature in ("city", "capital") for e, own in cands)
        if len(admin) == 1 and (m.admin_cue or not own_city):
            focus[admin[0].country] += 1.0
    for tok in doc:
        cc = demonyms.get(tok.text.lower()) if tok.text[:1].isupper() else None
        if cc:
            focus[cc] += 0.6
    if hint:
        focus[hint.upper()] += 5.0
    return focus


def _state_matches(entry: Entry, hint: str) -> bool:
    if not hint:
        return False
    low = hint.lower().rstrip(".")
    if entry.country == "US" and (_US_STATE_ABBR.get(low) or (hint if len(hint) == 2 and hint.isupper() else "")):
        code = _US_STATE_ABBR.get(low) or hint
        return entry.admin1_code == code
    return bool(entry.admin1) and entry.admin1.lower().startswith(low)


def score_candidates(m: Mention, cands, focus: Counter, admin_named: set[tuple[str, str]],  # noqa: ANN001
                     resolved: list[Entry]) -> list[tuple[float, Entry]]:
    total_focus = sum(focus.values()) or 1.0
    out = []
    for entry, own in cands:
        s = math.log10(entry.population + 10) / 7.0  # 0.14 .. ~1.0
        s += 2.5 * focus.get(entry.country, 0.0) / total_focus
        if (entry.country, entry.admin1_code) in admin_named and entry.feature != "admin1":
            s += 1.2
        if own:
            s += 0.8
        if entry.feature == "country":
            s += 2.0
        elif entry.feature == "capital":
            s += 0.6
        elif entry.feature in ("admin1", "admin2"):
            own_city = any(o and e.feature in ("city", "capital") for e, o in cands)
            s += 1.5 if m.admin_cue else (0.6 if own and not own_city else -0.25)
            if entry.feature == "admin2" and re.search(r"\b(?:County|Parish)$", m.text):
                s += 1.0
        elif entry.feature in ("region", "camp", "district"):
            s += 0.3
        if m.state_hint and _state_matches(entry, m.state_hint):
            s += 3.0
        if resolved:
            nearest = min(distance_km(entry.lat, entry.lon, r.lat, r.lon) for r in resolved)
            s += 1.6 if nearest < 60 else 1.1 if nearest < 160 else 0.5 if nearest < 400 else 0.0
        out.append((s, entry))
    out.sort(key=lambda pair: -pair[0])
    return out


def _names_admin1(m: Mention) -> Entry | None:
    """The admin1 a mention names for sure: "Hama province", or a name only a province bears."""
    admin = [e for e, own in m.candidates if e.feature == "admin1" and own]
    own_city = any(own and e.feature in ("city", "capital") for e, own in m.candidates)
    if len(admin) == 1 and (m.admin_cue or not own_city):
        return admin[0]
    return None


def resolve(mentions: list[Mention], gaz: Gazetteer, focus: Counter) -> None:
    """Pick each mention's entry: the least ambiguous first, then the rest with them as neighbours."""
    admin_named: set[tuple[str, str]] = set()
    for m in mentions:
        m.candidates = gaz.lookup(m.text)
        named = _names_admin1(m) if m.candidates else None
        if named is not None:
            admin_named.add((named.country, named.admin1_code))
    resolved: list[Entry] = []
    for m in sorted(mentions, key=lambda m: (len(m.candidates), m.begin)):
        if not m.candidates:
            continue
        scored = score_candidates(m, m.candidates, focus, admin_named, resolved)
        best_score, best = scored[0]
        runner = scored[1][0] if len(scored) > 1 else best_score - 2.0
        m.entry = best
        m.candidates = tuple(scored[:5])
        m.score = max(0.05, min(0.99, 0.5 + (best_score - runner) / 4))
        resolved.append(best)
