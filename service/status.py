"""FieldReportError → google.rpc.Status with ErrorInfo (domain ``fieldreport``), BadRequest and RetryInfo."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from fieldreport.service.errors import DOMAIN, FieldReportError


def status_proto(error: FieldReportError, request_id: str = "") -> status_pb2.Status:
    info = error_details_pb2.ErrorInfo(reason=error.reason, domain=DOMAIN, metadata=dict(error.metadata))
    if request_id:
        info.metadata["request_id"] = request_id
    details = [info]
    if error.violations:
        details.append(error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in error.violations
        ]))
    if error.retry_delay is not None:  # when to try again (a client that honours it waits that long)
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.FromNanoseconds(int(error.retry_delay * 1e9))
        details.append(retry)
    packed = []
    for detail in details:
        any_ = any_pb2.Any()
        any_.Pack(detail)
        packed.append(any_)
    return status_pb2.Status(code=error.code.value[0], message=error.message, details=packed)


def internal(request_id: str) -> FieldReportError:
    """What a client sees of an unexpected exception: a request id to quote, no traceback."""
    return FieldReportError(grpc.StatusCode.INTERNAL, "INTERNAL",
                            f"internal error; quote request id {request_id} when reporting it")


def deadline() -> FieldReportError:
    return FieldReportError(grpc.StatusCode.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED",
                            "the deadline passed before the document was processed")


def cancelled() -> FieldReportError:
    return FieldReportError(grpc.StatusCode.CANCELLED, "CANCELLED", "the call was cancelled")


assert code_pb2.INVALID_ARGUMENT == grpc.StatusCode.INVALID_ARGUMENT.value[0]  # same numbering
