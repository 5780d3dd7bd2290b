"""The gRPC servicer of fieldreport.v1.FieldReportService."""

from __future__ import annotations

import concurrent.futures as cf
import contextvars
import time
import uuid

import grpc
import structlog
from grpc_status import rpc_status

from fieldreport.service import errors, status
from fieldreport.service.compare import compare, validation as compare_validation
from fieldreport.service.document import CallCancelled, DeadlineExceeded
from fieldreport.service.errors import FieldReportError
from fieldreport.service.workers import Executor
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

log = structlog.get_logger("fieldreport.servicer")

#: The id of the request being served (set by the request interceptor).
REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def request_id() -> str:
    rid = REQUEST_ID.get()
    if not rid:
        rid = uuid.uuid4().hex
        REQUEST_ID.set(rid)
    return rid


def _as_error(exc: BaseException, method: str) -> FieldReportError:
    """Any exception → the error a client may see (never a traceback)."""
    if isinstance(exc, FieldReportError):
        return exc
    if isinstance(exc, CallCancelled | cf.CancelledError):
        return status.cancelled()
    if isinstance(exc, DeadlineExceeded):
        return status.deadline()
    rid = request_id()
    log.error("unexpected_error", method=method, request_id=rid, error=type(exc).__name__,
              exc_info=(type(exc), exc, exc.__traceback__))
    return status.internal(rid)


def arrival_deadline(context: grpc.ServicerContext) -> float | None:
    """The call's deadline as a time.monotonic() value, read when the call arrives: the time a
    document then waits in the queue counts against it (None: the client set no deadline)."""
    remaining = context.time_remaining()
    if remaining is None or remaining > 1e8:  # gRPC's "no deadline" is a date far in the future
        return None
    return time.monotonic() + remaining


def _abort(context: grpc.ServicerContext, error: FieldReportError) -> None:
    context.abort_with_status(rpc_status.to_status(status.status_proto(error, request_id())))


