"""A real server on a free port for the acceptance tests (pipeline in the server process)."""

from __future__ import annotations

import grpc
import pytest

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2_grpc as pb_grpc


@pytest.fixture(scope="session")
def acceptance_stub():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    with grpc.insecure_channel(running.address) as channel:
        yield pb_grpc.FieldReportServiceStub(channel)
    running.stop(0.5)
