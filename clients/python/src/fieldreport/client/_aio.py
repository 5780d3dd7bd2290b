"""The asyncio client (grpc.aio), the same methods as the sync one, awaited."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

from grpc import aio

from fieldreport.client import _common as c, _health
from fieldreport.client.errors import from_rpc_error, from_status
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc


class AsyncClient:
    """``async with AsyncClient("localhost:50051") as client: await client.extract(text)``.

    Same arguments and errors as :class:`fieldreport.client.Client`.
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
        self._channel = aio.secure_channel(resolved, creds, opts) if creds else aio.insecure_channel(resolved, opts)
        self._stub = pb_grpc.FieldReportServiceStub(self._channel)
        self._health = self._channel.unary_unary(_health.METHOD)

    async def _call(self, method, request, timeout: float | None):  # noqa: ANN001
        end = time.monotonic() + (self.timeout if timeout is None else timeout)
        attempt = 0
        while True:  # the same retries as the sync client's (see _common.shed_retry_delay)
            try:
                return await method(request, timeout=max(0.0, end - time.monotonic()), metadata=self._metadata)
            except aio.AioRpcError as err:
                error = from_rpc_error(err, err.trailing_metadata())
            delay = c.shed_retry_delay(error, attempt, self.retries, end)
            if delay is None:
                raise error
            await asyncio.sleep(delay)
            attempt += 1

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def extract(self, text: c.DocumentLike, *, published=None, title: str | None = None,  # noqa: ANN001
                      source: str | None = None, id: str | None = None, url: str | None = None,  # noqa: A002
                      plugins: Iterable[str] | None = None, encoding: str | int | None = None,
                      timeout: float | None = None) -> pb.ExtractResponse:
        doc = c.document(text, published=published, title=title, source=source, id=id, url=url)
        return await self._call(self._stub.Extract, pb.ExtractRequest(document=doc, options=c.options(plugins, encoding)),
                                timeout)

    async def batch_extract(self, documents: Iterable[c.DocumentLike], *, plugins: Iterable[str] | None = None,
                            encoding: str | int | None = None, timeout: float | None = None
                            ) -> pb.BatchExtractResponse:
        request = pb.BatchExtractRequest(documents=[c.document(d) for d in documents],
                                         options=c.options(plugins, encoding))
        return await self._call(self._stub.BatchExtract, request, timeout)

    async def stream_extract(self, documents: Iterable[c.DocumentLike], *, plugins: Iterable[str] | None = None,
                             encoding: str | int | None = None, timeout: float | None = None
                             ) -> AsyncIterator[pb.BatchExtractResult]:
        request = pb.StreamExtractRequest(documents=[c.document(d) for d in documents],
                                          options=c.options(plugins, encoding))
        call = self._stub.StreamExtract(request, timeout=self.timeout if timeout is None else timeout,
                                        metadata=self._metadata)
        try:
            async for item in call:
                yield item.result
        except aio.AioRpcError as err:
            raise from_rpc_error(err, err.trailing_metadata()) from None

    async def normalize(self, kind: str | int, text: str, *, reference_date=None, country_hint: str = "",  # noqa: ANN001
                        sentence: str = "", timeout: float | None = None) -> pb.NormalizeResult:
        response = await self.normalize_many([c.normalize_item(kind, text, reference_date, country_hint, sentence)],
                                             timeout=timeout)
        result = response.results[0]
        if result.HasField("error"):
            raise from_status(result.error)
        return result

    async def normalize_many(self, items: Iterable[pb.NormalizeItem], *, timeout: float | None = None
                             ) -> pb.NormalizeResponse:
        return await self._call(self._stub.Normalize, pb.NormalizeRequest(items=list(items)), timeout)

    async def compare(self, documents: Iterable[c.DocumentLike] = (), *, event_sets: Iterable[pb.EventSet] = (),
                      threshold: float = 0.0, timeout: float | None = None) -> pb.CompareResponse:
        request = pb.CompareRequest(documents=[c.document(d) for d in documents], event_sets=list(event_sets),
                                    threshold=threshold)
        return await self._call(self._stub.Compare, request, timeout)

    async def list_plugins(self, *, timeout: float | None = None) -> pb.ListPluginsResponse:
        return await self._call(self._stub.ListPlugins, pb.ListPluginsRequest(), timeout)

    async def health(self, service: str = "", *, timeout: float | None = None) -> str:
        raw = await self._call(self._health, _health.encode_request(service), timeout)
        return _health.decode_response(raw)



