"""The page in a real browser: `fieldreport view` writes it, headless Chromium renders it (scripts run), and
the tests read the DOM Chromium dumps — every event card, every highlighted mention, the markers where
the map drew them — and keep screenshots (tmp dir, copied to the artifacts folder)."""

from __future__ import annotations

import json
import pathlib
import struct

import pytest
from viewutil import HOSTILE_ID, HOSTILE_TEXT, REPORTS, audit, fieldreport, marks_of, soup, write_jsonl

from fieldreport.service.view import browser

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT.parent / "shared" / "examples" / "alwaght-2018-05-27.txt"
PIXELS = 3  # how far (in screen pixels) a drawn marker may sit from its place: rounding of CSS pixels


def png_size(path: pathlib.Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def assert_drawn_at(dom, marker_id: str, lat: float, lon: float) -> None:  # noqa: ANN001
    el = dom.select_one(f'[data-marker="{marker_id}"]')
    assert el is not None, f"no marker {marker_id} on the map"
    assert (float(el["data-lat"]), float(el["data-lon"])) == (round(lat, 5), round(lon, 5))
    tolerance = PIXELS * float(dom.select_one("#map")["data-deg-per-px"])
    assert abs(float(el["data-drawn-lat"]) - lat) <= tolerance, (marker_id, el["data-drawn-lat"], lat)
    assert abs(float(el["data-drawn-lon"]) - lon) <= tolerance, (marker_id, el["data-drawn-lon"], lon)


# -- the example article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory, chromium):
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent (acceptance data lives in ../shared)")
    folder = tmp_path_factory.mktemp("view-example")
    page, png = folder / "alwaght.html", folder / "view-example.png"
    out = fieldreport("view", str(EXAMPLE), "--out", str(page), "--screenshot", str(png))
    assert out.returncode == 0, out.stderr
    extracted = fieldreport("extract", str(EXAMPLE))
    assert extracted.returncode == 0, extracted.stderr
    return {"page": page, "png": png, "response": json.loads(extracted.stdout),
            "text": EXAMPLE.read_text(encoding="utf-8"), "dom": soup(browser.dump_dom(page))}


@pytest.mark.acceptance
def test_example_every_event_has_its_card(example):
    dom, events = example["dom"], example["response"]["events"]
    cards = dom.select(".card[data-event]")
    assert [c["data-event"] for c in cards] == [e["id"] for e in events]
    assert all(c["tabindex"] == "0" for c in cards)  # keyboard: a focused card lights its text
    assert [(c["data-type"], c["data-sub-type"]) for c in cards] == [(e["event_type"], e["sub_event_type"]) for e in events]
    e1 = dom.select_one("#event-e1")
    assert e1.select_one(".f-when .value").get_text() == "2018-05-23"
    assert "anchor published:2018-05-27" in e1.select_one(".f-when").get_text()
    assert e1.select_one(".f-where .value").get_text() == "Al Mayādīn, Deir ez-Zor, SY"
    assert e1.select_one('.f-where [data-precision="near"]') is not None
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in e1.select("table.casualties tbody tr")]
    assert ["killed", "at least 26 AT_LEAST", "Syrian army troopers (Military Forces of Syria)",
            "Syrian Observatory for Human Rights CLAIMED"] in rows
    assert ["killed", "4 EXACT", "Russian servicemen (Military Forces of Russia)",
            "Ministry of Defence of Russia ASSERTED"] in rows
    roles = {li["data-role"] for li in e1.select(".actors li")}
    assert roles == {"PERPETRATOR", "TARGET", "VICTIM"}
    assert "DENIED" in dom.select_one("#event-e3").get_text()


