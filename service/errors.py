"""Errors the service reports, as data: a gRPC code, an UPPER_SNAKE reason and field violations.

The servicer turns them into ``google.rpc.Status`` with ``ErrorInfo`` (domain ``fieldreport``) and
``BadRequest``; the CLI prints them. Validation lives here so that in-process and remote calls agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import grpc

DOMAIN = "fieldreport"
DEFAULT_MAX_TEXT_CHARS = 200_000
DEFAULT_MAX_BATCH = 256


@dataclasses.dataclass
class FieldReportError(Exception):
    code: grpc.StatusCode
    reason: str
    message: str
    violations: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    metadata: dict[str, str] = dataclasses.field(default_factory=dict)
    retry_delay: float | None = None  # seconds: sent as google.rpc.RetryInfo (a shed call)

    def __str__(self) -> str:
        return self.message


def invalid(reason: str, message: str, violations: list[tuple[str, str]]) -> FieldReportError:
    return FieldReportError(grpc.StatusCode.INVALID_ARGUMENT, reason, message, violations)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str, field: str) -> dt.date | None:
    """``YYYY-MM-DD`` → date; empty → None; anything else raises INVALID_ARGUMENT naming ``field``."""
    if not value:
        return None
    if _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise invalid("MALFORMED_DATE", f"{field} must be a date YYYY-MM-DD, got {value!r}",
                  [(field, f"not a calendar date in the form YYYY-MM-DD: {value!r}")])


def validate_document(doc, field: str, max_chars: int = DEFAULT_MAX_TEXT_CHARS) -> dt.date | None:  # noqa: ANN001
    """Check one ``fieldreport.v1.Document``; return its parsed ``published`` date.

    Every problem is reported at once (one violation per field); the reason is the first one's.
    """
    problems: list[tuple[str, str, str]] = []  # (reason, field, description)
    if not doc.text or not doc.text.strip():
        problems.append(("EMPTY_TEXT", f"{field}.text", "must contain text"))
    elif len(doc.text) > max_chars:
        problems.append(("TEXT_TOO_LONG", f"{field}.text",
                         f"longer than {max_chars} characters ({len(doc.text)})"))
    if doc.language and doc.language.split("-")[0].lower() != "en":
        problems.append(("UNSUPPORTED_LANGUAGE", f"{field}.language", "only 'en' is supported in v1"))
    published = None
    try:
        published = parse_date(doc.published, f"{field}.published")
    except FieldReportError as exc:
        problems.append((exc.reason, *exc.violations[0]))
    if problems:
        reason, first_field, first_desc = problems[0]
        message = f"{first_field}: {first_desc}"
        if len(problems) > 1:
            message += f" (and {len(problems) - 1} more)"
        raise invalid(reason, message, [(f, d) for _, f, d in problems])
    return published


def validate_plugins(names, known: set[str], field: str = "options.plugins") -> None:  # noqa: ANN001
    unknown = [n for n in names if n not in known]
    if unknown:
        raise invalid(
            "UNKNOWN_PLUGIN", f"unknown plugin(s): {', '.join(unknown)}; loaded: {', '.join(sorted(known))}",
            [(f"{field}[{list(names).index(n)}]", f"no plugin named {n!r} is loaded") for n in unknown],
        )
