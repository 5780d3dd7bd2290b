"""Span offsets: from code points of the normalized text to the request's encoding of the original text."""

from __future__ import annotations

import bisect
from itertools import accumulate

from fieldreport.v1 import fieldreport_pb2 as pb


class OffsetConverter:
    """Maps code-point offsets of the normalized text to offsets of the original text.

    ``encoding`` is an ``EncodingType`` value: NONE/UTF32/unspecified count code points, UTF8 bytes,
    UTF16 code units (as in Google's Natural Language API).
    """

    def __init__(self, original: str, offset_map: list[int] | None, encoding: int) -> None:
        self._map = offset_map
        self._cumulative: list[int] | None = None
        if encoding == pb.UTF8:
            self._cumulative = [0, *accumulate(len(c.encode("utf-8")) for c in original)]
        elif encoding == pb.UTF16:
            self._cumulative = [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in original)]

    def convert(self, offset: int) -> int:
        if self._map is not None:
            offset = self._map[min(offset, len(self._map) - 1)]
        if self._cumulative is not None:
            offset = self._cumulative[min(offset, len(self._cumulative) - 1)]
        return offset

    def apply(self, message) -> None:  # noqa: ANN001 - any protobuf message
        """Convert every ``Span`` inside ``message`` in place."""
        if self._map is None and self._cumulative is None:
            return
        for field, value in message.ListFields():
            if field.message_type is None:
                continue
            if field.message_type.full_name == "fieldreport.v1.Span":
                spans = value if field.is_repeated else [value]
                for span in spans:
                    span.begin, span.end = self.convert(span.begin), self.convert(span.end)
            elif field.is_repeated:
                if field.message_type.GetOptions().map_entry:
                    continue
                for item in value:
                    self.apply(item)
            else:
                self.apply(value)


class SpanIndex:
    """Items with a [begin, end) stretch of text, looked up by position in time proportional to what is
    found (plus a bisection), not by a scan of every item: plugins ask "which actors lie in this phrase"
    for each of thousands of tokens of a long document. Results keep the items' given order."""

    def __init__(self, items, span=lambda item: (item.span.begin, item.span.end)) -> None:  # noqa: ANN001
        spans = [span(item) for item in items]
        self._order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self._begins = [spans[k][0] for k in self._order]
        self._spans = spans
        self._items = list(items)
        self._longest = max((e - b for b, e in spans), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, begin: int, end: int) -> list:
        """Items whose stretch overlaps [begin, end)."""
        lo = bisect.bisect_left(self._begins, begin - self._longest)
        hi = bisect.bisect_left(self._begins, end)
        found = [k for k in self._order[lo:hi] if self._spans[k][1] > begin and self._spans[k][0] < end]
        return [self._items[k] for k in sorted(found)]

    def containing(self, char: int) -> list:
        """Items whose stretch holds position ``char``."""
        return self.overlapping(char, char + 1)

    def starting_in(self, begin: int, end: int) -> list:
        """Items that begin in [begin, end)."""
        lo, hi = bisect.bisect_left(self._begins, begin), bisect.bisect_left(self._begins, end)
        return [self._items[k] for k in sorted(self._order[lo:hi])]

    def starting_in_any(self, ranges) -> list:  # noqa: ANN001 - [(begin, end), ...]
        """Items that begin in any of the stretches ``ranges``, in the items' given order."""
        found: set[int] = set()
        for begin, end in ranges:
            lo, hi = bisect.bisect_left(self._begins, begin), bisect.bisect_left(self._begins, end)
            found.update(self._order[lo:hi])
        return [self._items[k] for k in sorted(found)]
