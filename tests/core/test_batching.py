"""Many documents in one call (Pipeline.extract_many, batching.extract_batch): the spaCy pass in batches
(nlp.pipe), the same response per document as extract, and each document's error its own."""

from __future__ import annotations

import time

import grpc
import pytest

from fieldreport.service import batching, errors
from fieldreport.service.document import DeadlineExceeded
from fieldreport.v1 import fieldreport_pb2 as pb

# Reports written for these tests; varied so that a batch mixes lengths, dates, places and counts.
REPORTS = [
    pb.Document(id="a", published="2021-03-14", text=(
        "Gunmen on motorbikes attacked a village near Djibo on Friday, killing at least 14 villagers and "
        "wounding nine others, a local official said. The army said on Saturday that soldiers had killed "
        "some 20 attackers in the clashes that followed.")),
    pb.Document(id="b", published="2019-11-02", title="Two dead in Kano blast", text=(
        "KANO, Nigeria (Reuters) - A bomb exploded at a market in Kano on Thursday morning, killing two "
        "traders, police said.")),
    pb.Document(id="c", text="   "),  # invalid: no text
    pb.Document(id="d", published="2022-06-30", text=(
        "Protesters marched through the centre of Harare on Tuesday to demand higher wages. Police fired "
        "tear gas and arrested 35 people, the lawyers' association said two days later.")),
    pb.Document(id="e", text="A quiet report.", published="30/06/2022"),  # invalid: malformed date
    pb.Document(id="f", published="2020-01-20", text=(
        "Three soldiers were killed and five wounded when their vehicle struck a roadside bomb in Helmand "
        "province on Sunday, the defence ministry said in a statement on Monday.")),
    pb.Document(id="g", text="Fighting resumed.", language="fr"),  # invalid: unsupported language
]


def one_by_one(pipeline, documents, options=None):
    """What extract gives per document (its response, or the error it raises)."""
    out = []
    for i, doc in enumerate(documents):
        try:
            out.append(pipeline.extract(doc, options, field=f"documents[{i}]"))
        except errors.FieldReportError as exc:
            out.append(exc)
    return out


def assert_same(got, expected):
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        if isinstance(e, pb.ExtractResponse):
            assert isinstance(g, pb.ExtractResponse), g
            assert g.SerializeToString(deterministic=True) == e.SerializeToString(deterministic=True)
        else:
            assert (g.code, g.reason, g.message, g.violations) == (e.code, e.reason, e.message, e.violations)


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_extract_many_gives_the_response_of_extract_for_each_document_and_keeps_the_errors(pipeline, batch_size):
    expected = one_by_one(pipeline, REPORTS)
    assert [type(e).__name__ for e in expected] == ["ExtractResponse"] * 2 + ["FieldReportError"] + \
        ["ExtractResponse", "FieldReportError", "ExtractResponse", "FieldReportError"]
    assert expected[0].events  # a real extraction, not an empty response on both sides
    got = pipeline.extract_many(REPORTS, pb.ExtractOptions(), batch_size=batch_size)
    assert_same(got, expected)
    assert [(g.reason, [f for f, _ in g.violations]) for g in got if isinstance(g, errors.FieldReportError)] == [
        ("EMPTY_TEXT", ["documents[2].text"]), ("MALFORMED_DATE", ["documents[4].published"]),
        ("UNSUPPORTED_LANGUAGE", ["documents[6].language"])]


def test_options_hold_for_every_document_of_the_batch(pipeline):
    options = pb.ExtractOptions(plugins=["dates"], encoding_type=pb.UTF16)
    got = pipeline.extract_many(REPORTS, options, batch_size=3)
    assert_same(got, one_by_one(pipeline, REPORTS, options))
    assert not any(r.events for r in got if isinstance(r, pb.ExtractResponse))  # only dates ran
    assert got[0].mentions.times


def test_fields_name_the_documents_as_the_caller_numbers_them(pipeline):
    got = pipeline.extract_many(REPORTS[2:5], fields=["documents[12]", "documents[13]", "documents[14]"])
    assert [f for f, _ in got[0].violations] == ["documents[12].text"]
    assert [f for f, _ in got[2].violations] == ["documents[14].published"]


def test_a_passed_deadline_stops_every_valid_document_and_still_names_the_invalid_ones(pipeline):
    got = pipeline.extract_many(REPORTS, deadline=time.monotonic() - 1, batch_size=2)
    assert [type(g).__name__ for g in got] == ["DeadlineExceeded", "DeadlineExceeded", "FieldReportError",
                                               "DeadlineExceeded", "FieldReportError", "DeadlineExceeded",
                                               "FieldReportError"]


def test_an_unknown_plugin_fails_the_whole_call(pipeline):
    with pytest.raises(errors.FieldReportError) as caught:
        pipeline.extract_many(REPORTS, pb.ExtractOptions(plugins=["dates", "nope"]))
    assert caught.value.reason == "UNKNOWN_PLUGIN"
    assert caught.value.violations == [("options.plugins[1]", "no plugin named 'nope' is loaded")]


def test_the_spacy_pass_runs_once_per_batch(pipeline, monkeypatch):
    calls = []
    real_pipe = pipeline.nlp.pipe

    def counting_pipe(texts, **kw):
        texts = list(texts)
        calls.append(len(texts))
        return real_pipe(texts, **kw)

    monkeypatch.setattr(pipeline.nlp, "pipe", counting_pipe)
    pipeline.extract_many(REPORTS, batch_size=3)
    assert calls == [2, 2, 0]  # [a b (c)] [d (e) f] [(g)]: the invalid ones are never parsed


def test_worker_batches_cross_as_bytes_and_give_the_same_responses(pipeline):
    batching.install(pipeline)
    docs = [d.SerializeToString() for d in REPORTS]
    out = batching.extract_batch(docs, pb.ExtractOptions().SerializeToString(), time.monotonic() + 600)
    expected = one_by_one(pipeline, REPORTS)
    assert_same([pb.ExtractResponse.FromString(o) if isinstance(o, bytes) else o for o in out], expected)
    late = batching.extract_batch(docs[:2], None, time.monotonic() - 1)
    assert [type(o) for o in late] == [DeadlineExceeded, DeadlineExceeded]
    with pytest.raises(errors.FieldReportError) as caught:
        batching.extract_batch(docs, pb.ExtractOptions(plugins=["nope"]).SerializeToString())
    assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT


def test_a_worker_forked_from_a_preloaded_fork_server_extracts_batches_as_this_process_does(pipeline):
    """The start-up the pool could use (README, Throughput): the fork server loads the Pipeline once
    (fieldreport.service.preload) and a worker forked from it has it without loading its own."""
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["fieldreport.service.preload"])
    docs = [d.SerializeToString() for d in REPORTS]
    with cf.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        out = pool.submit(batching.extract_batch, docs, None, None).result(timeout=600)
    assert_same([pb.ExtractResponse.FromString(o) if isinstance(o, bytes) else o for o in out],
                one_by_one(pipeline, REPORTS))
