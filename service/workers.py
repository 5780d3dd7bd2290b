"""Where the pipeline runs: worker processes (the default) or the server process (``workers=0``).

NLP is CPU-bound and the GIL serialises Python threads, so the server spreads documents over a pool
of processes, each holding one Pipeline (spaCy model + plugins), created once by the pool initializer.
Messages cross the process boundary as serialized protobuf bytes. The ``spawn`` start method is used
because forking a process that has started gRPC's threads is unsafe.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import threading
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

import structlog

from fieldreport.service.pipeline import Pipeline, PipelineConfig
from fieldreport.v1 import fieldreport_pb2 as pb

log = structlog.get_logger("fieldreport.workers")

_PIPELINE: Pipeline | None = None
_INIT_ERROR: Exception | None = None


def _init(config: PipelineConfig, log_format: str, log_level: str) -> None:
    global _PIPELINE, _INIT_ERROR
    from fieldreport.service import logs

    logs.configure(log_format, log_level)
    try:
        _PIPELINE = Pipeline.create(config)
    except Exception as exc:  # noqa: BLE001 - kept for the warm-up ping, which raises it with its message
        _INIT_ERROR = exc  # (an initializer that raises only breaks the pool, and the message is lost)


def _deadline(timeout: float | None) -> float | None:
    return None if timeout is None else time.monotonic() + timeout


def _extract(document: bytes, options: bytes, timeout: float | None, field: str) -> bytes:
    assert _PIPELINE is not None
    resp = _PIPELINE.extract(pb.Document.FromString(document), pb.ExtractOptions.FromString(options),
                             _deadline(timeout), field)
    return resp.SerializeToString()


def _normalize_all(pipeline: Pipeline, items, fields: list[str]) -> list:  # noqa: ANN001
    """One result per item, or the exception that item raised: one bad item does not sink the others."""
    out: list = []
    for item, field in zip(items, fields):
        try:
            out.append(pipeline.normalize_item(item, field))
        except Exception as exc:  # noqa: BLE001 - handed back to the servicer, which reports it per item
            out.append(exc)
    return out


def _normalize(request: bytes, fields: list[str]) -> list:
    assert _PIPELINE is not None
    results = _normalize_all(_PIPELINE, pb.NormalizeRequest.FromString(request).items, fields)
    return [r.SerializeToString() if isinstance(r, pb.NormalizeResult) else r for r in results]


def _ping(_: int) -> bytes:
    # Sleeps so that N pings occupy N workers: each worker has run its initializer (loaded the
    # pipeline) before it answers, so start() returns only when all are warm. The answer is the
    # worker's plugin list, so that the server process need not load a model of its own.
    time.sleep(0.2)
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    assert _PIPELINE is not None
    return _PIPELINE.plugin_infos().SerializeToString()


class Executor:
    """Runs pipeline calls in worker processes, or inline when ``workers == 0``."""

    def __init__(self, config: PipelineConfig, workers: int, log_format: str = "json", log_level: str = "info"):
        self.config = config
        self.workers = workers
        self._log = (log_format, log_level)
        self._lock = threading.Lock()
        self._pool: cf.ProcessPoolExecutor | None = None
        self._inline: Pipeline | None = None
        self.info: pb.ListPluginsResponse | None = None
        self._plugin_names: set[str] = set()

    def start(self) -> None:
        """Load the pipeline where it runs; returns when every worker is ready (warm-up).

        With workers, the server process loads no model (one model less in memory, and start-up is
        not serialised behind it): ListPlugins and validation use the plugin list the workers report."""
        if self.workers > 0:
            self._pool = self._new_pool()
            try:
                answers = list(self._pool.map(_ping, range(self.workers)))  # block until each worker has loaded
            except BaseException:
                self._pool.shutdown(wait=False, cancel_futures=True)
                raise  # a missing model or plugin requirement, with its own message
            self.info = pb.ListPluginsResponse.FromString(answers[0])
        else:
            self._inline = Pipeline.create(self.config)
            self.info = self._inline.plugin_infos()
        self._plugin_names = {p.name for p in self.info.plugins}

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        ctx = multiprocessing.get_context("spawn")
        pool = cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init,
                                      initargs=(self.config, *self._log))
        return pool

    def _submit(self, fn: Callable, *args) -> cf.Future:  # noqa: ANN001
        if self._pool is None:
            future: cf.Future = cf.Future()
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # delivered to the caller like a pool's exception
                future.set_exception(exc)
            return future
        with self._lock:
            pool = self._pool
        try:
            return pool.submit(fn, *args)
        except BrokenProcessPool:
            self._replace_pool(pool)
            raise

    def _replace_pool(self, broken: cf.ProcessPoolExecutor) -> None:
        """A worker died (killed, out of memory): start a new pool so later calls succeed."""
        with self._lock:
            if self._pool is broken:
                log.error("worker_pool_broken", workers=self.workers)
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()

    def result(self, future: cf.Future):  # noqa: ANN201
        try:
            return future.result()
        except BrokenProcessPool:
            if self._pool is not None:
                self._replace_pool(self._pool)
            raise

    # Calls made inline run on the server's Pipeline; calls made in workers use theirs.
    def submit_extract(self, document: pb.Document, options: pb.ExtractOptions, timeout: float | None,
                       field: str) -> cf.Future:
        if self._pool is None:
            return self._submit(lambda: self._inline.extract(document, options, _deadline(timeout), field))
        return self._submit(_extract, document.SerializeToString(), options.SerializeToString(), timeout, field)

    def extract(self, document: pb.Document, options: pb.ExtractOptions, timeout: float | None,
                field: str) -> pb.ExtractResponse:
        out = self.result(self.submit_extract(document, options, timeout, field))
        return out if isinstance(out, pb.ExtractResponse) else pb.ExtractResponse.FromString(out)

    def normalize(self, items, fields: list[str]) -> list:  # noqa: ANN001
        """NormalizeResult or exception per item. The items of one request go to one worker together:
        they often share a context (a document) whose analysis a plugin caches."""
        if self._pool is None:
            return _normalize_all(self._inline, items, fields)
        out = self.result(self._submit(_normalize, pb.NormalizeRequest(items=items).SerializeToString(), fields))
        return [pb.NormalizeResult.FromString(r) if isinstance(r, bytes) else r for r in out]

    def validate(self, document: pb.Document, options: pb.ExtractOptions, field: str) -> None:
        """Cheap checks in the server process, so invalid input never occupies a worker."""
        from fieldreport.service import errors

        errors.validate_document(document, field, self.config.max_text_chars)
        errors.validate_plugins(list(options.plugins), self._plugin_names)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
