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
from fieldreport.service.nlp import children
from fieldreport.service.plugin import Plugin
from fieldreport.service.spans import SpanIndex

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


# Heads of subjects that say nothing themselves: "no arrests were reported", "a threat was made", "a third
# victim was reported": what is reported, not who reports it.
_NOT_SPEAKERS = {"arrest", "threat", "victim", "shooting", "attack", "injury", "wound", "body", "gun", "weapon",
                 "car", "vehicle", "incident", "death", "casualty", "fire", "explosion", "blast", "damage"}


# Who says nothing: "No group claimed responsibility", "nobody has claimed the attack", "none of the
# groups said ...". The report is that no one spoke, so there is no source (and no claim) to record.
_NOBODY = {"nobody", "none", "noone", "no-one"}


def _negated(verb, speaker) -> bool:  # noqa: ANN001
    """A verb of saying that reports silence: negated ("did not claim", "has not said"), or said by no one
    ("No group claimed", "No one has claimed")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    # "No group", "no one" (the determiner "no"), "nobody", "none of the groups"
    return speaker.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in speaker.children)


def _subject(verb):  # noqa: ANN001
    subjects = [c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:  # "A bomb killed 12 people, police said" may parse two subjects: the nearest speaks
        subject = min(subjects, key=lambda c: abs(c.i - verb.i))
        if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
            subject = verb.head  # "a neighbour who said": the neighbour
        if subject.dep_ == "nsubjpass" or subject.lemma_.lower() in _NOT_SPEAKERS or subject.lower_ in ("which",):
            return None
        return subject
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ == "VERB":
        return _subject(verb.head)
    return None


def _phrase(token):  # noqa: ANN001
    """The subject's noun phrase, without relative clauses or appositions after it."""
    left = token.left_edge.i
    right = token.i
    # "A spokesman for the police", "the Ministry of Interior", and a named body's "on":
    # "the National Commission on Human Rights" (a common noun's "on" is what it is about).
    joining = ("for", "of", "on") if token.pos_ == "PROPN" else ("for", "of")
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "prep") and child.i == right + 1 and child.lower_ in joining:
            right = child.right_edge.i
    return token.doc[left:right + 1]


_CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "dative", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "attr",
                 "oprd", "parataxis", "prep", "npadvmod", "agent", "acomp"}


_SUBORDINATORS = {"after", "as", "when", "before", "since", "while", "because", "until", "once", "although",
                  "though", "if", "whereas", "whilst"}


def _reach(verb, speaker, sent) -> tuple[int, int]:  # noqa: ANN001
    """The stretch a verb of saying reports: its speaker, itself and what it says, without a clause that
    only sets the scene before them ("As the court stayed closed, two days after …, his daughter said …")
    nor a clause joined after it ("…, police said, and the victim was taken …")."""
    tokens = [verb, *speaker.subtree]
    left_out = False
    for child in children(verb):
        scene = child.i < speaker.i and (child.dep_ in ("prep", "npadvmod", "advmod") or any(
            g.dep_ == "mark" and g.lower_ in _SUBORDINATORS for g in children(child)))
        if child.dep_ in _CONTENT_DEPS and not scene:
            tokens.extend(child.subtree)
        elif child.dep_ in ("advcl", "conj") or scene:
            left_out = True
    begin = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    if verb.dep_ == "ROOT" and not left_out:
        return sent.start_char, sent.end_char
    closing = not any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative", "parataxis") and c.i > verb.i
                      for c in children(verb)) and \
        all(t.is_punct or t.is_space for t in sent.doc[max(t.i for t in tokens) + 1:sent.end])
    if closing:  # "Two were killed and three wounded, police said": a closing "X said" reports the sentence
        return sent.start_char, sent.end_char
    if begin <= sent.start_char + 2 and end >= sent.end_char - 2:
        return sent.start_char, sent.end_char
    return begin, end


class AttributionPlugin(Plugin):
    name = "attribution"
    version = "0.3.0"
    requires = ("spacy", "actors")
    provides = ("sources", "attribution")
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.sents", "doc.ents")
    description = "Who says each fact, with stance"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        actors = SpanIndex(doc.get("actors"))
        sources, regions = [], []
        last = None  # the last source, for "the ministry", "the statement", and continuations
        last_region_sentence = -2
        for index, sent in enumerate(doc.sentences(self.name)):
            doc.check_deadline()
            found = None
            said = []  # (phrase, stance, begin, end) of every speaker of the sentence
            for tok in sent:
                lemma = tok.lemma_.lower()
                if tok.pos_ == "VERB" and lemma in SAY | CLAIM | DENY:
                    speaker = _subject(tok)
                    if lemma == "quote":  # "X quoted Y as saying": Y speaks
                        obj = next((c for c in children(tok) if c.dep_ == "dobj"), None)
                        speaker = obj or speaker
                    if speaker is None or speaker.pos_ not in ("PROPN", "NOUN", "PRON") or _negated(tok, speaker):
                        continue
                    if lemma == "quote" and said:
                        said.pop()  # the channel that quotes is not the source
                    said.append((_phrase(speaker), _stance(lemma, pb), *_reach(tok, speaker, sent)))
            if said and (len(said) > 1 or said[0][2:] != (sent.start_char, sent.end_char)):
                # Each speaker says what its own clause holds ("Though cops said five were shot, firemen
                # said six were wounded"); a clause that only sets the scene is nobody's report.
                for phrase, stance, begin, end in said:
                    source = self._source(pb, phrase, stance, actors, last)
                    if source is not None:
                        sources.append(source)
                        regions.append(Attribution(begin, end, source))
                        last, last_region_sentence = source, index
                continue
            if said:
                found = said[0][:2]
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
                source = self._source(pb, *found, actors, last)
                if source is None:
                    continue
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

    def _source(self, pb, phrase, stance, actors, last):  # noqa: ANN001
        """The Source of a speaker's phrase; None for a news agency a speaker talks to."""
        text = phrase.text.strip(" ,\"“”")
        if text.lower() in _CHANNELS:
            return None
        return pb.Source(name=self._name(phrase, actors, last), text=text, stance=stance,
                         span=pb.Span(text=text, begin=phrase.start_char, end=phrase.start_char + len(text)))

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
        inside = actors.overlapping(phrase.start_char, phrase.end_char)
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
