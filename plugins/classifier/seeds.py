"""Seed reports for the event classifier, written by us from ACLED's codebook definitions: each label has a
few templates (``seeds/templates.json``) whose slots are filled from short lists, with a fixed seed.

They give every ACLED sub-type, the rare ones too (headquarters established, change to group activity,
non-violent transfer of territory), examples beside the few that held-out-safe public data has, and
give "no event" its disasters, accidents, crime and diplomacy. No news text is in them.
"""

from __future__ import annotations

import json
import pathlib
import random
import re

from fieldreport.plugins.classifier.training import Coded

TEMPLATES = pathlib.Path(__file__).parent / "seeds" / "templates.json"
SLOT = re.compile(r"\{(\w+)\}")


def generate(per_template: int = 3, seed: int = 0, path: pathlib.Path = TEMPLATES) -> list[Coded]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    slots: dict[str, list[str]] = spec["slots"]
    rng = random.Random(seed)
    out: list[Coded] = []
    for label, templates in spec["labels"].items():
        for template in templates:
            made: set[str] = set()
            for _ in range(per_template * 4):  # a few tries for distinct fillings
                if len(made) == per_template:
                    break
                text = SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
                text = text[0].upper() + text[1:]
                if text not in made:
                    made.add(text)
                    out.append(Coded(text, "2024-05-06", label))
    return out
