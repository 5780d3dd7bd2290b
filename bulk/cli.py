"""``fieldreport batch --engine ray`` and ``fieldreport compare --engine ray``: the CLI's side of
fieldreport.bulk (the parser lives in fieldreport.service.cli, which dispatches here)."""

from __future__ import annotations

import argparse
import sys

from fieldreport.bulk.runtime import RayNotInstalled

EXIT_FAILED = 1
EXIT_INVALID = 2


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_INVALID


def batch(args: argparse.Namespace) -> int:
    if args.server:
        return _refuse("--engine ray runs the pipeline on the Ray cluster itself; drop --server")
    from fieldreport import bulk

    try:
        summary = bulk.extract(args.input, args.output, address=args.address or None,
                               workers=args.workers if args.workers > 0 else None, progress=not args.quiet)
    except RayNotInstalled as exc:
        return _refuse(str(exc))
    except (FileExistsError, ValueError) as exc:
        return _refuse(str(exc))
    print(summary.line(), file=sys.stderr)
    if summary.missing or summary.duplicated:
        print(f"error: the output holds {summary.missing} input rows too few and {summary.duplicated} twice",
              file=sys.stderr)
        return EXIT_FAILED
    return 0 if summary.failed == 0 else EXIT_FAILED


def compare(args: argparse.Namespace) -> int:
    if args.server:
        return _refuse("--engine ray compares on the Ray cluster itself; drop --server")
    if len(args.files) != 2:
        return _refuse("with --engine ray give IN (the output of `fieldreport batch --engine ray`) and OUT "
                       "(a directory for incidents/ and pairs/)")
    from fieldreport import bulk

    try:
        summary = bulk.compare(args.files[0], args.files[1], address=args.address or None,
                               threshold=args.threshold, progress=True)
    except RayNotInstalled as exc:
        return _refuse(str(exc))
    except FileExistsError as exc:
        return _refuse(str(exc))
    print(summary.line(), file=sys.stderr)
    return 0
