"""Killed, injured, captured, missing, arrested: counts, groups, affiliations and sources (layer ``casualties``).

A count from the ``quantities`` layer becomes a casualty when the dependency parse links the noun it
counts to a casualty predicate: the subject of a passive "were killed", the object of an active "killed
five soldiers", the subject of "died", "lost their lives", "succumbed to their injuries" (killed),
"sustained injuries" (injured), the number a "death toll rose to" reaches, "12 dead", "12 deaths". A
person or singular noun killed without a number counts 1. Parts of a total ("two killed on the spot",
"two succumbed later" within "four killed") are folded into the total: never added on top of it.
"""

from __future__ import annotations

import re

from fieldreport.service.plugin import Plugin

KIND_BY_VERB = {
    "kill": "KILLED", "slay": "KILLED", "murder": "KILLED", "execute": "KILLED", "behead": "KILLED", "shoot dead": "KILLED",
    "assassinate": "KILLED", "massacre": "KILLED",
    "injure": "INJURED", "wound": "INJURED", "hurt": "INJURED", "hospitalize": "INJURED", "maim": "INJURED",
    "capture": "CAPTURED", "abduct": "CAPTURED", "kidnap": "CAPTURED", "seize": "CAPTURED", "take hostage": "CAPTURED",
    "arrest": "ARRESTED", "detain": "ARRESTED", "apprehend": "ARRESTED", "round up": "ARRESTED",
}
INTRANSITIVE = {"die": "KILLED", "perish": "KILLED", "succumb": "KILLED", "drown": "KILLED",
                "disappear": "MISSING", "vanish": "MISSING"}
NOUN_KIND = {"death": "KILLED", "fatality": "KILLED", "dead": "KILLED", "body": "KILLED", "corpse": "KILLED",
             "injury": "INJURED", "wound": "INJURED", "injured": "INJURED", "wounded": "INJURED", "arrest": "ARRESTED",
             "hostage": "CAPTURED", "missing": "MISSING"}
_NOT_A_VICTIM = {"i", "we", "you", "it", "they", "who", "that", "which"}


def _kind_of_verb(verb) -> str | None:  # noqa: ANN001
    lemma = verb.lemma_.lower()
    if lemma == "shoot" and any(c.lower_ == "dead" for c in verb.children):
        return "KILLED"
    if lemma == "lose" and any(c.lemma_ == "life" for c in verb.subtree):
        return "KILLED"
    if lemma in ("sustain", "suffer", "receive") and any(c.lemma_ in ("injury", "wound") for c in verb.subtree):
        return "INJURED"
    if lemma == "take" and any(c.lower_ == "hostage" for c in verb.children):
        return "CAPTURED"
    if lemma == "go" and any(c.lower_ == "missing" for c in verb.children):
        return "MISSING"
    if lemma == "be" and any(c.lower_ in ("missing", "dead") for c in verb.children):
        return "MISSING" if any(c.lower_ == "missing" for c in verb.children) else "KILLED"
    return KIND_BY_VERB.get(lemma)


def _role_token(tok):  # noqa: ANN001
    """Climb from a counted noun through "alongside X", "X and Y", appositions to the noun that bears
    the verb's role."""
    seen = 0
    while tok.dep_ in ("conj", "appos", "pobj", "prep", "nummod", "quantmod", "npadvmod", "compound") and seen < 6:
        if tok.dep_ == "pobj" and tok.head.lower_ not in ("alongside", "including", "with", "among", "besides"):
            break
        tok = tok.head
        seen += 1
    return tok


def casualty_kind(noun):  # noqa: ANN001 - a spaCy Token
    """(kind, predicate token) when ``noun`` is what a casualty predicate counts, else (None, None)."""
    tok = _role_token(noun)
    # "12 dead", "12 deaths", "five wounded"
    if noun.lemma_.lower() in NOUN_KIND and noun.pos_ in ("NOUN", "ADJ"):
        return NOUN_KIND[noun.lemma_.lower()], noun
    for child in noun.children:
        if child.dep_ == "amod" and child.lower_ in ("dead", "injured", "wounded", "missing"):
            return NOUN_KIND[child.lower_], child
    head = tok.head
    if tok.dep_ in ("nsubjpass", "nsubj", "dobj", "attr", "oprd", "ROOT", "ccomp", "xcomp", "appos") \
            and head.pos_ in ("VERB", "AUX"):
        passive = tok.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in head.children)
        kind = _kind_of_verb(head)
        if kind and (tok.dep_ in ("dobj", "nsubjpass") or (tok.dep_ == "nsubj" and passive)):
            return kind, head
        if kind and tok.dep_ == "nsubj" and head.lemma_ in ("lose", "sustain", "suffer", "receive", "go", "be"):
            return kind, head
        intr = INTRANSITIVE.get(head.lemma_.lower())
        if intr and tok.dep_ == "nsubj":
            return intr, head
        # "left 5 dead", "killing two and wounding three" (the number is the object)
        for child in head.children:
            if child.dep_ in ("oprd", "acomp", "xcomp") and child.lower_ in ("dead", "injured", "wounded"):
                return NOUN_KIND[child.lower_], head
    # "the death toll rose to 12": the number under "to", the verb's subject a toll
    if noun.dep_ == "pobj" and noun.head.lower_ in ("to", "at"):
        verb = noun.head.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_ in ("toll", "number", "count"):
            words = {t.lemma_ for t in subject.subtree}
            return ("INJURED" if "injured" in words or "injury" in words else "KILLED"), verb
    if noun.dep_ in ("attr",) and noun.head.lemma_ == "be":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_ == "toll":
            return "KILLED", noun.head
    return None, None


