"""Which time belongs to an event.

A temporal expression dates the predicate it modifies. Read from the dependency parse, a time is:

- ``EVENT`` when it modifies an incident predicate ("was shot Sunday", "a Monday night shooting",
  "the Wednesday attack", "the incident happened Saturday", "were hospitalized Sunday");
- ``REPORT`` when it modifies a verb or noun of saying ("police said Monday", "in a statement on
  Sunday", "told reporters Tuesday"): the day something was said, not the day it happened; or a
  follow-up ("was sentenced Tuesday", "a vigil was held Sunday", "an autopsy was performed Monday"),
  dated when the incident was already over;
- ``OTHER`` when it modifies any other verb ("were playing cards Saturday evening"): the date of
  something else the article tells;
- ``FREE`` when nothing governs it (a dateline, a fragment).

Expressions that cannot date an incident are left out: durations and sets, clock times without a day
("around 10 p.m." says which hour, not which day), and values the resolver read from a bare number
(an age "Jacquay Howard, 21," or a street number "3006 Holton Avenue").
"""

from __future__ import annotations

import datetime as dt
import enum
import re

from fieldreport.plugins.events import triggers as trig
from fieldreport.service.nlp import children


class TimeRole(enum.IntEnum):
    EVENT = 0
    FREE = 1
    OTHER = 2
    REPORT = 3


# Predicates that tell when an incident took place without naming its kind.
INCIDENT_VERBS = {"happen", "occur", "erupt", "unfold", "take", "break", "ring", "fire", "find", "discover",
                  "hospitalize", "hospitalise", "rush", "transport", "hurt", "pronounce", "die", "succumb", "gun",
                  "respond", "call", "hear"}
INCIDENT_NOUNS = {"incident", "shooting", "attack", "killing", "murder", "homicide", "death", "violence",
                  "standoff", "rampage", "massacre", "ambush", "clash", "fighting", "bombing", "blast", "explosion",
                  "raid", "assault", "gunfire", "shots", "shot", "strike", "crash", "fire", "robbery", "stabbing",
                  "call", "disturbance", "fight", "altercation", "argument", "protest", "demonstration", "riot"}
# What follows an incident and is dated on its own day: court steps, identification, reports on victims.
# Their dates tell when the incident was already over, as a statement's do.
FOLLOW_UP = {"sentence", "charge", "plead", "indict", "arraign", "identify", "rule", "list", "recall", "appear",
             "convict", "extradite", "unseal", "obtain", "remain", "release", "file", "book", "hold", "bury",
             "mourn", "gather", "continue", "search", "investigate", "vigil", "funeral", "hearing", "autopsy",
             "arraignment", "sentencing", "trial"}
# Follow-ups that are also what a crowd or a party does as the event itself ("hundreds gathered at the
# square", "the clans held a peace meeting"): follow-ups only when they are for the dead or the courts
# ("mourners gathered Sunday", "gathered for a vigil", "held a funeral", "was held in jail", "gathered evidence").
_HELD = {"meeting", "rally", "protest", "demonstration", "march", "sit-in", "talks", "strike", "procession",
         "gathering", "assembly", "conference", "negotiation", "consultation", "ceremony"}
_MOURNING = {"vigil", "funeral", "memorial", "mourner", "burial", "wake", "prayer", "service", "hearing", "trial",
             "briefing", "remembrance", "tribute", "candlelight", "press", "news", "evidence"}
# A day word in the expression: without one a clock time says nothing of the day.
_DAY_WORD = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\byesterday\b|\btoday\b|"
                       r"\btonight\b|\blast night\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
                       r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{1,2})?\s+(?:of\s+)?"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
                       r"\d{1,2}/\d{1,2}|\b\d{4}-\d{2}-\d{2}\b|\bday\b|\bmorning\b|\bevening\b|\bweekend\b",
                       re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]")
# Page furniture: "Updated: Jun 9, 2016 - 9:19 AM", "Posted on 13 August 2013", a tweet's "(@name) October 24, 2016".
_STAMP_BEFORE = re.compile(r"(?:updated|posted|published|modified|date|created)(?:\s+on)?\s*:?\s*$|\(@\w+\)\s*$|"
                           r"(?:copyright|©)\s*(?:\(c\)\s*)?$|"
                           r"\d{1,2}/\d{1,2}/\d{2,4}\s*$", re.IGNORECASE)
