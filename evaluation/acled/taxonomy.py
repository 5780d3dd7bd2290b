"""ACLED's event type and sub-event type names ("Explosions/Remote violence", "Air/drone strike") → the
contract's snake_case (``explosions_remote_violence``, ``air_drone_strike``), from ``data/acled_types.tsv``."""

from __future__ import annotations

import functools
import pathlib
from collections.abc import Iterable

DATA = pathlib.Path(__file__).parent / "data"


@functools.lru_cache(maxsize=1)
def table() -> dict[str, dict[str, str]]:
    """level ("type" or "sub_type") → ACLED name → snake_case; and "parent": sub-type → its event type."""
    out: dict[str, dict[str, str]] = {"type": {}, "sub_type": {}, "parent": {}}
    for line in (DATA / "acled_types.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        level, name, snake, *parent = line.split("\t")
        out[level][name] = snake
        if parent:
            out["parent"][snake] = parent[0]
    return out


def event_type(name: str) -> str | None:
    return table()["type"].get(name)


def sub_event_type(name: str) -> str | None:
    return table()["sub_type"].get(name)


def unmapped(incidents: Iterable[dict]) -> list[str]:
    """Gold type or sub-type names the table lacks (the task notes them: a new ACLED name needs a row)."""
    missing = set()
    for incident in incidents:
        if incident.get("type") and event_type(incident["type"]) is None:
            missing.add(incident["type"])
        if incident.get("sub_type") and sub_event_type(incident["sub_type"]) is None:
            missing.add(incident["sub_type"])
    return sorted(missing)
