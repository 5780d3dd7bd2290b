"""Toponym recognition over a spaCy Doc, and the words around a toponym that qualify it.

spaCy's GPE/LOC/FAC entities are the start. Names it mislabels (ORG for "Mayadin", PERSON for
"Babbila") or leaves unlabelled are taken only when the gazetteer knows them *and* the words around
say "place" ("the town of", "near", "province of", "X camp"): people and organisations named like
places stay out unless the sentence puts them on a map.
"""

from __future__ import annotations

import dataclasses
import pathlib
import re

from fieldreport.plugins.places.gazetteer import STOP_NAMES, Gazetteer, demonyms, normalize_name
from fieldreport.service.nlp import text_of


def _kind_words() -> dict[str, str]:
    table = {}
    path = pathlib.Path(__file__).parent / "data" / "kind_words.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")
            table[word.lower()] = kind
    return table


KIND_WORDS = _kind_words()
_KINDS = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(KIND_WORDS, key=len, reverse=True))
# A kind word after a name: "Jiliyaale village", "Bankass circle" (the name is a place).
_KIND_WORD_AFTER = re.compile(rf"^\s*(?i:{_KINDS})\b")
# A locator in brackets after a name or its kind word, as conflict coders write the admin2 and admin1:
# "Jiliyaale village (Afgooye, Lower Shabelle)", "Thiban (Deir-ez-Zor)".
_LOCATOR_AFTER = re.compile(rf"^(?:\s+(?i:{_KINDS}))?\s*\(([^()]{{2,90}})\)")
_LOCATOR_PART = re.compile(r"^[A-Z][\w'’.]*(?:(?:\s+|\s*-\s*)[\w'’.]+){0,4}$")
_UNIT_WORDS = (r"(?i:province|governorate|state|region|oblast|prefecture|department|district|county|circle|cercle|"
               r"LGA|municipality|raion|rayon|division|territory|wilaya)")
# The unit a place lies in, named after it: "X, Y province", "Hays town, Al Hodeidah governorate", "near X in
# Z district", "the X area of Y region".
_UNIT_AFTER = re.compile(rf"^(?:\s+(?i:{_KINDS}))?(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?)"
                         r"((?:(?:al|el|ad|ash|as|ar|an|at|az)-)?[A-Z][\w'’]*(?:[ -](?:(?:al|el|ad|ash|as|ar|an|at|az|ez|es)-)?"
                         rf"[A-Z][\w'’]*){{0,3}})\s+{_UNIT_WORDS}\b")


# "X, Y." / "X, Y, the police said": a name after a comma that ends the phrase, read as the unit X lies in when
# the gazetteer knows it as one ("located at Goyali, Gadabay.", "in Niteroi, Rio de Janeiro, the police ...").
_COMMA_UNIT = re.compile(rf"^(?:\s+(?i:{_KINDS}))?,\s*((?:(?:al|el|ad|as|ash|ar|an|at|az)-)?[A-Z][\w'’]*(?:[ -](?:(?:de|do|da|del|la|du|des|"
                         r"al|el|ez|es|ad|as|ash)[ -])?[A-Z][\w'’]*){0,3})(?=\s*(?:[.;:)(]|,\s+(?:[a-z]|the\b)|$))")


def locator_parts(inside: str) -> list[str]:
    """The names of a bracketed locator ("Afgooye, Lower Shabelle"), finest first; none when it is not one
    (an acronym "(SNA)", a number, a clause)."""
    parts = [p.strip() for p in inside.split(",")]
    if not 1 <= len(parts) <= 3 or not all(_LOCATOR_PART.match(p) for p in parts) \
            or not any(re.search("[a-z]", p) for p in parts):  # "(Virudhunagar, TN)" but not "(SNA)"
        return []
    return parts

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}
_CUE_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|villages|towns|cities|province|provinces|district|districts|region|governorate|"
    r"state|county|camp|neighbourhood|neighborhood|area|suburb|outskirts|capital)\s+of\s+(?:the\s+)?"
    r"|\b(?:in|near|at|from|outside|around|to|into|across|toward|towards|between|of)\s+(?:the\s+)?"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|nearby|neighbou?ring|"
    r"rural|restive)\s+)?)$",  # "in central Mali", "the mayor of nearby Bankass"
    re.IGNORECASE)
