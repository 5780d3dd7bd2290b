"""Runs the tasks: every record of every chosen task goes through a pool of worker processes (one
Pipeline each, loaded once by the pool initializer), then each task scores its records per split.

Records of all tasks share one pool, so both cores stay busy to the end. ``workers=0`` runs
everything in this process (for debugging).
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import multiprocessing
import os
import pathlib
import signal
import subprocess
import time
from collections.abc import Sequence

from fieldreport.evaluation import datasets
from fieldreport.evaluation.tasks import TASKS

_PIPELINE = None


def _init() -> None:
    global _PIPELINE
    from fieldreport.service import logs
    from fieldreport.service.pipeline import Pipeline

    logs.configure("json", "error")
    _PIPELINE = Pipeline.create()


class RecordTimeout(Exception):
    pass


def _on_alarm(signum, frame) -> None:  # noqa: ANN001
    raise RecordTimeout()


def _predict(task_name: str, record: datasets.Record, baselines: bool, timeout: float | None = None) -> dict:
    # A record that hangs (a plugin looping on one document) must not stall the run: an alarm in this
    # process (the pool's worker, or the main thread inline) interrupts it and the record counts as failed.
    if timeout:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return TASKS[task_name].predict(record, _PIPELINE, baselines)
    except RecordTimeout:
        return {"error": f"{record.id}: took more than {timeout:g} s (timed out)"}
    except Exception as exc:  # noqa: BLE001 - one record failing is counted, the run goes on
        return {"error": f"{record.id}: {type(exc).__name__}: {exc}"[:300]}
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)


def git_commit(root: pathlib.Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                             timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "") if out.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def run(data_dir: str | pathlib.Path, task_names: Sequence[str], split: str = "all", limit: int | None = None,
        workers: int | None = None, baselines: bool = True, progress: bool = True,
        timeout: float | None = 300.0) -> dict:
    from tqdm import tqdm

    started = time.monotonic()
    data_dir = pathlib.Path(data_dir)
    workers = (os.cpu_count() or 1) if workers is None or workers < 0 else workers
    chosen: dict[str, list[datasets.Record]] = {}
    results: dict = {"meta": {}, "tasks": {}}
    for name in task_names:
        task = TASKS[name]
        path = data_dir / task.file
        if not path.exists():
            results["tasks"][name] = {"status": "missing", "notes": [f"{path} not found"], "splits": {}}
            continue
        chosen[name] = datasets.select(task.order(datasets.load(path)), split, limit)

    jobs = [(name, record) for name, records in chosen.items() for record in records]
    predictions: dict[str, dict[str, dict]] = {name: {} for name in chosen}
    bar = tqdm(total=len(jobs), unit="doc", desc="eval", disable=None if progress else True)
    if workers == 0:
        _init()
        for name, record in jobs:
            predictions[name][record.id] = _predict(name, record, baselines, timeout)
            bar.update()
    else:
        ctx = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
        with cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init) as pool:
            futures = {pool.submit(_predict, name, record, baselines, timeout): (name, record.id)
                       for name, record in jobs}
            for future in cf.as_completed(futures):
                name, record_id = futures[future]
                predictions[name][record_id] = future.result()
                bar.update()
    bar.close()

    for name, records in chosen.items():
        task = TASKS[name]
        by_split = {s: [r for r in records if r.split == s] for s in datasets.SPLITS}
        by_split = {s: rs for s, rs in by_split.items() if rs}
        if len(by_split) > 1:
            by_split["all"] = records
        errors = [p["error"] for p in predictions[name].values() if "error" in p]
        splits = task.score_splits(by_split, predictions[name], baselines)
        results["tasks"][name] = {
            "status": "ok",
            "title": task.title,
            "systems": list(task.systems),
            "metrics": [{"key": m.key, "label": m.label, "kind": m.kind} for m in task.metrics],
            "documents": {s: len(rs) for s, rs in by_split.items()},
            "errors": len(errors),
            "error_examples": errors[:3],
            "notes": task.notes(baselines),
            "waiting": bool(getattr(task, "waiting", None)),
            "splits": splits,
        }

    results["meta"] = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(pathlib.Path(__file__).resolve().parent.parent),
        "data": str(data_dir),
        "split": split,
        "limit": limit,
        "workers": workers,
        "baselines": baselines,
        "timeout": timeout,
        "seconds": round(time.monotonic() - started, 1),
    }
    return results
