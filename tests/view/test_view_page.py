"""The page as HTML, before any browser: escaping, marks that nest, words for values, map data, charts."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest
from viewutil import HOSTILE_ID, HOSTILE_TEXT, marks_of, soup

from fieldreport.service.view import describe, figures, highlight, mapdata, page
from fieldreport.v1 import fieldreport_pb2 as pb

ROOT = pathlib.Path(__file__).resolve().parents[2]


def count(qualifier: str, value=None, low=None, high=None, text="") -> pb.Count:  # noqa: ANN001
    c = pb.Count(qualifier=pb.Count.Qualifier.Value(qualifier), text=text)
    for field, v in (("value", value), ("low", low), ("high", high)):
        if v is not None:
            setattr(c, field, v)
    return c


# -- JSON inside <script> ---------------------------------------------------------------------


def test_script_json_cannot_end_its_element_and_reads_back_unchanged():
    data = {"label": "a</script><script>alert(1)</script>", "c": "<!-- x -->", "sep": "a\u2028b\u2029c", "amp": "&"}
    embedded = str(page.script_json(data))
    for raw in ("</script", "<!--", "<", ">", "&", "\u2028", "\u2029"):
        assert raw not in embedded
    assert json.loads(embedded) == data


def test_inline_script_refuses_code_that_would_close_its_element():
    with pytest.raises(ValueError, match="cannot be inlined"):
        page.inline_script('var s = "</script>";')
    with pytest.raises(ValueError):
        page.inline_style("a{} </style><script>")


# -- the article's marks ----------------------------------------------------------------------


def span(text: str, word: str, start: int = 0) -> pb.Span:
    begin = text.index(word, start)
    return pb.Span(text=word, begin=begin, end=begin + len(word))


def test_text_is_escaped_and_marks_wrap_exact_code_points():
    text = "Ünïcödé 𝔘 <b>5</b> killed in Tsafe & more"  # a non-BMP character before the marks
    marks = highlight.Marks(text)
    marks.mention("quantity", span(text, "5"), "5", "EXACT")
    marks.mention("place", span(text, "Tsafe"), "Tsafe, Zamfara State, NG", "exact place")
    html = str(highlight.render(text, marks.all()))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; more" in html
    found = marks_of(soup(f'<div class="text" data-prefix="">{html}</div>'))
    assert found == {
        (text.index("5"), text.index("5") + 1): {"kinds": {"quantity"}, "text": "5", "tip": "count: 5 · EXACT",
                                                 "value": "5", "tabindex": "0"},
        (text.index("Tsafe"), text.index("Tsafe") + 5): {
            "kinds": {"place"}, "text": "Tsafe", "tip": "place: Tsafe, Zamfara State, NG · exact place",
            "value": "Tsafe, Zamfara State, NG", "tabindex": "0"}}


def test_crossing_spans_are_cut_to_nest_and_keep_their_whole_offsets():
    text = "Russian Defense Ministry officials said"
    marks = highlight.Marks(text)
    marks.mention("actor", pb.Span(begin=0, end=24), "Ministry of Defence of Russia", "")  # Russian Defense Ministry
    marks.mention("source", pb.Span(begin=8, end=34), "officials", "")  # Defense Ministry officials: crosses
    marks.mention("place", pb.Span(begin=0, end=7), "Russia, RU", "")  # nested in the actor
    html = str(highlight.render(text, marks.all()))
    dom = soup(f'<div class="text" data-prefix="">{html}</div>')
    assert dom.get_text() == text
    found = marks_of(dom)
    assert {k: v["text"] for k, v in found.items()} == {(0, 24): "Russian Defense Ministry", (8, 34): text[8:34],
                                                        (0, 7): "Russian"}
    assert len(dom.select('mark[data-begin="8"]')) == 2  # the crossing one, in two pieces


def test_same_span_of_two_kinds_is_one_mark_with_both():
    text = "the Syrian Observatory for Human Rights said"
    marks = highlight.Marks(text)
    marks.mention("actor", span(text, "Syrian Observatory for Human Rights"), "Syrian Observatory for Human Rights", "other")
    marks.mention("source", span(text, "Syrian Observatory for Human Rights"), "Syrian Observatory for Human Rights", "CLAIMED")
    dom = soup(f'<div class="text" data-prefix="">{highlight.render(text, marks.all())}</div>')
    (mark,) = dom.select("mark")
    assert mark["data-kinds"] == "actor source"
    assert mark["data-tip"].splitlines() == ["actor: Syrian Observatory for Human Rights · other",
                                             "source: Syrian Observatory for Human Rights · CLAIMED"]


def test_spans_outside_the_text_are_counted_not_drawn():
    marks = highlight.Marks("short")
    marks.mention("place", pb.Span(begin=3, end=40), "x", "")
    assert marks.all() == [] and marks.skipped == 1


def test_trigger_and_evidence_of_an_event():
    text = "Gunmen attacked a bus. Two died."
    event = pb.Event(id="e1", event_type="violence_against_civilians", sub_event_type="attack",
                     trigger=span(text, "attacked"), evidence=[pb.Span(text="Gunmen attacked a bus. ", begin=0, end=23)])
    marks = highlight.Marks(text, prefix="d1-")
    marks.add_event(event)
    dom = soup(str(highlight.render(text, marks.all())))
    trigger = dom.select_one("mark.m-trigger")
    assert trigger["id"] == "d1-trigger-e1" and trigger.get_text() == "attacked"
    assert trigger["data-tip"] == "trigger of e1: Violence against civilians / attack"
    assert dom.select_one("a.evref")["href"] == "#d1-event-e1"
    assert dom.select_one("span.evidence")["data-events"] == "e1"


# -- words, map data, charts ----------------------------------------------------------------------


@pytest.mark.parametrize(("c", "phrase"), [
    (count("EXACT", 4), "4"), (count("APPROXIMATE", 43), "about 43"), (count("AT_LEAST", low=26), "at least 26"),
    (count("AT_MOST", high=5), "at most 5"), (count("RANGE", low=3, high=5), "3 to 5"),
    (count("VAGUE", 12, text="dozens"), "12 (vague: “dozens”)"), (count("UNKNOWN"), "not given")])
def test_count_phrases(c, phrase):
    assert describe.count_phrase(c) == phrase


def test_place_line_and_time_tip():
    place = pb.Place(name="Al Mayādīn", admin1="Deir ez-Zor", country_code="SY", precision="near")
    assert describe.place_line(place) == "Al Mayādīn, Deir ez-Zor, SY"
    assert describe.place_line(pb.Place(name="Syria", country_code="SY")) == "Syria, SY"
    tv = pb.TimeValue(value="2018-02", start="2018-02-01", end="2018-02-10", granularity=pb.TimeValue.MONTH,
                      anchor="published:2018-05-27", type="DATE")
    assert describe.time_tip(tv) == ("2018-02", "2018-02-01 to 2018-02-10 · month · date · anchor published:2018-05-27")


def casualty(kind, value, source):  # noqa: ANN001
    return pb.Casualty(kind=kind, count=count("EXACT", value), source=pb.Source(name=source))


def test_marker_size_is_the_largest_toll_of_one_source_never_a_sum_of_sources():
    casualties = [casualty(pb.Casualty.KILLED, 4, "ministry"), casualty(pb.Casualty.INJURED, 5, "ministry"),
                  casualty(pb.Casualty.KILLED, 9, "observatory"), casualty(pb.Casualty.ARRESTED, 50, "police")]
    assert mapdata.toll(casualties) == 9
    assert mapdata.radius_px(0) == mapdata.MIN_RADIUS_PX and mapdata.radius_px(10_000) == mapdata.MAX_RADIUS_PX
    assert mapdata.radius_px(9) < mapdata.radius_px(52)


def test_markers_carry_precision_as_circle_or_country_outline():
    def event(eid, precision, cc="SY"):  # noqa: ANN001, ANN202
        return pb.Event(id=eid, event_type="battles", where=pb.Place(name="X", latitude=35.0, longitude=38.0,
                                                                      country_code=cc, precision=precision))

    markers, missing = mapdata.event_markers([event("e1", "near"), event("e2", "admin1"), event("e3", "country"),
                                              event("e4", "exact"), pb.Event(id="e5")])
    assert missing == ["e5"]
    assert [(m["id"], m["area_km"], m["country"]) for m in markers] == [
        ("e1", 10, ""), ("e2", 75, ""), ("e3", 0, "760"), ("e4", 0, "")]  # 760: Syria's ISO numeric, world-atlas's id
    assert markers[0]["letter"] == "B" and markers[0]["colour"] == "#D55E00"


def test_chart_puts_each_report_on_one_axis():
    estimate = pb.Estimate(kind=pb.Casualty.KILLED, group="villagers", best=11, low=6, high=23, reports=[
        pb.FigureReport(document_id="a", count=count("EXACT", 6)),
        pb.FigureReport(document_id="b", count=count("AT_LEAST", low=11)),
        pb.FigureReport(document_id="c", count=count("EXACT", 23))])
    chart = figures.chart(estimate)
    assert [t for _, t in chart.ticks] == [0, 12, 25]  # 23 with 5 % room → 25, the next round number
    span_ = figures.RIGHT - figures.LEFT
    assert [r.x for r in chart.rows] == [round(figures.LEFT + span_ * v / 25, 1) for v in (6, 11, 23)]
    assert (chart.rows[1].x_low, chart.rows[1].x_high) == (chart.rows[1].x, float(figures.RIGHT))  # "at least": an arrow
    assert chart.x_low < chart.x_best < chart.x_high
    assert [r.left_out for r in chart.rows] == [False, False, False]


def test_chart_marks_the_figures_the_reconciliation_left_out():
    superseded = pb.Estimate(kind=pb.Casualty.KILLED, best=23, low=23, high=23, reports=[
        pb.FigureReport(document_id="a", count=count("EXACT", 6)),
        pb.FigureReport(document_id="b", count=count("AT_LEAST", low=11)),  # "at least 11" allows 23
        pb.FigureReport(document_id="c", count=count("RANGE", low=20, high=22)),
        pb.FigureReport(document_id="d", count=count("EXACT", 23))])
    assert [r.left_out for r in figures.chart(superseded).rows] == [True, False, True, False]


def test_spans_not_on_their_words_are_left_out_not_misplaced():
    text = "🙂 Gunmen killed 5 people in Kano."  # one code point, two UTF-16 units
    marks = highlight.Marks(text)
    marks.mention("place", pb.Span(text="Kano", begin=text.index("Kano") + 1, end=text.index("Kano") + 5), "Kano", "")
    marks.mention("quantity", pb.Span(text="5", begin=text.index("5"), end=text.index("5") + 1), "5", "")
    marks.mention("place", pb.Span(text="Kano\u00a0State", begin=0, end=10), "x", "")  # neither
    assert [(m.begin, m.kinds) for m in marks.all()] == [(text.index("5"), ["quantity"])]
    assert marks.skipped == 2
    odd_space = "in Kano\u00a0State"
    ok = highlight.Marks(odd_space)
    ok.mention("place", pb.Span(text="Kano State", begin=3, end=13), "Kano State", "")  # as normalized: matches
    assert ok.skipped == 0 and len(ok.all()) == 1


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_marker_letters_meet_wcag_aa_contrast_on_their_colours():
    for code, entry in describe.legend()["event_types"].items():
        a, b = sorted((_luminance(entry["colour"]), _luminance(entry["ink"])), reverse=True)
        assert (a + 0.05) / (b + 0.05) >= 4.5, code


# -- whole pages ----------------------------------------------------------------------------------


def hostile_response() -> pb.ExtractResponse:
    text = HOSTILE_TEXT
    response = pb.ExtractResponse(document=pb.Document(id=HOSTILE_ID, title=HOSTILE_ID, published="2021-06-14"))
    response.mentions.places.append(pb.Place(text="Kirkuk", name="Kirkuk <i>", span=span(text, "Kirkuk")))
    response.events.append(pb.Event(id="e1", event_type="battles", sub_event_type="armed_clash",
                                    trigger=span(text, "killed"),
                                    where=pb.Place(name="Kirkuk</script>", latitude=35.47, longitude=44.39)))
    response.warnings.append(pb.Warning(code="DATE_INFERRED", message="event e1: <b>no date</b>"))
    return response


def test_a_document_containing_markup_renders_as_text():
    html = page.extract_page(hostile_response(), HOSTILE_TEXT)
    dom = soup(html)
    scripts = dom.find_all("script")
    assert len(scripts) == 6  # map data, countries, Leaflet, topojson-client, map.js, view.js: no other
    assert [s.get("type") for s in scripts[:2]] == ["application/json", "application/json"]
    assert not dom.select(".text img") and not dom.select(".text script") and not dom.select("i")
    for link in dom.select(".text a.evref"):  # the link from a trigger to its card is no part of the text
        link.decompose()
    assert dom.select_one(".text").get_text() == HOSTILE_TEXT
    assert dom.title.get_text() == f"{HOSTILE_ID} · fieldreport"
    assert json.loads(dom.select_one("#map-data").string)["markers"][0]["place"] == "Kirkuk</script>"
    assert dom.select_one("#event-e1 .warning").get_text(" ", strip=True) == "⚠ DATE_INFERRED event e1: <b>no date</b>"
    assert "<b>no date</b>" not in html


def test_page_is_self_contained_and_declares_language_and_viewport():
    html = page.extract_page(hostile_response(), HOSTILE_TEXT)
    dom = soup(html)
    assert dom.html["lang"] == "en"
    assert dom.select_one('meta[name="viewport"]')["content"] == "width=device-width, initial-scale=1"
    assert "default-src 'none'" in dom.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    # nothing to fetch: no element loads a URL (links to other pages are no fetch, and there are none either)
    assert not dom.select("script[src], link[href], img[src], iframe, object, embed")
    assert not [el for el in dom.find_all(True) for attr in ("src", "href", "srcset", "poster", "data")
                if re.match(r"\s*(https?:)?//", el.get(attr) or "")]


def test_vendored_assets_match_their_manifest():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "vendor_web.py"), "--check"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    manifest = json.loads((ROOT / "service" / "view" / "assets" / "manifest.json").read_text())
    assert {m["package"] + "@" + m["version"] for m in manifest.values()} == {
        "leaflet@1.9.4", "topojson-client@3.1.0", "world-atlas@2.0.2"}
