"""Server interceptor: request id, bearer-token auth, parsing and enum checks, one log line and metrics
per request.

Requests reach the interceptor as raw bytes (the handlers it returns have no deserializer) and are
parsed here: gRPC's own deserialization fails before any handler runs, as INTERNAL "Exception
deserializing request!" with no details, no request id and no log line. Parsed here, a malformed request
is INVALID_ARGUMENT MALFORMED_REQUEST naming the broken field, logged and counted like any other call.
"""

from __future__ import annotations

import hmac
import re
import time
import uuid

import grpc
import structlog
from grpc_status import rpc_status

from fieldreport.service import errors, metrics, status, wire
from fieldreport.service.errors import FieldReportError
from fieldreport.service.servicer import REQUEST_ID, _as_error

log = structlog.get_logger("fieldreport.request")

#: Open without a token when auth is on: the health service (the container's and Kubernetes' probes
#: call it without credentials). Reflection describes the API and needs the token like the API.
OPEN_METHODS = ("/grpc.health.v1.Health/",)

#: Enum fields refused per item by the servicer (a bad item gets its own error; the others go on).
_PER_ITEM_ENUMS = {"fieldreport.v1.NormalizeRequest": re.compile(r"^items\[\d+\]\.kind$")}


def parse(deserializer, raw: bytes):  # noqa: ANN001, ANN201
    """Raw request bytes → the request message; FieldReportError (INVALID_ARGUMENT) when they are not one,
    or when an enum field holds a value its enum does not name."""
    if deserializer is None:
        return raw
    message_class = getattr(deserializer, "__self__", None)
    descriptor = getattr(message_class, "DESCRIPTOR", None)
    try:
        request = deserializer(raw)
    except Exception as exc:  # noqa: BLE001 - DecodeError, or a recursion limit: the bytes are not a request
        try:
            where = wire.locate(raw, descriptor) if descriptor is not None else None
        except Exception:  # noqa: BLE001 - the locator is a nicety; the refusal stands without it
            log.warning("malformed_request_not_located", error=type(exc).__name__)
            where = None
        name = descriptor.name if descriptor is not None else "request"
        field, description = where if where else ("", "the bytes do not parse")
        message = f"not a valid {name}: " + (f"{field}: {description}" if field else description)
        raise FieldReportError(grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST", message,
                               [(field, description)] if field else []) from exc
    if descriptor is not None and descriptor.full_name.startswith("fieldreport."):
        skip = _PER_ITEM_ENUMS.get(descriptor.full_name)
        problems = [(f, d) for f, d in errors.unknown_enum_values(request) if skip is None or not skip.match(f)]
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise errors.invalid("UNKNOWN_ENUM_VALUE", f"{problems[0][0]}: {problems[0][1]}{more}", problems)
    return request


class _Call:
    """One call's bookkeeping: its id set for the servicer, its code, one log line and metrics at the end."""

    def __init__(self, method: str, rid: str, context) -> None:  # noqa: ANN001
        self.method, self.rid, self.context = method, rid, context
        self.code, self.reason, self.documents = "OK", "", 0
        self.start = time.perf_counter()
        self._token = REQUEST_ID.set(rid)

    def refuse(self, error: FieldReportError) -> None:
        """Abort with ``error`` as a google.rpc.Status, counted as a refusal (raises, as context.abort does)."""
        metrics.REFUSED.labels(self.method, error.reason).inc()
        self._abort(error)

    def _abort(self, error: FieldReportError) -> None:
        self.code, self.reason = error.code.name, error.reason
        self.context.abort_with_status(rpc_status.to_status(status.status_proto(error, self.rid)))

    def failed(self, exc: Exception) -> None:
        """An exception left the handler. Unless it is an abort (the call has its status already), it is
        INTERNAL with the request id: gRPC would answer UNKNOWN "Exception calling application: <the
        exception's text>" and log the traceback on its own."""
        if self.code != "OK":
            return
        if _code(self.context, "") or isinstance(exc, grpc.RpcError):
            self.code = _code(self.context, "UNKNOWN")
            return
        self._abort(_as_error(exc, self.method))  # logs unexpected_error with the traceback, server-side

    def done(self) -> None:
        if self.code == "OK":
            self.code = _code(self.context, "OK")
        duration = time.perf_counter() - self.start
        if self.code == "OK":  # on errors the id travels in ErrorInfo.metadata; abort has set the trailers
            self.context.set_trailing_metadata((("x-request-id", self.rid),))
        metrics.observe(self.method, self.code, duration, self.documents)
        extra = {"reason": self.reason} if self.reason else {}
        log.info("request", request_id=self.rid, method=self.method, peer=self.context.peer(), status=self.code,
                 duration_ms=round(duration * 1000, 1), documents=self.documents, **extra)
        REQUEST_ID.reset(self._token)


