"""compare_gvc: document clusters from a CompareResponse, and the TF-IDF baseline on texts of ours."""

from __future__ import annotations

from fieldreport.evaluation.datasets import Record
from fieldreport.evaluation.tasks.compare import clusters_from_compare, tfidf_clusters, tune_threshold
from fieldreport.v1 import fieldreport_pb2 as pb


def killing(event_id: str, killed: int) -> pb.Event:
    return pb.Event(id=event_id, trigger=pb.Span(begin=len(event_id), end=len(event_id) + 3), casualties=[
        pb.Casualty(kind=pb.Casualty.KILLED, count=pb.Count(value=killed, qualifier=pb.Count.EXACT))])


def test_documents_join_the_incident_of_their_main_event():
    answer = pb.CompareResponse(incidents=[
        pb.Incident(id="i1", members=[pb.EventRef(document_id="d1", event_id="e1"),
                                      pb.EventRef(document_id="d2", event_id="e2")]),
        pb.Incident(id="i2", members=[pb.EventRef(document_id="d2", event_id="e1"),
                                      pb.EventRef(document_id="d3", event_id="e1")]),
    ])
    events = {"d1": [killing("e1", 2)],
              "d2": [killing("e1", 1), killing("e2", 5)],  # main event: e2 (5 killed), in i1
              "d3": [killing("e1", 1)],
              "d4": []}  # no event: a cluster of its own
    clusters = clusters_from_compare(answer, events)
    assert clusters["d1"] == clusters["d2"] == ("incident", "i1")
    assert clusters["d3"] == ("incident", "i2")
    assert clusters["d4"] == ("single", "d4")


RECORDS = [
    Record("a", "gvc", "A gunman opened fire at a bakery on Elm Street, wounding the baker.", "Bakery shooting",
           "", {"incident": "1"}),
    Record("b", "gvc", "Police said the Elm Street bakery gunman fled after wounding the baker.", "Baker wounded",
           "", {"incident": "1"}),
    Record("c", "gvc", "Heavy rain flooded the valley road; farmers moved cattle uphill.", "Valley flood",
           "", {"incident": "2"}),
]


def test_tfidf_average_linkage_clusters_similar_texts():
    clusters = tfidf_clusters(RECORDS, 0.1)
    assert clusters["a"] == clusters["b"] != clusters["c"]
    # above any similarity, everything stays apart
    assert len(set(tfidf_clusters(RECORDS, 0.95).values())) == 3


def test_threshold_tuned_for_conll_f1_lowest_on_ties():
    # the flood shares no word with the others: every threshold that joins a and b is perfect; 0.05 is the lowest
    assert tune_threshold(RECORDS) == 0.05
