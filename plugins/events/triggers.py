"""Event triggers: which words tell that something happened, and of what kind.

A trigger is a token whose lemma names an action (a verb or an eventive noun); its category is coarse
("attack", "air", "arrest", "protest", ...) and the ACLED type follows from the categories, instruments
and actors of the whole event (``acled.py``). The lexicon is hand-written because no maintained library
maps English event words to ACLED's taxonomy; the checks on the parse keep words that only look like
triggers out ("an artillery battery" is a unit, not shelling; "a bomb squad" is no explosion).
"""

from __future__ import annotations

import re

# lemma → category, for verbs and nouns alike (a part of speech check follows in ``category``)
LEXICON = {
    # violence between armed actors or against anyone
    "attack": "attack", "assault": "attack", "ambush": "attack", "raid": "attack", "storm": "attack",
    "target": "attack", "besiege": "attack", "siege": "attack", "invade": "attack", "invasion": "attack",
    "clash": "clash", "fight": "clash", "fighting": "clash", "battle": "clash", "firefight": "clash",
    "skirmish": "clash", "offensive": "clash", "shootout": "clash", "gunbattle": "clash", "combat": "clash",
    "kill": "kill", "murder": "kill", "slay": "kill", "massacre": "kill", "execute": "kill", "behead": "kill",
    "assassinate": "kill", "assassination": "kill", "killing": "kill", "homicide": "kill", "lynch": "mob",
    "die": "die", "succumb": "die", "perish": "die",
    "wound": "injure", "injure": "injure", "hurt": "injure", "maim": "injure", "stab": "attack", "stabbing": "attack",
    "beat": "attack", "torture": "attack", "hack": "attack", "lynching": "mob", "mob": "mob",
    "shoot": "shoot", "shooting": "shoot", "gunfire": "shoot", "gunman": "shoot", "gunshot": "shoot",
    "bomb": "explosion", "bombing": "explosion", "explosion": "explosion", "blast": "explosion",
    "explode": "explosion", "detonate": "explosion", "ied": "explosion", "landmine": "explosion", "mine": "explosion",
    "shell": "shelling", "shelling": "shelling", "mortar": "shelling", "rocket": "shelling",
    "artillery": "shelling", "missile": "shelling", "barrage": "shelling", "katyusha": "shelling",
    "airstrike": "air", "bombard": "air", "bombardment": "air", "drone": "air", "sortie": "air",
    "warplane": "air", "jet": "air", "helicopter": "air", "aircraft": "air", "air": "air",
    "grenade": "grenade",
    "rape": "sexual", "molest": "sexual", "gang-rape": "sexual", "molestation": "sexual",
    "chlorine": "chemical", "sarin": "chemical", "gas": "chemical", "chemical": "chemical",
    "capture": "capture", "abduct": "abduction", "kidnap": "abduction", "abduction": "abduction",
    "kidnapping": "abduction", "hostage": "abduction", "disappear": "abduction", "disappearance": "abduction",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest", "apprehend": "arrest", "custody": "arrest",
    "protest": "protest", "demonstration": "protest", "demonstrate": "protest", "rally": "protest",
    "march": "protest", "sit-in": "protest", "picket": "protest", "vigil": "protest", "boycott": "protest",
    "protester": "protest", "demonstrator": "protest",
    "riot": "riot", "loot": "loot", "looting": "loot", "torch": "loot", "vandalize": "loot", "vandalise": "loot",
    "ransack": "loot", "arson": "loot", "burn": "loot", "raze": "loot", "demolish": "loot", "destroy": "loot",
    "recapture": "territory", "retake": "territory", "regain": "territory", "liberate": "territory",
    "purge": "territory", "flush": "territory", "clear": "territory", "restore": "territory",
    "seize": "territory", "overrun": "territory", "liberation": "territory",
    "withdraw": "withdraw", "withdrawal": "withdraw", "retreat": "withdraw", "evacuate": "withdraw",
    "agree": "agreement", "agreement": "agreement", "ceasefire": "agreement", "cease-fire": "agreement",
    "truce": "agreement", "accord": "agreement", "accords": "agreement", "deal": "agreement", "swap": "agreement", "negotiation": "agreement",
    "defuse": "disrupted", "dismantle": "disrupted", "thwart": "disrupted", "foil": "disrupted",
    "intercept": "disrupted", "cache": "disrupted",
    "deploy": "change", "redeploy": "change", "reinforce": "change", "mobilize": "change", "mobilise": "change",
    "drill": "change", "merge": "change", "recruit": "change", "relocate": "change", "reposition": "change",
    "establish": "base", "incident": "incident",
}
# Words whose trigger sense needs a verb ("the march of time", "a clear sign", "tear gas" as a weapon
# against protesters is not a chemical attack: see ``category``).
VERB_ONLY = {"clear", "restore", "seize", "flush", "purge", "drill",
             "recover", "establish", "deploy", "reinforce", "agree", "burn", "destroy", "target", "beat", "hack",
             "torch", "storm", "merge", "recruit", "relocate", "disappear", "demonstrate", "die", "capture",
             "detonate", "explode", "withdraw", "retreat", "evacuate", "liberate", "regain", "retake", "recapture",
             "overrun", "raze", "demolish", "hurt"}
