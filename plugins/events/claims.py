"""Figures of one incident told several times: restatements merged, claims kept apart.

An article names its figures more than once: the headline "2 dead", the lead "two people were killed",
later "the victims, John Doe and ..."; a toll rises ("at least 12 killed ... the toll rose to 17").
Inside one event, and for one source and one kind, those are one claim, not figures to add up. Two
sources stay two claims; distinct groups of one source (4 soldiers and 43 militants) stay apart.

Per (kind, source) the figures are grouped by whom they count:

- a total: no group, or a generic one ("people", "victims", "others") — the largest stands (the latest
  toll is the largest);
- a specific group ("Russian servicemen", "police officers"), by affiliation or head noun — restatements
  of one group keep the largest;
- single people: a name counts once however often it is repeated; "a man", "a teenager" without a
  name are one person told twice unless one sentence counts several of them.

When a total is at least the sum of the specific groups, those are parts of it and the total stands
alone; otherwise the groups stand and the total goes (it counted fewer than the text names).
"""

from __future__ import annotations

import re
from collections import defaultdict

GENERIC = {"", "people", "person", "persons", "victim", "victims", "other", "others", "individual", "individuals",
           "casualty", "casualties", "one", "more", "dead", "injured", "wounded", "total"}


def _value(c) -> int | None:  # noqa: ANN001
    if c.count.HasField("value"):
        return c.count.value
    if c.count.HasField("low"):
        return c.count.low
    return None


def _head(group: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", group)
    return words[-1].lower() if words else ""


def _named(group: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'-]*", group)
    return bool(words) and words[-1][0].isupper() and words[-1].lower() not in GENERIC


def merge(casualties: list, pb) -> list:  # noqa: ANN001
    """The event's casualties with restatements of one claim merged; order kept."""
    keep: set[int] = set()
    by_claim: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(casualties):
        if _value(c) is None:
            keep.add(i)  # UNKNOWN counts add nothing and stay as told
        else:
            by_claim[(c.kind, c.source.name)].append(i)
    for indices in by_claim.values():
        totals, groups, singles = [], defaultdict(list), []
        names: dict[frozenset, list[int]] = {}
        for i in indices:
            c = casualties[i]
            head = _head(c.group)
            if _value(c) == 1 and _named(c.group):
                words = frozenset(w.lower() for w in re.findall(r"[A-Za-z][\w'-]*", c.group) if w[0].isupper())
                # "Holmes" after "Carolyn Holmes" is her again; "Wesley Holmes" is someone else
                same = next((k for k in names if k <= words or words <= k), None)
                if same is not None and words > same:
                    names[words] = names.pop(same)
                    same = words
                names.setdefault(same if same is not None else words, []).append(i)
            elif head in GENERIC and not c.affiliation:
                totals.append(i)
            elif _value(c) == 1 and c.count.qualifier == pb.Count.EXACT:
                singles.append(i)
            else:
                groups[c.affiliation or head].append(i)
        chosen = [max(g, key=lambda i: _value(casualties[i])) for g in groups.values()]
        chosen += [g[0] for g in names.values()]
        if singles:  # "a man ... a 22-year-old man": one person, unless one sentence names several
            per_sentence: dict[int, list[int]] = defaultdict(list)
            for i in singles:
                per_sentence[casualties[i].evidence.begin].append(i)
            widest = max(per_sentence.values(), key=len)
            if len(widest) > len(names):
                chosen += widest[: len(widest) - len(names)] if names else widest
        parts = sum(_value(casualties[i]) for i in chosen)
        if totals:
            total = max(totals, key=lambda i: (_value(casualties[i]), -i))
            if _value(casualties[total]) >= parts:
                chosen = [total]
        keep.update(chosen)
    return [c for i, c in enumerate(casualties) if i in keep]