_LIST_CUE = re.compile(r"\b(?:towns|villages|cities|areas|districts|provinces|neighbourhoods|neighborhoods)\s+of\s+",
                       re.IGNORECASE)
_ADMIN_AFTER = re.compile(r"^\s*(?:province|governorate|state|region|prefecture|oblast|department)\b", re.IGNORECASE)
_ADMIN_BEFORE = re.compile(r"\b(?:province|governorate|state|region|prefecture)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CAMP_AFTER = _KIND_WORD_AFTER  # "X camp", "X district", "X village": the name before is a place
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|outskirts of|close to|around|vicinity of)\s+(?:the\s+)?"
                          r"(?:(?:town|city|village|area)\s+of\s+)?$", re.IGNORECASE)
_OFFSET_BEFORE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:-\s*)?(km|kms|kilometers|kilometres|miles|mi)\s+(?:\(\d+ (?:miles|km)\)\s+)?"
    r"((?:north|south)?-?(?:east|west)?|north|south)(?:ern)?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_STATE_AFTER = re.compile(r"^,\s*([A-Z][a-zA-Z.]+(?:\s[A-Z][a-z]+)?)")
# The kind word inside an entity span ("Hama province", "the province of Idlib", "Yarmouk camp"): dropped from
# the name when the name alone is what the gazetteer knows; the cues still read it.
_KIND_AFTER = re.compile(r"^(.*\S)\s+(?:province|governorate|region|oblast|prefecture|department|district|"
                         rf"refugee camp|camp|{_KINDS})$", re.IGNORECASE)
# Words spaCy may leave out of a name ("Deir" + " ez-Zor", "Hajar" + " al-Aswad"): an Arabic article or a
# capitalised word, taken into the span when the longer name is in the gazetteer.
_NAME_TAIL = re.compile(r"^(?:(?:[ -](?i:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|um|bin|ibn)-?)?[ -]?[A-Z][\w'’]+"
                        r"|\s(?:de|do|da|dos|das|del|de la|de los|y)\s[A-Z][\w'’]+)")  # "Santo Antonio" + " de Jesus"
_KIND_BEFORE = re.compile(r"^(?:the\s+)?(?:province|governorate|region|district|town|city|village)\s+of\s+",
                          re.IGNORECASE)
# Words after a place name that make an institution of it ("Walker County Commissioners Court", "Alexandria
# Police Department", "Huntsville City Manager"): the place name at the front is a toponym. Not University,
# College, Medical or Memorial: those are as often named after people (Vanderbilt University Medical Center).
_INSTITUTION = re.compile(
    r"\s+(?:City|County|Police|Sheriff|Fire|Department|Hospital|Schools?|High|Middle|Elementary|"
    r"Council|Court|Commission|Commissioners|Board|Daily|Herald|Times|News|Post|Gazette|"
    r"Tribune|Journal|Airport|Library|Chamber|Mall|Public|Regional|Area|Community|Municipal|Township|"
    r"Planning|Zoning|Health|Housing|Water|Parks|Transit|Circuit|District|Superior|Municipal|Grand|PTA|National|Services|Environmental|Governor|Mayor|"
    r"Airbase|Air Base|Military Airport|Prison|Barracks)\b")  # "Hama Airbase": the base of a town
# "University of Kentucky", "the Port of Oakland": the place after "of" in an institution's name.
_OF_PLACE = re.compile(r"\b(?:University|College|State|Commonwealth|Port|Diocese|Archdiocese|City|County|Town|"
                       r"Village|Bank|Museum)\s+of\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")
