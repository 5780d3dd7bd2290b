"""Bulk extraction and Compare on Ray Data, for archives too large for one process.

    import fieldreport.bulk as bulk

    summary = bulk.extract("archive.jsonl", "out/events.parquet", address="auto")
    print(summary.line())
    result = bulk.compare("out/events.parquet", "out/incidents", address="auto")

Ray is an optional extra (``pip install 'fieldreport[ray]'``); importing this package works without it,
and calling into it without Ray raises ``RayNotInstalled`` naming the extra. ``extract`` runs the plugin
pipeline in an actor pool (one Pipeline per actor) and writes part files, resumably (``extraction``);
``compare`` clusters the event sets of such an output into incidents with the same results as the
in-process Compare (``comparison``).
"""

from __future__ import annotations

from fieldreport.bulk.runtime import EXTRA, RayNotInstalled, require_ray

__all__ = ["EXTRA", "RayNotInstalled", "compare", "extract", "require_ray"]


def extract(input: str, output: str, **options):  # noqa: A002, ANN003, ANN201
    """See ``fieldreport.bulk.extraction.extract``."""
    require_ray()
    from fieldreport.bulk.extraction import extract as run

    return run(input, output, **options)


def compare(input: str, output: str, **options):  # noqa: A002, ANN003, ANN201
    """See ``fieldreport.bulk.comparison.compare``."""
    require_ray()
    from fieldreport.bulk.comparison import compare as run

    return run(input, output, **options)
