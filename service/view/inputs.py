"""What `fieldreport view FILE…` reads: article text files, JSONL files of documents, and saved JSON
(an ExtractResponse from `fieldreport extract`, a CompareResponse from `fieldreport compare --json`).

A saved response carries no text (the contract does not echo it); a text or JSONL document given beside
it whose id is the response's document id supplies it, and is then not extracted again.
"""

from __future__ import annotations

import dataclasses
import json
import os

from google.protobuf import json_format

from fieldreport.v1 import fieldreport_pb2 as pb


class InputError(ValueError):
    """A file that cannot be read as any of the inputs; the message names the file and the reason."""


@dataclasses.dataclass
class Inputs:
    documents: list[pb.Document] = dataclasses.field(default_factory=list)
    extractions: list[pb.ExtractResponse] = dataclasses.field(default_factory=list)
    comparisons: list[pb.CompareResponse] = dataclasses.field(default_factory=list)

    def text_of(self, document_id: str) -> str | None:
        return next((d.text for d in self.documents if d.id and d.id == document_id), None)

    def to_extract(self) -> list[pb.Document]:
        """Documents whose response was not given."""
        saved = {r.document.id for r in self.extractions if r.document.id}
        saved |= {e.document.id for c in self.comparisons for e in c.extractions if e.document.id}
        return [d for d in self.documents if d.id not in saved]


def _saved(path: str, data: object) -> pb.ExtractResponse | pb.CompareResponse | pb.Document:
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a JSON object")
    if {"incidents", "pairs", "extractions"} & data.keys():
        message = pb.CompareResponse()
    elif {"events", "mentions"} & data.keys() or "text" not in data:
        message = pb.ExtractResponse()
    else:
        message = pb.Document()
    try:
        return json_format.ParseDict(data, message)
    except json_format.ParseError as exc:
        raise InputError(f"{path}: not a saved {type(message).__name__} ({exc})") from None


def read(paths: list[str], published: str = "") -> Inputs:
    from fieldreport.service.cli import _jsonl_documents  # the CLI's own reader of JSONL documents

    inputs = Inputs()
    for path in paths:
        if path.endswith(".jsonl"):
            for doc, problem in _jsonl_documents(path):
                if doc is None:
                    raise InputError(f"{path}: {problem}")
                inputs.documents.append(doc)
        elif path.endswith(".json"):
            with open(path, encoding="utf-8") as handle:
                try:
                    data = json.load(handle)
                except ValueError as exc:
                    raise InputError(f"{path}: not JSON ({exc})") from None
            message = _saved(path, data)
            if isinstance(message, pb.CompareResponse):
                inputs.comparisons.append(message)
            elif isinstance(message, pb.ExtractResponse):
                inputs.extractions.append(message)
            else:
                inputs.documents.append(message)
        else:
            with open(path, encoding="utf-8") as handle:
                inputs.documents.append(pb.Document(text=handle.read(), id=os.path.basename(path),
                                                    published=published or ""))
    for i, doc in enumerate(inputs.documents):
        if not doc.id:
            doc.id = f"doc{i + 1}"
    return inputs