@pytest.mark.acceptance
def test_example_every_mention_is_highlighted_with_its_value(example):
    dom, response, text = example["dom"], example["response"], example["text"]
    expected: dict[tuple[int, int], set[str]] = {}
    for kind, key in (("time", "times"), ("place", "places"), ("actor", "actors"), ("quantity", "quantities"),
                      ("source", "sources")):
        for item in response["mentions"].get(key, []):
            span = item["span"]
            expected.setdefault((span.get("begin", 0), span["end"]), set()).add(kind)
    marks = {k: v for k, v in marks_of(dom).items() if v["kinds"] != {"trigger"}}
    assert {k: v["kinds"] for k, v in marks.items()} == expected
    for (begin, end), mark in marks.items():
        assert mark["text"] == text[begin:end]
        assert mark["tabindex"] == "0"  # keyboard: focus shows the value
    by_text = {mark["text"]: mark for mark in marks.values()}
    assert by_text["Wednesday"]["value"] == "2018-05-23"
    assert by_text["Mayadin"]["value"] == "Al Mayādīn, Deir ez-Zor, SY"
    assert by_text["at least 26"]["value"] == "at least 26"
    assert "source: Ministry of Defence of Russia · ASSERTED" in by_text["Russian Defense Ministry"]["tip"].splitlines()
    for event in response["events"]:
        trigger = dom.select_one(f'#trigger-{event["id"]}')
        assert trigger.get_text() == event["trigger"]["text"], event["id"]
        for sentence in event["evidence"]:
            spans = dom.select(f'.evidence[data-begin="{sentence.get("begin", 0)}"][data-end="{sentence["end"]}"]')
            assert spans and all(event["id"] in s["data-events"].split() for s in spans)


@pytest.mark.acceptance
def test_example_markers_are_drawn_at_their_places_with_their_precision(example):
    dom, events = example["dom"], example["response"]["events"]
    located = [e for e in events if e.get("where", {}).get("latitude")]
    the_map = dom.select_one("#map")
    assert int(the_map["data-markers-drawn"]) == len(located) == len(dom.select("[data-marker]"))
    assert int(the_map["data-countries"]) == 241 and len(dom.select("path.country")) >= 200  # Natural Earth 1:50m
    for event in located:
        assert_drawn_at(dom, event["id"], event["where"]["latitude"], event["where"]["longitude"])
        marker = dom.select_one(f'[data-marker="{event["id"]}"]')
        assert marker["data-type"] == event["event_type"]
        assert marker["tabindex"] == "0" and marker["aria-label"].startswith(f'{event["id"]}: ')
    assert dom.select_one('path[data-precision-for="e1"]')["data-radius-km"] == "10"  # near Mayadin
    assert dom.select_one('path[data-precision-for="e4"]')["data-radius-km"] == "75"  # the province of Hama
    syria = dom.select_one('path[data-outline-for~="e3"]')  # the denial: country-level, Syria outlined
    assert syria["data-country"] == "760"
    e1, e5 = dom.select_one('[data-marker="e1"]'), dom.select_one('[data-marker="e5"]')
    assert int(e1["data-radius"]) > int(e5["data-radius"])  # sized by casualties: 52 vs none


@pytest.mark.acceptance
def test_example_screenshot_is_kept(example, keep):
    assert png_size(example["png"]) == (1280, 1400)
    assert keep(example["png"]).exists()


@pytest.mark.acceptance
def test_example_fits_a_narrow_screen(example, tmp_path, keep):
    # 500 CSS pixels: the narrowest window headless Chromium opens (a large phone; the layout is one column
    # below 900 px and the cards' labels stack below 480 px).
    dom = soup(browser.dump_dom(example["page"], width=500, height=900))
    root = dom.html
    assert int(root["data-window-width"]) == 500
    assert int(root["data-scroll-width"]) <= 500  # no sideways scrolling
    assert int(dom.select_one("#map")["data-markers-drawn"]) == len(dom.select("[data-marker]")) >= 1
    png = browser.screenshot(example["page"], tmp_path / "view-example-narrow.png", width=500, height=900)
    assert png_size(keep(png)) == (500, 900)


@pytest.mark.acceptance
def test_example_passes_an_accessibility_audit(example, tmp_path):
    assert audit(example["page"], tmp_path / "audited.html") == []
    assert audit(example["page"], tmp_path / "audited-narrow.html", width=500) == []


# -- a Compare of three reports -------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison(tmp_path_factory, chromium):
    folder = tmp_path_factory.mktemp("view-compare")
    reports = write_jsonl(folder / "tsafe.jsonl", REPORTS)
    page, png = folder / "tsafe.html", folder / "view-compare.png"
    out = fieldreport("view", str(reports), "--out", str(page), "--screenshot", str(png), "--height", "2400")
    assert out.returncode == 0, out.stderr
    compared = fieldreport("compare", str(reports), "--json")
    assert compared.returncode == 0, compared.stderr
    return {"page": page, "png": png, "response": json.loads(compared.stdout), "dom": soup(browser.dump_dom(page))}