NOUN_ONLY = {"air", "jet", "helicopter", "aircraft", "gas", "chemical", "mine", "deal", "cache", "incident",
             "custody", "mob", "gunman", "protester", "demonstrator", "warplane", "drone"}
# Military units and places named after a weapon: "an artillery battery", "a rocket launcher", "the air force".
UNIT_HEADS = {"battery", "unit", "regiment", "brigade", "battalion", "division", "launcher", "force", "forces",
              "base", "defense", "defence", "squad", "corps", "position", "positions", "crew", "port", "field",
              "space", "traffic", "ministry", "minister", "official", "officials", "plant", "pipeline", "station",
              "line", "lines", "company", "conditioning", "quality", "pollution", "bridge", "ambulance", "show",
              "strip", "fighter", "fighters", "system", "systems", "program", "programme", "test", "tests",
              "factory", "shelter", "raid"}
SAYING = {"say", "state", "tell", "report", "announce", "add", "confirm", "claim", "deny", "quote", "allege",
          "statement", "announcement", "briefing", "interview", "conference", "tweet", "post", "write", "note",
          "explain", "identify", "release", "update", "accord"}
CASUALTY_VERBS = {"kill", "murder", "slay", "wound", "injure", "hurt", "hospitalize", "hospitalise", "die",
                  "succumb", "shoot", "gun", "stab", "massacre", "execute", "behead", "maim", "perish"}
BACKGROUND = re.compile(r"\b(?:has|have) been \w+ing\b|\bsince (?:the )?(?:early |late )?"
                        r"(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\b|\bbegan in\b|\bcontinues? to\b|\bongoing\b|\bhas proved\b|\bwreaking havoc\b|"
                        r"\bso far this year\b|\bthis year alone\b|\b(?:every|each) year\b",
                        re.IGNORECASE)
ANAPHORA = re.compile(r"\b(?:the|this|that|these|those|ensuing|same|today's|yesterday's|\w+day's)\s+(?:\w+\s+){0,2}"
                      r"(?:attack|attacks|assault|clashes|fighting|battle|incident|bombing|blast|explosion|shooting|"
                      r"ambush|raid|violence|killing|killings|homicide|murder|stabbing|standoff|rampage|protest|"
                      r"demonstration|riot|strike|strikes|shelling)\b", re.IGNORECASE)