_STAMP_AFTER = re.compile(r"^\s*[-–—|,]?\s*(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:\n|$|[A-Z]{2,4}\b)|"
                          r"^\s+block\b", re.IGNORECASE)  # and "the 2000 block of Jaden Lane": an address


def page_stamp(text: str, tv) -> bool:  # noqa: ANN001
    """A date the page prints about itself (updated, posted, a tweet's date), not about the incident."""
    before = text[max(0, tv.span.begin - 24):tv.span.begin]
    after = text[tv.span.end:tv.span.end + 16]
    return bool(_STAMP_BEFORE.search(before) or _STAMP_AFTER.match(after))


def usable(tv, published: dt.date | None, text: str = "") -> bool:  # noqa: ANN001 - fieldreport.v1.TimeValue
    """Whether a resolved expression can date an incident at all."""
    if tv.type not in ("DATE", "TIME") or not tv.start or tv.inferred:
        return False
    if text and page_stamp(text, tv):
        return False
    text = tv.text.strip()
    if not _LETTERS.search(text) and not re.fullmatch(r"(?:1[89]|20)\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
                                                       r"\d{4}-\d{2}-\d{2}", text):
        return False  # "21" (an age), "3006" (a street number)
    try:
        start = dt.date.fromisoformat(tv.start)
    except ValueError:
        return False
    if published is not None and not (published.year - 60 <= start.year <= published.year + 1):
        return False
    if published is not None and start > published + dt.timedelta(days=1):
        return False  # a court date, a funeral to come: not what happened
    if tv.type == "TIME" and not _DAY_WORD.search(text):
        return False  # "around 10 p.m.": the hour, not the day
    return True


def finer(a, b) -> bool:  # noqa: ANN001
    """Whether time ``a`` is finer than ``b`` ("Sunday" is finer than "this week")."""
    return b is None or (a.granularity or 9) < (b.granularity or 9)


def sharper(new, old) -> bool:  # noqa: ANN001
    """Whether ``new`` dates a predicate better than ``old``, both told in one sentence: a finer time inside
    it ("a stabbing last month ... the June 14 stabbing"), or a date written out with its year against one
    read from the publication date ("a clerk was shot this morning, Medford, Oregon, March 4, 2014": a
    caption's own date, which its "this morning" refers to)."""
    if finer(new, old) and old.start <= new.start and new.end <= old.end:
        return True
    return (new.granularity == old.granularity and new.start != old.start and not new.anchor and
            old.anchor.startswith("published:"))


def day_value(tv, pb):  # noqa: ANN001
    """An event's ``when``: the expression at the grain of a day or coarser (a time of day gives its day).

    A range of days ("between 9 and 13 Aug", "from 11 to 13 Aug") gives its last day, the anchor keeping
    the range: ACLED codes one event per day ("incidents that differ on time ... are coded as separate
    events"), and where a report tells several days as one ("riots from 11 to 13 Aug left five dead"),
    the last is the day by which all it tells (the toll of the whole stretch) had happened — the day a
    coder can date it to, and the first on which the report was true. The range stays in the ``times``
    layer with its start and end."""
    when = pb.TimeValue()
    when.CopyFrom(tv)
    if when.granularity == pb.TimeValue.DAY and "/" in when.value and when.start != when.end:
        when.anchor = f"range:{when.start}/{when.end}, last day"
        when.value = when.start = when.end
        when.type = "DATE"
    elif when.granularity == pb.TimeValue.DAY and len(when.value) > 10 and when.value[:10] == when.start:
        when.value = when.start  # "2016-04-18TNI" (Monday night) → 2016-04-18
        when.type = "DATE"
    return when


def governor(span):  # noqa: ANN001 - spaCy Span of the expression
    """The word the expression modifies: climb from its root past prepositions and its own words."""
    tok = span.root
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.i < span.start or head.i >= span.end:
            if head.pos_ == "ADP" or head.dep_ == "prep" and head.pos_ not in ("VERB", "NOUN"):
                tok = head
                continue
            return head
        tok = head
    return None


