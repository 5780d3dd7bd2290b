"""Where a request that protobuf cannot parse goes wrong: the field path of the first broken field.

protobuf's parser says only "Error parsing message"; a client needs the field (``documents[2].text``:
not valid UTF-8). This walks the wire format beside the message's descriptor, by hand because no
library reports it: tags and lengths only, no values kept, bounded by the bytes and the (finite)
nesting of the request messages.
"""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor, FieldDescriptor

_VARINT, _FIXED64, _LENGTH, _GROUP_START, _GROUP_END, _FIXED32 = 0, 1, 2, 3, 4, 5
_MAX_DEPTH = 32


class _Broken(Exception):
    def __init__(self, description: str) -> None:
        self.description = description


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise _Broken("the message ends inside a number")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift >= 70:
            raise _Broken("a number longer than 10 bytes")


def locate(data: bytes, descriptor: Descriptor) -> tuple[str, str] | None:
    """``(field path, what is wrong)`` of the first broken field, ``("", what)`` when the break is not
    inside a known field, or None when the walk finds nothing wrong (then protobuf's own limits failed)."""
    try:
        _walk(data, descriptor, "", 0)
    except _Located as found:
        return found.path, found.description
    except _Broken as broken:
        return "", broken.description
    return None


class _Located(Exception):
    def __init__(self, path: str, description: str) -> None:
        self.path, self.description = path, description


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _walk(data: bytes, descriptor: Descriptor, prefix: str, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise _Located(prefix, "nested too deeply")
    seen: dict[int, int] = {}  # occurrences of each repeated field so far: its index in the path
    pos = 0
    while pos < len(data):
        tag, pos = _varint(data, pos)
        number, wire_type = tag >> 3, tag & 7
        if number == 0:
            raise _Broken("a field number 0 (not a protobuf message)")
        field = descriptor.fields_by_number.get(number)
        path = prefix
        if field is not None:
            path = _join(prefix, field.name)
            if field.is_repeated:
                index = seen.get(number, 0)
                seen[number] = index + 1
                path = f"{path}[{index}]"
        try:
            if wire_type == _VARINT:
                _, pos = _varint(data, pos)
            elif wire_type == _FIXED64:
                pos += 8
            elif wire_type == _FIXED32:
                pos += 4
            elif wire_type == _LENGTH:
                length, pos = _varint(data, pos)
                if pos + length > len(data):
                    raise _Broken("a length that runs past the end of the message")
                chunk, pos = data[pos:pos + length], pos + length
                if field is not None and field.type == FieldDescriptor.TYPE_STRING:
                    try:
                        chunk.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise _Located(path, f"not valid UTF-8 (byte {exc.start} of the string)") from None
                elif field is not None and field.type == FieldDescriptor.TYPE_MESSAGE:
                    _walk(chunk, field.message_type, path, depth + 1)
            else:  # groups (proto2 only) and wire types 6 and 7 do not occur in these messages
                raise _Broken(f"wire type {wire_type}, which these messages do not use")
            if pos > len(data):
                raise _Broken("the message ends inside a field")
        except _Broken as broken:
            if field is None:
                raise
            raise _Located(path, broken.description) from None
