"""Actors with canonical names, ACLED actor types and countries (layer ``actors``).

Two sources of mentions: named actors from an alias table (``data/aliases.tsv``, matched as phrases
with spaCy's PhraseMatcher, fuzzy-matched with rapidfuzz for spelling variants), and noun phrases whose
head says who they are ("militants", "Russian servicemen", "an artillery battery of the Syrian army"),
typed by the head (``data/nouns.tsv``) and given a country from a nationality word next to it.
State forces of a country other than the document's focus are ``external_forces`` (ACLED's rule).
Named people who take a part in violence (``people.py``) are actors too, under their full name, in a
layer of their own (``people``).
"""

from __future__ import annotations

import pathlib
import re
from collections import Counter

from fieldreport.plugins.actors import people
from fieldreport.service.nlp import children
from fieldreport.service.plugin import Plugin

DATA = pathlib.Path(__file__).parent / "data"

# Nationality words → country (kept here: the places plugin's table is its own; plugins share no code).
NATIONALITY = {
    "syrian": "SY", "russian": "RU", "russia's": "RU", "russia": "RU", "american": "US", "us": "US", "u.s.": "US",
    "iraqi": "IQ", "iranian": "IR", "israeli": "IL", "turkish": "TR", "afghan": "AF", "pakistani": "PK",
    "nigerian": "NG", "malian": "ML", "burkinabe": "BF", "nigerien": "NE", "somali": "SO", "kenyan": "KE",
    "ethiopian": "ET", "sudanese": "SD", "libyan": "LY", "egyptian": "EG", "yemeni": "YE", "saudi": "SA",
    "lebanese": "LB", "palestinian": "PS", "ukrainian": "UA", "french": "FR", "british": "GB", "indian": "IN",
    "chadian": "TD", "cameroonian": "CM", "congolese": "CD", "mozambican": "MZ", "jordanian": "JO",
    "kurdish": "IQ", "filipino": "PH", "mexican": "MX", "colombian": "CO", "syria": "SY", "iraq": "IQ",
    "nigeria": "NG", "mali": "ML", "afghanistan": "AF", "ukraine": "UA", "israel": "IL",
}
COUNTRY_NAMES = {"SY": "Syria", "RU": "Russia", "US": "the United States", "IQ": "Iraq", "IR": "Iran",
                 "IL": "Israel", "TR": "Turkey", "AF": "Afghanistan", "PK": "Pakistan", "NG": "Nigeria",
                 "ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "SO": "Somalia", "KE": "Kenya",
                 "ET": "Ethiopia", "SD": "Sudan", "LY": "Libya", "EG": "Egypt", "YE": "Yemen",
                 "SA": "Saudi Arabia", "LB": "Lebanon", "PS": "Palestine", "UA": "Ukraine", "FR": "France",
                 "GB": "the United Kingdom", "IN": "India", "TD": "Chad", "CM": "Cameroon", "CD": "DR Congo",
                 "MZ": "Mozambique", "JO": "Jordan", "PH": "the Philippines", "MX": "Mexico", "CO": "Colombia"}
# Country names count for the document's focus as their nationality words do ("Nairobi, Kenya").
NATIONALITY.update({name.lower().removeprefix("the "): cc for cc, name in COUNTRY_NAMES.items()})
_KIND_TYPE = {"military": "state_forces", "police": "state_forces", "armed": "rebel_group", "civilians": "civilians",
              "protesters": "protesters", "rioters": "rioters", "contractors": "other", "government": "state_forces"}


