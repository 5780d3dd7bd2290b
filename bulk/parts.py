"""An output dataset as a directory of part files, each written whole or not at all.

Why not Ray Data's own ``write_json`` / ``write_parquet``: they write each file in place under a name
made from the run's random id, so a killed run can leave a torn file that a rerun cannot tell from a
complete one, and a retried write task can leave its rows twice. Here a part is written to a hidden
temporary name and then moved to ``part-<digest>.<ext>``, where the digest is a hash of the input rows
it holds (file and line): a retried batch rewrites the same name with the same rows, so a document is
never written twice, and a part that exists is complete. Names that start with "." or "_" (temporary
files, ``_summary.json``) are skipped by pyarrow and pandas readers of the directory.

Paths are local paths or any URI pyarrow.fs knows (``s3://``, ``gs://``, ``hdfs://``); on a cluster the
output must be a path every node can reach (shared file system or object store).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

FORMATS = ("jsonl", "parquet")
_PART = re.compile(r"^part-[0-9a-f]{20}\.(jsonl|parquet)$")
# Every JSONL line this module writes starts with its key, so that a rerun can list what is done without
# parsing whole responses.
_JSONL_KEY = re.compile(rb'^\{"input_file": ("(?:[^"\\]|\\.)*"), "input_line": (\d+)')

Key = tuple[str, int]  # (input file, line or row number)


def filesystem(path: str) -> tuple[pafs.FileSystem, str]:
    """(file system, path inside it) for a local path or a URI."""
    if "://" in path:
        return pafs.FileSystem.from_uri(path)
    import os

    return pafs.LocalFileSystem(), os.path.abspath(path)


def format_of(path: str) -> str:
    """The format an output or input path names by its suffix: ``.parquet`` → parquet, else jsonl."""
    return "parquet" if path.rstrip("/").endswith(".parquet") else "jsonl"


def part_name(keys: Sequence[Key], fmt: str) -> str:
    digest = hashlib.sha256()
    for file, line in sorted(keys):
        digest.update(f"{file}\0{line}\n".encode())
    return f"part-{digest.hexdigest()[:20]}.{fmt}"


class PartStore:
    """The part files of one output directory, in one format."""

    def __init__(self, path: str, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"output format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        self.path, self.fmt = path, fmt
        self.fs, self.root = filesystem(path)

    # -- writing ---------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Create the directory; refuse one that holds parts of the other format or is a file."""
        info = self.fs.get_file_info(self.root)
        if info.type == pafs.FileType.File:
            raise FileExistsError(f"{self.path} is a file; the output is a directory of part files")
        self.fs.create_dir(self.root, recursive=True)
        other = [p for p in self.parts(any_format=True) if not p.endswith(f".{self.fmt}")]
        if other:
            raise FileExistsError(f"{self.path} holds {len(other)} part(s) of another format "
                                  f"(e.g. {other[0].rsplit('/', 1)[-1]}); write {self.fmt} elsewhere")

    def write_table(self, table: pa.Table, keys: Sequence[Key]) -> str:
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        return self._commit(sink.getvalue(), keys)

    def write_lines(self, lines: Iterable[str], keys: Sequence[Key]) -> str:
        return self._commit("".join(line + "\n" for line in lines).encode("utf-8"), keys)

    def _commit(self, data: bytes, keys: Sequence[Key]) -> str:
        name = part_name(keys, self.fmt)
        final = f"{self.root}/{name}"
        temporary = f"{self.root}/.{name}.{uuid.uuid4().hex}.tmp"
        with self.fs.open_output_stream(temporary) as out:
            out.write(data)
        self.fs.move(temporary, final)  # a rename on a local or shared file system: atomic
        return name

    def write_summary(self, summary: dict) -> None:
        with self.fs.open_output_stream(f"{self.root}/_summary.json") as out:
            out.write(json.dumps(summary, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")

    # -- reading ---------------------------------------------------------------------------------

    def _listing(self) -> list[pafs.FileInfo]:
        info = self.fs.get_file_info(self.root)
        if info.type != pafs.FileType.Directory:
            return []
        return self.fs.get_file_info(pafs.FileSelector(self.root))

    def parts(self, any_format: bool = False) -> list[str]:
        """Complete parts, sorted by name."""
        names = sorted(i.base_name for i in self._listing() if _PART.match(i.base_name))
        return [f"{self.root}/{n}" for n in names if any_format or n.endswith(f".{self.fmt}")]

    def remove_temporary(self) -> int:
        """Delete what a killed run left half-written; returns how many."""
        stale = [i.path for i in self._listing() if i.base_name.startswith(".part-") and i.base_name.endswith(".tmp")]
        for path in stale:
            self.fs.delete_file(path)
        return len(stale)

    def keys(self) -> Counter[Key]:
        """How many times each input row occurs in the complete parts (1 each, unless something is wrong)."""
        seen: Counter[Key] = Counter()
        for path in self.parts():
            seen.update(self.part_keys(path))
        return seen

    def part_keys(self, path: str) -> list[Key]:
        if self.fmt == "parquet":
            with self.fs.open_input_file(path) as handle:
                table = pq.read_table(handle, columns=["input_file", "input_line"])
            return list(zip(table.column("input_file").to_pylist(), table.column("input_line").to_pylist()))
        out: list[Key] = []
        with self.fs.open_input_stream(path) as handle:
            data = handle.read()
        for raw in data.split(b"\n"):
            if raw:
                match = _JSONL_KEY.match(raw)
                if match is None:
                    raise ValueError(f"{path}: a line that fieldreport did not write")
                out.append((json.loads(match.group(1)), int(match.group(2))))
        return out
