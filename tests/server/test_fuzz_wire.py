"""A bounded, seeded fuzz of the wire against a real server: random and mutated protobuf bytes, and
random documents, items and event sets (huge, emoji, control characters, NUL, right-to-left marks,
invalid UTF-8 bytes, enum numbers no enum names, dates at and past the supported range, int64 extremes).

Every answer is OK or a documented refusal (a code of REFUSALS with ErrorInfo, domain fieldreport, and a
documented reason), per-document and per-item errors included; nothing is INTERNAL or UNKNOWN; no
traceback is logged; the server is healthy afterwards. CASES and SEED bound and fix the run (a failure
prints the case to replay)."""

from __future__ import annotations

import logging
import random

import grpc
import pytest
import structlog
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from fieldreport.service import logs
from fieldreport.v1 import fieldreport_pb2 as pb

from serverutil import error_details

SEED = 20261201
CASES = 300

#: The codes a client may get for bad input, and the reasons the README's error table documents.
REFUSALS = {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.FAILED_PRECONDITION}
REASONS = {"MALFORMED_REQUEST", "UNKNOWN_ENUM_VALUE", "UNKNOWN_KIND", "MISSING_KIND", "EMPTY_TEXT", "TEXT_TOO_LONG",
           "MALFORMED_DATE", "DATE_OUT_OF_RANGE", "UNSUPPORTED_LANGUAGE", "UNKNOWN_PLUGIN", "EMPTY_BATCH",
           "BATCH_TOO_LARGE", "EMPTY_REQUEST", "TOO_MANY_ITEMS", "NO_NORMALIZER", "NOTHING_TO_COMPARE",
           "INVALID_THRESHOLD", "DUPLICATE_DOCUMENT_ID", "CONFLICTING_DOCUMENT_ID", "DUPLICATE_EVENT_ID"}

METHODS = {"Extract": (pb.ExtractRequest, False), "BatchExtract": (pb.BatchExtractRequest, False),
           "StreamExtract": (pb.StreamExtractRequest, True), "Normalize": (pb.NormalizeRequest, False),
           "Compare": (pb.CompareRequest, False), "ListPlugins": (pb.ListPluginsRequest, False)}

WORDS = ["Gunmen", "killed", "12", "villagers", "near", "Djibo", "on", "Friday", "police", "said", "two", "soldiers",
         "were", "wounded", "in", "Mosul", "last", "week", "at least", "dozens", "1,000,000", "3.5", "-7", "hundred"]
ODD = ["\U0001F600", "\U0001F4A5\u200d\U0001F525", "\x00", "\x07", "\x1b[31m", "\u202e", "\u200f", "\ufeff", "\u0301",
       "\t", "\r\n", "\u2028", "\U00010348", "\uffff", "\u00a0", "Ω", "漢字", "ـــ", "\\", "\"", "<script>"]
DATES = ["", "2021-03-14", "1800-01-01", "2199-12-31", "1799-12-31", "2200-01-01", "9999-12-31", "0001-01-01",
         "2018-02-30", "2018-13-01", "27.05.2018", "yesterday", "2018-05-27T10:00:00", "\x00"]


@pytest.fixture(autouse=True)
def _info_logs():
    """These tests read the server's request lines: log at info whatever level an earlier test's server
    configured (structlog's configuration is global; a server started with --log-level warning keeps it)."""
    logs.configure("json", "info")


def _often(rng: random.Random, usual, odd):  # noqa: ANN001, ANN202
    """Mostly ``usual`` (so that most requests reach the pipeline), sometimes one of ``odd``."""
    return usual if rng.random() < 0.8 else rng.choice(odd)


