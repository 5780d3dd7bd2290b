"""Events typed with ACLED's taxonomy, with date, place, actors, figures and modality (layer ``events``).

Incident assembly: sentences with a trigger or a casualty figure are read in order; a sentence joins
the incident being told unless it brings a date of its own that differs (and does not point back with
"the Wednesday attack", "the ensuing clashes"). Claims stay apart inside the merged event: each figure
keeps its source. Background sentences ("has been gripped since 2011", "began in 2015", "continue to")
make no event. An event's date is the date of its own expression, not the date a statement was made
("said on Sunday"); with none, the publication date stands in, marked ``inferred``.
"""

from __future__ import annotations

import dataclasses
import re

from fieldreport.plugins.events import triggers as trig
from fieldreport.service.plugin import Plugin

_PLACE_RANK = {("city", "exact"): 0, ("city", "near"): 0, ("region", "exact"): 2, ("admin2", "exact"): 1,
               ("city", "offset"): 2, ("admin1", "admin1"): 3, ("region", "near"): 2}


@dataclasses.dataclass
class _Draft:
    sentences: list = dataclasses.field(default_factory=list)
    triggers: list = dataclasses.field(default_factory=list)  # (token, category)
    strong_date: object = None  # TimeValue of the event's own expression
    weak_date: object = None  # a date attached to a verb of saying


