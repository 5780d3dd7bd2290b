"""Bulk extraction on Ray Data: the same pipeline as the server, over millions of documents.

    chunks of the input (planned here) ──► read tasks ──► actor pool: one Pipeline per actor, which
    extracts a batch and writes it as one part file ──► one summary row per document back to the driver

Each actor loads the spaCy model and the plugins once (``Pipeline.create`` in its constructor) and then
serves batches. A document that fails (bad input, over its time budget, a bug) becomes an error row with
its code and message; the rest of its batch goes on. An actor that dies is restarted by Ray and its batch
retried; since a batch's part file is named after the rows it holds and written whole or not at all
(``parts``), a retried or resumed batch never writes a document twice. A rerun over the same output
skips the documents it already holds. After the run every input row is counted in the output: each must
be there exactly once.
"""

from __future__ import annotations

import dataclasses
import time
import warnings
from collections import Counter
from collections.abc import Iterator

import pyarrow as pa

from fieldreport.bulk import inputs, parts, runtime
from fieldreport.bulk.rows import RowWriter, error_dict
from fieldreport.v1 import fieldreport_pb2 as pb

#: Documents per batch: an actor's unit of work and of output (one part file each).
BATCH_SIZE = 64
#: Seconds one document may take before it is given up (DEADLINE_EXCEEDED); the pipeline stops between
#: plugins once it has passed.
DOCUMENT_SECONDS = 120.0
SUMMARY_SCHEMA = pa.schema([("input_file", pa.string()), ("input_line", pa.int64()), ("status", pa.string()),
                            ("error_code", pa.string())])


@dataclasses.dataclass
class Summary:
    output: str
    total: int = 0  # documents in the input
    skipped: int = 0  # already in the output before this run
    extracted: int = 0  # in this run, without error
    failed: int = 0  # in this run, as error rows
    errors: dict[str, int] = dataclasses.field(default_factory=dict)  # error code → documents (this run)
    workers: int = 0
    seconds: float = 0.0
    parts: int = 0  # part files in the output
    missing: int = 0  # input rows not in the output (0 after a complete run)
    duplicated: int = 0  # input rows in the output more than once (always 0)

    def line(self) -> str:
        return (f"{self.extracted} documents extracted, {self.failed} failed, {self.skipped} already done "
                f"-> {self.output}")


