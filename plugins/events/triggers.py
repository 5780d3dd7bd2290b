"""Event triggers: which words tell that something happened, and of what kind.

A trigger is a token whose lemma names an action (a verb or an eventive noun); its category is coarse
("attack", "air", "arrest", "protest", ...) and the ACLED type follows from the categories, instruments
and actors of the whole event (``acled.py``). The lexicon is hand-written because no maintained library
maps English event words to ACLED's taxonomy; the checks on the parse keep words that only look like
triggers out ("an artillery battery" is a unit, not shelling; "a bomb squad" is no explosion).
"""

from __future__ import annotations

import re
from fieldreport.service.nlp import children

# lemma → category, for verbs and nouns alike (a part of speech check follows in ``category``)
LEXICON = {
    # violence between armed actors or against anyone
    "attack": "attack", "assault": "attack", "ambush": "attack", "raid": "raid", "storm": "attack",
    "target": "attack", "besiege": "attack", "siege": "attack", "invade": "attack", "invasion": "attack",
    "clash": "clash", "fight": "clash", "fighting": "clash", "battle": "clash", "firefight": "clash",
    "skirmish": "clash", "offensive": "clash", "shootout": "clash", "gunbattle": "clash", "combat": "clash",
    "kill": "kill", "murder": "kill", "slay": "kill", "massacre": "kill", "execute": "kill", "behead": "kill",
    "assassinate": "kill", "assassination": "kill", "killing": "kill", "homicide": "kill", "lynch": "mob",
    "die": "die", "succumb": "die", "perish": "die",
    "wound": "injure", "injure": "injure", "hurt": "injure", "maim": "injure", "stab": "attack", "stabbing": "attack",
    "beat": "attack", "torture": "attack", "hack": "attack", "lynching": "mob", "mob": "mob",
    "shoot": "shoot", "shooting": "shoot", "gunfire": "shoot", "gunshot": "shoot",
    "bomb": "explosion", "bombing": "explosion", "explosion": "explosion", "blast": "explosion",
    "explode": "explosion", "detonate": "explosion", "ied": "explosion", "landmine": "explosion", "mine": "explosion",
    "shell": "shelling", "shelling": "shelling", "mortar": "shelling", "rocket": "shelling",
    "artillery": "shelling", "missile": "shelling", "barrage": "shelling", "katyusha": "shelling",
    "airstrike": "air", "bombard": "shelling", "bombardment": "shelling", "drone": "air", "sortie": "air",
    "warplane": "air", "jet": "air", "helicopter": "air", "aircraft": "air", "air": "air",
    "grenade": "grenade",
    "rape": "sexual", "molest": "sexual", "gang-rape": "sexual", "molestation": "sexual",
    "chlorine": "chemical", "sarin": "chemical", "gas": "chemical", "chemical": "chemical", "mustard": "chemical",
    "phosgene": "chemical", "nerve": "chemical",
    "capture": "capture", "abduct": "abduction", "kidnap": "abduction", "abduction": "abduction",
    "kidnapping": "abduction", "hostage": "abduction", "disappear": "abduction", "disappearance": "abduction",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest", "apprehend": "arrest", "custody": "arrest",
    "protest": "protest", "demonstration": "protest", "demonstrate": "protest", "rally": "protest",
    "march": "protest", "sit-in": "protest", "picket": "protest", "vigil": "protest", "boycott": "protest",
    "protester": "protest", "demonstrator": "protest",
    "disperse": "disperse", "suppress": "disperse", "crackdown": "disperse", "teargas": "disperse",
    "riot": "riot", "smash": "riot", "pelt": "riot", "hurl": "riot", "loot": "loot", "looting": "loot", "torch": "loot", "vandalize": "loot", "vandalise": "loot",
    "ransack": "loot", "arson": "loot", "burn": "loot", "raze": "loot", "demolish": "loot", "destroy": "loot",
    "recapture": "territory", "retake": "territory", "regain": "territory", "liberate": "territory",
    "purge": "territory", "flush": "territory", "clear": "territory", "restore": "territory",
    "seize": "territory", "overrun": "territory", "liberation": "territory", "defect": "change",
    "withdraw": "withdraw", "withdrawal": "withdraw", "retreat": "withdraw", "evacuate": "withdraw",
    "agree": "agreement", "agreement": "agreement", "ceasefire": "agreement", "cease-fire": "agreement",
    "truce": "agreement", "accord": "agreement", "accords": "agreement", "deal": "agreement", "swap": "agreement", "negotiation": "agreement", "talks": "agreement",
    "treaty": "agreement",
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
             "overrun", "raze", "demolish", "hurt", "disperse", "suppress", "smash", "pelt", "hurl", "defect"}
