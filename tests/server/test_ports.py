"""A taken port stops `fieldreport serve` at once with one line naming the port and its flag: gRPC's
default SO_REUSEPORT would let a second server bind beside the first and take half its calls."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys

import pytest

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server

from serverutil import free_port


def serve(*flags: str) -> subprocess.CompletedProcess:
    command = shutil.which("fieldreport", path=os.path.dirname(sys.executable))
    assert command, "the fieldreport command is not installed beside the interpreter"
    env = {**os.environ, "FIELDREPORT_WORKERS": "0", "FIELDREPORT_LOG_FORMAT": "json"}
    return subprocess.run([command, "serve", "--host", "127.0.0.1", *flags], env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_second_server_on_a_taken_port_exits_with_one_line_naming_it():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    try:
        second = serve("--port", str(running.port), "--metrics-port", "0")
    finally:
        running.stop(0.5)
    assert second.returncode != 0
    assert second.stderr.splitlines() == [
        f"port {running.port} on 127.0.0.1 is in use (--port / FIELDREPORT_PORT): stop what listens there or "
        "choose another port"]


def test_a_second_server_in_the_same_process_is_refused_too():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    try:
        with pytest.raises(SystemExit, match=f"port {running.port} on 127.0.0.1 is in use"):
            start_server(ServerConfig(port=running.port, workers=0, metrics_port=0, grace=1))
    finally:
        running.stop(0.5)


def test_a_taken_metrics_port_exits_with_one_line_naming_it():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        metrics_port = taken.getsockname()[1]
        out = serve("--port", str(free_port()), "--metrics-port", str(metrics_port))
    assert out.returncode != 0
    assert out.stderr.splitlines() == [
        f"metrics port {metrics_port} on 127.0.0.1 is in use (--metrics-port / FIELDREPORT_METRICS_PORT): stop what "
        "listens there or choose another port"]


def test_the_servers_socket_lets_no_one_bind_beside_it():
    """Even a socket that asks for SO_REUSEPORT (as gRPC does by default) cannot share the server's port."""
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    try:
        with socket.socket() as beside:
            beside.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            with pytest.raises(OSError, match="Address already in use"):
                beside.bind(("127.0.0.1", running.port))
    finally:
        running.stop(0.5)
