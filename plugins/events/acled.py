"""ACLED event_type / sub_event_type from an event's evidence.

ACLED's codebook (2023) defines the types by who acts against whom and by what means:

- battles: a violent interaction between two organised armed groups (armed clash; government regains
  territory; non-state actor overtakes territory);
- explosions/remote violence: one-sided violence by a weapon that takes away the target's ability to
  respond (chemical weapon, air/drone strike, suicide bomb, shelling/artillery/missile attack, remote
  explosive/landmine/IED, grenade);
- violence against civilians: an organised armed actor (or an unidentified armed person) deliberately
  harms unarmed non-combatants (sexual violence, attack, abduction/forced disappearance);
- protests (peaceful, with intervention, excessive force against protesters) and riots (violent
  demonstration, mob violence);
- strategic developments: agreement, arrests, change to group/activity, disrupted weapons use,
  headquarters or base established, looting/property destruction, non-violent transfer of territory, other.

The checks run from the most specific means to the most general, as the codebook orders them: a
suicide bombing is a suicide bomb even though it is also an explosion and an attack. A shooting of
people by a gunman (a US shooting) is violence against civilians / attack; it is a battle only when
both sides are armed and organised (soldiers, police, militants) or the text says they fought.
"""

from __future__ import annotations

import dataclasses
import re

ARMED = {"state_forces", "rebel_group", "political_militia", "identity_militia", "external_forces"}
VIOLENT = {"attack", "clash", "kill", "die", "injure", "shoot", "explosion", "shelling", "air", "grenade", "sexual",
           "chemical", "abduction", "capture", "mob", "riot", "raid", "suicide"}


@dataclasses.dataclass
class Evidence:
    categories: list[str]  # trigger categories in text order (repeats kept)
    instruments: list[str]
    perpetrators: set[str]  # actor types
    targets: set[str]  # actor types of targets and victims
    kinds: set[str]  # casualty kinds: KILLED, INJURED, ...
    protesters: bool = False  # protesters or demonstrators take part
    gainers: list[str] = dataclasses.field(default_factory=list)  # actor types of who takes territory, in order
    named_perpetrator: bool = False  # an organisation named (Islamic State), not "gunmen"
    armed_present: set[str] = dataclasses.field(default_factory=set)  # armed actor types of other actors named


def classify(ev: Evidence) -> tuple[str, str]:
    cats = set(ev.categories)
    inst = " ".join(ev.instruments).lower()
    harmed = bool(ev.kinds & {"KILLED", "INJURED"})
    violent = bool(cats & VIOLENT) or harmed
    if cats & {"protest", "disperse"} or ev.protesters and cats & {"riot", "clash", "loot", "attack", "shoot"}:
        if cats & {"riot", "loot", "clash"} or re.search(r"stones|rocks|molotov|petrol bomb|bottles", inst) or (
                ev.perpetrators & {"protesters", "rioters"} and violent):
            return "riots", "violent_demonstration"
        if harmed and (ev.perpetrators & ARMED or re.search(r"live (?:ammunition|fire|rounds)|gunfire", inst) or
                       cats & {"shoot", "kill", "disperse", "attack"}):
            return "protests", "excessive_force_against_protesters"
        if cats & {"arrest", "attack", "shoot", "disperse"} or harmed or re.search(
                r"tear ?gas|rubber bullets|water cannon|baton", inst):
            return "protests", "protest_with_intervention"
        if "protest" in cats:
            return "protests", "peaceful_protest"
    if "mob" in cats:
        return "riots", "mob_violence"
    if "riot" in cats:
        return "riots", "violent_demonstration"
    if "sexual" in cats:
        return "violence_against_civilians", "sexual_violence"
    if "chemical" in cats or re.search(r"chlorine|sarin|toxic gas|poison", inst):
        return "explosions_remote_violence", "chemical_weapon"
    if "disrupted" in cats and not harmed and not cats & {"attack", "clash", "shoot", "air", "shelling", "explosion"}:
        return "strategic_developments", "disrupted_weapons_use"
    if "territory" in cats:
        gainer = ev.gainers[0] if ev.gainers else ""
        if gainer in ("rebel_group", "political_militia", "identity_militia") or not gainer and \
                ev.perpetrators & {"rebel_group", "political_militia", "identity_militia"} and \
                not ev.perpetrators & {"state_forces", "external_forces"}:
            return "battles", "non_state_actor_overtakes_territory"
        if "withdraw" in cats and not cats & {"attack", "clash", "kill", "shoot"} and not harmed:
            return "strategic_developments", "non_violent_transfer_of_territory"
        return "battles", "government_regains_territory"
    if "suicide" in cats or re.search(r"suicide", inst):
        return "explosions_remote_violence", "suicide_bomb"
    if "air" in cats or re.search(r"air ?strike|drone|warplane|fighter jet|helicopter|barrel bomb", inst):
        return "explosions_remote_violence", "air_drone_strike"
    if "grenade" in cats:
        return "explosions_remote_violence", "grenade"
    if "shelling" in cats:
        return "explosions_remote_violence", "shelling_artillery_missile_attack"
    if "explosion" in cats:
        return "explosions_remote_violence", "remote_explosive_landmine_ied"
    if cats & {"abduction", "capture"} and not cats & {"attack", "clash", "shoot"}:
        if "capture" in cats and ev.targets and ev.targets <= ARMED:
            return "battles", "armed_clash"  # combatants taken in a fight
        return "violence_against_civilians", "abduction_forced_disappearance"
    if "clash" in cats:
        return "battles", "armed_clash"
    if "raid" in cats and cats & {"arrest"} and not harmed:
        return "strategic_developments", "arrests"
    if cats & {"attack", "shoot", "kill", "injure", "die", "raid"} or harmed:
        if ev.targets & ARMED and (ev.perpetrators & ARMED or cats & {"attack", "raid"}):
            return "battles", "armed_clash"
        if ev.named_perpetrator and ev.armed_present and "civilians" not in ev.targets:
            return "battles", "armed_clash"  # an armed organisation against other armed men
        return "violence_against_civilians", "attack"
    if "arrest" in cats:
        return "strategic_developments", "arrests"
    if "agreement" in cats:
        return "strategic_developments", "agreement"
    if "loot" in cats:
        return "strategic_developments", "looting_property_destruction"
    if "base" in cats:
        return "strategic_developments", "headquarters_or_base_established"
    if cats & {"withdraw", "change"}:
        return "strategic_developments", "change_to_group_activity"
    if "disrupted" in cats:
        return "strategic_developments", "disrupted_weapons_use"
    return "strategic_developments", "other"