class FieldReportServicer(pb_grpc.FieldReportServiceServicer):
    def __init__(self, executor: Executor, max_batch: int) -> None:
        self.executor = executor
        self.max_batch = max_batch

    # -- helpers ---------------------------------------------------------------------------------

    def _guard(self, context, method, fn):  # noqa: ANN001
        try:
            return fn()
        except Exception as exc:  # every failure becomes a Status with details
            if isinstance(exc, grpc.RpcError) or type(exc).__name__ == "_AbortError":
                raise
            _abort(context, _as_error(exc, method))

    def _check_batch(self, documents, field: str = "documents") -> None:  # noqa: ANN001
        if not documents:
            raise errors.invalid("EMPTY_BATCH", f"{field} is empty", [(field, "give at least one document")])
        if len(documents) > self.max_batch:
            raise FieldReportError(
                grpc.StatusCode.INVALID_ARGUMENT, "BATCH_TOO_LARGE",
                f"{len(documents)} documents in one call; the limit is {self.max_batch}",
                [(field, f"at most {self.max_batch} documents per call, got {len(documents)}")],
            )

    def _submit(self, document, options, deadline, field, context) -> cf.Future:  # noqa: ANN001
        future = self.executor.submit_extract(document, options, deadline, field)
        self.executor.cancel_on(context, future)  # dropped when queued, stopped when running, if the caller goes
        return future

    def _submit_all(self, documents, options, context, method):  # noqa: ANN001
        """Validate each document in the server, submit the valid ones to the workers."""
        deadline = arrival_deadline(context)
        errors.validate_plugins(list(options.plugins), {p.name for p in self.executor.info.plugins})
        self.executor.admit(method)  # the whole call is shed when the queue is full
        pending = []
        for i, doc in enumerate(documents):
            field = f"documents[{i}]"
            try:
                self.executor.validate(doc, options, field)
                pending.append((i, doc, self._submit(doc, options, deadline, field, context)))
            except Exception as exc:  # noqa: BLE001 - reported in this document's own result
                pending.append((i, doc, exc))
        return pending

    def _result(self, i, doc, outcome) -> pb.BatchExtractResult:  # noqa: ANN001
        result = pb.BatchExtractResult(index=i, document_id=doc.id)
        try:
            if isinstance(outcome, BaseException):
                raise outcome
            out = self.executor.result(outcome)
            result.response.CopyFrom(out if isinstance(out, pb.ExtractResponse) else pb.ExtractResponse.FromString(out))
        except Exception as exc:  # noqa: BLE001 - one bad document does not sink the batch
            result.error.CopyFrom(status.status_proto(_as_error(exc, "BatchExtract"), request_id()))
        return result

    # -- RPCs ------------------------------------------------------------------------------------

    def Extract(self, request, context):  # noqa: N802, ANN001
        def run():
            deadline = arrival_deadline(context)
            self.executor.validate(request.document, request.options, "document")
            self.executor.admit("Extract")
            out = self.executor.result(self._submit(request.document, request.options, deadline, "document", context))
            return out if isinstance(out, pb.ExtractResponse) else pb.ExtractResponse.FromString(out)

        return self._guard(context, "Extract", run)

    def BatchExtract(self, request, context):  # noqa: N802, ANN001
        def run():
            self._check_batch(request.documents)
            pending = self._submit_all(request.documents, request.options, context, "BatchExtract")
            return pb.BatchExtractResponse(results=[self._result(*p) for p in pending])

        return self._guard(context, "BatchExtract", run)

    def StreamExtract(self, request, context):  # noqa: N802, ANN001
        pending = self._guard(context, "StreamExtract", lambda: (
            self._check_batch(request.documents),
            self._submit_all(request.documents, request.options, context, "StreamExtract"))[1])
        futures = {}
        for i, doc, outcome in pending:
            if isinstance(outcome, BaseException):
                yield pb.StreamExtractResponse(result=self._result(i, doc, outcome))
            else:
                futures[outcome] = (i, doc)
        for future in cf.as_completed(futures):
            if not context.is_active():
                return
            i, doc = futures[future]
            yield pb.StreamExtractResponse(result=self._result(i, doc, future))

    def Normalize(self, request, context):  # noqa: N802, ANN001
        def run():
            if not request.items:
                raise errors.invalid("EMPTY_REQUEST", "items is empty", [("items", "give at least one item")])
            if len(request.items) > self.max_batch * 16:
                raise errors.invalid("TOO_MANY_ITEMS", f"at most {self.max_batch * 16} items per call",
                                     [("items", f"at most {self.max_batch * 16} items")])
            deadline = arrival_deadline(context)
            self.executor.admit("Normalize")
            future = self.executor.submit_normalize(request.items, [f"items[{i}]" for i in range(len(request.items))],
                                                    deadline)
            self.executor.cancel_on(context, future)
            outcomes = [pb.NormalizeResult.FromString(r) if isinstance(r, bytes) else r
                        for r in self.executor.result(future)]
            return pb.NormalizeResponse(results=[
                outcome if isinstance(outcome, pb.NormalizeResult)  # one bad item gets its own error:
                else pb.NormalizeResult(error=status.status_proto(_as_error(outcome, "Normalize"), request_id()))
                for outcome in outcomes
            ])

        return self._guard(context, "Normalize", run)

    def Compare(self, request, context):  # noqa: N802, ANN001
        def run():
            # Every check before any work is queued: the request, the batch size, each document.
            deadline = arrival_deadline(context)
            compare_validation.validate(request)
            if len(request.documents) + len(request.event_sets) > self.max_batch:
                self._check_batch(list(request.documents) + list(request.event_sets), "documents")
            for i, doc in enumerate(request.documents):
                self.executor.validate(doc, pb.ExtractOptions(), f"documents[{i}]")
            if request.documents:
                self.executor.admit("Compare")
            # Extract every document at once over the workers; compare() then asks for them in turn.
            futures = {}
            for i, doc in enumerate(request.documents):
                field = f"documents[{i}]"
                futures[field] = self._submit(doc, pb.ExtractOptions(), deadline, field, context)

            def extract(document: pb.Document, field: str) -> pb.ExtractResponse:
                future = futures.get(field)
                if future is None:
                    future = self._submit(document, pb.ExtractOptions(), deadline, field, context)
                out = self.executor.result(future)
                return out if isinstance(out, pb.ExtractResponse) else pb.ExtractResponse.FromString(out)

            return compare(request, extract)

        return self._guard(context, "Compare", run)

    def ListPlugins(self, request, context):  # noqa: N802, ANN001
        return self.executor.info
