"""Tables from a results dict, and the command's task selection."""

from __future__ import annotations

import pytest

from fieldreport.evaluation import report
from fieldreport.evaluation.cli import task_names

RESULTS = {
    "meta": {"date": "2026-01-01 00:00 UTC", "commit": "abc1234", "workers": 2, "seconds": 12.0, "baselines": True},
    "tasks": {"types_case": {
        "status": "ok", "title": "t", "systems": ["fieldreport", "other"], "documents": {"dev": 3, "test": 2, "all": 5},
        "metrics": [{"key": "acled_accuracy", "label": "accuracy", "kind": "pct"},
                    {"key": "n_acled", "label": "snippets", "kind": "int"},
                    {"key": "unused", "label": "never filled", "kind": "pct"}],
        "notes": ["a note"], "errors": 0,
        "splits": {"dev": {"fieldreport": {"acled_accuracy": 2 / 3, "n_acled": 3}},
                   "test": {"fieldreport": {"acled_accuracy": 0.5, "n_acled": 2}, "other": {"acled_accuracy": 0.25}},
                   "all": {"fieldreport": {"acled_accuracy": 0.6, "n_acled": 5}}}}},
}


def test_rows_show_dev_and_test_columns_and_skip_empty_metrics():
    header, body = report.rows(RESULTS["tasks"]["types_case"])
    assert header == ["metric", "fieldreport (dev)", "fieldreport (test)", "other (dev)", "other (test)"]
    assert body == [["accuracy", "66.7", "50.0", "—", "25.0"], ["snippets", "3", "2", "—", "—"]]


def test_markdown_has_the_summary_on_test_and_the_notes():
    text = report.markdown(RESULTS, "fieldreport eval")
    assert "| types_case | accuracy, ACLED types | 50.0 | other 25.0 |" not in text  # labels come from the results
    assert "| types_case | accuracy | 50.0 | other 25.0 |" in text
    assert "> **Note:** a note" in text
    assert "commit `abc1234`" in text


@pytest.mark.parametrize(("value", "kind", "shown"), [
    (0.1234, "pct", "12.3"), (1234.5, "km", "1,234"), (0.1234, "f3", "0.123"), (7, "int", "7"), (None, "pct", "—")])
def test_fmt(value, kind, shown):
    assert report.fmt(value, kind) == shown


def test_task_names_repeatable_or_comma_separated_in_table_order():
    assert task_names(["types_case,dates_tbaq", "places"]) == ["dates_tbaq", "places", "types_case"]
    assert len(task_names([])) == 8
    with pytest.raises(SystemExit):
        task_names(["nope"])


def test_join_keeps_each_tasks_run_and_names_its_commit():
    later = {"meta": {"date": "2026-01-02 00:00 UTC", "commit": "def5678", "workers": 2, "seconds": 3.0,
                      "baselines": True, "command": "fieldreport eval --task dates_tbaq"},
             "tasks": {"dates_tbaq": {"status": "ok", "splits": {}}}}
    first = {**RESULTS, "meta": {**RESULTS["meta"], "command": "fieldreport eval --task types_case"}}
    joined = report.join([first, later])
    assert list(joined["tasks"]) == ["types_case", "dates_tbaq"]
    assert joined["meta"]["commit"] == "abc1234 (types_case), def5678 (dates_tbaq)"
    assert joined["meta"]["seconds"] == 15.0
    assert joined["meta"]["date"] == "2026-01-02 00:00 UTC"
    assert joined["meta"]["command"] == "fieldreport eval --task types_case; fieldreport eval --task dates_tbaq"
    assert "commits `abc1234 (types_case), def5678 (dates_tbaq)`" in report.markdown(joined, "make eval")
    # a later run of the same task replaces the earlier one, and a run left with no task is not named
    rerun = {**later, "meta": {**later["meta"], "commit": "0009999"}, "tasks": {"types_case": {"status": "ok"}}}
    joined = report.join([first, later, rerun])
    assert joined["meta"]["commit"] == "def5678 (dates_tbaq), 0009999 (types_case)"
    assert joined["tasks"]["types_case"] == {"status": "ok"}
