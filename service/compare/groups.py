"""Which casualty figures count the same people: "Russian servicemen" and "Russian soldiers" do.

Two casualties of one kind are one figure when they name the same side and the same sort of people. The
side is the casualty's ``affiliation`` (the canonical actor the casualties plugin resolved), else the
nationality the group text names; the sort is the class of the group's head noun (soldiers, servicemen,
troops → military). String equality of the group text would keep the two apart.
"""

from __future__ import annotations

import re

from fieldreport.v1 import fieldreport_pb2 as pb

# Head noun → class. Small on purpose: nouns not listed keep their own lemma-ish form as the class.
_CLASSES = {
    "military": ("soldier", "soldiers", "serviceman", "servicemen", "servicemembers", "troops", "trooper",
                 "troopers", "personnel", "army", "forces", "marines", "sailors", "airmen",
                 "advisers", "advisors", "instructors", "guards", "conscripts", "recruits", "commanders"),
    "police": ("police", "policemen", "policeman", "officers", "officer", "cops", "cop", "deputies", "deputy",
               "gendarmes", "constables"),
    "armed": ("militants", "militant", "fighters", "fighter", "rebels", "rebel", "insurgents", "insurgent",
              "terrorists", "terrorist", "jihadists", "gunmen", "gunman", "attackers", "attacker", "militiamen",
              "extremists", "assailants", "assailant", "suspects", "suspect", "shooter", "shooters"),
    "children": ("children", "child", "kids", "kid", "boys", "boy", "girls", "girl", "infants", "infant",
                 "students", "student", "pupils", "toddler", "baby", "babies", "teenagers", "teens", "teen"),
    "people": ("people", "persons", "person", "civilians", "civilian", "victims", "victim", "residents",
               "villagers", "bystanders", "passengers", "worshippers", "pedestrians", "individuals", "men",
               "man", "women", "woman", "others", "dead", "wounded", "injured", "killed", "casualties",
               "family", "members"),
}
_CLASS_OF = {noun: cls for cls, nouns in _CLASSES.items() for noun in nouns}
_WORD = re.compile(r"[A-Za-z]+")
# Nationality adjectives are capitalised in English: "Russian", "Syrian". Kept as the side when no
# affiliation was resolved.
_GENERIC_CAPS = frozenset({"a", "an", "the", "at", "some", "several", "two", "three", "four", "five"})


def group_class(group: str) -> str:
    """The class of the head noun (the last word of the phrase that is a known noun), else "people".

    A casualty named by a person's name ("Captain Nikolay Afanasov") or a pronoun counts as people.
    """
    tokens = _WORD.findall(group)
    for token in reversed(tokens):
        cls = _CLASS_OF.get(token.lower())
        if cls:
            return cls
    return "people"


_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


def side(casualty: pb.Casualty) -> str:
    """Whose people: the affiliation without its country qualifier ("Civilians (Iraq)" and "Civilians"
    are one side), else a nationality in the group text, else "" (unknown)."""
    if casualty.affiliation:
        return _QUALIFIER.sub("", casualty.affiliation).lower()
    caps = [t for t in _WORD.findall(casualty.group)
            if t[0].isupper() and t.lower() not in _GENERIC_CAPS and t.lower() not in _CLASS_OF]
    # A capitalised first word followed by a class noun is a nationality ("Russian soldiers"); a run of
    # capitalised words without one is a name, which tells no side.
    if caps and group_class(casualty.group) != "people" and len(caps) == 1:
        return caps[0].lower()
    return ""


def group_key(casualty: pb.Casualty) -> tuple[int, str, str]:
    """(kind, side, class): casualties with equal keys are reports of one figure."""
    return casualty.kind, side(casualty), group_class(casualty.group)


def merge_unknown_sides(keys) -> dict[tuple[int, str, str], tuple[int, str, str]]:  # noqa: ANN001
    """Key → the key it is reported under: a figure whose side is unknown ("9 people") joins the one
    figure of the same kind and class whose side is known ("3 civilians (Iraq)"); with two or more such
    figures it cannot tell which, and stays apart."""
    keys = list(keys)
    out = {key: key for key in keys}
    for key in keys:
        kind, who, cls = key
        if who:
            continue
        known = [k for k in keys if k[0] == kind and k[2] == cls and k[1]]
        if len(known) == 1:
            out[key] = known[0]
    return out