def test_compare_shows_the_incident_with_its_reports_side_by_side(comparison):
    dom = comparison["dom"]
    (incident,) = dom.select(".incident[data-incident]")
    assert [c["data-document"] for c in incident.select(".report-col")] == ["tsafe-1", "tsafe-2", "tsafe-3"]
    assert "Violence against civilians" in incident.h3.get_text()


def test_compare_marks_update_conflict_and_agree_in_words(comparison):
    dom = comparison["dom"]
    statuses = {li["data-field"]: (li["data-status"], li.select_one(".status").get_text(" ", strip=True))
                for li in dom.select(".disc")}
    assert statuses == {"casualties.killed[villagers]": ("UPDATE", "↑ UPDATE"),
                        "casualties.injured[villagers]": ("CONFLICT", "✗ CONFLICT"),
                        "when": ("AGREE", "✓ AGREE"), "where": ("AGREE", "✓ AGREE")}


def test_compare_charts_every_report_figure(comparison):
    dom = comparison["dom"]
    for kind, values in (("KILLED", {"tsafe-1": "6", "tsafe-2": "11", "tsafe-3": "23"}),
                         ("INJURED", {"tsafe-1": "14", "tsafe-2": "14", "tsafe-3": "4"})):
        figure = dom.select_one(f'figure.estimate[data-kind="{kind}"]')
        table = {tr["data-document"]: tr.select("td")[2].get_text(strip=True) for tr in figure.select("tbody tr")}
        assert table == values
        assert [g["data-document"] for g in figure.select("svg g.report")] == list(values)
        assert len(figure.select("svg circle.dot")) == 3
    killed = dom.select_one('figure.estimate[data-kind="KILLED"]')
    # the toll rose: the two earlier, lower figures are superseded, drawn hollow and said so
    assert [tr["data-left-out"] for tr in killed.select("tbody tr")] == ["true", "true", "false"]
    assert len(killed.select("svg circle.dot.left-out")) == 2
    injured = dom.select_one('figure.estimate[data-kind="INJURED"]')
    assert (injured["data-low"], injured["data-best"], injured["data-high"]) == ("4", "14", "14")
    assert injured.select_one("svg rect.band") is not None  # the low–high range


def test_compare_map_and_each_report_text(comparison, keep):
    dom, response = comparison["dom"], comparison["response"]
    where = response["incidents"][0]["where"]
    assert_drawn_at(dom, "i1", where["latitude"], where["longitude"])
    for i, extraction in enumerate(response["extractions"], 1):
        prefix = f"d{i}-"
        assert [c["data-event"] for c in dom.select(f'.card[data-prefix="{prefix}"]')] == [
            e["id"] for e in extraction["events"]]
        marks = marks_of(dom, prefix)
        assert len(marks) >= sum(len(extraction["mentions"].get(k, [])) for k in ("quantities",))
    assert png_size(keep(comparison["png"])) == (1280, 2400)


def test_compare_passes_an_accessibility_audit(comparison, tmp_path):
    assert audit(comparison["page"], tmp_path / "audited.html") == []


# -- hostile input ---------------------------------------------------------------------------------


def test_markup_in_a_document_stays_text_in_the_browser(tmp_path, chromium):
    path = write_jsonl(tmp_path / "hostile.jsonl", {HOSTILE_ID: (HOSTILE_TEXT, "2021-06-14")})
    page = tmp_path / "hostile.html"
    out = fieldreport("view", str(path), "--out", str(page))
    assert out.returncode == 0, out.stderr
    dom = soup(browser.dump_dom(page))
    assert dom.title.get_text() == f"{HOSTILE_ID} · fieldreport"  # the document's script never ran
    text = dom.select_one(".text")
    assert not text.select("script, img")
    assert "<script>document.title=\"pwned\"</script><img src=x onerror=alert(1)>" in text.get_text()
    assert len(dom.find_all("script")) == 6
    # the map's JSON survived the id's '</script><!--': the map drew the event's marker
    assert int(dom.select_one("#map")["data-markers-drawn"]) == len(dom.select("[data-marker]")) >= 1
