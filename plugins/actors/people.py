"""Named people who take a part in violence: who did it, who was charged with it, who was harmed.

spaCy's PERSON entities are the candidates. A mention by surname alone ("Doe was charged") joins the full
name it shortens ("John Doe"; when relatives share it, the one told most, the story's protagonist), found
by token even where the model tagged no entity; a person is kept when one of their mentions stands in a
violent relation in the parse:

- *suspect*: the subject of a violent verb ("Doe opened fire", "Doe shot ..."), the one arrested,
  charged, booked or sought ("Doe was arrested", "Doe faces two counts of murder"), or named as the
  suspect, shooter or gunman ("the suspect, John Doe", "Doe was identified as the shooter");
- *harmed*: the object of a violent verb ("killing Jane Roe", "Roe was shot"), who died ("Roe, who died
  at the scene", "Roe was pronounced dead"), or named as the victim ("identified the victim as Jane Roe",
  "the shooting death of Jane Roe").

People only quoted or mentioned (a police spokesperson, a relative, a reporter) have no such relation and
are no actors. The lexicons are hand-written: no library maps English predicates to these parts.
"""

from __future__ import annotations

import dataclasses
from fieldreport.service.nlp import children, conjuncts

VIOLENT = {"shoot", "kill", "murder", "stab", "wound", "injure", "attack", "slay", "gun", "beat", "strangle",
           "assault", "fire", "execute", "ambush", "bludgeon", "choke", "hurt", "strike", "hit", "graze"}
INJURIES = {"wound", "wounds", "injury", "injuries", "trauma", "gunshot"}
CARE = {"hospital", "condition", "surgery"}  # "was taken to a hospital", "is in critical condition"
LEGAL = {"arrest", "charge", "book", "indict", "detain", "apprehend", "accuse", "convict", "sentence", "jail",
         "arraign", "want", "suspect", "extradite", "prosecute", "try", "face", "plead"}
DYING = {"die", "succumb", "perish"}
DEAD = {"dead", "deceased"}
SUSPECT_NOUNS = {"suspect", "shooter", "gunman", "killer", "assailant", "attacker", "perpetrator", "murderer",
                 "gunmen", "suspects", "shooters", "defendant", "accused", "slayer", "culprit"}
VICTIM_NOUNS = {"victim", "victims", "casualty", "decedent"}
HARM_NOUNS = {"death", "killing", "murder", "shooting", "slaying", "homicide", "stabbing", "funeral", "wounding"}
IDENTIFY = {"identify", "name", "describe", "list", "id"}
# Police and military ranks: a named officer acts (or is harmed) as the state's forces.
RANKS = {"officer", "deputy", "trooper", "sgt", "sgt.", "sergeant", "lt", "lt.", "lieutenant", "detective", "det",
         "det.", "cpl", "cpl.", "corporal", "patrolman", "patrolwoman", "constable", "sheriff", "capt", "capt.",
         "captain", "agent", "marshal", "pvt", "pvt.", "spc", "spc.",
         # military ranks ("General" is left out: an attorney general is no soldier; "Gen." is one)
         "colonel", "col", "col.", "gen.", "maj", "maj.", "major", "brigadier", "commander", "cmdr", "cmdr.",
         "admiral", "adm.", "lieutenant-colonel"}
COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "rev", "rev."}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


@dataclasses.dataclass
class Person:
    name: str  # the full name, as first told in full
    mentions: list = dataclasses.field(default_factory=list)  # (begin, end) character spans
    suspect: bool = False
    harmed: bool = False
    ranked: bool = False  # named with a police or military rank


def _name_tokens(span):  # noqa: ANN001, ANN202
    """The tokens of a PERSON entity that make the name: no rank, courtesy title or possessive."""
    toks = [t for t in span if not (t.lower_ in ("'s", "’s", "'") or t.is_punct and t.text != ".")]
    while toks and (toks[0].lower_ in RANKS | COURTESY):
        toks = toks[1:]
    return toks


