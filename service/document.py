"""The document as it travels through the pipeline: normalized text, metadata, one spaCy pass, layers."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import time
from collections.abc import Callable
import os
from typing import Any

PLUGIN_TRUNCATED = "PLUGIN_TRUNCATED"
SENTENCE_SPLIT = "SENTENCE_SPLIT"


class DeadlineExceeded(Exception):
    """The caller's deadline passed while the pipeline was working."""


class CallCancelled(DeadlineExceeded):
    """The caller went away (cancelled the call) while the pipeline was working."""


@dataclasses.dataclass
class Attribution:
    """A stretch of text [begin, end) whose facts a source reports."""

    begin: int
    end: int
    source: Any  # fieldreport.v1.Source


@dataclasses.dataclass
class Warning_:
    code: str
    message: str
    plugin: str = ""


@dataclasses.dataclass(frozen=True)
class WorkBudget:
    """How much work one document may cost each plugin (README "Limits").

    The plugins are linear in the document's length; these bounds cap the constant, so that no document
    within the size limit holds a worker for long. The defaults are far above what real articles need
    (a long article has a few hundred sentences, sentences under 100 tokens, under 200 mentions). A
    plugin that reaches one stops reading, keeps what it read, and warns ``PLUGIN_TRUNCATED`` naming
    itself and the budget.
    """

    #: A stretch of more tokens than this with no sentence end ("killed killed …", a table flattened to
    #: one line) is cut into sentences of this many tokens before the parse (warning SENTENCE_SPLIT):
    #: every tree walk inside a sentence is then bounded.
    max_sentence_tokens: int = 250
    #: Sentences a plugin reads.
    max_sentences: int = 10_000
    #: Mentions (casualty mentions, counts, places, dates, actors, event triggers) a plugin keeps.
    max_mentions: int = 5_000
    #: Pairs a plugin compares (a mention against earlier people, an event against its arguments).
    max_candidate_pairs: int = 2_000_000

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> WorkBudget:
        """The defaults, each overridden by ``FIELDREPORT_<FIELD>`` when set (``FIELDREPORT_MAX_SENTENCES``):
        the server's workers inherit the server's environment."""
        environ = os.environ if environ is None else environ
        values = {}
        for field in dataclasses.fields(cls):
            raw = environ.get(f"FIELDREPORT_{field.name.upper()}")
            if raw is not None:
                try:
                    values[field.name] = int(raw)
                except ValueError:
                    raise ValueError(f"FIELDREPORT_{field.name.upper()} must be a whole number, not {raw!r}") from None
                if values[field.name] < 1:
                    raise ValueError(f"FIELDREPORT_{field.name.upper()} must be 1 or more, not {raw!r}")
        return cls(**values)

    @classmethod
    def unlimited(cls) -> WorkBudget:
        """No bound (benchmarks that measure the plugins' own cost)."""
        big = 1 << 62
        return cls(max_sentence_tokens=big, max_sentences=big, max_mentions=big, max_candidate_pairs=big)


@dataclasses.dataclass
class AnnotatedDocument:
    """One document, annotated once and handed from plugin to plugin.

    ``text`` is the normalized text (same length as the request's text in code points, except where
    NFC composed characters; ``offset_map`` maps back). ``spacy`` is the one spaCy Doc of ``text``.
    """

    text: str
    id: str = ""
    title: str = ""
    source: str = ""
    published: dt.date | None = None
    published_from: str = ""  # "request", "header", "dateline" or "" when unknown
    dateline: tuple[int, int] | None = None  # where a wire dateline names its place ("KANO, Nigeria")
    language: str = "en"
    url: str = ""
    spacy: Any = None
    offset_map: list[int] | None = None
    layers: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    warnings: list[Warning_] = dataclasses.field(default_factory=list)
    deadline: float | None = None  # time.monotonic() value after which work stops
    cancelled: Callable[[], bool] | None = None  # true once the caller has gone (set by the worker)
    budget: WorkBudget = dataclasses.field(default_factory=WorkBudget)

    def add(self, layer: str, items: list[Any]) -> None:
        self.layers.setdefault(layer, []).extend(items)

    def get(self, layer: str) -> list[Any]:
        return self.layers.get(layer, [])

    def check_deadline(self) -> None:
        """Raise DeadlineExceeded once the deadline has passed, CallCancelled once the caller has gone.

        Cheap (a clock read and a shared-memory read): the pipeline calls it between plugins, and a
        plugin may call it in its long loops so that a runaway document stops where it is."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlineExceeded()
        if self.cancelled is not None and self.cancelled():
            raise CallCancelled()

    def warn(self, code: str, message: str, plugin: str = "") -> None:
        self.warnings.append(Warning_(code, message, plugin))

    def truncated(self, plugin: str, budget: str, used: int | None = None) -> None:
        """Warn once per plugin and budget that ``plugin`` stopped at ``budget`` (a WorkBudget field)."""
        if any(w.code == PLUGIN_TRUNCATED and w.plugin == plugin and f"budget {budget} " in w.message
               for w in self.warnings):
            return
        limit = getattr(self.budget, budget)
        self.warn(PLUGIN_TRUNCATED, f"plugin {plugin!r} stopped at its work budget {budget} = {limit} "
                  f"({used if used is not None else limit} reached): its result covers what it read "
                  "before that", plugin)

    def sentences(self, plugin: str) -> list:
        """The spaCy sentences ``plugin`` may read: all, or the first ``budget.max_sentences`` (warned)."""
        sents = self.sentence_list()
        if len(sents) > self.budget.max_sentences:
            self.truncated(plugin, "max_sentences", len(sents))
            return sents[:self.budget.max_sentences]
        return sents

    def sentence_list(self) -> list:
        """The spaCy sentences, listed once (``Doc.sents`` walks the whole document on each call)."""
        key = "sentences"
        cache = self.spacy.user_data.get(key)
        if cache is None:
            cache = self.spacy.user_data[key] = list(self.spacy.sents)
        return cache

    def sentence_index(self, char: int) -> int:
        """Index of the spaCy sentence holding code point ``char`` (-1 when outside all); a bisection."""
        sents = self.sentence_list()
        key = "sentence_starts"
        starts = self.spacy.user_data.get(key)
        if starts is None:
            starts = self.spacy.user_data[key] = [s.start_char for s in sents]
        i = bisect.bisect_right(starts, char) - 1
        if i >= 0 and sents[i].start_char <= char < sents[i].end_char:
            return i
        return -1
