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

#: The dates the service accepts (publication and reference dates, event dates sent to Compare). Wide for
#: news (archives back to 1800) and far inside ``datetime``'s years 1..9999, so that every day, week and
#: year of arithmetic on them (look-backs, ISO weeks, "in ten years") stays a valid date.
MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)


def in_supported_range(day: dt.date) -> bool:
    return MIN_DATE <= day <= MAX_DATE


def date_out_of_range(field: str, day: dt.date) -> FieldReportError:
    return invalid("DATE_OUT_OF_RANGE", f"{field} must be between {MIN_DATE} and {MAX_DATE}, got {day}",
                   [(field, f"{day} is outside the supported dates {MIN_DATE}..{MAX_DATE}")])


def parse_date(value: str, field: str) -> dt.date | None:
    """``YYYY-MM-DD`` → date; empty → None; anything else raises INVALID_ARGUMENT naming ``field``
    (MALFORMED_DATE, or DATE_OUT_OF_RANGE outside ``MIN_DATE``..``MAX_DATE``)."""
    if not value:
        return None
    if _ISO_DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None:
            if not in_supported_range(day):
                raise date_out_of_range(field, day)
            return day
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


def unknown_enum_values(message, prefix: str = "") -> list[tuple[str, str]]:  # noqa: ANN001
    """(field path, description) of every enum field, at any depth, holding a number its enum does not
    name. proto3 enums are open: a newer client's value (or a fuzzer's) arrives as a bare number."""
    from google.protobuf.descriptor import FieldDescriptor

    found: list[tuple[str, str]] = []
    for field, value in message.ListFields():
        path = f"{prefix}.{field.name}" if prefix else field.name
        repeated = field.is_repeated
        if field.type == FieldDescriptor.TYPE_ENUM:
            for k, number in enumerate(value if repeated else [value]):
                if number not in field.enum_type.values_by_number:
                    known = ", ".join(v.name for v in field.enum_type.values)
                    found.append((f"{path}[{k}]" if repeated else path,
                                  f"{number} is not a {field.enum_type.name} value (one of {known})"))
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                value_field = field.message_type.fields_by_name["value"]
                if value_field.type == FieldDescriptor.TYPE_MESSAGE:
                    for key, item in value.items():
                        found += unknown_enum_values(item, f"{path}[{key!r}]")
            elif repeated:
                for k, item in enumerate(value):
                    found += unknown_enum_values(item, f"{path}[{k}]")
            else:
                found += unknown_enum_values(value, path)
    return found


def check_enums(message, prefix: str = "", reason: str = "UNKNOWN_ENUM_VALUE") -> None:  # noqa: ANN001
    """INVALID_ARGUMENT naming every enum field whose value is not one its enum names."""
    problems = unknown_enum_values(message, prefix)
    if problems:
        field, description = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise invalid(reason, f"{field}: {description}{more}", problems)
