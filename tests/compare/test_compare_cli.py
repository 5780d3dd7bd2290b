"""`fieldreport compare` as a user runs it: text files or JSONL in, clusters and a table of figures out."""

from __future__ import annotations

import json
import subprocess
import sys

from compareutil import REPORTS


def fieldreport(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldreport.service.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_jsonl_input_prints_incidents_and_figures_by_source(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps({"id": d, "text": t, "published": p}) + "\n" for d, (t, p) in REPORTS.items()),
                    encoding="utf-8")
    out = fieldreport("compare", str(path))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "2 incidents"
    reports_lines = [line.strip() for line in lines if line.strip().startswith("reports:")]
    assert reports_lines == ["reports: kirkuk-1/e1, kirkuk-2/e1, kirkuk-3/e1", "reports: basra/e1"]
    assert any(line.split()[:2] == ["kirkuk-3", "9"] for line in (raw.strip() for raw in lines))
    assert any(line.strip().startswith("AGREE where: Kirkuk, IQ (") for line in lines)


def test_text_files_and_json_output(tmp_path):
    paths = []
    for doc_id in ("kirkuk-1", "basra"):
        path = tmp_path / f"{doc_id}.txt"
        path.write_text(REPORTS[doc_id][0], encoding="utf-8")
        paths.append(str(path))
    out = fieldreport("compare", *paths, "--published", "2019-03-07", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [[m["document_id"] for m in i["members"]] for i in data["incidents"]] == [["kirkuk-1.txt"], ["basra.txt"]]
    assert [e["document"]["id"] for e in data["extractions"]] == ["kirkuk-1.txt", "basra.txt"]


def test_a_bad_threshold_exits_2_naming_the_field(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(REPORTS["basra"][0], encoding="utf-8")
    out = fieldreport("compare", str(path), "--threshold", "2")
    assert out.returncode == 2
    assert "INVALID_THRESHOLD" in out.stderr and "threshold: a probability in [0, 1]" in out.stderr
