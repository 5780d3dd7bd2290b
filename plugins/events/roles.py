"""Actor roles in an event, read from the dependency parse of its triggers.

- PERPETRATOR: the agent of a violent trigger: the subject of an active verb ("militants attacked"),
  the "by" phrase of a passive verb or of a noun ("came under attack by US forces"), the subject of a
  light verb carrying the trigger ("militants launched an attack", "gunmen opened fire"), a possessor
  or a name in front of the noun ("Boko Haram's attack", "a Boko Haram raid").
- TARGET: what was attacked, when it is a unit, a force, a building or a convoy: the object of the
  trigger ("attacked Syrian government forces"), "against"/"on"/"at" phrases ("an attack against an
  artillery battery", "opened fire on a patrol").
- VICTIM: people harmed: the object of killing, wounding, shooting, taking; civilians attacked; the
  affiliation of a casualty figure ("four Russian servicemen lost their lives").
- OTHER: any other actor named in the event's sentences.

Named people (the ``people`` layer holds those the actors plugin found a part in violence for) follow the
parse as groups do; beyond it, the person charged with, arrested for or suspected of the trigger ("Doe was charged
with murder", "arrested in connection with the shooting", "faces two counts of murder") is its agent, and
a person the event's sentences name whom the parse gives no part in its triggers plays the part the actors
layer read for them (a suspect, ``other``: PERPETRATOR; someone harmed, ``civilians``: VICTIM).
A person killed or hurt is a VICTIM whatever the trigger ("Roe died at the scene", "Roe's killing").

One role per actor (canonical name) per event: PERPETRATOR before TARGET before VICTIM before OTHER, so
an attacker that also loses fighters stays the attacker.
"""

from __future__ import annotations

from fieldreport.service.nlp import children, conjuncts
from fieldreport.service.spans import SpanIndex

PRECEDENCE = {1: 0, 2: 1, 3: 2, 4: 3}  # pb.Actor.Role value → rank (PERPETRATOR, TARGET, VICTIM, OTHER)
# Triggers whose object is a person harmed (VICTIM) rather than something attacked (TARGET).
HARMING = {"kill", "die", "injure", "shoot", "abduction", "capture", "sexual", "mob"}
LIGHT_VERBS = {"launch", "carry", "stage", "mount", "conduct", "open", "unleash", "wage", "perpetrate", "commit",
               "claim", "execute", "undertake", "initiate", "lead", "begin", "start"}
PERSON_TYPES = {"civilians", "protesters"}
# Whoever these verbs (or nouns) are about is the one held for the violence they name.
CHARGING = {"charge", "arrest", "book", "indict", "accuse", "convict", "sentence", "arraign", "want", "face", "plead",
            "suspect", "detain", "jail", "apprehend", "prosecute", "try", "hold", "seek"}
SUSPECTS = {"suspect", "suspects", "shooter", "gunman", "killer", "assailant", "attacker", "perpetrator", "murderer",
            "interest"}  # "a person of interest in the shooting"
_THROUGH = {"count", "charge", "connection", "relation", "death", "role", "part", "person", "involvement"}


def _actor_at(actors: SpanIndex, token):  # noqa: ANN001
    return next(iter(actors.containing(token.idx)), None)


def actors_in(actors, token):  # noqa: ANN001
    """Actors named by the noun phrase headed by ``token`` (without its relative clauses); ``actors`` is
    a list or, to ask it for many tokens, a :class:`SpanIndex` of one."""
    if not isinstance(actors, SpanIndex):
        actors = SpanIndex(actors)
    direct = _actor_at(actors, token)
    if direct is not None:
        return [direct]
    skip = set()
    for t in token.subtree:
        if t.i in skip:  # inside a clause already left out: its tokens are in
            continue
        if t.i != token.i and (t.dep_ in ("relcl", "acl", "appos") or t.dep_ == "prep" and t.lower_ != "of"):
            skip.update(x.i for x in t.subtree)
    begin, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    for child in children(token):
        if child.dep_ in ("appos", "npadvmod", "conj") and child.i > token.i:
            found = actors.containing(child.idx)
            if found:
                return found[:1]  # "BAMAKO — Gunmen ...": a dateline parsed as the subject
    found = []
    for a in actors.starting_in(begin, end):
        tok = token.doc.char_span(a.span.begin, a.span.end, alignment_mode="expand")
        if tok is not None and tok.root.i not in skip:
            found.append(a)
    return found[:2]


