"""Refusals over the wire: bytes that are no request, dates outside the supported range, enum numbers
no enum names. Each is INVALID_ARGUMENT with ErrorInfo (reason, request id) and the field named, is
logged and counted like any other call, and never reaches a worker or a traceback."""

from __future__ import annotations

import grpc
import pytest
import structlog
from grpc_status import rpc_status
from prometheus_client import REGISTRY

from fieldreport.service import logs
from fieldreport.v1 import fieldreport_pb2 as pb

from serverutil import error_details

SERVICE = "/fieldreport.v1.FieldReportService/"
MARKER = "Zorvendale"  # a word of the documents that must never reach the logs
TEXT = f"Gunmen killed four farmers near {MARKER} on Monday, police said."


@pytest.fixture(autouse=True)
def _info_logs():
    """These tests read the server's request lines: log at info whatever level an earlier test's server
    configured (structlog's configuration is global; a server started with --log-level warning keeps it)."""
    logs.configure("json", "info")



def raw_call(channel, method: str, stream: bool = False):  # noqa: ANN001, ANN201
    """The method with identity serializers: the test sends whatever bytes it likes."""
    make = channel.unary_stream if stream else channel.unary_unary
    return make(SERVICE + method, request_serializer=lambda b: b, response_deserializer=lambda b: b)


def refusal(caught) -> tuple:  # noqa: ANN001
    status = rpc_status.from_call(caught.value)
    assert status is not None, "the error carries no google.rpc.Status"
    info, violations = error_details(status)
    assert info is not None and info.domain == "fieldreport"
    return caught.value.code(), info.reason, info.metadata["request_id"], violations


def refused(method: str, reason: str) -> float:
    return REGISTRY.get_sample_value("fieldreport_refused_total", {"method": method, "reason": reason}) or 0.0


def invalid_utf8(request: bytes, good: str) -> bytes:
    """``request`` with ``good`` (an ASCII word inside one of its strings) made invalid UTF-8."""
    assert request.count(good.encode()) == 1
    return request.replace(good.encode(), b"\xc3\x28" + good.encode()[2:])


# -- bytes that are not a request ------------------------------------------------------------------


def test_invalid_utf8_in_a_batch_document_names_the_field_logs_and_counts(channel):
    request = pb.BatchExtractRequest(documents=[pb.Document(id="a", text=TEXT),
                                                pb.Document(id="b", text="Two soldiers died in Kelbrook.")])
    before = refused("BatchExtract", "MALFORMED_REQUEST")
    with structlog.testing.capture_logs() as logs, pytest.raises(grpc.RpcError) as caught:
        raw_call(channel, "BatchExtract")(invalid_utf8(request.SerializeToString(), "Kelbrook"),
                                          metadata=(("x-request-id", "bad-utf8-1"),), timeout=10)
    code, reason, rid, violations = refusal(caught)
    assert (code, reason, rid) == (grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST", "bad-utf8-1")
    assert [field for field, _ in violations] == ["documents[1].text"]
    assert "not valid UTF-8" in violations[0][1]
    assert "deserializing" not in caught.value.details()
    lines = [line for line in logs if line.get("event") == "request" and line.get("request_id") == "bad-utf8-1"]
    assert [(line["method"], line["status"], line["reason"]) for line in lines] == [
        ("BatchExtract", "INVALID_ARGUMENT", "MALFORMED_REQUEST")]
    assert MARKER not in repr(logs)
    assert refused("BatchExtract", "MALFORMED_REQUEST") == before + 1


@pytest.mark.parametrize("garbage", [b"\xff" * 16, b"\x0a\x7f" + b"x" * 10, b"\x12\x05\x0a\x03ab", b"\x00\x01"])
def test_a_garbage_body_is_malformed_request_with_a_request_id(channel, stub, garbage):
    with pytest.raises(grpc.RpcError) as caught:
        raw_call(channel, "Extract")(garbage, timeout=10)
    code, reason, rid, _ = refusal(caught)
    assert (code, reason, len(rid)) == (grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST", 32)
    assert stub.ListPlugins(pb.ListPluginsRequest(), timeout=5).plugins  # still serving


def test_a_length_past_the_end_names_the_field_it_cuts(channel):
    # options (field 2) says 50 bytes follow; 3 do
    with pytest.raises(grpc.RpcError) as caught:
        raw_call(channel, "Extract")(pb.ExtractRequest(document=pb.Document(text="x")).SerializeToString()
                                     + b"\x12\x32abc", timeout=10)
    code, reason, _, violations = refusal(caught)
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST")
    assert violations == [("options", "a length that runs past the end of the message")]


def test_a_malformed_stream_request_is_refused_the_same_way(channel):
    request = pb.StreamExtractRequest(documents=[pb.Document(text=TEXT, title="Wire report")])
    with pytest.raises(grpc.RpcError) as caught:
        list(raw_call(channel, "StreamExtract", stream=True)(invalid_utf8(request.SerializeToString(), "Wire"),
                                                             timeout=10))
    code, reason, _, violations = refusal(caught)
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST")
    assert [field for field, _ in violations] == ["documents[0].title"]


# -- dates outside the supported range -------------------------------------------------------------


def test_compare_with_a_publication_date_in_year_9999_names_the_document(stub):
    documents = [pb.Document(id="a", text=TEXT, published="2021-03-01"),
                 pb.Document(id="b", text="Four farmers were shot dead on Monday.", published="9999-12-31")]
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(documents=documents), timeout=60)
    code, reason, _, violations = refusal(caught)
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "DATE_OUT_OF_RANGE")
    assert violations == [("documents[1].published", "9999-12-31 is outside the supported dates 1800-01-01..2199-12-31")]