def _wrap_unary(behavior, deserializer, method: str, rid: str):  # noqa: ANN001
    def handler(raw, context):  # noqa: ANN001
        call = _Call(method, rid, context)
        try:
            try:
                request = parse(deserializer, raw)
            except FieldReportError as error:
                call.refuse(error)
            call.documents = _documents(request)
            return behavior(request, context)
        except Exception as exc:
            call.failed(exc)
            raise
        finally:
            call.done()

    return handler


def _wrap_stream(behavior, deserializer, method: str, rid: str):  # noqa: ANN001
    def handler(raw, context):  # noqa: ANN001
        call = _Call(method, rid, context)
        try:
            try:
                request = parse(deserializer, raw)
            except FieldReportError as error:
                call.refuse(error)
            call.documents = _documents(request)
            yield from behavior(request, context)
        except Exception as exc:
            call.failed(exc)
            raise
        finally:
            call.done()

    return handler


def _wrap_bidi(behavior, deserializer, method: str, rid: str):  # noqa: ANN001
    def handler(raw_requests, context):  # noqa: ANN001
        call = _Call(method, rid, context)

        def requests():  # noqa: ANN202
            for raw in raw_requests:
                try:
                    yield parse(deserializer, raw)
                except FieldReportError as error:
                    call.refuse(error)

        try:
            yield from behavior(requests(), context)
        except Exception as exc:
            call.failed(exc)
            raise
        finally:
            call.done()

    return handler


def _code(context, fallback: str) -> str:  # noqa: ANN001
    try:
        code = context.code()
    except Exception:  # noqa: BLE001 - older grpc: no accessor
        code = None
    if code is None:
        return fallback
    return code.name if isinstance(code, grpc.StatusCode) else str(code)


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
        short = method.rsplit("/", 1)[-1]
        if self.auth_token and not method.startswith(OPEN_METHODS):
            given = metadata.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {self.auth_token}".encode()):
                return _deny(handler, short, rid)
        # No request_deserializer: the wrapped behaviour gets the raw bytes and parses them itself.
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                _wrap_unary(handler.unary_unary, handler.request_deserializer, short, rid),
                response_serializer=handler.response_serializer)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                _wrap_stream(handler.unary_stream, handler.request_deserializer, short, rid),
                response_serializer=handler.response_serializer)
        if handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(
                _wrap_bidi(handler.stream_stream, handler.request_deserializer, short, rid),
                response_serializer=handler.response_serializer)
        return handler


def _deny(handler, method: str, rid: str):  # noqa: ANN001
    error = FieldReportError(grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED",
                             "missing or wrong bearer token (metadata 'authorization: Bearer <token>')")

    def abort(request, context):  # noqa: ANN001
        call = _Call(method, rid, context)
        try:
            call.refuse(error)
        finally:
            call.done()

    def abort_stream(request, context):  # noqa: ANN001
        abort(request, context)
        yield from ()

    # The request is never read: no deserializer, so a malformed one is refused as unauthenticated too.
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(abort, response_serializer=handler.response_serializer)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(abort_stream, response_serializer=handler.response_serializer)
    if handler.stream_unary:
        return grpc.stream_unary_rpc_method_handler(abort, response_serializer=handler.response_serializer)
    return grpc.stream_stream_rpc_method_handler(abort_stream, response_serializer=handler.response_serializer)
