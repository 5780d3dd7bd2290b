"""Toponyms resolved against the embedded GeoNames gazetteer (layer ``places``)."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


def _place(m, pb):  # noqa: ANN001
    """Mention → fieldreport.v1.Place (spans in code points of doc.text)."""
    place = pb.Place(text=m.text, span=pb.Span(text=m.text, begin=m.begin, end=m.end))
    e = m.entry
    if e is None:
        place.precision = "unresolved"
        place.confidence = 0.1
        return place
    place.name = e.name
    if e.id < 900_000_000:  # synthetic ids (admin1 centroids, the supplement) are not GeoNames ids
        place.geonames_id = e.id
    place.latitude, place.longitude = round(e.lat, 5), round(e.lon, 5)
    place.country_code = e.country
    place.admin1 = e.admin1 if e.feature != "country" else ""
    place.feature = "city" if e.feature == "capital" else e.feature
    if e.feature == "country":
        place.precision = "country"
    elif e.feature == "admin1":
        place.precision = "admin1"
    elif m.offset:
        place.precision = "offset"
    elif m.near:
        place.precision = "near"
    else:
        place.precision = "exact"
    place.confidence = round(m.score, 3)
    return place


class PlacesPlugin(Plugin):
    name = "places"
    version = "0.2.0"
    requires = ("spacy",)
    provides = ("places",)
    normalizes = ("LOCATION",)
    description = "Toponyms resolved against the embedded GeoNames gazetteer"

    def setup(self, nlp) -> None:  # noqa: ANN001
        from fieldreport.plugins.places import gazetteer

        self.nlp = nlp
        self.gaz = gazetteer.default()
        self.demonyms = gazetteer.demonyms()

    def _ensure(self) -> None:
        if not hasattr(self, "gaz"):
            from fieldreport.service import nlp as nlp_loader

            self.setup(nlp_loader.load())

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.plugins.places import resolve
        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        mentions = resolve.find_mentions(doc.spacy, self.gaz)
        focus = resolve.country_focus(doc.spacy, self.gaz, self.demonyms, mentions)
        resolve.resolve(mentions, self.gaz, focus)
        doc.add("places", [_place(m, pb) for m in mentions])

    def normalize(self, item):  # noqa: ANN001
        from fieldreport.plugins.places import resolve
        from fieldreport.v1 import fieldreport_pb2 as pb

        self._ensure()
        context = item.context.sentence[:20000]
        ctx_doc = self.nlp(context) if context else self.nlp("")
        others = resolve.find_mentions(ctx_doc, self.gaz) if context else []
        focus = resolve.country_focus(ctx_doc, self.gaz, self.demonyms, others, item.context.country_hint)
        text = item.text.strip()
        where = context.find(text) if context else -1
        m = resolve.Mention(0, len(text), text, "NORMALIZE", True)
        if where >= 0:  # read the words around the item in its sentence: "province of X", "near X"
            probe = [o for o in others if o.begin == where]
            if probe:
                m.admin_cue, m.near, m.offset, m.state_hint = probe[0].admin_cue, probe[0].near, probe[0].offset, \
                    probe[0].state_hint
        resolve.resolve(others, self.gaz, focus)
        neighbours = [o.entry for o in others if o.entry is not None and o.text != text]
        m.candidates = self.gaz.lookup(text)
        if not m.candidates and "," in text:  # "Springfield, Illinois"
            head, _, tail = text.partition(",")
            m.text, m.state_hint = head.strip(), tail.strip()
            m.candidates = self.gaz.lookup(m.text)
        if not m.candidates:
            return []
        admin_named = {(o.entry.country, o.entry.admin1_code) for o in others
                       if o.entry is not None and o.entry.feature == "admin1"}
        scored = resolve.score_candidates(m, m.candidates, focus, admin_named, neighbours)
        values = []
        top = scored[0][0]
        for s, entry in scored[:5]:
            m.entry = entry
            m.score = max(0.05, min(0.99, 0.5 + (s - (scored[1][0] if len(scored) > 1 and entry is scored[0][1]
                                                        else top)) / 4)) if entry is scored[0][1] else \
                max(0.01, min(0.9, 0.5 - (top - s) / 4))
            place = _place(m, pb)
            place.ClearField("span")
            values.append(pb.NormalizedValue(place=place, confidence=place.confidence))
        return values
