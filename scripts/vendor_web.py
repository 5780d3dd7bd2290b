"""Vendor the analyst's page's browser assets (Leaflet, topojson-client, Natural Earth countries) into the package,
and the accessibility checker its browser tests run (axe-core) into the tests.

    python scripts/vendor_web.py          # npm pack the pinned packages, check their integrity, write the assets
    python scripts/vendor_web.py --check  # no network: the committed assets match their manifest.json (sha256)

The page (`fieldreport view`) inlines these files, so it needs no network when it is opened, and
`pip install .` needs no npm: the files are committed under service/view/assets/ and shipped as package
data (axe-core under tests/view/assets/, for the tests only). Only this script talks to the npm
registry, through `npm pack` (the ordinary client).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSETS = ROOT / "service" / "view" / "assets"
TEST_ASSETS = ROOT / "tests" / "view" / "assets"

#: package → (version, the registry's sha512 integrity, {file in the tarball: file in assets/}, license)
PINS = {
    "leaflet": ("1.9.4", "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
                {"package/dist/leaflet.js": "leaflet.js", "package/dist/leaflet.css": "leaflet.css",
                 "package/LICENSE": "LICENSE.leaflet"}, "BSD-2-Clause"),
    "topojson-client": ("3.1.0", "sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==",
                        {"package/dist/topojson-client.min.js": "topojson-client.min.js",
                         "package/LICENSE": "LICENSE.topojson-client"}, "ISC"),
    # Natural Earth 4.1.0 Admin 0 countries at 1:50m (public domain), as TopoJSON; ISC for the packaging.
    "world-atlas": ("2.0.2", "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
                    {"package/countries-50m.json": "countries-50m.json", "package/LICENSE": "LICENSE.world-atlas"},
                    "ISC (packaging); Natural Earth data: public domain"),
    # The tests' accessibility audit (Deque's axe-core), never shipped in the package.
    "axe-core": ("4.14.1", "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
                 {"package/axe.min.js": "axe.min.js", "package/LICENSE": "LICENSE.axe-core"}, "MPL-2.0"),
}
#: package → the folder its files go to (default: the package's assets)
DESTINATION = {"axe-core": TEST_ASSETS}


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch() -> dict[pathlib.Path, dict]:
    manifests: dict[pathlib.Path, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        specs = [f"{name}@{version}" for name, (version, *_rest) in PINS.items()]
        packed = json.loads(subprocess.run(["npm", "pack", *specs, "--json", "--pack-destination", tmp],
                                           check=True, capture_output=True, text=True, cwd=tmp).stdout)
        by_name = {p["name"]: p for p in packed}
        for name, (version, integrity, files, license_) in PINS.items():
            out = DESTINATION.get(name, ASSETS)
            out.mkdir(parents=True, exist_ok=True)
            manifest = manifests.setdefault(out, {})
            got = by_name[name]
            if got["version"] != version or got["integrity"] != integrity:
                raise SystemExit(f"{name}: got {got['version']} {got['integrity']}, pinned {version} {integrity}")
            with tarfile.open(pathlib.Path(tmp) / got["filename"]) as tar:
                for member, target in files.items():
                    data = tar.extractfile(member).read()
                    if target.endswith(".js") and b"</script" in data.lower():
                        raise SystemExit(f"{name}/{member} contains '</script' and cannot be inlined")
                    (out / target).write_bytes(data)
                    manifest[target] = {"package": name, "version": version, "path": member.removeprefix("package/"),
                                        "license": license_, "sha256": sha256(out / target)}
    return manifests


def write_sources(folder: pathlib.Path, manifest: dict) -> None:
    lines = ["# Vendored browser assets of the analyst's page", "",
             "Written by `python scripts/vendor_web.py` (`make vendor-web`) from the npm registry (`npm pack`, each",
             "tarball checked against its pinned sha512 integrity).",
             "Inlined into every page; nothing is fetched when a page is opened." if folder == ASSETS else
             "Injected by the browser tests into a copy of a page; not part of the package.", "",
             "| file | package | from | license | sha256 |", "|---|---|---|---|---|"]
    for target, m in sorted(manifest.items()):
        lines.append(f"| {target} | {m['package']}@{m['version']} | {m['path']} | {m['license']} | {m['sha256'][:16]}… |")
    if folder == ASSETS:
        lines += ["", "countries-50m.json is Natural Earth's Admin 0 countries (version 4.1.0, 1:50m), public domain,",
                  "as repackaged in TopoJSON by the world-atlas package.", ""]
    else:
        lines[0] = "# Vendored browser assets of the analyst's page's tests"
        lines += [""]
    (folder / "SOURCES.md").write_text("\n".join(lines), encoding="utf-8")


def check() -> int:
    bad = []
    for folder in (ASSETS, TEST_ASSETS):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        bad += [folder / t for t, m in manifest.items() if not (folder / t).exists() or sha256(folder / t) != m["sha256"]]
    for path in bad:
        print(f"{path.relative_to(ROOT)}: missing or changed since it was vendored", file=sys.stderr)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed assets, no network")
    args = parser.parse_args()
    if args.check:
        return check()
    for folder, manifest in fetch().items():
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        write_sources(folder, manifest)
        print(f"{len(manifest)} files -> {folder.relative_to(ROOT)} "
              f"({sum((folder / t).stat().st_size for t in manifest) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
