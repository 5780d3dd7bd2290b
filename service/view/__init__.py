"""The analyst's view: one self-contained HTML page of an Extract or a Compare response.

``extract_page(response, text)`` and ``compare_page(response, texts)`` return the page as a string.
One concern per module: ``describe`` (words for normalized values), ``highlight`` (the article with its
marks), ``mapdata`` (what the map draws), ``figures`` (the chart of one figure), ``page`` (templates and
inlined assets), ``inputs`` (the files ``fieldreport view`` reads), ``commands`` (what the CLI calls),
``browser`` (headless Chromium: the page as rendered, a screenshot).
"""

from fieldreport.service.view.page import compare_page, extract_page

__all__ = ["compare_page", "extract_page"]