INSTRUMENTS = re.compile(
    r"\b(?:car bombs?|truck bombs?|suicide (?:bomb(?:er|ing)?s?|vests?|attacks?|car bombs?)|roadside bombs?|"
    r"improvised explosive devices?|vehicle-borne improvised explosive devices?|IEDs?|VBIEDs?|explosive devices?|"
    r"landmines?|mortar (?:fire|shells?|rounds?|bombs?)|mortars?|artillery (?:fire|shells?|shelling|rounds?)|"
    r"rockets?|missiles?|air ?strikes?|drones?|warplanes?|fighter jets?|helicopter gunships?|barrel bombs?|"
    r"grenades?|gunmen|gunfire|assault rifles?|rifles?|AK-47s?|AR-15s?|pistols?|revolvers?|guns?|handguns?|"
    r"shotguns?|knives|knife|machetes?|bombs?|explosives?|tanks?|heavy weapons|chlorine|sarin|toxic gas|"
    r"poison(?:ous)? gas|tear ?gas|rubber bullets|live (?:ammunition|fire|rounds)|water cannons?|batons?|"
    r"stones|rocks|petrol bombs?|molotov cocktails?)\b", re.IGNORECASE)

_WEAPON_WORDS = {"mortar", "rocket", "artillery", "missile", "grenade", "drone", "air", "jet", "helicopter",
                 "aircraft", "chemical", "gas", "mine", "bomb"}


def _phrase_words(token) -> set[str]:  # noqa: ANN001
    return {t.lemma_.lower() for t in token.subtree}


def category(token) -> str | None:  # noqa: ANN001 - spaCy Token
    """The trigger category of a token, or None when it names no event."""
    lemma = token.lemma_.lower()
    low = token.lower_
    pos = token.pos_
    if pos not in ("VERB", "NOUN", "PROPN"):
        return None
    if low in ("air", "airstrike", "airstrikes") and token.head.lemma_.lower() in ("strike", "raid", "attack"):
        return "air"  # "an air strike": the strike is aerial
    if lemma == "strike":
        words = _phrase_words(token)
        if pos == "NOUN" and words & {"air", "drone", "missile", "aerial", "airstrike"}:
            return "air"
        if pos == "NOUN" and any(c.lower_ in ("hunger", "general", "labour", "labor", "workers") for c in token.children):
            return "protest"
        return "attack" if pos == "VERB" else ("air" if token.head.lemma_.lower() in ("launch", "carry", "conduct")
                                               else None)
    if lemma == "fire" or low == "fire":
        if pos == "VERB" or any(c.lemma_.lower() == "open" for c in (token.head,)) or any(
                t.lower_ in ("mortar", "artillery", "sudden", "gun", "heavy", "live", "sniper", "rocket", "tank")
                for t in token.subtree):
            if any(t.lower_ in ("mortar", "artillery", "rocket", "rockets", "shells", "missile", "missiles", "tank")
                   for t in list(token.subtree) + list(token.children)):
                return "shelling"
            if any(t.lower_ in ("tear",) for t in token.head.subtree):
                return None
            return "shoot"
        if pos == "NOUN" and any(c.lemma_.lower() in ("set", "start") for c in [token.head]):
            return "loot"  # "set fire to", "started a fire"
        return None
    if lemma == "open" and any(c.lower_ == "fire" for c in token.children):
        return "shoot"
    if lemma in ("take", "gain", "seize", "wrest", "assume", "capture", "retake", "regain", "establish") and any(
            c.lemma_.lower() == "control" for c in token.children):
        return "territory"
    if lemma in ("take", "round") and any(c.lower_ in ("custody",) for c in token.subtree) and pos == "VERB":
        return "arrest"
    if lemma == "take" and any(c.lower_ == "hostage" for c in token.children):
        return "abduction"
    if lemma == "set" and any(c.lower_ == "up" for c in token.children) and pos == "VERB":
        return "base"
    if lemma == "pull" and any(c.lower_ in ("back", "out") for c in token.children) and not any(
            c.dep_ == "dobj" for c in token.children):
        return "withdraw"  # "troops pulled out of the town", not "pulled out a pistol"
    if lemma == "accord" and (pos != "NOUN" or any(c.lower_ == "to" for c in token.children)):
        return None  # "according to"
    if lemma in ("blast", "explosion") and any(c.lower_ in ("gun", "shotgun", "shot", "gunshot") for c in token.children):
        return "shoot"  # "a shotgun blast"
    if lemma == "blow" and any(c.lower_ == "up" for c in token.children):
        return "explosion"
    if lemma == "throw" and any(t.lower_ in ("stones", "rocks", "bottles", "bricks", "molotov", "petrol", "eggs")
                                for t in token.subtree):
        return "riot"
    if lemma == "throw" and any(t.lemma_.lower() == "grenade" for t in token.subtree):
        return "grenade"
    if lemma in ("find", "discover", "seize", "recover", "confiscate") and pos == "VERB" and any(
            t.lemma_.lower() in ("weapon", "explosive", "ammunition", "device", "bomb", "ied", "firearm", "cache",
                                 "rifle", "arm", "grenade", "mine", "landmine") for t in token.children
            for t in t.subtree):
        return "disrupted"
    if lemma == "gun" and any(c.lower_ == "down" for c in token.children):
        return "shoot"
    if lemma == "restore" and not any(t.lemma_.lower() in ("security", "control", "order", "calm") for t in token.sent):
        return None
    if lemma == "clear" and pos != "VERB":
        return None
    cat = LEXICON.get(lemma) or LEXICON.get(low)
    if cat is None:
        return None
    if lemma in VERB_ONLY and pos != "VERB" or lemma in NOUN_ONLY and pos not in ("NOUN", "PROPN"):
        return None
    if lemma in _WEAPON_WORDS or cat in ("shelling", "air", "chemical", "grenade"):
        head = token.head
        if token.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in UNIT_HEADS | {"launcher", "bomb"}:
            return None  # "an artillery battery", "rocket launchers", "the air force"
        if cat == "chemical" and (low == "tear" or any(t.lower_ in ("tear", "natural", "cooking", "pepper")
                                                     for t in token.children) or lemma == "gas" and not any(
                t.lower_ in ("toxic", "poison", "poisonous", "chlorine", "mustard", "nerve", "sarin") for t in
                token.children)):
            return None  # tear gas is crowd control; "gas prices"
        if lemma in ("jet", "helicopter", "aircraft", "air", "drone") and not _acts(token):
            return None  # "a helicopter" that flies is no strike; one that bombs, fires, hits is
    if cat == "protest" and lemma in ("vigil", "boycott") and token.dep_ not in ("nsubj", "dobj", "nsubjpass"):
        return None
    if lemma == "mine" and pos == "NOUN" and any(t.lower_ in ("gold", "coal", "copper") for t in token.children):
        return None
    return cat