# Verbs whose object is usually a place: a name spaCy calls a person or an organisation is a place when it is
# their object ("fled Yalda and Babbila", "shelled Hama").
_PLACE_VERBS = {"flee", "enter", "capture", "recapture", "seize", "storm", "shell", "bomb", "besiege", "surround",
                "evacuate", "reach", "liberate", "retake", "overrun", "raid", "encircle", "invade", "occupy", "hit",
                "pound", "target", "visit"}


@dataclasses.dataclass
class Mention:
    begin: int
    end: int
    text: str
    label: str
    cue: bool = False  # the words around say "place"
    admin_cue: bool = False  # "Hama province", "the province of Hama"
    near: bool = False  # "near the town of X"
    offset: str = ""  # "44 km southeast" (of X)
    state_hint: str = ""  # "Springfield, Ill.": the admin1 (or its abbreviation) after a comma
    locators: tuple[str, ...] = ()  # the units it lies in: "(Afgooye, Lower Shabelle)", ", Y province"
    soft_locators: tuple[str, ...] = ()  # "Goyali, Gadabay.": a unit when the gazetteer says so (may be a list)
    unit_cue: bool = False  # "X district", "X LGA": a second-order division
    settlement_cue: bool = False  # "X city", "X town", "X village": a place, not the division of its name
    capital_of: str = ""  # "the Chilean capital", "Chile's capital" (label CAPITAL)


def qualify(text: str, begin: int, end: int, mention: Mention) -> Mention:
    """Read the words around ``text[begin:end]`` into the mention's cues."""
    before = text[max(0, begin - 80):begin]
    after = text[end:end + 30]
    mention.cue = bool(_CUE_BEFORE.search(before) or _ADMIN_AFTER.match(after) or _CAMP_AFTER.match(after))
    mention.admin_cue = bool(_ADMIN_AFTER.match(after) or _ADMIN_BEFORE.search(before))
    mention.near = bool(_NEAR_BEFORE.search(before))
    offset = _OFFSET_BEFORE.search(before)
    if offset:
        unit = "km" if offset.group(2).lower().startswith("k") else "mi"
        mention.offset = f"{offset.group(1)} {unit} {offset.group(3).lower().replace('-', '')}"
    state = _STATE_AFTER.match(after)
    if state:
        mention.state_hint = state.group(1).rstrip(".")
    wider = text[end:end + 120]
    bracket = _LOCATOR_AFTER.match(wider)
    unit = _UNIT_AFTER.match(wider)
    mention.locators = tuple(locator_parts(bracket.group(1))) if bracket else (unit.group(1),) if unit else ()
    comma = _COMMA_UNIT.match(wider)
    mention.soft_locators = (comma.group(1),) if comma and not unit else ()
    kind = _KIND_WORD_AFTER.match(after)
    kind_word = KIND_WORDS.get(re.sub(r"\s+", " ", kind.group(0).strip().lower())) if kind else None
    mention.unit_cue = kind_word == "unit"
    mention.settlement_cue = kind_word == "point"
    return mention


def _strip_article(text: str, begin: int) -> tuple[str, int]:
    m = re.match(r"^(?:the)\s+", text, re.IGNORECASE)
    if m:
        return text[m.end():], begin + m.end()
    return text, begin


