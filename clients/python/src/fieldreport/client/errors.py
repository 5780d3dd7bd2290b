"""Typed exceptions for failed calls, carrying the google.rpc.Status details the server sends.

The details arrive in the ``grpc-status-details-bin`` trailer; they are decoded here with
googleapis-common-protos alone (no grpcio-status dependency: the client stays small).
"""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2, status_pb2

_DETAILS_KEY = "grpc-status-details-bin"


class FieldReportError(Exception):
    """A call failed. ``code`` is the grpc.StatusCode; ``reason``/``domain``/``metadata`` come from
    ErrorInfo; ``field_violations`` from BadRequest, as (field, description) pairs; ``retry_delay``
    (seconds) from RetryInfo, which a shed call (RESOURCE_EXHAUSTED, reason OVERLOADED) carries."""

    def __init__(self, code: grpc.StatusCode, message: str, *, reason: str = "", domain: str = "",
                 metadata: dict[str, str] | None = None, field_violations: list[tuple[str, str]] | None = None,
                 retry_delay: float | None = None):
        super().__init__(message)
        self.retry_delay = retry_delay  # seconds, from RetryInfo: the server asks to be called again then
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.metadata = dict(metadata or {})
        self.field_violations = list(field_violations or [])

    @property
    def request_id(self) -> str:
        return self.metadata.get("request_id", "")

    def __str__(self) -> str:
        text = f"{self.code.name}: {self.message}"
        if self.field_violations:
            text += " [" + "; ".join(f"{f}: {d}" for f, d in self.field_violations) + "]"
        return text


class InvalidArgument(FieldReportError):
    pass


class NotFound(FieldReportError):
    pass


class DeadlineExceeded(FieldReportError):
    pass


class Unavailable(FieldReportError):
    pass


class Unauthenticated(FieldReportError):
    pass


class PermissionDenied(FieldReportError):
    pass


class ResourceExhausted(FieldReportError):
    pass


class FailedPrecondition(FieldReportError):
    pass


class Unimplemented(FieldReportError):
    pass


class Cancelled(FieldReportError):
    pass


class Internal(FieldReportError):
    pass


_BY_CODE = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.UNIMPLEMENTED: Unimplemented,
    grpc.StatusCode.CANCELLED: Cancelled,
    grpc.StatusCode.INTERNAL: Internal,
}


def from_status(status: status_pb2.Status) -> FieldReportError:
    """A google.rpc.Status (e.g. a BatchExtractResult.error) → the matching typed exception."""
    code = next((c for c in grpc.StatusCode if c.value[0] == status.code), grpc.StatusCode.UNKNOWN)
    reason = domain = ""
    metadata: dict[str, str] = {}
    violations: list[tuple[str, str]] = []
    retry_delay = None
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            violations.extend((v.field, v.description) for v in bad.field_violations)
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            retry_delay = retry.retry_delay.ToNanoseconds() / 1e9
    cls = _BY_CODE.get(code, FieldReportError)
    return cls(code, status.message, reason=reason, domain=domain, metadata=metadata, field_violations=violations,
               retry_delay=retry_delay)


def from_rpc_error(error: grpc.RpcError, trailing=None) -> FieldReportError:  # noqa: ANN001
    """A failed call (sync or asyncio) → a typed exception with the server's details."""
    code = error.code()
    message = error.details() or ""
    if trailing is None:
        trailing = error.trailing_metadata() if hasattr(error, "trailing_metadata") else ()
    for key, value in trailing or ():
        if key == _DETAILS_KEY:
            status = status_pb2.Status.FromString(value)
            if status.code == code.value[0]:
                return from_status(status)
    return _BY_CODE.get(code, FieldReportError)(code, message)