def test_compare_refuses_event_dates_out_of_range_and_a_header_date_is_ignored(stub):
    event = pb.Event(id="e1", when=pb.TimeValue(value="9999-12-31", start="9999-12-31", end="9999-12-31"))
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(event_sets=[
            pb.EventSet(document_id="s1", document=pb.Document(published="0001-01-01"), events=[event])]), timeout=60)
    code, reason, _, violations = refusal(caught)
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "DATE_OUT_OF_RANGE")
    assert [field for field, _ in violations] == ["event_sets[0].document.published", "event_sets[0].events[0].when.value",
                                                  "event_sets[0].events[0].when.start", "event_sets[0].events[0].when.end"]
    # A date in the text's header is the text's, not the caller's: out of range, it is no publication date.
    documents = [pb.Document(id="a", text=f"date 9999-12-31 Coast Wire- {TEXT}"),
                 pb.Document(id="b", text=f"date 9999-12-30 Coast Wire- {TEXT}")]
    response = stub.Compare(pb.CompareRequest(documents=documents), timeout=60)
    assert [e.document.published for e in response.extractions] == ["", ""]
    assert [e.document.source for e in response.extractions] == ["Coast Wire", "Coast Wire"]


def test_extract_refuses_a_publication_date_out_of_range(stub):
    for published in ("9999-12-31", "1799-12-31", "2200-01-01"):
        with pytest.raises(grpc.RpcError) as caught:
            stub.Extract(pb.ExtractRequest(document=pb.Document(text=TEXT, published=published)), timeout=30)
        code, reason, _, violations = refusal(caught)
        assert (code, reason, [f for f, _ in violations]) == (
            grpc.StatusCode.INVALID_ARGUMENT, "DATE_OUT_OF_RANGE", ["document.published"])
    edge = stub.Extract(pb.ExtractRequest(document=pb.Document(text=TEXT, published="2199-12-31")), timeout=30)
    assert edge.document.published == "2199-12-31"
    assert not [w for w in edge.warnings if w.code == "PLUGIN_FAILED"]


def test_normalize_refuses_a_reference_date_out_of_range_per_item(stub):
    items = [pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="next week",
                              context=pb.NormalizeContext(reference_date="9999-12-31")),
             pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="last Tuesday",
                              context=pb.NormalizeContext(reference_date="2018-05-27"))]
    response = stub.Normalize(pb.NormalizeRequest(items=items), timeout=30)
    info, violations = error_details(response.results[0].error)
    assert (response.results[0].error.code, info.reason) == (grpc.StatusCode.INVALID_ARGUMENT.value[0], "DATE_OUT_OF_RANGE")
    assert [f for f, _ in violations] == ["items[0].context.reference_date"]
    assert response.results[1].best.time.value == "2018-05-22"


# -- enum numbers no enum names --------------------------------------------------------------------


