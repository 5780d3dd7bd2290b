"""Server interceptor: request id, bearer-token auth, one log line and metrics per request."""

from __future__ import annotations

import hmac
import time
import uuid

import grpc
import structlog
from grpc_status import rpc_status

from fieldreport.service import metrics, status
from fieldreport.service.errors import FieldReportError
from fieldreport.service.servicer import REQUEST_ID

log = structlog.get_logger("fieldreport.request")

OPEN_METHODS = ("/grpc.health.v1.Health/", "/grpc.reflection.")


def _wrap_unary(behavior, method: str, rid: str, doc_count):  # noqa: ANN001
    def handler(request, context):  # noqa: ANN001
        token = REQUEST_ID.set(rid)
        start = time.perf_counter()
        code = "OK"
        try:
            response = behavior(request, context)
            return response
        except Exception:
            code = _code(context, "UNKNOWN")
            raise
        finally:
            if code == "OK":
                code = _code(context, "OK")
            _done(context, method, rid, code, start, doc_count(request))
            REQUEST_ID.reset(token)

    return handler


def _wrap_stream(behavior, method: str, rid: str, doc_count):  # noqa: ANN001
    def handler(request, context):  # noqa: ANN001
        token = REQUEST_ID.set(rid)
        start = time.perf_counter()
        code = "OK"
        try:
            yield from behavior(request, context)
        except Exception:
            code = _code(context, "UNKNOWN")
            raise
        finally:
            if code == "OK":
                code = _code(context, "OK")
            _done(context, method, rid, code, start, doc_count(request))
            REQUEST_ID.reset(token)

    return handler


def _code(context, fallback: str) -> str:  # noqa: ANN001
    try:
        code = context.code()
    except Exception:  # noqa: BLE001 - older grpc: no accessor
        code = None
    if code is None:
        return fallback
    return code.name if isinstance(code, grpc.StatusCode) else str(code)


def _done(context, method: str, rid: str, code: str, start: float, docs: int) -> None:  # noqa: ANN001
    duration = time.perf_counter() - start
    if code == "OK":  # on errors the id travels in ErrorInfo.metadata; abort has set the trailers
        context.set_trailing_metadata((("x-request-id", rid),))
    metrics.observe(method, code, duration, docs)
    log.info("request", request_id=rid, method=method, peer=context.peer(), status=code,
             duration_ms=round(duration * 1000, 1), documents=docs)


def _documents(request) -> int:  # noqa: ANN001
    if hasattr(request, "documents"):
        return len(request.documents) + len(getattr(request, "event_sets", []))
    return 1 if hasattr(request, "document") else 0


class RequestInterceptor(grpc.ServerInterceptor):
    def __init__(self, auth_token: str = "") -> None:
        self.auth_token = auth_token

    def intercept_service(self, continuation, handler_call_details):  # noqa: ANN001
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        method = handler_call_details.method
        metadata = dict(handler_call_details.invocation_metadata or ())
        rid = metadata.get("x-request-id") or uuid.uuid4().hex
        if self.auth_token and not method.startswith(OPEN_METHODS):
            given = metadata.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {self.auth_token}".encode()):
                return _deny(handler, method, rid)
        short = method.rsplit("/", 1)[-1]
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                _wrap_unary(handler.unary_unary, short, rid, _documents),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                _wrap_stream(handler.unary_stream, short, rid, _documents),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
        return handler


def _deny(handler, method: str, rid: str):  # noqa: ANN001
    error = FieldReportError(grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED",
                             "missing or wrong bearer token (metadata 'authorization: Bearer <token>')")

    def abort(request, context):  # noqa: ANN001
        log.info("request", request_id=rid, method=method.rsplit("/", 1)[-1], peer=context.peer(),
                 status="UNAUTHENTICATED", duration_ms=0.0, documents=0)
        metrics.observe(method.rsplit("/", 1)[-1], "UNAUTHENTICATED", 0.0, 0)
        context.abort_with_status(rpc_status.to_status(status.status_proto(error, rid)))

    if handler.unary_stream:
        def abort_stream(request, context):  # noqa: ANN001
            abort(request, context)
            yield from ()

        return grpc.unary_stream_rpc_method_handler(abort_stream, request_deserializer=handler.request_deserializer,
                                                    response_serializer=handler.response_serializer)
    return grpc.unary_unary_rpc_method_handler(abort, request_deserializer=handler.request_deserializer,
                                               response_serializer=handler.response_serializer)
