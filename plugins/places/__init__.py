"""Toponyms resolved against the embedded GeoNames gazetteer (layer ``places``; Normalize LOCATION)."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

from fieldreport.service.plugin import Plugin

# Normalize parses at most this much of a context (the whole document, as the evaluation sends it).
_MAX_CONTEXT_CHARS = 50_000
# Documents whose analysis Normalize keeps: every toponym of a document arrives with the same context.
_CONTEXT_CACHE_SIZE = 64


def _precision(entry, mention) -> str:  # noqa: ANN001
    if entry is None:
        return "unresolved"
    if entry.feature in ("country", "continent"):
        return "country"
    if mention is not None and mention.offset:
        return "offset"
    if mention is not None and mention.near:
        return "near"
    if entry.feature == "admin1":
        return "admin1"
    if entry.feature == "admin2":
        return "admin2"  # only the district is known: the point is its seat or centre
    return "exact"


def _place(pb, text: str, entry, confidence: float, mention=None):  # noqa: ANN001
    """A fieldreport.v1.Place for ``entry`` (None: unresolved)."""
    place = pb.Place(text=text, precision=_precision(entry, mention), confidence=round(confidence, 3))
    if mention is not None:
        place.span.CopyFrom(pb.Span(text=mention.text, begin=mention.begin, end=mention.end))
    if entry is None:
        return place
    place.name = entry.name
    if entry.id < 900_000_000:  # synthetic ids (admin1 and county points, the supplement) are not GeoNames ids
        place.geonames_id = entry.id
    place.latitude, place.longitude = round(entry.lat, 5), round(entry.lon, 5)
    place.country_code = entry.country
    place.admin1 = entry.admin1 if entry.feature not in ("country", "continent") else ""
    place.feature = "city" if entry.feature == "capital" else entry.feature
    return place


class PlacesPlugin(Plugin):
    name = "places"
    version = "0.3.0"
    requires = ("spacy",)
    provides = ("places",)
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.ents")
    normalizes = ("LOCATION",)
    description = "Toponyms resolved against the embedded GeoNames gazetteer, disambiguated in document context"

    def setup(self, nlp) -> None:  # noqa: ANN001
        from fieldreport.plugins.places import gazetteer

        self.nlp = nlp
        self.gaz = gazetteer.default()
        self.demonyms = gazetteer.demonyms()
        self._contexts: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def _ensure(self) -> None:
        if not hasattr(self, "gaz"):
            from fieldreport.service import nlp as nlp_loader

            self.setup(nlp_loader.load())

    def _analyse(self, spacy_doc, hint: str = "", dateline: tuple[int, int] | None = None):  # noqa: ANN001
        from fieldreport.plugins.places import recognize, resolve

        mentions = recognize.find_mentions(spacy_doc, self.gaz, dateline)
        return mentions, resolve.DocumentPlaces(self.gaz, mentions, recognize.demonym_countries(spacy_doc,
                                                                                                 self.demonyms), hint)

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        mentions, places = self._analyse(doc.spacy, dateline=doc.dateline)
        if len(mentions) > doc.budget.max_mentions:
            doc.truncated(self.name, "max_mentions", len(mentions))
            mentions = mentions[:doc.budget.max_mentions]
        out = []
        for m in mentions:
            doc.check_deadline()
            group = places.group_of(m)
            ranked = group.ranked() if group is not None else []
            if not ranked and m.label == "FAC":
                continue  # a street or a building the gazetteer of places cannot place
            entry, confidence = (ranked[0][1], ranked[0][0]) if ranked else (None, 0.1)
            out.append(_place(pb, m.text, entry, confidence, m))
        doc.add("places", out)

    def _document(self, context: str, hint: str):  # noqa: ANN001
        """The analysed context, from the cache when the same document was seen lately."""
        key = (hashlib.sha1(context.encode("utf-8", "surrogatepass")).hexdigest(), hint.upper())
        with self._lock:
            if key in self._contexts:
                self._contexts.move_to_end(key)
                return self._contexts[key]
        analysed = self._analyse(self.nlp(context[:_MAX_CONTEXT_CHARS]), hint)[1]
        with self._lock:
            self._contexts[key] = analysed
            while len(self._contexts) > _CONTEXT_CACHE_SIZE:
                self._contexts.popitem(last=False)
        return analysed

    def normalize(self, item):  # noqa: ANN001
        from fieldreport.plugins.places import recognize
        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        text = item.text.strip()
        context = item.context.sentence
        places = self._document(context, item.context.country_hint)
        cues = recognize.Mention(0, len(text), text, "NORMALIZE")
        found = re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", context[:_MAX_CONTEXT_CHARS]) if context else None
        if found:  # the words around the item: "province of X", "near X", "X, Ky."
            recognize.qualify(context, found.start(), found.end(), cues)
        group, _name = places.resolve_name(text, cues, self.demonyms)
        values = []
        for probability, entry in group.ranked()[:5]:
            place = _place(pb, text, entry, max(0.01, min(0.99, probability)))
            place.precision = _precision(entry, cues)
            values.append(pb.NormalizedValue(place=place, confidence=place.confidence))
        return values
