"""What the CLI calls: `fieldreport view FILE…` (and the page behind `extract --html`, `compare --html`).

One document gives the page of its extraction; two or more give the page of their Compare (which
extracts them on the way, in-process or on the server given with --server).
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections.abc import Callable

from fieldreport.service.view import browser, inputs, page
from fieldreport.v1 import fieldreport_pb2 as pb


def build(given: inputs.Inputs, backend: Callable[[], object], threshold: float = 0.0) -> str:
    """The page for what was given; ``backend()`` (the CLI's in-process or remote backend) is only made
    when something must be extracted or compared."""
    if given.comparisons:
        if len(given.comparisons) > 1 or given.extractions:
            raise inputs.InputError("a saved CompareResponse is shown alone: give one, with its text files if any")
        response = given.comparisons[0]
        return page.compare_page(response, [given.text_of(e.document.id) for e in response.extractions])
    documents, saved = given.to_extract(), list(given.extractions)
    if not documents and not saved:
        raise inputs.InputError("nothing to show: give a text file, a JSONL file of documents or a saved response")
    if len(documents) + len(saved) == 1:
        if saved:
            return page.extract_page(saved[0], given.text_of(saved[0].document.id))
        return page.extract_page(backend().extract(documents[0]), documents[0].text)
    event_sets = [pb.EventSet(document_id=r.document.id, events=r.events,
                              document=pb.Document(id=r.document.id, text=given.text_of(r.document.id) or "",
                                                   title=r.document.title, source=r.document.source,
                                                   published=r.document.published))
                  for r in saved]
    response = backend().compare(pb.CompareRequest(documents=documents, event_sets=event_sets, threshold=threshold))
    # Event sets are not extracted again: their saved responses stand beside the new extractions.
    extractions = list(response.extractions) + saved
    texts = [d.text for d in documents] + [given.text_of(r.document.id) for r in saved]
    return page.compare_page(response, texts, extractions)


def write(html: str, out: str) -> pathlib.Path | None:
    if out == "-":
        sys.stdout.write(html)
        return None
    path = pathlib.Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def view(args: argparse.Namespace, backend: Callable[[], object]) -> int:
    try:
        html = build(inputs.read(args.files, args.published or ""), backend, args.threshold)
    except inputs.InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    path = write(html, args.out)
    if path is None:
        return 0
    print(f"wrote {path} ({path.stat().st_size // 1024} KB); open {path.resolve().as_uri()} in a browser",
          file=sys.stderr)
    if args.screenshot:
        try:
            shot = browser.screenshot(path, pathlib.Path(args.screenshot), width=args.width, height=args.height)
        except browser.BrowserMissing as exc:
            print(f"error: --screenshot: {exc}", file=sys.stderr)
            return 1
        print(f"screenshot {shot} ({shot.stat().st_size // 1024} KB)", file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())
    return 0
