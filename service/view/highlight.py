"""The article as HTML, its mentions, triggers and evidence sentences wrapped in marks.

Span offsets are code points into the text the caller sent (the contract's default encoding), which are
Python string indices, so the text is cut here, on the server side, and the browser never counts.

Marks must nest to be HTML. Spans that cross (a mention running past the end of another) are made to
nest by cutting the inner one (by layer) at the crossing; every piece keeps the whole span's attributes,
so a reader (or a test) groups pieces by their data-begin/data-end. This is a few lines of interval
work that no HTML library does, hence by hand.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

from fieldreport.service.view import describe
from fieldreport.v1 import fieldreport_pb2 as pb

#: Outermost first: a sentence holds mentions, a mention may hold a trigger or a smaller mention.
EVIDENCE, MENTION, TRIGGER = 0, 1, 2


@dataclasses.dataclass
class Mark:
    begin: int
    end: int
    layer: int
    kinds: list[str] = dataclasses.field(default_factory=list)
    tips: list[str] = dataclasses.field(default_factory=list)  # "kind: value · details", one per kind
    values: list[str] = dataclasses.field(default_factory=list)
    events: list[str] = dataclasses.field(default_factory=list)  # event ids (evidence, trigger)
    anchor: str = ""  # id attribute of a trigger (the first piece only)
    link: str = ""  # after a trigger: the id of its card
    whole: tuple[int, int] | None = None  # a piece's whole span (None: the mark is whole)

    def piece(self, begin: int, end: int) -> Mark:
        return dataclasses.replace(self, kinds=list(self.kinds), tips=list(self.tips), values=list(self.values),
                                   events=list(self.events), begin=begin, end=end,
                                   whole=self.whole or (self.begin, self.end))

    @property
    def offsets(self) -> tuple[int, int]:
        return self.whole or (self.begin, self.end)


_BLANKS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def _words(text: str) -> str:
    """Text as the pipeline normalizes it (NFC, odd and zero-width spaces as one space), to compare."""
    return _BLANKS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _valid(span: pb.Span, text: str, check_text: bool) -> bool:
    """The span lies in the text and, when asked, holds its own words there: offsets counted in another
    encoding (UTF-8 bytes, UTF-16 units) or into another text would mark the wrong words, so they mark none."""
    if not 0 <= span.begin < span.end <= len(text):
        return False
    return not (check_text and span.text) or _words(text[span.begin:span.end]) == _words(span.text)


class Marks:
    """Collects the marks of one document; spans of one layer with the same offsets become one mark."""

    def __init__(self, text: str, prefix: str = "") -> None:
        self.text = text
        self.prefix = prefix  # id prefix, so several documents fit one page
        self._by_key: dict[tuple[int, int, int], Mark] = {}
        self.skipped = 0  # spans outside the text or not on their words there: not drawn, counted

    def _get(self, span: pb.Span, layer: int) -> Mark | None:
        # An evidence sentence's text may differ from the request's where a header was blanked out.
        if not _valid(span, self.text, check_text=layer != EVIDENCE):
            self.skipped += 1
            return None
        key = (span.begin, span.end, layer)
        if key not in self._by_key:
            self._by_key[key] = Mark(span.begin, span.end, layer)
        return self._by_key[key]

    def mention(self, kind: str, span: pb.Span, value: str, details: str) -> None:
        mark = self._get(span, MENTION)
        if mark is None:
            return
        tip = f"{describe.legend()['mention_kinds'][kind]['label']}: {value}" + (f" · {details}" if details else "")
        if tip in mark.tips:
            return
        if kind not in mark.kinds:
            mark.kinds.append(kind)
        mark.tips.append(tip)
        mark.values.append(value)

    def add_mentions(self, mentions: pb.Mentions) -> None:
        for tv in mentions.times:
            self.mention("time", tv.span, *describe.time_tip(tv))
        for place in mentions.places:
            self.mention("place", place.span, *describe.place_tip(place))
        for actor in mentions.actors:
            self.mention("actor", actor.span, *describe.actor_tip(actor))
        for count in mentions.quantities:
            self.mention("quantity", count.span, *describe.quantity_tip(count))
        for source in mentions.sources:
            self.mention("source", source.span, *describe.source_tip(source))

    def add_event(self, event: pb.Event) -> None:
        for sentence in event.evidence:
            mark = self._get(sentence, EVIDENCE)
            if mark is not None and event.id not in mark.events:
                mark.events.append(event.id)
        if event.trigger.end > event.trigger.begin:
            mark = self._get(event.trigger, TRIGGER)
            if mark is not None:
                kind = describe.event_type(event.event_type)
                mark.events.append(event.id)
                mark.tips.append(f"trigger of {event.id}: {kind['label']} / {describe.words(event.sub_event_type)}")
                mark.kinds = ["trigger"]
                if not mark.anchor:
                    mark.anchor = f"{self.prefix}trigger-{event.id}"
                    mark.link = f"{self.prefix}event-{event.id}"

    def all(self) -> list[Mark]:
        return list(self._by_key.values())


def laminate(marks: Iterable[Mark]) -> list[Mark]:
    """Cut crossing marks until every two either nest or are apart; sorted for emission."""
    pending = sorted(marks, key=lambda m: (m.begin, -m.end, m.layer))
    done: list[Mark] = []
    while pending:
        mark = pending.pop(0)
        for other in done:
            crosses_in = other.begin < mark.begin < other.end < mark.end
            crosses_out = mark.begin < other.begin < mark.end < other.end
            if crosses_in or crosses_out:
                cut = other.end if crosses_in else other.begin
                head, tail = mark.piece(mark.begin, cut), mark.piece(cut, mark.end)
                tail.anchor = tail.link = ""
                pending.extend([head, tail])
                pending.sort(key=lambda m: (m.begin, -m.end, m.layer))
                break
        else:
            done.append(mark)
    return sorted(done, key=lambda m: (m.begin, -m.end, m.layer))


def _open(mark: Mark) -> Markup:
    if mark.layer == EVIDENCE:
        return Markup('<span class="evidence" data-events="{}" data-begin="{}" data-end="{}">').format(
            " ".join(mark.events), *mark.offsets)
    classes = " ".join(["m"] + [f"m-{k}" for k in mark.kinds])
    tip = "\n".join(mark.tips)
    attrs = Markup('class="{}" tabindex="0" data-kinds="{}" data-begin="{}" data-end="{}" data-tip="{}" '
                   'aria-description="{}"').format(classes, " ".join(mark.kinds), *mark.offsets, tip, tip)
    if mark.layer == TRIGGER:
        attrs += Markup(' data-events="{}"').format(" ".join(mark.events))
        if mark.anchor:
            attrs += Markup(' id="{}"').format(mark.anchor)
    else:
        attrs += Markup(' data-value="{}"').format(" | ".join(mark.values))
    return Markup("<mark {}>").format(attrs)


def _close(mark: Mark) -> Markup:
    if mark.layer == EVIDENCE:
        return Markup("</span>")
    out = Markup("</mark>")
    if mark.link:
        out += Markup('<a class="evref" href="#{}" title="the card of event {}">{}</a>').format(
            mark.link, mark.events[0], mark.events[0])
    return out


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """The text, escaped, with the marks as nested elements."""
    out: list[str] = []
    stack: list[Mark] = []
    at = 0

    def emit_to(position: int) -> None:
        nonlocal at
        if position > at:
            out.append(escape(text[at:position]))
            at = position

    for mark in laminate(marks):
        while stack and stack[-1].end <= mark.begin:
            emit_to(stack[-1].end)
            out.append(_close(stack.pop()))
        emit_to(mark.begin)
        out.append(_open(mark))
        stack.append(mark)
    while stack:
        emit_to(stack[-1].end)
        out.append(_close(stack.pop()))
    emit_to(len(text))
    return Markup("").join(out)
