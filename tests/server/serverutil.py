"""Helpers of the server tests: free ports, waiting for SERVING, a self-signed certificate."""

from __future__ import annotations

import socket
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def self_signed_certificate(folder, host: str):  # noqa: ANN001, ANN201
    """A key and a one-day certificate for ``host`` (PEM files), made with `cryptography`."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
                   .sign(private, hashes.SHA256()))
    key, cert = folder / "key.pem", folder / "cert.pem"
    key.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key, cert


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_serving(address: str, timeout: float = 120) -> health_pb2_grpc.HealthStub:
    channel = grpc.insecure_channel(address)
    stub = health_pb2_grpc.HealthStub(channel)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if stub.Check(health_pb2.HealthCheckRequest(), timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                return stub
        except grpc.RpcError:
            pass
        time.sleep(0.2)
    raise AssertionError("server never became SERVING")


def error_details(status) -> tuple:  # noqa: ANN001
    """(ErrorInfo or None, [(field, description)]) of a google.rpc.Status."""
    from google.rpc import error_details_pb2

    info, bad, found = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest(), None
    violations = []
    for detail in status.details:
        if detail.Unpack(info):
            found = info
        elif detail.Unpack(bad):
            violations = [(v.field, v.description) for v in bad.field_violations]
    return found, violations
