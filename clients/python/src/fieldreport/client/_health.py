"""grpc.health.v1 Check without grpcio-health-checking.

The client's only dependencies are grpcio, protobuf and googleapis-common-protos; the health
messages are two one-field messages, so they are encoded here by hand rather than pulling in a
package for them: HealthCheckRequest{string service = 1}, HealthCheckResponse{ServingStatus status = 1}.
"""

from __future__ import annotations

METHOD = "/grpc.health.v1.Health/Check"
STATUS_NAMES = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def encode_request(service: str) -> bytes:
    data = service.encode()
    return (b"\x0a" + _varint(len(data)) + data) if data else b""


def decode_response(data: bytes) -> str:
    """The status name; field 1 is a varint (tag 0x08); absent means UNKNOWN (0)."""
    i, status = 0, 0
    while i < len(data):
        tag = data[i]
        i += 1
        value, shift = 0, 0
        while True:
            byte = data[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if tag == 0x08:
            status = value
    return STATUS_NAMES.get(status, "UNKNOWN")