def _antecedent(token):  # noqa: ANN001
    """ "gunmen who attacked": the noun a relative pronoun stands for."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _with_conjuncts(token):  # noqa: ANN001
    return [token, *conjuncts(token)]


def _held_for(trigger) -> list:  # noqa: ANN001
    """Who is charged with, arrested for or suspected of ``trigger``: "Doe was charged with murder",
    "arrested Doe in connection with the shooting", "Doe faces two counts of murder", "Doe, a suspect in
    the killing"."""
    tok = trigger
    for _ in range(6):
        if tok.head.i == tok.i or tok.dep_ not in ("pobj", "pcomp", "prep", "compound", "amod", "dobj", "attr",
                                                    "appos", "nsubjpass"):
            return []
        if tok.dep_ in ("dobj", "attr", "appos", "nsubjpass") and (tok.i == trigger.i or
                                                                 tok.lemma_.lower() not in _THROUGH | SUSPECTS):
            return []  # "admitted the killing" tells nothing of who is held for it
        tok = tok.head
        lemma = tok.lemma_.lower()
        if tok.pos_ == "ADP":
            continue
        if tok.pos_ == "VERB" and lemma in CHARGING:
            held = [c for c in children(tok) if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() not in _THROUGH] \
                or [c for c in children(tok) if c.dep_ == "nsubj" and lemma in ("face", "plead")]
            if not held and tok.dep_ == "conj":  # "was arrested and charged with murder"
                held = [c for c in children(tok.head) if c.dep_ in ("nsubjpass", "dobj")]
            return [_antecedent(h) for h in held]
        if tok.pos_ in ("NOUN", "PROPN") and lemma in SUSPECTS:
            named = [c for c in children(tok) if c.dep_ == "appos"]
            if tok.dep_ == "appos":
                named.append(tok.head)
            elif tok.dep_ == "attr":
                named.extend(c for c in children(tok.head) if c.dep_ == "nsubj")
            elif tok.dep_ == "pobj" and tok.head.lower_ == "as":  # "identified Doe as a suspect in"
                named.extend(c for c in children(tok.head.head) if c.dep_ in ("dobj", "nsubjpass"))
            return [_antecedent(n) for n in named] or [tok]
        if not (tok.pos_ in ("NOUN", "PROPN") and lemma in _THROUGH):
            return []
    return []


