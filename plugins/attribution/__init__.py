"""Who says each fact, with stance (layers ``sources`` and ``attribution``).

Reported speech is read from the dependency parse: the subject of a verb of saying ("X said",
"X claimed", "X denied", "X told AFP"), the object of "according to", and the speaker of
"quoted Y as saying". Its stretch of text is the sentence; a following sentence with no source of its
own that continues the report ("Two servicemen succumbed ...") inherits it, and "the ministry",
"the statement", "he" refer back to the last compatible source. News agencies a speaker talks *to*
("told AFP") are channels, not sources.
"""

from __future__ import annotations

import re

from fieldreport.service.document import Attribution
from fieldreport.service.plugin import Plugin

SAY = {"say", "state", "tell", "report", "announce", "add", "confirm", "quote", "insist", "reveal", "warn",
       "note", "explain", "declare", "write", "tweet", "acknowledge", "admit", "cite", "indicate", "show"}
CLAIM = {"claim", "allege", "accuse", "assert"}
DENY = {"deny", "reject", "dismiss", "refute", "rebuff"}
_CHANNELS = {"afp", "reuters", "ap", "the associated press", "associated press", "interfax", "al jazeera", "bbc",
             "cnn", "tass", "ria novosti", "sana", "xinhua", "anadolu"}
_ANAPHORA = re.compile(r"^(?:the|this|that)\s+(?:ministry|statement|army|military|group|police|spokesman|spokesperson|"
                       r"official|agency|observatory|monitor|command|government)$|^(?:he|she|they|it)$", re.I)


def _stance(lemma: str, pb):  # noqa: ANN001
    if lemma in DENY:
        return pb.DENIED
    if lemma in CLAIM:
        return pb.CLAIMED
    return pb.ASSERTED


def _subject(verb):  # noqa: ANN001
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ == "VERB":
        return _subject(verb.head)
    return None


def _phrase(token):  # noqa: ANN001
    """The subject's noun phrase, without relative clauses or appositions after it."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "prep") and child.i == right + 1 and child.lower_ in ("for", "of"):
            right = child.right_edge.i
    return token.doc[left:right + 1]


class AttributionPlugin(Plugin):
    name = "attribution"
    version = "0.2.0"
    requires = ("spacy", "actors")
    provides = ("sources", "attribution")
    description = "Who says each fact, with stance"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        actors = doc.get("actors")
        sources, regions = [], []
        last = None  # the last source, for "the ministry", "the statement", and continuations
        last_region_sentence = -2
        for index, sent in enumerate(doc.spacy.sents):
            found = None
            for tok in sent:
                lemma = tok.lemma_.lower()
                if tok.pos_ == "VERB" and lemma in SAY | CLAIM | DENY:
                    speaker = _subject(tok)
                    if lemma == "quote":  # "X quoted Y as saying": Y speaks
                        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                        speaker = obj or speaker
                    if speaker is None or speaker.pos_ not in ("PROPN", "NOUN", "PRON"):
                        continue
                    found = (_phrase(speaker), _stance(lemma, pb))
                    if lemma not in ("quote",):
                        break
            if found is None:
                m = re.search(r"\baccording to\s+", sent.text, re.I)
                if m:
                    start = sent.start_char + m.end()
                    span = doc.spacy.char_span(start, sent.end_char, alignment_mode="contract")
                    if span is not None and len(span):
                        head = span[0]
                        while head.head != head and head.head.i >= span.start and head.head.i < span.end:
                            head = head.head
                        found = (doc.spacy[span.start:min(span.end, head.right_edge.i + 1)], pb.ASSERTED)
            if found is not None:
                phrase, stance = found
                text = phrase.text.strip(" ,\"“”")
                name = self._name(phrase, actors, last)
                if text.lower() in _CHANNELS:
                    continue
                source = pb.Source(name=name, text=text, stance=stance,
                                   span=pb.Span(text=text, begin=phrase.start_char, end=phrase.start_char + len(text)))
                sources.append(source)
                regions.append(Attribution(sent.start_char, sent.end_char, source))
                last, last_region_sentence = source, index
            elif last is not None and index == last_region_sentence + 1 and self._continues(sent):
                inherited = pb.Source()
                inherited.CopyFrom(last)
                regions.append(Attribution(sent.start_char, sent.end_char, inherited))
                last_region_sentence = index
        doc.add("sources", sources)
        doc.add("attribution", regions)

    @staticmethod
    def _continues(sent) -> bool:  # noqa: ANN001
        """A sentence that carries on a report: short, past tense, about the same casualties or clash,
        not background ("has been", "since")."""
        text = sent.text.lower()
        if any(ent.label_ == "DATE" for ent in sent.ents):
            return False  # a date of its own starts another story ("were killed in early February")
        if re.search(r"\b(?:has been|have been|since|began|continue|ongoing)\b", text):
            return False
        return bool(re.search(r"\b(?:killed|died|succumbed|injur|wound|hurt|captured|clash|attack|fighting)\w*", text))

    @staticmethod
    def _name(phrase, actors, last) -> str:  # noqa: ANN001
        """Canonical name: the actor mention inside the phrase, or the last source it refers back to."""
        inside = [a for a in actors if a.span.begin < phrase.end_char and phrase.start_char < a.span.end]
        text = phrase.text.strip()
        named = [a for a in inside if a.actor_type == "other" or a.name.startswith(("Ministry", "Syrian Observatory"))]
        if _ANAPHORA.match(text) and last is not None:
            if not inside or inside[0].name == last.name:
                return last.name
        if named:
            return named[0].name
        if inside:
            return inside[0].name
        if _ANAPHORA.match(text) and last is not None:
            return last.name
        return text
