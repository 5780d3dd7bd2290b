"""The container image, for real: built with BuildKit by `make image`'s script, run by a real engine, called
over the wire from the host. `make image-test` (scripts/image_test.sh) provides the engine and the base
image and sets FIELDREPORT_IMAGE_TEST=1; without it these tests skip.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import subprocess
import time
import uuid

import pytest
from imageutil import DOCKER, IMAGE, REPORT, ROOT, docker, run_container


def pytest_terminal_summary(terminalreporter):  # noqa: ANN001
    if REPORT:
        terminalreporter.section("container image: measured")
        for key, value in REPORT.items():
            terminalreporter.write_line(f"{key:<34} {value}")


# -- the image ----------------------------------------------------------------------------------


@dataclasses.dataclass
class BuiltImage:
    name: str
    ca_bundle: pathlib.Path  # what the build got as its `ca` secret
    marker: str  # a line of base64 found only in that bundle's marker certificate
    build_seconds: float
    log: str


def _marker_ca(directory: pathlib.Path) -> tuple[pathlib.Path, str]:
    """The host's CA bundle plus a throwaway self-signed CA of our own: the bundle still lets pip reach its
    index (through a TLS-inspecting proxy too), and the marker certificate's text is found nowhere else,
    so finding it in the image would mean the secret leaked into a layer."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"fieldreport image-test marker {uuid.uuid4().hex[:16]}")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    host = os.environ.get("PIP_CERT") or os.environ.get("SSL_CERT_FILE")
    if not host:
        try:
            import certifi

            host = certifi.where()
        except ImportError:
            host = "/etc/ssl/certs/ca-certificates.crt"
    bundle = directory / "ca-bundle.pem"
    bundle.write_text(pathlib.Path(host).read_text() + "\n" + pem)
    return bundle, pem.splitlines()[2]  # a full base64 line of the marker certificate


@pytest.fixture(scope="session")
def built_image(tmp_path_factory) -> BuiltImage:
    """`make image`'s script, with a CA bundle that carries a marker certificate (see _marker_ca)."""
    directory = tmp_path_factory.mktemp("image")
    bundle, marker = _marker_ca(directory)
    started = time.monotonic()
    out = subprocess.run(["bash", str(ROOT / "scripts" / "image_build.sh")], cwd=ROOT, capture_output=True,
                         text=True, timeout=1800, env={**os.environ, "IMAGE": IMAGE, "CA_BUNDLE": str(bundle),
                                                       "DOCKER": DOCKER})
    log = out.stdout + out.stderr
    assert out.returncode == 0, f"make image failed:\n{log[-4000:]}"
    seconds = time.monotonic() - started
    REPORT["image build (make image)"] = f"{seconds:.0f} s"
    return BuiltImage(IMAGE, bundle, marker, seconds, log)


@pytest.fixture(scope="session")
def containers(built_image):
    """Two containers, started together and waited for together (a model load each, on a small machine):
    `default` as the image runs by default (uid 10001, 2 workers), `openshift` as OpenShift runs an image
    (an arbitrary uid in group 0)."""
    tag = uuid.uuid4().hex[:8]
    started = {
        "default": run_container(built_image.name, f"fieldreport-test-default-{tag}", workers=2,
                                 env={"FIELDREPORT_GRACE": "60"}),  # see test_sigterm_…
        "openshift": run_container(built_image.name, f"fieldreport-test-openshift-{tag}", "--user", "1000770000:0"),
    }
    try:
        for key, container in started.items():
            REPORT[f"time to healthy ({key})"] = f"{container.wait_healthy():.1f} s"
        yield started
    finally:
        for container in started.values():
            docker("rm", "--force", container.name, check=False)