def _is_reporting_date(doc, tv) -> bool:  # noqa: ANN001
    """A date that tells when something was said ("said in a statement on Sunday")."""
    span = doc.char_span(tv.span.begin, tv.span.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(7):
        if tok.lemma_.lower() in trig.SAYING and tok.pos_ in ("VERB", "NOUN"):
            return True
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in trig.SAYING:
            return False
        if tok.head == tok:
            break
        tok = tok.head
    return False


def _same_time(tv, other) -> bool:  # noqa: ANN001
    return other is None or tv.start == other.start or (tv.start <= other.start <= tv.end) or \
        (other.start <= tv.start <= other.end)


def _later_report(said, draft: _Draft) -> bool:  # noqa: ANN001
    """A statement dated after the incident it reports on (within a week) still tells that incident;
    one dated before it, or with no incident date to compare, starts another story."""
    told = draft.strong_date or draft.weak_date
    if told is None:
        return True
    return told.start <= said.start and (said.start <= told.end or _days(told.end, said.start) <= 7)


def _days(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


class EventsPlugin(Plugin):
    name = "events"
    version = "0.2.0"
    requires = ("spacy", "times", "places", "actors", "casualties", "attribution")
    provides = ("events",)
    description = "Events typed with ACLED's taxonomy, with date, place, actors, figures and modality"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        sdoc = doc.spacy
        times = [t for t in doc.get("times") if t.type in ("DATE", "TIME") and t.start]
        casualties = doc.get("casualties")
        drafts: list[_Draft] = []
        current: _Draft | None = None
        for sent in sdoc.sents:
            found = [(tok, trig.trigger_category(tok)) for tok in sent]
            found = [(tok, cat) for tok, cat in found if cat]
            sent_casualties = [c for c in casualties if sent.start_char <= c.evidence.begin < sent.end_char]
            if not found and not sent_casualties:
                continue
            if trig.BACKGROUND.search(sent.text) and not sent_casualties:
                continue
            dates = [t for t in times if sent.start_char <= t.span.begin < sent.end_char]
            strong = [t for t in dates if not _is_reporting_date(sdoc, t)]
            weak = [t for t in dates if t not in strong]
            anaphora = bool(trig.ANAPHORA.search(sent.text))
            own = strong[0] if strong else None
            said = weak[0] if weak else None
            joins = current is not None and (
                anaphora and own is not None and current.strong_date is None
                or (own is None and said is None)
                or (own is not None and _same_time(own, current.strong_date or current.weak_date))
                or (own is None and said is not None and _later_report(said, current))
            )
            if not joins:
                current = _Draft()
                drafts.append(current)
            current.sentences.append(sent)
            current.triggers.extend(found)
            if own is not None and current.strong_date is None:
                current.strong_date = own
            if weak and current.weak_date is None:
                current.weak_date = weak[0]
        events = []
        for draft in drafts:
            event = self._event(doc, draft, casualties, pb)
            if event is not None:
                event.id = f"e{len(events) + 1}"
                events.append(event)
        doc.add("events", events)

    def _event(self, doc, draft: _Draft, casualties, pb):  # noqa: ANN001
        begin, end = draft.sentences[0].start_char, draft.sentences[-1].end_char
        inside = lambda span: any(s.start_char <= span.begin < s.end_char for s in draft.sentences)  # noqa: E731
        event_casualties = [c for c in casualties if inside(c.evidence)]
        categories = {cat for _tok, cat in draft.triggers}
        if not event_casualties and categories <= {"kill"}:
            return None  # "wounded" or "killed" with nothing counted and no attack: not enough for an incident
        event = pb.Event()
        trigger = next((tok for tok, cat in draft.triggers if cat not in ("kill",)), None) or \
            (draft.triggers[0][0] if draft.triggers else None)
        if trigger is not None:
            event.trigger.CopyFrom(pb.Span(text=trigger.text, begin=trigger.idx, end=trigger.idx + len(trigger.text)))
        for s in draft.sentences:
            event.evidence.add(text=s.text, begin=s.start_char, end=s.end_char)
        # when
        when = draft.strong_date or draft.weak_date
        if when is not None:
            event.when.CopyFrom(when)
        elif doc.published:
            event.when.CopyFrom(pb.TimeValue(value=doc.published.isoformat(), start=doc.published.isoformat(),
                                             end=doc.published.isoformat(), granularity=pb.TimeValue.DAY,
                                             anchor=f"published:{doc.published.isoformat()}", inferred=True,
                                             type="DATE"))
            doc.warn("DATE_INFERRED", f"event {len(doc.get('events')) + 1}: no date in the text; the publication "
                                      "date stands in", self.name)
        # where
        places = [p for p in doc.get("places") if inside(p.span) and p.precision != "unresolved"]
        event.places.extend(places)
        if places:
            ranked = sorted(places, key=lambda p: (_PLACE_RANK.get((p.feature, p.precision),
                                                                  4 if p.feature == "country" else 3), p.span.begin))
            event.where.CopyFrom(ranked[0])
        # actors and roles
        victims = {c.affiliation for c in event_casualties if c.affiliation}
        sources = {c.source.name for c in event_casualties} | {r.source.name for r in doc.get("attribution")
                                                               if begin <= r.begin < end}
        roles = self._roles(doc, draft)
        seen = set()
        for actor in doc.get("actors"):
            if not inside(actor.span) or actor.name in sources or actor.actor_type == "other" and \
                    actor.name.endswith(("Presse", "Reuters", "Associated Press", "Interfax")):
                continue
            role = roles.get(actor.span.begin)
            if role is None:
                role = pb.Actor.VICTIM if actor.name in victims else pb.Actor.OTHER
            key = (actor.name, role)
            if key in seen:
                continue
            seen.add(key)
            copy = pb.Actor()
            copy.CopyFrom(actor)
            copy.role = role
            event.actors.append(copy)
        event.casualties.extend(event_casualties)
        # instruments
        text = doc.text[begin:end]
        for m in trig.INSTRUMENTS.finditer(text):
            event.instruments.add(text=m.group(0), begin=begin + m.start(), end=begin + m.end())
        # type
        perpetrators = {a.actor_type for a in event.actors if a.role == pb.Actor.PERPETRATOR}
        victim_types = {a.actor_type for a in event.actors if a.role in (pb.Actor.VICTIM, pb.Actor.TARGET)}
        has_killed = any(c.kind == pb.Casualty.KILLED for c in event_casualties)
        event.event_type, event.sub_event_type = trig.classify(
            categories, [i.text for i in event.instruments], perpetrators, victim_types, has_killed)
        # modality and source
        regions = [r for r in doc.get("attribution") if begin <= r.begin < end]
        stances = [r.source.stance for r in regions]
        if trigger is not None:
            own = [r.source.stance for r in regions if r.begin <= trigger.idx < r.end]
            stances = own or stances
        if stances and all(s == pb.DENIED for s in stances[:1]):
            event.modality = pb.DENIED
        elif stances and all(s == pb.CLAIMED for s in stances):
            event.modality = pb.CLAIMED
        elif trigger is not None and any(c.lower_ in ("may", "might", "could", "would") and c.dep_ == "aux"
                                         for c in trigger.children):
            event.modality = pb.HYPOTHETICAL
        else:
            event.modality = pb.ASSERTED
        if regions:
            event.source.CopyFrom(regions[0].source)
        elif doc.source:
            event.source.CopyFrom(pb.Source(name=doc.source, text=doc.source, stance=pb.ASSERTED))
        score = 0.4 + 0.15 * bool(draft.strong_date) + 0.15 * bool(places) + 0.15 * bool(event_casualties) + \
            0.1 * bool(perpetrators)
        event.confidence = round(min(0.95, score), 2)
        return event

    @staticmethod
    def _roles(doc, draft: _Draft) -> dict[int, int]:  # noqa: ANN001
        """Actor span start → role, from the syntax of the triggers: who attacks (subject, "by X"), what is
        attacked (object, "against X")."""
        from fieldreport.v1 import fieldreport_pb2 as pb

        roles: dict[int, int] = {}
        actors = doc.get("actors")

        def actor_at(token):  # noqa: ANN001
            for a in actors:
                if a.span.begin <= token.idx < a.span.end:
                    return a
            return None

        for tok, cat in draft.triggers:
            if cat in ("protest",):
                continue
            verb = tok if tok.pos_ == "VERB" else (tok.head if tok.head.pos_ == "VERB" else None)
            candidates = []
            if verb is not None:
                passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
                for child in verb.children:
                    if child.dep_ == "nsubj" and not passive:
                        candidates.append((child, pb.Actor.PERPETRATOR))
                    elif child.dep_ == "dobj" and tok is verb:
                        candidates.append((child, pb.Actor.TARGET))
                    elif child.dep_ == "nsubjpass":
                        candidates.append((child, pb.Actor.TARGET))
                    elif child.dep_ == "agent":
                        candidates.extend((g, pb.Actor.PERPETRATOR) for g in child.children if g.dep_ == "pobj")
            for child in tok.children:  # "an attack by US forces", "an attack against a battery"
                if child.dep_ == "prep" and child.lower_ in ("by",):
                    candidates.extend((g, pb.Actor.PERPETRATOR) for g in child.children if g.dep_ == "pobj")
                if child.dep_ == "prep" and child.lower_ in ("against", "on"):
                    candidates.extend((g, pb.Actor.TARGET) for g in child.children if g.dep_ == "pobj")
                if child.dep_ == "agent":
                    candidates.extend((g, pb.Actor.PERPETRATOR) for g in child.children if g.dep_ == "pobj")
            for head, role in candidates:
                for t in [head, *[c for c in head.conjuncts]]:
                    actor = actor_at(t)
                    if actor is None:
                        continue
                    if role == pb.Actor.TARGET and actor.actor_type in ("civilians",):
                        role = pb.Actor.VICTIM
                    roles.setdefault(actor.span.begin, role)
        return roles