class CasualtiesPlugin(Plugin):
    name = "casualties"
    version = "0.2.0"
    requires = ("spacy", "quantities", "actors", "attribution")
    provides = ("casualties",)
    description = "Killed, injured, captured, missing, arrested: counts, groups, sources"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        sdoc = doc.spacy
        actors = doc.get("actors")
        regions = doc.get("attribution")
        found = []
        counted_tokens = set()
        for q in doc.get("quantities"):
            span = sdoc.char_span(q.span.begin, q.span.end, alignment_mode="expand")
            if span is None:
                continue
            num = span.root
            noun = num.head if num.dep_ in ("nummod", "quantmod") and num.head.pos_ in ("NOUN", "PROPN") else num
            if q.qualifier == pb.Count.UNKNOWN and q.unit:  # "a group of X": X is what is counted
                noun = next((t for t in sdoc[span.end:span.end + 8] if t.pos_ in ("NOUN", "PROPN")
                             and t.dep_ != "compound"), noun)
            kind, predicate = casualty_kind(noun)
            if kind is None and noun is not num:
                kind, predicate = casualty_kind(num)
            if kind is None:
                continue
            counted_tokens.update(t.i for t in noun.subtree)
            counted_tokens.update(t.i for t in span)
            found.append((kind, q, noun, span))
        # a named person or a singular noun killed without a number: one victim
        for tok in sdoc:
            if tok.i in counted_tokens or tok.dep_ not in ("nsubjpass", "dobj", "nsubj"):
                continue
            if tok.lower_ in _NOT_A_VICTIM or tok.lemma_ in ("group", "number", "toll") or tok.tag_ in ("NNS", "NNPS") or tok.pos_ not in ("PROPN", "NOUN", "PRON"):
                continue
            if any(c.dep_ in ("nummod",) for c in tok.children):
                continue
            kind, predicate = casualty_kind(tok)
            if kind is None:
                continue
            if tok.pos_ == "NOUN" and not any(c.lower_ in ("a", "an", "one") for c in tok.children):
                continue  # "the man was killed" may repeat a victim already counted
            count = pb.Count(value=1, qualifier=pb.Count.EXACT, text=tok.text,
                             span=pb.Span(text=tok.text, begin=tok.idx, end=tok.idx + len(tok.text)))
            found.append((kind, count, tok, sdoc[tok.left_edge.i:tok.i + 1]))
        casualties = []
        last_group: dict = {}
        for kind, q, noun, span in sorted(found, key=lambda f: f[1].span.begin):
            sent = noun.sent
            group = q.unit
            if not group and noun.pos_ in ("PROPN",) or (not group and q.qualifier == pb.Count.EXACT and q.value == 1
                                                          and noun.pos_ in ("PROPN", "NOUN")):
                group = sdoc[noun.left_edge.i:noun.i + 1].text
            if not group:
                # "two were killed ... five more were injured"; "the toll rose to 17" (the last group)
                group = last_group.get(sent.start) or last_group.get(kind, "")
            else:
                last_group[sent.start] = group
                last_group[kind] = group
            group_begin = q.span.begin
            group_end = max(q.span.end, noun.idx + len(noun.text))
            affiliation = next((a.name for a in actors if a.span.begin < group_end and group_begin < a.span.end), "")
            if not affiliation and group:
                affiliation = next((a.name for a in reversed(actors) if a.span.begin < q.span.begin
                                    and a.text.lower().endswith(group.lower().split()[-1])), "")
            source = self._source(doc, regions, sent.start_char, pb)
            count = pb.Count()
            count.CopyFrom(q)
            count.ClearField("unit")
            casualty = pb.Casualty(kind=pb.Casualty.Kind.Value(kind), count=count, group=group, affiliation=affiliation,
                                   source=source, evidence=pb.Span(text=sent.text, begin=sent.start_char,
                                                                   end=sent.end_char))
            casualties.append(casualty)
        doc.add("casualties", fold_parts(casualties, pb))

    @staticmethod
    def _source(doc, regions, char: int, pb):  # noqa: ANN001
        for region in regions:
            if region.begin <= char < region.end:
                source = pb.Source()
                source.CopyFrom(region.source)
                return source
        return pb.Source(name=doc.source, text=doc.source, stance=pb.ASSERTED) if doc.source else pb.Source(
            stance=pb.ASSERTED)


def _value(c) -> int | None:  # noqa: ANN001
    if c.count.HasField("value"):
        return c.count.value
    if c.count.HasField("low"):
        return c.count.low
    return None


def fold_parts(casualties: list, pb) -> list:  # noqa: ANN001
    """Drop figures that are parts of a total given by the same source for the same kind and group:
    "four servicemen killed ... two killed on the spot ... two succumbed later" stays 4."""
    drop = set()
    for i, total in enumerate(casualties):
        v = _value(total)
        if v is None or v < 2:
            continue
        parts = [j for j, c in enumerate(casualties) if j != i and j not in drop and c.kind == total.kind
                 and c.source.name == total.source.name and (_value(c) or 0) < v and _value(c)
                 and c.count.span.begin > total.count.span.begin
                 and (not c.affiliation or not total.affiliation or c.affiliation == total.affiliation)
                 and c.count.qualifier == pb.Count.EXACT and _same_group(c.group, total.group)]
        if parts and sum(_value(casualties[j]) for j in parts) <= v:
            drop.update(parts)
    return [c for i, c in enumerate(casualties) if i not in drop]


def _same_group(part: str, total: str) -> bool:
    if not part or not total:
        return True
    a = {w.lower().rstrip("s") for w in re.findall(r"\w+", part)}
    b = {w.lower().rstrip("s") for w in re.findall(r"\w+", total)}
    military = {"serviceman", "servicemen", "soldier", "troop", "adviser", "advisor", "trooper", "officer"}
    return bool(a & b) or bool(a & military and b & military)