def _load_aliases() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (DATA / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, canonical, actor_type, country = (line.split("\t") + [""])[:4]
            rows.append((alias, canonical, actor_type, country.strip()))
    return rows


def _load_nouns() -> dict[str, str]:
    out = {}
    for line in (DATA / "nouns.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, kind = line.split("\t")
            out[noun] = kind
    return out


def focus_country(spacy_doc) -> str:  # noqa: ANN001
    """The country the document is about: the most named one (GPE) or, failing that, nationality words."""
    counts: Counter = Counter()
    for ent in spacy_doc.ents:
        cc = NATIONALITY.get(ent.text.lower().removeprefix("the "))
        if cc:
            counts[cc] += 2 if ent.label_ == "GPE" else 1
    return counts.most_common(1)[0][0] if counts else ""


class ActorsPlugin(Plugin):
    name = "actors"
    version = "0.3.0"
    requires = ("spacy",)
    provides = ("actors", "people")
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.ents")
    normalizes = ("ACTOR",)
    description = "Actors with canonical names, ACLED actor types and countries"

    def setup(self, nlp) -> None:  # noqa: ANN001
        from spacy.matcher import PhraseMatcher

        self.aliases = _load_aliases()
        self.by_alias = {a.lower(): (c, t, cc) for a, c, t, cc in self.aliases}
        self.nouns = _load_nouns()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for alias, *_ in self.aliases:
            if alias.isupper() and len(alias) <= 4:
                continue  # acronyms are matched case-sensitively below
            self.matcher.add(alias.lower(), [nlp.make_doc(alias)])
        self.acronyms = {a: (c, t, cc) for a, c, t, cc in self.aliases if a.isupper() and len(a) <= 4}

    def _ensure(self) -> None:
        if not hasattr(self, "matcher"):
            from fieldreport.service import nlp as nlp_loader

            self.setup(nlp_loader.load())

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        sdoc = doc.spacy
        focus = focus_country(sdoc)
        taken = set()
        actors = []

        def add(begin: int, end: int, name: str, actor_type: str, country: str) -> None:
            while begin < end and not (doc.text[begin].isalnum()):
                begin += 1
            while end > begin and not doc.text[end - 1].isalnum():
                end -= 1
            if begin >= end or any(i in taken for i in range(begin, end)):
                return
            taken.update(range(begin, end))
            if actor_type == "state_forces" and country and focus and country != focus and \
                    name.startswith(("Military Forces", "Police Forces")):
                actor_type = "external_forces"
            text = doc.text[begin:end]
            actors.append(pb.Actor(text=text, name=name, actor_type=actor_type, country=country,
                                   span=pb.Span(text=text, begin=begin, end=end)))

        # named actors, longest first
        matches = sorted(self.matcher(sdoc), key=lambda m: (m[1] - m[2], m[1]))
        for match_id, start, end in matches:
            span = sdoc[start:end]
            canonical, actor_type, country = self.by_alias[sdoc.vocab.strings[match_id]]
            # "Observatory head Rami Abdel Rahman" stays the Observatory's
            add(span.start_char, span.end_char, canonical, actor_type, country)
        for tok in sdoc:
            if tok.text in self.acronyms:
                canonical, actor_type, country = self.acronyms[tok.text]
                add(tok.idx, tok.idx + len(tok.text), canonical, actor_type, country)
        # generic ministries: "the defense ministry" → the ministry of the country named with it, or the
        # last such ministry named ("Russia's Defense Ministry ... a defense ministry official")
        for m in re.finditer(r"\b(?:(\w+)(?:'s)?\s+)?(defen[cs]e|interior|foreign)\s+ministry\b", doc.text, re.I):
            cc = NATIONALITY.get((m.group(1) or "").lower())
            if not cc:
                office = "Defence" if m.group(2).lower().startswith("defen") else m.group(2).title()
                earlier = [a for a in actors if a.name.startswith(f"Ministry of {office}") and a.span.begin < m.start()]
                cc = earlier[-1].country if earlier else focus
            if cc:
                office = {"defense": "Defence", "defence": "Defence", "interior": "Interior",
                          "foreign": "Foreign Affairs"}[m.group(2).lower()]
                add(m.start() if m.group(1) and NATIONALITY.get(m.group(1).lower()) else m.start(2), m.end(),
                    f"Ministry of {office} of {COUNTRY_NAMES.get(cc, cc)}", "state_forces", cc)
        # noun phrases headed by an actor noun
        last_country: dict[str, str] = {}  # head noun → country of its last mention ("Two servicemen")
        for chunk in sdoc.noun_chunks:
            doc.check_deadline()
            kind = self.nouns.get(chunk.root.lower_)
            if kind is None:
                continue
            words = {t.lower_ for t in chunk}
            if chunk.root.lower_ in ("camp", "base", "unit", "checkpoint") and not words & {"army", "military", "air",
                                                                                           "naval", "police"}:
                continue  # a refugee camp, a housing unit
            if kind == "military" and "police" in words:
                kind = "police"  # "a police checkpoint", "police units"
            if kind == "government" and chunk.root.lower_ == "ministry":
                earlier = [a for a in actors if a.name.startswith("Ministry of ") and a.span.begin < chunk.start_char]
                if earlier:  # "The ministry said" → the ministry named before
                    add(chunk.start_char, chunk.end_char, earlier[-1].name, earlier[-1].actor_type, earlier[-1].country)
                    continue
            country = ""
            for t in chunk:
                cc = NATIONALITY.get(t.lower_)
                if cc and t.i != chunk.root.i:
                    country = cc
            # "an artillery battery of the Syrian army": the country of the army
            for child in children(chunk.root):
                if child.dep_ == "prep" and child.lower_ == "of":
                    for t in child.subtree:
                        cc = NATIONALITY.get(t.lower_)
                        if cc:
                            country = cc
            keys = (chunk.root.lower_, chunk.root.lemma_)
            if not country:
                country = next((last_country[k] for k in keys if k in last_country), "")
            if country:
                last_country.update(dict.fromkeys(keys, country))
            elif kind in ("armed", "civilians", "protesters", "rioters"):
                country = focus  # ACLED names them by the country they act in
            country = country or focus  # the name says the focus country: so does the country field
            begin = chunk.start_char
            while begin < chunk.end_char and doc.text[begin:begin + 4].lower().startswith(("the ", "a ", "an ")):
                begin = doc.text.index(" ", begin) + 1
            end = chunk.end_char
            if chunk.root.i + 1 < len(sdoc) and sdoc[chunk.root.i + 1].lower_ == "of":
                of_tok = sdoc[chunk.root.i + 1]
                end = max(end, max(t.idx + len(t.text) for t in of_tok.subtree))
            # "Syrian and Russian forces": two actors, the first named by its adjective alone
            shared = [t for t in chunk if t.i != chunk.root.i and t.dep_ == "amod" and NATIONALITY.get(t.lower_)
                      and any(c.dep_ == "conj" and NATIONALITY.get(c.lower_) for c in children(t))]
            for first in shared:
                cc = NATIONALITY[first.lower_]
                name, actor_type = self._canonical(kind, cc, focus)
                add(first.idx, first.idx + len(first.text), name, actor_type, cc)
                begin = max(begin, next(c.idx for c in children(first) if c.dep_ == "conj"))
            name, actor_type = self._canonical(kind, country, focus)
            add(begin, end, name, actor_type, country)
        actors.sort(key=lambda a: a.span.begin)
        doc.add("actors", actors)
        # Named people, a layer of their own: what counts casualties or names sources reads organisations and
        # groups, and a person is neither a side nor a speaker's institution. ACLED names no one: a lone
        # attacker is its "Sole Perpetrator (<country>)", no organised armed group, so a suspect is ``other``
        # here (acled.py counts no ``other`` actor as armed: a gunman's shooting stays violence against
        # civilians); whoever was harmed is of the civilians, and an officer named with a rank is of the
        # state's forces. ``name`` is the person's full name; the country is the one the document is about,
        # as for unnamed attackers and civilians — but an officer's is his force's: a nationality word just
        # before the name ("Russian Captain X"), else unknown (whose army is not the focus's to guess).
        persons = []
        for person in people.people(sdoc):
            actor_type = "state_forces" if person.ranked else "other" if person.suspect else "civilians"
            country = focus
            if person.ranked:
                first = min(begin for begin, _ in person.mentions)
                before = re.findall(r"[\w'’.]+", doc.text[max(0, first - 40):first].lower())[-3:]
                country = next((NATIONALITY[w] for w in reversed(before) if w in NATIONALITY), "")
            for begin, end in person.mentions:
                if not any(i in taken for i in range(begin, end)):  # "Boko Haram" tagged as a person
                    text = doc.text[begin:end]
                    persons.append(pb.Actor(text=text, name=person.name, actor_type=actor_type, country=country,
                                            span=pb.Span(text=text, begin=begin, end=end)))
        persons.sort(key=lambda a: a.span.begin)
        doc.add("people", persons)

    @staticmethod
    def _canonical(kind: str, country: str, focus: str) -> tuple[str, str]:
        where = COUNTRY_NAMES.get(country or focus, country or focus)
        if kind == "military":
            return (f"Military Forces of {where}" if where else "Military Forces"), "state_forces"
        if kind == "police":
            return (f"Police Forces of {where}" if where else "Police Forces"), "state_forces"
        if kind == "armed":
            return (f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group"), "rebel_group"
        if kind == "civilians":
            return (f"Civilians ({where})" if where else "Civilians"), "civilians"
        if kind == "protesters":
            return (f"Protesters ({where})" if where else "Protesters"), "protesters"
        if kind == "rioters":
            return (f"Rioters ({where})" if where else "Rioters"), "rioters"
        if kind == "contractors":
            return (f"Private Military Contractors ({where})" if where else "Private Military Contractors"), \
                "external_forces" if country and focus and country != focus else "other"
        return (f"Government of {where}" if where else "Government"), "state_forces"

    def normalize(self, item):  # noqa: ANN001
        from rapidfuzz import fuzz, process, utils

        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        text = item.text.strip()
        exact = self.by_alias.get(text.lower()) or self.by_alias.get(text.lower().removeprefix("the "))
        values = []
        if exact:
            values.append((1.0, exact))
        # Spelling variants ("Daish", "Islamic State in Iraq"): the closest aliases by rapidfuzz's WRatio,
        # which weighs partial and token-order matches; below 80 the match is no evidence. WRatio also
        # scores a short alias found anywhere ("IS" in "Daish"), so a candidate must be close as a whole
        # (ratio) or appear whole inside the text (partial ratio of an alias of five letters or more).
        low = text.lower()
        for alias, score, _ in process.extract(text, list(self.by_alias), scorer=fuzz.WRatio, limit=8,
                                               processor=utils.default_process):
            candidate = self.by_alias[alias]
            close = fuzz.ratio(low, alias) >= 75 or len(alias) >= 5 and fuzz.partial_ratio(alias, low) >= 90
            if score >= 80 and close and all(candidate[0] != v[1][0] for v in values):
                values.append((score / 100.0, candidate))
        if not values:
            head = text.lower().split()[-1] if text else ""
            kind = self.nouns.get(head)
            if kind:
                country = next((NATIONALITY[w] for w in text.lower().split() if w in NATIONALITY), "")
                focus = item.context.country_hint.upper()
                name, actor_type = self._canonical(kind, country, focus)
                if actor_type == "state_forces" and country and focus and country != focus:
                    actor_type = "external_forces"
                values.append((0.7, (name, actor_type, country)))
        return [pb.NormalizedValue(actor=pb.Actor(text=text, name=n, actor_type=t, country=c), confidence=round(s, 3))
                for s, (n, t, c) in values]
