"""The document as it travels through the pipeline: normalized text, metadata, one spaCy pass, layers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from typing import Any


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

    def sentence_index(self, char: int) -> int:
        """Index of the spaCy sentence holding code point ``char`` (-1 when outside all)."""
        for i, sent in enumerate(self.spacy.sents):
            if sent.start_char <= char < sent.end_char:
                return i
        return -1