def _acts(token) -> bool:  # noqa: ANN001
    """A vehicle or weapon noun that does something violent: "warplanes bombed", "a drone hit"."""
    head = token.head
    if token.dep_ in ("nsubj", "agent", "pobj") or token.dep_ == "compound" and head.dep_ in ("nsubj", "pobj"):
        verb = head if token.dep_ != "compound" else head.head
        if verb.pos_ == "ADP":
            verb = verb.head
        return verb.lemma_.lower() in ("bomb", "hit", "strike", "fire", "pound", "target", "attack", "kill", "raid",
                                       "drop", "shell", "launch", "carry", "conduct", "bombard")
    return token.dep_ == "compound" and head.lemma_.lower() in ("strike", "raid", "attack", "bombardment", "bombing")


def negated(token) -> bool:  # noqa: ANN001
    """ "There have been no incidents involving the capture", "no one was killed", "did not attack"."""
    tok = token
    for _ in range(3):
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("nobody", "none") or
               c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children) and c.lower_ == "one"
               for c in tok.children):
            return True
        if tok.head.i == tok.i or tok.dep_ in ("conj", "advcl", "ccomp", "relcl"):
            break
        tok = tok.head
    return False


def casualty_verb(token) -> bool:  # noqa: ANN001
    return token.pos_ == "VERB" and token.lemma_.lower() in CASUALTY_VERBS


def instruments(text: str) -> list[re.Match]:
    return list(INSTRUMENTS.finditer(text))