def _text(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.04:
        return rng.choice(ODD) * rng.randint(1000, 6000)  # at and past the test server's 5000 characters
    if shape < 0.08:
        return ""
    parts = [rng.choice(WORDS + ODD) for _ in range(rng.randint(1, 40))]
    return " ".join(parts)


def _document(rng: random.Random) -> pb.Document:
    return pb.Document(id=rng.choice(["", "a", "b", "d" + str(rng.randint(0, 3))]), text=_text(rng),
                       title=rng.choice(["", _text(rng)[:80]]), source=rng.choice(["", "Wire", "\x00"]),
                       published=_often(rng, "", DATES), language=_often(rng, "", ["en", "en-GB", "fr", "\u202e"]))


def _options(rng: random.Random) -> pb.ExtractOptions:
    return pb.ExtractOptions(plugins=_often(rng, [], [["dates"], ["casualties"], ["telepathy"]]),
                             encoding_type=_often(rng, 0, [1, 2, 3, 4, 9, -1]))


def _event(rng: random.Random) -> pb.Event:
    count = pb.Count(text=rng.choice(WORDS), qualifier=_often(rng, 1, [0, 2, 3, 77]))
    if rng.random() < 0.7:
        count.value = rng.choice([0, 1, 12, -5, 2**63 - 1, -(2**63)])
    day = _often(rng, "2021-03-12", DATES)
    return pb.Event(id=rng.choice(["", "e1", "e2"]), event_type=rng.choice(["", "battles", "violence_against_civilians"]),
                    when=pb.TimeValue(value=day, start=day, end=_often(rng, day, DATES), inferred=rng.random() < 0.3),
                    where=pb.Place(name=rng.choice(["", "Mosul", "Djibo"]), country_code=rng.choice(["", "IQ", "BF"]),
                                   latitude=rng.uniform(-90, 90), longitude=rng.uniform(-180, 180)),
                    casualties=[pb.Casualty(kind=_often(rng, 1, [0, 2, 5, 6, 99]), count=count)
                                for _ in range(rng.randint(0, 3))],
                    modality=_often(rng, 1, [0, 2, 3, 4, 8]), confidence=rng.random())


def _request(rng: random.Random, method: str):  # noqa: ANN202
    if method == "Extract":
        return pb.ExtractRequest(document=_document(rng), options=_options(rng))
    if method in ("BatchExtract", "StreamExtract"):
        cls = METHODS[method][0]
        return cls(documents=[_document(rng) for _ in range(rng.randint(0, 5))], options=_options(rng))
    if method == "Normalize":
        return pb.NormalizeRequest(items=[
            pb.NormalizeItem(kind=_often(rng, rng.randint(1, 4), [0, 5, 100]), text=_text(rng)[:200],
                             context=pb.NormalizeContext(reference_date=_often(rng, "2021-03-14", DATES),
                                                         country_hint=rng.choice(["", "SY", "zz", "\x00"]),
                                                         sentence=_text(rng)[:300]))
            for _ in range(rng.randint(0, 4))])
    if method == "Compare":
        return pb.CompareRequest(
            documents=[_document(rng) for _ in range(rng.randint(0, 2))],  # ids may collide: a refusal
            event_sets=[pb.EventSet(document_id=rng.choice(["", "s1", "s2"]),
                                    document=pb.Document(published=_often(rng, "2021-03-14", DATES)),
                                    events=[_event(rng) for _ in range(rng.randint(0, 3))])
                        for _ in range(rng.randint(0, 2))],
            threshold=_often(rng, 0.0, [0.5, 1.0, 1.5, -1.0, float("nan")]))
    return pb.ListPluginsRequest()


def _mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        if op < 0.3 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif op < 0.5:
            data[rng.randint(0, len(data)):rng.randint(0, len(data))] = rng.choice(
                [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80", bytes([rng.randrange(256)])])  # invalid UTF-8 among
        elif op < 0.7 and data:
            del data[rng.randrange(len(data)):]
        elif op < 0.85:
            data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))
        else:
            data = data[: rng.randint(0, len(data))] + data  # a field repeated
    return bytes(data)


def _payload(rng: random.Random, method: str) -> bytes:
    shape = rng.random()
    if shape < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))
    data = _request(rng, method).SerializeToString()
    return _mutate(rng, data) if shape < 0.45 else data


def _check_status(status, where: str) -> None:  # noqa: ANN001
    code = grpc.StatusCode(next(c for c in grpc.StatusCode if c.value[0] == status.code))
    info, _ = error_details(status)
    assert code in REFUSALS, f"{where}: {code.name} {status.message!r}"
    assert info is not None and info.domain == "fieldreport", f"{where}: no ErrorInfo"
    assert info.reason in REASONS, f"{where}: undocumented reason {info.reason}"
    assert "Traceback" not in status.message, where


def _check_answer(method: str, answer: bytes, where: str) -> None:
    if method in ("BatchExtract", "StreamExtract"):
        results = (pb.BatchExtractResponse.FromString(answer).results if method == "BatchExtract"
                   else [pb.StreamExtractResponse.FromString(answer).result])
        for result in results:
            if result.HasField("error"):
                _check_status(result.error, f"{where} documents[{result.index}]")
    elif method == "Normalize":
        for k, result in enumerate(pb.NormalizeResponse.FromString(answer).results):
            if result.HasField("error"):
                _check_status(result.error, f"{where} items[{k}]")


def test_random_and_mutated_requests_get_ok_or_a_documented_refusal(server, channel, caplog):
    rng = random.Random(SEED)
    seen: dict[str, int] = {}
    with structlog.testing.capture_logs() as logs, caplog.at_level(logging.ERROR):
        for case in range(CASES):
            method = rng.choice(list(METHODS))
            payload = _payload(rng, method)
            where = f"case {case} (seed {SEED}) {method} {payload[:60]!r}"
            streaming = METHODS[method][1]
            make = channel.unary_stream if streaming else channel.unary_unary
            call = make(f"/fieldreport.v1.FieldReportService/{method}", request_serializer=None,
                        response_deserializer=None)
            try:
                answers = list(call(payload, timeout=60)) if streaming else [call(payload, timeout=60)]
                for answer in answers:
                    _check_answer(method, answer, where)
                seen["OK"] = seen.get("OK", 0) + 1
            except grpc.RpcError as error:
                status = rpc_status.from_call(error)
                assert status is not None, f"{where}: {error.code().name} {error.details()!r} without details"
                _check_status(status, where)
                seen[error.code().name] = seen.get(error.code().name, 0) + 1
    assert seen.get("OK", 0) >= 60 and seen.get("INVALID_ARGUMENT", 0) >= 60, seen  # both sides were reached
    assert not [line for line in logs if line.get("event") == "unexpected_error" or "exc_info" in line]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]
    health = health_pb2_grpc.HealthStub(channel)
    assert health.Check(health_pb2.HealthCheckRequest(), timeout=5).status == health_pb2.HealthCheckResponse.SERVING
    after = pb.ExtractRequest(document=pb.Document(text="Gunmen killed 12 villagers near Djibo on Friday.",
                                                   published="2021-03-14"))
    response = pb.ExtractResponse.FromString(channel.unary_unary("/fieldreport.v1.FieldReportService/Extract")(
        after.SerializeToString(), timeout=60))
    assert response.document.published == "2021-03-14" and len(response.events) == 1
