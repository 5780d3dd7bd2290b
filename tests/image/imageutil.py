"""Helpers of the image tests: the docker CLI, containers on the host's network (127.0.0.1 only, free ports),
and the measurements printed at the end of the run."""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import socket
import subprocess
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
ENABLED = bool(os.environ.get("FIELDREPORT_IMAGE_TEST"))
DOCKER = os.environ.get("FIELDREPORT_DOCKER", "docker")
IMAGE = os.environ.get("IMAGE", "fieldreport:dev")
BASE = "python:3.11-slim-bookworm"
HEALTHY_WITHIN_S = 300  # generous: a busy 2-core machine; the measured time is printed
# Measurements printed at the end of the run (pytest_terminal_summary below).
REPORT: dict[str, str] = {}


def docker(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
    out = subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=timeout)
    if check and out.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)} exited {out.returncode}: {out.stderr.strip()[-2000:]}")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclasses.dataclass
class Container:
    name: str
    port: int
    metrics_port: int
    started: float
    healthy_after: float | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def state(self) -> dict:
        return json.loads(docker("inspect", "--format", "{{json .State}}", self.name).stdout)

    def wait_healthy(self) -> float:
        """Seconds from `docker run` until the image's HEALTHCHECK (`fieldreport health`) said healthy."""
        while time.monotonic() - self.started < HEALTHY_WITHIN_S:
            state = self.state()
            if state["Status"] == "exited":
                raise AssertionError(f"{self.name} exited {state['ExitCode']}:\n{self.logs()[-4000:]}")
            if state.get("Health", {}).get("Status") == "healthy":
                self.healthy_after = time.monotonic() - self.started
                return self.healthy_after
            time.sleep(0.5)
        raise AssertionError(f"{self.name} not healthy after {HEALTHY_WITHIN_S} s:\n{self.logs()[-4000:]}")

    def logs(self) -> str:
        out = docker("logs", self.name)
        return out.stdout + out.stderr

    def processes(self) -> list[dict]:
        """uid, rss (KiB) and command of every process in the container, as the host sees them."""
        out = docker("top", self.name, "-o", "pid,uid,rss,args").stdout.splitlines()[1:]
        rows = []
        for line in out:
            _pid, uid, rss, args = line.split(None, 3)
            rows.append({"uid": uid, "rss_kib": int(rss), "args": args})
        return rows


def run_container(image: str, name: str, *extra: str, workers: int = 1, env: dict | None = None) -> Container:
    port, metrics_port = free_port(), free_port()
    environment = {"FIELDREPORT_HOST": "127.0.0.1", "FIELDREPORT_PORT": str(port),
                   "FIELDREPORT_METRICS_PORT": str(metrics_port), "FIELDREPORT_WORKERS": str(workers),
                   **(env or {})}
    docker("rm", "--force", name, check=False)
    started = time.monotonic()
    # --health-interval 2s: the image's own check, run more often than its 10 s so that the time to
    # healthy is measured to 2 s; --read-only with a tmpfs /tmp, as the Kubernetes manifests run it.
    docker("run", "--detach", "--name", name, "--network", "host", "--read-only", "--tmpfs", "/tmp",
           "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--health-interval", "2s",
           *[f"--env={k}={v}" for k, v in environment.items()], *extra, image)
    return Container(name, port, metrics_port, started)