def _surname(toks) -> str:  # noqa: ANN001
    words = [t.text for t in toks if t.lower_ not in SUFFIXES]
    return words[-1] if words else ""


def _ranked(span) -> bool:  # noqa: ANN001
    """ "Officer Tim Wells", "police Sgt. Ann Cole", "Deputy Ray Lee": a rank in the name or right before it
    (not "an officer shot Tim Wells")."""
    doc = span.doc
    before = span.start - 1
    if before > 0 and doc[before].text == ".":
        before -= 1  # "Sgt . Ann Cole"
    window = [t.lower_ for t in span] + ([doc[before].lower_] if before >= 0 else [])
    return any(w in RANKS for w in window)


def _subject_of(verb):  # noqa: ANN001, ANN202
    return next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def _noun_part(noun) -> str | None:  # noqa: ANN001
    """The part a noun says its referent plays: "the suspect", "the victim", "a person of interest",
    "one of the gunmen"."""
    low = noun.lemma_.lower()
    if low in SUSPECT_NOUNS or noun.lower_ in SUSPECT_NOUNS:
        return "suspect"
    if low in VICTIM_NOUNS or noun.lower_ in VICTIM_NOUNS:
        return "harmed"
    if low in ("one", "person", "people"):
        for c in children(noun):
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in children(c):
                    if g.dep_ == "pobj" and g.lower_ == "interest":
                        return "suspect"
                    if g.dep_ == "pobj" and low == "one":
                        return _noun_part(g)
    return None


def _verb_part(verb, dep: str) -> str | None:  # noqa: ANN001
    """The part of whoever stands as ``dep`` of ``verb``."""
    lemma = verb.lemma_.lower()
    passive = dep == "nsubjpass" or any(c.dep_ == "auxpass" for c in children(verb))
    if lemma in DYING and dep == "nsubj":
        return "harmed"
    if dep == "nsubjpass" and lemma in ("pronounce", "find", "declare", "leave") and any(
            c.lower_ in DEAD for c in children(verb)):
        return "harmed"
    if lemma in VIOLENT:
        if dep == "nsubj" and not passive:
            return "suspect"
        if dep in ("dobj", "nsubjpass") or dep == "nsubj" and passive:
            return "harmed"
        if dep == "agent":
            return "suspect"
    if lemma in LEGAL and (dep in ("dobj", "nsubjpass") or dep == "nsubj" and lemma in ("face", "plead")):
        return "suspect"
    if lemma in ("take", "place", "hold") and dep in ("nsubjpass", "dobj") and any(
            g.lower_ == "custody" for c in children(verb) if c.dep_ == "prep" for g in children(c)):
        return "suspect"  # "was taken into custody"
    if lemma == "turn" and dep == "nsubj" and any(c.lower_ == "in" for c in children(verb)):
        return "suspect"  # "turned himself in"
    if lemma == "suffer" and dep == "nsubj" and any(c.dep_ == "dobj" and c.lower_ in INJURIES for c in children(verb)):
        return "harmed"  # "Roe suffered a gunshot wound"
    if lemma == "hospitalize" and dep == "nsubjpass":
        return "harmed"
    if lemma in ("take", "rush", "transport", "airlift", "fly", "be", "remain", "undergo") and \
            dep in ("nsubj", "nsubjpass") and any(g.lemma_.lower() in CARE and g.dep_ in ("pobj", "dobj")
                                                   for c in children(verb) for g in [c, *children(c)]):
        return "harmed"  # "was taken to a hospital", "is in serious condition"
    if lemma in ("be", "become", "remain") and dep in ("nsubj", "attr"):  # "Doe is the suspect"
        for c in children(verb):  # "the victims were Roe and Poe"
            if c.dep_ == ("attr" if dep == "nsubj" else "nsubj"):
                return _noun_part(c)
    if lemma in IDENTIFY and dep in ("nsubjpass", "dobj"):  # "Doe was identified as the shooter"
        for c in children(verb):
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in children(c):
                    if g.dep_ == "pobj" and _noun_part(g):
                        return _noun_part(g)
    return None


