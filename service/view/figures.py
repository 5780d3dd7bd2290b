"""Geometry of the small chart of one reconciled figure: the low–high range, the best estimate and each
report's value on one axis (drawn by templates/figure.html.j2 as inline SVG, with a table beside it)."""

from __future__ import annotations

import dataclasses
import math

from fieldreport.service.view import describe
from fieldreport.v1 import fieldreport_pb2 as pb

WIDTH, LEFT, RIGHT, ROW, TOP = 440, 150, 420, 24, 30


@dataclasses.dataclass
class Row:
    y: int
    label: str  # the report (document id)
    source: str
    phrase: str  # "at least 26"
    qualifier: str
    x: float | None  # the value's position; None when the report gives no number
    x_low: float | None = None  # a range or a bound, drawn as a bar or an arrow
    x_high: float | None = None
    published: str = ""
    left_out: bool = False  # the reconciled low–high does not reach it: superseded, or not its source's latest
    label_x: float = 0.0  # where the value's label goes: right of the dot, or left of it near the right edge
    label_anchor: str = "start"


@dataclasses.dataclass
class Chart:
    height: int
    rows: list[Row]
    ticks: list[tuple[float, int]]
    x_low: float | None
    x_high: float | None
    x_best: float | None
    x_conservative: float | None
    best: int | None
    low: int | None
    high: int | None
    conservative: int | None
    axis_y: int
    best_label_x: float = 0.0
    best_label_anchor: str = "start"
    width: int = WIDTH
    left: int = LEFT
    right: int = RIGHT


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def _allowed(count: pb.Count) -> tuple[float, float] | None:
    """The values a count allows ("at least 26": 26 and up), or None when it gives no number."""
    q = pb.Count.Qualifier.Name(count.qualifier) if count.qualifier else "UNKNOWN"
    value = describe.best_value(count)
    if value is None:
        return None
    low = count.low if count.HasField("low") else value
    high = count.high if count.HasField("high") else value
    if q == "AT_LEAST":
        return low, math.inf
    if q == "AT_MOST":
        return 0, high
    return low, high


def chart(estimate: pb.Estimate) -> Chart:
    values: list[int] = []
    for report in estimate.reports:
        values += [getattr(report.count, f) for f in ("value", "low", "high") if report.count.HasField(f)]
    values += [getattr(estimate, f) for f in ("best", "low", "high") if estimate.HasField(f)]
    top = _nice_max(max(values, default=1) * 1.05)  # a little room right of the largest value
    top = max(top, 1)

    def x(value: int | None) -> float | None:
        return None if value is None else round(LEFT + (RIGHT - LEFT) * value / top, 1)

    rows = []
    for i, report in enumerate(estimate.reports):
        count = report.count
        q = pb.Count.Qualifier.Name(count.qualifier) if count.qualifier else "UNKNOWN"
        row = Row(y=TOP + ROW * i + ROW // 2, label=report.document_id, source=describe.source_name(report.source),
                  phrase=describe.count_phrase(count), qualifier=q, x=x(describe.best_value(count)),
                  published=report.published)
        allowed = _allowed(count)
        if allowed and estimate.HasField("low") and estimate.HasField("high"):
            row.left_out = allowed[1] < estimate.low or allowed[0] > estimate.high
        if q == "RANGE":
            row.x_low, row.x_high = x(count.low if count.HasField("low") else None), x(count.high if count.HasField("high") else None)
        elif q == "AT_LEAST":
            row.x_low, row.x_high = row.x, float(RIGHT)
        elif q == "AT_MOST":
            row.x_low, row.x_high = float(LEFT), row.x
        if row.x is not None:
            near_edge = row.x > RIGHT - 110
            row.label_x, row.label_anchor = (row.x - 9, "end") if near_edge else (row.x + 9, "start")
        rows.append(row)
    axis_y = TOP + ROW * len(rows) + 6
    ticks = [(x(t), t) for t in sorted({0, top // 2, top})]

    def get(field: str) -> int | None:
        return getattr(estimate, field) if estimate.HasField(field) else None

    x_best = x(get("best"))
    best_label = (x_best - 4, "end") if x_best is not None and x_best > RIGHT - 60 else ((x_best or 0) + 4, "start")
    return Chart(height=axis_y + 22, rows=rows, ticks=ticks, x_low=x(get("low")), x_high=x(get("high")),
                 x_best=x_best, x_conservative=x(get("conservative")), best=get("best"), low=get("low"),
                 high=get("high"), conservative=get("conservative"), axis_y=axis_y,
                 best_label_x=best_label[0], best_label_anchor=best_label[1])
