"""Headless Chromium (Debian's `chromium` package): the page as a browser renders it, and a screenshot.

Used by `fieldreport view --screenshot` and by the browser tests. A fresh profile per call, so that
runs in parallel never share one; --no-sandbox because CI runs as root. Chromium runs in a session of
its own, so that a browser that hangs (headless Chromium now and then does, on a busy machine) is ended
with all its helper processes, and the call is tried once more.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import signal
import subprocess
import tempfile

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserMissing(RuntimeError):
    pass


def find() -> str | None:
    """The Chromium binary: $FIELDREPORT_CHROMIUM, else the first of CANDIDATES on PATH."""
    explicit = os.environ.get("FIELDREPORT_CHROMIUM")
    if explicit:
        return explicit if shutil.which(explicit) else None
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


ATTEMPTS = 2


def _once(args: list[str], timeout: float) -> tuple[int, str, str] | None:
    """(exit code, stdout, stderr), or None when Chromium hung past the timeout (then it is killed, whole)."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
    return proc.returncode, stdout, stderr


def _run(page: pathlib.Path, *flags: str, width: int, height: int, timeout: float) -> str:
    binary = find()
    if binary is None:
        raise BrowserMissing("no Chromium binary found (apt-get install chromium, or set FIELDREPORT_CHROMIUM)")
    for _ in range(ATTEMPTS):
        with tempfile.TemporaryDirectory(prefix="fieldreport-chromium-") as profile:
            args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", f"--window-size={width},{height}",
                    # let the page's scripts run to completion before the DOM is read or the picture taken
                    "--virtual-time-budget=5000", *flags, pathlib.Path(page).resolve().as_uri()]
            outcome = _once(args, timeout)
        if outcome is None:
            continue
        code, stdout, stderr = outcome
        if code != 0:
            raise RuntimeError(f"chromium exited {code}: {stderr.strip()[-500:]}")
        return stdout
    raise RuntimeError(f"chromium did not finish within {timeout:.0f} s, {ATTEMPTS} times")


def dump_dom(page: pathlib.Path, width: int = 1280, height: int = 1600, timeout: float = 60) -> str:
    """The DOM after the page's scripts ran, serialised (chromium --dump-dom)."""
    return _run(page, "--dump-dom", width=width, height=height, timeout=timeout)


def screenshot(page: pathlib.Path, png: pathlib.Path, width: int = 1280, height: int = 1600,
               timeout: float = 60) -> pathlib.Path:
    """A PNG of the page's first width × height pixels (chromium --screenshot)."""
    png = pathlib.Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(page, f"--screenshot={png}", width=width, height=height, timeout=timeout)
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png