def find_mentions(doc, gaz: Gazetteer, dateline: tuple[int, int] | None = None) -> list[Mention]:  # noqa: ANN001
    """Toponym mentions of a parsed document, in text order, with their cues. ``dateline`` is the span of a
    wire dateline's place ("KANO, Nigeria (Reuters) -"): spaCy often calls its capitals an organisation."""
    text = text_of(doc)  # joined once per document (nlp.text_of), not rebuilt from the tokens here
    mentions: list[Mention] = []
    taken = [False] * (len(text) + 1)

    def add(begin: int, end: int, label: str) -> None:
        span_text = text[begin:end].strip(" ,;:'\"")
        if span_text.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$|\b(?:[A-Z]\.)+$", span_text):
            span_text = span_text[:-1]  # a sentence's full stop, not "Ky." or "D.C."
        begin = text.index(span_text, begin) if span_text else begin
        span_text, begin = _strip_article(span_text, begin)
        span_text = re.sub(r"['’]s$", "", span_text)
        for _ in range(3):  # "Santo" + " Antonio" + " de Jesus"
            tail = _NAME_TAIL.match(text[begin + len(span_text):begin + len(span_text) + 20])
            if not (tail and tail.group(0)[:1] in " -" and gaz.lookup(span_text + tail.group(0))):
                break
            span_text += tail.group(0)
        if not gaz.lookup(span_text):
            kind = _KIND_BEFORE.match(span_text)
            if kind:
                span_text, begin = span_text[kind.end():], begin + kind.end()
            kind = _KIND_AFTER.match(span_text)
            if kind:
                span_text = kind.group(1)
        if not gaz.lookup(span_text):
            span_text = _place_before_institution(span_text, gaz) or span_text
        end = begin + len(span_text)
        if len(span_text) < 2 or any(taken[begin:end]) or normalize_name(span_text) in STOP_NAMES:
            return  # "Western", "the State": words, not toponyms
        for i in range(begin, end):
            taken[i] = True
        mentions.append(qualify(text, begin, end, Mention(begin, end, span_text, label)))

    def in_place_context(begin: int, end: int) -> bool:
        before, after = text[max(0, begin - 60):begin], text[end:end + 30]
        return bool(_CUE_BEFORE.search(before) or _ADMIN_AFTER.match(after) or _CAMP_AFTER.match(after))

    if dateline is not None:  # "KANO, Nigeria": each part the gazetteer knows
        for part in re.finditer(r"[^,]+", text[dateline[0]:dateline[1]]):
            b, e = dateline[0] + part.start(), dateline[0] + part.end()
            before = len(mentions)
            if gaz.lookup(part.group(0).strip()):
                add(b, e, "DATELINE")
            if len(mentions) > before:
                mentions[-1].cue = True
    # Words of people's full names ("Michael Lorenzo"): the same word alone later is that person
    # ("in Lorenzo's honor"), not a town that happens to bear the name; spaCy may call it a GPE when
    # possessive.
    person_words = {w.lower() for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    for w in ent.text.split()}

    def possessive(ent) -> bool:  # noqa: ANN001
        return ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s") or ent.text.endswith(("'s", "’s"))

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            if possessive(ent) and re.sub(r"['’]s$", "", ent.text).lower() in person_words:
                continue
            if "," in ent.text and not gaz.lookup(ent.text.strip(" ,")):  # "Culiacan, Sinaloa" as one entity
                for part in re.finditer(r"[^,]+", ent.text):
                    if part.group(0).strip() and gaz.lookup(part.group(0).strip()):
                        add(ent.start_char + part.start(), ent.start_char + part.end(), ent.label_)
                continue
            add(ent.start_char, ent.end_char, ent.label_)
    for ent in doc.ents:
        if ent.label_ not in MAYBE_LABELS:
            continue
        name = re.sub(r"^the ", "", ent.text, flags=re.IGNORECASE)
        if ent.label_ == "NORP" and name.lower() in demonyms():
            continue  # "Syrian", "Kurds": a people; a town spaCy calls NORP ("in Culiacan") is not one
        if ent.label_ == "PERSON" and re.sub(r"['’]s$", "", name).lower() in person_words:
            continue
        kind = _KIND_AFTER.match(name)
        if gaz.lookup(name) or (kind and gaz.lookup(kind.group(1))):  # "Birnin Gwari LGA" as an ORG
            if kind or in_place_context(ent.start_char, ent.end_char) or _object_of_place_verb(ent.root):
                add(ent.start_char, ent.end_char, ent.label_)
        elif ent.label_ in ("ORG", "FAC", "PERSON") and _place_before_institution(name, gaz):
            add(ent.start_char, ent.end_char, ent.label_)
        elif ent.label_ in ("ORG", "FAC"):
            inner = _OF_PLACE.search(ent.text)
            words = inner.group(1).split() if inner else []
            for n in range(len(words), 0, -1):
                if gaz.lookup(" ".join(words[:n])):
                    begin = ent.start_char + inner.start(1)
                    add(begin, begin + len(" ".join(words[:n])), ent.label_)
                    break
    # A town's name spaCy calls a person or an organisation when it modifies a common noun ("an Alexandria
    # man", "Gainesville sewer system"), taken when it names a place in a country the document is about.
    focus = _countries_named(mentions, gaz)
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG") and ent.root.dep_ == "compound" \
                and ent.root.head.pos_ == "NOUN" \
                and any(e.country in focus and e.feature in ("city", "capital", "admin2")
                        for e, _own in gaz.lookup(ent.text)):
            add(ent.start_char, ent.end_char, ent.label_)
    # Lists after "the towns of X, Y and Z": every capitalised run in the list that the gazetteer knows.
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
            kind = _KIND_AFTER.match(text[b:e])  # "Guma LGA": the run ends in its kind word
            if kind and start.i < end.i:
                e = b + len(kind.group(1))
            if _IN_INSTITUTION_BEFORE.search(text[max(0, b - 40):b]) or _INSTITUTION_AFTER.match(text[e:e + 20]):
                continue  # "the Minister of Justice", "the Supreme Court": words of a name, not places
            if (kind or in_place_context(b, e) or _object_of_place_verb(end)) and gaz.lookup(text[b:e]):
                add(b, e, "PROPN")
    for road in _ROAD.finditer(text):  # "the Damboa - Maiduguri road": both ends are towns
        for g in (1, 2):
            if gaz.lookup(road.group(g)):
                add(road.start(g), road.end(g), "ROAD")
    _locators(text, gaz, mentions, add, taken)
    for found in _CAPITAL.finditer(text):
        b, e = found.start("capital"), found.end("capital")
        own = found.end("poss") if found.group("poss") else b  # "Mali's capital": "Mali" is a mention of its own
        if not any(taken[own:e]):
            mentions.append(Mention(b, e, text[b:e], "CAPITAL", cue=True,
                                    capital_of=found.group("adj") or found.group("poss") or ""))
    mentions.sort(key=lambda m: m.begin)
    # the unit a locator names ("in Fresnillo municipality, Zacatecas", "in Niteroi, Rio de Janeiro,") is the
    # division of its name, not the town
    for m in mentions:
        for loc in m.soft_locators:
            for other in mentions:
                if other.text == loc and m.end < other.begin <= m.end + 40:
                    other.admin_cue = True
    return mentions


