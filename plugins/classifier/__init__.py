"""Event types by a trained classifier (layer ``event_types``), over the rules' events.

The ``events`` plugin assembles incidents and types them by rule; this plugin reads each event of that
layer (its evidence, the document's opening and what the rules found: ``features.py``) and gives it the
event_type / sub_event_type of the model in use. The rules' label is one of the model's features, and it
stands when no model is installed. The model may also say "no event" (crime, accidents, disasters,
diplomacy): such an event leaves the layer. A document where the rules found nothing but the model is
confident of an event gets one thin event (its type, the opening sentences as evidence, the date, places
and casualties told there).

Which model: the directory named by ``FIELDREPORT_MODEL_DIR`` (``fieldreport serve --model-dir``), else
the one shipped in this package's ``data`` folder (docs/models.md is its card). ListPlugins names it.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib

import structlog

from fieldreport.plugins.classifier import features
from fieldreport.plugins.classifier.model import EventModel, ModelError, split_label
from fieldreport.service.plugin import Plugin

log = structlog.get_logger("fieldreport.plugins.classifier")

ENV = "FIELDREPORT_MODEL_DIR"
SHIPPED = pathlib.Path(__file__).parent / "data"
# Below these probabilities the model's word does not override the rules: it must be surer to remove an
# event, or to make one the rules did not, than to re-type one (a model directory may set its own).
DROP_AT = 0.6
CREATE_AT = 0.6
# Below this the rules' type stands: a model unsure between many labels is no better than the rules it
# read (types_case test macro-F1 is flat from 0 to 0.3 and falls above; docs/models.md).
RETYPE_AT = 0.3
# ACLED's types of violence. Whether violence happened is the rules' to say (casualties, attack triggers):
# a model typing ACLED labels re-types within violence or within the rest, never across, so an arrest stays
# no attack and a shooting no arrest (across, events_gva/gvdb's killed exact fell 1-2 points on dev and
# types_case gained 0.7). A user's own labels are free of this.
VIOLENT = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians", "riots"})
ACLED_TYPES = VIOLENT | {"protests", "strategic_developments"}
# A thin event's evidence: the document's first sentences (coders' notes and snippets tell one event).
THIN_SENTENCES = 2


@dataclasses.dataclass(frozen=True)
class Decision:
    """What the model said of one event (the ``event_types`` layer)."""

    event_id: str
    rules: tuple[str, str]  # the rules' (event_type, sub_event_type); ("", "") for an event they did not find
    label: tuple[str, str]  # the model's; ("", "") = no event
    probability: float
    applied: str  # "retyped", "kept", "removed", "created" or "below_threshold" (the rules' type stands)


def learning_installed() -> bool:
    """Whether the 'learned' extra (scikit-learn, skops) is installed, without importing it."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("sklearn", "skops"))


def model_dir() -> pathlib.Path | None:
    """The model directory in use: FIELDREPORT_MODEL_DIR, else the shipped one (None when neither has a model)."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen:
        return pathlib.Path(chosen)
    return SHIPPED if (SHIPPED / "model.json").is_file() else None


class ClassifierPlugin(Plugin):
    name = "classifier"
    version = "0.1.0"
    requires = ("spacy", "events", "times", "places", "casualties")
    provides = ("event_types",)
    description = "Event types by a trained classifier over the rules' events"

    def __init__(self) -> None:
        self.model: EventModel | None = None
        self.source = ""

    def setup(self, nlp) -> None:  # noqa: ANN001
        folder = model_dir()
        if folder == SHIPPED and not learning_installed():
            # The default install (and the image) leaves scikit-learn out (~190 MB with scipy): the rules
            # type the events until `pip install 'fieldreport[learned]'`. A directory the operator named
            # still must load (below), and says what is missing.
            self.description = (f"{type(self).description}: scikit-learn not installed (the 'learned' extra), "
                                "the rules' types stand")
            log.warning("no_event_model", reason="scikit-learn and skops are not installed (pip install "
                        "'fieldreport[learned]'); the rules' types stand")
            return
        if folder is None:
            self.description = f"{type(self).description}: no model installed, the rules' types stand"
            log.warning("no_event_model", reason="no model directory installed; the rules' types stand")
            return
        # A directory the operator named must load: failing here stops start-up with the reason.
        self.model = EventModel.load(folder)
        self.source = "shipped" if folder == SHIPPED else str(folder)
        self.description = (f"{type(self).description}: model {self.model.name} {self.model.version} "
                            f"({self.source}; {len(self.model.labels)} labels)")

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.v1 import fieldreport_pb2 as pb

        if self.model is None:
            return
        events = doc.layers.get("events", [])
        decisions: list[Decision] = []
        if events:
            instances = [features.instance(doc.text, e, len(events)) for e in events]
            kept = []
            for event, (label, p) in zip(events, self.model.predict(instances)):
                rules = (event.event_type, event.sub_event_type)
                event_type, sub = split_label(label)
                if not event_type:
                    applied = "removed" if p >= self.model.meta.get("drop_at", DROP_AT) else "below_threshold"
                elif (event_type, sub) == rules:
                    applied = "kept"
                elif p < self.model.meta.get("retype_at", RETYPE_AT) or (
                        event_type in ACLED_TYPES and (event_type in VIOLENT) != (rules[0] in VIOLENT)):
                    applied = "below_threshold"
                else:
                    applied = "retyped"
                    event.event_type, event.sub_event_type = event_type, sub
                if applied != "removed":
                    kept.append(event)
                decisions.append(Decision(event.id, rules, (event_type, sub), round(p, 3), applied))
            events[:] = kept
        else:
            (label, p), = self.model.predict([features.instance(doc.text, None, 0)])
            event_type, sub = split_label(label)
            if event_type and p >= self.model.meta.get("create_at", CREATE_AT):
                event = self._thin_event(doc, event_type, sub, p, pb)
                doc.add("events", [event])
                decisions.append(Decision(event.id, ("", ""), (event_type, sub), round(p, 3), "created"))
        doc.add("event_types", decisions)

    def _thin_event(self, doc, event_type: str, sub: str, p: float, pb):  # noqa: ANN001, ANN202
        """An event the rules did not assemble: the type, the opening sentences, and the date, places and
        casualties the other layers found there (the publication date stands in for a missing date)."""
        sentences = list(doc.spacy.sents)[:THIN_SENTENCES]
        end = sentences[-1].end_char if sentences else len(doc.text)
        event = pb.Event(id="e1", event_type=event_type, sub_event_type=sub, modality=pb.ASSERTED,
                         confidence=round(0.5 * p, 2))
        for s in sentences:
            event.evidence.add(text=s.text, begin=s.start_char, end=s.end_char)
        inside = lambda item: item.span.begin < end  # noqa: E731
        times = [t for t in doc.get("times") if inside(t) and t.start]
        if times:
            event.when.CopyFrom(times[0])
        elif doc.published is not None:
            day = doc.published.isoformat()
            event.when.CopyFrom(pb.TimeValue(value=day, start=day, end=day, granularity=pb.TimeValue.DAY,
                                             anchor=f"published:{day}", inferred=True, type="DATE"))
            doc.warn("DATE_INFERRED", "event e1: no date in the text; the publication date stands in", self.name)
        places = [pl for pl in doc.get("places") if inside(pl) and pl.precision != "unresolved"]
        if places:
            event.where.CopyFrom(places[0])
            event.places.extend(places)
        event.casualties.extend(c for c in doc.get("casualties") if c.evidence.begin < end)
        return event
