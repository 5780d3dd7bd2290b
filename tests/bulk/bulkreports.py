"""Invented short news reports, made from templates written here: incidents in real towns (which the
gazetteer knows), each reported one to three times, a day or two apart, with a rising toll. Deterministic
for a seed. Nothing here is copied from any news source."""

from __future__ import annotations

import datetime as dt
import random

TOWNS = [("Kirkuk", "Iraq", "Iraqi"), ("Mosul", "Iraq", "Iraqi"), ("Basra", "Iraq", "Iraqi"),
         ("Ramadi", "Iraq", "Iraqi"), ("Maiduguri", "Nigeria", "Nigerian"), ("Kano", "Nigeria", "Nigerian"),
         ("Aleppo", "Syria", "Syrian"), ("Idlib", "Syria", "Syrian"), ("Homs", "Syria", "Syrian"),
         ("Kandahar", "Afghanistan", "Afghan"), ("Jalalabad", "Afghanistan", "Afghan"),
         ("Mogadishu", "Somalia", "Somali"), ("Kismayo", "Somalia", "Somali"), ("Gao", "Mali", "Malian"),
         ("Mopti", "Mali", "Malian"), ("Benghazi", "Libya", "Libyan"), ("Aden", "Yemen", "Yemeni"),
         ("Taiz", "Yemen", "Yemeni"), ("Peshawar", "Pakistan", "Pakistani"), ("Quetta", "Pakistan", "Pakistani")]
PLACES = ["market", "checkpoint", "mosque", "bus station", "police station", "wedding party", "school"]
GROUPS = ["Islamic State", "al-Shabaab", "Boko Haram", "Taliban", "Houthi"]
SOURCES = ["police said", "a local official said", "hospital sources said", "the provincial governor said"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

FIRST = [
    "A car bomb exploded near a {place} in the {adjective} city of {town} on {day}, killing {killed} people "
    "and wounding {injured} others, {source}.",
    "Gunmen attacked a {place} in {town}, {country}, on {day}, killing {killed} people and wounding {injured}, "
    "{source}. No group has claimed the attack.",
    "A suicide bomber blew himself up at a {place} in {town} on {day}, killing at least {killed} people, "
    "{source}. {injured} people were taken to hospital.",
    "Fighters of {group} stormed a {place} in {town} on {day}; {killed} soldiers were killed in the clashes "
    "and {injured} were wounded, the army said.",
]
FOLLOW = [
    "The death toll from {day}'s bombing of a {place} in {town} has risen to {killed}, {source} on {today}. "
    "{injured} people remain in hospital.",
    "{killed} people are now known to have died in the attack on a {place} in {town} on {day}, {source}. "
    "Funerals were held on {today}.",
    "Residents of {town} buried {killed} victims of {day}'s attack on a {place}, {source}. "
    "Another {injured} were wounded.",
]


def reports(n: int, seed: int = 13, start: dt.date = dt.date(2019, 1, 7)) -> list[dict]:
    """``n`` documents as JSON objects (id, text, published), grouped in incidents of one to three."""
    rng = random.Random(seed)
    out: list[dict] = []
    incident = 0
    while len(out) < n:
        incident += 1
        day = start + dt.timedelta(days=rng.randrange(540))
        town, country, adjective = rng.choice(TOWNS)
        values = {"town": town, "country": country, "adjective": adjective, "place": rng.choice(PLACES), "group": rng.choice(GROUPS),
                  "day": WEEKDAYS[day.weekday()], "killed": rng.randint(2, 30), "injured": rng.randint(3, 60)}
        for copy in range(rng.choice([1, 1, 2, 2, 3])):
            if len(out) == n:
                break
            published = day + dt.timedelta(days=copy + rng.randint(0, 1))
            values["source"] = rng.choice(SOURCES)
            values["today"] = WEEKDAYS[published.weekday()]
            template = rng.choice(FIRST) if copy == 0 else rng.choice(FOLLOW)
            text = template.format(**values)
            values["killed"] += rng.randint(0, 4)
            out.append({"id": f"inc{incident}-r{copy + 1}", "text": text, "published": published.isoformat()})
    return out
