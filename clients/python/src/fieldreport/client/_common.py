"""What the sync and asyncio clients share: channel options, request building, credentials."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import random
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union

import grpc

from fieldreport.v1 import fieldreport_pb2 as pb

DEFAULT_TARGET = "localhost:50051"
SERVICE = "fieldreport.v1.FieldReportService"

DocumentLike = Union[str, Mapping[str, Any], pb.Document]

_KINDS = {"date": pb.NormalizeItem.DATE, "quantity": pb.NormalizeItem.QUANTITY,
          "location": pb.NormalizeItem.LOCATION, "place": pb.NormalizeItem.LOCATION, "actor": pb.NormalizeItem.ACTOR}
_ENCODINGS = {"none": pb.NONE, "codepoints": pb.NONE, "utf8": pb.UTF8, "utf16": pb.UTF16, "utf32": pb.UTF32}


def service_config(max_attempts: int) -> str:
    """Retries on UNAVAILABLE only, with exponential backoff, done by gRPC itself (transparent to
    callers and the same in sync and asyncio); round_robin over every address the target resolves to."""
    return json.dumps({
        "loadBalancingConfig": [{"round_robin": {}}],
        "methodConfig": [{
            "name": [{"service": SERVICE}],
            "retryPolicy": {
                "maxAttempts": max(2, min(max_attempts, 5)),
                "initialBackoff": "0.2s",
                "maxBackoff": "3s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }],
    })


def shed_retry_delay(error, attempt: int, retries: int, end: float) -> float | None:  # noqa: ANN001
    """How long to wait before calling again after ``error`` (None: raise it).

    A server whose queue is full answers RESOURCE_EXHAUSTED with a RetryInfo delay (gRPC's own retry
    policy cannot read it): the call is made again after that delay, a little jittered so that shed
    clients do not return together, at most ``retries`` attempts in all, and never past the deadline
    ``end`` (time.monotonic()). RESOURCE_EXHAUSTED without RetryInfo (a message over the size limit)
    is final."""
    delay = getattr(error, "retry_delay", None)
    if error.code != grpc.StatusCode.RESOURCE_EXHAUSTED or delay is None or attempt + 1 >= retries:
        return None
    delay *= 1 + 0.2 * random.random()  # noqa: S311 - jitter, not a secret
    return delay if time.monotonic() + delay < end else None


def channel_options(max_attempts: int, max_message_bytes: int, extra: Sequence[tuple[str, Any]] = ()):
    return [
        ("grpc.service_config", service_config(max_attempts)),
        ("grpc.enable_retries", 1),
        ("grpc.max_receive_message_length", max_message_bytes),
        ("grpc.max_send_message_length", max_message_bytes),
        # Keepalive that the server accepts (it permits pings every 10 s, also without calls).
        ("grpc.keepalive_time_ms", 30_000),
        ("grpc.keepalive_timeout_ms", 10_000),
        ("grpc.keepalive_permit_without_calls", 1),
        *extra,
    ]


def resolve_target(target: str | Sequence[str]) -> str:
    """One target as given (``host:port``, ``dns:///name:port``), or several IP ``addr:port`` joined
    into one ``ipv4:``/``ipv6:`` target, which round_robin then spreads calls over."""
    if isinstance(target, str):
        return target
    targets = list(target)
    if len(targets) == 1:
        return targets[0]
    hosts = [t.rsplit(":", 1)[0].strip("[]") for t in targets]
    try:
        versions = {ipaddress.ip_address(h).version for h in hosts}
    except ValueError:
        raise ValueError("several targets must be IP addresses (host:port); for names use one "
                         "'dns:///name:port' target, which resolves to every address") from None
    if len(versions) != 1:
        raise ValueError("several targets must all be IPv4 or all IPv6")
    return f"ipv{versions.pop()}:" + ",".join(targets)


def credentials(tls: bool, root_certificates: bytes | None, token: str | None):
    if not tls and root_certificates is None:
        return None
    creds = grpc.ssl_channel_credentials(root_certificates=root_certificates)
    if token:
        creds = grpc.composite_channel_credentials(creds, grpc.access_token_call_credentials(token))
    return creds


def metadata(token: str | None, tls: bool) -> tuple[tuple[str, str], ...]:
    # With TLS the token rides in call credentials; without (loopback), as plain metadata.
    if token and not tls:
        return (("authorization", f"Bearer {token}"),)
    return ()


def to_date(value: str | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def document(value: DocumentLike, **fields: Any) -> pb.Document:
    """A Document from text, a dict of Document fields, or a Document."""
    if isinstance(value, pb.Document):
        doc = pb.Document()
        doc.CopyFrom(value)
    elif isinstance(value, str):
        doc = pb.Document(text=value)
    else:
        data = dict(value)
        data["published"] = to_date(data.get("published"))
        doc = pb.Document(**{k: v for k, v in data.items() if v is not None})
    for key, val in fields.items():
        if val is not None:
            setattr(doc, key, to_date(val) if key == "published" else val)
    return doc


def options(plugins: Iterable[str] | None, encoding: str | int | None) -> pb.ExtractOptions:
    enc = pb.ENCODING_TYPE_UNSPECIFIED
    if isinstance(encoding, int):
        enc = encoding
    elif encoding:
        enc = _ENCODINGS[encoding.lower().replace("-", "")]
    return pb.ExtractOptions(plugins=list(plugins or ()), encoding_type=enc)


def normalize_item(kind: str | int, text: str, reference_date=None, country_hint: str = "",  # noqa: ANN001
                   sentence: str = "") -> pb.NormalizeItem:
    k = kind if isinstance(kind, int) else _KINDS[kind.lower()]
    return pb.NormalizeItem(kind=k, text=text, context=pb.NormalizeContext(
        reference_date=to_date(reference_date), country_hint=country_hint or "", sentence=sentence or ""))
