"""Worker-side batch extraction: many documents in one call, parsed together with ``nlp.pipe``.

A worker process holds one Pipeline (``install`` it, or ``init`` creates it, e.g. as a process pool's
initializer). ``extract_batch`` takes what crosses a process boundary cheaply — serialized Documents and
ExtractOptions — and gives back one serialized ExtractResponse or the exception per document, in order:
one bad document (invalid, over the deadline, a bug) does not sink the others. BatchExtract,
StreamExtract and ``fieldreport batch`` send a worker a chunk of documents this way instead of one call
per document, so that its spaCy pass runs batched (about 1.25x the documents per second).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fieldreport.service.pipeline import BATCH_SIZE, Pipeline, PipelineConfig
from fieldreport.v1 import fieldreport_pb2 as pb

_PIPELINE: Pipeline | None = None


def install(pipeline: Pipeline) -> None:
    """Use ``pipeline`` for this process's batches (a worker that already holds one)."""
    global _PIPELINE
    _PIPELINE = pipeline


def init(config: PipelineConfig | None = None, log_format: str | None = None, log_level: str | None = None) -> None:
    """Load this process's Pipeline (once): a process pool's initializer; logs configured as given."""
    if log_format is not None:
        from fieldreport.service import logs

        logs.configure(log_format, log_level or "info")
    if _PIPELINE is None:
        install(Pipeline.create(config))


def pipeline() -> Pipeline:
    if _PIPELINE is None:
        raise RuntimeError("no pipeline in this process: call batching.init() or batching.install() first")
    return _PIPELINE


def _options(options: bytes | pb.ExtractOptions | None) -> pb.ExtractOptions:
    if options is None:
        return pb.ExtractOptions()
    return options if isinstance(options, pb.ExtractOptions) else pb.ExtractOptions.FromString(options)


def iter_batch(documents: Sequence[bytes], options: bytes | pb.ExtractOptions | None = None,
               deadline: float | None = None, fields: Sequence[str] | None = None,
               batch_size: int = BATCH_SIZE) -> Iterator[bytes | Exception]:
    """``extract_batch`` as a generator, one outcome per document as its nlp.pipe batch is done (for
    StreamExtract, which answers as documents finish)."""
    docs = [pb.Document.FromString(d) for d in documents]
    for outcome in pipeline().iter_extract(docs, _options(options), deadline, fields=fields, batch_size=batch_size):
        yield outcome.SerializeToString() if isinstance(outcome, pb.ExtractResponse) else outcome


def extract_batch(documents: Sequence[bytes], options: bytes | pb.ExtractOptions | None = None,
                  deadline: float | None = None, fields: Sequence[str] | None = None,
                  batch_size: int = BATCH_SIZE) -> list[bytes | Exception]:
    """Extract serialized Documents with this process's Pipeline.

    ``options``: a serialized ExtractOptions (or the message). ``deadline``: a ``time.monotonic()`` value
    (the same clock in every process of a Linux host), so that time spent queued counts; documents not
    started by then give DeadlineExceeded. ``fields`` names each document in validation errors (default
    ``documents[i]``: pass the indices of the whole request when it is split over workers).

    Returns per document a serialized ExtractResponse, or the exception (FieldReportError for invalid
    input, DeadlineExceeded, another for a bug), which pickles back to the caller like a future's.
    An unknown plugin in ``options`` raises FieldReportError for the whole call.
    """
    return list(iter_batch(documents, options, deadline, fields, batch_size))