def arguments(trigger, category: str) -> list[tuple[object, str]]:  # noqa: ANN001
    """(token, "agent" | "patient") pairs for one trigger."""
    args = []
    if trigger.pos_ == "VERB":
        # "were shot" (auxpass), and "found five people shot" (a participle with no auxiliary of its own)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children(trigger)) or (
            trigger.tag_ == "VBN" and not any(c.dep_ in ("aux",) for c in children(trigger)) and
            trigger.dep_ in ("ccomp", "xcomp", "oprd", "acl", "advcl", "conj"))
        undergoer = category in ("die",)  # "two servicemen succumbed": the subject suffered it
        for c in children(trigger):
            if c.dep_ == "nsubj" and (undergoer or passive):
                args.append((_antecedent(c), "patient"))
            elif c.dep_ == "nsubj" and not passive:
                args.append((_antecedent(c), "agent"))
            elif c.dep_ in ("dobj", "nsubjpass"):
                args.append((_antecedent(c), "patient"))
            elif c.dep_ == "agent":
                args.extend((g, "agent") for g in children(c) if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "with", "upon"):
                role = "patient" if c.lower_ != "with" or category == "clash" else None
                if role:
                    args.extend((g, role) for g in children(c) if g.dep_ == "pobj")
        if not any(r == "agent" for _, r in args) and trigger.dep_ in ("xcomp", "conj", "advcl") and \
                trigger.head.pos_ == "VERB" and not passive and not undergoer:
            subj = next((c for c in children(trigger.head) if c.dep_ == "nsubj"), None)
            if subj is not None:  # "gunmen stormed the village and killed ten": the subject is shared
                args.append((_antecedent(subj), "agent"))
        if not any(r == "agent" for _, r in args) and trigger.dep_ == "relcl" and not passive and not undergoer:
            args.append((trigger.head, "agent"))  # "gunmen who attacked"
        if not any(r == "agent" for _, r in args):
            args.extend((h, "agent") for h in _held_for(trigger))  # "charged with killing his neighbour"
        return args
    # a noun trigger
    for c in children(trigger):
        if c.dep_ == "prep" and c.lower_ == "by" or c.dep_ == "agent":
            args.extend((g, "agent") for g in children(c) if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("against", "on", "targeting", "upon", "at"):
            args.extend((g, "patient") for g in children(c) if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ == "of" and category in HARMING:
            args.extend((g, "patient") for g in children(c) if g.dep_ == "pobj")  # "the killing of two soldiers"
        elif c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN") and c.lemma_.lower() not in (
                "suicide", "car", "truck", "roadside", "mortar", "rocket", "air", "drone", "grenade", "gun", "knife",
                "night", "morning", "evening", "weekend", "day"):
            args.append((c, "agent"))
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in ("responsibility", "credit"):
        verb = head.head.head  # "Al-Shabab claimed responsibility for the bombing"
        args.extend((_antecedent(c), "agent") for c in children(verb) if c.dep_ == "nsubj")
    if trigger.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS:
        for c in children(head):
            if c.dep_ == "nsubj":
                args.append((_antecedent(c), "agent"))
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon"):
                args.extend((g, "patient") for g in children(c) if g.dep_ == "pobj")
    if trigger.dep_ in ("compound", "amod") and head.lemma_.lower() == "death":  # "the shooting death of Roe"
        for c in children(head):
            if c.dep_ == "prep" and c.lower_ == "of":
                args.extend((g, "patient") for g in children(c) if g.dep_ == "pobj")
    if not any(r == "agent" for _, r in args):
        args.extend((h, "agent") for h in _held_for(trigger))  # "Doe was charged with murder"
    if trigger.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ == "VERB":
        verb = head.head  # "came under attack by US forces"
        for c in children(verb):
            if c.dep_ == "prep" and c.lower_ == "by" or c.dep_ == "agent":
                args.extend((g, "agent") for g in children(c) if g.dep_ == "pobj")
            elif c.dep_ == "nsubj":
                args.append((_antecedent(c), "patient"))
    return args


def assign(triggers, actors, casualties, pb, people=frozenset()) -> dict[str, int]:  # noqa: ANN001
    """Canonical actor name → role, for the actors the parse gives a part in the event; ``people``: the
    names of the actors that are named people."""
    roles: dict[str, int] = {}
    actor_index = SpanIndex(actors)

    def give(name: str, role: int) -> None:
        if name and (name not in roles or PRECEDENCE[role] < PRECEDENCE[roles[name]]):
            roles[name] = role

    for tok, cat in triggers:
        if cat in ("incident", "protest", "agreement", "change", "base", "withdraw"):
            continue
        for arg, part in arguments(tok, cat):
            for t in _with_conjuncts(arg):
                found = actors_in(actor_index, t)
                # "shot the suspect, Tom Smith": the person named beside the noun
                found += [a for c in children(t) if c.dep_ == "appos" for a in actors_in(actor_index, c)
                          if a.name in people and a not in found]
                for actor in found:
                    person = actor.name in people
                    if cat == "die" and not person:
                        continue  # groups that lost men are told by the casualty figures
                    agent = part == "agent" and not (
                        person and t.dep_ == "poss" and cat in HARMING and
                        not any(c.dep_ == "prep" and c.lower_ == "of" for c in children(tok)))  # "Roe's killing"
                    if agent:
                        give(actor.name, pb.Actor.PERPETRATOR)
                    elif cat in HARMING or actor.actor_type in PERSON_TYPES and cat not in ("arrest",):
                        give(actor.name, pb.Actor.VICTIM)
                    else:
                        give(actor.name, pb.Actor.TARGET)
    for c in casualties:
        if c.affiliation and c.kind in (pb.Casualty.KILLED, pb.Casualty.INJURED, pb.Casualty.CAPTURED,
                                        pb.Casualty.MISSING):
            give(c.affiliation, pb.Actor.VICTIM)
        elif c.affiliation and c.kind == pb.Casualty.ARRESTED:
            give(c.affiliation, pb.Actor.TARGET)
    harmed = (pb.Casualty.KILLED, pb.Casualty.INJURED)
    violent = any(cat not in ("incident", "protest", "agreement", "change", "base", "withdraw", "arrest", "territory")
                  for _, cat in triggers) or any(c.kind in harmed for c in casualties)
    if violent:  # people the parse of the triggers leaves out play the part the actors layer read for them
        for actor in actors:
            if actor.name not in roles and actor.name in people:
                if actor.actor_type == "other":
                    give(actor.name, pb.Actor.PERPETRATOR)
                elif actor.actor_type == "civilians":
                    give(actor.name, pb.Actor.VICTIM)
    return roles


VIOLENT_TYPES = {"battles", "explosions_remote_violence", "violence_against_civilians", "riots"}


def place_people(events, people, pb) -> None:  # noqa: ANN001
    """A person the actors plugin found a part for whom no violent event names ("Police identified the
    suspect as John Doe", or only the arrest: "Police arrested John Doe on Saturday") joins the violent event
    told last before their first mention (the story being told), else the first one: a suspect as its
    PERPETRATOR, someone harmed as a VICTIM. An officer has no such part to go by and joins none."""
    violent = [e for e in events if e.event_type in VIOLENT_TYPES or any(
        c.kind in (pb.Casualty.KILLED, pb.Casualty.INJURED) for c in e.casualties)]
    if not violent:
        return
    placed = {a.name for e in violent for a in e.actors}
    role_of = {"other": pb.Actor.PERPETRATOR, "civilians": pb.Actor.VICTIM}
    by_name: dict[str, list] = {}
    for p in people:
        by_name.setdefault(p.name, []).append(p)
    for person in people:
        if person.name in placed or person.actor_type not in role_of:
            continue
        placed.add(person.name)
        mentions = by_name[person.name]
        first = min(p.span.begin for p in mentions)
        before = [e for e in violent if e.evidence and e.evidence[0].begin <= first]
        event = max(before, key=lambda e: max(s.begin for s in e.evidence if s.begin <= first)) if before \
            else violent[0]
        shown = next((p for p in mentions if p.text == p.name), mentions[0])
        copy = event.actors.add()
        copy.CopyFrom(shown)
        copy.role = role_of[person.actor_type]
