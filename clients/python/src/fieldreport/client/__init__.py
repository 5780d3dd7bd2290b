"""Python client of the fieldreport gRPC service.

``Client`` (blocking) and ``AsyncClient`` (asyncio) take plain Python values and return the
``fieldreport.v1`` messages; failed calls raise the typed exceptions of ``fieldreport.client.errors``.
"""

from fieldreport.client._aio import AsyncClient
from fieldreport.client._sync import Client
from fieldreport.client.errors import (
    Cancelled,
    DeadlineExceeded,
    FailedPrecondition,
    FieldReportError,
    Internal,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
    Unavailable,
    Unimplemented,
)
from fieldreport.v1 import fieldreport_pb2 as messages

__all__ = [
    "AsyncClient", "Cancelled", "Client", "DeadlineExceeded", "FailedPrecondition", "FieldReportError", "Internal",
    "InvalidArgument", "NotFound", "PermissionDenied", "ResourceExhausted", "Unauthenticated", "Unavailable",
    "Unimplemented", "messages",
]
