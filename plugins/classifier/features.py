"""What the classifier reads of one event: the words of its evidence and of the document, and what the
pipeline's layers already say about it (the rules' type, the trigger, instruments, actor types by role,
casualty kinds, modality).

An instance is made from the ``events`` layer (a ``fieldreport.v1.Event``) and the document's text, so the
same function serves training (over a pipeline run of coded documents) and inference (inside the
plugin): what the model saw when it was fitted is what it sees when it labels.
"""

from __future__ import annotations

import dataclasses

from fieldreport.v1 import fieldreport_pb2 as pb

# The rules' label when the rules found no event (the document still gets an instance of its own).
NO_EVENT = "none"
# The document text the context words are read from: its opening, where news and coders' notes tell the
# event; the cap keeps inference time per document bounded.
CONTEXT_CHARS = 2000


@dataclasses.dataclass(frozen=True)
class Instance:
    evidence: str  # the event's sentences (the document's opening when there is no event)
    context: str  # the document's opening
    cues: dict[str, float]  # the layers' features, by name (DictVectorizer's input)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-4" if n < 5 else "5+"


def cues(event: pb.Event | None, n_events: int) -> dict[str, float]:
    """The rules' view of the event as named indicator features."""
    out: dict[str, float] = {f"events={_bucket(n_events)}": 1.0}
    if event is None:
        out["rule_type=" + NO_EVENT] = 1.0
        return out
    out["rule_type=" + (event.event_type or NO_EVENT)] = 1.0
    out["rule_sub=" + (event.sub_event_type or NO_EVENT)] = 1.0
    if event.HasField("trigger") and event.trigger.text:
        out["trigger=" + event.trigger.text.lower()] = 1.0
    for span in event.instruments:
        out["instrument=" + " ".join(span.text.lower().split())] = 1.0
    for actor in event.actors:
        role = pb.Actor.Role.Name(actor.role)
        out[f"actor={role}:{actor.actor_type or 'unknown'}"] = 1.0
        out[f"actor={role}"] = 1.0
    kinds: dict[str, int] = {}
    for casualty in event.casualties:
        kind = pb.Casualty.Kind.Name(casualty.kind)
        value = casualty.count.value if casualty.count.HasField("value") else casualty.count.low
        kinds[kind] = max(kinds.get(kind, 0), int(value or 0))
    for kind, most in kinds.items():
        out[f"casualty={kind}"] = 1.0
        out[f"casualty={kind}:{_bucket(most)}"] = 1.0
    out["modality=" + pb.Modality.Name(event.modality)] = 1.0
    return out


def instance(text: str, event: pb.Event | None, n_events: int) -> Instance:
    context = text[:CONTEXT_CHARS]
    evidence = " ".join(span.text for span in event.evidence) if event is not None and event.evidence else context
    return Instance(evidence=evidence, context=context, cues=cues(event, n_events))


def document_event(events) -> pb.Event | None:  # noqa: ANN001 - a repeated field or a list of pb.Event
    """The event a document-level label belongs to: the one with most killed and injured, ties to the first
    in text order (as the types_case scorer picks a document's main event); None without events."""
    best, best_total = None, -1
    order = sorted(range(len(events)), key=lambda i: (events[i].trigger.begin if events[i].HasField("trigger")
                                                     else 1 << 30, i))
    for i in order:
        total = sum(int(c.count.value or c.count.low or 0) for c in events[i].casualties
                    if c.kind in (pb.Casualty.KILLED, pb.Casualty.INJURED))
        if total > best_total:
            best, best_total = events[i], total
    return best
