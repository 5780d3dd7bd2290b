"""The region of a country as events_acled reports it (``data/regions.tsv``: ACLED's regions, African and
American sub-regions joined)."""

from __future__ import annotations

import functools
import pathlib

DATA = pathlib.Path(__file__).parent / "data"
# the order of the per-region rows; the first six are the regions the issue names
REGIONS = ("Africa", "Middle East", "South Asia", "Southeast Asia", "Europe", "Americas",
           "Caucasus and Central Asia", "East Asia", "Oceania", "Antarctica")
UNKNOWN = "unknown"


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    out = {}
    for line in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            iso, region, *_name = line.split("\t")
            out[iso] = region
    return out


def region_of(country: str | None) -> str:
    return table().get((country or "").upper(), UNKNOWN)


def key(region: str) -> str:
    """The metric-key form: "Middle East" → "middle_east"."""
    return region.lower().replace(" and ", "_").replace(" ", "_")