# "in the capital", "across the Chilean capital", "to Chile's capital": the national capital, when no name follows
# ("the capital, Bamako", "the capital Kabul": the name is the mention) and it is no other capital ("the capital
# of Borno state", "the state capital").
_CAPITAL = re.compile(
    r"\b(?:in|near|at|to|from|across|around|outside|into|toward|towards|throughout|through)\s+"
    r"(?P<capital>the\s+(?:(?P<adj>[A-Z][a-z]+)\s+)?capital(?:\s+city)?|"
    r"(?P<poss>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’]s\s+capital(?:\s+city)?)\b"
    r"(?!\s*,?\s*(?:[A-Z]|of\b|region|district|province|territory))")
_IN_INSTITUTION_BEFORE = re.compile(r"\b(?:Minister|Ministry|Department|Secretary|Office|Court|Council|Chamber|Bank|"
                                    r"Party|Front|Union|Movement|Commission|Committee)\s+(?:of|for)\s+(?:the\s+)?$")
_INSTITUTION_AFTER = re.compile(r"^\s+(?:Court|Police|Ministry|Council|Party|Army|Forces|Front|Movement|Union|Bank|"
                                r"Commission|Committee|Assembly|Government|Church|Mosque)\b")
_ROAD = re.compile(r"\b([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)\s*[-–]\s*([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)\s+"
                   r"(?:road|highway|motorway|axis|route|expressway|corridor)\b")