def part(token) -> str | None:  # noqa: ANN001
    """ "suspect", "harmed" or None for the person whose mention is headed by ``token``."""
    parts = set()
    tok = token
    heads = [tok]
    for _ in range(6):  # "John Doe and Jane Roe were shot"; "the suspect, John Doe, was ..."; "A, 21, B, 24, and C"
        if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i or tok.head.pos_ not in ("PROPN", "NOUN"):
            break
        if tok.dep_ == "appos":
            parts.add(_noun_part(tok.head))
        tok = tok.head
        heads.append(tok)
    seen = {h.i for h in heads}
    for h in list(heads):  # "..., and C, who were charged"
        if h.dep_ == "conj" and h.head.i in seen and h.head.i != h.i:
            continue  # (a member's coordination is its head's)
        for c in conjuncts(h):
            if c.i not in seen:
                seen.add(c.i)
                heads.append(c)
    for h in heads:
        for child in children(h):
            if child.dep_ in ("appos", "compound"):  # "John Doe, the victim"; "suspect John Doe"
                parts.add(_noun_part(child))
        head, dep = h.head, h.dep_
        if dep in ("nsubj", "nsubjpass", "dobj", "attr") and head.pos_ in ("VERB", "AUX"):
            parts.add(_verb_part(head, dep))
        elif dep == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
            parts.add(_verb_part(head.head, "agent"))
        elif dep == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in IDENTIFY:
            # "identified the victim as Jane Roe"
            verb = head.head
            obj = next((c for c in children(verb) if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None:  # "... the teenager killed in the shooting as Jane Roe"
                parts.add(_noun_part(obj) or next((_verb_part(c, "nsubjpass") for c in children(obj)
                                                   if c.dep_ == "acl" and c.tag_ == "VBN"), None))
        elif dep == "pobj" and head.lower_ == "as" and head.head.dep_ == "acl" and head.head.lemma_.lower() in VIOLENT:
            parts.add("harmed")  # "identified the teenager killed in the shooting as Jane Roe"
        elif dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in HARM_NOUNS:
            parts.add("harmed")  # "the shooting death of Jane Roe"
        elif dep == "poss" and head.lemma_.lower() in HARM_NOUNS:
            parts.add("harmed")  # "Roe's death"
        for child in children(h):
            if child.dep_ == "relcl":  # "Roe, who died at the scene"; "Doe, who is wanted in the killing"
                pron = _subject_of(child)
                if pron is not None and pron.lower_ in ("who", "that"):
                    parts.add(_verb_part(child, pron.dep_))
            elif child.dep_ == "acl" and child.tag_ == "VBN":  # "Roe, shot in the chest, ..."
                parts.add(_verb_part(child, "nsubjpass"))
    parts.discard(None)
    if "suspect" in parts:
        return "suspect"
    return "harmed" if parts else None


def _likeliest(candidates: list[Person], told: dict[int, int]) -> Person | None:
    """The candidate told most so far (``told``: id(person) → mentions); a tie: the one told first."""
    return max(candidates, key=lambda p: told.get(id(p), 0)) if candidates else None


# Words no person's name is made of: a name the model tagged as a place or an organisation ("Marcus Webb"
# as a GPE) is taken for a person's only when none of its words is one of these.
_NOT_NAME_WORDS = {"police", "department", "county", "city", "state", "street", "road", "avenue", "army", "forces",
                   "force", "group", "party", "university", "school", "hospital", "church", "mosque", "market",
                   "province", "district", "region", "village", "town", "camp", "ministry", "office", "bureau",
                   "agency", "council", "court", "news", "service", "services", "guard", "front", "movement",
                   "brigade", "brigades", "army's", "bank", "company", "club", "center", "centre", "park",
                   "bridge", "highway", "river", "lake", "mount", "north", "south", "east", "west", "new", "saint",
                   "san", "santa", "fort", "port", "al", "el", "la", "le", "de"}


def _mistagged_name(ent, not_names) -> bool:  # noqa: ANN001
    """A person's name the small model tagged as a place or an organisation: two to four capitalised proper
    nouns, none a word of places or bodies, where the places plugin resolved no place and no actor stands."""
    if ent.label_ not in ("GPE", "ORG", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART") or not 2 <= len(ent) <= 4:
        return False
    if any(b < ent.end_char and ent.start_char < e for b, e in not_names):
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() and t.lower_ not in _NOT_NAME_WORDS
               for t in ent)


def people(sdoc, not_names=()) -> list[Person]:  # noqa: ANN001
    """The people of a document with a part in violence, each with all their mentions. ``not_names``: the
    (begin, end) character spans of what is known to be no person (resolved places, actors)."""
    found: list[Person] = []
    by_surname: dict[str, list[Person]] = {}
    spans = []  # (span of name tokens, person)
    told: dict[int, int] = {}  # id(person) → mentions in spans so far
    for ent in sdoc.ents:
        if ent.label_ != "PERSON" and not _mistagged_name(ent, not_names):
            continue
        toks = _name_tokens(ent)
        if not toks or len(toks) > 5 or not all(t.text[:1].isupper() and not any(ch.isdigit() for ch in t.text)
                                                for t in toks):
            continue
        span = sdoc[toks[0].i:toks[-1].i + 1]
        surname = _surname(toks)
        person = None
        if len(toks) == 1:
            # a surname (or first name) alone: among the full names told with it, the one told most so far
            # (the story's protagonist, not the relative named once), else the first told
            candidates = by_surname.get(surname) or [p for p in found if p.name.split()[0] == surname]
            person = _likeliest(candidates, told)
        else:
            words = set(span.text.split())
            same = [p for p in by_surname.get(surname, []) if words <= set(p.name.split()) or
                    set(p.name.split()) <= words]  # "Jamar Price" and "Vontay Jamar Price"
            person = _likeliest(same, told)
        if person is None:
            person = Person(span.text)
            found.append(person)
            if len(toks) > 1:
                by_surname.setdefault(surname, []).append(person)
        elif len(span.text) > len(person.name) and set(person.name.split()) <= set(span.text.split()):
            person.name = span.text  # "Doe" (or "John Doe") told first, "John A. Doe" after
        spans.append((span, person))
        told[id(person)] = told.get(id(person), 0) + 1
        person.ranked = person.ranked or _ranked(ent)
    # a lone name the model tagged as nothing (or as something else): "Doe was charged"
    in_person = {t.i for span, _ in spans for t in span}
    in_longer = {t.i for ent in sdoc.ents if len(ent) > 1 for t in ent}  # "Doe Street", "the Doe Foundation"
    for tok in sdoc:
        if tok.i in in_person or tok.i in in_longer or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        candidates = by_surname.get(tok.text)
        if not candidates:
            continue
        if tok.i > 0 and sdoc[tok.i - 1].pos_ == "PROPN" and sdoc[tok.i - 1].i not in in_person:
            continue  # "Doe Street", "Mary Doe" (another Doe)
        if tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].pos_ == "PROPN":
            continue
        likeliest = _likeliest(candidates, told)
        spans.append((sdoc[tok.i:tok.i + 1], likeliest))
        told[id(likeliest)] = told.get(id(likeliest), 0) + 1
    # "Doe" told before "John Doe": one person
    merged: dict[int, Person] = {}  # id(lone name) → the full name's person
    for person in [p for p in found if " " not in p.name]:
        full = by_surname.get(person.name, [])
        if len(full) == 1:
            merged[id(person)] = full[0]
            full[0].ranked = full[0].ranked or person.ranked
    if merged:
        spans = [(s, merged.get(id(q), q)) for s, q in spans]
        found = [p for p in found if id(p) not in merged]
    for span, person in spans:
        p = part(span.root if span.root.pos_ == "PROPN" else span[-1])  # "Will Kerr": not the auxiliary
        person.suspect = person.suspect or p == "suspect"
        person.harmed = person.harmed or p == "harmed"
        person.mentions.append((span.start_char, span.end_char))
    return [p for p in found if p.suspect or p.harmed]
