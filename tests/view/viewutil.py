"""Helpers of the analyst's page tests. Invented reports: one raid on the town of Tsafe told three days
running — the toll of the killed rises (an UPDATE), the third report's count of the wounded is lower than
the first two (a CONFLICT)."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

from bs4 import BeautifulSoup

from fieldreport.service.view import browser

AXE = pathlib.Path(__file__).parent / "assets" / "axe.min.js"  # vendored by scripts/vendor_web.py

TSAFE_DAY1 = ("Gunmen on motorcycles attacked the town of Tsafe in Zamfara State, Nigeria, on Monday, killing six "
              "villagers and wounding 14 others, police spokesman Mohammed Shehu said.\n\nResidents said the "
              "attackers burned homes and stole cattle before fleeing into the forest.")
TSAFE_DAY2 = ("Eleven villagers were killed and 14 wounded in Monday's attack by gunmen on Tsafe in Zamfara State, "
              "the state government said on Tuesday.\n\nThe attackers also burned homes and stole cattle, officials "
              "said.")
TSAFE_DAY3 = ("Amnesty International said on Wednesday that 23 villagers were killed when gunmen stormed Tsafe in "
              "northwest Nigeria's Zamfara State on Monday.\n\nThe rights group said 4 people were wounded in the "
              "attack.")

#: id → (text, publication date)
REPORTS = {
    "tsafe-1": (TSAFE_DAY1, "2021-06-14"),
    "tsafe-2": (TSAFE_DAY2, "2021-06-15"),
    "tsafe-3": (TSAFE_DAY3, "2021-06-16"),
}

#: A report whose text and title try to break out of the page.
HOSTILE_TEXT = ('Militants killed 3 soldiers in Kirkuk on Friday, police said. <script>document.title="pwned"'
                '</script><img src=x onerror=alert(1)> & <!-- not a comment --> \u2028 end.')
HOSTILE_ID = 'x</script><!--<script>alert(2)</script>'


def fieldreport(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldreport.service.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def write_jsonl(path: pathlib.Path, reports: dict) -> pathlib.Path:
    path.write_text("".join(json.dumps({"id": i, "text": t, "published": p}) + "\n" for i, (t, p) in reports.items()),
                    encoding="utf-8")
    return path


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def marks_of(dom: BeautifulSoup, prefix: str = "") -> dict[tuple[int, int], dict]:
    """Highlighted mentions of one document's text, by (begin, end): kinds, text (pieces joined), tip, value."""
    text = dom.select_one(f'.text[data-prefix="{prefix}"]')
    out: dict[tuple[int, int], dict] = {}
    for mark in text.select("mark.m"):
        key = (int(mark["data-begin"]), int(mark["data-end"]))
        entry = out.setdefault(key, {"kinds": set(mark["data-kinds"].split()), "text": "", "tip": mark["data-tip"],
                                     "value": mark.get("data-value", ""), "tabindex": mark.get("tabindex")})
        entry["text"] += "".join(s for s in mark.find_all(string=True) if not _inner_trigger_link(s))
    return out


def _inner_trigger_link(string) -> bool:  # noqa: ANN001 - a bs4 NavigableString
    return any(p.name == "a" and "evref" in (p.get("class") or []) for p in string.parents)


_AXE_PROBE = """<script>%s</script><script>
axe.run(document).then(function (r) {
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" "); })};
  }));
  document.body.appendChild(out);
});
</script>"""


def audit(page: pathlib.Path, copy: pathlib.Path, width: int = 1280) -> list[dict]:
    """axe-core's violations (WCAG 2 A and AA, and best practices) on a copy of the page, as Chromium renders it."""
    head, _, tail = page.read_text(encoding="utf-8").rpartition("</body>")
    copy.write_text(head + _AXE_PROBE % AXE.read_text(encoding="utf-8") + "</body>" + tail, encoding="utf-8")
    result = soup(browser.dump_dom(copy, width=width)).select_one("#axe-result")
    assert result is not None, "the accessibility audit did not finish"
    return json.loads(result.string)
