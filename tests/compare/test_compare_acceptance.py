"""The example article alone: Compare reconciles the claims inside it (Russian dead: 4 said by the
Defence Ministry, 9 claimed by the Observatory)."""

from __future__ import annotations

import pytest

from fieldreport.service.compare import compare
from fieldreport.v1 import fieldreport_pb2 as pb

pytestmark = pytest.mark.acceptance


def test_russian_dead_low_4_high_9_with_both_sources(pipeline, example_text):
    request = pb.CompareRequest(documents=[pb.Document(id="alwaght", text=example_text)])
    response = compare(request, lambda document, field: pipeline.extract(document, field=field))
    assert len(response.extractions) == 1
    russian = [e for i in response.incidents for e in i.estimates
               if e.kind == pb.Casualty.KILLED and {r.count.value for r in e.reports} == {4, 9}]
    assert len(russian) == 1, [e for i in response.incidents for e in i.estimates]
    est = russian[0]
    assert (est.low, est.high, est.best, est.conservative) == (4, 9, 4, 4)
    assert {(r.source.name, r.count.value) for r in est.reports} == {
        ("Ministry of Defence of Russia", 4), ("Syrian Observatory for Human Rights", 9)}
    assert all(r.document_id == "alwaght" and r.published == "2018-05-27" for r in est.reports)
    incident = next(i for i in response.incidents if est in i.estimates)
    (disc,) = [d for d in incident.discrepancies if d.field == f"casualties.killed[{est.group}]"]
    assert disc.status == pb.Discrepancy.CONFLICT  # two sources, one day, two tolls
    # The article's other incidents (February, October 2017, July 2017) stay out of this one.
    assert incident.when.value == "2018-05-23" and len(incident.members) == 1