def test_normalize_with_an_unknown_kind_is_refused_for_that_item_without_a_traceback(stub):
    items = [pb.NormalizeItem(kind=pb.NormalizeItem.QUANTITY, text="twelve"),
             pb.NormalizeItem(kind=5, text="twelve")]
    with structlog.testing.capture_logs() as logs:
        response = stub.Normalize(pb.NormalizeRequest(items=items), timeout=30)
    assert response.results[0].best.quantity.value == 12
    error = response.results[1].error
    info, violations = error_details(error)
    assert (error.code, info.reason) == (grpc.StatusCode.INVALID_ARGUMENT.value[0], "UNKNOWN_KIND")
    assert violations == [("items[1].kind", "5 is not one of DATE, QUANTITY, LOCATION, ACTOR")]
    assert not [line for line in logs if line.get("event") == "unexpected_error" or "exc_info" in line]


def test_an_unknown_encoding_type_is_refused_naming_the_option(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text=TEXT), options=pb.ExtractOptions(encoding_type=9)),
                     timeout=30)
    code, reason, _, violations = refusal(caught)
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "UNKNOWN_ENUM_VALUE")
    assert violations == [("options.encoding_type",
                           "9 is not a EncodingType value (one of ENCODING_TYPE_UNSPECIFIED, NONE, UTF8, UTF16, UTF32)")]


def test_unknown_enum_values_deep_in_compare_event_sets_are_all_named(stub):
    event = pb.Event(id="e1", modality=7, casualties=[pb.Casualty(kind=pb.Casualty.KILLED), pb.Casualty(kind=42)])
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(event_sets=[pb.EventSet(document_id="s1", events=[event])]), timeout=30)
    code, reason, _, violations = refusal(caught)
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "UNKNOWN_ENUM_VALUE")
    assert sorted(field for field, _ in violations) == ["event_sets[0].events[0].casualties[1].kind",
                                                        "event_sets[0].events[0].modality"]


# -- limits of the libraries underneath ------------------------------------------------------------


def test_a_text_limit_above_spacys_own_is_the_one_that_holds():
    """spaCy refuses texts over its nlp.max_length (1,000,000) with a ValueError, which the server would
    answer as INTERNAL; an operator's --max-text-chars above it (and NFC's lengthening) must fit."""
    from fieldreport.service.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline.create(PipelineConfig(max_text_chars=1_500_000, allow=("dates",)))
    assert pipeline.nlp.max_length > 3 * 1_500_000


def test_an_exception_escaping_any_handler_is_internal_with_a_request_id_and_not_its_text():
    """Defence in depth: were an exception to leave a handler unguarded, gRPC would answer UNKNOWN
    "Exception calling application: <its text>". The interceptor answers INTERNAL with the request id."""
    import concurrent.futures as cf

    from fieldreport.service.interceptors import RequestInterceptor

    def explode(request, context):  # noqa: ANN001
        raise KeyError("secret-internals")

    def explode_stream(request, context):  # noqa: ANN001
        yield b"first"
        raise KeyError("secret-internals")

    handlers = {"Explode": grpc.unary_unary_rpc_method_handler(explode),
                "ExplodeStream": grpc.unary_stream_rpc_method_handler(explode_stream)}
    server = grpc.server(cf.ThreadPoolExecutor(2), interceptors=[RequestInterceptor()])
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("test.Exploding", handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel, structlog.testing.capture_logs() as logs:
            for method, stream in (("Explode", False), ("ExplodeStream", True)):
                call = (channel.unary_stream if stream else channel.unary_unary)(f"/test.Exploding/{method}")
                with pytest.raises(grpc.RpcError) as caught:
                    list(call(b"", metadata=(("x-request-id", f"boom-{method}"),), timeout=10)) if stream \
                        else call(b"", metadata=(("x-request-id", f"boom-{method}"),), timeout=10)
                code, reason, rid, _ = refusal(caught)
                assert (code, reason, rid) == (grpc.StatusCode.INTERNAL, "INTERNAL", f"boom-{method}")
                assert caught.value.details() == f"internal error; quote request id boom-{method} when reporting it"
        assert "secret-internals" not in caught.value.details()
        errors_logged = [line for line in logs if line.get("event") == "unexpected_error"]
        assert [(line["method"], line["request_id"], line["error"]) for line in errors_logged] == [
            ("Explode", "boom-Explode", "KeyError"), ("ExplodeStream", "boom-ExplodeStream", "KeyError")]
    finally:
        server.stop(0)
