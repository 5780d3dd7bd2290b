"""A real local Ray cluster for the bulk tests: started once by the first test that needs it (2 CPUs,
loopback only, its own temporary directory), stopped at the end of the session."""

from __future__ import annotations

import json
import os
import pathlib
import shutil

import pytest


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory):
    """The address of a running local cluster, joined by this process (so that fieldreport.bulk uses it)."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    import logging

    temp = pathlib.Path("/tmp") / f"fr-ray-{os.getpid()}"  # short: Ray's socket paths must stay short
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             _temp_dir=str(temp), logging_level=logging.WARNING, log_to_driver=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)


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