class Extractor:
    """One actor of the pool: a Pipeline, loaded once, and the output's part store."""

    def __init__(self, output: str, fmt: str, keep_text: bool, model: str | None, seconds: float,
                 log_level: str) -> None:
        from fieldreport.service import logs
        from fieldreport.service.pipeline import Pipeline, PipelineConfig

        logs.configure("json", log_level)
        self.pipeline = Pipeline.create(PipelineConfig(model=model) if model else PipelineConfig())
        self.store = parts.PartStore(output, fmt)
        self.fmt, self.keep_text, self.seconds = fmt, keep_text, seconds

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Extract a batch: its documents parsed together (``Pipeline.iter_extract``, nlp.pipe), each
        with its own time budget, written as one part file."""
        writer = RowWriter(self.fmt, self.keep_text)
        summary: list[tuple[str, int, str, str | None]] = []
        names = batch.column("input_file").to_pylist()
        lines = batch.column("input_line").to_pylist()
        rows: list[tuple[str, int, pb.Document | str]] = []  # the document, or the line's error message
        for name, line, raw in zip(names, lines, batch.column("raw").to_pylist()):
            try:
                rows.append((name, line, inputs.document(raw, name, line)))
            except inputs.Malformed as exc:
                rows.append((name, line, str(exc)))
        docs = [doc for _, _, doc in rows if isinstance(doc, pb.Document)]
        outcomes = self.pipeline.iter_extract(docs, fields=["document"] * len(docs), document_seconds=self.seconds)
        for name, line, doc in rows:
            if isinstance(doc, str):
                writer.error(name, line, "", error_dict("INVALID_ARGUMENT", "MALFORMED_LINE", doc))
                error = "INVALID_ARGUMENT"
            else:
                error = self._one(writer, name, line, doc, next(outcomes))
            summary.append((name, line, "error" if error else "ok", error))
        keys = list(zip(names, lines))
        if self.fmt == "jsonl":
            self.store.write_lines(writer.rows, keys)
        else:
            self.store.write_table(writer.table(), keys)
        return pa.table([list(c) for c in zip(*summary)] if summary else [[], [], [], []], schema=SUMMARY_SCHEMA)

    def _one(self, writer: RowWriter, name: str, line: int, doc: pb.Document, outcome) -> str | None:  # noqa: ANN001
        """Write one document's outcome (a response or an exception) into ``writer``; the error code when it
        failed."""
        import structlog

        from fieldreport.service.document import DeadlineExceeded
        from fieldreport.service.errors import FieldReportError

        if isinstance(outcome, FieldReportError):
            writer.error(name, line, doc.id, error_dict(outcome.code.name, outcome.reason, outcome.message,
                                                        outcome.violations))
            return outcome.code.name
        if isinstance(outcome, DeadlineExceeded):
            writer.error(name, line, doc.id, error_dict(
                "DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED", f"extraction took longer than {self.seconds:g} s"))
            return "DEADLINE_EXCEEDED"
        if isinstance(outcome, Exception):  # one document's bug is that document's error row
            structlog.get_logger("fieldreport.bulk").error("extract_failed", document_id=doc.id,
                                                            error=type(outcome).__name__)
            writer.error(name, line, doc.id, error_dict("INTERNAL", "INTERNAL",
                                                        f"internal error ({type(outcome).__name__})"))
            return "INTERNAL"
        writer.ok(name, line, doc, outcome)
        return None


def _read(batch: pa.Table, uri: str, rows: int) -> Iterator[pa.Table]:
    """Ray Data hands the planned chunks over as rows; each becomes blocks of ``rows`` documents (one
    actor batch each, so that every actor of the pool gets work)."""
    for chunk in batch.to_pylist():
        table = inputs.read_chunk(chunk, uri)
        for start in range(0, table.num_rows, rows):
            yield table.slice(start, rows)


def extract(input: str, output: str, *, address: str | None = None, workers: int | None = None,  # noqa: A002
            output_format: str | None = None, batch_size: int = BATCH_SIZE, keep_text: bool = True,
            model: str | None = None, document_seconds: float = DOCUMENT_SECONDS, progress: bool = True,
            log_level: str = "warning") -> Summary:
    """Extract every document of ``input`` (a JSONL or Parquet file, or a directory of them) into the
    directory ``output`` (part files, JSONL or Parquet: ``output_format``, default by the output's suffix,
    ``.parquet`` or else JSONL), on the Ray cluster at ``address`` (None: a local one) with ``workers``
    actors (default: one per CPU of the cluster). Returns the counts; resumes a run that ``output``
    already holds part of."""
    fmt = output_format or parts.format_of(output)
    store = parts.PartStore(output, fmt)
    store.prepare()
    store.remove_temporary()
    done = store.keys()
    plan = inputs.plan(input, done)
    summary = Summary(output=output, total=plan.total, skipped=plan.done)
    started = time.perf_counter()
    if plan.chunks:
        with runtime.connect(address, quiet=not progress):
            summary.workers = workers or runtime.cluster_cpus()
            _run(plan, store, summary, batch_size, keep_text, model, document_seconds, progress, log_level)
    summary.seconds = time.perf_counter() - started
    _verify(plan, store, summary)
    store.write_summary(dataclasses.asdict(summary) | {"input": input, "format": fmt})
    return summary


def _run(plan: inputs.Plan, store: parts.PartStore, summary: Summary, batch_size: int, keep_text: bool,
         model: str | None, seconds: float, progress: bool, log_level: str) -> None:
    import ray.data
    from tqdm import tqdm

    runtime.quiet_data_context()
    # Ray Data warns that one input chunk can feed one actor only; the reader splits each chunk into
    # blocks of one batch, which every actor of the pool takes from.
    warnings.filterwarnings("ignore", message="The minimum number of concurrent actors", category=UserWarning)
    dataset = (
        ray.data.from_items(plan.chunks, override_num_blocks=len(plan.chunks))
        # Reading is light: no CPU reserved, so that it never waits for the actors' CPUs.
        .map_batches(_read, fn_kwargs={"uri": plan.uri, "rows": batch_size}, batch_size=1, batch_format="pyarrow",
                     num_cpus=0)
        .map_batches(Extractor, batch_size=batch_size, batch_format="pyarrow", num_cpus=1,
                     compute=ray.data.ActorPoolStrategy(size=summary.workers),
                     fn_constructor_kwargs={"output": store.path, "fmt": store.fmt, "keep_text": keep_text,
                                            "model": model, "seconds": seconds, "log_level": log_level})
    )
    errors: Counter[str] = Counter()
    with tqdm(total=plan.todo, unit="doc", disable=not progress, smoothing=0.1) as bar:
        for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
            statuses = batch.column("status").to_pylist()
            summary.extracted += statuses.count("ok")
            summary.failed += statuses.count("error")
            errors.update(c for c in batch.column("error_code").to_pylist() if c)
            bar.update(len(statuses))
    summary.errors = dict(errors)


def _verify(plan: inputs.Plan, store: parts.PartStore, summary: Summary) -> None:
    """Count every input row in the output: missing and duplicated rows are reported (both 0 when all
    went well). Ray's retries can repeat a batch, never a row, since parts are named after their rows."""
    held = store.keys()
    summary.parts = len(store.parts())
    summary.duplicated = sum(1 for n in held.values() if n > 1)
    summary.missing = sum(1 for name, lines in plan.lines.items() for line in lines if (name, line) not in held)
