"""Helpers of the bulk tests (a module of its own, like tests/compare/compareutil.py: `from conftest
import` would find whichever conftest was imported first)."""

from __future__ import annotations

import json
import os
import pathlib


def write_jsonl(path: pathlib.Path, rows: list) -> pathlib.Path:
    """Rows as JSONL; a row that is a str is written as it is (a raw line)."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def ray_processes(title: str) -> list[int]:
    """Pids of this test session's own Ray workers whose process title starts with ``title``: descendants
    of this process (the local cluster's raylet is its child), never another cluster's."""
    parents: dict[int, int] = {}
    titles: dict[int, str] = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        titles[int(entry.name)] = cmdline
    me = os.getpid()

    def mine(pid: int) -> bool:
        seen = 0
        while pid > 1 and seen < 64:
            pid = parents.get(pid, 1)
            if pid == me:
                return True
            seen += 1
        return False

    return [pid for pid, cmd in titles.items() if cmd.startswith(title) and mine(pid)]
