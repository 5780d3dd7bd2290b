"""Extract a fixed set of documents and write every response, so that two trees can be compared byte for byte.

    .venv/bin/python scripts/extract_snapshot.py OUT.bin [--per-file 25] [--many] [--compare OTHER.bin]

The documents are the first ``--per-file`` texts of each ../shared/eval file and every ../shared/examples
text (read at run time, never copied). Each response is serialized deterministically, one length-prefixed
record per document (an error is recorded as its code and message). ``--many`` extracts through
``Pipeline.extract_many`` instead of one ``extract`` per document. ``--compare`` reports the documents whose
records differ. A performance change must leave the snapshot identical.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import struct
import sys
import time

from fieldreport.service.pipeline import Pipeline
from fieldreport.v1 import fieldreport_pb2 as pb

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"


def documents(per_file: int) -> list[pb.Document]:
    docs: list[pb.Document] = []
    for path in sorted((SHARED / "eval").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle):
                if n == per_file:
                    break
                record = json.loads(line)
                docs.append(pb.Document(id=record["id"], text=record["text"], title=record.get("title") or "",
                                        published=record.get("published") or ""))
    for path in sorted((SHARED / "examples").glob("*.txt")):
        docs.append(pb.Document(id=path.name, text=path.read_text(encoding="utf-8")))
    return docs


def record(outcome) -> bytes:  # noqa: ANN001 - a response or an exception
    if isinstance(outcome, pb.ExtractResponse):
        return b"R" + outcome.SerializeToString(deterministic=True)
    return b"E" + f"{type(outcome).__name__}:{getattr(outcome, 'reason', '')}:{outcome}".encode()


def write(path: pathlib.Path, ids: list[str], records: list[bytes]) -> None:
    with path.open("wb") as out:
        for doc_id, rec in zip(ids, records):
            key = doc_id.encode()
            out.write(struct.pack(">II", len(key), len(rec)) + key + rec)


def read(path: pathlib.Path) -> dict[str, bytes]:
    data, out, i = path.read_bytes(), {}, 0
    while i < len(data):
        k, r = struct.unpack_from(">II", data, i)
        i += 8
        out[data[i:i + k].decode()] = data[i + k:i + k + r]
        i += k + r
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--per-file", type=int, default=25)
    parser.add_argument("--many", action="store_true", help="through Pipeline.extract_many")
    parser.add_argument("--compare", type=pathlib.Path, help="a snapshot to compare with")
    args = parser.parse_args()
    docs = documents(args.per_file)
    pipeline = Pipeline.create()
    start = time.process_time()
    if args.many:
        outcomes = pipeline.extract_many(docs, pb.ExtractOptions())
    else:
        outcomes = []
        for i, doc in enumerate(docs):
            try:
                outcomes.append(pipeline.extract(doc, pb.ExtractOptions(), field=f"documents[{i}]"))
            except Exception as exc:  # noqa: BLE001 - recorded like a response
                outcomes.append(exc)
    cpu = time.process_time() - start
    records = [record(o) for o in outcomes]
    write(args.out, [d.id for d in docs], records)
    print(f"{len(docs)} documents, {cpu:.1f} s CPU, {sum(r[:1] == b'E' for r in records)} errors -> {args.out}")
    if args.compare:
        before = read(args.compare)
        after = read(args.out)
        differ = [k for k in before if before[k] != after.get(k)] + [k for k in after if k not in before]
        print(f"compared with {args.compare}: {len(before)} vs {len(after)} documents, {len(differ)} differ")
        for k in differ[:20]:
            print("  differs:", k)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
