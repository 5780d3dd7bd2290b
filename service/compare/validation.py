"""Checks on a CompareRequest, reported with the project's error conventions (errors.invalid)."""

from __future__ import annotations

import datetime as dt
import math

from fieldreport.service import errors
from fieldreport.v1 import fieldreport_pb2 as pb


def document_ids(request: pb.CompareRequest) -> list[str]:
    """The id of each compared report, documents first then event sets; a missing id gets its position."""
    ids = [doc.id or f"doc{i + 1}" for i, doc in enumerate(request.documents)]
    ids += [s.document_id or s.document.id or f"set{i + 1}" for i, s in enumerate(request.event_sets)]
    return ids


def _iso_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def validate(request: pb.CompareRequest) -> None:
    """Every problem at once: the first one names the reason."""
    problems: list[tuple[str, str, str]] = []  # (reason, field, description)
    if not request.documents and not request.event_sets:
        problems.append(("NOTHING_TO_COMPARE", "documents", "give at least one document or event set"))
    if math.isnan(request.threshold) or not 0.0 <= request.threshold <= 1.0:
        problems.append(("INVALID_THRESHOLD", "threshold",
                         f"a probability in [0, 1] (0 = the calibrated default), got {request.threshold}"))
    fields = [f"documents[{i}].id" for i in range(len(request.documents))]
    fields += [f"event_sets[{i}].document_id" for i in range(len(request.event_sets))]
    seen: dict[str, str] = {}
    for field, doc_id in zip(fields, document_ids(request)):
        if doc_id in seen:
            problems.append(("DUPLICATE_DOCUMENT_ID", field, f"{doc_id!r} is also the id of {seen[doc_id]}"))
        else:
            seen[doc_id] = field.rsplit(".", 1)[0]
    for i, event_set in enumerate(request.event_sets):
        field = f"event_sets[{i}]"
        if event_set.document_id and event_set.document.id and event_set.document_id != event_set.document.id:
            problems.append(("CONFLICTING_DOCUMENT_ID", f"{field}.document.id",
                             f"differs from {field}.document_id ({event_set.document_id!r})"))
        try:
            errors.parse_date(event_set.document.published, f"{field}.document.published")
        except errors.FieldReportError as exc:
            problems.append((exc.reason, *exc.violations[0]))
        event_ids: set[str] = set()
        for j, event in enumerate(event_set.events):
            if event.id and event.id in event_ids:
                problems.append(("DUPLICATE_EVENT_ID", f"{field}.events[{j}].id",
                                 f"{event.id!r} appears twice in this event set"))
            event_ids.add(event.id)
            for name in ("value", "start", "end"):
                day = _iso_day(getattr(event.when, name))
                if day is not None and not errors.in_supported_range(day):
                    problems.append(("DATE_OUT_OF_RANGE", f"{field}.events[{j}].when.{name}",
                                     f"{day} is outside the supported dates {errors.MIN_DATE}..{errors.MAX_DATE}"))
    if problems:
        reason, field, description = problems[0]
        message = f"{field}: {description}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
        raise errors.invalid(reason, message, [(f, d) for _, f, d in problems])
