"""One output row per input document: its response, or its error, in JSONL or Parquet.

JSONL (one object per line, proto field names, as ``fieldreport batch`` writes)::

    {"input_file": "archive.jsonl", "input_line": 17, "document_id": "…", "response": {ExtractResponse},
     "text": "…"}
    {"input_file": "archive.jsonl", "input_line": 18, "document_id": "…",
     "error": {"code": "INVALID_ARGUMENT", "reason": "EMPTY_TEXT", "message": "…", "field_violations": […]}}

Parquet: the same keys and metadata as columns, ``status`` ("ok" / "error") and the error's ``error_code``,
``error_reason``, ``error_message``, ``error_fields``; ``events``, a list of structs with the flat fields
of each event (type, date, place, coordinates, killed / injured totals, actors by role, modality, source);
and ``response``, the whole ExtractResponse as JSON. ``text`` (the document's text, which Compare reads
for its words) is kept unless the caller drops it.
"""

from __future__ import annotations

import json

import pyarrow as pa
from google.protobuf import json_format

from fieldreport.service.compare.records import casualty_total
from fieldreport.v1 import fieldreport_pb2 as pb

_K = pb.Casualty.Kind
_ROLE = pb.Actor.Role

EVENT_TYPE = pa.struct([
    ("id", pa.string()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
    ("when", pa.string()), ("when_start", pa.string()), ("when_end", pa.string()),
    ("when_granularity", pa.string()), ("when_inferred", pa.bool_()),
    ("place", pa.string()), ("country_code", pa.string()), ("admin1", pa.string()),
    ("geonames_id", pa.int64()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("place_precision", pa.string()),
    ("killed", pa.int64()), ("injured", pa.int64()),
    ("perpetrators", pa.list_(pa.string())), ("targets", pa.list_(pa.string())), ("victims", pa.list_(pa.string())),
    ("modality", pa.string()), ("source", pa.string()), ("confidence", pa.float32()), ("trigger", pa.string()),
])

PARQUET_SCHEMA = pa.schema([
    ("input_file", pa.string()), ("input_line", pa.int64()), ("document_id", pa.string()),
    ("status", pa.string()),
    ("error_code", pa.string()), ("error_reason", pa.string()), ("error_message", pa.string()),
    ("error_fields", pa.list_(pa.struct([("field", pa.string()), ("description", pa.string())]))),
    ("published", pa.string()), ("title", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
    ("n_events", pa.int32()), ("n_warnings", pa.int32()),
    ("events", pa.list_(EVENT_TYPE)),
    ("response", pa.string()),
    ("text", pa.string()),
])


def error_dict(code: str, reason: str, message: str, violations=()) -> dict:  # noqa: ANN001
    return {"code": code, "reason": reason, "message": message,
            "field_violations": [{"field": f, "description": d} for f, d in violations]}


def _names(event: pb.Event, role: int) -> list[str]:
    return [a.name or a.text for a in event.actors if a.role == role]


def flat_event(event: pb.Event) -> dict:
    when, where = event.when, event.where
    placed = event.HasField("where")
    return {
        "id": event.id, "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "when": when.value, "when_start": when.start, "when_end": when.end,
        "when_granularity": pb.TimeValue.Granularity.Name(when.granularity) if when.granularity else "",
        "when_inferred": when.inferred,
        "place": where.name or where.text, "country_code": where.country_code, "admin1": where.admin1,
        "geonames_id": where.geonames_id or None,
        "latitude": where.latitude if placed else None, "longitude": where.longitude if placed else None,
        "place_precision": where.precision,
        "killed": casualty_total(event, _K.KILLED), "injured": casualty_total(event, _K.INJURED),
        "perpetrators": _names(event, _ROLE.PERPETRATOR), "targets": _names(event, _ROLE.TARGET),
        "victims": _names(event, _ROLE.VICTIM),
        "modality": pb.Modality.Name(event.modality) if event.modality else "",
        "source": event.source.name or event.source.text, "confidence": event.confidence,
        "trigger": event.trigger.text,
    }


class RowWriter:
    """Builds the rows of one batch in the output format (``jsonl`` lines or a Parquet table)."""

    def __init__(self, fmt: str, keep_text: bool = True) -> None:
        self.fmt, self.keep_text = fmt, keep_text
        self.rows: list = []

    def ok(self, name: str, line: int, doc: pb.Document, response: pb.ExtractResponse) -> None:
        text = doc.text if self.keep_text else None
        if self.fmt == "jsonl":
            data = {"input_file": name, "input_line": line, "document_id": doc.id,
                    "response": json_format.MessageToDict(response, preserving_proto_field_name=True)}
            if text is not None:
                data["text"] = text
            self.rows.append(json.dumps(data, ensure_ascii=False))
            return
        meta = response.document
        self.rows.append({
            "input_file": name, "input_line": line, "document_id": doc.id, "status": "ok",
            "published": meta.published, "title": meta.title, "outlet": meta.source, "url": meta.url,
            "n_events": len(response.events), "n_warnings": len(response.warnings),
            "events": [flat_event(e) for e in response.events],
            "response": json_format.MessageToJson(response, preserving_proto_field_name=True, indent=None,
                                                  ensure_ascii=False),
            "text": text,
        })

    def error(self, name: str, line: int, document_id: str, error: dict) -> None:
        if self.fmt == "jsonl":
            self.rows.append(json.dumps({"input_file": name, "input_line": line, "document_id": document_id,
                                         "error": error}, ensure_ascii=False))
            return
        self.rows.append({
            "input_file": name, "input_line": line, "document_id": document_id, "status": "error",
            "error_code": error["code"], "error_reason": error["reason"], "error_message": error["message"],
            "error_fields": error["field_violations"], "n_events": 0, "n_warnings": 0, "events": [],
        })

    def table(self) -> pa.Table:
        return pa.Table.from_pylist(self.rows, schema=PARQUET_SCHEMA)