NOUN_ONLY = {"air", "jet", "helicopter", "aircraft", "gas", "chemical", "mine", "deal", "cache", "incident", "talks",
             "treaty", "mustard", "nerve", "phosgene", "crackdown",
             "custody", "mob", "protester", "demonstrator", "warplane", "drone"}
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
# "have stepped up attacks since the start of the year": a trend, not an incident
TREND = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?\w+(?:ed|en|wn|ought|ung)\b.*\bsince\b|\bsince the (?:start|beginning)\b|"
                   r"\bin recent (?:weeks|months|years)\b|\bover the (?:past|last) (?:\w+ )?(?:weeks|months|years)\b",
                   re.IGNORECASE)
# "the shooting", "Sunday's attack", "the Oct. 9 killing" (a date between: "Nov." keeps its dot)
ANAPHORA = re.compile(r"\b(?:the|this|that|these|those|ensuing|same|today's|yesterday's|\w+day's)\s+(?:[\w.]+\s+){0,2}"
                      r"(?:attack|attacks|assault|clashes|fighting|battle|incident|bombing|blast|explosion|shooting|"
                      r"ambush|raid|violence|killing|killings|homicide|murder|stabbing|standoff|rampage|protest|"
                      r"demonstration|riot|strike|strikes|shelling)\b", re.IGNORECASE)
# Accidents and disasters: deaths and blasts with these words around them and no attack are nobody's violence
# (a boiler that exploded, a bus that plunged off a bridge, an earthquake, a gas leak, alcohol poisoning).
DISASTER = re.compile(
    r"\b(?:earthquakes?|quakes?|tremors?|tsunamis?|floods?|flooding|landslides?|mudslides?|avalanches?|eruptions?|"
    r"volcan\w*|cyclones?|hurricanes?|typhoons?|tornado(?:e?s)?|storms?|heavy (?:rain|snow)|torrential|lightning|"
    r"heatwave|drought|wildfires?|(?:car|bus|road|train|traffic|plane|air|boat|ferry|mining|industrial) (?:crash|"
    r"accident|disaster)s?|crash(?:ed|es)?|collided|collision|derail\w*|capsized?|plunged|overturned|"
    r"boilers?|furnaces?|transformers?|gas (?:leak|cylinder|explosion|tanker)s?|leak(?:ed|s)?|chemical (?:spill|plant|"
    r"factory)|spill|ammonium nitrate|fireworks|factory fire|blaze|short circuit|poison(?:ing|ed)|toxic|"
    r"(?:coal |gold )?mine (?:collapse|explosion)|collapsed?)\b", re.IGNORECASE)
# Trigger categories that an accident or a disaster also has: deaths, injuries, an explosion, an incident.
BENIGN = {"kill", "die", "injure", "explosion", "incident"}
# Words that put an attacker behind a blast or a death, whatever else the sentence says.
ATTACKERS = re.compile(r"\b(?:gunm[ae]n|gunfire|gunshots?|shot|shooting|bombers?|suicide|IEDs?|car bombs?|roadside|"
                       r"grenades?|militants?|insurgents?|rebels?|jihadists?|attackers?|assailants?|terror\w*|"
                       r"sabotage|arson\w*|planted|claimed responsibility)\b", re.IGNORECASE)
# "In a separate attack", "in another incident", "Elsewhere, ...", "Separately, ...": a new incident is told.
SEPARATE = re.compile(r"\b(?:in (?:a |an )?(?:separate|another|unrelated|second) (?:\w+ )?(?:incident|attack|"
                      r"shooting|bombing|explosion|clash|raid|ambush|assault)|^\s*(?:elsewhere|separately)\b)",
                      re.IGNORECASE)
INSTRUMENTS = re.compile(
    r"\b(?:car bombs?|truck bombs?|suicide (?:bomb(?:er|ing)?s?|vests?|attacks?|car bombs?)|roadside bombs?|"
    r"improvised explosive devices?|vehicle-borne improvised explosive devices?|IEDs?|VBIEDs?|explosive devices?|"
    r"landmines?|mortar (?:fire|shells?|rounds?|bombs?)|mortars?|artillery (?:fire|shells?|shelling|rounds?)|"
    r"rockets?|missiles?|air ?strikes?|drones?|warplanes?|fighter jets?|helicopter gunships?|barrel bombs?|"
    r"grenades?|gunmen|gunfire|assault rifles?|rifles?|AK-47s?|AR-15s?|pistols?|revolvers?|guns?|handguns?|"
    r"shotguns?|knives|knife|machetes?|bombs?|explosives?|tanks?|heavy weapons|chlorine|sarin|toxic gas|"
    r"poison(?:ous)? gas|tear ?gas|rubber bullets|live (?:ammunition|fire|rounds)|water cannons?|batons?|"
    r"stones|rocks|petrol bombs?|molotov cocktails?)\b", re.IGNORECASE)