_RUN_BEFORE = re.compile(rf"((?:(?:al|el|ad|as|ash|ar|an|at|az)-)?[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){{0,3}})"
                         rf"(?:\s+(?i:{_KINDS}))?\s*$")


def _locators(text: str, gaz: Gazetteer, mentions: list[Mention], add, taken: list[bool]) -> None:  # noqa: ANN001
    """Bracketed locators, "Jiliyaale village (Afgooye, Lower Shabelle)": each part the gazetteer knows is a
    mention that prefers a division of its name (the first the admin2, the last the admin1) and lies in the
    parts after it; the name before the brackets, when the gazetteer knows it and nothing took it yet, is a
    mention too (its cues read the locator)."""
    for bracket in re.finditer(r"\(([^()]{2,90})\)", text):
        parts = locator_parts(bracket.group(1))
        if not parts:
            continue
        run = _RUN_BEFORE.search(text[max(0, bracket.start() - 80):bracket.start()])
        if run:
            b = max(0, bracket.start() - 80) + run.start(1)
            if gaz.lookup(run.group(1)):
                add(b, b + len(run.group(1)), "LOCATED")
        # a span spaCy drew over the whole locator ("Bulo Burto, Hiraan") gives way to its parts
        for m in [m for m in mentions if bracket.start(1) <= m.begin < bracket.end(1) and not gaz.lookup(m.text)]:
            mentions.remove(m)
            taken[m.begin:m.end] = [False] * (m.end - m.begin)
        offset = bracket.start(1)
        for i, part in enumerate(parts):
            b = text.index(part, offset)
            offset = b + len(part)
            if not gaz.lookup(part):
                continue
            add(b, b + len(part), "LOCATOR")
            for m in mentions:
                if m.begin == b:
                    m.admin_cue = m.cue = True
                    m.unit_cue = i < len(parts) - 1  # "(Afgooye, Lower Shabelle)": a district, then its region
                    m.locators = tuple(parts[i + 1:])


def _place_before_institution(name: str, gaz: Gazetteer) -> str:
    """The longest place name the gazetteer knows at the front of a name with an institution word in it
    ("Alexandria PTA Council" -> "Alexandria"), or ""."""
    found = list(_INSTITUTION.finditer(name))
    if not found:
        return ""
    for match in reversed(found):  # "Arlington County Police Department": "Arlington County" before "Arlington"
        head = re.sub(r"['’]s$", "", name[:match.start()].strip())
        if head[:1].isupper() and gaz.lookup(head):
            return head
    words = name[:found[0].start()].split()
    for n in range(len(words) - 1, 0, -1):  # "Alexandria PTA Council": the place is the front of the name
        head = " ".join(words[:n])
        if head[:1].isupper() and gaz.lookup(head):
            return head
    return ""


def _countries_named(mentions: list[Mention], gaz: Gazetteer) -> set[str]:
    """Countries a document surely names: countries and states named, places of a single country."""
    countries = set()
    for m in mentions:
        candidates = gaz.lookup(m.text)
        if candidates and candidates[0][0].feature in ("country", "admin1"):
            countries.add(candidates[0][0].country)
        elif candidates and len({e.country for e, _own in candidates}) == 1:
            countries.add(candidates[0][0].country)
    return countries


def _object_of_place_verb(token) -> bool:  # noqa: ANN001 - spaCy Token
    """Whether a token is the object of a verb such as "fled" or "shelled", or conjoined with one that is."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ == "dobj" and token.head.lemma_ in _PLACE_VERBS


def demonym_countries(doc, demonyms: dict[str, str]) -> list[str]:  # noqa: ANN001 - spaCy Doc
    """Countries named by a demonym or adjective ("Syrian", "Russian"): evidence of the document's focus."""
    found = []
    for tok in doc:
        if tok.text[:1].isupper():
            cc = demonyms.get(tok.text.lower())
            if cc:
                found.append(cc)
    return found
