"""Fixtures of the Compare tests (the invented reports are in compareutil.py)."""

from __future__ import annotations

import pytest
from compareutil import REPORTS

from fieldreport.v1 import fieldreport_pb2 as pb


@pytest.fixture()
def documents() -> list[pb.Document]:
    return [pb.Document(id=doc_id, text=text, published=published) for doc_id, (text, published) in REPORTS.items()]
