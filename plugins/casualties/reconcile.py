"""Parts and totals: which mentions tell of the same people, and the figures that result.

Every person a text tells of becomes a *slot*. A mention either brings new slots or speaks of slots
already there:

- a count ("four servicemen", "three people") speaks of earlier people who fit it (same kind of
  person, same side, same or unattributed source, a compatible fate) when there are enough of them —
  "two killed on the spot" and "two succumbed" are parts of "four killed" — and otherwise is a total
  that covers them and brings the rest ("a man was killed … three people died" is three);
- "another", "five more", "others", "also" always bring new people;
- "he", "the victim", "the man" speak of the latest fitting person; a name of the person so named, or
  of an unnamed person who fits; "they", "both", "the two men", "one of them" of earlier people;
- a later, graver fate wins for a person: shot (HIT) < injured < killed. "Three people were shot, one
  fatally" is one killed and two injured; "he later died" turns an injured person into a killed one.

Two sources never merge their counts (DESIGN: two sources are two claims); the reporter's own voice
(no attribution) may speak of people a named source counted. Figures are emitted per group of people
with the mention that set their fate, so that summing the distinct entries of one source gives the
source's total.
"""

from __future__ import annotations

import dataclasses

from fieldreport.plugins.casualties import lexicon as lx
from fieldreport.plugins.casualties.mentions import Mention


@dataclasses.dataclass
class Slot:
    state: str
    cls: str
    gender: str
    name: str
    source: str
    affiliation: str
    intro: int  # index of the mention that brought this person
    fate: int  # index of the mention that set the state
    last: int  # position of the last mention (recency)
    when: tuple[str, str] | None = None  # the date of the incident the person was counted in
    heads: set = dataclasses.field(default_factory=set)  # head words of the mentions told of this person
    named: int | None = None  # index of the first mention that names this person
    single: bool = False  # told of as one person ("a man", a name), not only as one of a count


@dataclasses.dataclass
class Figure:
    """One emitted figure: ``n`` people of ``kind`` from mention ``fate`` (people brought by ``intro``)."""

    kind: str
    n: int | None
    intro: int
    fate: int
    source: str
    exact_of_intro: bool  # the figure is the whole of what mention ``intro`` counted
    named: int | None = None  # for one person: the mention that names them ("a man … Tavon Goff, 21")


def _pool(kind: str) -> str:
    return "harm" if kind in lx.HARM else kind


def _fits_state(slot: Slot, m: Mention, reference: bool) -> bool:
    if _pool(slot.state) != _pool(m.kind):
        return False
    if slot.state not in lx.HARM:
        return True
    if reference or m.kind == lx.HIT:
        return True  # "the man was shot in the head" may be told of the man killed
    if m.kind == lx.KILLED:
        return slot.state in (lx.KILLED, lx.HIT) or m.dying or m.partitive_kind == lx.INJURED
    return slot.state in (lx.INJURED, lx.HIT)  # an injured count is not told of the dead


def _fits_person(slot: Slot, m: Mention, source: str, affiliation: str, reference: bool,
                 recent: tuple[str, str] | None) -> bool:
    if slot.cls != m.cls and "generic" not in (slot.cls, m.cls):
        return False
    if slot.gender and m.gender and slot.gender != m.gender:
        return False
    if slot.affiliation and affiliation and slot.affiliation != affiliation:
        return False
    if slot.name and m.name and slot.name != m.name:
        return False
    when = slot.when or recent
    if when and m.when and (not reference or m.reference == "name") and not m.dying and (m.when[1] < when[0] or when[1] < m.when[0]):
        return False  # another day, another incident ("was killed on July 12 last year")
    # one person told of as shot by another source is not a second claim of a count ("the sheriff said a
    # teen is dead … a deputy said the 16-year-old shot himself")
    single = m.kind == lx.HIT and m.n == 1 and not m.additive and not m.others
    return slot.source == source or not slot.source or not source or reference or single


def _source_keys(names: list[str]) -> list[str]:
    """One source spelt two ways is one: "the County Sheriff's Office" and "county sheriff's office", "Chief
    Jane Roe" and "Roe" (a later mention by surname)."""
    keys = [" ".join(n.lower().split()) for n in names]
    keys = [k[4:] if k.startswith("the ") else k for k in keys]
    full = sorted(set(keys), key=len, reverse=True)
    return [next((f for f in full if f.endswith(" " + k)), k) if k else k for k in keys]