def _subject_is_incident(verb) -> bool:  # noqa: ANN001
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in INCIDENT_NOUNS for c in children(verb))


def _assembles(verb) -> bool:  # noqa: ANN001
    """"Hundreds gathered", "the clans held a peace meeting": a crowd's or a party's gathering, which is the
    event a note tells, not a follow-up (no vigil, funeral, hearing, press or mourners among its words)."""
    lemma = verb.lemma_.lower()
    objects = [c for c in children(verb) if c.dep_ in ("dobj", "nsubjpass")]
    if lemma == "gather":
        assembly = not any(c.dep_ == "dobj" for c in children(verb))  # "gathered evidence" is an inquiry's
    elif lemma == "hold":
        assembly = any(c.lemma_.lower() in _HELD for c in objects)
    else:
        return False
    words = [t for t in verb.subtree if abs(t.i - verb.i) < 12]
    return assembly and not any(t.lemma_.lower() in _MOURNING for t in words)


def _follows_up(verb) -> bool:  # noqa: ANN001
    """A verb told of a follow-up: "an autopsy was performed Monday", "the trial opened Friday"."""
    nouns = [c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "acl" and verb.head.i != verb.i:
        nouns.append(verb.head)
    return any(n.lemma_.lower() in FOLLOW_UP for n in nouns)


def role(sdoc, tv) -> tuple[TimeRole, object]:  # noqa: ANN001
    """(role, governing token) of a time in the parse."""
    span = sdoc.char_span(tv.span.begin, tv.span.end, alignment_mode="expand")
    if span is None:
        return TimeRole.FREE, None
    head = governor(span)
    for _ in range(4):
        if head is None:
            return TimeRole.FREE, None
        lemma = head.lemma_.lower()
        if future(head):
            return TimeRole.OTHER, head  # "will appear in court on Thursday"
        if head.pos_ == "VERB" and _assembles(head):
            return TimeRole.EVENT, head
        if lemma in trig.SAYING or lemma in FOLLOW_UP or head.pos_ == "VERB" and _follows_up(head):
            if head.pos_ == "VERB" and _subject_is_incident(head):
                return TimeRole.EVENT, head  # "the shooting was reported about 12:45 a.m."
            return TimeRole.REPORT, head
        if head.pos_ in ("NOUN", "PROPN"):
            if lemma in INCIDENT_NOUNS or trig.category(head):
                return TimeRole.EVENT, head  # "the Wednesday attack", "Sunday's shooting"
            if lemma in ("conference", "briefing", "interview", "update", "release", "post", "tweet"):
                return TimeRole.REPORT, head
            head = head.head if head.head.i != head.i else None  # "at the scene Sunday": the verb above
            continue
        if head.pos_ in ("VERB", "AUX"):
            if trig.category(head) or lemma in INCIDENT_VERBS or trig.casualty_verb(head):
                return TimeRole.EVENT, head
            if any(c.dep_ == "dobj" and trig.category(c) for c in children(head)):
                return TimeRole.EVENT, head  # "after exchanging gunfire with officers Thursday afternoon"
            if future(head):
                return TimeRole.OTHER, head
            if head.dep_ == "xcomp" and head.head.i != head.i and (
                    trig.category(head.head) or head.head.lemma_.lower() in INCIDENT_VERBS):
                return TimeRole.EVENT, head.head
            if lemma == "be" and _subject_is_incident(head):
                return TimeRole.EVENT, head
            return TimeRole.OTHER, head
        head = head.head if head.head.i != head.i else None
    return TimeRole.FREE, None


def future(token) -> bool:  # noqa: ANN001
    """A predicate still to come: "will appear", "would appear", "is scheduled to appear"."""
    if token is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in children(token)):
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_.lower() in ("schedule", "expect", "set", "due", "plan")


def clock_only(tv) -> bool:  # noqa: ANN001
    """A clock time that names no day ("around 10 p.m.")."""
    return tv.type == "TIME" and "T" in tv.value and not _DAY_WORD.search(tv.text)


def night(tv) -> bool:  # noqa: ANN001
    """A clock time from 6 p.m. on."""
    m = re.search(r"T(\d\d)", tv.value)
    return bool(m) and int(m.group(1)) >= 18
