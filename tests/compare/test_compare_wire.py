"""Compare over the wire: a real server (real pipeline) clusters the invented reports and keeps the
look-alike apart; bad input comes back as INVALID_ARGUMENT with field violations."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc


@pytest.fixture(scope="module")
def stub():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, max_batch=8, grace=1))
    with grpc.insecure_channel(running.address) as channel:
        yield pb_grpc.FieldReportServiceStub(channel)
    running.stop(0.5)


def test_reports_of_one_bombing_cluster_and_the_look_alike_stays_apart(stub, documents):
    response = stub.Compare(pb.CompareRequest(documents=documents), timeout=120)
    incident_of = {m.document_id: inc.id for inc in response.incidents for m in inc.members}
    assert incident_of["kirkuk-1"] == incident_of["kirkuk-2"] == incident_of["kirkuk-3"]
    assert incident_of["basra"] != incident_of["kirkuk-1"]
    assert len({incident_of[d] for d in ("kirkuk-1", "basra")}) == 2
    assert [e.document.id for e in response.extractions] == ["kirkuk-1", "kirkuk-2", "kirkuk-3", "basra"]
    kirkuk = next(i for i in response.incidents if i.id == incident_of["kirkuk-1"])
    assert kirkuk.where.country_code == "IQ" and "Kirkuk" in kirkuk.where.name
    assert kirkuk.when.value == "2019-03-07"  # "Thursday" in three reports published on three days
    # The pairs blocking proposed were scored, with their features, and agree with the incidents.
    pairs = {frozenset((p.left.document_id, p.right.document_id)) for p in response.pairs}
    assert {frozenset(("kirkuk-1", "kirkuk-2")), frozenset(("kirkuk-1", "kirkuk-3")),
            frozenset(("kirkuk-2", "kirkuk-3"))} <= pairs
    for pair in response.pairs:
        same = incident_of[pair.left.document_id] == incident_of[pair.right.document_id]
        assert pair.same_incident == same
        assert 0.0 <= pair.score <= 1.0 and "date" in pair.features and "words" in pair.features


def test_the_figures_of_the_incident_keep_every_report(stub, documents):
    response = stub.Compare(pb.CompareRequest(documents=documents), timeout=120)
    kirkuk = next(i for i in response.incidents if any(m.document_id == "kirkuk-1" for m in i.members))
    killed = [e for e in kirkuk.estimates if e.kind == pb.Casualty.KILLED]
    reported = sorted((r.document_id, r.count.value) for e in killed for r in e.reports)
    # Whatever the extraction reads, each figure comes back with the report that gave it.
    assert ("kirkuk-1", 3) in reported and ("kirkuk-3", 9) in reported
    for disc in kirkuk.discrepancies:
        assert disc.status in (pb.Discrepancy.AGREE, pb.Discrepancy.UPDATE, pb.Discrepancy.CONFLICT)
        assert disc.values


def details(err: grpc.RpcError):  # noqa: ANN201
    status = rpc_status.from_call(err)
    info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
    for detail in status.details:
        if not detail.Unpack(info):
            detail.Unpack(bad)
    return info, [(v.field, v.description) for v in bad.field_violations]


def test_bad_input_names_the_field(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(), timeout=30)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info, violations = details(caught.value)
    assert (info.reason, info.domain) == ("NOTHING_TO_COMPARE", "fieldreport")
    assert violations == [("documents", "give at least one document or event set")]

    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(documents=[pb.Document(id="a", text="A bomb.")], threshold=-0.5), timeout=30)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info, violations = details(caught.value)
    assert info.reason == "INVALID_THRESHOLD"
    assert violations == [("threshold", "a probability in [0, 1] (0 = the calibrated default), got -0.5")]


def test_an_empty_document_is_refused_before_any_work(stub):
    with pytest.raises(grpc.RpcError) as caught:
        stub.Compare(pb.CompareRequest(documents=[pb.Document(id="a", text="A bomb."), pb.Document(id="b")]),
                     timeout=30)
    info, violations = details(caught.value)
    assert info.reason == "EMPTY_TEXT"
    assert violations == [("documents[1].text", "must contain text")]
