"""A real server on a free port (pipeline in the server process) shared by the server tests."""

from __future__ import annotations

import grpc
import pytest

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2_grpc as pb_grpc


@pytest.fixture(scope="session")
def server():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, max_text_chars=5000, max_batch=4,
                                        max_message_bytes=256 * 1024, grace=2))
    yield running
    running.stop(1)


@pytest.fixture(scope="session")
def channel(server):
    with grpc.insecure_channel(server.address) as ch:
        yield ch


@pytest.fixture(scope="session")
def stub(channel):
    return pb_grpc.FieldReportServiceStub(channel)
