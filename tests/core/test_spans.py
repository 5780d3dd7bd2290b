"""Span offsets count as the request's encoding says (code points, UTF-8 bytes, UTF-16 units)."""

from __future__ import annotations

from fieldreport.service.spans import OffsetConverter
from fieldreport.v1 import fieldreport_pb2 as pb

TEXT = "Émile saw 😀 two tanks"


def response_with_span(begin, end):
    r = pb.ExtractResponse()
    r.mentions.quantities.add(text="two", span=pb.Span(text="two", begin=begin, end=end))
    ev = r.events.add(id="e1")
    ev.evidence.add(text="two tanks", begin=begin, end=end + 6)
    return r


def test_code_points_are_left_alone():
    b = TEXT.index("two")
    r = response_with_span(b, b + 3)
    OffsetConverter(TEXT, None, pb.NONE).apply(r)
    assert (r.mentions.quantities[0].span.begin, r.mentions.quantities[0].span.end) == (12, 15)


def test_utf8_counts_bytes_and_utf16_counts_units_in_nested_messages():
    b = TEXT.index("two")
    r8 = response_with_span(b, b + 3)
    OffsetConverter(TEXT, None, pb.UTF8).apply(r8)
    assert TEXT.encode()[r8.mentions.quantities[0].span.begin:].startswith(b"two")
    assert (r8.mentions.quantities[0].span.begin, r8.events[0].evidence[0].end) == (16, 25)
    r16 = response_with_span(b, b + 3)
    OffsetConverter(TEXT, None, pb.UTF16).apply(r16)
    assert r16.mentions.quantities[0].span.begin == 13  # the emoji is two UTF-16 units


def test_offset_map_points_back_into_the_original_text():
    original = "Cafe\u0301 fire"
    normalized = "Café fire"
    mapping = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]
    r = response_with_span(normalized.index("fire"), normalized.index("fire") + 4)
    OffsetConverter(original, mapping, pb.NONE).apply(r)
    assert original[r.mentions.quantities[0].span.begin:r.mentions.quantities[0].span.end] == "fire"
