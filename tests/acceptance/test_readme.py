"""The README's tour as a new user tries it: its client snippet run against a real server, what it says the
snippet prints, and its JSON example, each checked against real output. The example article's checks skip
when ../shared is absent; the snippet also runs on a document written here."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest

from fieldreport.service.cli import to_json
from fieldreport.service.config import ServerConfig
from fieldreport.service.server import start_server
from fieldreport.v1 import fieldreport_pb2 as pb

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TOUR = README.split("## A short tour", 1)[1].split("\n## ", 1)[0]
EXAMPLE_PATH = "../shared/examples/alwaght-2018-05-27.txt"

# Written for this test: three figures, one of them a count the text does not give.
BAIDOA = ("date 2021-03-09 Harbour Wire- Militants fired mortar shells at a police station in Baidoa on Monday, "
          "killing three police officers and wounding at least seven civilians, the regional governor said. "
          "Soldiers guarding the station were also killed, the army said.")


def _block(text: str, language: str, after: str = "") -> str:
    start = text.index(after) if after else 0
    return re.search(rf"```{language}\n(.*?)```", text[start:], re.S).group(1)


@pytest.fixture(scope="module")
def address():
    running = start_server(ServerConfig(port=0, workers=0, metrics_port=0, grace=1))
    yield running.address
    running.stop(0.5)


def _run_snippet(address: str, path: pathlib.Path) -> list[str]:
    code = _block(TOUR, "python")
    assert '"localhost:50051"' in code and f'"{EXAMPLE_PATH}"' in code
    code = code.replace('"localhost:50051"', repr(address)).replace(f'"{EXAMPLE_PATH}"', repr(str(path)))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_the_tour_snippet_prints_enum_names_and_unknown_counts(address, tmp_path):
    doc = tmp_path / "baidoa.txt"
    doc.write_text(BAIDOA, encoding="utf-8")
    assert _run_snippet(address, doc) == [
        "2021-03-09 Harbour Wire",
        "explosions_remote_violence shelling_artillery_missile_attack 2021-03-08 Baidoa",
        "   KILLED 3 EXACT police officers <- the regional governor",
        "   INJURED 7 AT_LEAST civilians <- the regional governor",
        "   KILLED unknown UNKNOWN Soldiers <- Military Forces of Somalia",
    ]


def test_what_the_tour_says_the_snippet_prints_is_what_it_prints(address, example_text):
    shown = _block(TOUR, "text", "prints (enums").splitlines()
    printed = _run_snippet(address, ROOT.parent / "shared" / "examples" / "alwaght-2018-05-27.txt")
    assert printed[:len(shown)] == shown


def _contained(shown, real, where: str = "$") -> None:
    """Every key and value the README shows is in the real output (lists: the first elements)."""
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        for key, value in shown.items():
            assert key in real, f"{where}.{key} is not in the real output"
            _contained(value, real[key], f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(real) >= len(shown), where
        for i, value in enumerate(shown):
            _contained(value, real[i], f"{where}[{i}]")
    else:
        assert shown == real, f"{where}: README {shown!r}, real {real!r}"


def test_the_readme_json_example_is_real_output(pipeline, example_text):
    shown = json.loads(_block(TOUR, "json"))
    real = json.loads(to_json(pipeline.extract(pb.Document(text=example_text, id="alwaght-2018-05-27.txt"))))
    _contained(shown, real)
    assert "warnings" not in real and "warnings" not in shown  # empty lists are left out of protobuf's JSON
