"""`fieldreport view`, `extract --html` and `compare --html` as a user runs them (subprocesses), in-process,
against a real server, and from saved JSON."""

from __future__ import annotations

import pytest
from viewutil import REPORTS, fieldreport, marks_of, soup, write_jsonl

from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server

ARTICLE = ("date 2023-07-08 Sahel Wire- Gunmen killed at least 12 herders near the village of Kukawa on Thursday, "
           "a militia leader said.")


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "kukawa.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    yield running
    running.stop(0.5)


def test_extract_html_is_the_page_of_the_extraction(article):
    out = fieldreport("extract", str(article), "--html")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("<!DOCTYPE html>")
    dom = soup(out.stdout)
    assert [c["data-event"] for c in dom.select(".card")] == ["e1"]
    values = {m["text"]: m["value"] for m in marks_of(dom).values()}
    assert values["at least 12"] == "at least 12"
    assert values["Thursday"] == "2023-07-06"
    assert dom.select_one(".meta").get_text(" ", strip=True).startswith("published 2023-07-08 · outlet Sahel Wire")


def test_view_writes_one_page_and_says_where(article, tmp_path):
    page = tmp_path / "out" / "kukawa.html"
    out = fieldreport("view", str(article), "--out", str(page))
    assert out.returncode == 0, out.stderr
    assert f"wrote {page} (" in out.stderr and page.resolve().as_uri() in out.stderr
    assert page.read_text(encoding="utf-8") == fieldreport("extract", str(article), "--html").stdout  # same bytes


def test_view_against_a_server_gives_the_same_page(article, server):
    local = fieldreport("view", str(article), "--out", "-")
    remote = fieldreport("view", str(article), "--out", "-", "--server", server.address)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_view_of_a_saved_response_with_and_without_its_text(article, tmp_path):
    saved = tmp_path / "kukawa.json"
    saved.write_text(fieldreport("extract", str(article)).stdout, encoding="utf-8")
    with_text = fieldreport("view", str(saved), str(article), "--out", "-")
    assert with_text.returncode == 0, with_text.stderr
    assert with_text.stdout == fieldreport("view", str(article), "--out", "-").stdout  # not extracted again, same page
    alone = soup(fieldreport("view", str(saved), "--out", "-").stdout)
    assert "The text was not given with this response" in alone.select_one(".notice").get_text()
    marks = marks_of(alone)
    assert all(m["text"] == ARTICLE[b:e] for (b, e), m in marks.items())  # the spans' own text, at their offsets
    assert {m["text"] for m in marks.values()} >= {"at least 12", "Thursday", "Kukawa"}


def test_compare_html_and_view_of_several_reports(tmp_path):
    reports = write_jsonl(tmp_path / "tsafe.jsonl", REPORTS)
    html = fieldreport("compare", str(reports), "--html")
    assert html.returncode == 0, html.stderr
    dom = soup(html.stdout)
    assert [i["data-incident"] for i in dom.select(".incident")] == ["i1"]
    assert [c["data-document"] for c in dom.select(".report-col")] == list(REPORTS)
    assert [d["data-document"] for d in dom.select("details.report")] == list(REPORTS)
    viewed = fieldreport("view", str(reports), "--out", "-")
    assert viewed.stdout == html.stdout


def test_view_of_a_saved_comparison_with_its_texts(tmp_path):
    reports = write_jsonl(tmp_path / "tsafe.jsonl", REPORTS)
    saved = tmp_path / "compare.json"
    saved.write_text(fieldreport("compare", str(reports), "--json").stdout, encoding="utf-8")
    with_texts = fieldreport("view", str(saved), str(reports), "--out", "-")
    assert with_texts.returncode == 0, with_texts.stderr
    assert with_texts.stdout == fieldreport("compare", str(reports), "--html").stdout  # not compared again, same page
    alone = soup(fieldreport("view", str(saved), "--out", "-").stdout)
    assert [i["data-incident"] for i in alone.select(".incident")] == ["i1"]
    assert len(alone.select(".article .notice")) == 3  # each report's text is missing, and the page says so


def test_view_of_saved_extractions_compares_them_as_event_sets(tmp_path):
    paths = []
    for doc_id in ("tsafe-1", "tsafe-3"):
        text = tmp_path / f"{doc_id}.txt"
        text.write_text(REPORTS[doc_id][0], encoding="utf-8")
        saved = tmp_path / f"{doc_id}.json"
        saved.write_text(fieldreport("extract", str(text), "--published", REPORTS[doc_id][1], "--id", doc_id).stdout,
                         encoding="utf-8")
        paths.append(str(saved))
    out = fieldreport("view", *paths, "--out", "-")
    assert out.returncode == 0, out.stderr
    dom = soup(out.stdout)
    (incident,) = dom.select(".incident")
    assert [c["data-document"] for c in incident.select(".report-col")] == ["tsafe-1", "tsafe-3"]
    assert {li["data-field"]: li["data-status"] for li in incident.select(".disc")}["casualties.killed[villagers]"] \
        == "UPDATE"
    assert len(dom.select(".article .notice")) == 2  # both texts missing: said so for each report


def test_view_refuses_unreadable_input_naming_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = fieldreport("view", str(bad), "--out", str(tmp_path / "x.html"))
    assert out.returncode == 2
    assert out.stderr.startswith(f"error: {bad}: not JSON")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"events": [{"casualties": "many"}]}', encoding="utf-8")
    out = fieldreport("view", str(wrong), "--out", str(tmp_path / "x.html"))
    assert out.returncode == 2 and f"{wrong}: not a saved ExtractResponse" in out.stderr
    missing = fieldreport("view", str(tmp_path / "absent.txt"))
    assert missing.returncode == 2 and "absent.txt: no such file" in missing.stderr
    assert not (tmp_path / "x.html").exists()
