"""`pip install ./clients/python` alone: three dependencies, no spaCy, and it talks to a real server."""

from __future__ import annotations

import json
import pathlib
import subprocess
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server():
    from fieldreport.service.config import ServerConfig
    from fieldreport.service.server import start_server

    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    yield running
    running.stop(1)


@pytest.mark.slow
def test_the_client_installs_alone_and_calls_a_real_server(tmp_path, server):
    env_dir = tmp_path / "client-only"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    str(ROOT / "clients" / "python")], check=True, timeout=600)
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                            check=True, capture_output=True, text=True).stdout
    installed = {p["name"].lower().replace("_", "-") for p in json.loads(listed)} - {"pip", "setuptools", "wheel"}
    # typing-extensions comes with grpcio (its own dependency), not from us
    assert installed - {"typing-extensions"} == {"fieldreport-client", "grpcio", "protobuf", "googleapis-common-protos"}
    script = (
        "import sys\n"
        "from fieldreport.client import Client\n"
        "with Client(sys.argv[1]) as client:\n"
        "    print(client.health())\n"
        "    print(sorted(p.name for p in client.list_plugins().plugins))\n"
        "    r = client.extract('date 2023-06-02 Lake Courier- Two guards were wounded on Tuesday.')\n"
        "    print(r.document.published, r.document.source)\n"
    )
    out = subprocess.run([str(python), "-c", script, server.address], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "SERVING",
        "['actors', 'attribution', 'casualties', 'classifier', 'dates', 'events', 'numbers', 'places']",
        "2023-06-02 Lake Courier",
    ]
