"""Headless Chromium (Debian's `chromium` package): the page as a browser renders it, and a screenshot.

Used by `fieldreport view --screenshot` and by the browser tests. A fresh profile per call, so that
runs in parallel never share one; --no-sandbox because CI runs as root.
"""

from __future__ import annotations

import os
import pathlib
import shutil
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


def _run(page: pathlib.Path, *flags: str, width: int, height: int, timeout: float) -> subprocess.CompletedProcess:
    binary = find()
    if binary is None:
        raise BrowserMissing("no Chromium binary found (apt-get install chromium, or set FIELDREPORT_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="fieldreport-chromium-") as profile:
        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--window-size={width},{height}",
                # let the page's scripts run to completion before the DOM is read or the picture taken
                "--virtual-time-budget=5000", "--run-all-compositor-stages-before-draw",
                *flags, pathlib.Path(page).resolve().as_uri()]
        out = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"chromium exited {out.returncode}: {out.stderr.strip()[-500:]}")
    return out


def dump_dom(page: pathlib.Path, width: int = 1280, height: int = 1600, timeout: float = 120) -> str:
    """The DOM after the page's scripts ran, serialised (chromium --dump-dom)."""
    return _run(page, "--dump-dom", width=width, height=height, timeout=timeout).stdout


def screenshot(page: pathlib.Path, png: pathlib.Path, width: int = 1280, height: int = 1600,
               timeout: float = 120) -> pathlib.Path:
    """A PNG of the page's first width × height pixels (chromium --screenshot)."""
    png = pathlib.Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(page, f"--screenshot={png}", width=width, height=height, timeout=timeout)
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png