_WEAPON_WORDS = {"mortar", "rocket", "artillery", "missile", "grenade", "drone", "jet", "helicopter", "warplane",
                 "aircraft", "mine", "landmine", "bomb", "ied", "shell", "katyusha", "explosive"}
# What a weapon does when it is used; what is done to a weapon that is not used (found, seized, intercepted).
_USE_VERBS = {"bomb", "hit", "strike", "fire", "pound", "target", "attack", "kill", "raid", "drop", "shell", "launch",
              "carry", "conduct", "bombard", "land", "explode", "detonate", "go", "injure", "wound", "destroy",
              "damage", "throw", "lob", "hurl", "plant", "use", "rain", "slam", "crash", "blow", "claim", "leave",
              "rock", "tear", "spray", "fly", "shoot", "open", "unleash"}
_ATTACK_NOUNS = {"strike", "raid", "attack", "bombardment", "bombing", "blast", "explosion", "fire", "shelling",
                 "barrage", "assault", "sortie", "strikes", "attacks"}
# Triggers that tell what a protest is about, not what happened at it: "protests over the killings".
_CAUSE_WORDS = {"decry", "denounce", "condemn", "mourn", "demand", "protest", "against", "over", "following", "about",
                "commemorate", "remember", "honour", "honor", "vigil", "justice"}
_PLACE_OBJECTS = {"town", "city", "village", "villages", "district", "area", "areas", "region", "territory", "hill",
                  "hills", "base", "airport", "airbase", "port", "border", "crossing", "highway", "road", "positions",
                  "position", "neighbourhood", "neighborhood", "camp", "province", "countryside", "outpost", "centre",
                  "center", "capital", "island", "stronghold", "bastion", "enclave", "suburb", "valley", "mountain",
                  "ground", "checkpoint", "headquarters", "oilfield", "field", "bridge", "dam", "mine", "locality"}


def _used(token) -> bool:  # noqa: ANN001
    """A weapon noun that is used ("rockets landed", "fired mortars", "killed by a bomb", "a drone strike"),
    not one that is found, seized, intercepted or only named."""
    head, dep = token.head, token.dep_
    while dep == "conj" and head.i != head.head.i and head.pos_ in ("NOUN", "PROPN"):
        token, head, dep = head, head.head, head.dep_  # "rockets and mortars landed": the first conjunct's part
    if dep in ("compound", "amod", "nmod"):
        return head.lemma_.lower() in _ATTACK_NOUNS
    verb = head.head if dep == "pobj" and head.pos_ == "ADP" else head
    if dep == "pobj" and head.lower_ not in ("by", "with", "in", "from", "of"):
        return False
    if dep == "pobj" and head.lower_ == "of" and verb.lemma_.lower() not in _ATTACK_NOUNS | {"use", "hail", "volley"}:
        return False
    lemma = verb.lemma_.lower()
    if dep in ("nsubjpass",) and lemma in ("fire", "launch", "drop", "throw", "lob", "hurl", "plant", "use"):
        return True
    if dep in ("nsubj", "dobj", "pobj", "agent", "nsubjpass", "ROOT"):
        return lemma in _USE_VERBS or verb.lemma_.lower() in _ATTACK_NOUNS or lemma in CASUALTY_VERBS
    return False


def cause(token) -> bool:  # noqa: ANN001
    """A trigger inside what a protest is about: "to decry the arrests", "protests over the killing"."""
    tok = token
    for _ in range(5):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _CAUSE_WORDS or LEXICON.get(tok.lemma_.lower()) == "protest":
            return True
    return False


def hypothetical(token) -> bool:  # noqa: ANN001
    """A trigger that did not happen (yet): "a possible ground invasion", "preparing for an assault",
    "ready to counter an airstrike", "vowed to attack"."""
    if any(c.lower_ in ("possible", "potential", "planned", "imminent", "future", "mock", "anticipated", "would-be",
                        "threatened") for c in children(token)):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may", "shall") for c in children(token)):
        return True
    tok = token
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ in ("conj",) and tok.head.pos_ == "VERB" and tok.head.i < tok.i:
            return False
        prev, tok = tok, tok.head
        if tok.lemma_.lower() == "call" and not (prev.lower_ == "for" or prev.dep_ == "xcomp"):
            continue  # "a call of a shooting", "responded to a call about shots fired": a report, not an appeal
        if tok.lemma_.lower() in ("prepare", "preparation", "plan", "threaten", "threat", "ready", "wait", "intend",
                                  "vow", "warn", "prevent", "counter", "avert", "order", "call", "urge", "aim",
                                  "want", "fear", "risk", "deter", "rehearse", "simulate", "exercise", "drill"):
            return True
    return False


