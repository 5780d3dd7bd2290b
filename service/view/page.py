"""The page: Jinja templates (templates/), our own script and style (static/) and the vendored assets
(assets/), inlined into one self-contained HTML file.

Escaping: the templates autoescape every string (article text, names, messages); data for the map is
JSON inside a <script type="application/json"> element, written by ``script_json`` so that no string
can end the element or open an HTML comment.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from importlib import resources

import jinja2
from markupsafe import Markup

from fieldreport.service.view import describe, figures, highlight, mapdata
from fieldreport.v1 import fieldreport_pb2 as pb

PACKAGE = "fieldreport.service.view"


def script_json(data: object) -> Markup:
    """JSON safe inside a <script> element: ASCII only (so U+2028/U+2029 are escaped too), and no '<', '>'
    or '&' (so neither '</script>' nor '<!--' can occur); JSON.parse reads it back unchanged."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def inline_script(code: str) -> Markup:
    """A script's source for inlining; one that could end its own <script> element is refused."""
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError("a script containing '</script' or '<!--' cannot be inlined")
    return Markup(code)


def inline_style(css: str) -> Markup:
    if "</style" in css.lower():
        raise ValueError("a style sheet containing '</style' cannot be inlined")
    return Markup(css)


@functools.lru_cache(maxsize=None)
def _file(folder: str, name: str) -> str:
    return resources.files(PACKAGE).joinpath(folder, name).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader(PACKAGE, "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(d=describe, pb=pb, chart=figures.chart)
    return env


def _assets() -> dict:
    return {
        "leaflet_css": inline_style(_file("assets", "leaflet.css")),
        "leaflet_js": inline_script(_file("assets", "leaflet.js")),
        "topojson_js": inline_script(_file("assets", "topojson-client.min.js")),
        # Vendored TopoJSON: only checked, not re-serialised (it is 750 KB; JSON.parse reads it as is).
        "countries": Markup(_checked_countries()),
        "view_css": inline_style(_file("static", "view.css")),
        "view_js": inline_script(_file("static", "view.js")),
        "map_js": inline_script(_file("static", "map.js")),
    }


@functools.lru_cache(maxsize=1)
def _checked_countries() -> str:
    text = _file("assets", "countries-50m.json").strip()
    if any(c in text for c in "<>&") or not text.isascii():
        return str(script_json(json.loads(text)))
    return text


@dataclasses.dataclass
class DocumentView:
    """One document's part of a page: the highlighted text, its event cards and its markers."""

    prefix: str
    document: pb.Document
    response: pb.ExtractResponse
    text_html: Markup
    has_text: bool
    card_warnings: dict[str, list[pb.Warning]]
    warnings: list[pb.Warning]
    markers: list[dict]
    missing: list[str]
    skipped_spans: int
    mention_counts: dict[str, int]


def document_view(response: pb.ExtractResponse, text: str | None, prefix: str = "",
                  label: str = "") -> DocumentView:
    """``text`` is the text sent to Extract (offsets count its code points); None when only the response is
    at hand (a saved JSON file): the page then shows the pieces of text the response itself carries."""
    has_text = text is not None
    if text is None:
        text = _text_from_spans(response)
    marks = highlight.Marks(text, prefix)
    marks.add_mentions(response.mentions)
    for event in response.events:
        marks.add_event(event)
    card_warnings: dict[str, list[pb.Warning]] = {}
    rest = []
    for warning in response.warnings:
        owner = next((e.id for e in response.events if warning.message.startswith(f"event {e.id}:")), None)
        (card_warnings.setdefault(owner, []).append(warning) if owner else rest.append(warning))
    markers, missing = mapdata.event_markers(response.events, prefix, label)
    m = response.mentions
    return DocumentView(prefix=prefix, document=response.document, response=response,
                        text_html=highlight.render(text, marks.all()), has_text=has_text,
                        card_warnings=card_warnings, warnings=rest, markers=markers, missing=missing,
                        skipped_spans=marks.skipped,
                        mention_counts={"dates": len(m.times), "places": len(m.places), "actors": len(m.actors),
                                        "counts": len(m.quantities), "sources": len(m.sources)})


def _text_from_spans(response: pb.ExtractResponse) -> str:
    """The text as far as the response's own spans tell it, at their offsets; the rest left blank.

    Offsets then still point at the right characters, and the page says that the text is partial."""
    spans: list[pb.Span] = []
    for event in response.events:
        spans += list(event.evidence) + [event.trigger]
    m = response.mentions
    for group in (m.times, m.places, m.actors, m.quantities, m.sources):
        spans += [item.span for item in group]
    length = max((s.end for s in spans), default=0)
    chars = [" "] * length
    known = [False] * length
    for span in spans:
        if span.end - span.begin == len(span.text):
            chars[span.begin:span.end] = list(span.text)
            known[span.begin:span.end] = [True] * len(span.text)
    out = []
    for i, ch in enumerate(chars):
        # A gap in what the spans tell becomes one "…", padded to keep the offsets.
        out.append(ch if known[i] else ("…" if i == 0 or known[i - 1] else " "))
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("fieldreport")
    except metadata.PackageNotFoundError:
        return "unknown"


def _render(template: str, **context) -> str:
    # No clock on the page: the same response always gives the same bytes.
    return _environment().get_template(template).render(assets=_assets(), json=script_json, version=_version(),
                                                        **context)


def extract_page(response: pb.ExtractResponse, text: str | None) -> str:
    """The page of one Extract response; ``text`` is the document text that was sent (or None)."""
    view = document_view(response, text)
    title = response.document.title or response.document.id or "document"
    return _render("extract.html.j2", title=title, doc=view, map_data={"markers": view.markers})


def compare_page(response: pb.CompareResponse, texts: list[str | None],
                 extractions: list[pb.ExtractResponse] | None = None) -> str:
    """The page of a Compare response; ``texts[i]`` is the text of the i-th extraction's document. The
    extractions are the response's own unless given (event sets compared carry theirs from elsewhere)."""
    extractions = list(response.extractions) if extractions is None else extractions
    docs = [document_view(extraction, texts[i] if i < len(texts) else None, prefix=f"d{i + 1}-",
                          label=extraction.document.id or f"doc{i + 1}")
            for i, extraction in enumerate(extractions)]
    by_id = {doc.document.id: doc for doc in docs}
    markers, missing = mapdata.incident_markers(response.incidents)
    return _render("compare.html.j2", title=f"Compare of {len(docs) or 'event sets of'} reports", response=response,
                   docs=docs, by_id=by_id, missing=missing, map_data={"markers": markers})
