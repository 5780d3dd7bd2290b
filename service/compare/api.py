"""``compare(request, extract)``: reports → events → candidate pairs → scores → incidents → figures."""

from __future__ import annotations

from collections.abc import Callable

from fieldreport.service import errors
from fieldreport.service.compare import blocking, clustering, features, incidents, records, scoring, validation
from fieldreport.v1 import fieldreport_pb2 as pb

Extract = Callable[[pb.Document, str], pb.ExtractResponse]


def _reports(request: pb.CompareRequest, extract: Extract) -> tuple[list[records.Report], list[list[pb.Event]],
                                                                     list[pb.ExtractResponse]]:
    ids = validation.document_ids(request)
    reports, events, extractions = [], [], []
    for i, document in enumerate(request.documents):
        field = f"documents[{i}]"
        response = extract(document, field)
        extractions.append(response)
        published = errors.parse_date(response.document.published or document.published, f"{field}.published")
        reports.append(records.Report(index=len(reports), document_id=ids[len(reports)], published=published,
                                      text=records.words.join([document.title, document.text]), field=field))
        events.append(list(response.events))
    for i, event_set in enumerate(request.event_sets):
        field = f"event_sets[{i}]"
        published = errors.parse_date(event_set.document.published, f"{field}.document.published")
        set_events = list(event_set.events)
        # Without the document text, the sentences the events carry stand for it.
        text = (records.words.join([event_set.document.title, event_set.document.text])
                or "\n".join(records.event_text(e) for e in set_events))
        reports.append(records.Report(index=len(reports), document_id=ids[len(reports)], published=published,
                                      text=text, field=field))
        events.append(set_events)
    for report_events in events:
        for k, event in enumerate(report_events):
            if not event.id:
                event.id = f"e{k + 1}"
    return reports, events, extractions


def compare(request: pb.CompareRequest, extract: Extract) -> pb.CompareResponse:
    validation.validate(request)
    threshold = request.threshold or scoring.default_threshold()
    reports, events, extractions = _reports(request, extract)
    response = pb.CompareResponse(extractions=extractions)
    for report, report_events in zip(reports, events):
        if not report_events:
            response.warnings.append(pb.Warning(
                code="NO_EVENTS", message=f"{report.field} ({report.document_id}) has no event; it joins no incident"))

    recs = records.build(reports, events)
    pairs, incident_list = score_and_cluster(recs, blocking.candidates(recs), threshold)
    response.pairs.extend(pairs)
    response.incidents.extend(incident_list)
    return response


def score_and_cluster(recs: list[records.EventRecord], candidates: set[tuple[int, int]],
                      threshold: float) -> tuple[list[pb.PairScore], list[pb.Incident]]:
    """Score the candidate pairs of ``recs`` and cluster them into incidents (numbered from 1, in the order
    of their first member)."""
    scores: dict[tuple[int, int], float] = {}
    pairs: list[pb.PairScore] = []
    for i, j in sorted(candidates):
        feats, score = score_pair(recs[i], recs[j])
        scores[(i, j)] = score
        pairs.append(pair_message(recs[i], recs[j], feats, score))
    clusters, incident_list = cluster_scored(recs, scores, threshold)
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    for pair, (i, j) in zip(pairs, scores):
        pair.same_incident = cluster_of[i] == cluster_of[j]
    return pairs, incident_list


def score_pair(a: records.EventRecord, b: records.EventRecord) -> tuple[dict[str, float | None], float]:
    """The features of one candidate pair and the probability that its two events are one incident."""
    feats = features.pair_features(a, b)
    same_report = a.report is b.report
    return feats, (scoring.same_report_probability if same_report else scoring.probability)(feats)


def pair_message(a: records.EventRecord, b: records.EventRecord, feats: dict[str, float | None],
                 score: float) -> pb.PairScore:
    return pb.PairScore(left=a.ref, right=b.ref, score=score,
                        features={name: value for name, value in feats.items() if value is not None})


def cluster_scored(recs: list[records.EventRecord], scores: dict[tuple[int, int], float],
                   threshold: float) -> tuple[list[list[int]], list[pb.Incident]]:
    """Scored pairs (in sorted pair order) → clusters of record indices and their incidents.

    ``recs`` may be one block of a larger comparison: the events that pairs scored at or above the
    threshold connect, with the scores among them. Two clusters merge only when their mean cross score
    reaches the threshold, which needs one such pair, so no cluster crosses a block and each block
    clusters on its own with the same result (fieldreport.bulk)."""
    anchors = {r.index for r in recs if r.anchor}
    clusters = clustering.cluster(len(recs), scores, threshold, anchors)
    return clusters, [incidents.build(number, [recs[i] for i in members]) for number, members in enumerate(clusters, 1)]
