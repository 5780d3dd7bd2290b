"""Event triggers and ACLED typing.

Trigger words (lemmas) map to a coarse category; an event's ACLED event_type / sub_event_type follows
from its categories, instruments and actors, as ACLED's codebook describes the types:
battles between organised armed groups; explosions/remote violence by weapons that strike from afar;
violence against civilians by armed actors on unarmed people; protests and riots; strategic
developments (arrests, territory transfers without a fight).
"""

from __future__ import annotations

import re

TRIGGERS = {
    # violence between armed actors or against anyone
    "attack": "attack", "assault": "attack", "ambush": "attack", "raid": "attack", "storm": "attack",
    "clash": "clash", "fight": "clash", "fighting": "clash", "battle": "clash", "firefight": "clash", "skirmish": "clash",
    "offensive": "clash", "exchange": "clash",
    "kill": "kill", "die": "kill", "murder": "kill", "slay": "kill", "massacre": "kill", "execute": "kill",
    "succumb": "kill", "shoot": "shoot", "shooting": "shoot", "gunfire": "shoot", "gunman": "shoot",
    "wound": "kill", "injure": "kill",
    "bomb": "explosion", "bombing": "explosion", "explosion": "explosion", "blast": "explosion",
    "explode": "explosion", "detonate": "explosion", "ied": "explosion",
    "shell": "shelling", "shelling": "shelling", "mortar": "shelling", "rocket": "shelling", "artillery": "shelling",
    "missile": "shelling",
    "airstrike": "air", "strike": "air", "bombard": "air", "bombardment": "air", "drone": "air", "sortie": "air",
    "capture": "capture", "abduct": "abduction", "kidnap": "abduction", "abduction": "abduction",
    "kidnapping": "abduction", "hostage": "abduction",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest",
    "protest": "protest", "demonstration": "protest", "demonstrate": "protest", "rally": "protest",
    "march": "protest", "sit-in": "protest", "strike_labour": "protest",
    "riot": "riot", "loot": "riot", "torch": "riot",
    "recapture": "territory", "retake": "territory", "regain": "territory", "liberate": "territory",
    "purge": "territory", "flush": "territory", "clear": "territory", "restore": "territory", "seize": "territory",
    "overrun": "territory",
}
SAYING = {"say", "state", "tell", "report", "announce", "add", "confirm", "claim", "deny", "quote", "allege",
          "statement", "announcement", "briefing", "interview", "conference"}
BACKGROUND = re.compile(r"\b(?:has|have|had) been\b.*\b\w+ing\b|\bsince (?:the )?(?:early |late )?"
                        r"(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\b|\bbegan in\b|\bcontinues? to\b|\bongoing\b|\bhas proved\b|\bwreaking havoc\b",
                        re.IGNORECASE)
ANAPHORA = re.compile(r"\b(?:the|this|that|these|those|ensuing|same)\s+(?:\w+\s+)?(?:attack|attacks|assault|clashes|"
                      r"fighting|battle|incident|bombing|blast|explosion|shooting|ambush|raid|violence)\b", re.IGNORECASE)
INSTRUMENTS = re.compile(
    r"\b(?:car bomb|truck bomb|suicide (?:bomb(?:er|ing)?|vest|attack)|roadside bomb|improvised explosive device|"
    r"IEDs?|explosive devices?|landmines?|mortar (?:fire|shells?|rounds?)|mortars?|artillery (?:fire|shells?|shelling)|"
    r"rockets?|missiles?|air ?strikes?|drones?|grenades?|gunmen|gunfire|rifles?|guns?|handguns?|shotguns?|"
    r"knives|knife|machetes?|bombs?|explosives?|tanks?|heavy weapons)\b", re.IGNORECASE)


def trigger_category(token) -> str | None:  # noqa: ANN001 - spaCy Token
    lemma = token.lemma_.lower()
    if lemma == "strike" and token.pos_ == "VERB":
        return "attack"
    if lemma == "fire" and token.pos_ in ("VERB", "NOUN") and (token.pos_ == "VERB" or any(
            t.lower_ in ("mortar", "artillery", "sudden", "gun", "heavy", "open") for t in token.subtree)):
        return "shelling" if any(t.lower_ in ("mortar", "artillery", "rocket") for t in token.subtree) else "shoot"
    if lemma == "open" and any(c.lower_ == "fire" for c in token.children):
        return "shoot"
    if lemma in ("take", "gain", "seize") and any(c.lemma_ == "control" for c in token.subtree):
        return "territory"
    if lemma == "restore" and any(t.lemma_ == "security" for t in token.sent):
        return "territory"
    if lemma == "clear" and token.pos_ != "VERB":
        return None
    if lemma in ("shell", "strike", "bomb", "march", "rally", "exchange", "drone", "clear", "restore", "seize",
                 "flush", "purge") and token.pos_ not in ("VERB", "NOUN"):
        return None
    return TRIGGERS.get(lemma)


def classify(categories: set[str], instruments: list[str], perpetrator_types: set[str], victim_types: set[str],
             has_killed: bool) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) from an event's evidence."""
    inst = " ".join(instruments).lower()
    armed = {"state_forces", "rebel_group", "political_militia", "identity_militia", "external_forces"}
    if "territory" in categories and not (categories & {"explosion", "air", "shelling"}):
        if perpetrator_types & {"rebel_group", "political_militia", "identity_militia"} and not \
                perpetrator_types & {"state_forces"}:
            return "battles", "non_state_actor_overtakes_territory"
        return "battles", "government_regains_territory"
    if "protest" in categories or "riot" in categories:
        if "riot" in categories:
            return "riots", "violent_demonstration"
        if has_killed and perpetrator_types & {"state_forces"}:
            return "protests", "excessive_force_against_protesters"
        if "arrest" in categories or re.search(r"tear ?gas|rubber bullets|dispers", inst):
            return "protests", "protest_with_intervention"
        return "protests", "peaceful_protest"
    if re.search(r"suicide", inst):
        return "explosions_remote_violence", "suicide_bomb"
    if "air" in categories or re.search(r"air ?strike|drone", inst):
        return "explosions_remote_violence", "air_drone_strike"
    if "shelling" in categories or re.search(r"mortar|artillery|rocket|missile|shell", inst):
        return "explosions_remote_violence", "shelling_artillery_missile_attack"
    if "explosion" in categories or re.search(r"bomb|ied|explosive|landmine", inst):
        return "explosions_remote_violence", "remote_explosive_landmine_ied"
    if re.search(r"grenade", inst):
        return "explosions_remote_violence", "grenade"
    if categories & {"abduction", "capture"} and not categories & {"attack", "clash", "kill", "shoot"}:
        if victim_types and victim_types <= {"civilians"}:
            return "violence_against_civilians", "abduction_forced_disappearance"
        if "abduction" in categories:
            return "violence_against_civilians", "abduction_forced_disappearance"
        return "battles", "armed_clash"
    if categories == {"arrest"} or (categories <= {"arrest", "kill"} and "arrest" in categories and not has_killed):
        return "strategic_developments", "arrests"
    if "clash" in categories:
        return "battles", "armed_clash"
    if victim_types & armed and (perpetrator_types & armed or "attack" in categories):
        return "battles", "armed_clash"
    return "violence_against_civilians", "attack"
