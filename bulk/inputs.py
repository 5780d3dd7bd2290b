"""Input documents: JSONL or Parquet files (or a directory of them), planned on the driver and read in
chunks by Ray tasks.

Every row keeps where it came from, ``(input_file, input_line)``: the 1-based line of a JSONL file or row
of a Parquet file. That key is what resuming skips and what "every document exactly once" counts; a
document without an ``id`` gets ``<input_file>:<line>``, the same on every run. Why not
``ray.data.read_json``: one malformed line fails its whole file there, and rows carry no line number.
Here a line that is not a JSON document becomes an error row of its own (MALFORMED_LINE).

A JSONL line is a Document in proto field names (``{"id": …, "text": …, "published": "YYYY-MM-DD"}``,
unknown keys ignored) or a bare JSON string (the text). A Parquet file has one column per Document field
it gives (``text`` at least).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Container

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from fieldreport.bulk.parts import Key, filesystem
from fieldreport.v1 import fieldreport_pb2 as pb

DOCUMENT_FIELDS = tuple(f.name for f in pb.Document.DESCRIPTOR.fields)
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
#: Documents per read chunk of a JSONL file (a Parquet chunk is one row group).
CHUNK_ROWS = 512
READ_SCHEMA = pa.schema([("input_file", pa.string()), ("input_line", pa.int64()), ("raw", pa.binary())])


class Malformed(ValueError):
    """A row that is not a document; its message says which line and why (never its content)."""


@dataclasses.dataclass
class InputFile:
    path: str  # inside the file system
    name: str  # as rows name it: the file's name, or its path below the input directory
    fmt: str  # "jsonl" | "parquet"


@dataclasses.dataclass
class Plan:
    uri: str
    chunks: list[dict]
    total: int  # documents in the input (non-blank lines, Parquet rows)
    done: int  # of them, already in the output
    lines: dict[str, list[int]]  # every document's line (row) number, by input file

    @property
    def todo(self) -> int:
        return self.total - self.done


def list_inputs(path: str) -> list[InputFile]:
    fs, root = filesystem(path)
    info = fs.get_file_info(root)
    if info.type == pafs.FileType.NotFound:
        raise FileNotFoundError(2, "no such file or directory", path)
    if info.type == pafs.FileType.File:
        return [InputFile(root, info.base_name, _fmt(info.base_name))]
    found = []
    for item in fs.get_file_info(pafs.FileSelector(root, recursive=True)):
        relative = item.path[len(root):].lstrip("/")
        hidden = any(part.startswith((".", "_")) for part in relative.split("/"))
        if item.type == pafs.FileType.File and not hidden and item.base_name.endswith(JSONL_SUFFIXES + (".parquet",)):
            found.append(InputFile(item.path, relative, _fmt(item.base_name)))
    if not found:
        raise FileNotFoundError(2, "no .jsonl or .parquet file in the directory", path)
    return sorted(found, key=lambda f: f.name)


def _fmt(name: str) -> str:
    return "parquet" if name.endswith(".parquet") else "jsonl"


def plan(path: str, done: Container[Key] = (), chunk_rows: int = CHUNK_ROWS) -> Plan:
    """The chunks still to read (rows already done are listed in each chunk's ``skip``)."""
    fs, _ = filesystem(path)
    chunks: list[dict] = []
    total = skipped = 0
    by_file: dict[str, list[int]] = {}
    for f in list_inputs(path):
        pieces = _jsonl_chunks(fs, f, chunk_rows) if f.fmt == "jsonl" else _parquet_chunks(fs, f)
        by_file[f.name] = []
        for chunk, lines in pieces:
            by_file[f.name].extend(lines)
            total += len(lines)
            skip = [line for line in lines if (f.name, line) in done]
            skipped += len(skip)
            if len(skip) < len(lines):
                chunks.append({**chunk, "skip": skip})
    return Plan(path, chunks, total, skipped, by_file)


def _jsonl_chunks(fs: pafs.FileSystem, f: InputFile, chunk_rows: int):  # noqa: ANN202
    """(chunk, its document lines): byte ranges of about ``chunk_rows`` non-blank lines each."""
    start = offset = 0
    line = 0
    first = 1
    lines: list[int] = []
    with fs.open_input_stream(f.path) as handle:
        pending = b""
        while True:
            block = handle.read(1 << 22)
            if not block:
                break
            pending += block
            *complete, pending = pending.split(b"\n")
            for raw in complete:
                line += 1
                offset += len(raw) + 1
                if raw.strip():
                    lines.append(line)
                if len(lines) >= chunk_rows:
                    yield _chunk(f, start, offset, first), lines
                    start, first, lines = offset, line + 1, []
        if pending:  # a last line without its newline
            line += 1
            offset += len(pending)
            if pending.strip():
                lines.append(line)
    if lines:
        yield _chunk(f, start, offset, first), lines


def _chunk(f: InputFile, start: int, stop: int, first_line: int) -> dict:
    return {"path": f.path, "name": f.name, "fmt": f.fmt, "start": start, "stop": stop, "first_line": first_line}


def _parquet_chunks(fs: pafs.FileSystem, f: InputFile):  # noqa: ANN202
    with fs.open_input_file(f.path) as handle:
        meta = pq.ParquetFile(handle).metadata
    first = 1
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        yield _chunk(f, group, group + 1, first), list(range(first, first + rows))
        first += rows


def read_chunk(chunk: dict, uri: str) -> pa.Table:
    """The rows of one chunk not yet done: (input_file, input_line, raw JSON document)."""
    fs, _ = filesystem(uri)
    skip = set(chunk["skip"])
    names, lines, raws = [], [], []
    if chunk["fmt"] == "jsonl":
        with fs.open_input_file(chunk["path"]) as handle:
            handle.seek(chunk["start"])
            data = handle.read(chunk["stop"] - chunk["start"])
        for number, raw in enumerate(data.split(b"\n"), chunk["first_line"]):
            if raw.strip() and number not in skip:
                names.append(chunk["name"])
                lines.append(number)
                raws.append(raw)
    else:
        with fs.open_input_file(chunk["path"]) as handle:
            parquet = pq.ParquetFile(handle)
            columns = [c for c in DOCUMENT_FIELDS if c in parquet.schema_arrow.names]
            rows = parquet.read_row_group(chunk["start"], columns=columns).to_pylist()
        for number, row in enumerate(rows, chunk["first_line"]):
            if number not in skip:
                names.append(chunk["name"])
                lines.append(number)
                raws.append(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))
    return pa.table([names, lines, raws], schema=READ_SCHEMA)


def document(raw: bytes, name: str, line: int) -> pb.Document:
    """The Document a row gives, or Malformed saying why it gives none."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise Malformed(f"{name} line {line}: not UTF-8 text (byte {exc.start})") from None
    except ValueError as exc:
        raise Malformed(f"{name} line {line}: not a JSON document ({type(exc).__name__})") from None
    if isinstance(data, str):
        data = {"text": data}
    if not isinstance(data, dict):
        raise Malformed(f"{name} line {line}: a JSON {type(data).__name__}, not a document (an object or a string)")
    doc = pb.Document(**{k: ("" if v is None else str(v)) for k, v in data.items() if k in DOCUMENT_FIELDS})
    if not doc.id:
        doc.id = f"{name}:{line}"
    return doc
