"""The analyst's view: one self-contained HTML page of an Extract or a Compare response.

``extract_page(response, text)`` and ``compare_page(response, texts)`` return the page as a string.
One concern per module: ``describe`` (words for normalized values), ``highlight`` (the article with its
marks), ``mapdata`` (what the map draws), ``figures`` (the chart of one figure), ``page`` (templates and
inlined assets), ``inputs`` (the files ``fieldreport view`` reads), ``options`` (its flags), ``commands`` (what the CLI calls),
``browser`` (headless Chromium: the page as rendered, a screenshot).
"""

from __future__ import annotations

# Importing this package stays cheap (the CLI builds its parser from ``options`` on every call, the
# container's health check included); the templates and assets load on the first page.


def extract_page(response, text):  # noqa: ANN001, ANN201 - see page.extract_page
    from fieldreport.service.view import page

    return page.extract_page(response, text)


def compare_page(response, texts, extractions=None):  # noqa: ANN001, ANN201 - see page.compare_page
    from fieldreport.service.view import page

    return page.compare_page(response, texts, extractions)


__all__ = ["compare_page", "extract_page"]
