"""The contract's tooling and the container: stubs in sync, buf lint, hadolint, the same install steps."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_committed_stubs_match_the_protos():
    out = run(sys.executable, "scripts/gen_protos.py", "--check")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "stubs match protos/"


def test_stub_drift_is_detected(tmp_path):
    """Change the proto in a copy of the tree: the check must fail."""
    import shutil

    copy = tmp_path / "tree"
    shutil.copytree(ROOT / "protos", copy / "protos")
    shutil.copytree(ROOT / "clients", copy / "clients")
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    proto = copy / "protos" / "fieldreport" / "v1" / "fieldreport.proto"
    proto.write_text(proto.read_text().replace("string url = 7;", "string url = 7;\n  string byline = 8;"))
    out = subprocess.run([sys.executable, str(copy / "scripts" / "gen_protos.py"), "--check"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    assert "drift" in out.stderr


def test_buf_lint_passes():
    out = run("bash", "scripts/lint_protos.sh")
    assert out.returncode == 0, out.stdout + out.stderr


def test_buf_breaking_catches_a_renamed_field(tmp_path):
    """The breaking check compares with the contract as first committed: a rename must fail it."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "protos", repo / "protos")
    shutil.copytree(ROOT / "scripts", repo / "scripts")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    proto = repo / "protos/fieldreport/v1/fieldreport.proto"
    proto.write_text(proto.read_text().replace("string published = 5;", "string published_on = 5;"))
    out = subprocess.run(["bash", str(repo / "scripts/lint_protos.sh")], capture_output=True, text=True,
                         env={**os.environ, "PYTHON": sys.executable}, timeout=120)
    assert out.returncode != 0
    assert 'Field "5" with name "published_on" on message "Document" changed' in out.stdout + out.stderr


def test_hadolint_passes():
    hadolint = pathlib.Path(sys.executable).parent / "hadolint"
    out = run(str(hadolint), "Dockerfile")
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_image_installs_the_way_the_readme_does():
    """The image's install steps are `make setup`'s (tests/image builds and runs the image itself)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    setup = makefile.split("\nsetup:", 1)[1].split("\n\n", 1)[0]
    assert "pip install --quiet ." in setup and "pip install --quiet ." in dockerfile
    assert "-m fieldreport.plugins.places.build" in setup and "-m fieldreport.plugins.places.build" in dockerfile
    readme = (ROOT / "README.md").read_text()
    assert readme.lstrip().startswith("# fieldreport")
    first_block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make serve", "make test"]
    assert re.search(r'^CMD \["fieldreport", "serve"', dockerfile, re.M)
    assert re.search(r'^HEALTHCHECK .*CMD \["fieldreport", "health"\]', dockerfile, re.M)
    assert re.search(r"^USER \d+", dockerfile, re.M)
    assert dockerfile.count("FROM python:3.11-slim") == 2  # multi-stage on slim Debian


def test_ci_runs_the_readme_test_command_the_manifests_check_and_the_image_test():
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-3:] == ["make test", "make k8s-check", "make image-test"]


def test_the_build_secrets_are_mounted_for_pip_install_only():
    """BuildKit secrets (a CA bundle, a pip config) exist while their RUN runs; no ARG or ENV carries them."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    runs = [block for block in re.split(r"\n(?=[A-Z]+ )", dockerfile) if "--mount=type=secret" in block]
    assert len(runs) == 1 and "pip install" in runs[0]
    assert "--mount=type=secret,id=ca" in runs[0] and "--mount=type=secret,id=pipconf" in runs[0]
    assert not re.search(r"^(ARG|ENV)\b.*(CERT|PIP_CONFIG|secret)", dockerfile, re.M | re.I)
    assert "# syntax=" not in dockerfile  # the built-in frontend: nothing to pull before the build starts


def test_runtime_pins_follow_the_gencode_rule():
    gencode = re.search(r"Protobuf Python Version: (\d+)\.(\d+)\.(\d+)",
                        (ROOT / "clients/python/src/fieldreport/v1/fieldreport_pb2.py").read_text())
    major = int(gencode.group(1))
    for pyproject in (ROOT / "pyproject.toml", ROOT / "clients/python/pyproject.toml"):
        deps = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
        protobuf = next(d for d in deps if d.startswith("protobuf"))
        assert protobuf == f"protobuf>={'.'.join(gencode.groups())},<{major + 1}"
    tools = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    assert "grpcio-tools==1.85.1" in tools
    grpc_gen = re.search(r"GRPC_GENERATED_VERSION = '([\d.]+)'",
                         (ROOT / "clients/python/src/fieldreport/v1/fieldreport_pb2_grpc.py").read_text()).group(1)
    assert grpc_gen == "1.85.1"


def test_client_distribution_depends_on_three_packages_only():
    deps = tomllib.loads((ROOT / "clients/python/pyproject.toml").read_text())["project"]["dependencies"]
    assert sorted(re.split(r"[<>=!~ ]", d)[0] for d in deps) == ["googleapis-common-protos", "grpcio", "protobuf"]


def test_the_client_imports_nothing_of_the_server():
    # grpc_health is not listed: grpcio itself imports it (as grpc.health) whenever it is installed.
    code = ("import sys, fieldreport.client, fieldreport.client.errors\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('spacy', 'fieldreport.service', "
            "'fieldreport.plugins', 'grpc_status', 'dateparser', 'structlog')))\n"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_nothing_installs_a_top_level_service_plugins_or_clients_module():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert all(p.startswith("fieldreport.") for p in config["packages"])
    client = tomllib.loads((ROOT / "clients/python/pyproject.toml").read_text())["tool"]["setuptools"]
    assert all(p.startswith("fieldreport.") for p in client["packages"])


def test_every_source_package_is_listed_for_installation():
    """Code folders and data folders (lexicons, alias tables) alike: setuptools installs only what
    `packages` lists, and warns about a data folder it finds beside the code but is not told of."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    roots = {"service": "fieldreport.service", "plugins": "fieldreport.plugins", "evaluation": "fieldreport.evaluation",
             "bulk": "fieldreport.bulk"}
    found = set()
    for folder, package in roots.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                rel = path.parent.relative_to(ROOT / folder)
                found.add(".".join([package, *rel.parts]))
    assert found <= listed, f"not installed: {sorted(found - listed)}"


@pytest.mark.slow
@pytest.mark.parametrize("project", [".", "clients/python"])
def test_a_clean_build_prints_no_setuptools_warning(tmp_path, project):
    """No deprecation (`project.license` as a table) and no data folder left out of `packages`."""
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v",
                          "--wheel-dir", str(tmp_path), str(ROOT / project)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    log = out.stdout + out.stderr
    assert [line for line in log.splitlines()
            if re.search(r"\w+Warning:", line) or re.search("deprecat", line, re.I)] == []
    wheel = next(tmp_path.glob("*.whl"))
    if project == ".":
        import zipfile

        names = zipfile.ZipFile(wheel).namelist()
        assert "fieldreport/plugins/places/data/demonyms.tsv" in names
        assert "fieldreport/plugins/actors/data/aliases.tsv" in names