def protest_context(sentence_categories: set[str]) -> bool:
    return bool(sentence_categories & {"protest", "disperse"})


def _phrase_words(token) -> set[str]:  # noqa: ANN001
    return {t.lemma_.lower() for t in token.subtree}


# Lemmas the small English model gets wrong ("raped" → "rap").
_LEMMA_FIXES = {"raped": "rape", "raping": "rape", "rapes": "rape", "shelled": "shell", "shelling": "shelling"}


def category(token) -> str | None:  # noqa: ANN001 - spaCy Token
    """The trigger category of a token, or None when it names no event."""
    pos = token.pos_
    if pos not in ("VERB", "NOUN", "PROPN"):  # first: most tokens stop here, before their lemma is read
        return None
    lemma = _LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
    low = token.lower_
    if token.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "GPE", "CARDINAL") and lemma not in ("attack",) and not (
            token.ent_type_ == "ORG" and lemma in ("raid", "strike")):
        return None  # "March" the month, "Rally" a name
    if lemma in ("exchange", "swap", "release", "free") and pos == "VERB" and any(
            t.lemma_.lower() in ("prisoner", "detainee", "hostage", "captive", "body") for c in children(token)
            for t in c.subtree if c.dep_ in ("dobj", "nsubjpass")):
        return "agreement"  # "exchanged prisoners"
    if lemma in ("move", "send", "dispatch", "forward", "transfer", "rush", "bring") and pos == "VERB" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("troop", "force", "fighter", "reinforcement",
                                                                   "soldier", "unit", "equipment", "convoy")
            for c in children(token)):
        return "change"  # "moving troops to the border"
    if lemma in ("fire", "use", "lob", "shoot", "spray") and pos == "VERB" and any(
            t.lower_ in ("tear", "teargas", "pepper", "rubber", "cannon", "cannons") for c in children(token)
            for t in c.subtree if c.dep_ in ("dobj", "nsubjpass")):
        return "disperse"  # "fired tear gas", "used water cannon"
    if lemma in ("gain", "lose", "cede") and any(c.lemma_.lower() == "ground" for c in children(token)):
        return "territory"
    if lemma == "take" and pos == "VERB" and any(c.lower_ == "into" and any(g.lower_ == "custody" for g in children(c))
                                                 for c in children(token)):
        return "arrest"  # before territory: "Mills, of South Bend, was taken into custody" took no town
    if lemma in ("capture", "seize", "take", "control", "overrun", "secure", "recapture", "retake") and pos == "VERB" and any(
            c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ in ("GPE", "LOC", "FAC") or
                                                c.lemma_.lower() in _PLACE_OBJECTS or
                                                any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree))
            for c in children(token)):
        return "territory"  # "captured the port of Mokha", "took five villages"
    if lemma == "control" and pos == "VERB":
        return None
    if lemma in ("blow", "detonate", "kill") and any(
            c.lower_ in ("themselves", "himself", "herself") for c in children(token)):
        return "suicide"  # "blew themselves up", "detonated explosives, killing themselves"
    if low in ("air", "airstrike", "airstrikes") and token.head.lemma_.lower() in ("strike", "raid", "attack"):
        return "air"  # "an air strike": the strike is aerial
    if lemma == "strike":
        words = _phrase_words(token)
        if pos == "NOUN" and words & {"air", "drone", "missile", "aerial", "airstrike"}:
            return "air"
        if pos == "NOUN" and any(c.lower_ in ("hunger", "general", "labour", "labor", "workers") for c in children(token)):
            return "protest"
        return "attack" if pos == "VERB" else ("air" if token.head.lemma_.lower() in ("launch", "carry", "conduct")
                                               else None)
    if lemma == "fire" or low == "fire":
        if pos == "VERB" or any(c.lemma_.lower() == "open" for c in (token.head,)) or any(
                t.lower_ in ("mortar", "artillery", "sudden", "gun", "heavy", "live", "sniper", "rocket", "tank")
                for t in token.subtree):
            if any(t.lower_ in ("mortar", "artillery", "rocket", "rockets", "shells", "missile", "missiles", "tank")
                   for t in list(token.subtree) + list(children(token))):
                return "shelling"
            if any(t.lower_ in ("tear",) for t in token.head.subtree):
                return None
            return "shoot"
        if pos == "NOUN" and any(c.lemma_.lower() in ("set", "start") for c in [token.head]):
            return "loot"  # "set fire to", "started a fire"
        return None
    if lemma == "open" and any(c.lower_ == "fire" for c in children(token)):
        return "shoot"
    if lemma in ("take", "gain", "seize", "wrest", "assume", "capture", "retake", "regain", "establish") and any(
            c.lemma_.lower() == "control" for c in children(token)):
        return "territory"
    if lemma in ("take", "round") and any(c.lower_ in ("custody",) for c in token.subtree) and pos == "VERB":
        return "arrest"
    if lemma == "take" and any(c.lower_ == "hostage" for c in children(token)):
        return "abduction"
    if lemma == "set" and any(c.lower_ == "up" for c in children(token)) and pos == "VERB":
        return "base"
    if lemma == "pull" and any(c.lower_ in ("back", "out") for c in children(token)) and not any(
            c.dep_ == "dobj" for c in children(token)):
        return "withdraw"  # "troops pulled out of the town", not "pulled out a pistol"
    if lemma == "accord" and (pos != "NOUN" or any(c.lower_ == "to" for c in children(token))):
        return None  # "according to"
    if lemma in ("blast", "explosion") and any(c.lower_ in ("gun", "shotgun", "shot", "gunshot") for c in children(token)):
        return "shoot"  # "a shotgun blast"
    if lemma == "blow" and any(c.lower_ == "up" for c in children(token)):
        return "explosion"
    if lemma == "throw" and any(t.lower_ in ("stones", "rocks", "bottles", "bricks", "molotov", "petrol", "eggs")
                                for t in token.subtree):
        return "riot"
    if lemma == "throw" and any(t.lemma_.lower() == "grenade" for t in token.subtree):
        return "grenade"
    if lemma in ("find", "discover", "seize", "recover", "confiscate", "identify", "clear", "destroy", "defuse",
                 "uncover", "unearth", "dismantle", "detect", "intercept", "shoot") and pos == "VERB" and any(
            t.lemma_.lower() in ("weapon", "explosive", "ammunition", "device", "bomb", "ied", "firearm", "cache",
                                 "rifle", "arm", "grenade", "mine", "landmine", "missile", "rocket", "drone", "gun",
                                 "mortar", "ammo", "vbied", "ieds", "shell")
            for c in children(token) if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree) and not (
            lemma == "shoot" and not any(c.lower_ == "down" for c in children(token))):
        return "disrupted"
    if lemma == "gun" and any(c.lower_ == "down" for c in children(token)):
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
    if cat == "chemical":
        if low == "tear" or lemma in ("gas", "nerve") and not any(
                t.lower_ in ("toxic", "poison", "poisonous", "chlorine", "mustard", "nerve", "sarin", "chemical")
                for t in children(token)) or lemma == "nerve" and not any(
                c.lemma_.lower() in ("agent", "gas") for c in [token.head]) or lemma == "chemical" and not any(
                c.lemma_.lower() in ("weapon", "attack", "agent", "munition") for c in [token.head]):
            return None  # tear gas is crowd control; "gas prices"; "a chemical plant"
        return cat
    if lemma in _WEAPON_WORDS:
        head = token.head
        if token.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in UNIT_HEADS | {"launcher", "squad"}:
            return None  # "an artillery battery", "rocket launchers", "a bomb squad"
        if not _used(token):
            return None  # weapons found, seized, intercepted or listed are no attack
    if cat == "protest" and lemma in ("vigil", "boycott") and token.dep_ not in ("nsubj", "dobj", "nsubjpass"):
        return None
    if lemma == "mine" and pos == "NOUN" and any(t.lower_ in ("gold", "coal", "copper") for t in children(token)):
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
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in children(tok)):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("nobody", "none") or
               c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in children(c)) and c.lower_ == "one"
               for c in children(tok)):
            return True
        if tok.head.i == tok.i or tok.dep_ in ("conj", "advcl", "ccomp", "relcl"):
            break
        tok = tok.head
    return False


def casualty_verb(token) -> bool:  # noqa: ANN001
    return token.pos_ == "VERB" and token.lemma_.lower() in CASUALTY_VERBS


def instruments(text: str) -> list[re.Match]:
    return list(INSTRUMENTS.finditer(text))
