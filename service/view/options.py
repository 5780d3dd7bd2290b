"""The flags of `fieldreport view` (argparse only: the CLI builds its parser on every call)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="text files, JSONL files of documents, or saved Extract/Compare JSON")
    p.add_argument("--out", default="report.html", help="the page to write ('-' for stdout); default report.html")
    p.add_argument("--published", help="publication date of text files (else read from their header)")
    p.add_argument("--threshold", type=float, default=0.0, help="same-incident threshold of a Compare (0 = default)")
    p.add_argument("--screenshot", metavar="PNG", help="also save a screenshot of the page (needs chromium)")
    p.add_argument("--width", type=int, default=1280, help="screenshot width in pixels")
    p.add_argument("--height", type=int, default=1400, help="screenshot height in pixels")
    p.add_argument("--open", action="store_true", help="open the page in the default browser")
