"""The CLI against a server with TLS and a bearer token, as the container's HEALTHCHECK and an operator
run it: the CA from --tls-ca or FIELDREPORT_TLS_CA, the token from FIELDREPORT_TOKEN (never on the
command line, where ps shows it)."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "server"))
from serverutil import self_signed_certificate  # noqa: E402

TOKEN = "tls-t0ken"
ARTICLE = "date 2023-07-08 Lake Chad Post- Suspected jihadists killed at least 12 herders near Kukawa on Thursday."


def fieldreport(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREPORT_")}
    return subprocess.run([sys.executable, "-m", "fieldreport.service.cli", *args], capture_output=True, text=True,
                          timeout=300, env={**clean, **env})


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("certs")
    key, cert = self_signed_certificate(folder, "localhost")
    running = start_server(ServerConfig(host="localhost", port=0, workers=0, metrics_port=0, tls_cert=str(cert),
                                        tls_key=str(key), auth_token=TOKEN, grace=1))
    yield running, cert
    running.stop(0.5)


def test_health_speaks_tls_with_the_ca_from_the_flag_or_the_environment(tls_server):
    running, cert = tls_server
    target = f"localhost:{running.port}"
    flag = fieldreport("health", "--server", target, "--tls-ca", str(cert))
    assert (flag.returncode, flag.stdout.strip()) == (0, f"{target}: SERVING"), flag.stderr
    # As the image's HEALTHCHECK runs it: no flags, the server's port and the CA from the environment.
    beside = fieldreport("health", FIELDREPORT_PORT=str(running.port), FIELDREPORT_TLS_CA=str(cert))
    assert (beside.returncode, beside.stdout.strip()) == (0, f"localhost:{running.port}: SERVING"), beside.stderr
    plain = fieldreport("health", "--server", target, "--timeout", "3")
    assert plain.returncode == 1
    assert plain.stderr.strip() == f"{target}: UNAVAILABLE"


def test_the_certificate_name_can_differ_from_the_host_called(tls_server):
    running, cert = tls_server
    target = f"127.0.0.1:{running.port}"  # the certificate names localhost only
    wrong = fieldreport("health", "--server", target, "--tls-ca", str(cert), "--timeout", "3")
    assert wrong.returncode == 1
    named = fieldreport("health", "--server", target, FIELDREPORT_TLS_CA=str(cert),
                        FIELDREPORT_TLS_SERVER_NAME="localhost")
    assert (named.returncode, named.stdout.strip()) == (0, f"{target}: SERVING"), named.stderr


def test_server_commands_take_the_token_from_the_environment(tls_server, tmp_path):
    running, cert = tls_server
    target = f"localhost:{running.port}"
    listed = fieldreport("plugins", "--json", "--server", target, FIELDREPORT_TLS_CA=str(cert), FIELDREPORT_TOKEN=TOKEN)
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)["plugins"]] == [
        "places", "actors", "attribution", "dates", "numbers", "casualties", "events", "classifier"]
    article = tmp_path / "kukawa.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    extracted = fieldreport("extract", str(article), "--server", target, "--tls-ca", str(cert),
                            FIELDREPORT_TOKEN=TOKEN)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["document"]["published"] == "2023-07-08"
    without = fieldreport("plugins", "--server", target, "--tls-ca", str(cert))
    assert without.returncode == 1
    assert without.stderr.startswith("error: UNAUTHENTICATED UNAUTHENTICATED: missing or wrong bearer token")


def test_batch_against_the_tls_server(tls_server, tmp_path):
    running, cert = tls_server
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "k1", "text": ARTICLE}) + "\n", encoding="utf-8")
    done = fieldreport("batch", str(source), str(out), "--quiet", "--server", f"localhost:{running.port}",
                       FIELDREPORT_TLS_CA=str(cert), FIELDREPORT_TOKEN=TOKEN)
    assert done.returncode == 0, done.stderr
    line = json.loads(out.read_text(encoding="utf-8"))
    assert (line["document_id"], line["response"]["document"]["published"]) == ("k1", "2023-07-08")


def test_a_missing_ca_file_is_named():
    out = fieldreport("health", "--server", "localhost:1", "--tls-ca", "/nonexistent/ca.pem")
    assert out.returncode == 2
    assert out.stderr.strip() == "error: /nonexistent/ca.pem: no such file"


def test_health_help_shows_the_tls_and_token_options():
    out = fieldreport("health", "--help")
    for option in ("--tls-ca", "FIELDREPORT_TLS_CA", "FIELDREPORT_TOKEN", "--tls-server-name"):
        assert option in out.stdout
