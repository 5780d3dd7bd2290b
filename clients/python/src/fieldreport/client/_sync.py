"""The synchronous client."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import grpc

from fieldreport.client import _common as c, _health
from fieldreport.client.errors import from_rpc_error
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc


class Client:
    """A blocking client of the fieldreport service.

    >>> with Client("localhost:50051") as client:
    ...     response = client.extract(text, published="2018-05-27")

    ``timeout`` is the default deadline of every call (seconds); ``retries`` bounds the attempts on
    UNAVAILABLE (a server starting, a worker lost: gRPC retries them with backoff) and on
    RESOURCE_EXHAUSTED with a RetryInfo delay (a full queue: called again after that delay, within
    the deadline); no other status is retried. ``target`` may be ``host:port``, ``dns:///name:port``
    (round_robin over every address), or a list of IP ``addr:port``. ``token`` sends
    ``authorization: Bearer <token>``; ``tls``/``root_certificates`` turn TLS on. Failed calls raise
    :class:`fieldreport.client.errors.FieldReportError` subclasses carrying the server's details.
    """

    def __init__(self, target: str | Sequence[str] = c.DEFAULT_TARGET, *, timeout: float = 30.0,
                 token: str | None = None, tls: bool = False, root_certificates: bytes | None = None,
                 retries: int = 4, max_message_bytes: int = 8 * 1024 * 1024,
                 options: Sequence[tuple[str, Any]] = ()) -> None:
        self.timeout = timeout
        self.retries = retries
        self._metadata = c.metadata(token, tls or root_certificates is not None)
        opts = c.channel_options(retries, max_message_bytes, options)
        creds = c.credentials(tls, root_certificates, token)
        resolved = c.resolve_target(target)
        self._channel = grpc.secure_channel(resolved, creds, opts) if creds else grpc.insecure_channel(resolved, opts)
        self._stub = pb_grpc.FieldReportServiceStub(self._channel)
        self._health = self._channel.unary_unary(_health.METHOD, request_serializer=None,
                                                 response_deserializer=None)

    # -- plumbing --------------------------------------------------------------------------------

    def _call(self, method, request, timeout: float | None):  # noqa: ANN001
        end = time.monotonic() + (self.timeout if timeout is None else timeout)
        attempt = 0
        while True:
            try:
                return method(request, timeout=max(0.0, end - time.monotonic()), metadata=self._metadata)
            except grpc.RpcError as err:
                error = from_rpc_error(err)
            delay = c.shed_retry_delay(error, attempt, self.retries, end)
            if delay is None:
                raise error
            time.sleep(delay)
            attempt += 1

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- RPCs ------------------------------------------------------------------------------------

    def extract(self, text: c.DocumentLike, *, published=None, title: str | None = None,  # noqa: ANN001
                source: str | None = None, id: str | None = None, url: str | None = None,  # noqa: A002
                plugins: Iterable[str] | None = None, encoding: str | int | None = None,
                timeout: float | None = None) -> pb.ExtractResponse:
        """Events and mentions of one document (text, a dict of Document fields, or a Document)."""
        doc = c.document(text, published=published, title=title, source=source, id=id, url=url)
        request = pb.ExtractRequest(document=doc, options=c.options(plugins, encoding))
        return self._call(self._stub.Extract, request, timeout)

    def batch_extract(self, documents: Iterable[c.DocumentLike], *, plugins: Iterable[str] | None = None,
                      encoding: str | int | None = None, timeout: float | None = None) -> pb.BatchExtractResponse:
        """One result per document, in order; a bad document has ``error`` set, the others ``response``."""
        request = pb.BatchExtractRequest(documents=[c.document(d) for d in documents],
                                         options=c.options(plugins, encoding))
        return self._call(self._stub.BatchExtract, request, timeout)

    def stream_extract(self, documents: Iterable[c.DocumentLike], *, plugins: Iterable[str] | None = None,
                       encoding: str | int | None = None, timeout: float | None = None
                       ) -> Iterator[pb.BatchExtractResult]:
        """Results as each document is done (``index`` says which)."""
        request = pb.StreamExtractRequest(documents=[c.document(d) for d in documents],
                                          options=c.options(plugins, encoding))
        try:
            for item in self._stub.StreamExtract(request, timeout=self.timeout if timeout is None else timeout,
                                                 metadata=self._metadata):
                yield item.result
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None

    def normalize(self, kind: str | int, text: str, *, reference_date=None, country_hint: str = "",  # noqa: ANN001
                  sentence: str = "", timeout: float | None = None) -> pb.NormalizeResult:
        """One expression (kind: date, quantity, location, actor) → best value and alternatives."""
        result = self.normalize_many([c.normalize_item(kind, text, reference_date, country_hint, sentence)],
                                     timeout=timeout).results[0]
        if result.HasField("error"):
            from fieldreport.client.errors import from_status

            raise from_status(result.error)
        return result

    def normalize_many(self, items: Iterable[pb.NormalizeItem], *, timeout: float | None = None
                       ) -> pb.NormalizeResponse:
        return self._call(self._stub.Normalize, pb.NormalizeRequest(items=list(items)), timeout)

    def compare(self, documents: Iterable[c.DocumentLike] = (), *, event_sets: Iterable[pb.EventSet] = (),
                threshold: float = 0.0, timeout: float | None = None) -> pb.CompareResponse:
        """Incidents across reports (or the claims inside one report) with reconciled figures."""
        request = pb.CompareRequest(documents=[c.document(d) for d in documents], event_sets=list(event_sets),
                                    threshold=threshold)
        return self._call(self._stub.Compare, request, timeout)

    def list_plugins(self, *, timeout: float | None = None) -> pb.ListPluginsResponse:
        return self._call(self._stub.ListPlugins, pb.ListPluginsRequest(), timeout)

    def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """SERVING, NOT_SERVING, SERVICE_UNKNOWN or UNKNOWN (grpc.health.v1)."""
        raw = self._call(self._health, _health.encode_request(service), timeout)
        return _health.decode_response(raw)