# A mention is read against the people told of in the last WINDOW mentions: a text refers back to
# people it has just told of, and without a window a document of thousands of counts costs the square of
# their number (every mention against every person so far).
WINDOW = 200
# A count of more people than this ("5,000 killed in the war") is a figure of its own: its people are not
# told apart one by one (a slot each would cost memory and time in proportion to the figure).
MOST_PEOPLE = 10_000


def reconcile(mentions: list[Mention], sources: list[str], affiliations: list[str],
              recent: tuple[str, str] | None = None, max_pairs: int | None = None,
              over: list[tuple[str, int]] | None = None) -> tuple[list[Figure], list[int]]:
    """Figures from mentions (in reading order), and the indices of "no one was hurt" mentions that
    stand (nobody of that kind otherwise). ``recent`` is the stretch of days an undated count is taken
    to fall in (the two weeks before publication: news tells of recent incidents). ``max_pairs`` bounds
    the (mention, person) pairs compared and the people made; past it the mentions left are not read
    and ("max_candidate_pairs", pairs) is appended to ``over``."""
    sources = _source_keys(sources)
    slots: list[Slot] = []  # every person, in the order told of
    active: list[Slot] = []  # the people told of in the last WINDOW mentions, in the order told of
    seen_at: dict[int, int] = {}  # id(slot) → index of the last mention that told of it
    by_predicate: dict[tuple[int, bool], list[int]] = {}  # (predicate token, in title) → mention indices
    standing: list[int] = []  # the unknown groups of the window still standing
    big: list[int] = []  # mentions counting more than MOST_PEOPLE
    pairs = 0
    unknown_groups: dict[int, bool] = {}  # mention index → still standing (not superseded by a number)
    zeros: list[int] = []
    touched: dict[int, list[Slot]] = {}
    # the gravest fate told of the same victim words: "a man was shot in the head and was pronounced dead"
    # is told of the man killed, not of one of the injured
    gravest: dict[int, str] = {}
    for index, m in enumerate(mentions):
        root = m.same_as if m.same_as is not None else index
        if m.kind in lx.HARM and lx.HARM[m.kind] > lx.HARM.get(gravest.get(root, lx.HIT), 0):
            gravest[root] = m.kind
    for index, m in enumerate(mentions):
        if index % 32 == 0:  # forget the people no mention of the window told of
            active = [s for s in active if seen_at[id(s)] >= index - WINDOW]
            standing = [u for u in standing if unknown_groups[u] and u >= index - WINDOW]
        if m.n is not None and m.n > MOST_PEOPLE:
            big.append(index)
            continue
        pairs += len(active) + max(m.n or 0, 0)  # (the people it may bring are made one by one)
        if max_pairs is not None and pairs > max_pairs:
            if over is not None:
                over.append(("max_candidate_pairs", pairs))
            mentions = mentions[:index]
            break
        told = gravest.get(m.same_as if m.same_as is not None else index, m.kind) if m.kind in lx.HARM else m.kind
        source, affiliation = sources[index], affiliations[index]
        if m.reference == "zero":
            zeros.append(index)
            continue
        reference = m.reference in ("pronoun", "definite", "name", "plural", "partitive")
        # people of one predicate are distinct ("four men and five women were injured": nine)
        same_predicate = by_predicate.setdefault((m.predicate.i, m.in_title), [])
        siblings = {id(s) for j in same_predicate if j in touched and mentions[j].victim.i != m.victim.i
                    for s in touched[j]}
        same_predicate.append(index)
        candidates = [s for s in active if _fits_state(s, m, reference) and _fits_person(s, m, source, affiliation, reference, recent)
                      and not (mentions[s.intro].predicate.i == m.predicate.i and s.intro != index
                               and not reference and mentions[s.intro].in_title == m.in_title)
                      and id(s) not in siblings]
        candidates.sort(key=lambda s: (s.last, s.intro), reverse=True)  # most recent first
        if m.partitive_kind:  # "one of the injured": those first
            candidates.sort(key=lambda s: s.state != m.partitive_kind)
        elif reference and m.kind in lx.HARM:
            # "the five dead" are the people killed before, not the six injured told of since; "the two
            # later died" are people not yet dead
            candidates.sort(key=lambda s: s.state == lx.KILLED if m.dying else s.state != told)
        taken: list[Slot] = []
        new = 0
        if m.same_as is not None and (touched.get(m.same_as) or m.same_as in unknown_groups):
            taken = [s for s in touched.get(m.same_as, []) if _pool(s.state) == _pool(m.kind)]
            if not taken and m.same_as in unknown_groups:
                continue
            if not taken:
                new = m.n or 0
        elif m.ordinal and not m.additive:
            # "four men were shot … a second was taken to a hospital": the second of the four, unless
            # fewer were counted ("a man died … the second victim was treated")
            victims = [s for s in active if _pool(s.state) == _pool(m.kind) and
                       _fits_person(s, m, source, affiliation, True, recent)]  # the dead are victims too
            fitting = {id(c) for c in candidates}
            fresh = [s for s in active if not s.single and id(s) in fitting]
            kth = victims[m.ordinal - 1] if len(victims) >= m.ordinal else None
            if len(victims) >= m.ordinal and (fresh or any(kth is c for c in candidates)):
                taken = fresh[:1] or [kth]
            else:
                new = 1
        elif m.reference == "name":
            named = [s for s in active if s.name == m.name and _pool(s.state) == _pool(m.kind)]
            unnamed = [s for s in candidates if not s.name and s.state == told] + \
                [s for s in candidates if not s.name and s.state != told]
            if named:
                taken = named[:1]
            elif unnamed and not m.additive:
                taken = unnamed[:1]
            else:
                new = 1
        elif m.reference in ("pronoun", "definite"):
            alone = False
            if m.reference == "definite":  # "the victim", "the man" refer back; "her son" is someone new
                head = m.victim.lemma_.lower()
                # "a boy died … his brother accidentally shot his brother", "one twin shot the other": with
                # one victim told of (in another sentence: not "hit him and his wife"), a kin word or "the
                # other" about a shooting is that victim
                harmed = [s for s in active if s.state in lx.HARM]
                alone = (m.kin or m.victim.lower_ == "other") and m.kind in (lx.HIT, lx.KILLED) and \
                    len(harmed) == 1 and mentions[harmed[0].intro].predicate.sent != m.predicate.sent
                candidates = [s for s in candidates if head in s.heads or head in lx.REFERRING or alone or
                              (m.cls != "generic" and s.cls == m.cls)]
            exact = [s for s in candidates if m.gender and s.gender == m.gender] or candidates
            # a singular "the man" refers to someone told of singly before one of a group
            exact = [s for s in exact if mentions[s.intro].n == 1] + [s for s in exact if mentions[s.intro].n != 1]
            if exact and (not m.additive or alone):
                taken = exact[:1]
            else:
                new = 1
        elif m.reference in ("plural", "partitive"):
            if m.n is None:
                if candidates:
                    latest = candidates[0].intro
                    taken = [s for s in candidates if s.intro == latest]
                else:
                    unknown_groups[index] = True
                    standing.append(index)
            else:
                taken = candidates[:m.n]
                # "two of them" are among people already counted; "the two men" may be the first telling
                new = m.n - len(taken) if m.reference == "plural" or not taken else 0
        elif m.n is None:  # "people were killed", "a group of contractors": no figure
            # told of people already counted only when they are the same kind of people
            if m.additive or not any(s.cls == m.cls for s in candidates):
                unknown_groups[index] = True
                standing.append(index)
        elif m.others and any(mentions[s.intro].others for s in candidates):
            # "at least two others … two others were treated": the same others
            same = [s for s in candidates if mentions[s.intro].others]
            taken = same[:m.n]
            new = m.n - len(taken)
        elif m.others and not {t.lower_ for t in m.victim.subtree} & {"more", "additional", "further", "another"} \
                and _rest_of_group(active, candidates, m.n):
            # "four men were shot. One died, a second … two others were treated": the rest of the four
            taken = _rest_of_group(active, candidates, m.n)
        elif m.additive:
            new = m.n
        else:
            same = [s for s in candidates if s.state == told] + [s for s in candidates if s.state != told]
            taken = same[:m.n]
            new = m.n - len(taken)
            if taken and new:
                # a total told after its parts ("at least 12 killed … the toll rose to 17", "John Doe was
                # killed … three people died"): the parts fold into it, which is the figure
                for slot in taken:
                    if not m.group:
                        m.group = mentions[slot.intro].group  # "the toll rose to 17": 17 of the same people
                    if slot.fate == slot.intro and slot.state == m.kind:
                        slot.fate = index
                    slot.intro = index
        # a total that covers all the people counted in another voice (the reporter's, or a source's parts)
        # holds them: "a man was killed … three people died, police said" is police's three
        claimed: set[str] = set()
        if m.n is not None and len(taken) + new == m.n and not (reference and m.reference != "plural") and \
                all(s.cls == m.cls for s in taken if m.cls != "generic"):  # "12 officers" is not "a woman"
            for owner in {s.source for s in taken if s.source != source and (not s.source or not source)}:
                held = {id(s) for s in taken}
                if all(id(s) in held for s in active if s.source == owner and _pool(s.state) == _pool(m.kind)):
                    claimed.add(owner)
        for slot in taken:
            seen_at[id(slot)] = index
            slot.last = m.position
            slot.single = slot.single or m.n == 1
            slot.heads.add(m.victim.lemma_.lower())
            if m.name and not slot.name:
                slot.name = m.name
            if _names(m) and slot.named is None and len(taken) == 1:
                slot.named = index
            if m.gender and not slot.gender and (m.n == 1 or len(taken) == 1):
                slot.gender = m.gender
            if slot.source in claimed:
                slot.source = source
            if not slot.affiliation and affiliation:
                slot.affiliation = affiliation
            if slot.when is None:
                slot.when = m.when
            if slot.state in lx.HARM and m.kind in lx.HARM and lx.HARM[m.kind] > lx.HARM[slot.state]:
                if _out(m.kind) != _out(slot.state):
                    # the figure moves to the mention that changed the reported fate; "seven people were
                    # shot … two men are in stable condition" keeps the seven injured together
                    slot.fate = index
                slot.state = m.kind
        for _ in range(new):
            slots.append(Slot(m.kind, m.cls, m.gender, m.name, source, affiliation, index, index, m.position,
                              m.when, {m.victim.lemma_.lower()}, index if _names(m) else None, m.n == 1))
            taken.append(slots[-1])
            active.append(slots[-1])
            seen_at[id(slots[-1])] = index
        touched[index] = taken
        if m.n is not None and (taken or new):
            # a number supersedes the "people were killed" told of the same people
            for u in [u for u in standing if unknown_groups[u]]:
                um = mentions[u]
                if _pool(um.kind) == _pool(m.kind) and (um.cls == m.cls or "generic" in (um.cls, m.cls)) and \
                        (not affiliations[u] or not affiliation or affiliations[u] == affiliation) and \
                        (sources[u] == source or not sources[u] or not source) and not um.additive:
                    unknown_groups[u] = False
    figures: list[Figure] = []
    groups: dict[tuple, list[Slot]] = {}
    for slot in slots:
        groups.setdefault((slot.intro, slot.fate, _out(slot.state), slot.source), []).append(slot)
    brought: dict[int, int] = {}  # mention index → people it brought
    for slot in slots:
        brought[slot.intro] = brought.get(slot.intro, 0) + 1
    for (intro, fate, state, source), members in groups.items():
        whole = fate == intro and len(members) == mentions[intro].n and brought[intro] == len(members)
        figures.append(Figure(state, len(members), intro, fate, source, whole,
                              members[0].named if len(members) == 1 else None))
    for index in big:
        figures.append(Figure(mentions[index].kind, mentions[index].n, index, index, sources[index], True))
    for index, standing in unknown_groups.items():
        if standing:
            figures.append(Figure(mentions[index].kind, None, index, index, sources[index], True))
    kinds = {(_out(f.kind), f.source) for f in figures}
    figure_kinds = {_out(f.kind) for f in figures}
    standing_zeros = [z for z in zeros if (_out(mentions[z].kind), sources[z]) not in kinds and
                      _out(mentions[z].kind) not in figure_kinds]
    figures.sort(key=lambda f: (mentions[f.fate].position, f.intro))
    return figures, standing_zeros


def _rest_of_group(slots: list[Slot], candidates: list[Slot], n: int) -> list[Slot]:
    """``n`` people of one counted group not yet told of one by one, when some of the group were (the
    "others" are the rest of it); else nothing."""
    fitting = {id(s) for s in candidates}
    groups: dict[int, list[Slot]] = {}
    for s in slots:
        groups.setdefault(s.intro, []).append(s)
    for members in reversed(list(groups.values())):
        rest = [s for s in members if not s.single and id(s) in fitting]
        if len(members) > n and len(rest) == n and any(s.single for s in members):
            return rest
    return []


def _names(m: Mention) -> bool:
    """A mention that names a person in the body (the parser's PERSON: not "News, Weather, Sports")."""
    return m.reference == "name" and not m.in_title and m.victim.ent_type_ == "PERSON"


def _out(kind: str) -> str:
    """The contract's kind: someone shot and not said to have died is injured."""
    return lx.INJURED if kind == lx.HIT else kind
